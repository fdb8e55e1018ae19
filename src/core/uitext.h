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
	X(DONE, "ui.done", "Done", "The green button that closes the settings.")

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
