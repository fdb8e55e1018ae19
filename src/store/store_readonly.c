/* Opening for a report or an export: read what the kiosks stored, and change nothing.
 *
 * What SQLite 3.40 does with SQLITE_OPEN_READONLY on a file in WAL mode (tested in
 * test_store_readonly): it never checkpoints, so neither the file nor its log (-wal) change;
 * but to read through the log it needs the readers' shared index (-shm), and it makes an empty
 * -wal and a -shm beside a file that had none, and leaves them (and fails when the folder is
 * read-only). So:
 *  - no log beside the file (no kiosk has it open: a kiosk's log lasts as long as it runs;
 *    everything is in the file): the file is read as immutable, with no lock and nothing made
 *    beside it; a kiosk that writes into it meanwhile is noticed (store_still_same) and the
 *    read fails rather than mix two states of the file;
 *  - a log (a kiosk running, or killed): read through it with SQLite's locks, the answers not
 *    yet checkpointed included; the -shm is SQLite's and is used (made if it was missing).
 * A file of an older schema is copied into memory (sqlite3_backup) and migrated there. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "store/store_impl.h"

static bool sibling_exists(const char *path, const char *suffix)
{
	char *p = xasprintf("%s%s", path, suffix);
	struct stat st;
	bool yes = stat(p, &st) == 0;
	free(p);
	return yes;
}

/* A "file:" URI for path with a query: every byte but the unreserved ones escaped. */
static char *file_uri(const char *path, const char *query)
{
	size_t len = strlen(path);
	char *uri = xmalloc(sizeof "file://" + 3 * len + 1 + strlen(query));
	/* An absolute path gets an empty authority, so that "//x" stays a path. */
	char *p = uri + sprintf(uri, path[0] == '/' ? "file://" : "file:");
	for (const char *c = path; *c; c++) {
		unsigned char b = (unsigned char)*c;
		if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || strchr("/._-~", b))
			*p++ = (char)b;
		else
			p += sprintf(p, "%%%02X", b);
	}
	sprintf(p, "?%s", query);
	return uri;
}

int store_still_same(struct store *s, char *err, size_t n)
{
	struct stat now;
	if (!s->unlocked)
		return 0;
	if (stat(s->path, &now) == 0 && now.st_dev == s->seen.st_dev && now.st_ino == s->seen.st_ino &&
	    now.st_size == s->seen.st_size && now.st_mtim.tv_sec == s->seen.st_mtim.tv_sec &&
	    now.st_mtim.tv_nsec == s->seen.st_mtim.tv_nsec)
		return 0;
	return pv_err(err, n, "%s: the database changed while it was read (a kiosk started on it?): run it again",
	              s->path);
}

/* An older schema: the whole file copied into memory and migrated there; the file is closed. */
static int migrated_copy(struct store *s, int have, char *err, size_t n)
{
	sqlite3 *mem;
	if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		sqlite3_close(mem);
		return pv_err(err, n, "%s: no memory to read schema %d into", s->path, have);
	}
	sqlite3_backup *b = sqlite3_backup_init(mem, "main", s->db, "main");
	int rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(mem);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		pv_err(err, n, "%s: copying schema %d into memory: %s", s->path, have, sqlite3_errstr(rc));
		sqlite3_close(mem);
		return -1;
	}
	if (store_still_same(s, err, n)) {
		sqlite3_close(mem);
		return -1;
	}
	sqlite3_close(s->db);
	s->db = mem;
	s->unlocked = false; /* the copy is ours alone */
	sqlite3_extended_result_codes(s->db, 1);
	if (store_migrate(s, true, err, n))
		return -1;
	log_info("%s: schema %d, read through a copy migrated in memory (the file is left as it is)", s->path, have);
	return 0;
}

struct store *store_open_readonly(const char *path, char *err, size_t n)
{
	if (sodium_init() < 0) {
		pv_err(err, n, "libsodium could not start");
		return NULL;
	}
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->readonly = true;
	if (stat(path, &s->seen) != 0) {
		pv_err(err, n, "%s: cannot read the database: %s", path, strerror(errno));
		goto fail;
	}
	/* No log, and no rollback journal either (a file some other tool left in that mode):
	 * nothing but the file holds answers. */
	s->unlocked = !sibling_exists(path, "-wal") && !sibling_exists(path, "-journal");
	char *uri = file_uri(path, s->unlocked ? "immutable=1" : "mode=ro");
	int rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		store_db_err(s, err, n, "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 2000);
	sqlite3_extended_result_codes(s->db, 1);
	/* A read-only connection cannot checkpoint anyway; this says it does not try. */
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	int have;
	if (store_read_version(s, &have, err, n) || store_check_version(s, have, err, n) || store_quick_check(s, err, n) ||
	    store_still_same(s, err, n))
		goto fail;
	if (have < STORE_SCHEMA_VERSION && migrated_copy(s, have, err, n))
		goto fail;
	/* The copy in memory could be written: SQLite refuses it too. */
	if (sqlite3_exec(s->db, "PRAGMA query_only = ON", NULL, NULL, NULL) != SQLITE_OK) {
		store_db_err(s, err, n, "cannot read only");
		goto fail;
	}
	return s;
fail:
	store_close(s);
	return NULL;
}
