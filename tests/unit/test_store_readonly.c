/* Reading for a report or an export (store_open_readonly): the database's files keep their
 * bytes, and no file appears beside one that had none; what a running or killed kiosk left in
 * the write-ahead log is read; a file of an older schema gives the figures of the same answers
 * in a current file, and stays as it is; nothing can be written. */
#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "check.h"
#include "fixture.h"
#include "report/report.h"
#include "report/summary.h"
#include "store/store.h"

/* --- The files of a database, as sha256 digests ("absent" when there is none). */

struct files {
	char db[65], wal[65], shm[65];
};

static void digest(const char *path, char out[65])
{
	size_t len;
	char err[300];
	unsigned char *bytes = file_read_all(path, (size_t)1 << 30, &len, err, sizeof err);
	if (!bytes) {
		snprintf(out, 65, "absent");
		return;
	}
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, bytes, len);
	sodium_bin2hex(out, 65, h, sizeof h);
	free(bytes);
}

static struct files files_of(const char *db)
{
	struct files f;
	char *wal = xasprintf("%s-wal", db), *shm = xasprintf("%s-shm", db);
	digest(db, f.db);
	digest(wal, f.wal);
	digest(shm, f.shm);
	free(wal);
	free(shm);
	return f;
}

static bool exists(const char *db, const char *suffix)
{
	char *p = xasprintf("%s%s", db, suffix);
	struct stat st;
	bool yes = stat(p, &st) == 0;
	free(p);
	return yes;
}

/* --- What every report reads, as text: the counts, the summary, the export (linkable: the
 * pseudonyms as stored, so that two files can be compared). */

struct outputs {
	char *counts, *summary, *export;
};

static char *capture_counts(struct store *s)
{
	char *buf = NULL, err[300];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	long rows = report_counts_csv(s, f, REPORT_MIN_GROUP, err, sizeof err);
	fclose(f);
	if (rows < 0)
		fprintf(stderr, "report: %s\n", err);
	CHECK(rows > 0);
	return buf;
}

static char *capture_export(struct store *s)
{
	char *buf = NULL, err[300];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	long rows = report_export(s, f, EXPORT_CSV, true, err, sizeof err);
	fclose(f);
	if (rows < 0)
		fprintf(stderr, "export: %s\n", err);
	CHECK(rows > 0);
	return buf;
}

static struct content *assets(void)
{
	struct diags *d = diags_create();
	struct content *c = content_load_dir(PICTOVOX_ASSETS, NULL, d);
	if (!c) {
		diags_print(d, stderr);
		abort();
	}
	diags_destroy(d);
	return c;
}

static struct outputs read_all(struct store *s)
{
	struct outputs o = { capture_counts(s), NULL, capture_export(s) };
	struct content *c = assets();
	struct summary_options so = { 0 };
	char err[300];
	cJSON *sum = summary_build(s, c, &so, err, sizeof err);
	if (!sum)
		fprintf(stderr, "summary: %s\n", err);
	CHECK(sum != NULL);
	o.summary = sum ? cJSON_PrintUnformatted(sum) : xstrdup("");
	cJSON_Delete(sum);
	content_destroy(c);
	return o;
}

static void outputs_free(struct outputs *o)
{
	free(o->counts);
	cJSON_free(o->summary);
	free(o->export);
}

/* --- The answers: the same ones written by a current kiosk or, in SQL, by an older one. */

#define NSESSIONS 60

struct made {
	char id[STORE_ID_LEN + 1];
	const char *qn, *lang, *day;
	char person[33];
	int seq;
	int end; /* an enum store_end, or -1: still open */
	const char *q[3];
	const char *v[3][2]; /* up to two values; none: a refusal */
	size_t nv[3];
};

static struct made made[NSESSIONS];

static void make_answers(bool persons)
{
	static const char *const days[] = { "2026-11-02", "2026-11-04", "2026-11-10", "2026-11-12", "2026-11-18" };
	static const char *const langs[] = { "fr", "fr", "ar", "fr", "en" };
	static const char *const helped[][2] = { { "team", "rest" }, { "peers", NULL }, { "trainers", "team" } };
	static const char *const levels[] = { "1", "2", "3", "4" };
	memset(made, 0, sizeof made);
	for (int i = 0; i < NSESSIONS; i++) {
		struct made *m = &made[i];
		snprintf(m->id, sizeof m->id, "%032x", 0x1000 + i * 7919);
		m->lang = langs[i % 5];
		m->day = days[(i * 3) % 5];
		m->end = i % 9 == 4 ? -1 : i % 4; /* completed, idle, left, interrupted, some open */
		if (i < 30) { /* the weekly check-in: a scale, a multiple choice, yes/no (some refused) */
			m->qn = "checkin-weekly";
			m->q[0] = "feeling", m->v[0][0] = levels[i % 3], m->nv[0] = 1;
			m->q[1] = "what-helped", m->v[1][0] = helped[i % 3][0], m->v[1][1] = helped[i % 3][1];
			m->nv[1] = helped[i % 3][1] ? 2 : 1;
			m->q[2] = "talk", m->v[2][0] = i % 2 ? "yes" : "no", m->nv[2] = i % 7 == 0 ? 0 : 1;
		} else if (i < 48) { /* the training's satisfaction, 1 to 5 */
			m->qn = "satisfaction-training";
			m->q[0] = "overall", m->v[0][0] = (const char *[]){ "5", "4", "4", "3", "5", "2" }[i % 6], m->nv[0] = 1;
		} else { /* self-evaluations: six people, twice each, with a personal code when there are some */
			m->qn = "selfeval-competences";
			m->q[0] = "experience", m->v[0][0] = levels[(i + (i - 48) / 6) % 4], m->nv[0] = 1;
			m->q[1] = "listening", m->v[1][0] = levels[(i / 2) % 4], m->nv[1] = 1;
			if (persons) {
				snprintf(m->person, sizeof m->person, "%032x", 0xabc0 + (i - 48) % 6);
				m->seq = 1 + (i - 48) / 6;
			}
		}
	}
}

static size_t nquestions(const struct made *m)
{
	return m->q[2] ? 3 : m->q[1] ? 2 : 1;
}

/* A current file, written as the kiosk writes: store_answer, store_end. Left open. */
static struct store *write_current(const char *path)
{
	char err[300];
	struct store *s = store_open(path, err, sizeof err);
	if (!s) {
		fprintf(stderr, "%s\n", err);
		abort();
	}
	for (int i = 0; i < NSESSIONS; i++) {
		const struct made *m = &made[i];
		struct store_session ss;
		store_session_init(&ss, m->qn, 1, m->lang, m->day);
		memcpy(ss.id, m->id, sizeof ss.id); /* the same ids as the older files */
		memcpy(ss.person, m->person, sizeof ss.person);
		for (size_t k = 0; k < nquestions(m); k++)
			if (store_answer(s, &ss, m->q[k], m->nv[k] == 0, m->v[k], m->nv[k], NULL, 0, err, sizeof err))
				fprintf(stderr, "%s\n", err), abort();
		if (m->end >= 0 && store_end(s, &ss, (enum store_end)m->end, err, sizeof err))
			fprintf(stderr, "%s\n", err), abort();
	}
	return s;
}

static void exec_or_die(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, msg);
		abort();
	}
}

/* The file of a kiosk of schema `version`: its CREATE statements from the migrations, the
 * same answers in its columns. Returned open, in WAL mode like every kiosk's file. */
static sqlite3 *write_old(const char *path, int version)
{
	static const char *const ends[] = { "completed", "idle", "left", "interrupted" };
	sqlite3 *db;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		abort();
	exec_or_die(db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; BEGIN");
	for (int v = 1; v <= version; v++)
		exec_or_die(db, store_migration_sql(v));
	char pragma[48];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d; COMMIT", version);
	exec_or_die(db, pragma);
	exec_or_die(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	for (int i = 0; i < NSESSIONS; i++) {
		const struct made *m = &made[i];
		char *person = version < 2     ? sqlite3_mprintf("")
		               : m->person[0] ? sqlite3_mprintf(", %Q, %d", m->person, m->seq)
		                              : sqlite3_mprintf(", NULL, NULL");
		char *sql = sqlite3_mprintf(
			"BEGIN; INSERT INTO sessions (id, questionnaire, version, language, day, completed, end_reason%s)"
			" VALUES (%Q, %Q, 1, %Q, %Q, %d, %Q%s);",
			version >= 2 ? ", person, person_seq" : "", m->id, m->qn, m->lang, m->day, m->end == STORE_END_COMPLETED,
			m->end >= 0 ? ends[m->end] : NULL, person);
		exec_or_die(db, sql);
		sqlite3_free(sql);
		sqlite3_free(person);
		for (size_t k = 0; k < nquestions(m); k++) {
			cJSON *arr = cJSON_CreateStringArray(m->v[k], (int)m->nv[k]);
			char *json = m->nv[k] ? cJSON_PrintUnformatted(arr) : NULL;
			cJSON_Delete(arr);
			sql = sqlite3_mprintf("INSERT INTO answers VALUES (%Q, %Q, %d, %Q)", m->id, m->q[k], m->nv[k] == 0, json);
			exec_or_die(db, sql);
			sqlite3_free(sql);
			cJSON_free(json);
		}
		exec_or_die(db, "COMMIT");
	}
	return db;
}

/* Copies a database's files as they are now (a kiosk killed at this moment). */
static void copy_files(const char *from, const char *to)
{
	char *cmd = xasprintf("cp '%s' '%s' && cp '%s-wal' '%s-wal' && cp '%s-shm' '%s-shm'", from, to, from, to, from,
	                      to);
	CHECK(system(cmd) == 0);
	free(cmd);
}

static struct store *open_ro(const char *path)
{
	char err[300];
	struct store *s = store_open_readonly(path, err, sizeof err);
	if (!s)
		fprintf(stderr, "store_open_readonly: %s\n", err);
	CHECK(s != NULL);
	return s;
}

static void same_outputs(const struct outputs *a, const struct outputs *b, const char *what)
{
	fprintf(stderr, "comparing %s\n", what);
	CHECK_STR(a->counts, b->counts);
	CHECK_STR(a->summary, b->summary);
	CHECK_STR(a->export, b->export);
}

/* A current file left by a kiosk that closed: nothing but the file, before and after. */
static void test_current_closed(const char *dir, const struct outputs *want)
{
	char *path = path_join(dir, "closed.db");
	store_close(write_current(path));
	CHECK(!exists(path, "-wal") && !exists(path, "-shm"));
	struct files before = files_of(path);
	struct store *s = open_ro(path);
	if (s) {
		struct outputs got = read_all(s);
		same_outputs(&got, want, "a closed current file");
		outputs_free(&got);
		store_close(s);
	}
	struct files after = files_of(path);
	CHECK_STR(after.db, before.db);
	CHECK_STR(after.wal, "absent"); /* none appeared */
	CHECK_STR(after.shm, "absent");
	free(path);
}

/* A kiosk running, its answers in the log: read; the file and the log untouched. Then the same
 * files as a killed kiosk leaves them. */
static void test_kiosk_log(const char *dir, const struct outputs *want)
{
	char *path = path_join(dir, "running.db"), *killed = path_join(dir, "killed.db");
	struct store *kiosk = write_current(path);
	struct stat st;
	char *wal = xasprintf("%s-wal", path);
	CHECK(stat(wal, &st) == 0 && st.st_size > 0); /* the answers are in the log only */
	free(wal);
	copy_files(path, killed);

	struct files before = files_of(path);
	struct store *s = open_ro(path);
	if (s) {
		struct outputs got = read_all(s);
		same_outputs(&got, want, "a running kiosk's file");
		outputs_free(&got);
		store_close(s);
	}
	struct files after = files_of(path);
	CHECK_STR(after.db, before.db);
	CHECK_STR(after.wal, before.wal);
	char err[300];
	struct store_session ss; /* the kiosk goes on */
	store_session_init(&ss, "checkin-weekly", 1, "fr", "2026-11-20");
	const char *v[] = { "2" };
	CHECK_INT(store_answer(kiosk, &ss, "feeling", false, v, 1, NULL, 0, err, sizeof err), 0);
	store_close(kiosk);

	before = files_of(killed);
	s = open_ro(killed);
	if (s) {
		struct outputs got = read_all(s);
		same_outputs(&got, want, "a killed kiosk's file");
		outputs_free(&got);
		store_close(s);
	}
	after = files_of(killed);
	CHECK_STR(after.db, before.db);
	CHECK_STR(after.wal, before.wal); /* not checkpointed, not deleted */
	CHECK(exists(killed, "-shm"));    /* the readers' index: SQLite's, kept */
	free(path);
	free(killed);
}

/* An older kiosk's file: the figures of the same answers in a current one; not migrated. */
static void test_old_schema(const char *dir, int version, bool log_left, const struct outputs *want)
{
	char *path = xasprintf("%s/v%d%s.db", dir, version, log_left ? "-running" : ""),
	     *copy = xasprintf("%s/v%d-killed.db", dir, version);
	sqlite3 *db = write_old(path, version);
	if (log_left)
		copy_files(path, copy); /* its kiosk killed: answers in the log */
	sqlite3_close(db);
	const char *file = log_left ? copy : path;
	CHECK(exists(file, "-wal") == log_left);
	struct files before = files_of(file);
	struct store *s = open_ro(file);
	if (s) {
		struct outputs got = read_all(s);
		char what[64];
		snprintf(what, sizeof what, "schema %d%s", version, log_left ? ", answers in the log" : "");
		same_outputs(&got, want, what);
		outputs_free(&got);
		store_close(s);
	}
	struct files after = files_of(file);
	CHECK_STR(after.db, before.db);
	CHECK_STR(after.wal, before.wal);
	if (!log_left)
		CHECK_STR(after.shm, "absent");
	sqlite3 *check;
	CHECK_INT(sqlite3_open_v2(file, &check, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	CHECK_INT(sqlite3_prepare_v2(check, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	CHECK(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == version); /* not migrated */
	sqlite3_finalize(st);
	sqlite3_close(check);
	free(path);
	free(copy);
}

/* Nothing can be written through it, not even into a migrated copy; what cannot be read is
 * refused with the file's name. */
static void test_refusals(const char *dir)
{
	char err[300];
	char *path = path_join(dir, "closed.db"), *old = path_join(dir, "v1.db");
	const char *v[] = { "1" };
	const char *const files[] = { path, old };
	for (size_t i = 0; i < PV_ARRAY_LEN(files); i++) {
		struct files before = files_of(files[i]);
		struct store *s = open_ro(files[i]);
		if (!s)
			continue;
		struct store_session ss;
		store_session_init(&ss, "checkin-weekly", 1, "fr", "2026-11-20");
		err[0] = '\0';
		CHECK_INT(store_answer(s, &ss, "feeling", false, v, 1, NULL, 0, err, sizeof err), -1);
		CHECK(strstr(err, files[i]) != NULL && strstr(err, "read-only") != NULL);
		CHECK(!ss.saved);
		ss.saved = true;
		CHECK_INT(store_end(s, &ss, STORE_END_IDLE, err, sizeof err), -1);
		CHECK_INT(store_setting_set(s, "admin_pin", "x", err, sizeof err), -1);
		CHECK_INT(store_purge_before(s, "2030-01-01", err, sizeof err), -1);
		CHECK_INT(store_mark_interrupted(s, err, sizeof err), -1);
		CHECK_INT(store_checkpoint(s, err, sizeof err), -1);
		CHECK_INT(store_query_int(s, "SELECT count(*) FROM sessions"), NSESSIONS); /* all still there */
		store_close(s);
		struct files after = files_of(files[i]);
		CHECK_STR(after.db, before.db);
	}

	/* A name that a "file:" URI must escape. */
	char *odd = path_join(dir, "a b%20?x=1#c.db");
	char *cmd = xasprintf("cp '%s' '%s'", path, odd);
	CHECK(system(cmd) == 0);
	struct store *s = open_ro(odd);
	if (s)
		CHECK_INT(store_query_int(s, "SELECT count(*) FROM sessions"), NSESSIONS);
	store_close(s);
	free(cmd);
	free(odd);

	/* No file: none is made. */
	char *missing = path_join(dir, "missing/none.db");
	CHECK(store_open_readonly(missing, err, sizeof err) == NULL);
	CHECK(strstr(err, missing) != NULL);
	CHECK(!exists(missing, ""));
	/* Not a database; a newer kiosk's file; a version no kiosk writes. */
	char *junk = path_join(dir, "junk.db");
	FILE *f = fopen(junk, "w");
	fputs("this is not a database, just words that fill the first page of the file......", f);
	fclose(f);
	CHECK(store_open_readonly(junk, err, sizeof err) == NULL);
	CHECK(strstr(err, junk) != NULL && strstr(err, "reading the schema version") != NULL);
	static const char *const versions[] = { "PRAGMA user_version = 99", "PRAGMA user_version = -1" };
	for (size_t i = 0; i < PV_ARRAY_LEN(versions); i++) {
		char *p = xasprintf("%s/version%zu.db", dir, i);
		sqlite3 *db;
		sqlite3_open(p, &db);
		exec_or_die(db, "CREATE TABLE t (x)");
		exec_or_die(db, versions[i]);
		sqlite3_close(db);
		struct files before = files_of(p);
		err[0] = '\0';
		CHECK(store_open_readonly(p, err, sizeof err) == NULL);
		CHECK(strstr(err, p) != NULL && strstr(err, i ? "schema version -1" : "newer") != NULL);
		struct files after = files_of(p);
		CHECK_STR(after.db, before.db);
		free(p);
	}
	free(missing);
	free(junk);
	free(path);
	free(old);
}

/* Read without locks (there was no log): a kiosk that writes into the file meanwhile makes the
 * read fail, rather than give figures from two states of the file. */
static void test_changed_while_read(const char *dir)
{
	char *path = path_join(dir, "changed.db");
	store_close(write_current(path));
	struct store *s = open_ro(path);
	char err[300];
	struct store *kiosk = store_open(path, err, sizeof err);
	CHECK(kiosk != NULL);
	if (!s || !kiosk)
		return;
	struct store_session ss;
	store_session_init(&ss, "checkin-weekly", 1, "fr", "2026-11-20");
	const char *v[] = { "2" };
	CHECK_INT(store_answer(kiosk, &ss, "feeling", false, v, 1, NULL, 0, err, sizeof err), 0);
	CHECK_INT(store_checkpoint(kiosk, err, sizeof err), 0); /* into the file */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	err[0] = '\0';
	CHECK_INT(report_counts_csv(s, f, REPORT_MIN_GROUP, err, sizeof err), -1);
	fclose(f);
	free(buf);
	CHECK(strstr(err, path) != NULL && strstr(err, "changed while it was read") != NULL);
	store_close(s);
	store_close(kiosk);
	free(path);
}

int main(void)
{
	char *dir = fixture_tmpdir();
	char err[300];

	/* What the reports say of these answers in a current file opened as the kiosk opens it. */
	struct outputs plain, coded;
	make_answers(false);
	char *ref = path_join(dir, "reference.db");
	struct store *s = write_current(ref);
	plain = read_all(s);
	store_close(s);
	test_old_schema(dir, 1, false, &plain);
	make_answers(true);
	char *ref2 = path_join(dir, "reference-coded.db");
	s = write_current(ref2);
	coded = read_all(s);
	store_close(s);
	CHECK(strstr(coded.summary, "\"competences\":[{") != NULL); /* the personal codes count */
	test_old_schema(dir, 2, false, &coded);
	test_old_schema(dir, 2, true, &coded);
	test_current_closed(dir, &coded);
	test_kiosk_log(dir, &coded);
	test_refusals(dir);
	test_changed_while_read(dir);
	(void)err;
	outputs_free(&plain);
	outputs_free(&coded);
	free(ref);
	free(ref2);
	fixture_rmdir(dir);
	return check_done();
}
