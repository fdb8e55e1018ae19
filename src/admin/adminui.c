#include "admin/adminui.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin/admin.h"
#include "base/util.h"
#include "store/store_report.h"

/* The keypad's text: the prompt, then a dot for each digit typed (never the digit). */
#define KEYPAD_PROMPT "Mode admin : tapez le code.\n"
#define KEYPAD_DOT "● "

struct adminui {
	struct adminui_options o;
	enum adminui_state state;
	char pin[ADMIN_PIN_MAX + 1]; /* typed so far: in memory only, wiped */
	size_t npin;
	/* Shown on the keypad; the screen points here (a screen built from an adminui does not
	 * outlive it). Room for every digit ADMIN_PIN_MAX allows. */
	char keypad[sizeof KEYPAD_PROMPT + ADMIN_PIN_MAX * (sizeof KEYPAD_DOT - 1)];
	char message[400];  /* said on the keypad: wrong, wait, locked */
	char detail[4096];  /* the lines of an information screen */
	long last_touch;
	bool quit;
};

enum { MENU_STATS, MENU_HEALTH, MENU_EXPORT, MENU_PURGE, MENU_QUIT, MENU_COUNT };
static const char *const menu_ids[MENU_COUNT] = { "admin:stats", "admin:health", "admin:export", "admin:purge",
	                                          "admin:quit" };
static const char *const menu_labels[MENU_COUNT] = { "Réponses", "État du kiosque", "Exporter sur une clé",
	                                             "Effacer l'ancien", "Quitter le mode kiosque" };
static const char *const menu_pictos[MENU_COUNT] = { "menu", "settings", "next", "refuse", "back" };

/* The keypad's text for the digits typed so far. */
static void show_pin(struct adminui *a)
{
	size_t used = sizeof KEYPAD_PROMPT - 1;
	memcpy(a->keypad, KEYPAD_PROMPT, used);
	for (size_t i = 0; i < a->npin; i++, used += sizeof KEYPAD_DOT - 1)
		memcpy(a->keypad + used, KEYPAD_DOT, sizeof KEYPAD_DOT - 1);
	a->keypad[used] = '\0';
}

struct adminui *adminui_create(const struct adminui_options *o)
{
	struct adminui *a = xcalloc(1, sizeof *a);
	a->o = *o;
	if (a->o.retention_months < 1)
		a->o.retention_months = 12;
	show_pin(a);
	return a;
}

static void forget_pin(struct adminui *a)
{
	sodium_memzero(a->pin, sizeof a->pin);
	a->npin = 0;
	show_pin(a);
}

void adminui_destroy(struct adminui *a)
{
	if (!a)
		return;
	forget_pin(a);
	free(a);
}

static long now(const struct adminui *a)
{
	return a->o.now_s(a->o.clock_ud);
}

void adminui_open(struct adminui *a)
{
	forget_pin(a);
	a->message[0] = '\0';
	a->state = AU_PIN;
	a->last_touch = now(a);
	if (!admin_has_pin(a->o.store))
		snprintf(a->message, sizeof a->message,
		         "Aucun code n'est réglé. Sur l'ordinateur : pictovox admin set-pin");
}

enum adminui_state adminui_state(const struct adminui *a)
{
	return a->state;
}

bool adminui_quit(const struct adminui *a)
{
	return a->quit;
}

void adminui_cutoff(const char *day, int months, char out[11])
{
	struct tm tm = { 0 };
	if (!day_parse(day, &tm.tm_year, &tm.tm_mon, &tm.tm_mday)) {
		snprintf(out, 11, "0000-00-00"); /* before every stored day: nothing is deleted */
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1 + months;
	tm.tm_hour = 12; /* away from midnight: a summer-time change cannot move the day */
	tm.tm_isdst = -1;
	mktime(&tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The answers collected: per questionnaire, sessions, completed ones, the last day. */
static void stats(struct adminui *a)
{
	size_t used = 0;
	a->detail[0] = '\0';
	for (size_t i = 0; i < content_count(a->o.content); i++) {
		const struct questionnaire *qn = content_get(a->o.content, i);
		struct store_questionnaire_stats st;
		char last[16] = "—";
		if (store_questionnaire_stats(a->o.store, qn->id, &st, NULL, 0) == 0 && st.last_day[0])
			snprintf(last, sizeof last, "%s", st.last_day);
		int w = snprintf(a->detail + used, sizeof a->detail - used, "%s : %ld sessions, %ld terminées, dernière le %s\n",
		                 qn->title, st.sessions, st.completed, last);
		if (w < 0 || (size_t)w >= sizeof a->detail - used)
			break;
		used += (size_t)w;
	}
}

static void try_pin(struct adminui *a)
{
	long wait = 0;
	char err[300];
	a->pin[a->npin] = '\0';
	enum admin_check r = admin_check_pin(a->o.store, a->pin, now(a), &wait, err, sizeof err);
	forget_pin(a);
	switch (r) {
	case ADMIN_OK:
		a->message[0] = '\0';
		a->state = AU_MENU;
		log_info("admin mode opened");
		break;
	case ADMIN_WRONG:
		snprintf(a->message, sizeof a->message, "Code faux. Attendez %ld seconde%s avant d'essayer encore.", wait,
		         wait > 1 ? "s" : "");
		break;
	case ADMIN_WAIT:
		snprintf(a->message, sizeof a->message, "Trop tôt : attendez encore %ld seconde%s.", wait, wait > 1 ? "s" : "");
		break;
	case ADMIN_LOCKED:
		snprintf(a->message, sizeof a->message, "Cinq codes faux : le mode admin est bloqué %ld minute%s.",
		         (wait + 59) / 60, wait > 60 ? "s" : "");
		log_warn("admin mode locked for %ld s after wrong PINs", wait);
		break;
	case ADMIN_NO_PIN:
		snprintf(a->message, sizeof a->message, "Aucun code n'est réglé. Sur l'ordinateur : pictovox admin set-pin");
		break;
	case ADMIN_ERROR:
		snprintf(a->message, sizeof a->message, "Le code n'a pas pu être vérifié : %.300s", err);
		break;
	}
}

static bool apply_menu(struct adminui *a, int item)
{
	char day[11], cutoff[11];
	switch (item) {
	case MENU_STATS:
		stats(a);
		a->state = AU_STATS;
		return true;
	case MENU_HEALTH:
		a->detail[0] = '\0';
		if (a->o.hooks.health)
			a->o.hooks.health(a->o.hooks.ud, a->detail, sizeof a->detail);
		a->state = AU_HEALTH;
		return true;
	case MENU_EXPORT:
		snprintf(a->detail, sizeof a->detail, "Pas d'export sur ce kiosque.");
		if (a->o.hooks.export)
			a->o.hooks.export(a->o.hooks.ud, a->detail, sizeof a->detail);
		a->state = AU_EXPORT;
		return true;
	case MENU_PURGE:
		a->o.today(a->o.clock_ud, day);
		adminui_cutoff(day, a->o.retention_months, cutoff);
		snprintf(a->detail, sizeof a->detail,
		         "Effacer les %ld sessions d'avant le %s (plus de %d mois) ?\nCe qui est effacé ne revient pas.",
		         store_count_before(a->o.store, cutoff, NULL, 0), cutoff, a->o.retention_months);
		a->state = AU_PURGE_ASK;
		return true;
	case MENU_QUIT:
		a->quit = true;
		log_info("admin mode: leaving kiosk mode");
		return true;
	default:
		return false;
	}
}

bool adminui_apply(struct adminui *a, struct action act)
{
	a->last_touch = now(a);
	char day[11], cutoff[11], err[300];
	switch (a->state) {
	case AU_CLOSED:
		return false;
	case AU_PIN:
		if (act.kind == A_SELECT && act.arg >= 0 && act.arg <= 9 && a->npin < ADMIN_PIN_MAX) {
			a->pin[a->npin++] = (char)('0' + act.arg);
			show_pin(a);
			return true;
		}
		if (act.kind == A_UNDO && a->npin) {
			a->pin[--a->npin] = '\0';
			show_pin(a);
			return true;
		}
		if (act.kind == A_CONFIRM) {
			try_pin(a);
			return true;
		}
		if (act.kind == A_BACK) {
			forget_pin(a);
			a->state = AU_CLOSED;
			return true;
		}
		return false;
	case AU_MENU:
		if (act.kind == A_SELECT)
			return apply_menu(a, act.arg);
		if (act.kind == A_BACK) {
			a->state = AU_CLOSED;
			return true;
		}
		return false;
	case AU_PURGE_ASK:
		if (act.kind == A_CONFIRM) {
			a->o.today(a->o.clock_ud, day);
			adminui_cutoff(day, a->o.retention_months, cutoff);
			long n = store_purge_before(a->o.store, cutoff, err, sizeof err);
			if (n < 0)
				snprintf(a->detail, sizeof a->detail, "Rien n'a été effacé : %s", err);
			else
				snprintf(a->detail, sizeof a->detail, "%ld sessions d'avant le %s sont effacées.", n, cutoff);
			log_info("admin mode: %s", a->detail);
			a->state = AU_PURGE_DONE;
			return true;
		}
		__attribute__((fallthrough)); /* anything else: back to the menu */
	case AU_STATS:
	case AU_HEALTH:
	case AU_EXPORT:
	case AU_PURGE_DONE:
		if (act.kind == A_BACK || act.kind == A_CONFIRM) {
			a->state = AU_MENU;
			return true;
		}
		return false;
	}
	return false;
}

bool adminui_tick(struct adminui *a)
{
	if (a->state == AU_CLOSED || now(a) - a->last_touch < ADMINUI_IDLE_S)
		return false;
	forget_pin(a);
	a->state = AU_CLOSED;
	return true;
}

static struct target *add(struct screen *sc, enum target_role role, const char *id, const char *label,
                          const char *picto, struct action act)
{
	struct target *t = &sc->targets[sc->ntargets++];
	memset(t, 0, sizeof *t);
	snprintf(t->id, sizeof t->id, "%s", id);
	t->role = role;
	t->label = label;
	t->lang = "fr";
	t->pictogram = picto;
	t->enabled = true;
	t->action = act;
	return t;
}

void adminui_build(const struct adminui *a, struct screen *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->kind = SCREEN_ADMIN;
	sc->lang = "fr";
	sc->volume_max = 10;
	sc->pictogram = "settings";
	static const char *const digits[10] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };
	switch (a->state) {
	case AU_CLOSED: break;
	case AU_PIN: {
		sc->text = a->keypad;
		sc->detail = a->message[0] ? a->message : NULL;
		add(sc, ROLE_BACK, "back", "Retour", "back", (struct action){ A_BACK, 0 });
		for (int d = 1; d <= 10; d++) {
			char id[16];
			snprintf(id, sizeof id, "pin:%d", d % 10);
			add(sc, ROLE_CHOICE, id, digits[d % 10], NULL, (struct action){ A_SELECT, d % 10 });
		}
		struct target *u = add(sc, ROLE_UNDO, "undo", "Effacer", "undo", (struct action){ A_UNDO, 0 });
		u->enabled = a->npin > 0;
		struct target *ok = add(sc, ROLE_CONFIRM, "confirm", "Valider", "confirm", (struct action){ A_CONFIRM, 0 });
		ok->enabled = a->npin >= ADMIN_PIN_MIN;
		break;
	}
	case AU_MENU:
		sc->text = "Mode admin";
		add(sc, ROLE_BACK, "back", "Retour", "back", (struct action){ A_BACK, 0 });
		for (int i = 0; i < MENU_COUNT; i++)
			add(sc, ROLE_CHOICE, menu_ids[i], menu_labels[i], menu_pictos[i], (struct action){ A_SELECT, i });
		break;
	case AU_PURGE_ASK:
		sc->text = "Effacer les données anciennes";
		sc->detail = a->detail;
		add(sc, ROLE_BACK, "back", "Non", "back", (struct action){ A_BACK, 0 });
		add(sc, ROLE_CONFIRM, "confirm", "Effacer", "refuse", (struct action){ A_CONFIRM, 0 });
		break;
	case AU_STATS:
	case AU_HEALTH:
	case AU_EXPORT:
	case AU_PURGE_DONE:
		sc->text = a->state == AU_STATS    ? "Réponses enregistrées"
		           : a->state == AU_HEALTH ? "État du kiosque"
		           : a->state == AU_EXPORT ? "Export"
		                                   : "Données anciennes";
		sc->detail = a->detail;
		add(sc, ROLE_BACK, "back", "Retour", "back", (struct action){ A_BACK, 0 });
		add(sc, ROLE_CONFIRM, "confirm", "Fini", "confirm", (struct action){ A_CONFIRM, 0 });
		break;
	}
}
