#include "store/store.h"

#include <cjson/cJSON.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "store/store_impl.h"

/* Each step moves the schema one version up; a step is never edited once released. */
static const char *const migrations[] = {
	/* 1: sessions and answers. WITHOUT ROWID with a random key, so the file does not keep the
	 * order in which people came by. */
	"CREATE TABLE sessions ("
	"  id TEXT PRIMARY KEY CHECK (length(id) = 32),"
	"  questionnaire TEXT NOT NULL,"
	"  version INTEGER NOT NULL,"
	"  language TEXT NOT NULL,"
	"  day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
	"  completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),"
	"  end_reason TEXT CHECK (end_reason IN ('completed', 'idle', 'left', 'interrupted'))"
	") WITHOUT ROWID;"
	"CREATE INDEX sessions_by_questionnaire ON sessions (questionnaire, version, day);"
	"CREATE TABLE answers ("
	"  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
	"  question TEXT NOT NULL,"
	"  refused INTEGER NOT NULL CHECK (refused IN (0, 1)),"
	"  value_json TEXT CHECK ((refused = 1) = (value_json IS NULL)),"
	"  PRIMARY KEY (session_id, question)"
	") WITHOUT ROWID;",
	/* 2: a personal code's pseudonym, and the rank of the session among that person's (their
	 * first, second...): progress needs an order, and a time of day would say too much. */
	"ALTER TABLE sessions ADD COLUMN person TEXT CHECK (person IS NULL OR length(person) = 32);"
	"ALTER TABLE sessions ADD COLUMN person_seq INTEGER CHECK ((person IS NULL) = (person_seq IS NULL));"
	"CREATE UNIQUE INDEX sessions_by_person ON sessions (person, person_seq) WHERE person IS NOT NULL;",
	/* 3: settings of the kiosk itself that must survive a restart (the admin PIN's lock). */
	"CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;",
};
_Static_assert(PV_ARRAY_LEN(migrations) == STORE_SCHEMA_VERSION, "one migration per schema version");

int store_db_err(struct store *s, char *err, size_t n, const char *what)
{
	int code = sqlite3_extended_errcode(s->db);
	const char *hint = (code & 0xff) == SQLITE_FULL ? " (the disk is full)" : "";
	return pv_err(err, n, "%s: %s: %s%s", s->path, what, sqlite3_errmsg(s->db), hint);
}

int store_prepare_once(struct store *s, const char *sql, sqlite3_stmt **st, const char *what, char *err, size_t n)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return store_db_err(s, err, n, what);
	return 0;
}

/* Runs sql; on failure the message says what was being done, not the SQL. */
static int exec_as(struct store *s, const char *sql, const char *what, char *err, size_t n)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_db_err(s, err, n, what);
	return 0;
}

static int exec(struct store *s, const char *sql, char *err, size_t n)
{
	return exec_as(s, sql, sql, err, n);
}

/* Every write starts here: a store opened for a report writes nothing, not even to a copy. */
static int writable(const struct store *s, char *err, size_t n)
{
	return s->readonly ? pv_err(err, n, "%s: opened read-only (for a report): nothing is written", s->path) : 0;
}

long long store_query_int(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int store_read_version(struct store *s, int *version, char *err, size_t n)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return store_db_err(s, err, n, "reading the schema version");
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	else
		store_db_err(s, err, n, "reading the schema version"); /* before finalize: SQLite's message */
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int store_check_version(struct store *s, int have, char *err, size_t n)
{
	int want = (int)PV_ARRAY_LEN(migrations);
	if (have > want)
		return pv_err(err, n, "%s: made by a newer pictovox (schema %d, this one knows %d)", s->path, have, want);
	if (have < 0)
		return pv_err(err, n, "%s: schema version %d, which no pictovox writes: not a pictovox database, or damaged",
		              s->path, have);
	return 0;
}

const char *store_migration_sql(int version)
{
	return version >= 1 && version <= (int)PV_ARRAY_LEN(migrations) ? migrations[version - 1] : NULL;
}

int store_schema_version(struct store *s)
{
	int v;
	return store_read_version(s, &v, NULL, 0) == 0 ? v : -1;
}

int store_migrate(struct store *s, bool quiet, char *err, size_t n)
{
	int have;
	if (store_read_version(s, &have, err, n) || store_check_version(s, have, err, n))
		return -1;
	for (int v = have; v < (int)PV_ARRAY_LEN(migrations); v++) {
		char pragma[48];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d;", v + 1);
		if (exec(s, "BEGIN IMMEDIATE", err, n) || exec(s, migrations[v], err, n) ||
		    exec(s, pragma, err, n) || exec(s, "COMMIT", err, n)) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		if (!quiet)
			log_info("%s: schema migrated to version %d", s->path, v + 1);
	}
	return 0;
}

static int prepare(struct store *s, const char *sql, sqlite3_stmt **st, char *err, size_t n)
{
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		return store_db_err(s, err, n, "prepare");
	return 0;
}

int store_quick_check(struct store *s, char *err, size_t n)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK)
		return store_db_err(s, err, n, "not a database, or unreadable");
	int step = sqlite3_step(st);
	const char *verdict = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	int rc = 0;
	if (!verdict || strcmp(verdict, "ok") != 0)
		rc = pv_err(err, n, "%s: the database is damaged: %s", s->path, verdict ? verdict : sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	return rc;
}

struct store *store_open(const char *path, char *err, size_t n)
{
	if (sodium_init() < 0) {
		pv_err(err, n, "libsodium could not start");
		return NULL;
	}
	char *dir = path_dirname(path);
	char why[256];
	int rc = path_mkdirs(dir, why, sizeof why);
	free(dir);
	if (rc) {
		pv_err(err, n, "%s: cannot create the database's folder (%s)", path, why);
		return NULL;
	}
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		store_db_err(s, err, n, "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 2000);
	sqlite3_extended_result_codes(s->db, 1);
	/* A newer kiosk's file, or one that is not a database, is refused before anything is set. */
	int have;
	if (store_read_version(s, &have, err, n) || store_check_version(s, have, err, n))
		goto fail;
	/* WAL + FULL: a commit that returned is on disk. secure_delete: a deleted answer leaves no trace. */
	/* No checkpoint inside a commit (it would add its own writes and flushes to a touch's
	 * wait): store_checkpoint runs them when nobody is waiting. */
	if (exec_as(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
	               "PRAGMA secure_delete = ON; PRAGMA wal_autocheckpoint = 0;",
	            "cannot use this file as a database", err, n))
		goto fail;
	if (store_quick_check(s, err, n))
		goto fail;
	if (store_migrate(s, false, err, n))
		goto fail;
	if (prepare(s,
	            "INSERT INTO sessions (id, questionnaire, version, language, day, person, person_seq)"
	            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, CASE WHEN ?6 IS NULL THEN NULL ELSE"
	            " (SELECT COALESCE(MAX(person_seq), 0) + 1 FROM sessions WHERE person = ?6) END)",
	            &s->ins_session, err, n) ||
	    prepare(s,
	            "INSERT INTO answers (session_id, question, refused, value_json) VALUES (?, ?, ?, ?)"
	            " ON CONFLICT (session_id, question) DO UPDATE SET refused = excluded.refused,"
	            " value_json = excluded.value_json",
	            &s->put_answer, err, n) ||
	    prepare(s, "DELETE FROM answers WHERE session_id = ? AND question = ?", &s->del_answer, err, n) ||
	    prepare(s, "UPDATE sessions SET completed = ?, end_reason = ? WHERE id = ?", &s->end_session,
	            err, n))
		goto fail;
	return s;
fail:
	store_close(s);
	return NULL;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->ins_session);
	sqlite3_finalize(s->put_answer);
	sqlite3_finalize(s->del_answer);
	sqlite3_finalize(s->end_session);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

char *store_default_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg)
		return xasprintf("%s/pictovox/pictovox.db", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/pictovox/pictovox.db", home && *home ? home : ".");
}

const char *store_path(const struct store *s)
{
	return s->path;
}

void store_session_init(struct store_session *ss, const char *questionnaire, long version,
                        const char *language, const char *day)
{
	unsigned char raw[STORE_ID_LEN / 2];
	memset(ss, 0, sizeof *ss);
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(ss->id, sizeof ss->id, raw, sizeof raw);
	snprintf(ss->questionnaire, sizeof ss->questionnaire, "%s", questionnaire);
	ss->version = version;
	snprintf(ss->language, sizeof ss->language, "%s", language);
	snprintf(ss->day, sizeof ss->day, "%s", day);
}

/* Runs a prepared statement once to completion and resets it. */
static int run(struct store *s, sqlite3_stmt *st, char *err, size_t n, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : store_db_err(s, err, n, what);
}

int store_answer(struct store *s, struct store_session *ss, const char *question, bool refused,
                 const char *const *values, size_t nvalues, const char *const *drop, size_t ndrop,
                 char *err, size_t n)
{
	if (writable(s, err, n))
		return -1;
	char *json = NULL;
	if (!refused) {
		cJSON *arr = cJSON_CreateStringArray(values, (int)nvalues);
		json = cJSON_PrintUnformatted(arr);
		cJSON_Delete(arr);
		if (!json)
			return pv_err(err, n, "out of memory writing an answer");
	}
	if (exec(s, "BEGIN IMMEDIATE", err, n)) {
		cJSON_free(json);
		return -1;
	}
	if (!ss->saved) {
		sqlite3_bind_text(s->ins_session, 1, ss->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->ins_session, 2, ss->questionnaire, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s->ins_session, 3, ss->version);
		sqlite3_bind_text(s->ins_session, 4, ss->language, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->ins_session, 5, ss->day, -1, SQLITE_STATIC);
		if (ss->person[0])
			sqlite3_bind_text(s->ins_session, 6, ss->person, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s->ins_session, 6);
		if (run(s, s->ins_session, err, n, "saving a session"))
			goto rollback;
	}
	sqlite3_bind_text(s->put_answer, 1, ss->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->put_answer, 2, question, -1, SQLITE_STATIC);
	sqlite3_bind_int(s->put_answer, 3, refused);
	if (json)
		sqlite3_bind_text(s->put_answer, 4, json, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s->put_answer, 4);
	if (run(s, s->put_answer, err, n, "saving an answer"))
		goto rollback;
	for (size_t i = 0; i < ndrop; i++) {
		sqlite3_bind_text(s->del_answer, 1, ss->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->del_answer, 2, drop[i], -1, SQLITE_STATIC);
		if (run(s, s->del_answer, err, n, "removing a hidden answer"))
			goto rollback;
	}
	if (exec(s, "COMMIT", err, n))
		goto rollback;
	cJSON_free(json);
	ss->saved = true;
	return 0;
rollback:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	cJSON_free(json);
	return -1;
}

long store_person_sessions(struct store *s, const char *person, const char *questionnaire, char *err, size_t n)
{
	sqlite3_stmt *st;
	if (prepare(s, "SELECT count(*) FROM sessions WHERE person = ?1 AND (?2 IS NULL OR questionnaire = ?2)", &st, err, n))
		return -1;
	sqlite3_bind_text(st, 1, person, -1, SQLITE_STATIC);
	if (questionnaire)
		sqlite3_bind_text(st, 2, questionnaire, -1, SQLITE_STATIC);
	long count = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	if (count < 0)
		store_db_err(s, err, n, "reading a person's sessions");
	sqlite3_finalize(st);
	return count;
}

int store_person_values(struct store *s, const char *person, const char *questionnaire, const char *question,
                        bool newest, int *values, size_t max, char *err, size_t n)
{
	sqlite3_stmt *st;
	char sql[400];
	snprintf(sql, sizeof sql,
	         "SELECT v FROM (SELECT s.person_seq AS seq, CAST(json_extract(a.value_json, '$[0]') AS INTEGER) AS v"
	         " FROM sessions s JOIN answers a ON a.session_id = s.id"
	         " WHERE s.person = ?1 AND s.questionnaire = ?2 AND a.question = ?3 AND a.refused = 0"
	         " AND json_array_length(a.value_json) = 1 AND v > 0"
	         " ORDER BY seq %s LIMIT ?4) ORDER BY seq",
	         newest ? "DESC" : "ASC");
	if (prepare(s, sql, &st, err, n))
		return -1;
	sqlite3_bind_text(st, 1, person, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, questionnaire, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, question, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)max);
	int count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && (size_t)count < max)
		values[count++] = sqlite3_column_int(st, 0);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		count = store_db_err(s, err, n, "reading a person's answers");
	sqlite3_finalize(st);
	return count;
}

int store_setting_get(struct store *s, const char *name, char *buf, size_t size, char *err, size_t n)
{
	sqlite3_stmt *st;
	if (prepare(s, "SELECT value FROM settings WHERE name = ?", &st, err, n))
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (size)
		buf[0] = '\0';
	if (rc == SQLITE_ROW && size)
		snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_db_err(s, err, n, "reading a setting");
}

int store_setting_set(struct store *s, const char *name, const char *value, char *err, size_t n)
{
	if (writable(s, err, n))
		return -1;
	sqlite3_stmt *st;
	if (prepare(s, "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
	            &st, err, n))
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	int rc = run(s, st, err, n, "saving a setting");
	sqlite3_finalize(st);
	return rc;
}

long store_purge_before(struct store *s, const char *day, char *err, size_t n)
{
	if (writable(s, err, n))
		return -1;
	sqlite3_stmt *del_a, *del_s;
	if (exec(s, "BEGIN IMMEDIATE", err, n))
		return -1;
	if (prepare(s, "DELETE FROM answers WHERE session_id IN (SELECT id FROM sessions WHERE day < ?)", &del_a, err, n)) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (prepare(s, "DELETE FROM sessions WHERE day < ?", &del_s, err, n)) {
		sqlite3_finalize(del_a);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	sqlite3_bind_text(del_a, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(del_s, 1, day, -1, SQLITE_STATIC);
	long removed = -1;
	if (run(s, del_a, err, n, "deleting old answers") == 0 && run(s, del_s, err, n, "deleting old sessions") == 0) {
		removed = (long)sqlite3_changes(s->db);
		if (exec(s, "COMMIT", err, n))
			removed = -1;
	}
	if (removed < 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_finalize(del_a);
	sqlite3_finalize(del_s);
	return removed;
}

const char *store_end_name(enum store_end why)
{
	/* The same words as the schema's CHECK on end_reason. */
	static const char *const names[] = { "completed", "idle", "left", "interrupted" };
	_Static_assert(PV_ARRAY_LEN(names) == STORE_END_INTERRUPTED + 1, "a name for each enum store_end");
	return (size_t)why < PV_ARRAY_LEN(names) ? names[why] : NULL;
}

int store_end(struct store *s, const struct store_session *ss, enum store_end why, char *err, size_t n)
{
	if (writable(s, err, n))
		return -1;
	if (!store_end_name(why))
		return pv_err(err, n, "ending a session: no end reason %d", (int)why);
	if (!ss->saved)
		return 0;
	sqlite3_bind_int(s->end_session, 1, why == STORE_END_COMPLETED);
	sqlite3_bind_text(s->end_session, 2, store_end_name(why), -1, SQLITE_STATIC);
	sqlite3_bind_text(s->end_session, 3, ss->id, -1, SQLITE_STATIC);
	return run(s, s->end_session, err, n, "ending a session");
}

int store_checkpoint(struct store *s, char *err, size_t n)
{
	if (writable(s, err, n))
		return -1;
	int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	if (rc != SQLITE_OK && rc != SQLITE_BUSY)
		return store_db_err(s, err, n, "checkpoint");
	return 0;
}

int store_mark_interrupted(struct store *s, char *err, size_t n)
{
	if (writable(s, err, n))
		return -1;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE sessions SET end_reason = ? WHERE end_reason IS NULL", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_db_err(s, err, n, "marking interrupted sessions");
	sqlite3_bind_text(st, 1, store_end_name(STORE_END_INTERRUPTED), -1, SQLITE_STATIC);
	int rc = run(s, st, err, n, "marking interrupted sessions");
	sqlite3_finalize(st);
	return rc ? -1 : sqlite3_changes(s->db);
}
