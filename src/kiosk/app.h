/* app: the kiosk put together: content, session, store, screen, speech and window, and the
 * loop that turns input into actions and state into pixels and speech. */
#ifndef PV_APP_H
#define PV_APP_H

#include <stdbool.h>

struct app_options {
	const char *config;  /* NULL: defaults */
	const char *content; /* NULL: the bundled assets */
	const char *db;      /* NULL: $XDG_DATA_HOME/pictovox/pictovox.db */
	const char *trace;   /* NULL: no trace */
	int width, height;   /* --windowed WxH */
	bool fullscreen;
};

/* Runs until the window is closed or SIGTERM/SIGINT. Returns the process exit status. */
int app_run(const struct app_options *o);

#endif
