/* The side-by-side: the same one-question screen as a static HTML page (question, four large
 * pictogram buttons with the kiosk's own SVGs inline) in Debian's Chromium, --kiosk, in the same
 * Xvfb and window manager as the kiosk. Start to its first frame (the page's background on the
 * screen) and PSS summed over all its processes; then the ratios pictovox / Chromium. */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"

#define BG 0xF4F1EA
#define PROBE_X 3
#define PROBE_Y 3

static char *write_page(struct bench *b)
{
	static const char *const picto[4] = { "face-2", "face-3", "face-4", "nothing" };
	static const char *const label[4] = { "Pas bien", "Moyen", "Bien", "Pas de stage" };
	char *path = xfmt("%s/question.html", b->tmp);
	FILE *f = fopen(path, "w");
	if (!f)
		die("cannot write %s", path);
	fputs("<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\n"
	      "<title>Le point de la semaine</title>\n<style>\n"
	      "html,body{margin:0;height:100%;background:#F4F1EA;color:#1A1A1A;"
	      "font-family:Andika,'Noto Sans',sans-serif}\n"
	      "main{box-sizing:border-box;height:100%;padding:24px;display:flex;flex-direction:column;gap:24px}\n"
	      "h1{margin:0;font-size:44px;text-align:center}\n"
	      ".choices{flex:1;display:grid;grid-template-columns:repeat(4,1fr);gap:24px}\n"
	      "button{background:#fff;border:4px solid #5C5C5C;border-radius:16px;font:inherit;font-size:34px;"
	      "display:flex;flex-direction:column;align-items:center;justify-content:center;gap:12px}\n"
	      "button svg{width:70%;height:auto;max-height:60%}\n"
	      "</style></head><body><main>\n"
	      "<h1>Comment s'est passé votre stage cette semaine ?</h1>\n<div class=\"choices\">\n",
	      f);
	for (int i = 0; i < 4; i++) {
		char *svgpath = xfmt("%s/pictograms/%s.svg", b->assets, picto[i]);
		char *svg = read_file_all(svgpath, NULL);
		if (!svg)
			die("cannot read %s", svgpath);
		char *start = strstr(svg, "<svg");
		fprintf(f, "<button type=\"button\">%s<span>%s</span></button>\n", start ? start : svg, label[i]);
		free(svg);
		free(svgpath);
	}
	fputs("</div></main></body></html>\n", f);
	fclose(f);
	return path;
}

static size_t new_crash_handlers(const pid_t *before, size_t nbefore, pid_t *out, size_t max)
{
	pid_t now[64];
	size_t n = proc_by_comm("chrome_crashpad", now, 64), k = 0;
	for (size_t i = 0; i < n && k < max; i++) {
		bool old = false;
		for (size_t j = 0; j < nbefore && !old; j++)
			old = now[i] == before[j];
		if (!old)
			out[k++] = now[i];
	}
	return k;
}

struct crun {
	double map_ms, pixel_ms;
	long pss_kb, rss_kb, hwm_kb;
	int nprocs;
};

static bool chromium_once(struct bench *b, const char *exe, const char *page, int run, struct crun *out)
{
	char *profile = xfmt("%s/chromium-profile-%d", b->tmp, run);
	mkdir(profile, 0700);
	char *udd = xfmt("--user-data-dir=%s", profile);
	char *url = xfmt("file://%s", page);
	char size[48], display[48];
	snprintf(size, sizeof size, "--window-size=%d,%d", b->xw, b->xh);
	snprintf(display, sizeof display, "DISPLAY=%s", b->xname);
	const char *env[] = { display, NULL };
	char *argv[] = { (char *)exe, "--kiosk", "--no-sandbox", "--disable-gpu", "--no-first-run",
		         "--disable-background-networking", "--disable-component-update", "--disable-sync",
		         "--disable-breakpad", "--noerrdialogs", "--password-store=basic",
		         "--window-position=0,0", size, udd, url, NULL };
	char *log = xfmt("%s/chromium.log", b->tmp);
	double until = now_ms() + 3000;
	while (x_pixel(b, PROBE_X, PROBE_Y) == BG && now_ms() < until)
		sleep_ms(5);
	x_watch_maps(b);
	out->map_ms = out->pixel_ms = NAN;
	/* Its crash handlers leave its process tree (they daemonise): tell them by being new. */
	pid_t before[64];
	size_t nbefore = proc_by_comm("chrome_crashpad", before, 64);
	double t0 = now_ms();
	pid_t pid = spawn(argv, env, log, true, -1);
	bool ok = false;
	if (pid > 0) {
		double end = t0 + 30000;
		while (now_ms() < end) {
			if (isnan(out->map_ms) && x_window_mapped(b))
				out->map_ms = now_ms() - t0;
			if (x_pixel(b, PROBE_X, PROBE_Y) == BG) {
				out->pixel_ms = now_ms() - t0;
				ok = true;
				break;
			}
			if (wait_for(pid, 0, NULL) != -1)
				break;
			sleep_ms(0.5);
		}
	}
	if (ok) {
		sleep_ms(2000); /* let it settle: every process it starts for the page is up */
		pid_t tree[256];
		size_t n = proc_tree(pid, tree, 256);
		n += new_crash_handlers(before, nbefore, tree + n, 256 - n);
		out->pss_kb = out->rss_kb = out->hwm_kb = 0;
		for (size_t i = 0; i < n; i++) {
			long p = proc_pss_kb(tree[i]), r = proc_status_kb(tree[i], "VmRSS"),
			     h = proc_status_kb(tree[i], "VmHWM");
			out->pss_kb += p > 0 ? p : 0;
			out->rss_kb += r > 0 ? r : 0;
			out->hwm_kb += h > 0 ? h : 0;
		}
		out->nprocs = (int)n;
	}
	if (pid > 0) {
		pid_t tree[256];
		size_t n = proc_tree(pid, tree, 256);
		stop_process(pid, 3000, true, NULL);
		for (size_t i = 1; i < n; i++) /* any of its children that left its process group */
			kill(tree[i], SIGKILL);
		/* its crash handlers end with it; any still there after 2 s are ended */
		double deadline = now_ms() + 2000;
		size_t left;
		while ((left = new_crash_handlers(before, nbefore, tree, 256)) && now_ms() < deadline)
			sleep_ms(20);
		for (size_t i = 0; i < left; i++)
			kill(tree[i], SIGKILL);
		sleep_ms(50);
		reap_orphans();
	}
	rm_tree(profile);
	free(profile);
	free(udd);
	free(url);
	free(log);
	return ok;
}

void bench_chromium(struct bench *b)
{
	char exe[512];
	const char *label_start = "Chromium --kiosk: start -> first frame, median";
	const char *label_pss = "Chromium --kiosk: PSS, all processes";
	if (!find_in_path(b->chromium, exe, sizeof exe)) {
		const char *why = "Chromium is not installed (apt-get install -y chromium): no side-by-side";
		result_skip("chromium_start", label_start, "ms", CMP_NONE, 0, "%s", why);
		result_skip("chromium_pss", label_pss, "MiB", CMP_NONE, 0, "%s", why);
		result_skip("ratio_pss", "pictovox / Chromium PSS", "x", CMP_BELOW, 0.1, "%s", why);
		result_skip("ratio_start", "pictovox / Chromium start to first frame", "x", CMP_BELOW, 0.2, "%s", why);
		return;
	}
	if (!x_available(b)) {
		result_skip("chromium_start", label_start, "ms", CMP_NONE, 0, "%s", b->xnote);
		result_skip("chromium_pss", label_pss, "MiB", CMP_NONE, 0, "%s", b->xnote);
		result_skip("ratio_pss", "pictovox / Chromium PSS", "x", CMP_BELOW, 0.1, "%s", b->xnote);
		result_skip("ratio_start", "pictovox / Chromium start to first frame", "x", CMP_BELOW, 0.2, "%s", b->xnote);
		return;
	}
	char *page = write_page(b);
	const int runs = b->short_mode ? 1 : 5;
	struct samples start = { 0 }, map = { 0 }, pss = { 0 }, rss = { 0 }, hwm = { 0 };
	int nprocs = 0;
	for (int i = b->short_mode ? 0 : -1; i < runs; i++) { /* run -1 warms the page cache */
		struct crun r;
		if (!chromium_once(b, exe, page, i + 1, &r)) {
			say(b, "Chromium showed nothing within 30 s (run %d; see chromium.log)", i + 1);
			continue;
		}
		say(b, "Chromium run %d: first frame %.0f ms, PSS %.0f MiB over %d processes", i + 1, r.pixel_ms,
		    (double)r.pss_kb / 1024, r.nprocs);
		if (i < 0)
			continue;
		samples_add(&start, r.pixel_ms);
		if (!isnan(r.map_ms))
			samples_add(&map, r.map_ms);
		samples_add(&pss, (double)r.pss_kb / 1024);
		samples_add(&rss, (double)r.rss_kb / 1024);
		samples_add(&hwm, (double)r.hwm_kb / 1024);
		nprocs = r.nprocs;
	}
	if (!start.n) {
		const char *why = "Chromium started but never showed the page (see chromium.log)";
		result_skip("chromium_start", label_start, "ms", CMP_NONE, 0, "%s", why);
		result_skip("chromium_pss", label_pss, "MiB", CMP_NONE, 0, "%s", why);
		result_skip("ratio_pss", "pictovox / Chromium PSS", "x", CMP_BELOW, 0.1, "%s", why);
		result_skip("ratio_start", "pictovox / Chromium start to first frame", "x", CMP_BELOW, 0.2, "%s", why);
		free(page);
		return;
	}
	struct measure *ms = result_samples("chromium_start", label_start, "ms", start.v, start.n, K_MEDIAN, CMP_NONE, 0);
	result_note(ms, "%s; fresh --user-data-dir each run; first frame = the page's background on the screen; "
	                "window mapped: median %.0f ms",
	            b->xnote, samples_percentile(&map, 50));
	struct measure *mp = result_samples("chromium_pss", label_pss, "MiB", pss.v, pss.n, K_MEDIAN, CMP_NONE, 0);
	result_note(mp, "%d processes (with its crash handlers), 2 s after the first frame; summed RSS %.0f MiB, summed VmHWM %.0f MiB", nprocs,
	            samples_percentile(&rss, 50), samples_percentile(&hwm, 50));
	fact_num("chromium_processes", nprocs);
	fact_num("chromium_rss_sum_median_mib", samples_percentile(&rss, 50));

	/* pictovox measured the same way, in the same run (bench_spawned) */
	const struct measure *pv_start = result_find("start_first_frame_x11");
	double pv_pixels = NAN;
	pv_pixels = fact_get("pictovox_x11_first_pixels_median_ms");
	double pv_pss = fact_get("pictovox_pss_question_screen_kb") / 1024;
	struct measure *m;
	if (!isnan(pv_pss) && pv_pss > 0) {
		m = result_value("ratio_pss", "pictovox / Chromium PSS (same question screen)", "x", pv_pss / mp->median,
		                 CMP_BELOW, 0.1);
		result_note(m, "pictovox %.1f MiB vs Chromium %.0f MiB: %.0fx less memory", pv_pss, mp->median,
		            mp->median / pv_pss);
	} else {
		result_skip("ratio_pss", "pictovox / Chromium PSS (same question screen)", "x", CMP_BELOW, 0.1,
		            "pictovox's PSS was not measured (no check-in under Xvfb)");
	}
	if (!isnan(pv_pixels) && pv_start) {
		m = result_value("ratio_start", "pictovox / Chromium start to first frame", "x", pv_pixels / ms->median,
		                 CMP_BELOW, 0.2);
		result_note(m, "both measured to their background on the Xvfb screen: pictovox %.0f ms vs Chromium %.0f ms: "
		               "%.1fx faster",
		            pv_pixels, ms->median, ms->median / pv_pixels);
	} else {
		result_skip("ratio_start", "pictovox / Chromium start to first frame", "x", CMP_BELOW, 0.2,
		            "pictovox's start under Xvfb was not measured");
	}
	samples_free(&start);
	samples_free(&map);
	samples_free(&pss);
	samples_free(&rss);
	samples_free(&hwm);
	free(page);
}
