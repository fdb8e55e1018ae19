/* session: the one owner of what a person is doing at the kiosk. Input becomes an action;
 * session_apply changes state; the screen and the speech are derived from that state.
 *
 * States: welcome -> (menu) -> question ... -> thanks -> welcome, with "still there?" after a
 * silence. Each confirmed answer is stored durably before the next question is entered; if
 * storing fails, the person stays on the question, the answer is kept in memory, and a problem
 * is shown and spoken. */
#ifndef PV_SESSION_H
#define PV_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "content/content.h"
#include "i18n/i18n.h"
#include "store/store.h"

enum session_state { SS_WELCOME, SS_MENU, SS_QUESTION, SS_STILL_THERE, SS_THANKS, SS_LANGUAGE,
	             SS_SETTINGS, SS_CODE_ASK, SS_CODE, SS_CODE_RESULT, SS_PROGRESS, SS_COUNT };

/* What the settings screen changes for one person; all back to off when the session ends. */
enum session_setting { SET_SLOWER, SET_LARGER, SET_CONTRAST, SET_COUNT };

enum action_kind {
	A_START,       /* touch on the welcome screen */
	A_OPEN,        /* arg: index of the questionnaire in the menu */
	A_SELECT,      /* arg: index of the choice */
	A_REFUSE,      /* "I prefer not to answer" */
	A_CONFIRM,
	A_BACK,
	A_REPLAY,      /* speak the screen again */
	A_CONTINUE,    /* "still there?" answered, or thanks closed */
	A_VOLUME_UP,
	A_VOLUME_DOWN,
	A_LANGUAGES,   /* the language button on the welcome screen */
	A_SETTINGS,    /* the settings button */
	A_TOGGLE,      /* arg: an enum session_setting */
	A_UNDO,        /* the personal code: take back the last pictogram */
};

struct action {
	enum action_kind kind;
	int arg;
};

/* What the speech layer should say now; seq changes each time something new is asked, and
 * a new request always cuts off the old one. */
enum speak_what {
	SPEAK_NOTHING, /* silence (the welcome screen) */
	SPEAK_SCREEN,  /* everything on the screen, in order */
	SPEAK_CHOICE,  /* the label of choice `arg` */
	SPEAK_REFUSE,  /* the refusal card's label */
	SPEAK_VOLUME,  /* a short sample at the new volume */
	SPEAK_HINT,    /* confirm touched with nothing chosen */
	SPEAK_PROBLEM, /* the answer could not be stored */
	SPEAK_LANGUAGE, /* "I speak <language>" in language `arg` (an index in the options' list) */
	SPEAK_SETTING,  /* the new state of setting `arg` */
	SPEAK_SYMBOL,   /* the name of code pictogram `arg` (touched, or taken back) */
};

struct speak_request {
	unsigned seq;
	enum speak_what what;
	int arg;
};

/* Time comes from outside so that tests can drive it. */
struct session_clock {
	double (*now_ms)(void *ud);
	void (*today)(void *ud, char day[11]); /* YYYY-MM-DD, local */
	void *ud;
};

/* Told after each durable commit (for the trace) and at each end of a session. */
struct session_observer {
	void (*stored)(void *ud, const struct store_session *ss, const char *question, bool refused,
	               const char *const *values, size_t nvalues);
	void (*ended)(void *ud, const struct store_session *ss, enum store_end why);
	void *ud;
};

struct session_options {
	const struct questionnaire *const *offered; /* menu order; one: no menu */
	size_t noffered;
	const char *language;                 /* the kiosk's default: each person starts in it */
	const char *const *languages;         /* the language grid, in order */
	size_t nlanguages;
	int idle_ms, grace_ms, thanks_ms; /* 0: 90 s, 20 s, 6 s */
	int volume_default;               /* 0..SESSION_VOLUME_MAX */
	struct session_clock clock;
	struct session_observer observer;
	struct store *store; /* NULL: answers are kept in memory only (tests of navigation) */
	/* The pseudonym of a personal code (person.h). NULL: no codes on this kiosk (no secret), and
	 * linked questionnaires are answered without one. */
	int (*person_id)(void *ud, const int code[4], char out[33]);
	void *person_ud;
};

/* What a person's progress screen shows, read from the store when their questionnaire ends. */
#define SESSION_MAX_BRANCHES CONTENT_MAX_STAR_BRANCHES
#define SESSION_MAX_MOOD 8
struct session_progress {
	size_t n;                          /* star: branches (the answered questions, in order) */
	int question[SESSION_MAX_BRANCHES]; /* their indices in the questionnaire */
	int first[SESSION_MAX_BRANCHES];    /* the first time (0: not answered then) */
	int latest[SESSION_MAX_BRANCHES];   /* this time (0: not answered) */
	bool has_first;                     /* an earlier session exists */
	int mood[SESSION_MAX_MOOD];         /* mood: the values, oldest first, this week last */
	size_t nmood;
};

/* The code question's two answers: A_SELECT's arg there. */
enum code_ask_choice { CODE_ASK_MINE, CODE_ASK_GUEST };

/* Why the code-result screen shows: a code seen before, a new one, or too many tries. */
enum code_result { CODE_KNOWN, CODE_NEW, CODE_NO_MORE };
#define SESSION_CODE_TRIES 3

#define SESSION_VOLUME_MAX 10

struct session;

struct session *session_create(const struct session_options *o);
void session_destroy(struct session *s);

/* Returns true when anything a person sees or hears changed. */
bool session_apply(struct session *s, struct action a);
/* Fires timeouts that are due. Returns true when the state changed. */
bool session_tick(struct session *s);
/* When session_tick next has something to do, in the clock's milliseconds (or a huge value). */
double session_deadline(const struct session *s);

enum session_state session_state(const struct session *s);
const char *session_state_name(enum session_state st);
const struct questionnaire *session_questionnaire(const struct session *s); /* NULL outside one */
const struct question *session_question(const struct session *s);           /* NULL outside one */
int session_question_index(const struct session *s);
size_t session_offered_count(const struct session *s);
const struct questionnaire *session_offered(const struct session *s, size_t i);
bool session_choice_selected(const struct session *s, size_t choice);
bool session_refusal_selected(const struct session *s);
bool session_can_confirm(const struct session *s);
bool session_can_go_back(const struct session *s);
bool session_first_question(const struct session *s); /* the first question screen of this visit */
int session_volume(const struct session *s);
/* The language this person sees and hears. */
const char *session_language(const struct session *s);
/* On the language grid: the language touched and not yet confirmed, or -1. */
int session_language_choice(const struct session *s);
size_t session_language_count(const struct session *s);
const char *session_language_code(const struct session *s, size_t i);
bool session_setting(const struct session *s, enum session_setting which);
/* The personal code being entered: how many pictograms so far, and which. */
size_t session_code(const struct session *s, int code[4]);
enum code_result session_code_result(const struct session *s);
bool session_has_person(const struct session *s); /* a code was entered for this session */
const struct session_progress *session_progress_data(const struct session *s); /* on SS_PROGRESS */
const struct questionnaire *session_questionnaire_done(const struct session *s); /* on SS_PROGRESS */
/* Where the settings screen returns to. */
enum session_state session_settings_return(const struct session *s);
const char *session_problem(const struct session *s); /* why the last store failed, or NULL */
struct speak_request session_speak(const struct session *s);
const struct store_session *session_record(const struct session *s);
/* Where the person is: counts questions shown so far and those still possible. */
void session_progress(const struct session *s, int *done, int *total);

/* A screen one touch away, and how to reach it: the actions from the current state, in order.
 * The last one leaves the screen; one before it only chooses on it (an answer, a language). */
#define SESSION_NEXT_PATH 2
struct next_screen {
	struct action path[SESSION_NEXT_PATH];
	size_t npath;
};
/* The most there are: a language grid's cards (each chosen, then confirm), confirm, back and
 * settings; fewer anywhere else. */
#define SESSION_MAX_NEXT (I18N_MAX_LANGUAGES + 3)

/* The screens one touch away, the most likely first, from the content and the state (a
 * questionnaire's conditions, the code question's answers by name): the current answer's next
 * question, then each other answer's, then back and settings. A personal code being confirmed
 * is left out (a rehearsal never makes a pseudonym). Fills at most max; returns how many there
 * are. */
size_t session_next_screens(const struct session *s, struct next_screen *out, size_t max);
/* A throwaway copy of s, with next's path applied (next NULL: as s is), for building ahead the
 * screen it leads to: it reads the store (a person's progress) but writes nothing, tells no
 * observer, and refuses personal codes. Destroy it with session_destroy. */
struct session *session_rehearse(const struct session *s, const struct next_screen *next);

#endif
