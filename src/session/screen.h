/* screen: what is on the screen and what is said, as data derived from the session. The
 * renderer draws it (after layout), the speech layer speaks it, --trace writes it out. */
#ifndef PV_SCREEN_H
#define PV_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "session/session.h"
#include "i18n/i18n.h"

enum screen_kind { SCREEN_WELCOME, SCREEN_MENU, SCREEN_QUESTION, SCREEN_INFO, SCREEN_STILL_THERE,
	           SCREEN_THANKS, SCREEN_LANGUAGE, SCREEN_SETTINGS, SCREEN_CODE_ASK, SCREEN_CODE,
	           SCREEN_CODE_RESULT, SCREEN_STAR, SCREEN_MOOD, SCREEN_ADMIN };

enum target_role { ROLE_START, ROLE_QUESTIONNAIRE, ROLE_CHOICE, ROLE_REFUSE, ROLE_CONFIRM, ROLE_BACK,
	           ROLE_REPLAY, ROLE_VOLUME_DOWN, ROLE_VOLUME_UP, ROLE_CONTINUE, ROLE_LANGUAGE,
	           ROLE_SETTINGS, ROLE_TOGGLE, ROLE_UNDO };

struct rect {
	int x, y, w, h;
};

/* The room of a target's id: "questionnaire:" or "choice:" and a content id, "language:" and
 * a code (screen.c checks each fits). */
#define SCREEN_TARGET_ID_BYTES 80

struct target {
	char id[SCREEN_TARGET_ID_BYTES]; /* stable across runs: "choice:<id>", "confirm", "volume-up"... */
	enum target_role role;
	const char *label;     /* what a touch on it says; borrowed */
	const char *lang;      /* the language of label */
	const char *pictogram; /* borrowed; NULL for none */
	bool selected;
	bool enabled;          /* a disabled target still answers a touch (with a hint) */
	struct action action;
};

struct utterance {
	const char *text; /* borrowed */
	const char *lang; /* the language it is in, whose voice says it */
	const char *key;  /* its translation key, the name of its recording; NULL for none */
	int target;       /* highlighted while spoken, or -1 */
	int text_at;      /* where it starts in the screen's main text (its words are highlighted
	                     there as they are said), or -1 */
};

/* The most targets and utterances a screen has: screen.c proves, kind by kind, that what
 * content and the language list may hold fits (and stops the kiosk if it ever did not). */
#define SCREEN_MAX_TARGETS 24
#define SCREEN_MAX_UTTERANCES 20
#define SCREEN_MAX_ROW 8 /* a personal code's places, or the faces of the last weeks */

struct screen {
	enum screen_kind kind;
	const char *questionnaire, *question; /* ids, or NULL */
	const char *text;                     /* the main text shown */
	const char *pictogram;                /* the main pictogram */
	const char *problem;                  /* a banner shown and spoken, or NULL */
	struct target targets[SCREEN_MAX_TARGETS];
	size_t ntargets;
	struct utterance utter[SCREEN_MAX_UTTERANCES]; /* what SPEAK_SCREEN says, in order */
	size_t nutter;
	int volume, volume_max;
	/* A row of pictograms: the personal code's four places (NULL: empty), or the faces of the
	 * last weeks, oldest first. */
	const char *row[SCREEN_MAX_ROW];
	size_t nrow;
	/* The star of a person's progress: one branch per question. */
	struct chart {
		size_t n;
		const char *picto[SESSION_MAX_BRANCHES];
		int first[SESSION_MAX_BRANCHES], latest[SESSION_MAX_BRANCHES]; /* steps; 0: none */
		int max;                   /* the outer ring's step */
		bool has_first;
		const char *legend_then, *legend_now;
	} chart;
	const char *lang;   /* the person's language */
	bool rtl;           /* it is written right to left: the layout is mirrored */
	bool slower, larger, contrast; /* the person's settings */
	const char *detail; /* admin screens: lines shown in the middle, or NULL */
	/* Texts the screen put together (a question and its hint, the sentences of progress),
	 * as long as they come: freed by screen_release. */
	char **owned;
	size_t nowned;
};

/* L may be NULL: every text then stays in its source language.
 *
 * Building fills every field of sc, whatever was in it before, and may allocate texts the screen
 * owns: call screen_release before sc is built again or goes away. Do not copy a built screen
 * and release both copies. */
void screen_build(struct screen *sc, const struct session *s, const struct i18n *L);
/* Frees what the screen put together; sc's texts may point there, so they are cleared too. A
 * zeroed or released screen may be released again. */
void screen_release(struct screen *sc);
/* The screen of question `index` as it first appears (nothing chosen), in the language and
 * settings of `like`, for preparing what it draws before it is needed. */
void screen_build_preview(struct screen *sc, const struct questionnaire *qn, size_t index,
                          const struct screen *like, const struct i18n *L);
/* What a speak request says: fills out (at most max) and returns how many utterances. */
size_t screen_speech(const struct screen *sc, struct speak_request r, const struct i18n *L,
                     struct utterance *out, size_t max);
/* All texts of SPEAK_SCREEN joined by spaces (line breaks too), into buf: cut at n bytes like
 * snprintf. Returns the whole text's length, so that a caller can give it room (length + 1). */
size_t screen_spoken_text(const struct screen *sc, char *buf, size_t n);
int screen_find(const struct screen *sc, const char *id);
int screen_find_action(const struct screen *sc, enum action_kind kind, int arg); /* target, or -1 */
const char *screen_kind_name(enum screen_kind k);
const char *target_role_name(enum target_role r);

#endif
