#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static _Noreturn void oom(size_t n)
{
	fprintf(stderr, "pictovox: out of memory (%zu bytes)\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		oom(count * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		oom(0);
	char *p = xmalloc((size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return p;
}

int pv_err(char *err, size_t n, const char *fmt, ...)
{
	if (err && n) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

bool str_has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

char *path_join(const char *dir, const char *name)
{
	if (!dir || !*dir)
		return xstrdup(name);
	size_t n = strlen(dir);
	return xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

char *path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

bool path_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool path_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int path_mkdirs(const char *dir, char *err, size_t n)
{
	char *p = xstrdup(dir);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			pv_err(err, n, "%s: cannot create folder: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = 0;
	if (mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = pv_err(err, n, "%s: cannot create folder: %s", p, strerror(errno));
	free(p);
	return rc;
}

static enum log_level log_threshold = LOG_INFO;

void log_set_level(enum log_level level)
{
	log_threshold = level;
}

static char last_error[LOG_LAST_ERROR_MAX + 1];

/* Keeps msg for log_last_error: whole if it fits, else cut before a UTF-8 character that would
 * not fit whole, and "..." to show the cut. */
static void keep_last_error(const char *msg)
{
	size_t n = strlen(msg);
	if (n <= LOG_LAST_ERROR_MAX) {
		memcpy(last_error, msg, n + 1);
		return;
	}
	n = LOG_LAST_ERROR_MAX - 3;
	while (n > 0 && ((unsigned char)msg[n] & 0xc0) == 0x80) /* msg[n] continues a character */
		n--;
	memcpy(last_error, msg, n);
	memcpy(last_error + n, "...", 4);
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	static const char *const names[] = { "debug", "info", "warning", "error" };
	if (level < log_threshold)
		return;
	char buf[1024], *line = buf;
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (len >= (int)sizeof buf) { /* a long one is written whole, not cut */
		line = xmalloc((size_t)len + 1);
		va_start(ap, fmt);
		vsnprintf(line, (size_t)len + 1, fmt, ap);
		va_end(ap);
	}
	/* One fprintf per line so lines from threads do not interleave. */
	fprintf(stderr, "pictovox: %s: %s\n", names[level], len < 0 ? fmt : line);
	if (level == LOG_ERROR) /* errors come from the main thread: the admin mode shows the last */
		keep_last_error(len < 0 ? fmt : line);
	if (line != buf)
		free(line);
}

const char *log_last_error(void)
{
	return last_error;
}

double clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

unsigned char *file_read_all(const char *path, size_t max, size_t *len, char *err, size_t errn)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		pv_err(err, errn, "cannot open: %s", strerror(errno));
		return NULL;
	}
	/* Reads until the end or past max, whichever comes first: a file of exactly max bytes is
	 * whole, one byte more is refused, whatever max is next to the buffer's growth. */
	size_t cap = 4096, n = 0;
	unsigned char *buf = xmalloc(cap + 1); /* + 1: the NUL */
	for (;;) {
		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > max) {
			pv_err(err, errn, "file is larger than %zu bytes", max);
			goto fail;
		}
		if (got == 0) {
			if (ferror(f)) {
				pv_err(err, errn, "cannot read: %s", strerror(errno));
				goto fail;
			}
			break;
		}
	}
	buf[n] = 0;
	fclose(f);
	*len = n;
	return buf;
fail:
	fclose(f);
	free(buf);
	return NULL;
}

int parse_long(const char *s, long min, long max, long *out)
{
	/* The number alone: strtol would skip leading space, so refuse it here. */
	if (!s || !(*s == '-' || *s == '+' || (*s >= '0' && *s <= '9')))
		return -1;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno == ERANGE || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int parse_size(const char *s, int *w, int *h)
{
	const char *x = s ? strchr(s, 'x') : NULL;
	if (!x)
		return -1;
	char *width = xstrndup(s, (size_t)(x - s));
	long a, b;
	int rc = parse_long(width, 1, INT_MAX, &a) == 0 && parse_long(x + 1, 1, INT_MAX, &b) == 0 ? 0 : -1;
	free(width);
	if (rc == 0)
		*w = (int)a, *h = (int)b;
	return rc;
}

static bool digits(const char *s, size_t n, int *v)
{
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

bool day_parse(const char *s, int *y, int *m, int *d)
{
	static const int month_days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int yy, mm, dd;
	if (!s || strlen(s) != DAY_LEN || s[4] != '-' || s[7] != '-' || !digits(s, 4, &yy) ||
	    !digits(s + 5, 2, &mm) || !digits(s + 8, 2, &dd))
		return false;
	bool leap = (yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0;
	if (yy < 1 || mm < 1 || mm > 12 || dd < 1 || dd > month_days[mm - 1] || (mm == 2 && dd == 29 && !leap))
		return false;
	if (y)
		*y = yy;
	if (m)
		*m = mm;
	if (d)
		*d = dd;
	return true;
}

void day_today(char day[DAY_LEN + 1])
{
	time_t t = time(NULL);
	struct tm tm;
	/* localtime_r: localtime's static result may be overwritten by another thread (speech). */
	if (!localtime_r(&t, &tm) || strftime(day, DAY_LEN + 1, "%Y-%m-%d", &tm) != DAY_LEN)
		memcpy(day, "0000-00-00", DAY_LEN + 1); /* a clock beyond year 9999: day_parse refuses it */
}

uint64_t hash_fnv1a(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *b = p;
	uint64_t h = 0xcbf29ce484222325ULL ^ seed; /* the FNV-1a 64 offset basis */
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL; /* the FNV 64 prime */
	return h;
}

struct atomic_file {
	FILE *f;
	char *path, *part;
};

struct atomic_file *atomic_file_open(const char *path, char *err, size_t n)
{
	char *part = xasprintf("%s.part", path);
	FILE *f = fopen(part, "w");
	if (!f) {
		pv_err(err, n, "%s: cannot create: %s", part, strerror(errno));
		free(part);
		return NULL;
	}
	struct atomic_file *af = xmalloc(sizeof *af);
	*af = (struct atomic_file){ f, xstrdup(path), part };
	return af;
}

FILE *atomic_file_stream(struct atomic_file *af)
{
	return af->f;
}

static void atomic_file_free(struct atomic_file *af)
{
	free(af->path);
	free(af->part);
	free(af);
}

/* The folder's entry for a renamed file reaches the disk only when the folder is synced. */
static int sync_folder(const char *path, char *err, size_t n)
{
	char *dir = path_dirname(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	int rc = 0;
	/* Some file systems cannot sync a folder (EINVAL): nothing more can be done there. */
	if (fd < 0 || (fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP))
		rc = pv_err(err, n, "%s: written, but its folder %s could not be synced: %s", path, dir, strerror(errno));
	if (fd >= 0)
		close(fd);
	free(dir);
	return rc;
}

int atomic_file_commit(struct atomic_file *af, char *err, size_t n)
{
	/* A write that failed earlier leaves the error flag: the file is not whole. */
	int rc = 0;
	if (ferror(af->f) || fflush(af->f) != 0 || fsync(fileno(af->f)) != 0)
		rc = pv_err(err, n, "%s: cannot write: %s", af->part, strerror(errno));
	if (fclose(af->f) != 0 && rc == 0)
		rc = pv_err(err, n, "%s: cannot write: %s", af->part, strerror(errno));
	if (rc == 0 && rename(af->part, af->path) != 0)
		rc = pv_err(err, n, "%s: cannot replace it: %s", af->path, strerror(errno));
	if (rc != 0)
		unlink(af->part);
	else
		rc = sync_folder(af->path, err, n);
	atomic_file_free(af);
	return rc;
}

void atomic_file_abort(struct atomic_file *af)
{
	if (!af)
		return;
	fclose(af->f);
	unlink(af->part);
	atomic_file_free(af);
}
