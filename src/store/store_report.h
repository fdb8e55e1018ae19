/* store_report: what the reports and the admin screens read. Answers come one by one from one
 * query (a report over a million answers reads them once, with no sort of its own); figures
 * are counted by SQLite. Every function returns 0 (or a count), or -1 with a message naming
 * the file. Nothing here writes. */
#ifndef PV_STORE_REPORT_H
#define PV_STORE_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

/* Days, YYYY-MM-DD, both included; NULL: no bound. A NULL period has no bound at all. */
struct store_period {
	const char *from, *to;
};

/* One answer, for the counts. values_json: the chosen values, a JSON array of strings as
 * store_answer wrote them; NULL for a refusal. The strings live until the callback returns. */
struct store_answer_row {
	const char *questionnaire;
	long version;
	const char *question;
	const char *values_json;
};
/* Calls fn once per stored answer, in no particular order. */
int store_each_answer(struct store *s, void (*fn)(void *ud, const struct store_answer_row *r), void *ud,
                      char *err, size_t n);

/* One answer with its session, for the exports. */
struct store_export_row {
	const char *session;
	const char *person; /* the stored pseudonym of a personal code, or NULL */
	const char *questionnaire;
	long version;
	const char *language, *day;
	bool completed;
	const char *end_reason; /* "completed", "idle", "left", "interrupted"; NULL while open */
	const char *question;
	bool refused;
	const char *values_json; /* as in store_answer_row */
};
/* Calls fn once per answer, ordered by day, session, question. */
int store_each_export_row(struct store *s, void (*fn)(void *ud, const struct store_export_row *r), void *ud,
                          char *err, size_t n);

/* Sessions of the period, of one questionnaire or (NULL) of all. */
long store_count_sessions(struct store *s, const struct store_period *p, const char *questionnaire, char *err,
                          size_t n);
/* Different personal codes among the period's sessions. */
long store_count_people(struct store *s, const struct store_period *p, char *err, size_t n);

/* The period's sessions by how they ended: counts[why] for each enum store_end, then
 * counts[STORE_ENDINGS - 1] for the sessions still open. */
#define STORE_ENDINGS 5
_Static_assert(STORE_ENDINGS == STORE_END_INTERRUPTED + 2, "each end of a session, then 'still open'");
int store_count_endings(struct store *s, const struct store_period *p, long counts[STORE_ENDINGS], char *err,
                        size_t n);

/* A labelled count: a week, a language, a chosen value. */
struct store_tally {
	char *label;
	long count;
	long people; /* different personal codes, or -1 where they are not counted */
};
struct store_tallies {
	struct store_tally *v;
	size_t n;
};
void store_tallies_free(struct store_tallies *t);
/* Sessions per week, labelled by its Monday (YYYY-MM-DD), oldest first, with their people. */
int store_count_weeks(struct store *s, const struct store_period *p, struct store_tallies *out, char *err, size_t n);
/* Sessions per language, the most used first, then by code. */
int store_count_languages(struct store *s, const struct store_period *p, struct store_tallies *out, char *err,
                          size_t n);
/* How many answers to `question` chose each value (an answer with several values counts once
 * for each), refusals apart; in no particular order. */
int store_count_values(struct store *s, const struct store_period *p, const char *questionnaire,
                       const char *question, struct store_tallies *out, char *err, size_t n);
/* The answers to `question`, refusals included, and how many of them are refusals. */
int store_count_answers(struct store *s, const struct store_period *p, const char *questionnaire,
                        const char *question, long *answered, long *refused, char *err, size_t n);
/* The answers to `question` with a value, and how many of them have a first value that, as a
 * number, is at least `at_least`. */
int store_count_at_least(struct store *s, const struct store_period *p, const char *questionnaire,
                         const char *question, int at_least, long *answers, long *reached, char *err, size_t n);
/* The first value, as a number, of each answer to `question` from a session with a personal
 * code: person after person, each one's in the order of their sessions. */
int store_each_person_number(struct store *s, const struct store_period *p, const char *questionnaire,
                             const char *question, void (*fn)(void *ud, const char *person, int value), void *ud,
                             char *err, size_t n);

/* Sessions of a day before `day`: what store_purge_before(day) would delete. */
long store_count_before(struct store *s, const char *day, char *err, size_t n);
/* All the sessions of a questionnaire, whatever the day. */
struct store_questionnaire_stats {
	long sessions, completed;
	char last_day[11]; /* YYYY-MM-DD, "" when there is none */
};
int store_questionnaire_stats(struct store *s, const char *questionnaire, struct store_questionnaire_stats *out,
                              char *err, size_t n);

#endif
