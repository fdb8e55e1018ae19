/* The real pictovox binary, spawned: start to first presented frame (dummy video driver, and a
 * real X window under Xvfb), peak RSS and PSS after a scripted check-in driven with xdotool
 * clicks, and CPU used while it idles on the welcome screen. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench.h"
#include "store/store.h"

#define BG 0xF4F1EA /* the kiosk's background, and the HTML page's */

/* Where to look for the first frame on the root window: the kiosk's background is there on every
 * screen (a corner, inside the margin), and so is the HTML page's. */
#define PROBE_X 3
#define PROBE_Y 3

/* ---- following a --trace file ---- */

struct tracef {
	char *path;
	long off;
	int ino; /* inotify fd watching the folder */
	unsigned screens; /* "screen" lines seen */
	struct view last;  /* the last screen */
	double first_t_ms; /* t_ms of the first screen line */
};

static void tracef_open(struct tracef *t, const char *dir, const char *path)
{
	memset(t, 0, sizeof *t);
	t->path = strdup(path);
	t->first_t_ms = NAN;
	t->ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (t->ino >= 0)
		inotify_add_watch(t->ino, dir, IN_MODIFY | IN_CREATE);
}

static void tracef_close(struct tracef *t)
{
	if (t->ino >= 0)
		close(t->ino);
	free(t->path);
}

static void view_from_json(const cJSON *o, struct view *v)
{
	memset(v, 0, sizeof *v);
	const cJSON *k = cJSON_GetObjectItem(o, "kind"), *q = cJSON_GetObjectItem(o, "question");
	snprintf(v->kind, sizeof v->kind, "%s", cJSON_IsString(k) ? k->valuestring : "");
	snprintf(v->question, sizeof v->question, "%s", cJSON_IsString(q) ? q->valuestring : "");
	const cJSON *tg;
	cJSON_ArrayForEach(tg, cJSON_GetObjectItem(o, "targets"))
	{
		if (v->n == 16)
			break;
		struct view_target *t = &v->t[v->n++];
		const cJSON *id = cJSON_GetObjectItem(tg, "id"), *role = cJSON_GetObjectItem(tg, "role");
		const cJSON *r = cJSON_GetObjectItem(tg, "rect");
		snprintf(t->id, sizeof t->id, "%s", cJSON_IsString(id) ? id->valuestring : "");
		snprintf(t->role, sizeof t->role, "%s", cJSON_IsString(role) ? role->valuestring : "");
		t->selected = cJSON_IsTrue(cJSON_GetObjectItem(tg, "selected"));
		if (cJSON_GetArraySize(r) == 4) {
			t->x = cJSON_GetArrayItem(r, 0)->valueint;
			t->y = cJSON_GetArrayItem(r, 1)->valueint;
			t->w = cJSON_GetArrayItem(r, 2)->valueint;
			t->h = cJSON_GetArrayItem(r, 3)->valueint;
		}
	}
}

/* Reads the lines added since the last call. */
static void tracef_read(struct tracef *t)
{
	char buf[512];
	while (t->ino >= 0 && read(t->ino, buf, sizeof buf) > 0)
		; /* drain the notifications */
	FILE *f = fopen(t->path, "r");
	if (!f)
		return;
	if (fseek(f, t->off, SEEK_SET) != 0) {
		fclose(f);
		return;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] != '\n')
			break; /* not complete yet */
		t->off += len;
		cJSON *o = cJSON_Parse(line);
		const cJSON *ev = cJSON_GetObjectItem(o, "event");
		if (cJSON_IsString(ev) && strcmp(ev->valuestring, "screen") == 0) {
			if (!t->screens) {
				const cJSON *tm = cJSON_GetObjectItem(o, "t_ms");
				t->first_t_ms = cJSON_IsNumber(tm) ? tm->valuedouble : NAN;
			}
			t->screens++;
			view_from_json(o, &t->last);
		}
		cJSON_Delete(o);
	}
	free(line);
	fclose(f);
}

/* Waits until the trace has more than `screens` screen lines; false on timeout. */
static bool tracef_wait(struct tracef *t, unsigned screens, double timeout_ms)
{
	double end = now_ms() + timeout_ms;
	for (;;) {
		tracef_read(t);
		if (t->screens > screens)
			return true;
		double left = end - now_ms();
		if (left <= 0)
			return false;
		struct pollfd pf = { t->ino, POLLIN, 0 };
		if (t->ino >= 0)
			poll(&pf, 1, left > 50 ? 50 : (int)left + 1);
		else
			sleep_ms(1);
	}
}

/* ---- one start of the kiosk ---- */

struct start {
	double frame_ms;  /* process start -> first "screen" line (after SDL_RenderPresent) */
	double map_ms;    /* -> its window mapped (X only) */
	double pixel_ms;  /* -> its background on the root window (X only) */
	double trace_ms;  /* the trace's own t_ms of that line (from trace_open, after loading) */
	pid_t pid;
};

static char template_db[1024];

static void make_template_db(struct bench *b)
{
	/* An existing database, as on a kiosk after its first day. */
	snprintf(template_db, sizeof template_db, "%s/template.db", b->tmp);
	char err[512];
	struct store *s = store_open(template_db, err, sizeof err);
	if (!s)
		die("store_open: %s", err);
	store_close(s);
}

static bool start_kiosk(struct bench *b, bool x11, const char *audio, int run, struct tracef *tf,
                        struct start *out, bool keep_running)
{
	char *db = xfmt("%s/start-%s-%d.db", b->tmp, x11 ? "x11" : "dummy", run);
	char *trace = xfmt("%s/start-%s-%d.trace", b->tmp, x11 ? "x11" : "dummy", run);
	char *log = xfmt("%s/kiosk.log", b->tmp);
	if (copy_file(template_db, db) != 0)
		die("cannot copy %s", template_db);
	char display[48], adrv[48];
	snprintf(display, sizeof display, "DISPLAY=%s", b->xname);
	snprintf(adrv, sizeof adrv, "SDL_AUDIODRIVER=%s", audio);
	const char *env[] = { x11 ? "SDL_VIDEODRIVER=x11" : "SDL_VIDEODRIVER=dummy", adrv,
		              "SDL_DISKAUDIOFILE=/dev/null", x11 ? display : "DISPLAY", NULL };
	char *argv[] = { (char *)b->binary, "--content", b->assets, "--db", db, "--trace", trace,
		         x11 ? "--fullscreen" : "--windowed", x11 ? NULL : "1280x800", NULL };
	if (x11)
		argv[8] = NULL;
	tracef_open(tf, b->tmp, trace);
	out->map_ms = out->pixel_ms = out->frame_ms = out->trace_ms = NAN;
	if (x11) {
		/* the last window is gone: its background is not on the root any more */
		double until = now_ms() + 2000;
		while (x_pixel(b, PROBE_X, PROBE_Y) == BG && now_ms() < until)
			sleep_ms(5);
		x_watch_maps(b);
	}
	double t0 = now_ms();
	out->pid = spawn(argv, env, log, false, -1);
	if (out->pid < 0)
		die("cannot start %s", b->binary);
	double end = t0 + 15000;
	bool ok = false;
	while (now_ms() < end) {
		tracef_read(tf);
		double t = now_ms();
		if (tf->screens && isnan(out->frame_ms))
			out->frame_ms = t - t0;
		if (x11) {
			if (isnan(out->map_ms) && x_window_mapped(b))
				out->map_ms = now_ms() - t0;
			if (isnan(out->pixel_ms) && x_pixel(b, PROBE_X, PROBE_Y) == BG)
				out->pixel_ms = now_ms() - t0;
		}
		if (!isnan(out->frame_ms) && (!x11 || !isnan(out->pixel_ms))) {
			ok = true;
			break;
		}
		if (wait_for(out->pid, 0, NULL) != -1) /* it ended: it did not start */
			break;
		if (x11) {
			sleep_ms(0.5);
		} else {
			struct pollfd pf = { tf->ino, POLLIN, 0 };
			poll(&pf, 1, 20);
		}
	}
	out->trace_ms = tf->first_t_ms;
	if (!ok || !keep_running) {
		/* nothing to keep: SIGKILL is fine (the database is a throwaway copy) */
		kill(out->pid, SIGKILL);
		wait_for(out->pid, 5000, NULL);
		out->pid = 0;
		tracef_close(tf);
	}
	if (!ok && !isnan(out->frame_ms))
		ok = true; /* a frame, but the probe pixel never matched: keep the frame time */
	free(db);
	free(trace);
	free(log);
	return ok;
}

static void cold_start(struct bench *b, bool x11)
{
	const int runs = b->short_mode ? (x11 ? 2 : 3) : (x11 ? 10 : 20);
	struct samples frame = { 0 }, map = { 0 }, pixel = { 0 }, trace = { 0 };
	for (int i = -1; i < runs; i++) { /* run -1 warms the page cache */
		struct tracef tf;
		struct start s;
		if (!start_kiosk(b, x11, "disk", i + 1, &tf, &s, false)) {
			char *log = xfmt("%s/kiosk.log", b->tmp);
			char *text = read_file_all(log, NULL);
			fprintf(stderr, "%s\n", text ? text : "");
			die("pictovox did not show its first screen within 15 s (%s, log above)", x11 ? "x11" : "dummy");
		}
		if (b->verbose)
			say(b, "start %s %d: frame %.1f ms (trace t_ms %.0f), mapped %.1f ms, pixels %.1f ms",
			    x11 ? "x11" : "dummy", i + 1, s.frame_ms, s.trace_ms, s.map_ms, s.pixel_ms);
		if (i < 0)
			continue;
		samples_add(&frame, s.frame_ms);
		samples_add(&trace, s.trace_ms);
		if (!isnan(s.map_ms))
			samples_add(&map, s.map_ms);
		if (!isnan(s.pixel_ms))
			samples_add(&pixel, s.pixel_ms);
	}
	struct measure *m;
	if (!x11) {
		m = result_samples("start_first_frame_dummy", "start -> first presented frame (dummy), median", "ms",
		                   frame.v, frame.n, K_MEDIAN, CMP_BELOW, 100);
		result_note(m, "real binary spawned with SDL_VIDEODRIVER=dummy (software renderer), SDL_AUDIODRIVER=disk; "
		               "time to its first trace \"screen\" line");
	} else {
		m = result_samples("start_first_frame_x11", "start -> first presented frame (x11, Xvfb), median", "ms",
		                   frame.v, frame.n, K_MEDIAN, CMP_BELOW, 100);
		result_note(m, "real binary --fullscreen in %s, SDL_AUDIODRIVER=disk", b->xnote);
		double mm = samples_percentile(&map, 50), pm = samples_percentile(&pixel, 50);
		result_note(m, "window mapped: median %.1f ms; its background on the screen: median %.1f ms", mm, pm);
		fact_num("pictovox_x11_window_mapped_median_ms", mm);
		fact_num("pictovox_x11_first_pixels_median_ms", pm);
	}
	double tm = samples_percentile(&trace, 50);
	result_note(m, "of which after the trace opens (its t_ms: SDL, window, font, database, voice, audio, first draw): median %.0f ms", tm);
	fact_num(x11 ? "start_x11_after_loading_median_ms" : "start_dummy_after_loading_median_ms", tm);
	samples_free(&frame);
	samples_free(&map);
	samples_free(&pixel);
	samples_free(&trace);
}

/* ---- a check-in on the real binary in a real window ---- */

static long tree_pss_kb(pid_t pid, int *nprocs)
{
	pid_t tree[256];
	size_t n = proc_tree(pid, tree, 256);
	long sum = 0;
	for (size_t i = 0; i < n; i++) {
		long p = proc_pss_kb(tree[i]);
		if (p > 0)
			sum += p;
	}
	if (nprocs)
		*nprocs = (int)n;
	return sum;
}

/* The screen the HTML page copies: a question with four pictogram answers. */
static bool is_four_choice_question(const struct view *v)
{
	size_t choices = 0;
	for (size_t i = 0; i < v->n; i++)
		choices += strcmp(v->t[i].role, "choice") == 0;
	return strcmp(v->kind, "question") == 0 && choices == 4;
}

struct idle {
	const char *label, *id, *audio;
	bool x11;
	struct tracef tf;
	struct start s;
	long ticks0;
	double t0;
	bool running;
};

static void idle_begin(struct idle *k)
{
	k->ticks0 = proc_cpu_ticks(k->s.pid);
	k->t0 = now_ms();
}

static double idle_end(struct idle *k)
{
	long t1 = proc_cpu_ticks(k->s.pid);
	double secs = (now_ms() - k->t0) / 1000;
	if (k->ticks0 < 0 || t1 < 0)
		return NAN;
	return 100.0 * (double)(t1 - k->ticks0) / (double)sysconf(_SC_CLK_TCK) / secs;
}

void bench_spawned(struct bench *b)
{
	make_template_db(b);
	say(b, "cold start, dummy video driver");
	cold_start(b, false);
	if (!x_available(b)) {
		const char *why = b->xnote;
		result_skip("start_first_frame_x11", "start -> first presented frame (x11, Xvfb), median", "ms",
		            CMP_BELOW, 100, "%s", why);
		result_skip("peak_rss", "peak RSS after a check-in (x11, 1920x1080)", "MiB", CMP_BELOW, 40, "%s", why);
		result_skip("idle_cpu", "CPU while idle on welcome (x11), % of a core", "%", CMP_BELOW, 0.1, "%s", why);
		return;
	}
	say(b, "cold start, x11 under %s", b->xnote);
	cold_start(b, true);

	/* K1: a check-in with clicks, then idle. */
	say(b, "a check-in on the real binary under Xvfb (xdotool clicks)");
	struct idle k[3] = {
		{ .label = "x11, SDL disk audio driver", .id = "idle_cpu", .audio = "disk", .x11 = true },
		{ .label = "x11, no audio device", .id = "idle_cpu_x11_noaudio", .audio = "none", .x11 = true },
		{ .label = "dummy video, SDL disk audio driver", .id = "idle_cpu_dummy", .audio = "disk", .x11 = false },
	};
	if (!start_kiosk(b, true, "disk", 100, &k[0].tf, &k[0].s, true) || !k[0].s.pid)
		die("pictovox did not start under Xvfb");
	k[0].running = true;
	sleep_ms(500); /* nobody touches a kiosk in its first half second */
	struct script sc = { .rng = 0x2545f4914f6cdd1dULL };
	long pss_kb = -1, hwm_checkin = -1;
	char rss_parts[200] = "";
	bool done = false;
	char xdotool[512];
	bool can_click = find_in_path("xdotool", xdotool, sizeof xdotool);
	for (int touches = 0; can_click && touches < 80 && !done; touches++) {
		struct view v = k[0].tf.last;
		if (pss_kb < 0 && is_four_choice_question(&v)) {
			sleep_ms(1500); /* the question is being spoken */
			pss_kb = tree_pss_kb(k[0].s.pid, NULL);
		}
		bool ends;
		int i = script_next(&sc, &v, &ends);
		if (i < 0)
			die("no target to touch on a '%s' screen in the trace", v.kind);
		unsigned seen = k[0].tf.screens;
		bool moved = false;
		for (int attempt = 0; attempt < 3 && !moved; attempt++) {
			sleep_ms(script_wait_before(&sc, v.t[i].id));
			if (!x_click(b, v.t[i].x + v.t[i].w / 2, v.t[i].y + v.t[i].h / 2))
				die("xdotool could not click");
			script_touched(&sc, v.t[i].id);
			moved = tracef_wait(&k[0].tf, seen, 2000);
			if (!moved)
				say(b, "no new screen within 2 s of a click on '%s' at (%d, %d): again", v.t[i].id,
				    v.t[i].x + v.t[i].w / 2, v.t[i].y + v.t[i].h / 2);
		}
		if (!moved)
			die("no new screen in the trace after three clicks on '%s'", v.t[i].id);
		sleep_ms(150); /* someone listening a little before touching again */
		done = ends;
	}
	struct measure *m;
	if (!done) {
		result_skip("peak_rss", "peak RSS after a check-in (x11, 1920x1080)", "MiB", CMP_BELOW, 40,
		            "xdotool is not installed: no check-in on the real window");
	} else {
		hwm_checkin = proc_status_kb(k[0].s.pid, "VmHWM");
		/* what the memory is, once back on the welcome screen */
		snprintf(rss_parts, sizeof rss_parts, "anonymous %.1f, files (libraries, fonts) %.1f, shared memory "
		         "(the X framebuffer) %.1f MiB",
		         proc_status_kb(k[0].s.pid, "RssAnon") / 1024.0, proc_status_kb(k[0].s.pid, "RssFile") / 1024.0,
		         proc_status_kb(k[0].s.pid, "RssShmem") / 1024.0);
	}
	fact_num("pictovox_pss_question_screen_kb", (double)pss_kb);

	/* K2, K3: fresh kiosks on the welcome screen, idle alongside. */
	for (int i = 1; i < 3; i++) {
		if (!start_kiosk(b, k[i].x11, k[i].audio, 200 + i, &k[i].tf, &k[i].s, true) || !k[i].s.pid)
			die("pictovox did not start (%s)", k[i].label);
		k[i].running = true;
	}
	sleep_ms(2000); /* settle: the thanks speech was cut, nothing moves any more */
	double window = b->short_mode ? 5 : 60;
	say(b, "idle CPU over %.0f s on the welcome screen", window);
	for (int i = 0; i < 3; i++)
		idle_begin(&k[i]);
	sleep_ms(window * 1000);
	double cpu[3];
	for (int i = 0; i < 3; i++)
		cpu[i] = idle_end(&k[i]);
	m = result_value("idle_cpu", "CPU while idle on welcome (x11), % of a core", "%", cpu[0], CMP_BELOW, 0.1);
	result_note(m, "real binary after a check-in, %s, SDL_AUDIODRIVER=disk, over %.0f s (clock tick %.0f ms)",
	            b->xnote, window, 1000.0 / (double)sysconf(_SC_CLK_TCK));
	m = result_value("idle_cpu_x11_noaudio", "  idle CPU, x11 without an audio device", "%", cpu[1], CMP_NONE, 0);
	result_note(m, "SDL_AUDIODRIVER=none: the kiosk runs silent, no audio thread");
	m = result_value("idle_cpu_dummy", "  idle CPU, dummy video driver (polls)", "%", cpu[2], CMP_NONE, 0);
	result_note(m, "SDL_VIDEODRIVER=dummy has no event wait: SDL_WaitEventTimeout polls every ms");

	for (int i = 2; i >= 0; i--) {
		struct rusage ru;
		memset(&ru, 0, sizeof ru);
		long hwm = proc_status_kb(k[i].s.pid, "VmHWM");
		stop_process(k[i].s.pid, 3000, false, &ru);
		tracef_close(&k[i].tf);
		if (i == 0 && done) {
			double peak = (double)(ru.ru_maxrss > hwm ? ru.ru_maxrss : hwm) / 1024.0;
			m = result_value("peak_rss", "peak RSS after a check-in (x11, 1920x1080)", "MiB", peak, CMP_BELOW, 40);
			result_note(m, "ru_maxrss of the real binary after a check-in and %.0f s idle; VmHWM right after the "
			               "check-in %.1f MiB; PSS on the question screen %.1f MiB",
			            window, (double)hwm_checkin / 1024, (double)pss_kb / 1024);
			result_note(m, "resident after the check-in: %s", rss_parts);
		}
		if (i == 2)
			fact_num("pictovox_dummy_welcome_hwm_kb", (double)hwm);
		if (i == 1)
			fact_num("pictovox_x11_noaudio_welcome_hwm_kb", (double)hwm);
	}
}
