/* test_summary: the funders' report and the exports on a database generated with known answers.
 * Every figure is computed again here, from the list of what was stored, by code of its own;
 * small groups must be hidden, with a second figure where a total would give the first away;
 * exports must read back as the database. */
#include <math.h>
#include <time.h>

#include "check.h"
#include "fixture.h"
#include "report/report.h"
#include "report/report_html.h"
#include "report/summary.h"

/* What the test stored, session by session. */
struct made {
	char id[33];
	const char *qn, *lang, *day, *week, *person, *end;
	int seq;
	const char *answers[12][2]; /* question, value ("" for a refusal) */
	size_t n;
};

static struct made made[200];
static size_t nmade;

static void add(struct store *s, const char *qn, const char *lang, const char *day, const char *week,
                const char *person, const char *end, const char *const (*answers)[2], size_t n)
{
	struct made *m = &made[nmade++];
	struct store_session ss;
	store_session_init(&ss, qn, 1, lang, day);
	if (person)
		snprintf(ss.person, sizeof ss.person, "%s", person);
	*m = (struct made){ .qn = qn, .lang = lang, .day = day, .week = week, .person = person, .end = end, .n = n };
	memcpy(m->id, ss.id, 33);
	char err[300];
	for (size_t i = 0; i < n; i++) {
		m->answers[i][0] = answers[i][0];
		m->answers[i][1] = answers[i][1];
		const char *v[1] = { answers[i][1] };
		bool refused = !*answers[i][1];
		if (store_answer(s, &ss, answers[i][0], refused, v, refused ? 0 : 1, NULL, 0, err, sizeof err))
			fprintf(stderr, "%s\n", err), abort();
	}
	if (person) { /* the rank among this person's sessions */
		for (size_t i = 0; i + 1 < nmade; i++)
			m->seq += made[i].person && !strcmp(made[i].person, person);
		m->seq++;
	}
	if (store_end(s, &ss, !strcmp(end, "completed") ? STORE_END_COMPLETED : STORE_END_IDLE, err, sizeof err))
		abort();
}

static const char *const weeks[3][2] = { { "2026-11-03", "2026-11-02" }, { "2026-11-12", "2026-11-09" },
	                                 { "2026-11-22", "2026-11-16" } }; /* a day, its Monday */

static void generate(struct store *s)
{
	/* 23 satisfaction answers: overall 1 to 5, a sector, what helped most, recommend (3 refused). */
	static const char *const overall[] = { "5", "4", "4", "5", "3", "2", "5", "4", "4", "1", "5", "5",
		                               "4", "3", "5", "4", "2", "5", "4", "4", "3", "5", "5" };
	static const char *const sector[] = { "social", "social", "health", "peer-helper", "social", "medico-social" };
	static const char *const useful[] = { "trainers", "peers", "practice", "trainers", "peers" };
	static const char *const langs[] = { "fr", "fr", "ar", "fr", "en", "fr", "fr", "ar", "fr", "fr", "fr", "ka",
		                             "fr", "fr", "fr", "en", "fr", "ar", "fr", "fr", "fr", "fr", "fr" };
	for (int i = 0; i < 23; i++) {
		const char *a[4][2] = { { "overall", overall[i] },
			                { "sector", sector[i % 6] },
			                { "most-useful", useful[i % 5] },
			                { "recommend", i % 8 == 3 ? "" : i % 4 ? "yes" : "no" } };
		add(s, "satisfaction-training", langs[i], weeks[i % 3][0], weeks[i % 3][1], NULL,
		    i == 7 ? "idle" : "completed", a, 4);
	}
	/* Six people evaluate themselves twice, one once: a star per person. */
	static const char *const people[7] = {
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa4", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa5", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa6",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa7",
	};
	static const char *const steps[] = { "1", "2", "3", "4" };
	for (int round = 0; round < 2; round++)
		for (int p = 0; p < 7 - round; p++) {
			const char *a[2][2] = { { "listening", steps[(p + round * 2) % 4] }, { "team", steps[(p * 3 + round) % 4] } };
			add(s, "selfeval-competences", "fr", weeks[round][0], weeks[round][1], people[p], "completed", a, 2);
		}
	/* Four former trainees: a group too small to show anything of. */
	static const char *const work[] = { "paid", "volunteer", "paid", "not-now" };
	for (int i = 0; i < 4; i++) {
		const char *a[1][2] = { { "working", work[i] } };
		add(s, "followup-former", "fr", weeks[2][0], weeks[2][1], NULL, "completed", a, 1);
	}
}

/* The suppression rule, written again: under min hidden; a lone hidden one with a total shown
 * takes the smallest other non-zero count with it. */
static void expect_hidden(const long *c, size_t n, int min, bool total, bool *h)
{
	int hidden = 0;
	for (size_t i = 0; i < n; i++)
		hidden += (h[i] = c[i] >= 1 && c[i] <= min - 1);
	if (hidden != 1 || !total)
		return;
	long best = -1;
	size_t at = 0;
	for (size_t i = 0; i < n; i++)
		if (!h[i] && c[i] >= 1 && (best < 0 || c[i] < best))
			best = c[i], at = i;
	if (best >= 0)
		h[at] = true;
}

static void check_count(const cJSON *v, long want, bool hidden, const char *what)
{
	bool ok = hidden ? cJSON_IsNull(v) : cJSON_IsNumber(v) && (long)v->valuedouble == want;
	CHECK(ok);
	if (!ok)
		fprintf(stderr, "  %s: want %s%ld, got %s\n", what, hidden ? "hidden, of " : "", want,
		        cJSON_IsNumber(v) ? "a number" : "null");
	if (!ok && cJSON_IsNumber(v))
		fprintf(stderr, "  (%g)\n", v->valuedouble);
}

static bool in_period(const struct made *m, const char *from, const char *to)
{
	return (!from || strcmp(m->day, from) >= 0) && (!to || strcmp(m->day, to) <= 0);
}

static const cJSON *find(const cJSON *arr, const char *key, const char *val)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, arr)
	{
		const cJSON *k = cJSON_GetObjectItemCaseSensitive(it, key);
		if (cJSON_IsString(k) && !strcmp(k->valuestring, val))
			return it;
	}
	return NULL;
}

static double q_interp(double *v, size_t n, double q)
{
	for (size_t i = 1; i < n; i++) /* insertion sort: a few values */
		for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
			double t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	double pos = q * (double)(n - 1), lo = floor(pos);
	size_t i = (size_t)lo;
	return i + 1 < n ? v[i] * (1 - (pos - lo)) + v[i + 1] * (pos - lo) : v[n - 1];
}

static void check_summary(struct store *s, const struct content *c, const char *from, const char *to, int min)
{
	struct summary_options o = { from, to, min, 0, NULL, NULL };
	char err[300];
	cJSON *j = summary_build(s, c, &o, err, sizeof err);
	CHECK(j != NULL);
	if (!j)
		return;
	/* Sessions, people, endings. */
	long sessions = 0, completed = 0, idle = 0;
	const char *persons[16];
	size_t npersons = 0;
	for (size_t i = 0; i < nmade; i++) {
		const struct made *m = &made[i];
		if (!in_period(m, from, to))
			continue;
		sessions++;
		completed += !strcmp(m->end, "completed");
		idle += !strcmp(m->end, "idle");
		bool seen = !m->person;
		for (size_t k = 0; k < npersons && !seen; k++)
			seen = !strcmp(persons[k], m->person);
		if (!seen)
			persons[npersons++] = m->person;
	}
	check_count(cJSON_GetObjectItem(j, "sessions"), sessions, sessions < min, "sessions");
	check_count(cJSON_GetObjectItem(j, "people_with_code"), (long)npersons, npersons && (long)npersons < min, "people");
	long ends[2] = { completed, idle };
	bool eh[2];
	expect_hidden(ends, 2, min, true, eh);
	const cJSON *endings = cJSON_GetObjectItem(j, "endings");
	check_count(cJSON_GetObjectItem(endings, "completed"), completed, eh[0], "completed");
	check_count(cJSON_GetObjectItem(endings, "idle"), idle, eh[1], "idle");

	/* Weeks and languages: counts with their total shown. */
	long wc[3] = { 0 };
	for (size_t i = 0; i < nmade; i++)
		for (int w = 0; w < 3; w++)
			wc[w] += in_period(&made[i], from, to) && !strcmp(made[i].week, weeks[w][1]);
	bool wh[3];
	expect_hidden(wc, 3, min, true, wh);
	for (int w = 0; w < 3; w++) {
		const cJSON *row = find(cJSON_GetObjectItem(j, "weeks"), "week", weeks[w][1]);
		CHECK((row != NULL) == (wc[w] > 0));
		if (row)
			check_count(cJSON_GetObjectItem(row, "sessions"), wc[w], wh[w], weeks[w][1]);
	}
	static const char *const langs[] = { "fr", "ar", "en", "ka" };
	long lc[4] = { 0 };
	for (size_t i = 0; i < nmade; i++)
		for (int l = 0; l < 4; l++)
			lc[l] += in_period(&made[i], from, to) && !strcmp(made[i].lang, langs[l]);
	bool lh[4];
	expect_hidden(lc, 4, min, true, lh);
	for (int l = 0; l < 4; l++) {
		const cJSON *row = find(cJSON_GetObjectItem(j, "languages"), "language", langs[l]);
		CHECK((row != NULL) == (lc[l] > 0));
		if (row)
			check_count(cJSON_GetObjectItem(row, "sessions"), lc[l], lh[l], langs[l]);
	}

	/* Every question of every questionnaire: each choice and the refusals. */
	const cJSON *qns = cJSON_GetObjectItem(j, "questionnaires");
	for (size_t qi = 0; qi < content_count(c); qi++) {
		const struct questionnaire *qn = content_get(c, qi);
		const cJSON *jq = find(qns, "id", qn->id);
		CHECK(jq != NULL);
		for (size_t k = 0; jq && k < qn->nquestions; k++) {
			const struct question *qu = &qn->questions[k];
			if (qu->type == QT_INFO)
				continue;
			long cnt[CONTENT_MAX_CHOICES + 1] = { 0 }, answered = 0;
			for (size_t i = 0; i < nmade; i++) {
				const struct made *m = &made[i];
				if (!in_period(m, from, to) || strcmp(m->qn, qn->id))
					continue;
				for (size_t a = 0; a < m->n; a++) {
					if (strcmp(m->answers[a][0], qu->id))
						continue;
					answered++;
					int v = *m->answers[a][1] ? question_find_value(qu, m->answers[a][1]) : (int)qu->nchoices;
					cnt[v]++;
				}
			}
			bool h[CONTENT_MAX_CHOICES + 1];
			expect_hidden(cnt, qu->nchoices + 1, min, true, h);
			bool all = answered > 0 && answered < min;
			const cJSON *jqu = find(cJSON_GetObjectItem(jq, "questions"), "id", qu->id);
			CHECK(jqu != NULL);
			if (!jqu)
				continue;
			char what[160];
			snprintf(what, sizeof what, "%s/%s answered", qn->id, qu->id);
			check_count(cJSON_GetObjectItem(jqu, "answered"), answered, all, what);
			const cJSON *ch = cJSON_GetObjectItem(jqu, "choices");
			for (size_t v = 0; v < qu->nchoices; v++) {
				snprintf(what, sizeof what, "%s/%s=%s", qn->id, qu->id, qu->choices[v].value);
				check_count(cJSON_GetObjectItem(cJSON_GetArrayItem(ch, (int)v), "count"), cnt[v], h[v] || all, what);
			}
			snprintf(what, sizeof what, "%s/%s refused", qn->id, qu->id);
			check_count(cJSON_GetObjectItem(jqu, "refused"), cnt[qu->nchoices], h[qu->nchoices] || all, what);
		}
	}

	/* Satisfaction: the share of 4 and 5 among the answers to "overall". */
	long sat = 0, ans = 0;
	for (size_t i = 0; i < nmade; i++)
		if (in_period(&made[i], from, to) && !strcmp(made[i].qn, "satisfaction-training")) {
			ans++;
			sat += atoi(made[i].answers[0][1]) >= 4;
		}
	const cJSON *js = cJSON_GetObjectItem(j, "satisfaction");
	bool shown = ans >= min && sat >= min && ans - sat >= min;
	const cJSON *rate = cJSON_GetObjectItem(js, "rate");
	CHECK(shown ? cJSON_IsNumber(rate) && fabs(rate->valuedouble - (double)sat / (double)ans) < 1e-9 : cJSON_IsNull(rate));
	if (shown)
		CHECK(cJSON_IsTrue(cJSON_GetObjectItem(js, "met")) == ((double)sat / (double)ans >= 0.5));

	/* Competences: among people seen twice or more, their first and latest steps. */
	static const char *const comp[] = { "listening", "team" };
	for (int q = 0; q < 2; q++) {
		double first[16], latest[16];
		size_t np = 0;
		for (size_t i = 0; i < nmade; i++) { /* each person's first session in the period... */
			const struct made *m = &made[i];
			if (!m->person || !in_period(m, from, to))
				continue;
			bool earlier = false;
			for (size_t k = 0; k < i; k++)
				earlier |= made[k].person && !strcmp(made[k].person, m->person) && in_period(&made[k], from, to);
			if (earlier)
				continue;
			const struct made *last = NULL;
			int times = 0;
			for (size_t k = i; k < nmade; k++) /* ...and their last */
				if (made[k].person && !strcmp(made[k].person, m->person) && in_period(&made[k], from, to))
					last = &made[k], times++;
			if (times < 2)
				continue;
			first[np] = atof(m->answers[q][1]);
			latest[np++] = atof(last->answers[q][1]);
		}
		const cJSON *jc = find(cJSON_GetObjectItem(j, "competences"), "id", comp[q]);
		CHECK(jc != NULL);
		if (!jc)
			continue;
		check_count(cJSON_GetObjectItem(jc, "people"), (long)np, np && (long)np < min, comp[q]);
		const cJSON *jf = cJSON_GetObjectItem(jc, "first"), *jl = cJSON_GetObjectItem(jc, "latest");
		if ((long)np < min) {
			CHECK(cJSON_IsNull(jf) && cJSON_IsNull(jl));
			continue;
		}
		const char *names[3] = { "q1", "median", "q3" };
		const double qs[3] = { 0.25, 0.5, 0.75 };
		for (int k = 0; k < 3; k++) {
			CHECK(fabs(cJSON_GetObjectItem(jf, names[k])->valuedouble - q_interp(first, np, qs[k])) < 1e-9);
			CHECK(fabs(cJSON_GetObjectItem(jl, names[k])->valuedouble - q_interp(latest, np, qs[k])) < 1e-9);
		}
	}

	/* The HTML says "moins de" where a figure is hidden, and the rate where it is shown. */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	char *pictos = path_join(PICTOVOX_ASSETS, "pictograms");
	CHECK_INT(report_html_write(f, j, pictos, "2026-11-23"), 0);
	fclose(f);
	free(pictos);
	char want[64];
	snprintf(want, sizeof want, "moins de %d</span>", min);
	CHECK(strstr(buf, want) != NULL);
	CHECK(strstr(buf, "<script") == NULL && strstr(buf, "http") == NULL); /* stands alone */
	if (shown) {
		snprintf(want, sizeof want, "<b>%.0f %%</b> satisfaits", 100.0 * (double)sat / (double)ans);
		CHECK(strstr(buf, want) != NULL);
	}
	free(buf);
	cJSON_Delete(j);
}

static void test_suppress(void)
{
	static const struct {
		long c[5];
		size_t n;
		bool total;
		bool want[5];
	} rows[] = {
		{ { 10, 7, 3 }, 3, true, { false, true, true } },          /* 3 alone: 7 goes with it */
		{ { 10, 7, 3 }, 3, false, { false, false, true } },        /* no total shown: 3 alone */
		{ { 10, 2, 3 }, 3, true, { false, true, true } },          /* two hidden already */
		{ { 10, 0, 3 }, 3, true, { true, false, true } },          /* zero stays shown */
		{ { 0, 0, 0 }, 3, true, { false, false, false } },
		{ { 4 }, 1, true, { true } },                              /* nothing else to hide */
		{ { 6, 5, 9, 1, 12 }, 5, true, { false, true, false, true, false } },
	};
	for (size_t r = 0; r < PV_ARRAY_LEN(rows); r++) {
		bool h[5];
		summary_suppress(rows[r].c, rows[r].n, 5, rows[r].total, h);
		for (size_t i = 0; i < rows[r].n; i++)
			if (h[i] != rows[r].want[i]) {
				CHECK(false);
				fprintf(stderr, "  row %zu cell %zu\n", r, i);
			}
	}
}

/* A CSV line into fields (RFC 4180: quotes doubled inside quoted fields). */
static size_t csv_fields(const char *line, char fields[12][128])
{
	size_t n = 0, k = 0;
	bool quoted = false;
	for (const char *p = line;; p++) {
		if (quoted && *p == '"' && p[1] == '"') {
			fields[n][k++] = '"', p++;
		} else if (*p == '"') {
			quoted = !quoted;
		} else if ((*p == ',' && !quoted) || !*p || (*p == '\n' && !quoted)) {
			fields[n][k] = '\0';
			n++, k = 0;
			if (!*p || *p == '\n' || n == 12)
				return n;
		} else if (k < 127) {
			fields[n][k++] = *p;
		}
	}
}

static const struct made *made_by_id(const char *id)
{
	for (size_t i = 0; i < nmade; i++)
		if (!strcmp(made[i].id, id))
			return &made[i];
	return NULL;
}

/* Exports read back as the database: each answer once, its values, its session's fields; the
 * pseudonyms differ from the stored ones and from one export to the next, unless linkable. */
static void test_exports(struct store *s)
{
	size_t answers = 0;
	for (size_t i = 0; i < nmade; i++)
		answers += made[i].n;
	char *pseudo_of[2][8] = { { 0 } };
	for (int run = 0; run < 3; run++) {
		bool jsonl = run == 1, linkable = run == 2;
		char *buf = NULL, err[300];
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		long rows = report_export(s, f, jsonl ? EXPORT_JSONL : EXPORT_CSV, linkable, err, sizeof err);
		fclose(f);
		CHECK_INT(rows, (long)answers);
		size_t seen = 0;
		const char *line = buf;
		if (!jsonl) {
			CHECK(!strncmp(line, "\xEF\xBB\xBFsession,pseudonym,questionnaire,", 34));
			line = strchr(line, '\n') + 1;
		}
		for (; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
			char id[128] = "", pseudo[128] = "", question[128] = "", value[128] = "", day[128] = "", lang[128] = "";
			bool refused = false;
			if (jsonl) {
				const char *end = strchr(line, '\n');
				char *one = xstrndup(line, end ? (size_t)(end - line) : strlen(line));
				cJSON *o = cJSON_Parse(one);
				free(one);
				CHECK(o != NULL);
				if (!o)
					break;
				snprintf(id, sizeof id, "%s", cJSON_GetObjectItem(o, "session")->valuestring);
				const cJSON *p = cJSON_GetObjectItem(o, "pseudonym");
				snprintf(pseudo, sizeof pseudo, "%s", cJSON_IsString(p) ? p->valuestring : "");
				snprintf(question, sizeof question, "%s", cJSON_GetObjectItem(o, "question")->valuestring);
				snprintf(day, sizeof day, "%s", cJSON_GetObjectItem(o, "day")->valuestring);
				snprintf(lang, sizeof lang, "%s", cJSON_GetObjectItem(o, "language")->valuestring);
				refused = cJSON_IsTrue(cJSON_GetObjectItem(o, "refused"));
				const cJSON *v = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "values"), 0);
				snprintf(value, sizeof value, "%s", cJSON_IsString(v) ? v->valuestring : "");
				cJSON_Delete(o);
			} else {
				char fl[12][128];
				CHECK_INT(csv_fields(line, fl), 11);
				snprintf(id, sizeof id, "%s", fl[0]);
				snprintf(pseudo, sizeof pseudo, "%s", fl[1]);
				snprintf(lang, sizeof lang, "%s", fl[4]);
				snprintf(day, sizeof day, "%s", fl[5]);
				snprintf(question, sizeof question, "%s", fl[8]);
				refused = !strcmp(fl[9], "1");
				snprintf(value, sizeof value, "%s", fl[10]);
			}
			const struct made *m = made_by_id(id);
			CHECK(m != NULL);
			if (!m)
				continue;
			CHECK_STR(day, m->day);
			CHECK_STR(lang, m->lang);
			bool found = false;
			for (size_t a = 0; a < m->n; a++)
				found |= !strcmp(m->answers[a][0], question) && refused == !*m->answers[a][1] &&
				         !strcmp(value, m->answers[a][1]);
			CHECK(found);
			CHECK(!m->person == !*pseudo);
			if (m->person) {
				CHECK(linkable ? !strcmp(pseudo, m->person) : strcmp(pseudo, m->person) != 0);
				int p = m->person[31] - '1';
				if (linkable)
					;
				else if (!pseudo_of[run % 2][p])
					pseudo_of[run % 2][p] = xstrdup(pseudo);
				else /* one person, one pseudonym within an export */
					CHECK_STR(pseudo, pseudo_of[run % 2][p]);
			}
			seen++;
		}
		CHECK_INT(seen, answers);
		free(buf);
	}
	for (int p = 0; p < 7; p++) { /* two exports never share a pseudonym */
		CHECK(pseudo_of[0][p] && pseudo_of[1][p] && strcmp(pseudo_of[0][p], pseudo_of[1][p]) != 0);
		free(pseudo_of[0][p]);
		free(pseudo_of[1][p]);
	}
}

/* Eleven years of weekly sessions, in 600 languages: every week and every language is in the
 * tables (they stopped at 512 rows, without a word). */
static void test_long_tables(const struct content *c)
{
	char *dir = fixture_tmpdir();
	char *db = path_join(dir, "long.db");
	char err[300];
	struct store *s = store_open(db, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	const char *v[] = { "yes" };
	struct tm day = { .tm_year = 2015 - 1900, .tm_mon = 0, .tm_mday = 5, .tm_hour = 12 }; /* a Monday */
	for (int i = 0; i < 600; i++) {
		char d[11], lang[8];
		struct tm t = day;
		t.tm_mday += 7 * i;
		mktime(&t);
		strftime(d, sizeof d, "%Y-%m-%d", &t);
		snprintf(lang, sizeof lang, "l%03d", i);
		struct store_session ss;
		store_session_init(&ss, "followup-former", 1, lang, d);
		CHECK_INT(store_answer(s, &ss, "working", false, v, 1, NULL, 0, err, sizeof err), 0);
	}
	struct summary_options so = { .min_group = 1 };
	cJSON *sum = summary_build(s, c, &so, err, sizeof err);
	CHECK(sum != NULL);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(sum, "weeks")), 600);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(sum, "languages")), 600);
	cJSON_Delete(sum);
	store_close(s);
	free(db);
	fixture_rmdir(dir);
}

int main(void)
{
	test_suppress();
	char *dir = fixture_tmpdir();
	char *db = path_join(dir, "r.db");
	char err[300];
	struct store *s = store_open(db, err, sizeof err);
	struct diags *d = diags_create();
	struct content *c = content_load_dir(PICTOVOX_ASSETS, NULL, d);
	CHECK(s && c);
	if (s && c) {
		generate(s);
		check_summary(s, c, NULL, NULL, 5);
		check_summary(s, c, NULL, NULL, 3);
		check_summary(s, c, "2026-11-09", NULL, 5);
		check_summary(s, c, "2026-11-01", "2026-11-15", 5);
		check_summary(s, c, "2026-11-20", "2026-11-30", 8);
		test_exports(s);
		test_long_tables(c);
	}
	content_destroy(c);
	diags_destroy(d);
	store_close(s);
	free(db);
	fixture_rmdir(dir);
	return check_done();
}
