#include "report/summary.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "base/util.h"

size_t summary_suppress(const long *counts, size_t n, int min, bool total_shown, bool *hidden)
{
	size_t nh = 0;
	for (size_t i = 0; i < n; i++) {
		hidden[i] = counts[i] > 0 && counts[i] < min;
		nh += hidden[i];
	}
	if (nh == 1 && total_shown) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (!hidden[i] && counts[i] > 0 && (best == n || counts[i] < counts[best]))
				best = i;
		if (best < n) {
			hidden[best] = true;
			nh++;
		}
	}
	return nh;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double quantile(const double *v, size_t n, double q)
{
	double at = q * (double)(n - 1);
	size_t i = (size_t)at;
	return i + 1 < n ? v[i] + (at - (double)i) * (v[i + 1] - v[i]) : v[n - 1];
}

void summary_quartiles(double *v, size_t n, double *q1, double *median, double *q3)
{
	if (!n) {
		*q1 = *median = *q3 = 0;
		return;
	}
	qsort(v, n, sizeof *v, cmp_double);
	*q1 = quantile(v, n, 0.25);
	*median = quantile(v, n, 0.5);
	*q3 = quantile(v, n, 0.75);
}

/* The query context: the database, the period, the minimum group. */
struct q {
	sqlite3 *db;
	const char *from, *to;
	int min;
	const struct i18n *L;
	const char *lang;
	char *err;
	size_t n;
	int failed;
};

static sqlite3_stmt *prep(struct q *q, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (q->failed)
		return NULL;
	if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL) != SQLITE_OK) {
		pv_err(q->err, q->n, "reading the answers: %s", sqlite3_errmsg(q->db));
		q->failed = 1;
		return NULL;
	}
	sqlite3_bind_text(st, 1, q->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, q->to, -1, SQLITE_STATIC);
	return st;
}

static bool step(struct q *q, sqlite3_stmt *st)
{
	if (!st)
		return false;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return true;
	if (rc != SQLITE_DONE && !q->failed) {
		pv_err(q->err, q->n, "reading the answers: %s", sqlite3_errmsg(q->db));
		q->failed = 1;
	}
	return false;
}

#define IN_PERIOD " s.day >= ?1 AND s.day <= ?2 "

static long one_number(struct q *q, const char *sql, const char *arg)
{
	sqlite3_stmt *st = prep(q, sql);
	if (st && arg)
		sqlite3_bind_text(st, 3, arg, -1, SQLITE_STATIC);
	long v = step(q, st) ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return v;
}

/* A count, or null when it is hidden. */
static cJSON *count_or_null(long v, bool hidden)
{
	return hidden ? cJSON_CreateNull() : cJSON_CreateNumber((double)v);
}

/* A table of labelled counts whose total is shown beside it: weeks, languages. */
static cJSON *counts_table(struct q *q, const char *sql, const char *label, const char *count, int min)
{
	cJSON *arr = cJSON_CreateArray();
	sqlite3_stmt *st = prep(q, sql);
	char *labels[512];
	long counts[512], people[512];
	size_t n = 0;
	while (step(q, st) && n < 512) {
		labels[n] = xstrdup((const char *)sqlite3_column_text(st, 0));
		counts[n] = (long)sqlite3_column_int64(st, 1);
		people[n] = sqlite3_column_count(st) > 2 ? (long)sqlite3_column_int64(st, 2) : -1;
		n++;
	}
	sqlite3_finalize(st);
	bool hidden[512], phidden[512];
	summary_suppress(counts, n, min, true, hidden);
	summary_suppress(people, n, min, false, phidden); /* people across weeks do not add up */
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, label, labels[i]);
		cJSON_AddItemToObject(o, count, count_or_null(counts[i], hidden[i]));
		if (people[i] >= 0)
			cJSON_AddItemToObject(o, "people", count_or_null(people[i], phidden[i]));
		cJSON_AddItemToArray(arr, o);
		free(labels[i]);
	}
	return arr;
}

/* One question: how many answered, and how many chose each choice or refused. */
static cJSON *question_counts(struct q *q, const struct questionnaire *qn, const struct question *qu)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", qu->id);
	cJSON_AddStringToObject(o, "type", question_type_name(qu->type));
	cJSON_AddStringToObject(o, "text", qu->text);
	if (qu->pictogram)
		cJSON_AddStringToObject(o, "pictogram", qu->pictogram);
	long counts[CONTENT_MAX_CHOICES + 1] = { 0 };
	size_t nc = qu->nchoices;
	sqlite3_stmt *st = prep(q, "SELECT je.value, count(*) FROM sessions s JOIN answers a ON a.session_id = s.id,"
	                           " json_each(a.value_json) je WHERE" IN_PERIOD
	                           "AND s.questionnaire = ?3 AND a.question = ?4 AND a.refused = 0 GROUP BY je.value");
	if (st) {
		sqlite3_bind_text(st, 3, qn->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, qu->id, -1, SQLITE_STATIC);
	}
	while (step(q, st)) {
		int k = question_find_value(qu, (const char *)sqlite3_column_text(st, 0));
		if (k >= 0)
			counts[k] = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	long answered = 0, refused = 0;
	st = prep(q, "SELECT count(*), coalesce(sum(a.refused), 0) FROM sessions s JOIN answers a ON a.session_id = s.id"
	             " WHERE" IN_PERIOD "AND s.questionnaire = ?3 AND a.question = ?4");
	if (st) {
		sqlite3_bind_text(st, 3, qn->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, qu->id, -1, SQLITE_STATIC);
	}
	if (step(q, st)) {
		answered = (long)sqlite3_column_int64(st, 0);
		refused = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	counts[nc] = refused;
	bool hidden[CONTENT_MAX_CHOICES + 1];
	bool all_hidden = answered > 0 && answered < q->min;
	summary_suppress(counts, nc + 1, q->min, !question_is_multiple(qu), hidden);
	cJSON_AddItemToObject(o, "answered", count_or_null(answered, all_hidden));
	cJSON *choices = cJSON_AddArrayToObject(o, "choices");
	for (size_t i = 0; i < nc; i++) {
		const struct choice *ch = &qu->choices[i];
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "value", ch->value);
		struct tstr label = ch->builtin >= 0 ? i18n_ui(q->L, q->lang, (enum ui_text)ch->builtin)
		                                     : i18n_get(q->L, q->lang, ch->key, ch->label, qn->language);
		cJSON_AddStringToObject(c, "label", label.text);
		if (ch->pictogram)
			cJSON_AddStringToObject(c, "pictogram", ch->pictogram);
		cJSON_AddItemToObject(c, "count", count_or_null(counts[i], hidden[i] || all_hidden));
		cJSON_AddItemToArray(choices, c);
	}
	cJSON_AddItemToObject(o, "refused", count_or_null(refused, hidden[nc] || all_hidden));
	return o;
}

/* The satisfaction rate: the share of answers in the top two faces of a five-face scale (the top
 * one of three), against the target. */
static cJSON *satisfaction(struct q *q, const struct questionnaire *qn, const struct question *qu, double target)
{
	int top = qu->type == QT_SCALE5 ? 4 : 3;
	char sql[512];
	snprintf(sql, sizeof sql,
	         "SELECT count(*), coalesce(sum(CAST(json_extract(a.value_json, '$[0]') AS INTEGER) >= %d), 0)"
	         " FROM sessions s JOIN answers a ON a.session_id = s.id WHERE" IN_PERIOD
	         "AND s.questionnaire = ?3 AND a.question = ?4 AND a.refused = 0",
	         top);
	sqlite3_stmt *st = prep(q, sql);
	if (st) {
		sqlite3_bind_text(st, 3, qn->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, qu->id, -1, SQLITE_STATIC);
	}
	long answers = 0, satisfied = 0;
	if (step(q, st)) {
		answers = (long)sqlite3_column_int64(st, 0);
		satisfied = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "questionnaire", qn->id);
	cJSON_AddStringToObject(o, "question", qu->id);
	cJSON_AddNumberToObject(o, "target", target);
	cJSON_AddNumberToObject(o, "satisfied_from", top);
	bool hide = answers < q->min;
	cJSON_AddItemToObject(o, "answers", count_or_null(answers, hide && answers > 0));
	/* A rate shows the split: both its parts must be large enough, or it says too much. */
	bool hide_rate = hide || (satisfied < q->min && satisfied > 0) ||
	                 (answers - satisfied < q->min && answers > satisfied);
	if (hide_rate || !answers) {
		cJSON_AddNullToObject(o, "satisfied");
		cJSON_AddNullToObject(o, "rate");
		cJSON_AddNullToObject(o, "met");
	} else {
		cJSON_AddNumberToObject(o, "satisfied", (double)satisfied);
		cJSON_AddNumberToObject(o, "rate", (double)satisfied / (double)answers);
		cJSON_AddBoolToObject(o, "met", (double)satisfied / (double)answers >= target);
	}
	return o;
}

static cJSON *spread(double *v, size_t n)
{
	double q1, med, q3;
	summary_quartiles(v, n, &q1, &med, &q3);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "q1", q1);
	cJSON_AddNumberToObject(o, "median", med);
	cJSON_AddNumberToObject(o, "q3", q3);
	return o;
}

/* Per competence, among people with two self-evaluations or more: their first and their latest. */
static cJSON *competences(struct q *q, const struct questionnaire *qn)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < qn->nquestions; i++) {
		const struct question *qu = &qn->questions[i];
		if (qu->type == QT_INFO)
			continue;
		sqlite3_stmt *st = prep(q, "SELECT s.person, s.person_seq, CAST(json_extract(a.value_json, '$[0]') AS INTEGER)"
		                           " FROM sessions s JOIN answers a ON a.session_id = s.id WHERE" IN_PERIOD
		                           "AND s.questionnaire = ?3 AND a.question = ?4 AND a.refused = 0"
		                           " AND s.person IS NOT NULL ORDER BY s.person, s.person_seq");
		if (st) {
			sqlite3_bind_text(st, 3, qn->id, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, qu->id, -1, SQLITE_STATIC);
		}
		size_t cap = 64, np = 0;
		double *first = xmalloc(cap * sizeof *first), *latest = xmalloc(cap * sizeof *latest);
		char person[40] = "";
		int nseen = 0;
		while (step(q, st)) {
			const char *p = (const char *)sqlite3_column_text(st, 0);
			int v = sqlite3_column_int(st, 2);
			if (strcmp(p, person) != 0) { /* a new person */
				if (nseen >= 2)
					np++;
				snprintf(person, sizeof person, "%s", p);
				nseen = 0;
				if (np == cap) {
					cap *= 2;
					first = xrealloc(first, cap * sizeof *first);
					latest = xrealloc(latest, cap * sizeof *latest);
				}
				first[np] = v;
			}
			latest[np] = v;
			nseen++;
		}
		if (nseen >= 2)
			np++;
		sqlite3_finalize(st);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", qu->id);
		cJSON_AddStringToObject(o, "name", qu->short_name ? qu->short_name : qu->id);
		if (qu->pictogram)
			cJSON_AddStringToObject(o, "pictogram", qu->pictogram);
		bool hide = np > 0 && np < (size_t)q->min;
		cJSON_AddItemToObject(o, "people", count_or_null((long)np, hide));
		if (hide || !np) {
			cJSON_AddNullToObject(o, "first");
			cJSON_AddNullToObject(o, "latest");
		} else {
			cJSON_AddItemToObject(o, "first", spread(first, np));
			cJSON_AddItemToObject(o, "latest", spread(latest, np));
		}
		cJSON_AddItemToArray(arr, o);
		free(first);
		free(latest);
	}
	return arr;
}

cJSON *summary_build(struct store *s, const struct content *c, const struct summary_options *o, char *err,
                     size_t n)
{
	struct q q = { store_sqlite(s), o->from ? o->from : "0000-00-00", o->to ? o->to : "9999-99-99",
		       o->min_group > 0 ? o->min_group : REPORT_MIN_GROUP, o->L, o->lang ? o->lang : "fr", err, n, 0 };
	double target = o->satisfaction_target > 0 ? o->satisfaction_target : 0.5;
	cJSON *root = cJSON_CreateObject();
	cJSON *period = cJSON_AddObjectToObject(root, "period");
	cJSON_AddItemToObject(period, "from", o->from ? cJSON_CreateString(o->from) : cJSON_CreateNull());
	cJSON_AddItemToObject(period, "to", o->to ? cJSON_CreateString(o->to) : cJSON_CreateNull());
	cJSON_AddNumberToObject(root, "min_group", q.min);

	long sessions = one_number(&q, "SELECT count(*) FROM sessions s WHERE" IN_PERIOD, NULL);
	cJSON_AddItemToObject(root, "sessions", count_or_null(sessions, sessions > 0 && sessions < q.min));
	long people = one_number(&q, "SELECT count(DISTINCT person) FROM sessions s WHERE" IN_PERIOD "AND person IS NOT NULL",
	                         NULL);
	cJSON_AddItemToObject(root, "people_with_code", count_or_null(people, people > 0 && people < q.min));

	/* How sessions ended: completed, nobody there, left for another questionnaire, cut off. */
	long ends[5] = { 0 };
	static const char *const end_names[5] = { "completed", "idle", "left", "interrupted", "open" };
	sqlite3_stmt *st = prep(&q, "SELECT coalesce(end_reason, 'open'), count(*) FROM sessions s WHERE" IN_PERIOD
	                            "GROUP BY 1");
	while (step(&q, st))
		for (int i = 0; i < 5; i++)
			if (strcmp((const char *)sqlite3_column_text(st, 0), end_names[i]) == 0)
				ends[i] = (long)sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	bool ehidden[5];
	summary_suppress(ends, 5, q.min, true, ehidden);
	cJSON *endings = cJSON_AddObjectToObject(root, "endings");
	for (int i = 0; i < 5; i++)
		cJSON_AddItemToObject(endings, end_names[i], count_or_null(ends[i], ehidden[i]));

	cJSON_AddItemToObject(root, "weeks",
	                      counts_table(&q,
	                                   "SELECT date(s.day, 'weekday 0', '-6 days') AS w, count(*), count(DISTINCT s.person)"
	                                   " FROM sessions s WHERE" IN_PERIOD "GROUP BY w ORDER BY w",
	                                   "week", "sessions", q.min));
	cJSON_AddItemToObject(root, "languages",
	                      counts_table(&q,
	                                   "SELECT s.language, count(*) FROM sessions s WHERE" IN_PERIOD
	                                   "GROUP BY s.language ORDER BY count(*) DESC, s.language",
	                                   "language", "sessions", q.min));

	cJSON *qns = cJSON_AddArrayToObject(root, "questionnaires");
	cJSON *sat = NULL, *comp = NULL;
	for (size_t i = 0; i < content_count(c); i++) {
		const struct questionnaire *qn = content_get(c, i);
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "id", qn->id);
		cJSON_AddStringToObject(j, "title", qn->title);
		cJSON_AddStringToObject(j, "pictogram", qn->pictogram);
		long ns = one_number(&q, "SELECT count(*) FROM sessions s WHERE" IN_PERIOD "AND s.questionnaire = ?3", qn->id);
		cJSON_AddItemToObject(j, "sessions", count_or_null(ns, ns > 0 && ns < q.min));
		cJSON *qs = cJSON_AddArrayToObject(j, "questions");
		for (size_t k = 0; k < qn->nquestions; k++) {
			const struct question *qu = &qn->questions[k];
			if (qu->type == QT_INFO)
				continue;
			cJSON_AddItemToArray(qs, question_counts(&q, qn, qu));
			if (!sat && qu->indicator && strcmp(qu->indicator, "satisfaction") == 0)
				sat = satisfaction(&q, qn, qu, target);
		}
		cJSON_AddItemToArray(qns, j);
		if (!comp && qn->progress == PROGRESS_STAR)
			comp = competences(&q, qn);
	}
	cJSON_AddItemToObject(root, "satisfaction", sat ? sat : cJSON_CreateNull());
	cJSON_AddItemToObject(root, "competences", comp ? comp : cJSON_CreateArray());
	if (q.failed) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}
