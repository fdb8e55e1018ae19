/* util: allocation that aborts on failure, small string helpers, the log. */
#ifndef PV_UTIL_H
#define PV_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

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

/* The log goes to stderr, one line per message, prefixed by its level. */
enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };
void log_set_level(enum log_level level);
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *log_last_error(void); /* the last error logged, or "" */
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

/* Monotonic milliseconds, for durations only. */
double clock_ms(void);

#endif
