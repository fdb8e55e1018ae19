/* Results, statistics, processes, /proc and the check-in script. */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

extern char **environ;

/* ---- small tools ---- */

double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void sleep_ms(double ms)
{
	if (ms <= 0)
		return;
	struct timespec ts = { (time_t)(ms / 1000), (long)(fmod(ms, 1000.0) * 1e6) };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double percentile(const double *sorted, size_t n, double p)
{
	if (!n)
		return NAN;
	double r = ceil(p / 100.0 * (double)n);
	size_t i = r < 1 ? 0 : (size_t)r - 1;
	return sorted[i < n ? i : n - 1];
}

void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("pictovox-bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

void say(const struct bench *b, const char *fmt, ...)
{
	(void)b;
	va_list ap;
	va_start(ap, fmt);
	fputs("  .. ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void samples_add(struct samples *s, double v)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (!s->v)
			die("out of memory");
	}
	s->v[s->n++] = v;
}

void sort_doubles(double *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_double);
}

double samples_percentile(const struct samples *s, double p)
{
	if (!s->n)
		return NAN;
	double *v = malloc(s->n * sizeof *v);
	if (!v)
		die("out of memory");
	memcpy(v, s->v, s->n * sizeof *v);
	sort_doubles(v, s->n);
	double r = percentile(v, s->n, p);
	free(v);
	return r;
}

void samples_free(struct samples *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

char *xfmt(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	return s;
}

char *read_file_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
		}
	}
	fclose(f);
	if (!buf)
		die("out of memory");
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

int copy_file(const char *from, const char *to)
{
	size_t n;
	char *data = read_file_all(from, &n);
	if (!data)
		return -1;
	FILE *f = fopen(to, "wb");
	int rc = f && fwrite(data, 1, n, f) == n ? 0 : -1;
	if (f && fclose(f) != 0)
		rc = -1;
	free(data);
	return rc;
}

long long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

void rm_tree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

bool find_in_path(const char *name, char *out, size_t n)
{
	if (strchr(name, '/')) {
		snprintf(out, n, "%s", name);
		return access(name, X_OK) == 0;
	}
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *end = strchr(path, ':');
		size_t len = end ? (size_t)(end - path) : strlen(path);
		snprintf(out, n, "%.*s/%s", (int)len, path, name);
		if (len && access(out, X_OK) == 0)
			return true;
		path += len + (end ? 1 : 0);
	}
	return false;
}

/* ---- processes ---- */

#define MAX_CHILDREN 64
static struct child {
	pid_t pid;
	bool group;
} children[MAX_CHILDREN];

static void child_track(pid_t pid, bool group)
{
	for (size_t i = 0; i < MAX_CHILDREN; i++)
		if (!children[i].pid) {
			children[i] = (struct child){ pid, group };
			return;
		}
}

static void child_untrack(pid_t pid)
{
	for (size_t i = 0; i < MAX_CHILDREN; i++)
		if (children[i].pid == pid)
			children[i].pid = 0;
}

void reap_orphans(void)
{
	siginfo_t si;
	for (;;) {
		memset(&si, 0, sizeof si);
		if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) != 0 || si.si_pid == 0)
			return;
		for (size_t i = 0; i < MAX_CHILDREN; i++)
			if (children[i].pid == si.si_pid)
				return; /* one of ours: wait_for() collects it */
		waitpid(si.si_pid, NULL, WNOHANG);
	}
}

void children_kill_all(void)
{
	for (size_t i = 0; i < MAX_CHILDREN; i++)
		if (children[i].pid > 0) {
			kill(children[i].group ? -children[i].pid : children[i].pid, SIGKILL);
			waitpid(children[i].pid, NULL, 0);
			children[i].pid = 0;
		}
}

pid_t spawn(char *const argv[], const char *const env[], const char *log, bool own_group, int keep_fd)
{
	size_t nenv = 0, nset = 0;
	while (environ[nenv])
		nenv++;
	while (env && env[nset])
		nset++;
	const char **envp = calloc(nenv + nset + 1, sizeof *envp);
	size_t k = 0;
	for (size_t i = 0; i < nenv; i++) {
		bool overridden = false;
		for (size_t j = 0; j < nset && !overridden; j++) {
			size_t klen = strcspn(env[j], "=");
			overridden = strncmp(environ[i], env[j], klen) == 0 && environ[i][klen] == '=';
		}
		if (!overridden)
			envp[k++] = environ[i];
	}
	for (size_t j = 0; j < nset; j++)
		if (strchr(env[j], '='))
			envp[k++] = env[j];
	envp[k] = NULL;

	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, log ? log : "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0644);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	if (keep_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, keep_fd, 3);
	posix_spawnattr_t at;
	posix_spawnattr_init(&at);
	sigset_t none;
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&at, &none);
	short flags = POSIX_SPAWN_SETSIGMASK;
	if (own_group) {
		flags |= POSIX_SPAWN_SETPGROUP;
		posix_spawnattr_setpgroup(&at, 0);
	}
	posix_spawnattr_setflags(&at, flags);
	pid_t pid;
	int rc = posix_spawn(&pid, argv[0], &fa, &at, argv, (char *const *)envp);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	free(envp);
	if (rc != 0) {
		fprintf(stderr, "pictovox-bench: cannot start %s: %s\n", argv[0], strerror(rc));
		return -1;
	}
	child_track(pid, own_group);
	return pid;
}

int wait_for(pid_t pid, double timeout_ms, struct rusage *ru)
{
	double end = now_ms() + timeout_ms;
	struct rusage dummy;
	for (;;) {
		int status;
		pid_t r = wait4(pid, &status, WNOHANG, ru ? ru : &dummy);
		if (r == pid) {
			child_untrack(pid);
			return status;
		}
		if (r < 0) {
			child_untrack(pid);
			return -2;
		}
		if (now_ms() > end)
			return -1;
		sleep_ms(2);
	}
}

int stop_process(pid_t pid, double grace_ms, bool group, struct rusage *ru)
{
	if (pid <= 0)
		return -1;
	kill(group ? -pid : pid, SIGTERM);
	int st = wait_for(pid, grace_ms, ru);
	if (st == -1) {
		kill(group ? -pid : pid, SIGKILL);
		st = wait_for(pid, 5000, ru);
	}
	if (group) /* what is left of the group after its leader went */
		kill(-pid, SIGKILL);
	return st;
}

/* ---- /proc ---- */

long proc_cpu_ticks(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	char *s = read_file_all(path, NULL);
	if (!s)
		return -1;
	char *p = strrchr(s, ')');
	long ut = -1, st = -1;
	/* after ")": state(3) ppid(4) ... utime(14) stime(15) */
	if (p && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %ld %ld", &ut, &st) != 2)
		ut = st = -1;
	free(s);
	return ut < 0 ? -1 : ut + st;
}

static long kb_field(const char *path, const char *field)
{
	char *s = read_file_all(path, NULL);
	if (!s)
		return -1;
	long v = -1;
	size_t fl = strlen(field);
	for (char *line = s; line && *line;) {
		if (strncmp(line, field, fl) == 0 && line[fl] == ':') {
			v = strtol(line + fl + 1, NULL, 10);
			break;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	free(s);
	return v;
}

long proc_status_kb(pid_t pid, const char *field)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	return kb_field(path, field);
}

long proc_pss_kb(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)pid);
	return kb_field(path, "Pss");
}

size_t proc_tree(pid_t root, pid_t *out, size_t max)
{
	/* All (pid, ppid) pairs, then a breadth-first walk from root. */
	size_t cap = 4096, n = 0;
	pid_t(*pairs)[2] = malloc(cap * sizeof *pairs);
	DIR *d = opendir("/proc");
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		char path[300];
		snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
		char *s = read_file_all(path, NULL);
		if (!s)
			continue;
		char *p = strrchr(s, ')');
		int ppid;
		if (p && sscanf(p + 2, "%*c %d", &ppid) == 1) {
			if (n == cap)
				pairs = realloc(pairs, (cap *= 2) * sizeof *pairs);
			pairs[n][0] = (pid_t)atoi(e->d_name);
			pairs[n][1] = (pid_t)ppid;
			n++;
		}
		free(s);
	}
	if (d)
		closedir(d);
	size_t got = 0;
	if (max)
		out[got++] = root;
	for (size_t i = 0; i < got; i++)
		for (size_t j = 0; j < n && got < max; j++)
			if (pairs[j][1] == out[i])
				out[got++] = pairs[j][0];
	free(pairs);
	return got;
}

size_t proc_by_comm(const char *prefix, pid_t *out, size_t max)
{
	size_t n = 0, plen = strlen(prefix);
	DIR *d = opendir("/proc");
	struct dirent *e;
	while (d && (e = readdir(d)) && n < max) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		char path[300];
		snprintf(path, sizeof path, "/proc/%s/comm", e->d_name);
		char *c = read_file_all(path, NULL);
		if (c && strncmp(c, prefix, plen) == 0)
			out[n++] = (pid_t)atoi(e->d_name);
		free(c);
	}
	if (d)
		closedir(d);
	return n;
}

/* ---- results ---- */

#define MAX_MEASURES 64
#define MAX_FACTS 96

static struct measure measures[MAX_MEASURES];
static size_t nmeasures;

static struct fact {
	char key[64];
	bool is_num;
	double num;
	char str[400];
} facts[MAX_FACTS];
static size_t nfacts;

static double key_value(const struct measure *m)
{
	switch (m->key) {
	case K_P99: return m->p99;
	case K_P50: return m->p50;
	case K_MEDIAN: return m->median;
	case K_VALUE: return m->value;
	}
	return NAN;
}

static void judge(struct measure *m)
{
	if (m->st == ST_SKIPPED)
		return;
	double v = key_value(m);
	if (m->cmp == CMP_NONE || isnan(v))
		m->st = ST_INFO;
	else if (m->cmp == CMP_BELOW)
		m->st = v < m->limit ? ST_MET : ST_MISSED;
	else
		m->st = v >= m->limit ? ST_MET : ST_MISSED;
}

static struct measure *new_measure(const char *id, const char *label, const char *unit, enum key key,
                                   enum cmp cmp, double limit)
{
	struct measure *m = result_find(id);
	if (!m) {
		if (nmeasures == MAX_MEASURES)
			die("too many measures");
		m = &measures[nmeasures++];
	}
	memset(m, 0, sizeof *m);
	snprintf(m->id, sizeof m->id, "%s", id);
	snprintf(m->label, sizeof m->label, "%s", label);
	snprintf(m->unit, sizeof m->unit, "%s", unit);
	m->p50 = m->p99 = m->max = m->median = m->value = NAN;
	m->key = key;
	m->cmp = cmp;
	m->limit = limit;
	return m;
}

struct measure *result_find(const char *id)
{
	for (size_t i = 0; i < nmeasures; i++)
		if (strcmp(measures[i].id, id) == 0)
			return &measures[i];
	return NULL;
}

struct measure *result_samples(const char *id, const char *label, const char *unit, const double *s,
                               size_t n, enum key key, enum cmp cmp, double limit)
{
	struct measure *m = new_measure(id, label, unit, key, cmp, limit);
	m->n = n;
	if (n) {
		double *v = malloc(n * sizeof *v);
		memcpy(v, s, n * sizeof *v);
		sort_doubles(v, n);
		m->p50 = m->median = percentile(v, n, 50);
		if (n % 2 == 0)
			m->median = (v[n / 2 - 1] + v[n / 2]) / 2;
		m->p99 = percentile(v, n, 99);
		m->max = v[n - 1];
		free(v);
	}
	judge(m);
	return m;
}

struct measure *result_value(const char *id, const char *label, const char *unit, double v,
                             enum cmp cmp, double limit)
{
	struct measure *m = new_measure(id, label, unit, K_VALUE, cmp, limit);
	m->value = v;
	m->n = isnan(v) ? 0 : 1;
	judge(m);
	return m;
}

struct measure *result_skip(const char *id, const char *label, const char *unit, enum cmp cmp,
                            double limit, const char *why, ...)
{
	struct measure *m = new_measure(id, label, unit, K_VALUE, cmp, limit);
	m->st = ST_SKIPPED;
	va_list ap;
	va_start(ap, why);
	vsnprintf(m->note, sizeof m->note, why, ap);
	va_end(ap);
	return m;
}

void result_note(struct measure *m, const char *fmt, ...)
{
	if (!m)
		return;
	size_t used = strlen(m->note);
	if (used && used + 2 < sizeof m->note) {
		strcat(m->note, "; ");
		used += 2;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m->note + used, sizeof m->note - used, fmt, ap);
	va_end(ap);
}

static struct fact *new_fact(const char *key)
{
	for (size_t i = 0; i < nfacts; i++)
		if (strcmp(facts[i].key, key) == 0)
			return &facts[i];
	if (nfacts == MAX_FACTS)
		die("too many facts");
	struct fact *f = &facts[nfacts++];
	snprintf(f->key, sizeof f->key, "%s", key);
	return f;
}

void fact_num(const char *key, double v)
{
	struct fact *f = new_fact(key);
	f->is_num = true;
	f->num = v;
}

double fact_get(const char *key)
{
	for (size_t i = 0; i < nfacts; i++)
		if (strcmp(facts[i].key, key) == 0 && facts[i].is_num)
			return facts[i].num;
	return NAN;
}

void fact_str(const char *key, const char *fmt, ...)
{
	struct fact *f = new_fact(key);
	f->is_num = false;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->str, sizeof f->str, fmt, ap);
	va_end(ap);
}

static const char *status_name(enum status s)
{
	static const char *const names[] = { "info", "MET", "MISSED", "SKIPPED" };
	return names[s];
}

static const char *key_name(enum key k)
{
	static const char *const names[] = { "p99", "median", "value", "p50" };
	return names[k];
}

static void fmt_num(char *buf, size_t n, double v, const char *unit)
{
	if (isnan(v)) {
		snprintf(buf, n, "-");
		return;
	}
	double a = fabs(v);
	int prec = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
	snprintf(buf, n, "%.*f%s%s", prec, v, *unit ? " " : "", unit);
}

static void fmt_target(char *buf, size_t n, const struct measure *m)
{
	if (m->cmp == CMP_NONE) {
		snprintf(buf, n, "-");
		return;
	}
	char lim[32];
	fmt_num(lim, sizeof lim, m->limit, m->unit);
	snprintf(buf, n, "%s %s %s", m->key == K_VALUE ? "" : key_name(m->key),
	         m->cmp == CMP_BELOW ? "<" : ">=", lim);
	if (buf[0] == ' ')
		memmove(buf, buf + 1, strlen(buf));
}

void results_print(const struct bench *b)
{
	(void)b;
	printf("\n%-52s %6s %11s %11s %11s  %-18s %s\n", "measure", "n", "p50/value", "p99", "max", "target",
	       "result");
	for (size_t i = 0; i < nmeasures; i++) {
		const struct measure *m = &measures[i];
		char a[32], c[32], d[32], t[48];
		fmt_num(a, sizeof a, m->key == K_VALUE ? m->value : m->key == K_MEDIAN ? m->median : m->p50, m->unit);
		fmt_num(c, sizeof c, m->key == K_VALUE ? NAN : m->p99, m->unit);
		fmt_num(d, sizeof d, m->key == K_VALUE ? NAN : m->max, m->unit);
		fmt_target(t, sizeof t, m);
		char n[24];
		if (m->n)
			snprintf(n, sizeof n, "%zu", m->n);
		else
			snprintf(n, sizeof n, "-");
		printf("%-52.52s %6s %11s %11s %11s  %-18s %s\n", m->label, n, a, c, d, t, status_name(m->st));
	}
	printf("\nnotes:\n");
	for (size_t i = 0; i < nmeasures; i++)
		if (measures[i].note[0])
			printf("  %s: %s\n", measures[i].label, measures[i].note);
	size_t met = 0, missed = 0;
	for (size_t i = 0; i < nmeasures; i++) {
		met += measures[i].st == ST_MET;
		missed += measures[i].st == ST_MISSED;
	}
	printf("\ntargets: %zu met, %zu missed\n", met, missed);
}

static cJSON *num_or_null(double v)
{
	return isnan(v) || isinf(v) ? cJSON_CreateNull() : cJSON_CreateNumber(v);
}

int results_write_json(const struct bench *b, const char *path)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "tool", "pictovox-bench");
	cJSON_AddStringToObject(root, "mode", b->short_mode ? "short" : "full");
	time_t t = time(NULL);
	char when[32];
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	cJSON_AddStringToObject(root, "date", when);
	cJSON_AddStringToObject(root, "binary", b->binary);
	cJSON *arr = cJSON_AddArrayToObject(root, "measures");
	size_t met = 0, missed = 0;
	for (size_t i = 0; i < nmeasures; i++) {
		const struct measure *m = &measures[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", m->id);
		cJSON_AddStringToObject(o, "label", m->label);
		cJSON_AddStringToObject(o, "unit", m->unit);
		cJSON_AddNumberToObject(o, "n", (double)m->n);
		if (m->key == K_VALUE) {
			cJSON_AddItemToObject(o, "value", num_or_null(m->value));
		} else {
			cJSON_AddItemToObject(o, "p50", num_or_null(m->p50));
			cJSON_AddItemToObject(o, "median", num_or_null(m->median));
			cJSON_AddItemToObject(o, "p99", num_or_null(m->p99));
			cJSON_AddItemToObject(o, "max", num_or_null(m->max));
		}
		if (m->cmp != CMP_NONE) {
			cJSON *tg = cJSON_AddObjectToObject(o, "target");
			cJSON_AddStringToObject(tg, "of", key_name(m->key));
			cJSON_AddStringToObject(tg, "op", m->cmp == CMP_BELOW ? "<" : ">=");
			cJSON_AddNumberToObject(tg, "value", m->limit);
		}
		cJSON_AddStringToObject(o, "status", status_name(m->st));
		if (m->note[0])
			cJSON_AddStringToObject(o, "note", m->note);
		cJSON_AddItemToArray(arr, o);
		met += m->st == ST_MET;
		missed += m->st == ST_MISSED;
	}
	cJSON *fo = cJSON_AddObjectToObject(root, "facts");
	for (size_t i = 0; i < nfacts; i++) {
		if (facts[i].is_num)
			cJSON_AddItemToObject(fo, facts[i].key, num_or_null(facts[i].num));
		else
			cJSON_AddStringToObject(fo, facts[i].key, facts[i].str);
	}
	cJSON *sum = cJSON_AddObjectToObject(root, "summary");
	cJSON_AddNumberToObject(sum, "met", (double)met);
	cJSON_AddNumberToObject(sum, "missed", (double)missed);
	char *s = cJSON_Print(root);
	cJSON_Delete(root);
	FILE *f = fopen(path, "w");
	int rc = -1;
	if (f && s) {
		fputs(s, f);
		fputc('\n', f);
		rc = fclose(f) == 0 ? 0 : -1;
	} else if (f) {
		fclose(f);
	}
	free(s);
	return rc;
}

/* ---- the check-in script ---- */

unsigned script_rand(struct script *s, unsigned n)
{
	/* xorshift64*: the same run touches the same things */
	s->rng ^= s->rng >> 12;
	s->rng ^= s->rng << 25;
	s->rng ^= s->rng >> 27;
	return n ? (unsigned)((s->rng * 2685821657736338717ULL) >> 33) % n : 0;
}

#define REPEAT_GAP_MS 400 /* the kiosk ignores a repeat within 350 ms */

double script_wait_before(const struct script *s, const char *id)
{
	if (strcmp(s->last_id, id) != 0)
		return 0;
	double left = s->last_t + REPEAT_GAP_MS - now_ms();
	return left > 0 ? left : 0;
}

void script_touched(struct script *s, const char *id)
{
	snprintf(s->last_id, sizeof s->last_id, "%s", id);
	s->last_t = now_ms();
}

static int find_role(const struct view *v, const char *role, const char *id)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->t[i].role, role) == 0 && (!id || strcmp(v->t[i].id, id) == 0))
			return (int)i;
	return -1;
}

int script_next(struct script *s, const struct view *v, bool *ends)
{
	*ends = false;
	if (!strcmp(v->kind, "welcome")) {
		s->question[0] = '\0';
		return find_role(v, "start", NULL);
	}
	if (!strcmp(v->kind, "menu")) /* the check-in, as before there were two questionnaires */
		return find_role(v, "questionnaire", "questionnaire:" SCRIPT_QUESTIONNAIRE);
	if (!strcmp(v->kind, "code-ask")) /* no personal code: straight to the questions */
		return find_role(v, "choice", "code:guest");
	if (!strcmp(v->kind, "star") || !strcmp(v->kind, "mood"))
		return find_role(v, "confirm", NULL);
	if (!strcmp(v->kind, "still-there"))
		return find_role(v, "continue", NULL);
	if (!strcmp(v->kind, "thanks")) {
		*ends = true;
		return find_role(v, "continue", NULL);
	}
	if (!strcmp(v->kind, "info"))
		return find_role(v, "confirm", NULL);
	if (strcmp(v->kind, "question") != 0)
		return -1;
	if (strcmp(s->question, v->question) != 0) {
		snprintf(s->question, sizeof s->question, "%s", v->question);
		s->picks = 0;
	}
	int choices[16], nch = 0, nsel = 0;
	for (size_t i = 0; i < v->n; i++) {
		if (!strcmp(v->t[i].role, "choice"))
			choices[nch++] = (int)i;
		if ((!strcmp(v->t[i].role, "choice") || !strcmp(v->t[i].role, "refuse")) && v->t[i].selected)
			nsel++;
	}
	/* Touch one answer (now and then the refusal, now and then a second one), then confirm. */
	if (s->picks == 0 || (s->picks == 1 && nsel == 0)) {
		s->picks++;
		if (nch == 0 || script_rand(s, 12) == 0)
			return find_role(v, "refuse", NULL);
		return choices[script_rand(s, (unsigned)nch)];
	}
	if (s->picks == 1 && nch > 2 && script_rand(s, 4) == 0) {
		s->picks++;
		int c = choices[script_rand(s, (unsigned)nch)];
		if (!v->t[c].selected)
			return c;
	}
	return find_role(v, "confirm", NULL);
}
