/* pictovox-bench [--short] [--out bench.json] --binary PATH --source DIR [--chromium EXE]
 *                [--tmp DIR] [--keep]
 *
 * Measures the real kiosk and prints one table; writes bench.json. Exits 0 whatever the timings
 * are: only a benchmark that cannot run (the kiosk does not start, a check-in gets stuck, the
 * store fails) exits 1. Missing Xvfb, xdotool or Chromium skip their measures, saying so. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bench.h"

static struct bench B;

static void cleanup(void)
{
	/* Our connection first (Xlib exits when its server dies under it), then every child:
	 * kiosks, Chromium, the window manager and Xvfb. */
	x_disconnect(&B);
	children_kill_all();
	B.wm_pid = B.xvfb_pid = 0;
	x_stop(&B);
	reap_orphans();
	if (B.tmp && !B.keep)
		rm_tree(B.tmp);
}

static void on_signal(int sig)
{
	(void)sig;
	exit(2); /* runs cleanup: the children go too */
}

static void usage(FILE *f)
{
	fputs("usage: pictovox-bench [--short] [--out bench.json] --binary PATH --source DIR\n"
	      "                      [--chromium EXE] [--tmp DIR] [--keep]\n"
	      "  --short     a few sessions and a 5 s idle window: checks that the benchmark runs\n"
	      "  --binary    the pictovox executable (spawned for start, memory and idle measures)\n"
	      "  --source    the source tree (its assets/ are the content used)\n"
	      "  --chromium  the browser for the side-by-side (default: chromium on PATH)\n"
	      "  --tmp       where scratch files go (default $TMPDIR or /tmp; must be a real disk\n"
	      "              for the durable commit to mean anything)\n"
	      "  --keep      keep the scratch folder\n"
	      "  --only      some parts only: spawned,inproc,store,chromium (chromium needs spawned\n"
	      "              for its ratios)\n"
	      "  --verbose   say more while running\n",
	      f);
}

static bool part(const char *only, const char *name)
{
	if (!only)
		return true;
	size_t n = strlen(name);
	for (const char *p = only; (p = strstr(p, name)); p += n)
		if ((p == only || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return true;
	return false;
}

/* Other work on the machine skews every timing: say how busy it was. */
static const char *loadavg(void)
{
	static char buf[64];
	char *s = read_file_all("/proc/loadavg", NULL);
	snprintf(buf, sizeof buf, "%s", s ? s : "?");
	buf[strcspn(buf, "\n")] = '\0';
	free(s);
	return buf;
}

static void machine_facts(void)
{
	struct utsname u;
	if (uname(&u) == 0)
		fact_str("kernel", "%s %s %s", u.sysname, u.release, u.machine);
	fact_num("cpus_online", (double)sysconf(_SC_NPROCESSORS_ONLN));
	char *cpu = read_file_all("/proc/cpuinfo", NULL);
	char *p = cpu ? strstr(cpu, "model name") : NULL;
	if (p && (p = strchr(p, ':'))) {
		p += 2;
		p[strcspn(p, "\n")] = '\0';
		fact_str("cpu", "%s", p);
	}
	free(cpu);
}

int main(int argc, char **argv)
{
	B.out = "bench.json";
	B.chromium = "chromium";
	const char *only = NULL; /* comma-separated parts: spawned,inproc,store,chromium */
	const char *tmpbase = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--short"))
			B.short_mode = true;
		else if (!strcmp(a, "--verbose") || !strcmp(a, "-v"))
			B.verbose = true;
		else if (!strcmp(a, "--keep"))
			B.keep = true;
		else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (v && !strcmp(a, "--out"))
			B.out = v, i++;
		else if (v && !strcmp(a, "--binary"))
			B.binary = v, i++;
		else if (v && !strcmp(a, "--source"))
			B.source = v, i++;
		else if (v && !strcmp(a, "--chromium"))
			B.chromium = v, i++;
		else if (v && !strcmp(a, "--only"))
			only = v, i++;
		else if (v && !strcmp(a, "--tmp"))
			tmpbase = v, i++;
		else {
			usage(stderr);
			return 2;
		}
	}
	if (!B.binary || !B.source) {
		usage(stderr);
		return 2;
	}
	char *abs_binary = realpath(B.binary, NULL);
	if (!abs_binary || access(abs_binary, X_OK) != 0)
		die("%s: not an executable", B.binary);
	B.binary = abs_binary;
	char *src = realpath(B.source, NULL);
	if (!src)
		die("%s: no such folder", B.source);
	B.assets = xfmt("%s/assets", src);
	free(src);
	char *tmpl = xfmt("%s/pictovox-bench-XXXXXX", tmpbase);
	if (!mkdtemp(tmpl))
		die("cannot create a scratch folder in %s", tmpbase);
	B.tmp = tmpl;
	atexit(cleanup);
	/* Chromium's daemonised helpers become our children, not init's: we reap them. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);

	double t0 = now_ms();
	fprintf(stderr, "pictovox-bench (%s mode), scratch folder %s\n", B.short_mode ? "short" : "full", B.tmp);
	machine_facts();
	if (x_start(&B, 1920, 1080) != 0)
		fprintf(stderr, "  .. no X server: %s (those measures are skipped)\n", B.xnote);

	fact_str("loadavg_at_start", "%s", loadavg());
	if (part(only, "spawned"))
		bench_spawned(&B);
	if (part(only, "inproc")) {
		fprintf(stderr, "  .. in-process: scripted check-ins at 1280x800 and 1920x1080\n");
		bench_inproc(&B);
		fact_num("bench_process_vmhwm_kb", (double)proc_status_kb(getpid(), "VmHWM"));
	}
	if (part(only, "store")) {
		fprintf(stderr, "  .. store: durable commits, then the report database\n");
		bench_store(&B);
	}
	if (part(only, "chromium")) {
		fprintf(stderr, "  .. Chromium side-by-side\n");
		bench_chromium(&B);
	}
	fact_str("loadavg_at_end", "%s", loadavg());
	x_stop(&B);

	fact_num("bench_wall_s", (now_ms() - t0) / 1000);
	fact_str("video_drivers", "in-process: dummy (software renderer); spawned: dummy, and x11 under %s",
	         B.xnote[0] ? B.xnote : "-");
	fact_str("audio_driver", "SDL disk driver into /dev/null (real-time pace, the kiosk's buffer size)");
	printf("pictovox-bench, %s mode, %.0f s\n", B.short_mode ? "short" : "full", (now_ms() - t0) / 1000);
	results_print(&B);
	if (results_write_json(&B, B.out) != 0)
		die("cannot write %s", B.out);
	printf("wrote %s\n", B.out);
	return 0;
}
