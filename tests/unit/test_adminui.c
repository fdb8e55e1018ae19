/* test_adminui: the admin mode's screens and what they do: the keypad (its PIN checked, waits
 * after a wrong one), the menu, the answers counted, the export hook, deleting old sessions
 * (and only those), leaving kiosk mode, closing when left alone. */
#include "admin/admin.h"
#include "admin/adminui.h"
#include "check.h"
#include "fixture.h"

static long clock_s = 100000;
static long fake_s(void *ud)
{
	(void)ud;
	return clock_s;
}

static void fake_day(void *ud, char day[11])
{
	(void)ud;
	memcpy(day, "2026-11-23", 11);
}

static int exports;
static int fake_export(void *ud, char *msg, size_t n)
{
	(void)ud;
	exports++;
	snprintf(msg, n, "exported");
	return 0;
}

static void fake_health(void *ud, char *buf, size_t n)
{
	(void)ud;
	snprintf(buf, n, "healthy");
}

static void press(struct adminui *a, enum action_kind k, int arg)
{
	adminui_apply(a, (struct action){ k, arg });
}

static void type(struct adminui *a, const char *digits)
{
	for (const char *p = digits; *p; p++)
		press(a, A_SELECT, *p - '0');
}

static void session_on(struct store *s, const char *day)
{
	struct store_session ss;
	char err[200];
	store_session_init(&ss, "satisfaction-training", 1, "fr", day);
	const char *v[1] = { "5" };
	if (store_answer(s, &ss, "overall", false, v, 1, NULL, 0, err, sizeof err))
		abort();
}

int main(void)
{
	char *dir = fixture_tmpdir(), err[300];
	char *db = path_join(dir, "a.db");
	struct store *s = store_open(db, err, sizeof err);
	struct diags *d = diags_create();
	struct content *c = content_load_dir(PICTOVOX_ASSETS, NULL, d);
	struct adminui_options o = { s, c, 12, { fake_health, fake_export, NULL }, fake_s, fake_day, NULL };
	struct adminui *a = adminui_create(&o);
	struct screen sc;
	CHECK_INT(adminui_state(a), AU_CLOSED);

	/* No PIN yet: the keypad says how to set one. */
	adminui_open(a);
	adminui_build(a, &sc);
	CHECK(sc.kind == SCREEN_ADMIN && sc.detail && strstr(sc.detail, "pictovox admin set-pin"));
	CHECK_INT(admin_set_pin(s, "24681357", err, sizeof err), 0);
	adminui_open(a);
	type(a, "2468135");
	adminui_build(a, &sc);
	CHECK(!sc.targets[screen_find(&sc, "confirm")].enabled); /* seven digits: not yet */
	CHECK(strstr(sc.text, "● ● ● ● ● ● ●") != NULL);
	CHECK(screen_find(&sc, "pin:0") >= 0 && screen_find(&sc, "pin:9") >= 0);
	press(a, A_SELECT, 0);
	press(a, A_CONFIRM, 0); /* 24681350: wrong */
	adminui_build(a, &sc);
	CHECK_INT(adminui_state(a), AU_PIN);
	CHECK(sc.detail && strstr(sc.detail, "Code faux. Attendez 1 seconde") != NULL);
	CHECK(strstr(sc.text, "●") == NULL); /* typed digits are forgotten */
	type(a, "24681357");
	press(a, A_CONFIRM, 0); /* too soon */
	adminui_build(a, &sc);
	CHECK(sc.detail && strstr(sc.detail, "Trop tôt") != NULL);
	clock_s += 2;
	type(a, "24681357");
	press(a, A_UNDO, 0);
	type(a, "7");
	press(a, A_CONFIRM, 0);
	CHECK_INT(adminui_state(a), AU_MENU);

	/* The answers collected. */
	session_on(s, "2024-01-10");
	session_on(s, "2025-06-01");
	session_on(s, "2026-11-20");
	press(a, A_SELECT, 0);
	adminui_build(a, &sc);
	CHECK_INT(adminui_state(a), AU_STATS);
	CHECK(sc.detail && strstr(sc.detail, "Votre avis sur la formation : 3 sessions, 0 terminées, dernière le 2026-11-20"));
	press(a, A_BACK, 0);
	press(a, A_SELECT, 1);
	adminui_build(a, &sc);
	CHECK(sc.detail && !strcmp(sc.detail, "healthy"));
	press(a, A_CONFIRM, 0);
	press(a, A_SELECT, 2);
	CHECK_INT(exports, 1);
	CHECK_INT(adminui_state(a), AU_EXPORT);
	press(a, A_BACK, 0);

	/* Deleting what is older than twelve months: asked first, then only those. */
	char cut[11];
	adminui_cutoff("2026-11-23", 12, cut);
	CHECK_STR(cut, "2025-11-23");
	adminui_cutoff("2026-03-15", 3, cut);
	CHECK_STR(cut, "2025-12-15");
	press(a, A_SELECT, 3);
	adminui_build(a, &sc);
	CHECK(sc.detail && strstr(sc.detail, "Effacer les 2 sessions d'avant le 2025-11-23") != NULL);
	CHECK_INT(store_query_int(s, "SELECT count(*) FROM sessions"), 3); /* not yet */
	press(a, A_CONFIRM, 0);
	CHECK_INT(adminui_state(a), AU_PURGE_DONE);
	CHECK_INT(store_query_int(s, "SELECT count(*) FROM sessions"), 1);
	CHECK_INT(store_query_int(s, "SELECT count(*) FROM answers"), 1);
	CHECK_INT(store_query_int(s, "SELECT count(*) FROM sessions WHERE day = '2026-11-20'"), 1);
	press(a, A_CONFIRM, 0);

	/* Left alone, it closes; leaving kiosk mode is asked for. */
	clock_s += ADMINUI_IDLE_S - 1;
	CHECK(!adminui_tick(a));
	clock_s += 1;
	CHECK(adminui_tick(a));
	CHECK_INT(adminui_state(a), AU_CLOSED);
	adminui_open(a);
	type(a, "24681357");
	press(a, A_CONFIRM, 0);
	CHECK(!adminui_quit(a));
	press(a, A_SELECT, 4);
	CHECK(adminui_quit(a));

	adminui_destroy(a);
	content_destroy(c);
	diags_destroy(d);
	store_close(s);
	free(db);
	fixture_rmdir(dir);
	return check_done();
}
