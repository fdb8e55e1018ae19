/* pictovox-bench: measures the real kiosk (in-process through pvapp, and spawned as the real
 * binary), its store, and a Chromium kiosk page showing the same screen. Prints one table and
 * writes bench.json. Not a pass/fail test: it fails only when it cannot run at all. */
#ifndef PV_BENCH_H
#define PV_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>

/* ---- settings of one run ---- */

struct bench {
	bool short_mode;
	const char *binary;   /* the pictovox executable */
	const char *source;   /* the source tree: assets/ */
	const char *out;      /* bench.json */
	const char *chromium; /* executable name or path */
	char *assets;         /* <source>/assets */
	char *tmp;            /* this run's scratch folder */
	bool keep;            /* keep tmp */
	bool verbose;

	/* The X server shared by the measures that need a real window (0: none). */
	int xdisplay;
	char xname[32];
	pid_t xvfb_pid, wm_pid;
	void *xdpy; /* Display * */
	int xw, xh;
	char xnote[200]; /* why there is none */
};

/* ---- results ---- */

enum status { ST_INFO, ST_MET, ST_MISSED, ST_SKIPPED };
enum key { K_P99, K_MEDIAN, K_VALUE, K_P50 };
enum cmp { CMP_NONE, CMP_BELOW, CMP_AT_LEAST };

struct measure {
	char id[64];
	char label[96];
	char unit[12];
	size_t n;
	double p50, p99, max, median, value; /* NAN when not measured */
	enum key key;                         /* what the target applies to */
	enum cmp cmp;
	double limit;
	enum status st;
	char note[400];
};

/* Adds a measure from samples (copied and sorted), or a single value (n = 0, samples NULL). */
struct measure *result_samples(const char *id, const char *label, const char *unit, const double *s,
                               size_t n, enum key key, enum cmp cmp, double limit);
struct measure *result_value(const char *id, const char *label, const char *unit, double v,
                             enum cmp cmp, double limit);
struct measure *result_skip(const char *id, const char *label, const char *unit, enum cmp cmp,
                            double limit, const char *why, ...) __attribute__((format(printf, 6, 7)));
void result_note(struct measure *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct measure *result_find(const char *id);
/* Extra facts for bench.json and the closing lines (not in the table). */
void fact_num(const char *key, double v);
void fact_str(const char *key, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
double fact_get(const char *key); /* NAN when absent */
void results_print(const struct bench *b);
int results_write_json(const struct bench *b, const char *path);

/* ---- small tools ---- */

double now_ms(void);
void sleep_ms(double ms);
double percentile(const double *sorted, size_t n, double p); /* nearest rank */
int cmp_double(const void *a, const void *b);
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void say(const struct bench *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A growing array of samples. */
struct samples {
	double *v;
	size_t n, cap;
};
void samples_add(struct samples *s, double v);
void samples_free(struct samples *s);
double samples_percentile(const struct samples *s, double p); /* NAN when empty */
void sort_doubles(double *v, size_t n);

/* Spawns argv with env overrides ("K=V" sets, "K" alone unsets), stdin from /dev/null and
 * stdout+stderr appended to log (NULL: /dev/null). Returns the pid, or -1. keep_fd, if >= 0,
 * is passed to the child as fd 3. */
pid_t spawn(char *const argv[], const char *const env[], const char *log, bool own_group, int keep_fd);
/* Children still running are killed (by pid, or by group) when the benchmark exits early. */
void children_kill_all(void);
/* Reaps what was left to us (the benchmark is a subreaper): Chromium's orphans. */
void reap_orphans(void);
/* Waits up to timeout_ms for pid; fills ru if not NULL. Returns the wait status, or -1 on timeout. */
int wait_for(pid_t pid, double timeout_ms, struct rusage *ru);
/* SIGTERM, then SIGKILL after grace_ms; reaps. group: signal the process group instead. */
int stop_process(pid_t pid, double grace_ms, bool group, struct rusage *ru);
bool find_in_path(const char *name, char *out, size_t n);

/* /proc readers */
long proc_cpu_ticks(pid_t pid);                     /* utime + stime, or -1 */
long proc_status_kb(pid_t pid, const char *field);  /* "VmHWM", "VmRSS": kB, or -1 */
long proc_pss_kb(pid_t pid);                        /* from smaps_rollup, or -1 */
size_t proc_tree(pid_t root, pid_t *out, size_t max); /* root and all its descendants */
size_t proc_by_comm(const char *prefix, pid_t *out, size_t max); /* processes whose name starts so */

char *read_file_all(const char *path, size_t *len);
char *xfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int copy_file(const char *from, const char *to);
long long file_size(const char *path);
void rm_tree(const char *path);

/* ---- the parts ---- */

void bench_store(struct bench *b);    /* durable commit, then 100,000 sessions: report, export */
void bench_inproc(struct bench *b);   /* touch -> frame, screen -> first speech sample */
void bench_spawned(struct bench *b);  /* cold start, peak RSS, PSS, idle CPU */
void bench_chromium(struct bench *b); /* the side-by-side */

/* X server helpers (x11.c); all return -1 or false when there is no X. */
int x_start(struct bench *b, int w, int h);
void x_stop(struct bench *b);
void x_disconnect(struct bench *b); /* closes the bench's own connection only */
bool x_available(const struct bench *b);
/* Returns the 0xRRGGBB colour of the root window at (x, y), or -1. */
long x_pixel(struct bench *b, int x, int y);
/* Drains pending events; returns true if a top-level window was mapped since the last call. */
bool x_window_mapped(struct bench *b);
void x_watch_maps(struct bench *b);
bool x_click(struct bench *b, int x, int y);

/* The script of a check-in, shared by the in-process and spawned drivers. */
struct view_target {
	char id[80];
	char role[24];
	int x, y, w, h;
	bool selected;
};
struct view {
	char kind[24];
	char question[80];
	struct view_target t[16];
	size_t n;
};
struct script {
	unsigned long long rng;
	char question[80]; /* the question being answered */
	int picks;         /* choices touched on it */
	char last_id[80];  /* the last target touched, and when (now_ms) */
	double last_t;
};
/* The kiosk takes a second touch on the same target within 350 ms for a double tap and ignores
 * it, as it should: a person does not touch the same place again that soon. Returns how long to
 * wait before touching target id (0: now); script_touched() records the touch. */
double script_wait_before(const struct script *s, const char *id);
void script_touched(struct script *s, const char *id);
/* The questionnaire the script answers: the bundled check-in, chosen on the menu, without a
 * personal code. */
#define SCRIPT_QUESTIONNAIRE "checkin-weekly"
/* The target to touch next on v, or -1. Sets *ends when this touch ends the check-in. */
int script_next(struct script *s, const struct view *v, bool *ends);
unsigned script_rand(struct script *s, unsigned n);

#endif
