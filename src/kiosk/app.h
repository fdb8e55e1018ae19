/* app: the kiosk put together: content, session, store, screen, speech and window, and the
 * loop that turns input into actions and state into pixels and speech. */
#ifndef PV_APP_H
#define PV_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "session/screen.h"

struct app_options {
	const char *config;  /* NULL: defaults */
	const char *content; /* NULL: the bundled assets */
	const char *db;      /* NULL: $XDG_DATA_HOME/pictovox/pictovox.db */
	const char *trace;   /* NULL: no trace */
	const char *lang;    /* NULL: the configuration's language */
	int width, height;   /* --windowed WxH */
	bool fullscreen;
};

/* Told what the kiosk does, for benchmarks and tools that drive it in-process. */
struct app_hooks {
	void (*presented)(void *ud, const struct screen *sc); /* after each SDL_RenderPresent */
	void (*speech)(void *ud, bool start, const char *text); /* first/last sample handed to audio */
	void *ud;
};

struct app;

/* Loads everything and shows the welcome screen. NULL (reason logged) when it cannot start. */
struct app *app_create(const struct app_options *o, const struct app_hooks *hooks);
/* Handles what is pending, waiting at most max_wait_ms for something to happen. Returns false
 * once the window is closed or SIGTERM/SIGINT arrived. */
bool app_step(struct app *a, int max_wait_ms);
const struct screen *app_screen(const struct app *a);
/* Where target i of app_screen() is on the window now. */
struct rect app_target_rect(struct app *a, size_t i);
void app_destroy(struct app *a);

/* Runs until the window is closed or SIGTERM/SIGINT. Returns the process exit status. */
int app_run(const struct app_options *o);

#endif
