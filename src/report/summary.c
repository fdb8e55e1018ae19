#include "report/summary.h"

#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "base/util.h"
#include "store/store_report.h"

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

/* The query context: the database, the period, the minimum group. The first error is kept in
 * err; the reads after it are skipped. */
struct q {
	struct store *s;
	struct store_period period;
	int min;
	const struct i18n *L;
	const char *lang;
	char *err;
	size_t n;
	int failed;
};

/* Whether a read may run: none after a failure. */
static bool may_read(const struct q *q)
{
	return !q->failed;
}

/* Notes a read's result: false (and the summary fails) when it is -1. */
static bool read_ok(struct q *q, long rc)
{
	if (rc < 0)
		q->failed = 1;
	return rc >= 0;
}

/* A count that was read, or 0 after a failure. */
static long counted(struct q *q, long v)
{
	return read_ok(q, v) ? v : 0;
}

/* A count, or null when it is hidden. */
static cJSON *count_or_null(long v, bool hidden)
{
	return hidden ? cJSON_CreateNull() : cJSON_CreateNumber((double)v);
}

/* A table of labelled counts whose total is shown beside it: weeks, languages. */
static cJSON *counts_table(struct store_tallies *t, const char *label, const char *count, int min)
{
	cJSON *arr = cJSON_CreateArray();
	long *counts = xcalloc(t->n + 1, sizeof *counts), *people = xcalloc(t->n + 1, sizeof *people);
	bool *hidden = xcalloc(t->n + 1, sizeof *hidden), *phidden = xcalloc(t->n + 1, sizeof *phidden);
	for (size_t i = 0; i < t->n; i++) {
		counts[i] = t->v[i].count;
		people[i] = t->v[i].people;
	}
	summary_suppress(counts, t->n, min, true, hidden);
	summary_suppress(people, t->n, min, false, phidden); /* people across weeks do not add up */
	for (size_t i = 0; i < t->n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, label, t->v[i].label);
		cJSON_AddItemToObject(o, count, count_or_null(counts[i], hidden[i]));
		if (people[i] >= 0)
			cJSON_AddItemToObject(o, "people", count_or_null(people[i], phidden[i]));
		cJSON_AddItemToArray(arr, o);
	}
	free(counts);
	free(people);
	free(hidden);
	free(phidden);
	store_tallies_free(t);
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
	struct store_tallies values = { 0 };
	if (may_read(q) &&
	    read_ok(q, store_count_values(q->s, &q->period, qn->id, qu->id, &values, q->err, q->n)))
		for (size_t i = 0; i < values.n; i++) {
			int k = question_find_value(qu, values.v[i].label);
			if (k >= 0)
				counts[k] = values.v[i].count;
		}
	store_tallies_free(&values);
	long answered = 0, refused = 0;
	if (may_read(q))
		read_ok(q, store_count_answers(q->s, &q->period, qn->id, qu->id, &answered, &refused, q->err, q->n));
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
	long answers = 0, satisfied = 0;
	if (may_read(q))
		read_ok(q, store_count_at_least(q->s, &q->period, qn->id, qu->id, top, &answers, &satisfied, q->err, q->n));
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

/* Each person's first and latest value, for the people with two or more. */
struct firsts {
	double *first, *latest;
	size_t cap, np;
	char person[40];
	int nseen;
};

static void person_number(void *ud, const char *p, int v)
{
	struct firsts *f = ud;
	if (strcmp(p, f->person) != 0) { /* a new person */
		if (f->nseen >= 2)
			f->np++;
		snprintf(f->person, sizeof f->person, "%s", p);
		f->nseen = 0;
		if (f->np == f->cap) {
			f->cap *= 2;
			f->first = xrealloc(f->first, f->cap * sizeof *f->first);
			f->latest = xrealloc(f->latest, f->cap * sizeof *f->latest);
		}
		f->first[f->np] = v;
	}
	f->latest[f->np] = v;
	f->nseen++;
}

/* Per competence, among people with two self-evaluations or more: their first and their latest. */
static cJSON *competences(struct q *q, const struct questionnaire *qn)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < qn->nquestions; i++) {
		const struct question *qu = &qn->questions[i];
		if (qu->type == QT_INFO)
			continue;
		struct firsts f = { .cap = 64 };
		f.first = xmalloc(f.cap * sizeof *f.first);
		f.latest = xmalloc(f.cap * sizeof *f.latest);
		if (may_read(q))
			read_ok(q, store_each_person_number(q->s, &q->period, qn->id, qu->id, person_number, &f, q->err, q->n));
		if (f.nseen >= 2)
			f.np++;
		size_t np = f.np;
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
			cJSON_AddItemToObject(o, "first", spread(f.first, np));
			cJSON_AddItemToObject(o, "latest", spread(f.latest, np));
		}
		cJSON_AddItemToArray(arr, o);
		free(f.first);
		free(f.latest);
	}
	return arr;
}

cJSON *summary_build(struct store *s, const struct content *c, const struct summary_options *o, char *err,
                     size_t n)
{
	struct q q = { s, { o->from, o->to }, o->min_group > 0 ? o->min_group : REPORT_MIN_GROUP, o->L,
		       o->lang ? o->lang : "fr", err, n, 0 };
	double target = o->satisfaction_target > 0 ? o->satisfaction_target : 0.5;
	cJSON *root = cJSON_CreateObject();
	cJSON *period = cJSON_AddObjectToObject(root, "period");
	cJSON_AddItemToObject(period, "from", o->from ? cJSON_CreateString(o->from) : cJSON_CreateNull());
	cJSON_AddItemToObject(period, "to", o->to ? cJSON_CreateString(o->to) : cJSON_CreateNull());
	cJSON_AddNumberToObject(root, "min_group", q.min);

	long sessions = counted(&q, may_read(&q) ? store_count_sessions(s, &q.period, NULL, err, n) : 0);
	cJSON_AddItemToObject(root, "sessions", count_or_null(sessions, sessions > 0 && sessions < q.min));
	long people = counted(&q, may_read(&q) ? store_count_people(s, &q.period, err, n) : 0);
	cJSON_AddItemToObject(root, "people_with_code", count_or_null(people, people > 0 && people < q.min));

	/* How sessions ended: completed, nobody there, left for another questionnaire, cut off. */
	long ends[STORE_ENDINGS] = { 0 };
	static const char *const end_names[STORE_ENDINGS] = { "completed", "idle", "left", "interrupted", "open" };
	if (may_read(&q))
		read_ok(&q, store_count_endings(s, &q.period, ends, err, n));
	bool ehidden[STORE_ENDINGS];
	summary_suppress(ends, STORE_ENDINGS, q.min, true, ehidden);
	cJSON *endings = cJSON_AddObjectToObject(root, "endings");
	for (int i = 0; i < STORE_ENDINGS; i++)
		cJSON_AddItemToObject(endings, end_names[i], count_or_null(ends[i], ehidden[i]));

	struct store_tallies t = { 0 };
	if (may_read(&q))
		read_ok(&q, store_count_weeks(s, &q.period, &t, err, n));
	cJSON_AddItemToObject(root, "weeks", counts_table(&t, "week", "sessions", q.min));
	if (may_read(&q))
		read_ok(&q, store_count_languages(s, &q.period, &t, err, n));
	cJSON_AddItemToObject(root, "languages", counts_table(&t, "language", "sessions", q.min));

	cJSON *qns = cJSON_AddArrayToObject(root, "questionnaires");
	cJSON *sat = NULL, *comp = NULL;
	for (size_t i = 0; i < content_count(c); i++) {
		const struct questionnaire *qn = content_get(c, i);
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "id", qn->id);
		cJSON_AddStringToObject(j, "title", qn->title);
		cJSON_AddStringToObject(j, "pictogram", qn->pictogram);
		long ns = counted(&q, may_read(&q) ? store_count_sessions(s, &q.period, qn->id, err, n) : 0);
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
