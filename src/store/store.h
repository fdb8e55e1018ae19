/* store: the answers, in SQLite (WAL, synchronous=FULL). A function that returns 0 has
 * committed durably: the answer survives a power cut from then on.
 *
 * Nothing here can hold a name or free text: a session is a random id, a questionnaire id and
 * version, a language and a day, and for a person who chose a personal code its keyed hash and
 * the session's rank among theirs (not a time); an answer is a question id and chosen values or a
 * refusal. */
#ifndef PV_STORE_H
#define PV_STORE_H

#include <stdbool.h>
#include <stddef.h>

#define STORE_SCHEMA_VERSION 3
#define STORE_ID_LEN 32 /* hex digits of 16 random bytes */

struct store;

/* Why a session ended: the last question confirmed; nobody there; the person went back past
 * the first question to choose another questionnaire; found open at start (crash, power cut). */
enum store_end { STORE_END_COMPLETED, STORE_END_IDLE, STORE_END_LEFT, STORE_END_INTERRUPTED };
/* Its name, as stored in sessions.end_reason and written in traces: "completed", "idle", "left",
 * "interrupted"; NULL for a value that is none of them. */
const char *store_end_name(enum store_end why);

/* One person's pass through a questionnaire. Its row is written with its first answer, so a
 * touch and a walk-away leave nothing. */
struct store_session {
	char id[STORE_ID_LEN + 1];
	char questionnaire[65];
	long version;
	char language[16];
	char day[11]; /* YYYY-MM-DD */
	char person[33]; /* the pseudonym of a personal code (person.h), or "" for none */
	bool saved;   /* its row exists */
};

/* $XDG_DATA_HOME/pictovox/pictovox.db (~/.local/share when unset). Caller frees. */
char *store_default_path(void);
/* Opens (creating folders and file) and migrates to STORE_SCHEMA_VERSION. */
struct store *store_open(const char *path, char *err, size_t n);
/* Opens an existing file for a report or an export, and changes nothing: not its bytes, not its
 * write-ahead log (what a running or killed kiosk left there is read), not its schema (an older
 * one is read through a copy migrated in memory). Every write through it fails. A file with no
 * log is read without locks, and a read fails if a kiosk writes into the file meanwhile. */
struct store *store_open_readonly(const char *path, char *err, size_t n);
void store_close(struct store *s);
const char *store_path(const struct store *s);

/* Fills a new session with a fresh random id; writes nothing yet. */
void store_session_init(struct store_session *ss, const char *questionnaire, long version,
                        const char *language, const char *day);

/* Stores (or replaces) the answer to `question`: values, or a refusal when refused. Answers to
 * the questions in `drop` (hidden by this answer's new value) are deleted in the same commit. */
int store_answer(struct store *s, struct store_session *ss, const char *question, bool refused,
                 const char *const *values, size_t nvalues, const char *const *drop, size_t ndrop,
                 char *err, size_t n);
/* How many sessions a person (a pseudonym) has, of one questionnaire or (NULL) of any: 0 for a
 * code never used. -1 on error. */
long store_person_sessions(struct store *s, const char *person, const char *questionnaire, char *err, size_t n);
/* The numbers a person chose for `question` of `questionnaire`, one per session that answered it
 * with a number, oldest first: the first `max` of them, or the last `max` if newest. Returns how
 * many, or -1. */
int store_person_values(struct store *s, const char *person, const char *questionnaire, const char *question,
                        bool newest, int *values, size_t max, char *err, size_t n);
/* A kiosk setting that must last (the admin PIN's hash, its failures): value into buf, or
 * "" when unset. -1 on error. */
int store_setting_get(struct store *s, const char *name, char *buf, size_t size, char *err, size_t n);
int store_setting_set(struct store *s, const char *name, const char *value, char *err, size_t n);
/* Deletes every session (and its answers) of a day before `day`; returns how many, or -1. */
long store_purge_before(struct store *s, const char *day, char *err, size_t n);
/* Marks a session ended. A session never saved is left unwritten. */
int store_end(struct store *s, const struct store_session *ss, enum store_end why, char *err, size_t n);
/* Moves what the write-ahead log holds into the database file and empties the log. Commits
 * never do it themselves: call it when nobody is waiting (between two people). */
int store_checkpoint(struct store *s, char *err, size_t n);
/* Marks sessions left open by a crash or power cut as interrupted; returns how many, or -1. */
int store_mark_interrupted(struct store *s, char *err, size_t n);
/* The SQL that took the schema from version - 1 to version (1..STORE_SCHEMA_VERSION), or NULL:
 * for tests that build the file an older kiosk left. */
const char *store_migration_sql(int version);
/* The schema version of what is read (for a read-only store of an older file, that of its
 * migrated copy), or -1 when it cannot be read. */
int store_schema_version(struct store *s);
/* For tests only: runs one query returning a single integer, or -1. Nothing in src/ outside
 * the store calls it: what the reports and screens read is in store/store_report.h. */
long long store_query_int(struct store *s, const char *sql);

#endif
