#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"
#include "kiosk/app_impl.h"
#include "report/publish.h"

bool app_admin_open(const struct app *a)
{
	return a->admin && adminui_state(a->admin) != AU_CLOSED;
}
/* The admin mode opens after touches in three corners of the welcome screen, top left, top
 * right, bottom right, within a few seconds: a sequence nobody makes by chance. The corners are
 * small and outside every button; touches there do nothing else. */
#define GESTURE_MS 5000
bool app_admin_gesture(struct app *a, const SDL_Event *ev)
{
	if (!a->admin || app_admin_open(a) || a->screen.kind != SCREEN_WELCOME || ev->type != SDL_MOUSEBUTTONDOWN)
		return false;
	int w, h;
	render_size(a->render, &w, &h);
	int zone = (w < h ? w : h) / 20, x = ev->button.x, y = ev->button.y;
	int corner = x < zone && y < zone ? 0 : x >= w - zone && y < zone ? 1 : x >= w - zone && y >= h - zone ? 2 : -1;
	if (corner < 0) {
		a->gesture = 0;
		return false;
	}
	if (corner != a->gesture || (corner && ev->button.timestamp - a->gesture_t0 > GESTURE_MS)) {
		a->gesture = corner == 0 ? 1 : 0;
		a->gesture_t0 = ev->button.timestamp;
		return true;
	}
	if (corner == 0)
		a->gesture_t0 = ev->button.timestamp;
	if (++a->gesture == 3) {
		a->gesture = 0;
		app_speech_stop(a);
		adminui_open(a->admin);
		app_rebuild(a);
		log_info("admin gesture: the PIN keypad is shown");
	}
	return true;
}
static long wall_s(void *ud)
{
	(void)ud;
	return (long)time(NULL);
}
/* The kiosk's health for the admin mode: disk, audio, voices, the last error logged. */
static void admin_health(void *ud, char *buf, size_t n)
{
	struct app *a = ud;
	struct statvfs fs;
	char *dir = path_dirname(store_path(a->store));
	size_t used = 0;
	int w = statvfs(dir, &fs) == 0
	                ? snprintf(buf, n, "Espace libre : %.1f Go (%s)\n", (double)fs.f_bavail * (double)fs.f_frsize / 1e9, dir)
	                : snprintf(buf, n, "Espace libre : inconnu (%s)\n", dir);
	free(dir);
	used = w > 0 ? (size_t)w : 0;
	size_t silent = 0;
	for (size_t i = 0; i < a->nlanguages; i++)
		silent += a->voiceless[i];
	if (used < n)
		snprintf(buf + used, n - used, "Son : %s\nVoix : %zu langues parlées sur %zu\nDernière erreur : %s\n",
		         !a->speech ? "aucune voix (eSpeak NG absent)" : a->audio_failed ? "aucune carte son" : "oui",
		         a->nlanguages - silent, a->nlanguages, log_last_error()[0] ? log_last_error() : "aucune");
}
/* A USB stick: the configured folder, or the first writable mount under /media or /run/media. */
static char *usb_folder(const struct app *a)
{
	if (a->cfg.export_dir)
		return path_is_dir(a->cfg.export_dir) ? xstrdup(a->cfg.export_dir) : NULL;
	FILE *f = fopen("/proc/mounts", "r");
	char dev[512], mnt[512];
	char *found = NULL;
	while (f && !found && fscanf(f, "%511s %511s %*s %*s %*d %*d", dev, mnt) == 2)
		if ((!strncmp(mnt, "/media/", 7) || !strncmp(mnt, "/run/media/", 11)) && access(mnt, W_OK) == 0)
			found = xstrdup(mnt);
	if (f)
		fclose(f);
	return found;
}
/* What the admin mode puts on the stick: the same files as `pictovox export` and `report`. */
static int admin_export(void *ud, char *msg, size_t n)
{
	struct app *a = ud;
	char *dir = usb_folder(a);
	if (!dir) {
		snprintf(msg, n, "Aucune clé USB trouvée. Branchez une clé, attendez qu'elle s'ouvre, puis recommencez.");
		return -1;
	}
	char day[11], err[400] = "";
	app_today(NULL, day);
	struct summary_options so = { NULL, NULL, 0, 0, a->i18n, "fr" };
	char *pictos = path_join(a->content_dir, "pictograms"), *csv = NULL, *html = NULL;
	int rc = publish_to_folder(a->store, a->content, &so, pictos, dir, day, &csv, &html, err, sizeof err);
	if (rc == 0)
		snprintf(msg, n, "C'est fait. Sur la clé :\n%s\n%s\nVous pouvez retirer la clé.", csv, html);
	else
		snprintf(msg, n, "L'export n'a pas pu se faire : %s", err);
	log_info("admin export: %s", rc == 0 ? csv : err);
	free(csv);
	free(html);
	free(pictos);
	free(dir);
	return rc;
}

struct adminui *app_admin_create(struct app *a)
{
	struct adminui_options ao = {
		.store = a->store, .content = a->content, .retention_months = a->cfg.retention_months,
		.hooks = { admin_health, admin_export, a }, .now_s = wall_s, .today = app_today, .clock_ud = NULL,
	};
	return adminui_create(&ao);
}
