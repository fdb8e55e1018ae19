/* Storage: schema and migrations, durable answers, refusals, the end marks, damaged files. */
#include <sqlite3.h>
#include <sys/stat.h>

#include "check.h"
#include "fixture.h"
#include "store/store.h"

static long long q(struct store *s, const char *sql)
{
	return store_query_int(s, sql);
}

static void test_answers(void)
{
	char *dir = fixture_tmpdir();
	char *path = path_join(dir, "a/b/c.db"); /* folders are created */
	char err[300];
	struct store *s = store_open(path, err, sizeof err);
	CHECK(s != NULL);
	CHECK_INT(store_schema_version(s), STORE_SCHEMA_VERSION);
	CHECK_INT(q(s, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode='wal'"), 1);
	CHECK_INT(q(s, "PRAGMA synchronous"), 2); /* FULL */

	struct store_session a, b;
	store_session_init(&a, "checkin", 2, "fr", "2026-11-23");
	store_session_init(&b, "checkin", 2, "fr", "2026-11-23");
	CHECK_INT(strlen(a.id), STORE_ID_LEN);
	CHECK(strcmp(a.id, b.id) != 0);
	CHECK(!a.saved);
	CHECK_INT(store_end(s, &a, STORE_END_IDLE, err, sizeof err), 0); /* nothing saved: nothing written */
	CHECK_INT(q(s, "SELECT count(*) FROM sessions"), 0);

	const char *one[] = { "3" }, *two[] = { "team", "rest" };
	CHECK_INT(store_answer(s, &a, "mood", false, one, 1, NULL, 0, err, sizeof err), 0);
	CHECK(a.saved);
	CHECK_INT(store_answer(s, &a, "helped", false, two, 2, NULL, 0, err, sizeof err), 0);
	CHECK_INT(store_answer(s, &a, "talk", true, NULL, 0, NULL, 0, err, sizeof err), 0);
	CHECK_INT(q(s, "SELECT count(*) FROM answers"), 3);
	CHECK_INT(q(s, "SELECT count(*) FROM answers WHERE question='helped' AND value_json='[\"team\",\"rest\"]'"), 1);
	CHECK_INT(q(s, "SELECT count(*) FROM answers WHERE question='talk' AND refused=1 AND value_json IS NULL"), 1);
	/* An answer given again replaces the first; dropped answers go in the same commit. */
	const char *drop[] = { "talk" };
	CHECK_INT(store_answer(s, &a, "mood", false, one + 0, 1, drop, 1, err, sizeof err), 0);
	CHECK_INT(q(s, "SELECT count(*) FROM answers"), 2);
	CHECK_INT(q(s, "SELECT count(*) FROM answers WHERE question='talk'"), 0);
	CHECK_INT(store_answer(s, &b, "mood", false, one, 1, NULL, 0, err, sizeof err), 0);
	CHECK_INT(store_end(s, &a, STORE_END_COMPLETED, err, sizeof err), 0);
	/* Commits never checkpoint (a touch would wait for it); store_checkpoint empties the log. */
	CHECK_INT(q(s, "PRAGMA wal_autocheckpoint"), 0);
	char *wal = xasprintf("%s-wal", path);
	struct stat st;
	CHECK(stat(wal, &st) == 0 && st.st_size > 0);
	CHECK_INT(store_checkpoint(s, err, sizeof err), 0);
	CHECK(stat(wal, &st) == 0 && st.st_size == 0);
	CHECK_INT(q(s, "SELECT count(*) FROM answers"), 3); /* all there after it */
	free(wal);
	CHECK_INT(q(s, "SELECT count(*) FROM sessions WHERE completed=1 AND end_reason='completed'"), 1);
	/* Nothing that could hold a name or a time of day exists. */
	CHECK_INT(q(s, "SELECT count(*) FROM pragma_table_info('sessions') WHERE name NOT IN "
	               "('id','questionnaire','version','language','day','completed','end_reason','person','person_seq')"), 0);
	CHECK_INT(q(s, "SELECT count(*) FROM pragma_table_info('answers') WHERE name NOT IN "
	               "('session_id','question','refused','value_json')"), 0);
	store_close(s);

	/* Reopened: no migration again; b was left open, so it is marked interrupted. */
	s = store_open(path, err, sizeof err);
	CHECK(s != NULL);
	CHECK_INT(store_mark_interrupted(s, err, sizeof err), 1);
	CHECK_INT(q(s, "SELECT count(*) FROM sessions WHERE end_reason='interrupted' AND completed=0"), 1);
	CHECK_INT(store_mark_interrupted(s, err, sizeof err), 0);
	CHECK_INT(q(s, "SELECT count(*) FROM answers"), 3);
	store_close(s);
	free(path);
	fixture_rmdir(dir);
}

static void test_bad_files(void)
{
	char *dir = fixture_tmpdir();
	char err[300];

	/* Not a database. */
	char *junk = path_join(dir, "junk.db");
	FILE *f = fopen(junk, "w");
	fputs("this is not a database, just words that fill the first page of the file......", f);
	fclose(f);
	CHECK(store_open(junk, err, sizeof err) == NULL);
	CHECK(strstr(err, junk) != NULL);
	CHECK(strstr(err, "reading the schema version") != NULL); /* PRAGMA user_version fails: said so */

	/* A database from a newer pictovox: refused, untouched. */
	char *newer = path_join(dir, "newer.db");
	sqlite3 *db;
	sqlite3_open(newer, &db);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	CHECK(store_open(newer, err, sizeof err) == NULL);
	CHECK(strstr(err, "newer") != NULL);
	CHECK(strstr(err, newer) != NULL);

	/* A schema version no pictovox writes: -1 is also what a failed read of it looked like,
	 * and both were taken as an index into the migrations (migrations[-1]). Refused, untouched. */
	static const char *const negative[] = { "PRAGMA user_version = -1", "PRAGMA user_version = -7" };
	for (size_t i = 0; i < PV_ARRAY_LEN(negative); i++) {
		char *bad = xasprintf("%s/negative%zu.db", dir, i);
		sqlite3_open(bad, &db);
		sqlite3_exec(db, negative[i], NULL, NULL, NULL);
		sqlite3_close(db);
		err[0] = '\0';
		CHECK(store_open(bad, err, sizeof err) == NULL);
		CHECK(strstr(err, bad) != NULL);
		CHECK(strstr(err, "schema version") != NULL);
		free(bad);
	}

	/* A folder that cannot be created. */
	CHECK(store_open("/proc/pictovox/x.db", err, sizeof err) == NULL);
	CHECK(strstr(err, "/proc/pictovox") != NULL);
	free(junk);
	free(newer);
	fixture_rmdir(dir);
}

int main(void)
{
	test_answers();
	test_bad_files();
	return check_done();
}
