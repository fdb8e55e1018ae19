#include "store/store_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "store/store_impl.h"

#define READING "reading the answers"
/* The sessions of the period: ?1 and ?2 are its first and last day. */
#define IN_PERIOD " s.day >= ?1 AND s.day <= ?2 "

static int prepare_in(struct store *s, const char *sql, const struct store_period *p, sqlite3_stmt **st, char *err,
                      size_t n)
{
	if (store_prepare_once(s, sql, st, READING, err, n))
		return -1;
	sqlite3_bind_text(*st, 1, p && p->from ? p->from : "0000-00-00", -1, SQLITE_STATIC);
	sqlite3_bind_text(*st, 2, p && p->to ? p->to : "9999-99-99", -1, SQLITE_STATIC);
	return 0;
}

/* Ends a query whose last step returned rc: 0 if it ran to its end on a file that did not
 * change meanwhile (that first: a change can also make SQLite fail). */
static int finish(struct store *s, sqlite3_stmt *st, int rc, char *err, size_t n)
{
	int r = store_still_same(s, err, n);
	if (!r && rc != SQLITE_DONE)
		r = store_db_err(s, err, n, READING);
	sqlite3_finalize(st);
	return r;
}

/* Runs a query of one row of k integers into v. */
static int one_row(struct store *s, sqlite3_stmt *st, long *v, int k, char *err, size_t n)
{
	int rc = sqlite3_step(st);
	for (int i = 0; i < k; i++)
		v[i] = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, i) : 0;
	return finish(s, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, err, n);
}

static const char *text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

int store_each_answer(struct store *s, void (*fn)(void *ud, const struct store_answer_row *r), void *ud,
                      char *err, size_t n)
{
	sqlite3_stmt *st;
	if (store_prepare_once(s,
	                       "SELECT s.questionnaire, s.version, a.question, a.value_json"
	                       " FROM answers a JOIN sessions s ON s.id = a.session_id",
	                       &st, READING, err, n))
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_answer_row r = { text(st, 0), (long)sqlite3_column_int64(st, 1), text(st, 2), text(st, 3) };
		fn(ud, &r);
	}
	return finish(s, st, rc, err, n);
}

int store_each_export_row(struct store *s, void (*fn)(void *ud, const struct store_export_row *r), void *ud,
                          char *err, size_t n)
{
	sqlite3_stmt *st;
	if (store_prepare_once(s,
	                       "SELECT s.id, s.person, s.questionnaire, s.version, s.language, s.day, s.completed,"
	                       " s.end_reason, a.question, a.refused, a.value_json"
	                       " FROM sessions s JOIN answers a ON a.session_id = s.id ORDER BY s.day, s.id, a.question",
	                       &st, READING, err, n))
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_export_row r = {
			.session = text(st, 0),
			.person = text(st, 1),
			.questionnaire = text(st, 2),
			.version = (long)sqlite3_column_int64(st, 3),
			.language = text(st, 4),
			.day = text(st, 5),
			.completed = sqlite3_column_int(st, 6) != 0,
			.end_reason = text(st, 7),
			.question = text(st, 8),
			.refused = sqlite3_column_int(st, 9) != 0,
			.values_json = text(st, 10),
		};
		fn(ud, &r);
	}
	return finish(s, st, rc, err, n);
}

long store_count_sessions(struct store *s, const struct store_period *p, const char *questionnaire, char *err,
                          size_t n)
{
	sqlite3_stmt *st;
	long v;
	/* Two queries: an OR on the questionnaire would keep SQLite from its index. */
	if (prepare_in(s,
	               questionnaire ? "SELECT count(*) FROM sessions s WHERE" IN_PERIOD "AND s.questionnaire = ?3"
	                             : "SELECT count(*) FROM sessions s WHERE" IN_PERIOD,
	               p, &st, err, n))
		return -1;
	if (questionnaire)
		sqlite3_bind_text(st, 3, questionnaire, -1, SQLITE_STATIC);
	return one_row(s, st, &v, 1, err, n) ? -1 : v;
}

long store_count_people(struct store *s, const struct store_period *p, char *err, size_t n)
{
	sqlite3_stmt *st;
	long v;
	if (prepare_in(s, "SELECT count(DISTINCT person) FROM sessions s WHERE" IN_PERIOD "AND person IS NOT NULL", p,
	               &st, err, n))
		return -1;
	return one_row(s, st, &v, 1, err, n) ? -1 : v;
}

int store_count_endings(struct store *s, const struct store_period *p, long counts[STORE_ENDINGS], char *err,
                        size_t n)
{
	/* In the order of enum store_end, then the sessions with no end yet. */
	static const char *const names[STORE_ENDINGS] = { "completed", "idle", "left", "interrupted", "open" };
	sqlite3_stmt *st;
	memset(counts, 0, STORE_ENDINGS * sizeof *counts);
	if (prepare_in(s, "SELECT coalesce(end_reason, 'open'), count(*) FROM sessions s WHERE" IN_PERIOD "GROUP BY 1",
	               p, &st, err, n))
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (int i = 0; i < STORE_ENDINGS; i++)
			if (strcmp(text(st, 0), names[i]) == 0)
				counts[i] = (long)sqlite3_column_int64(st, 1);
	return finish(s, st, rc, err, n);
}

void store_tallies_free(struct store_tallies *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].label);
	free(t->v);
	*t = (struct store_tallies){ 0 };
}

/* Reads rows of (label, count[, people]) into out, as many as there are. */
static int tallies(struct store *s, sqlite3_stmt *st, struct store_tallies *out, char *err, size_t n)
{
	size_t cap = 0;
	*out = (struct store_tallies){ 0 };
	bool people = sqlite3_column_count(st) > 2;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			out->v = xrealloc(out->v, cap * sizeof *out->v);
		}
		const char *label = text(st, 0); /* NULL: a day that is no date, or a JSON null */
		out->v[out->n++] = (struct store_tally){ xstrdup(label ? label : ""), (long)sqlite3_column_int64(st, 1),
			                                 people ? (long)sqlite3_column_int64(st, 2) : -1 };
	}
	if (finish(s, st, rc, err, n)) {
		store_tallies_free(out);
		return -1;
	}
	return 0;
}

int store_count_weeks(struct store *s, const struct store_period *p, struct store_tallies *out, char *err, size_t n)
{
	sqlite3_stmt *st;
	*out = (struct store_tallies){ 0 };
	if (prepare_in(s,
	               "SELECT date(s.day, 'weekday 0', '-6 days') AS w, count(*), count(DISTINCT s.person)"
	               " FROM sessions s WHERE" IN_PERIOD "GROUP BY w ORDER BY w",
	               p, &st, err, n))
		return -1;
	return tallies(s, st, out, err, n);
}

int store_count_languages(struct store *s, const struct store_period *p, struct store_tallies *out, char *err,
                          size_t n)
{
	sqlite3_stmt *st;
	*out = (struct store_tallies){ 0 };
	if (prepare_in(s,
	               "SELECT s.language, count(*) FROM sessions s WHERE" IN_PERIOD
	               "GROUP BY s.language ORDER BY count(*) DESC, s.language",
	               p, &st, err, n))
		return -1;
	return tallies(s, st, out, err, n);
}

/* Prepares a query over the answers to one question of the period: ?3 the questionnaire, ?4
 * the question. */
static int prepare_question(struct store *s, const char *sql, const struct store_period *p,
                            const char *questionnaire, const char *question, sqlite3_stmt **st, char *err, size_t n)
{
	if (prepare_in(s, sql, p, st, err, n))
		return -1;
	sqlite3_bind_text(*st, 3, questionnaire, -1, SQLITE_STATIC);
	sqlite3_bind_text(*st, 4, question, -1, SQLITE_STATIC);
	return 0;
}

int store_count_values(struct store *s, const struct store_period *p, const char *questionnaire,
                       const char *question, struct store_tallies *out, char *err, size_t n)
{
	sqlite3_stmt *st;
	*out = (struct store_tallies){ 0 };
	if (prepare_question(s,
	                     "SELECT je.value, count(*) FROM sessions s JOIN answers a ON a.session_id = s.id,"
	                     " json_each(a.value_json) je WHERE" IN_PERIOD
	                     "AND s.questionnaire = ?3 AND a.question = ?4 AND a.refused = 0 GROUP BY je.value",
	                     p, questionnaire, question, &st, err, n))
		return -1;
	return tallies(s, st, out, err, n);
}

int store_count_answers(struct store *s, const struct store_period *p, const char *questionnaire,
                        const char *question, long *answered, long *refused, char *err, size_t n)
{
	sqlite3_stmt *st;
	long v[2] = { 0, 0 };
	if (prepare_question(s,
	                     "SELECT count(*), coalesce(sum(a.refused), 0) FROM sessions s JOIN answers a"
	                     " ON a.session_id = s.id WHERE" IN_PERIOD "AND s.questionnaire = ?3 AND a.question = ?4",
	                     p, questionnaire, question, &st, err, n))
		return -1;
	int rc = one_row(s, st, v, 2, err, n);
	*answered = v[0];
	*refused = v[1];
	return rc;
}

int store_count_at_least(struct store *s, const struct store_period *p, const char *questionnaire,
                         const char *question, int at_least, long *answers, long *reached, char *err, size_t n)
{
	sqlite3_stmt *st;
	long v[2] = { 0, 0 };
	if (prepare_question(s,
	                     "SELECT count(*), coalesce(sum(CAST(json_extract(a.value_json, '$[0]') AS INTEGER) >= ?5), 0)"
	                     " FROM sessions s JOIN answers a ON a.session_id = s.id WHERE" IN_PERIOD
	                     "AND s.questionnaire = ?3 AND a.question = ?4 AND a.refused = 0",
	                     p, questionnaire, question, &st, err, n))
		return -1;
	sqlite3_bind_int(st, 5, at_least);
	int rc = one_row(s, st, v, 2, err, n);
	*answers = v[0];
	*reached = v[1];
	return rc;
}

int store_each_person_number(struct store *s, const struct store_period *p, const char *questionnaire,
                             const char *question, void (*fn)(void *ud, const char *person, int value), void *ud,
                             char *err, size_t n)
{
	sqlite3_stmt *st;
	if (prepare_question(s,
	                     "SELECT s.person, s.person_seq, CAST(json_extract(a.value_json, '$[0]') AS INTEGER)"
	                     " FROM sessions s JOIN answers a ON a.session_id = s.id WHERE" IN_PERIOD
	                     "AND s.questionnaire = ?3 AND a.question = ?4 AND a.refused = 0"
	                     " AND s.person IS NOT NULL ORDER BY s.person, s.person_seq",
	                     p, questionnaire, question, &st, err, n))
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ud, text(st, 0), sqlite3_column_int(st, 2));
	return finish(s, st, rc, err, n);
}

long store_count_before(struct store *s, const char *day, char *err, size_t n)
{
	sqlite3_stmt *st;
	long v;
	if (store_prepare_once(s, "SELECT count(*) FROM sessions WHERE day < ?", &st, READING, err, n))
		return -1;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	return one_row(s, st, &v, 1, err, n) ? -1 : v;
}

int store_questionnaire_stats(struct store *s, const char *questionnaire, struct store_questionnaire_stats *out,
                              char *err, size_t n)
{
	sqlite3_stmt *st;
	*out = (struct store_questionnaire_stats){ 0 };
	if (store_prepare_once(s,
	                       "SELECT count(*), coalesce(sum(completed), 0), coalesce(max(day), '') FROM sessions"
	                       " WHERE questionnaire = ?",
	                       &st, READING, err, n))
		return -1;
	sqlite3_bind_text(st, 1, questionnaire, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return finish(s, st, rc, err, n);
	out->sessions = (long)sqlite3_column_int64(st, 0);
	out->completed = (long)sqlite3_column_int64(st, 1);
	const char *last = text(st, 2);
	if (strlen(last) >= sizeof out->last_day) { /* the schema's CHECK keeps this from happening */
		pv_err(err, n, "%s: %s: a day that is not YYYY-MM-DD: '%.40s'", s->path, READING, last);
		sqlite3_finalize(st);
		return -1;
	}
	memcpy(out->last_day, last, strlen(last) + 1);
	return finish(s, st, SQLITE_DONE, err, n);
}
