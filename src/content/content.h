/* content: questionnaires read from YAML files, validated, and held read-only.
 *
 * A content folder holds questionnaires/ (one YAML file each) and pictograms/ (SVG files named
 * by the `pictogram` fields). Everything a loaded questionnaire says has been checked: ids are
 * unique, pictograms exist, every `when` names an earlier question and one of its values. */
#ifndef PV_CONTENT_H
#define PV_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "i18n/uitext.h"

enum question_type {
	QT_SINGLE,   /* one choice among 2 to 6 */
	QT_MULTIPLE, /* any number of 2 to 6 choices */
	QT_SCALE3,   /* three faces, bad to good */
	QT_SCALE5,   /* five faces, very bad to very good */
	QT_YESNO,    /* yes / no / I don't know */
	QT_INFO,     /* a message with no answer */
	QT_STEPS,    /* four steps of what a person can do: not yet, a little, yes, I can explain it */
};

/* What content may hold, each checked where it is loaded, with its file:line:col. Translations
 * are not held to the byte limits: a screen takes a text of any length. */
#define CONTENT_MAX_TEXT_BYTES 600    /* a question's or an info screen's text: a few short sentences */
#define CONTENT_MAX_LABEL_BYTES 120   /* a card's label, a title, a short name: a few words */
#define CONTENT_MAX_ID_BYTES 64       /* an id (questionnaire, question, choice) or a pictogram's name */
#define CONTENT_MAX_CHOICES 6         /* a question's cards */
#define CONTENT_MAX_QUESTIONNAIRES 16 /* in one content folder: the menu shows a card for each */
#define CONTENT_MIN_STAR_BRANCHES 3   /* a progress star's questions */
#define CONTENT_MAX_STAR_BRANCHES 12
_Static_assert(CONTENT_MAX_LABEL_BYTES <= CONTENT_MAX_TEXT_BYTES, "a label is a short text");
/* A selection is a bit per choice (session.c). */
_Static_assert(CONTENT_MAX_CHOICES <= 32, "a question's choices fit in an unsigned bit set");

struct choice {
	char *id;
	char *key;       /* translation key: "<questionnaire>.<question>.<choice>" or a ui.* key */
	char *label;     /* in the questionnaire's language, or English for built-in choices */
	int builtin;     /* an enum ui_text for the built-in choices of scales and yes/no, else -1 */
	char *pictogram; /* file name without .svg, or NULL (check warns) */
	char *value;     /* what is stored; the id when not given */
};

/* Shown only when question `question` was answered with one of `values`. */
struct condition {
	char *question;
	size_t question_index; /* index of that question in its questionnaire */
	char **values;
	size_t nvalues;
};

struct question {
	char *id;
	enum question_type type;
	char *key; /* translation key of text: "<questionnaire>.<question>" */
	char *text;
	char *short_name; /* a name of one to three words, for progress ("Écouter"), or NULL */
	char *short_key;  /* its translation key: "<questionnaire>.<question>.short" */
	char *indicator;  /* a figure of the funders' report it gives ("satisfaction"), or NULL */
	char *pictogram;
	struct choice *choices;
	size_t nchoices;
	struct condition *when; /* NULL: always shown */
};

struct questionnaire {
	char *id;
	long version;
	char *title;
	char *title_key; /* the questionnaire's id */
	char *pictogram;
	char *language; /* the language its texts are written in (French) */
	bool linked;    /* the personal code is asked before it, to follow a person over time */
	enum progress_kind { PROGRESS_NONE, PROGRESS_STAR, PROGRESS_MOOD } progress; /* shown after it */
	int progress_question; /* PROGRESS_MOOD: the question whose faces are shown, else -1 */
	char *path; /* the file it came from */
	struct question *questions;
	size_t nquestions;
};

struct content;

/* Loads every *.yaml under dir/questionnaires, checking pictograms against pictodir (NULL:
 * dir/pictograms). Problems go to d; returns NULL only when d has errors. */
struct content *content_load_dir(const char *dir, const char *pictodir, struct diags *d);
/* Loads every *.yaml in qdir itself, checking pictograms against pictodir. */
struct content *content_load_folder(const char *qdir, const char *pictodir, struct diags *d);
/* Loads the given files (for `check`); same rules. */
struct content *content_load_files(const char *const *files, size_t n, const char *pictodir,
                                   struct diags *d);
void content_destroy(struct content *c);

size_t content_count(const struct content *c);
const struct questionnaire *content_get(const struct content *c, size_t i);
const struct questionnaire *content_find(const struct content *c, const char *id);
const char *content_pictodir(const struct content *c);

const char *question_type_name(enum question_type t);
/* The value of choice c as a number (1 to 99), or 0 when it is not one. */
int choice_number(const struct choice *c);
/* True when a question with this type stores several values. */
bool question_is_multiple(const struct question *q);
int questionnaire_find_question(const struct questionnaire *q, const char *id);
int question_find_value(const struct question *q, const char *value);

#endif
