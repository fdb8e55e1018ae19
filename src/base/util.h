/* util: allocation that aborts on failure, small string helpers, the log. */
#ifndef PV_UTIL_H
#define PV_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PV_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation failure is not an error we can report to a person: abort in one place. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Writes into an error buffer of size n (n may be 0); returns -1 so callers can `return pv_err(...)`. */
int pv_err(char *err, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

bool str_eq(const char *a, const char *b);       /* NULL-safe */
bool str_has_suffix(const char *s, const char *suffix);
char *path_join(const char *dir, const char *name);   /* caller frees */
char *path_dirname(const char *path);                 /* caller frees */
bool path_is_dir(const char *path);
bool path_is_file(const char *path);
/* A whole file (at most max bytes), NUL-terminated past *len; NULL with a reason. */
unsigned char *file_read_all(const char *path, size_t max, size_t *len, char *err, size_t n);
int path_mkdirs(const char *dir, char *err, size_t n); /* mkdir -p */

/* A file written whole or not at all: bytes go to "<path>.part", and commit flushes them to the
 * disk, renames the .part over path and syncs the folder, so that a power cut leaves either the
 * old file or the new one, never half of one. Commit and abort both free af; abort (NULL-safe)
 * removes the .part. err names the file that failed. */
struct atomic_file;
struct atomic_file *atomic_file_open(const char *path, char *err, size_t n);
FILE *atomic_file_stream(struct atomic_file *af);
int atomic_file_commit(struct atomic_file *af, char *err, size_t n);
void atomic_file_abort(struct atomic_file *af);

/* Checked number parsing: the whole of s is a base-10 integer in [min, max] (no space around it).
 * 0 and *out set, else -1 and *out untouched; the caller names the file, setting or option. */
int parse_long(const char *s, long min, long max, long *out);
/* "WIDTHxHEIGHT" (e.g. 1280x800), each a number of 1 or more that fits an int; the caller checks
 * its own bounds. 0, or -1 with *w and *h untouched. */
int parse_size(const char *s, int *w, int *h);

/* A day as the kiosk writes it: exactly YYYY-MM-DD, and a day that exists (2024-02-29 yes,
 * 2023-02-29 and 2024-04-31 no). y, m, d may be NULL; untouched when false. */
#define DAY_LEN 10 /* "YYYY-MM-DD"; buffers are DAY_LEN + 1 */
bool day_parse(const char *s, int *y, int *m, int *d);
/* Today in local time, "YYYY-MM-DD". */
void day_today(char day[DAY_LEN + 1]);

/* FNV-1a 64 of p[0..n) (isthe.com/chongo/tech/comp/fnv), its offset basis xor seed: seed 0 is
 * the reference hash. For hash tables, not for anything an attacker chooses to collide. */
uint64_t hash_fnv1a(const void *p, size_t n, uint64_t seed);

/* The log goes to stderr, one line per message, prefixed by its level. */
enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };
void log_set_level(enum log_level level);
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The last error logged, or "": at most LOG_LAST_ERROR_MAX bytes, cut between two characters
 * and ending in "..." when the message was longer (the admin screen shows it). */
#define LOG_LAST_ERROR_MAX 299
const char *log_last_error(void);
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

/* Monotonic milliseconds, for durations only. */
double clock_ms(void);

#endif
