/* uitext: every sentence the kiosk itself says or shows, in one table.
 *
 * Each has a key (its gettext msgctxt, and the name of its recording: assets/audio/<lang>/<key>.wav)
 * and an English msgid, the text translators start from. `pictovox pot` writes this table and the
 * questionnaires' texts into locales/pictovox.pot; no string of the kiosk lives anywhere else. */
#ifndef PV_UITEXT_H
#define PV_UITEXT_H

/* X(name, key, English, note for translators or NULL) */
#define UI_TEXTS(X)                                                                                  \
	X(START, "ui.start", "Touch the screen to start", NULL)                                      \
	X(MENU, "ui.menu", "Choose what you want to answer.", NULL)                                   \
	X(STILL_THERE, "ui.still-there", "Are you still there?", NULL)                                \
	X(TOUCH_CONTINUE, "ui.touch-continue", "Touch the button to continue.", NULL)                 \
	X(CONTINUE, "ui.continue", "Continue", "A button label: one or two words.")                  \
	X(THANKS, "ui.thanks", "Thank you.\nYour answers are saved.", NULL)                           \
	X(BACK, "ui.back", "Back", "A button label: one or two words.")                              \
	X(REPLAY, "ui.replay", "Listen again", "A button label: one or two words.")                  \
	X(LOUDER, "ui.louder", "Louder", "A button label: one or two words.")                        \
	X(QUIETER, "ui.quieter", "Quieter", "A button label: one or two words.")                     \
	X(CONFIRM, "ui.confirm", "Confirm", "The green button that confirms an answer.")             \
	X(NEXT, "ui.next", "Next", "The green button on a screen with no answer.")                   \
	X(REFUSE, "ui.refuse", "I prefer not to answer", "An answer card, under a raised hand.")     \
	X(SEVERAL, "ui.several", "You can choose several answers.", NULL)                             \
	X(THEN_CONFIRM, "ui.then-confirm", "Then touch the green button to confirm.", NULL)           \
	X(THEN_GO_ON, "ui.then-go-on", "Then touch the green button to go on.", NULL)                 \
	X(NOT_SAVED, "ui.not-saved", "Your answer is not saved yet.\nPlease ask for help.", NULL)     \
	X(VOLUME_SAMPLE, "ui.volume-sample", "I speak like this.", "Said at the new volume.")        \
	X(FIRST_TOUCH, "ui.first-touch", "First touch an answer.", NULL)                              \
	X(OR_HAND, "ui.or-hand", "Or touch the hand if you prefer not to answer.", NULL)              \
	X(SCALE3_1, "ui.scale3.1", "Not good", "Under a sad face.")                                  \
	X(SCALE3_2, "ui.scale3.2", "So-so", "Under a neutral face.")                                 \
	X(SCALE3_3, "ui.scale3.3", "Good", "Under a smiling face.")                                  \
	X(SCALE5_1, "ui.scale5.1", "Very bad", NULL)                                                 \
	X(SCALE5_2, "ui.scale5.2", "Bad", NULL)                                                      \
	X(SCALE5_3, "ui.scale5.3", "So-so", NULL)                                                    \
	X(SCALE5_4, "ui.scale5.4", "Good", NULL)                                                     \
	X(SCALE5_5, "ui.scale5.5", "Very good", NULL)                                                \
	X(YES, "ui.yes", "Yes", NULL)                                                                \
	X(NO, "ui.no", "No", NULL)                                                                   \
	X(DONT_KNOW, "ui.dont-know", "I don't know", NULL)                                           \
	X(LANGUAGE, "ui.language", "Language", "The button that opens the list of languages.")        \
	X(I_SPEAK, "ui.i-speak", "I speak English.",                                                 \
	  "Say that you speak THIS language, with its own name: \"Je parle français.\"")            \
	X(SETTINGS, "ui.settings", "Settings", "The button that opens the settings (a gear).")       \
	X(SETTINGS_INTRO, "ui.settings-intro", "Here you can change how I speak and how the screen looks.", \
	  NULL)                                                                                      \
	X(SLOWER, "ui.slower", "Slower", "A button label: speak more slowly.")                       \
	X(SLOWER_ON, "ui.slower-on", "I speak more slowly.", NULL)                                   \
	X(SLOWER_OFF, "ui.slower-off", "I speak at the usual speed.", NULL)                          \
	X(LARGER, "ui.larger", "Larger text", "A button label.")                                     \
	X(LARGER_ON, "ui.larger-on", "The text is larger.", NULL)                                    \
	X(LARGER_OFF, "ui.larger-off", "The text is back to its usual size.", NULL)                  \
	X(CONTRAST, "ui.contrast", "Strong colours", "A button label: high contrast.")               \
	X(CONTRAST_ON, "ui.contrast-on", "The colours are stronger.", NULL)                          \
	X(CONTRAST_OFF, "ui.contrast-off", "The colours are back to normal.", NULL)                  \
	X(DONE, "ui.done", "Done", "The green button that closes the settings.")                     \
	X(STEPS_1, "ui.steps.1", "Not yet", "A step of what a person can do: not able to do it yet.") \
	X(STEPS_2, "ui.steps.2", "A little", "A step: able to do it a little.")                      \
	X(STEPS_3, "ui.steps.3", "I can do it", "A step: able to do it.")                            \
	X(STEPS_4, "ui.steps.4", "I can explain it", "A step: able to do it and explain it to others.") \
	X(CODE_ASK, "ui.code-ask", "Do you have a personal code?\nWith your code, you see your progress.", \
	  "A personal code is four pictures a person chooses, instead of a name.")                   \
	X(CODE_MINE, "ui.code-mine", "My code", "A card: use my personal code.")                     \
	X(CODE_GUEST, "ui.code-guest", "No code", "A card: go on without a personal code.")          \
	X(CODE_ENTER, "ui.code-enter", "Touch four pictures, one after the other.\nThey are your code.", NULL) \
	X(UNDO, "ui.undo", "Undo", "A button: take back the last picture touched.")                 \
	X(CODE_KNOWN, "ui.code-known", "Welcome back.\nI know your code.", NULL)                    \
	X(CODE_NEW, "ui.code-new", "This is a new code.\nRemember these four pictures.", NULL)       \
	X(CODE_NO_MORE, "ui.code-no-more", "You have tried three codes.\nYou go on without a code.", NULL) \
	X(CODE_APPLE, "ui.code.apple", "Apple", "A picture of a personal code.")                    \
	X(CODE_FISH, "ui.code.fish", "Fish", "A picture of a personal code.")                       \
	X(CODE_STAR, "ui.code.star", "Star", "A picture of a personal code.")                       \
	X(CODE_TREE, "ui.code.tree", "Tree", "A picture of a personal code.")                       \
	X(CODE_UMBRELLA, "ui.code.umbrella", "Umbrella", "A picture of a personal code.")           \
	X(CODE_HORSE, "ui.code.horse", "Horse", "A picture of a personal code.")                    \
	X(CODE_ELEPHANT, "ui.code.elephant", "Elephant", "A picture of a personal code.")           \
	X(CODE_CARROT, "ui.code.carrot", "Carrot", "A picture of a personal code.")                 \
	X(CODE_FLOWER, "ui.code.flower", "Flower", "A picture of a personal code.")                 \
	X(CODE_ANCHOR, "ui.code.anchor", "Anchor", "A picture of a personal code.")                 \
	X(CODE_PENGUIN, "ui.code.penguin", "Penguin", "A picture of a personal code.")              \
	X(CODE_BICYCLE, "ui.code.bicycle", "Bicycle", "A picture of a personal code.")              \
	X(PROGRESS_INTRO, "ui.progress-intro", "Here is your progress.", NULL)                     \
	X(PROGRESS_FIRST, "ui.progress-first", "This is your first time.\nNext time, you will see your progress.", NULL) \
	X(PROGRESS_CHANGE, "ui.progress-change", "%s: you were at %d, you are at %d.",             \
	  "%s is a competence (\"Listening\"), the numbers are steps from 1 to 4. "                 \
	  "Keep %s, then the first %d, then the second %d, in that order.")                        \
	X(PROGRESS_SAME, "ui.progress-same", "%s: still at %d.", "%s is a competence, %d a step from 1 to 4.") \
	X(PROGRESS_THEN, "ui.progress-then", "The first time", "Legend of the star chart: the first evaluation.") \
	X(PROGRESS_NOW, "ui.progress-now", "Today", "Legend of the star chart: today's evaluation.") \
	X(MOOD, "ui.mood", "How you were, week after week.", "Over a row of faces, the oldest first.")

enum ui_text {
#define UI_ENUM(name, key, en, note) UI_##name,
	UI_TEXTS(UI_ENUM)
#undef UI_ENUM
	UI_COUNT
};

struct ui_text_def {
	const char *key, *msgid, *note;
};

extern const struct ui_text_def ui_texts[UI_COUNT];

#endif
