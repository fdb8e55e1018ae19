/* The store: durable commit of one answer through store_answer(), then a database of 100,000
 * sessions / 1,000,000 answers in the kiosk's own schema, its funder report and a CSV export. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "report/report.h"
#include "store/store.h"

static void commit_latency(struct bench *b)
{
	char *path = xfmt("%s/commit.db", b->tmp);
	char err[512];
	struct store *st = store_open(path, err, sizeof err);
	if (!st)
		die("store_open: %s", err);
	static const char *const questions[] = { "feeling", "internship", "helped-someone", "what-helped",
		                                 "talk", "confidence" };
	static const char *const vals[] = { "1", "2", "3", "none", "yes", "no", "a-little" };
	const int n = b->short_mode ? 120 : 3000;
	struct samples s = { 0 };
	struct store_session ss;
	unsigned long long rng = 12345;
	for (int i = 0; i < n; i++) {
		int q = i % 6;
		if (q == 0)
			store_session_init(&ss, "checkin-weekly", 1, "fr", "2025-03-14");
		rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
		const char *v[2] = { vals[(rng >> 33) % 7], vals[(rng >> 40) % 7] };
		bool refused = (rng >> 50) % 12 == 0;
		double t0 = now_ms();
		if (store_answer(st, &ss, questions[q], refused, v, q == 3 ? 2 : 1, NULL, 0, err, sizeof err))
			die("store_answer: %s", err);
		samples_add(&s, now_ms() - t0);
		if (q == 5)
			store_end(st, &ss, STORE_END_COMPLETED, err, sizeof err);
	}
	store_close(st);
	struct measure *m = result_samples("durable_commit", "confirmed answer -> durable commit", "ms", s.v, s.n,
	                                   K_P99, CMP_BELOW, 2);
	result_note(m, "store_answer() on a file in %s (WAL, synchronous=FULL, secure_delete)", b->tmp);
	samples_free(&s);

	/* The floor: a bare one-row commit with the same settings. */
	sqlite3 *db;
	char *bare = xfmt("%s/bare.db", b->tmp);
	if (sqlite3_open(bare, &db) != SQLITE_OK)
		die("sqlite3_open %s", bare);
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (x INTEGER);", NULL,
	             NULL, NULL);
	sqlite3_stmt *ins;
	sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?)", -1, &ins, NULL);
	for (int i = 0; i < n / 2; i++) {
		double t0 = now_ms();
		sqlite3_bind_int(ins, 1, i);
		sqlite3_step(ins);
		sqlite3_reset(ins);
		samples_add(&s, now_ms() - t0);
	}
	sqlite3_finalize(ins);
	sqlite3_close(db);
	m = result_samples("bare_commit", "  floor: bare one-row commit, WAL+FULL", "ms", s.v, s.n, K_P99, CMP_NONE, 0);
	samples_free(&s);
	free(bare);
	free(path);
}

static void check(sqlite3 *db, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		die("%s: %s", what, sqlite3_errmsg(db));
}

static unsigned rnd(unsigned long long *rng, unsigned n)
{
	*rng = *rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((*rng >> 33) % n);
}

/* Four questionnaires of ten questions; some allow several answers; a few rare values so that
 * the report has groups to suppress. */
static void generate(sqlite3 *db, long sessions, int answers_per_session)
{
	static const char *const qns[] = { "checkin-weekly", "end-of-training", "day-centre", "peer-visit" };
	static const char *const langs[] = { "fr", "fr", "fr", "fr", "fr", "fr", "ar", "fa", "en", "uk" };
	check(db, sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), "begin");
	sqlite3_stmt *ss, *sa;
	check(db, sqlite3_prepare_v2(db, "INSERT INTO sessions (id, questionnaire, version, language, day, "
	                                 "completed, end_reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
	                             -1, &ss, NULL),
	      "prepare");
	check(db, sqlite3_prepare_v2(db, "INSERT INTO answers (session_id, question, refused, value_json) "
	                                 "VALUES (?, ?, ?, ?)",
	                             -1, &sa, NULL),
	      "prepare");
	unsigned long long rng = 0x853c49e6748fea9bULL;
#define RND(n) rnd(&rng, (n))
	for (long i = 0; i < sessions; i++) {
		char id[33], day[11];
		for (int k = 0; k < 32; k++)
			id[k] = "0123456789abcdef"[RND(16)];
		id[32] = '\0';
		unsigned y = 2024 + RND(2), mo = 1 + RND(12), d = 1 + RND(28);
		snprintf(day, sizeof day, "%04u-%02u-%02u", y, mo, d);
		unsigned qn = RND(4);
		bool completed = RND(10) != 0;
		sqlite3_bind_text(ss, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ss, 2, qns[qn], -1, SQLITE_STATIC);
		sqlite3_bind_int(ss, 3, 1 + (int)RND(2));
		sqlite3_bind_text(ss, 4, langs[RND(10)], -1, SQLITE_STATIC);
		sqlite3_bind_text(ss, 5, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(ss, 6, completed);
		sqlite3_bind_text(ss, 7, completed ? "completed" : RND(2) ? "idle" : "left", -1, SQLITE_STATIC);
		check(db, sqlite3_step(ss), "insert session");
		sqlite3_reset(ss);
		for (int q = 0; q < answers_per_session; q++) {
			char question[16], json[128];
			snprintf(question, sizeof question, "q%02d", q + 1);
			bool refused = RND(25) == 0;
			int nval = 3 + q % 4;
			if (!refused) {
				int nsel = q % 3 == 2 ? 1 + (int)RND(3) : 1; /* several answers allowed */
				size_t used = (size_t)snprintf(json, sizeof json, "[");
				for (int k = 0; k < nsel; k++) {
					/* one in 50,000 picks a rare value: groups under 5 appear */
					unsigned v = RND(50000) == 0 ? 9 : 1 + RND((unsigned)nval);
					used += (size_t)snprintf(json + used, sizeof json - used, "%s\"v%u\"", k ? "," : "", v);
				}
				snprintf(json + used, sizeof json - used, "]");
			}
			sqlite3_bind_text(sa, 1, id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(sa, 2, question, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(sa, 3, refused);
			if (refused)
				sqlite3_bind_null(sa, 4);
			else
				sqlite3_bind_text(sa, 4, json, -1, SQLITE_TRANSIENT);
			int rc = sqlite3_step(sa);
			sqlite3_reset(sa);
			if (rc == SQLITE_CONSTRAINT)
				continue; /* the same random id twice: vanishingly rare */
			check(db, rc, "insert answer");
		}
	}
#undef RND
	sqlite3_finalize(ss);
	sqlite3_finalize(sa);
	check(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit");
}

/* The funder report: per questionnaire (and version) and question, how many chose each value
 * and how many refused; a group of fewer than 5 people is shown as suppressed. */
static const char report_sql[] =
	"WITH picks AS ("
	"  SELECT s.questionnaire AS qn, s.version AS ver, a.question AS q, j.value AS value"
	"  FROM answers a JOIN sessions s ON s.id = a.session_id, json_each(a.value_json) j"
	"  WHERE a.refused = 0"
	"), groups AS ("
	"  SELECT qn, ver, q, value, count(*) AS n FROM picks GROUP BY qn, ver, q, value"
	"  UNION ALL"
	"  SELECT s.questionnaire, s.version, a.question, NULL, count(*)"
	"  FROM answers a JOIN sessions s ON s.id = a.session_id"
	"  WHERE a.refused = 1 GROUP BY s.questionnaire, s.version, a.question"
	")"
	"SELECT qn, ver, q, value, CASE WHEN n < 5 THEN NULL ELSE n END FROM groups ORDER BY qn, ver, q, value";

static double report(sqlite3 *db, const char *out, long *rows, long *suppressed)
{
	double t0 = now_ms();
	sqlite3_stmt *st;
	check(db, sqlite3_prepare_v2(db, report_sql, -1, &st, NULL), "prepare report");
	FILE *f = fopen(out, "w");
	if (!f)
		die("cannot write %s", out);
	fputs("questionnaire,version,question,value,count\n", f);
	*rows = *suppressed = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		report_csv_field(f, (const char *)sqlite3_column_text(st, 0));
		fprintf(f, ",%d,", sqlite3_column_int(st, 1));
		report_csv_field(f, (const char *)sqlite3_column_text(st, 2));
		fputc(',', f);
		const char *v = (const char *)sqlite3_column_text(st, 3);
		report_csv_field(f, v ? v : "(refused)");
		if (sqlite3_column_type(st, 4) == SQLITE_NULL) {
			fputs(",<5\n", f);
			(*suppressed)++;
		} else {
			fprintf(f, ",%lld\n", sqlite3_column_int64(st, 4));
		}
		(*rows)++;
	}
	check(db, rc, "report");
	sqlite3_finalize(st);
	fclose(f);
	return now_ms() - t0;
}

/* The report and the export as `pictovox report` and `pictovox export` make them. */
static double core_report(const char *path, const char *out, long *rows, bool export)
{
	double t0 = now_ms();
	char err[512];
	struct store *st = store_open(path, err, sizeof err);
	if (!st)
		die("store_open: %s", err);
	FILE *f = fopen(out, "w");
	if (!f)
		die("cannot write %s", out);
	*rows = export ? report_export(st, f, EXPORT_CSV, false, err, sizeof err)
	               : report_counts_csv(st, f, REPORT_MIN_GROUP, err, sizeof err);
	if (*rows < 0)
		die("%s", err);
	if (fclose(f) != 0)
		die("cannot write %s", out);
	store_close(st);
	return now_ms() - t0;
}

static bool same_file(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	bool same = fa && fb;
	while (same) {
		int ca = fgetc(fa), cb = fgetc(fb);
		same = ca == cb;
		if (ca == EOF)
			break;
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}

static void big_database(struct bench *b)
{
	const long sessions = b->short_mode ? 2000 : 100000;
	const int per = 10;
	char *path = xfmt("%s/report.db", b->tmp);
	char err[512];
	struct store *st = store_open(path, err, sizeof err); /* the kiosk's schema, migrated */
	if (!st)
		die("store_open: %s", err);
	store_close(st);
	sqlite3 *db;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		die("sqlite3_open %s", path);
	/* Generation is not what is measured: no fsync, a big cache. */
	sqlite3_exec(db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;", NULL, NULL, NULL);
	double t0 = now_ms();
	generate(db, sessions, per);
	double gen = now_ms() - t0;
	sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	long long nses = -1, nans = -1;
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM sessions), (SELECT count(*) FROM answers)", -1, &q,
	                       NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW) {
		nses = sqlite3_column_int64(q, 0);
		nans = sqlite3_column_int64(q, 1);
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	say(b, "generated %lld sessions, %lld answers in %.1f s", nses, nans, gen / 1000);
	fact_num("db_generate_ms", gen);
	fact_num("db_sessions", (double)nses);
	fact_num("db_answers", (double)nans);

	/* Report and export as a tool would run them: a fresh connection, default cache. The file
	 * was just written, so it is in the page cache (warm), as on a kiosk that is running. */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("sqlite3_open %s", path);
	long rows, suppressed, erows, crows;
	char *rout = xfmt("%s/report-sql.csv", b->tmp), *eout = xfmt("%s/export.csv", b->tmp);
	char *cout = xfmt("%s/report.csv", b->tmp);
	double st_sql = report(db, rout, &rows, &suppressed);
	sqlite3_close(db);
	double rt = core_report(path, cout, &crows, false);
	double et = core_report(path, eout, &erows, true);
	bool same = same_file(rout, cout);
	free(cout);
	char label[96];
	snprintf(label, sizeof label, "report over %s answers", sessions == 100000 ? "1,000,000" : "20,000 (short)");
	struct measure *m = result_value("report_time", label, "s", rt / 1000, CMP_BELOW, 2);
	result_note(m, "pictovox report (report_counts_csv): %ld groups, %ld of them under 5 (shown \"<5\"); "
	               "one pass, counted in memory; %s the SQL GROUP BY report",
	            crows, suppressed, same ? "byte for byte the same as" : "DIFFERS from");
	m = result_value("report_time_sql", "  the same report in SQL (GROUP BY, json_each)", "s", st_sql / 1000,
	                 CMP_NONE, 0);
	result_note(m, "%ld groups; the time is SQLite's sorter over 1.25 million rows", rows);
	snprintf(label, sizeof label, "export CSV of %s answers", sessions == 100000 ? "1,000,000" : "20,000 (short)");
	m = result_value("export_time", label, "s", et / 1000, CMP_NONE, 0);
	result_note(m, "%ld rows, %.1f MB of CSV", erows, (double)file_size(eout) / 1e6);
	long long size = file_size(path);
	char *walpath = xfmt("%s-wal", path);
	long long wal = file_size(walpath);
	free(walpath);
	snprintf(label, sizeof label, "database size, %ld sessions / %lld answers", sessions, nans);
	m = result_value("db_size", label, "MB", (double)(size + (wal > 0 ? wal : 0)) / 1e6, CMP_NONE, 0);
	result_note(m, "%.0f bytes per answer, checkpointed", (double)size / (double)(nans > 0 ? nans : 1));
	free(rout);
	free(eout);
	free(path);
}

void bench_store(struct bench *b)
{
	commit_latency(b);
	big_database(b);
}
