/* adminui: the admin mode on the kiosk, for facilitators: a PIN on a large keypad, then the
 * answers collected, the kiosk's health, an export to a USB stick, deleting old data, leaving
 * kiosk mode. Its screens are data like the rest (struct screen, kind SCREEN_ADMIN), in French:
 * it is for the staff, and it is silent.
 *
 * The app opens it after the three-corner gesture on the welcome screen; what needs the machine
 * (disk, audio, the USB stick) comes through hooks. */
#ifndef PV_ADMINUI_H
#define PV_ADMINUI_H

#include <stdbool.h>
#include <stddef.h>

#include "content/content.h"
#include "session/screen.h"
#include "store/store.h"

enum adminui_state { AU_CLOSED, AU_PIN, AU_MENU, AU_STATS, AU_HEALTH, AU_EXPORT, AU_PURGE_ASK, AU_PURGE_DONE };

struct adminui_hooks {
	/* Lines describing the kiosk's health (disk, audio, voices, last error), into buf. */
	void (*health)(void *ud, char *buf, size_t n);
	/* Exports to a USB stick; a message for the facilitator either way. 0 if done. */
	int (*export)(void *ud, char *msg, size_t n);
	void *ud;
};

struct adminui_options {
	struct store *store;
	const struct content *content;
	int retention_months;
	struct adminui_hooks hooks;
	long (*now_s)(void *ud);   /* wall-clock seconds, for the PIN's waits */
	void (*today)(void *ud, char day[11]);
	void *clock_ud;
};

#define ADMINUI_IDLE_S 60 /* an admin screen left alone goes back to welcome */

struct adminui;
struct adminui *adminui_create(const struct adminui_options *o);
void adminui_destroy(struct adminui *a);
void adminui_open(struct adminui *a); /* the keypad */
enum adminui_state adminui_state(const struct adminui *a);
/* Returns true when the screen changed. */
bool adminui_apply(struct adminui *a, struct action act);
/* Closes it after ADMINUI_IDLE_S without a touch; true if it did. */
bool adminui_tick(struct adminui *a);
/* Leaving kiosk mode was chosen: the kiosk should exit. */
bool adminui_quit(const struct adminui *a);
void adminui_build(const struct adminui *a, struct screen *sc);

/* The day `months` before `day` (YYYY-MM-DD): data older than it may be deleted. */
void adminui_cutoff(const char *day, int months, char out[11]);

#endif
