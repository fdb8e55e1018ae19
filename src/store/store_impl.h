/* store_impl.h: what the files of src/store/ share. Included by them alone: outside the
 * store, nothing knows SQLite (tests/cli/sql_only_in_store.sh). */
#ifndef PV_STORE_IMPL_H
#define PV_STORE_IMPL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "store/store.h"

struct store {
	sqlite3 *db;
	char *path;
	bool readonly; /* store_open_readonly: every write is refused */
	bool unlocked; /* read as immutable (no lock): `seen` is the file as it was at open */
	struct stat seen;
	sqlite3_stmt *ins_session, *put_answer, *del_answer, *end_session; /* NULL when read-only */
};

/* Writes "<path>: <what>: <SQLite's message>" into err; returns -1. */
int store_db_err(struct store *s, char *err, size_t n, const char *what);
/* Prepares sql to run once; -1 with a message saying what was being done. */
int store_prepare_once(struct store *s, const char *sql, sqlite3_stmt **st, const char *what, char *err, size_t n);
/* The file's schema version (PRAGMA user_version); -1 with a message if it cannot be read. */
int store_read_version(struct store *s, int *version, char *err, size_t n);
/* -1 with a message unless `have` is a version this pictovox can read: 0 up to its own. */
int store_check_version(struct store *s, int have, char *err, size_t n);
/* PRAGMA quick_check: -1 with SQLite's verdict when the file is damaged. */
int store_quick_check(struct store *s, char *err, size_t n);
/* Runs the migrations from the file's version up to STORE_SCHEMA_VERSION, one transaction each;
 * quiet: no log line per step (a copy in memory). */
int store_migrate(struct store *s, bool quiet, char *err, size_t n);
/* After a read without locks: -1 with a message if the file changed since it was opened (the
 * read may have mixed two states of it). 0 for every other store. */
int store_still_same(struct store *s, char *err, size_t n);

#endif
