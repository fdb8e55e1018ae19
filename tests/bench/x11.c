/* An Xvfb server (with matchbox-window-manager when installed, as on a kiosk) for the measures
 * that need a real window: start to first frame, idle CPU, memory, and the Chromium side. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

#ifdef BENCH_HAVE_X11
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

static int ignore_x_errors(Display *d, XErrorEvent *e)
{
	(void)d, (void)e;
	return 0;
}

static bool wm_running(Display *dpy)
{
	Atom check = XInternAtom(dpy, "_NET_SUPPORTING_WM_CHECK", False);
	Atom type;
	int format;
	unsigned long n, after;
	unsigned char *data = NULL;
	bool yes = XGetWindowProperty(dpy, DefaultRootWindow(dpy), check, 0, 1, False, XA_WINDOW, &type, &format,
	                              &n, &after, &data) == Success &&
	           n == 1;
	if (data)
		XFree(data);
	return yes;
}

int x_start(struct bench *b, int w, int h)
{
	char xvfb[512];
	if (!find_in_path("Xvfb", xvfb, sizeof xvfb)) {
		snprintf(b->xnote, sizeof b->xnote, "Xvfb is not installed (apt-get install xvfb)");
		return -1;
	}
	int p[2];
	if (pipe(p) != 0)
		return -1;
	/* Keep the pipe's write end away from fd 3, where the child gets it. */
	int wfd = fcntl(p[1], F_DUPFD_CLOEXEC, 10);
	close(p[1]);
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	char screen[32];
	snprintf(screen, sizeof screen, "%dx%dx24", w, h);
	char *argv[] = { xvfb, "-displayfd", "3", "-screen", "0", screen, "-nolisten", "tcp", "-br", "-noreset", NULL };
	char *log = xfmt("%s/xvfb.log", b->tmp);
	b->xvfb_pid = spawn(argv, NULL, log, false, wfd);
	free(log);
	close(wfd);
	char buf[32] = "";
	size_t got = 0;
	struct pollfd pf = { p[0], POLLIN, 0 };
	double end = now_ms() + 10000;
	while (b->xvfb_pid > 0 && now_ms() < end && !strchr(buf, '\n')) {
		if (poll(&pf, 1, 200) > 0) {
			ssize_t r = read(p[0], buf + got, sizeof buf - 1 - got);
			if (r <= 0)
				break;
			got += (size_t)r;
			buf[got] = '\0';
		}
	}
	close(p[0]);
	if (!strchr(buf, '\n')) {
		snprintf(b->xnote, sizeof b->xnote, "Xvfb did not start (see xvfb.log)");
		stop_process(b->xvfb_pid, 1000, false, NULL);
		b->xvfb_pid = 0;
		return -1;
	}
	b->xdisplay = atoi(buf);
	snprintf(b->xname, sizeof b->xname, ":%d", b->xdisplay);
	XSetErrorHandler(ignore_x_errors);
	Display *dpy = XOpenDisplay(b->xname);
	if (!dpy) {
		snprintf(b->xnote, sizeof b->xnote, "cannot connect to Xvfb at %s", b->xname);
		x_stop(b);
		return -1;
	}
	b->xdpy = dpy;
	b->xw = w;
	b->xh = h;
	char mb[512];
	if (find_in_path("matchbox-window-manager", mb, sizeof mb)) {
		char display[48];
		snprintf(display, sizeof display, "DISPLAY=%s", b->xname);
		const char *env[] = { display, NULL };
		char *margv[] = { mb, "-use_titlebar", "no", NULL };
		char *mlog = xfmt("%s/wm.log", b->tmp);
		b->wm_pid = spawn(margv, env, mlog, false, -1);
		free(mlog);
		double until = now_ms() + 3000;
		while (b->wm_pid > 0 && !wm_running(dpy) && now_ms() < until)
			sleep_ms(10);
		if (!wm_running(dpy))
			snprintf(b->xnote, sizeof b->xnote, "matchbox-window-manager did not start: no window manager");
		else
			snprintf(b->xnote, sizeof b->xnote, "Xvfb %s %dx%d, matchbox-window-manager", b->xname, w, h);
	} else {
		snprintf(b->xnote, sizeof b->xnote, "Xvfb %s %dx%d, no window manager (matchbox not installed)",
		         b->xname, w, h);
	}
	XSelectInput(dpy, DefaultRootWindow(dpy), SubstructureNotifyMask);
	XSync(dpy, False);
	return 0;
}

void x_disconnect(struct bench *b)
{
	if (b->xdpy)
		XCloseDisplay(b->xdpy);
	b->xdpy = NULL;
}

void x_stop(struct bench *b)
{
	x_disconnect(b); /* before the server goes: Xlib exits on a lost connection */
	if (b->wm_pid > 0)
		stop_process(b->wm_pid, 2000, false, NULL);
	if (b->xvfb_pid > 0)
		stop_process(b->xvfb_pid, 3000, false, NULL);
	b->wm_pid = b->xvfb_pid = 0;
	b->xdisplay = 0;
	b->xname[0] = 0;
}

bool x_available(const struct bench *b)
{
	return b->xdpy != NULL;
}

long x_pixel(struct bench *b, int x, int y)
{
	if (!b->xdpy)
		return -1;
	Display *dpy = b->xdpy;
	XImage *im = XGetImage(dpy, DefaultRootWindow(dpy), x, y, 1, 1, AllPlanes, ZPixmap);
	if (!im)
		return -1;
	unsigned long p = XGetPixel(im, 0, 0);
	XDestroyImage(im);
	return (long)(p & 0xffffff);
}

void x_watch_maps(struct bench *b)
{
	if (!b->xdpy)
		return;
	Display *dpy = b->xdpy;
	XSync(dpy, False);
	while (XPending(dpy)) {
		XEvent ev;
		XNextEvent(dpy, &ev);
	}
}

bool x_window_mapped(struct bench *b)
{
	if (!b->xdpy)
		return false;
	Display *dpy = b->xdpy;
	bool mapped = false;
	while (XPending(dpy)) {
		XEvent ev;
		XNextEvent(dpy, &ev);
		if (ev.type == MapNotify)
			mapped = true;
	}
	return mapped;
}

#else /* no Xlib: no real window, those measures are skipped */

int x_start(struct bench *b, int w, int h)
{
	(void)w, (void)h;
	snprintf(b->xnote, sizeof b->xnote, "built without Xlib (libx11-dev)");
	return -1;
}
void x_stop(struct bench *b)
{
	(void)b;
}
void x_disconnect(struct bench *b)
{
	(void)b;
}
bool x_available(const struct bench *b)
{
	(void)b;
	return false;
}
long x_pixel(struct bench *b, int x, int y)
{
	(void)b, (void)x, (void)y;
	return -1;
}
void x_watch_maps(struct bench *b)
{
	(void)b;
}
bool x_window_mapped(struct bench *b)
{
	(void)b;
	return false;
}
#endif

bool x_click(struct bench *b, int x, int y)
{
	char xdotool[512];
	if (!b->xname[0] || !find_in_path("xdotool", xdotool, sizeof xdotool))
		return false;
	char display[48], xs[16], ys[16];
	snprintf(display, sizeof display, "DISPLAY=%s", b->xname);
	snprintf(xs, sizeof xs, "%d", x);
	snprintf(ys, sizeof ys, "%d", y);
	const char *env[] = { display, NULL };
	char *argv[] = { xdotool, "mousemove", xs, ys, "click", "1", NULL };
	char *log = xfmt("%s/xdotool.log", b->tmp);
	pid_t pid = spawn(argv, env, log, false, -1);
	free(log);
	if (pid < 0)
		return false;
	int st = wait_for(pid, 5000, NULL);
	if (st != 0)
		fprintf(stderr, "pictovox-bench: xdotool exited with status %d (see xdotool.log)\n", st);
	return st == 0;
}
