/* store_impl.h: what the files of src/store/ share. Included by them alone: outside the
 * store, nothing knows SQLite (tests/cli/sql_only_in_store.sh). */
#ifndef PV_STORE_IMPL_H
#define PV_STORE_IMPL_H

#include <sqlite3.h>

#include "store/store.h"

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *ins_session, *put_answer, *del_answer, *end_session;
};

/* Writes "<path>: <what>: <SQLite's message>" into err; returns -1. */
int store_db_err(struct store *s, char *err, size_t n, const char *what);
/* Prepares sql to run once; -1 with a message saying what was being done. */
int store_prepare_once(struct store *s, const char *sql, sqlite3_stmt **st, const char *what, char *err, size_t n);

#endif
