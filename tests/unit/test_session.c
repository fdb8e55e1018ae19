/* The session state machine: navigation, conditions, refusals, timeouts with a fake clock,
 * and what reaches the store. */
#include <math.h>
#include <sqlite3.h>

#include "check.h"
#include "session/person.h"
#include "fixture.h"
#include "session/screen.h"
#include "store/store.h"

struct env {
	struct fake_clock clock;
	struct content *content;
	struct i18n *i18n;
	struct store *store;
	char *dir, *db;
	struct session *s;
	int stored, ended;
	enum store_end last_end;
};

static void on_stored(void *ud, const struct store_session *ss, const char *q, bool refused,
                      const char *const *v, size_t n)
{
	(void)ss, (void)q, (void)refused, (void)v, (void)n;
	((struct env *)ud)->stored++;
}

static void on_ended(void *ud, const struct store_session *ss, enum store_end why)
{
	(void)ss;
	struct env *e = ud;
	e->ended++;
	e->last_end = why;
}

/* The language grid of most tests: French (the default), English, Arabic, Georgian. */
static const char *const grid4[] = { "fr", "en", "ar", "ka" };

static void env_open_langs(struct env *e, const char *const *ids, size_t nids, const char *const *langs,
                           size_t nlangs)
{
	memset(e, 0, sizeof *e);
	memcpy(e->clock.day, "2026-11-23", 11);
	e->content = fixture_content();
	e->i18n = fixture_i18n();
	e->dir = fixture_tmpdir();
	e->db = path_join(e->dir, "sub/k.db");
	char err[300];
	e->store = store_open(e->db, err, sizeof err);
	if (!e->store) {
		fprintf(stderr, "%s\n", err);
		abort();
	}
	static const struct questionnaire *offered[4];
	for (size_t i = 0; i < nids; i++)
		offered[i] = content_find(e->content, ids[i]);
	struct session_options o = {
		.offered = offered, .noffered = nids, .language = "fr",
		.languages = langs, .nlanguages = nlangs,
		.volume_default = 6,
		.clock = { fake_now, fake_today, &e->clock },
		.observer = { on_stored, on_ended, e },
		.store = e->store,
	};
	e->s = session_create(&o);
}

static void env_open(struct env *e, const char *const *ids, size_t nids)
{
	env_open_langs(e, ids, nids, grid4, 4);
}

static void env_close(struct env *e)
{
	session_destroy(e->s);
	store_close(e->store);
	content_destroy(e->content);
	i18n_destroy(e->i18n);
	free(e->db);
	fixture_rmdir(e->dir);
}

static bool act(struct env *e, enum action_kind k, int arg)
{
	e->clock.now += 500;
	return session_apply(e->s, (struct action){ k, arg });
}

static const char *qid(struct env *e)
{
	const struct question *q = session_question(e->s);
	return q ? q->id : "(none)";
}

/* Builds sc again, releasing what it held. */
static void build(struct screen *sc, const struct session *s, const struct i18n *L)
{
	screen_release(sc);
	screen_build(sc, s, L);
}

static long long count(struct env *e, const char *sql)
{
	return store_query_int(e->store, sql);
}

static void test_walkthrough(void)
{
	struct env e;
	const char *ids[] = { "a-flow" };
	env_open(&e, ids, 1);
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK_INT(session_speak(e.s).what, SPEAK_NOTHING); /* welcome is silent */
	CHECK(!act(&e, A_CONFIRM, 0));                     /* only a start does anything here */
	CHECK(act(&e, A_START, 0));
	CHECK_INT(session_state(e.s), SS_QUESTION); /* one questionnaire: no menu */
	CHECK_STR(qid(&e), "hello");
	CHECK_INT(session_speak(e.s).what, SPEAK_SCREEN);
	CHECK(session_can_confirm(e.s)); /* an info screen needs no answer */
	CHECK(!session_can_go_back(e.s));
	act(&e, A_CONFIRM, 0);
	CHECK_INT(e.stored, 0); /* info screens store nothing */
	CHECK_STR(qid(&e), "mood");

	/* Confirm with nothing chosen: a spoken hint, nothing stored, no move. */
	unsigned seq = session_speak(e.s).seq;
	act(&e, A_CONFIRM, 0);
	CHECK_INT(session_speak(e.s).what, SPEAK_HINT);
	CHECK(session_speak(e.s).seq != seq);
	CHECK_STR(qid(&e), "mood");
	CHECK_INT(count(&e, "SELECT count(*) FROM sessions"), 0); /* a touch and a walk-away leave nothing */

	/* Choose, change, confirm. */
	act(&e, A_SELECT, 0);
	CHECK(session_choice_selected(e.s, 0));
	CHECK_INT(session_speak(e.s).what, SPEAK_CHOICE);
	act(&e, A_SELECT, 2);
	CHECK(!session_choice_selected(e.s, 0));
	CHECK(session_choice_selected(e.s, 2));
	act(&e, A_CONFIRM, 0);
	CHECK_INT(e.stored, 1);
	CHECK_INT(count(&e, "SELECT count(*) FROM answers WHERE question='mood' AND value_json='[\"3\"]'"), 1);
	CHECK_INT(count(&e, "SELECT count(*) FROM sessions WHERE questionnaire='a-flow' AND version=3 "
	                    "AND language='fr' AND day='2026-11-23' AND completed=0 AND end_reason IS NULL"), 1);

	/* talk = no: "who" is skipped. */
	CHECK_STR(qid(&e), "talk");
	act(&e, A_SELECT, 1);
	act(&e, A_CONFIRM, 0);
	CHECK_STR(qid(&e), "helped");

	/* Back shows the confirmed answer again; yes now makes "who" appear. */
	act(&e, A_BACK, 0);
	CHECK_STR(qid(&e), "talk");
	CHECK(session_choice_selected(e.s, 1));
	act(&e, A_SELECT, 0);
	act(&e, A_CONFIRM, 0);
	CHECK_STR(qid(&e), "who");
	act(&e, A_SELECT, 1);
	act(&e, A_CONFIRM, 0);
	CHECK_INT(count(&e, "SELECT count(*) FROM answers WHERE question='who'"), 1);

	/* Back twice and answer no: the answer to "who" is removed in the same commit. */
	act(&e, A_BACK, 0);
	CHECK_STR(qid(&e), "who");
	act(&e, A_BACK, 0);
	CHECK_STR(qid(&e), "talk");
	act(&e, A_SELECT, 1);
	act(&e, A_CONFIRM, 0);
	CHECK_STR(qid(&e), "helped");
	CHECK_INT(count(&e, "SELECT count(*) FROM answers WHERE question='who'"), 0);
	CHECK_INT(count(&e, "SELECT count(*) FROM answers WHERE question='talk' AND value_json='[\"no\"]'"), 1);

	/* Multiple choice: toggles; a refusal clears the choices; a choice clears the refusal. */
	act(&e, A_SELECT, 0);
	act(&e, A_SELECT, 3);
	act(&e, A_SELECT, 5);
	act(&e, A_SELECT, 5);
	CHECK(session_choice_selected(e.s, 0) && session_choice_selected(e.s, 3));
	CHECK(!session_choice_selected(e.s, 5));
	act(&e, A_REFUSE, 0);
	CHECK(session_refusal_selected(e.s));
	CHECK(!session_choice_selected(e.s, 0));
	CHECK_INT(session_speak(e.s).what, SPEAK_REFUSE);
	act(&e, A_SELECT, 1);
	CHECK(!session_refusal_selected(e.s));
	act(&e, A_SELECT, 4);
	act(&e, A_CONFIRM, 0);
	CHECK_INT(count(&e, "SELECT count(*) FROM answers WHERE question='helped' AND value_json='[\"b\",\"e\"]'"), 1);

	/* A refusal is stored as a refusal, not as a missing answer. */
	CHECK_STR(qid(&e), "day");
	CHECK_INT(session_question(e.s)->nchoices, 5);
	act(&e, A_REFUSE, 0);
	act(&e, A_CONFIRM, 0);
	CHECK_INT(count(&e, "SELECT count(*) FROM answers WHERE question='day' AND refused=1 AND value_json IS NULL"), 1);

	/* Thanks, then welcome after its time; the session is complete. */
	CHECK_INT(session_state(e.s), SS_THANKS);
	CHECK_INT(e.ended, 1);
	CHECK_INT(e.last_end, STORE_END_COMPLETED);
	CHECK_INT(count(&e, "SELECT completed FROM sessions"), 1);
	CHECK_INT(count(&e, "SELECT count(*) FROM sessions WHERE end_reason='completed'"), 1);
	CHECK_INT(count(&e, "SELECT count(*) FROM answers"), 4);
	CHECK(!session_tick(e.s));
	e.clock.now += 6001;
	CHECK(session_tick(e.s));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK(session_record(e.s) == NULL);
	env_close(&e);
}

static void test_idle(void)
{
	struct env e;
	const char *ids[] = { "a-flow" };
	env_open(&e, ids, 1);
	act(&e, A_START, 0);
	act(&e, A_CONFIRM, 0);
	act(&e, A_SELECT, 1);
	act(&e, A_VOLUME_UP, 0);
	act(&e, A_VOLUME_UP, 0);
	CHECK_INT(session_volume(e.s), 8);
	CHECK_INT(session_speak(e.s).what, SPEAK_VOLUME);
	act(&e, A_CONFIRM, 0);
	CHECK_STR(qid(&e), "talk");

	/* 90 s of silence: "still there?"; continue comes back to the same question. */
	CHECK(session_deadline(e.s) == e.clock.now + 90000);
	e.clock.now += 89999;
	CHECK(!session_tick(e.s));
	e.clock.now += 1;
	CHECK(session_tick(e.s));
	CHECK_INT(session_state(e.s), SS_STILL_THERE);
	CHECK_INT(session_speak(e.s).what, SPEAK_SCREEN);
	CHECK(!act(&e, A_SELECT, 0)); /* only continue answers here */
	act(&e, A_CONTINUE, 0);
	CHECK_INT(session_state(e.s), SS_QUESTION);
	CHECK_STR(qid(&e), "talk");

	/* Again, and nobody answers: after 20 s the session ends, incomplete, its answer kept. */
	e.clock.now += 90000;
	session_tick(e.s);
	CHECK_INT(session_state(e.s), SS_STILL_THERE);
	e.clock.now += 19999;
	CHECK(!session_tick(e.s));
	e.clock.now += 1;
	CHECK(session_tick(e.s));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK_INT(e.last_end, STORE_END_IDLE);
	CHECK_INT(session_volume(e.s), 6); /* the next person starts at the usual volume */
	CHECK_INT(count(&e, "SELECT count(*) FROM sessions WHERE completed=0 AND end_reason='idle'"), 1);
	CHECK_INT(count(&e, "SELECT count(*) FROM answers"), 1);

	/* The next person starts from nothing. */
	act(&e, A_START, 0);
	act(&e, A_CONFIRM, 0);
	CHECK(!session_choice_selected(e.s, 1));
	env_close(&e);
}

static void test_menu(void)
{
	struct env e;
	const char *ids[] = { "b-short", "a-flow" };
	env_open(&e, ids, 2);
	act(&e, A_START, 0);
	CHECK_INT(session_state(e.s), SS_MENU);
	struct screen sc = { 0 };
	build(&sc, e.s, e.i18n);
	CHECK_INT(sc.kind, SCREEN_MENU);
	CHECK(screen_find(&sc, "questionnaire:b-short") >= 0 && screen_find(&sc, "questionnaire:a-flow") >= 0);
	CHECK(!act(&e, A_OPEN, 7));
	CHECK(session_can_go_back(e.s)); /* the menu leads back to the welcome screen */
	act(&e, A_BACK, 0);
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK_INT(e.ended, 0);
	act(&e, A_START, 0);
	act(&e, A_OPEN, 0);
	CHECK_STR(session_questionnaire(e.s)->id, "b-short");
	CHECK(session_can_go_back(e.s)); /* back to the menu */
	act(&e, A_SELECT, 0);
	act(&e, A_CONFIRM, 0);
	CHECK_INT(session_state(e.s), SS_THANKS);
	act(&e, A_CONTINUE, 0); /* a touch on thanks: welcome at once */
	CHECK_INT(session_state(e.s), SS_WELCOME);
	act(&e, A_START, 0);
	act(&e, A_OPEN, 1);
	act(&e, A_CONFIRM, 0);
	act(&e, A_SELECT, 0);
	act(&e, A_CONFIRM, 0);
	act(&e, A_BACK, 0);
	act(&e, A_BACK, 0);
	act(&e, A_BACK, 0); /* past the first question: the menu, the session left */
	CHECK_INT(session_state(e.s), SS_MENU);
	CHECK_INT(e.last_end, STORE_END_LEFT);
	CHECK_INT(count(&e, "SELECT count(*) FROM sessions WHERE end_reason='left'"), 1);
	env_close(&e);
	screen_release(&sc);
}

/* Storing fails (another process holds the database): the person stays, the problem is shown
 * and spoken, nothing is lost, and the same confirm works once the database is free. */
static void test_store_failure(void)
{
	struct env e;
	const char *ids[] = { "a-flow" };
	env_open(&e, ids, 1);
	act(&e, A_START, 0);
	act(&e, A_CONFIRM, 0);
	act(&e, A_SELECT, 0);
	sqlite3 *other;
	CHECK_INT(sqlite3_open(e.db, &other), SQLITE_OK);
	CHECK_INT(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
	act(&e, A_CONFIRM, 0);
	CHECK_STR(qid(&e), "mood");
	CHECK(session_problem(e.s) != NULL);
	CHECK_INT(session_speak(e.s).what, SPEAK_PROBLEM);
	CHECK(session_choice_selected(e.s, 0)); /* the selection is still there */
	struct screen sc = { 0 };
	build(&sc, e.s, e.i18n);
	CHECK(sc.problem != NULL);
	CHECK_INT(e.stored, 0);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	act(&e, A_CONFIRM, 0);
	CHECK_STR(qid(&e), "talk");
	CHECK(session_problem(e.s) == NULL);
	CHECK_INT(count(&e, "SELECT count(*) FROM answers WHERE question='mood'"), 1);
	env_close(&e);
	screen_release(&sc);
}

/* The spoken order: question, each card highlighted in turn, the refusal, then the hint. */
static void test_screen_speech(void)
{
	struct env e;
	const char *ids[] = { "a-flow" };
	env_open(&e, ids, 1);
	act(&e, A_START, 0);
	act(&e, A_CONFIRM, 0);
	struct screen sc = { 0 };
	build(&sc, e.s, e.i18n);
	CHECK_INT(sc.kind, SCREEN_QUESTION);
	CHECK_STR(sc.utter[0].text, "Comment allez-vous ?");
	CHECK_INT(sc.utter[0].target, -1);
	CHECK_STR(sc.utter[1].text, "Pas bien");
	CHECK_STR(sc.targets[sc.utter[1].target].id, "choice:1");
	CHECK_STR(sc.utter[3].text, "Bien");
	CHECK_STR(sc.targets[sc.utter[4].target].id, "refuse");
	CHECK_STR(sc.utter[4].text, "Je préfère ne pas répondre");
	act(&e, A_SELECT, 1);
	build(&sc, e.s, e.i18n);
	struct utterance u[4];
	CHECK_INT(screen_speech(&sc, session_speak(e.s), e.i18n, u, 4), 1);
	CHECK_STR(u[0].text, "Moyen");
	CHECK(sc.targets[screen_find(&sc, "choice:2")].selected);
	char spoken[512];
	screen_spoken_text(&sc, spoken, sizeof spoken);
	CHECK(strstr(spoken, "Comment allez-vous ? Pas bien Moyen Bien") == spoken);
	env_close(&e);
	screen_release(&sc);
}

/* The target of choice card `arg` (a language on the grid), or -1. */
static int choice_target(const struct screen *sc, int arg)
{
	for (size_t i = 0; i < sc->ntargets; i++)
		if (sc->targets[i].role == ROLE_CHOICE && sc->targets[i].action.arg == arg)
			return (int)i;
	return -1;
}

static int count_role(const struct screen *sc, enum target_role role)
{
	int n = 0;
	for (size_t i = 0; i < sc->ntargets; i++)
		n += sc->targets[i].role == role;
	return n;
}

static const char *label_of(const struct screen *sc, const char *id)
{
	int t = screen_find(sc, id);
	return t >= 0 ? sc->targets[t].label : NULL;
}

static const char *lang_of(const struct screen *sc, const char *id)
{
	int t = screen_find(sc, id);
	return t >= 0 ? sc->targets[t].lang : NULL;
}

/* What the session asks to be said now, as the speech layer gets it: exactly one utterance. */
static struct utterance said(struct env *e, struct screen *sc)
{
	struct utterance u[4];
	memset(u, 0, sizeof u);
	build(sc, e->s, e->i18n);
	size_t n = screen_speech(sc, session_speak(e->s), e->i18n, u, 4);
	CHECK_INT(n, 1);
	return u[0];
}

/* The language grid: each card in its own language; nothing changes until confirmed; back
 * leaves the language as it was; the chosen one is the questionnaire's, its record's, and lasts
 * until the thanks. */
static void test_language_grid(void)
{
	struct env e;
	const char *ids[] = { "a-flow" };
	env_open(&e, ids, 1);
	struct screen sc = { 0 };
	build(&sc, e.s, e.i18n);
	CHECK_INT(sc.kind, SCREEN_WELCOME);
	int lb = screen_find(&sc, "language");
	CHECK(lb >= 0 && sc.targets[lb].role == ROLE_LANGUAGE && sc.targets[lb].action.kind == A_LANGUAGES);
	CHECK_STR(sc.text, "Touchez l'écran pour commencer");
	CHECK_STR(sc.lang, "fr");
	CHECK(!sc.rtl);

	CHECK(act(&e, A_LANGUAGES, 0));
	CHECK_INT(session_state(e.s), SS_LANGUAGE);
	CHECK_INT(session_language_choice(e.s), -1);
	CHECK_INT(session_speak(e.s).what, SPEAK_SCREEN);
	CHECK(!act(&e, A_LANGUAGES, 0)); /* already there */
	build(&sc, e.s, e.i18n);
	CHECK_INT(sc.kind, SCREEN_LANGUAGE);
	CHECK_STR(sc.lang, "fr"); /* the screen around the cards is still the person's language */
	CHECK_INT(count_role(&sc, ROLE_CHOICE), 4);
	static const char *const names[] = { "Français", "English", "العربية", "ქართული" };
	for (int i = 0; i < 4; i++) {
		int t = choice_target(&sc, i);
		CHECK(t >= 0);
		if (t < 0)
			continue;
		CHECK_STR(sc.targets[t].label, names[i]);
		CHECK_STR(sc.targets[t].lang, grid4[i]);
		CHECK_INT(sc.targets[t].action.kind, A_SELECT);
		CHECK(!sc.targets[t].selected);
		/* Read out, each card says "I speak ..." in its own language, highlighted. */
		int said_here = 0;
		for (size_t k = 0; k < sc.nutter; k++)
			if (sc.utter[k].target == t && sc.utter[k].lang && strcmp(sc.utter[k].lang, grid4[i]) == 0)
				said_here++;
		CHECK_INT(said_here, 1);
	}
	int ok = screen_find(&sc, "confirm");
	CHECK(ok >= 0 && sc.targets[ok].role == ROLE_CONFIRM);
	CHECK(ok >= 0 && !sc.targets[ok].enabled); /* nothing chosen yet */

	/* Confirm with no language chosen: a hint, nothing else. */
	unsigned seq = session_speak(e.s).seq;
	CHECK(act(&e, A_CONFIRM, 0));
	CHECK_INT(session_speak(e.s).what, SPEAK_HINT);
	CHECK(session_speak(e.s).seq != seq);
	CHECK_INT(session_state(e.s), SS_LANGUAGE);
	CHECK_STR(session_language(e.s), "fr");
	CHECK(!act(&e, A_SELECT, 4));
	CHECK(!act(&e, A_SELECT, -1));
	CHECK_INT(session_language_choice(e.s), -1);

	/* A touch on a card says "I speak ..." in that language. */
	CHECK(act(&e, A_SELECT, 0));
	CHECK_INT(session_language_choice(e.s), 0);
	CHECK_INT(session_speak(e.s).what, SPEAK_LANGUAGE);
	CHECK_INT(session_speak(e.s).arg, 0);
	struct utterance u = said(&e, &sc);
	CHECK_STR(u.text, "Je parle français.");
	CHECK_STR(u.lang, "fr");
	CHECK_INT(u.target, choice_target(&sc, 0));

	CHECK(act(&e, A_SELECT, 2));
	CHECK_INT(session_language_choice(e.s), 2);
	CHECK_INT(session_speak(e.s).what, SPEAK_LANGUAGE);
	CHECK_INT(session_speak(e.s).arg, 2);
	CHECK_STR(session_language(e.s), "fr"); /* not until confirmed */
	u = said(&e, &sc);
	CHECK_STR(u.text, "أَنا أَتَكَلَّمُ العَرَبِيَّة.");
	CHECK_STR(u.lang, "ar");
	CHECK_INT(u.target, choice_target(&sc, 2));
	CHECK_STR(sc.lang, "fr");
	CHECK(!sc.rtl);
	CHECK(sc.targets[choice_target(&sc, 2)].selected);
	CHECK(!sc.targets[choice_target(&sc, 0)].selected); /* one language at a time */
	ok = screen_find(&sc, "confirm");
	CHECK(ok >= 0 && sc.targets[ok].enabled);

	/* The other cards, asked directly. */
	struct utterance us[2];
	CHECK_INT(screen_speech(&sc, (struct speak_request){ 99, SPEAK_LANGUAGE, 3 }, e.i18n, us, 2), 1);
	CHECK_STR(us[0].text, "მე ქართულად ვლაპარაკობ.");
	CHECK_STR(us[0].lang, "ka");
	CHECK_INT(screen_speech(&sc, (struct speak_request){ 99, SPEAK_LANGUAGE, 1 }, e.i18n, us, 2), 1);
	CHECK_STR(us[0].text, "I speak English.");
	CHECK_STR(us[0].lang, "en");

	/* Back: the welcome screen, in the language as it was; the choice is forgotten. */
	CHECK(act(&e, A_BACK, 0));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK_STR(session_language(e.s), "fr");
	CHECK_INT(session_speak(e.s).what, SPEAK_NOTHING);
	CHECK(session_record(e.s) == NULL);
	CHECK(act(&e, A_LANGUAGES, 0));
	CHECK_INT(session_language_choice(e.s), -1);

	/* Arabic, confirmed: one questionnaire, so its first question, all in Arabic. */
	act(&e, A_SELECT, 2);
	CHECK(act(&e, A_CONFIRM, 0));
	CHECK_INT(session_state(e.s), SS_QUESTION);
	CHECK_STR(qid(&e), "hello");
	CHECK_STR(session_language(e.s), "ar");
	CHECK_INT(session_speak(e.s).what, SPEAK_SCREEN);
	CHECK(session_record(e.s) != NULL);
	if (session_record(e.s))
		CHECK_STR(session_record(e.s)->language, "ar");
	build(&sc, e.s, e.i18n);
	CHECK_INT(sc.kind, SCREEN_INFO);
	CHECK_STR(sc.lang, "ar");
	CHECK(sc.rtl);
	CHECK_STR(label_of(&sc, "confirm"), "التّالي");
	CHECK_STR(lang_of(&sc, "confirm"), "ar");
	CHECK_STR(label_of(&sc, "replay"), "اِسْتَمِعوا مَرَّةً أُخْرَى");
	CHECK_STR(label_of(&sc, "settings"), "الإِعْدادات");
	/* The test questionnaire has no Arabic: its text stays French, said with the French voice. */
	CHECK_STR(sc.text, "Bonjour.");
	CHECK_STR(sc.utter[0].lang, "fr");

	/* To the end: the stored session is in Arabic; the thanks too. */
	act(&e, A_CONFIRM, 0);
	act(&e, A_SELECT, 0);
	act(&e, A_CONFIRM, 0);
	act(&e, A_SELECT, 1);
	act(&e, A_CONFIRM, 0);
	act(&e, A_SELECT, 0);
	act(&e, A_CONFIRM, 0);
	act(&e, A_SELECT, 0);
	act(&e, A_CONFIRM, 0);
	CHECK_INT(session_state(e.s), SS_THANKS);
	CHECK_INT(count(&e, "SELECT count(*) FROM sessions WHERE language='ar' AND completed=1"), 1);
	CHECK_INT(count(&e, "SELECT count(*) FROM sessions"), 1);
	CHECK_STR(session_language(e.s), "ar");
	build(&sc, e.s, e.i18n);
	CHECK_INT(sc.kind, SCREEN_THANKS);
	struct tstr thanks = i18n_ui(e.i18n, "ar", UI_THANKS);
	CHECK_STR(thanks.lang, "ar");
	CHECK_STR(sc.text, thanks.text);
	CHECK(sc.rtl);

	/* Its time passes: the next welcome is in French again, left to right. */
	e.clock.now += 6001;
	CHECK(session_tick(e.s));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK_STR(session_language(e.s), "fr");
	build(&sc, e.s, e.i18n);
	CHECK_STR(sc.lang, "fr");
	CHECK(!sc.rtl);
	CHECK_STR(sc.text, "Touchez l'écran pour commencer");
	CHECK(isinf(session_deadline(e.s))); /* nothing to reset: the welcome waits */
	act(&e, A_START, 0);
	CHECK(session_record(e.s) != NULL);
	if (session_record(e.s))
		CHECK_STR(session_record(e.s)->language, "fr");
	env_close(&e);
	screen_release(&sc);
}

/* Several questionnaires: the language leads to the menu; a touch on the thanks ends the
 * person's language too. */
static void test_language_menu(void)
{
	struct env e;
	const char *ids[] = { "b-short", "a-flow" };
	env_open(&e, ids, 2);
	act(&e, A_LANGUAGES, 0);
	act(&e, A_SELECT, 1);
	CHECK(act(&e, A_CONFIRM, 0));
	CHECK_INT(session_state(e.s), SS_MENU);
	CHECK_STR(session_language(e.s), "en");
	CHECK(session_record(e.s) == NULL); /* nothing is open yet */
	struct screen sc = { 0 };
	build(&sc, e.s, e.i18n);
	CHECK_INT(sc.kind, SCREEN_MENU);
	CHECK_STR(sc.text, "Choose what you want to answer.");
	CHECK_STR(sc.lang, "en");
	act(&e, A_OPEN, 0);
	CHECK_STR(session_questionnaire(e.s)->id, "b-short");
	CHECK(session_record(e.s) != NULL);
	if (session_record(e.s))
		CHECK_STR(session_record(e.s)->language, "en");
	act(&e, A_SELECT, 0);
	act(&e, A_CONFIRM, 0);
	CHECK_INT(session_state(e.s), SS_THANKS);
	CHECK_INT(count(&e, "SELECT count(*) FROM sessions WHERE language='en' AND questionnaire='b-short'"), 1);
	CHECK(act(&e, A_CONTINUE, 0));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK_STR(session_language(e.s), "fr");
	env_close(&e);
	screen_release(&sc);
}

/* One language (or none): no language button, and A_LANGUAGES does nothing. */
static void test_language_single(void)
{
	struct env e;
	const char *ids[] = { "a-flow" };
	static const char *const one[] = { "fr" };
	env_open_langs(&e, ids, 1, one, 1);
	CHECK(!act(&e, A_LANGUAGES, 0));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	struct screen sc = { 0 };
	build(&sc, e.s, e.i18n);
	CHECK_INT(screen_find(&sc, "language"), -1);
	CHECK(screen_find(&sc, "settings") >= 0);
	CHECK(screen_find(&sc, "start") >= 0);
	env_close(&e);

	env_open_langs(&e, ids, 1, NULL, 0);
	CHECK(!act(&e, A_LANGUAGES, 0));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	build(&sc, e.s, e.i18n);
	CHECK_INT(screen_find(&sc, "language"), -1);
	env_close(&e);
	screen_release(&sc);
}

/* A person who chose Georgian and walked away: "still there?" in Georgian, then the welcome in
 * French; the stored, unfinished session says Georgian. */
static void test_language_idle(void)
{
	struct env e;
	const char *ids[] = { "a-flow" };
	env_open(&e, ids, 1);
	act(&e, A_LANGUAGES, 0);
	act(&e, A_SELECT, 3);
	act(&e, A_CONFIRM, 0);
	CHECK_STR(session_language(e.s), "ka");
	act(&e, A_CONFIRM, 0);
	act(&e, A_SELECT, 2);
	act(&e, A_CONFIRM, 0);
	CHECK_STR(qid(&e), "talk");
	e.clock.now += 90000;
	CHECK(session_tick(e.s));
	CHECK_INT(session_state(e.s), SS_STILL_THERE);
	struct screen sc = { 0 };
	build(&sc, e.s, e.i18n);
	struct tstr still = i18n_ui(e.i18n, "ka", UI_STILL_THERE);
	CHECK_STR(still.lang, "ka");
	CHECK_STR(sc.text, still.text);
	CHECK_STR(sc.lang, "ka");
	act(&e, A_CONTINUE, 0); /* the same person: the same language */
	CHECK_STR(qid(&e), "talk");
	CHECK_STR(session_language(e.s), "ka");
	e.clock.now += 90000;
	session_tick(e.s);
	e.clock.now += 20000;
	CHECK(session_tick(e.s));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK_INT(e.last_end, STORE_END_IDLE);
	CHECK_STR(session_language(e.s), "fr");
	CHECK_INT(count(&e, "SELECT count(*) FROM sessions WHERE language='ka' AND end_reason='idle'"), 1);
	act(&e, A_START, 0);
	if (session_record(e.s))
		CHECK_STR(session_record(e.s)->language, "fr");
	CHECK(session_record(e.s) != NULL);
	env_close(&e);
	screen_release(&sc);
}

/* Changed on the welcome screen, then nobody: the welcome puts it back after idle_ms. */
static void test_welcome_walkaway(void)
{
	struct env e;
	/* No questionnaire offered: a confirmed language stays on the welcome screen. */
	env_open(&e, NULL, 0);
	act(&e, A_LANGUAGES, 0);
	act(&e, A_SELECT, 2);
	CHECK(act(&e, A_CONFIRM, 0));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK_STR(session_language(e.s), "ar");
	CHECK_INT(session_speak(e.s).what, SPEAK_NOTHING);
	struct screen sc = { 0 };
	build(&sc, e.s, e.i18n);
	CHECK(sc.rtl);
	CHECK_STR(sc.text, "اِضْغَطوا عَلَى الشّاشَة لِلْبَدْء");
	CHECK_STR(label_of(&sc, "start"), "اِضْغَطوا عَلَى الشّاشَة لِلْبَدْء");
	CHECK_STR(lang_of(&sc, "start"), "ar");
	/* The grid again, another card, back: still Arabic (the language as it was). */
	act(&e, A_LANGUAGES, 0);
	act(&e, A_SELECT, 3);
	CHECK(act(&e, A_BACK, 0));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK_STR(session_language(e.s), "ar");
	CHECK(!act(&e, A_START, 0));
	double dl = session_deadline(e.s);
	CHECK(dl == e.clock.now + 90000);
	e.clock.now = dl - 1;
	CHECK(!session_tick(e.s));
	CHECK_STR(session_language(e.s), "ar");
	e.clock.now = dl;
	CHECK(session_tick(e.s));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK_STR(session_language(e.s), "fr");
	CHECK(isinf(session_deadline(e.s)));
	e.clock.now += 1e6;
	CHECK(!session_tick(e.s));
	env_close(&e);

	/* Settings and volume changed from the welcome screen. */
	const char *ids[] = { "a-flow" };
	env_open(&e, ids, 1);
	CHECK(isinf(session_deadline(e.s)));
	CHECK(act(&e, A_SETTINGS, 0));
	CHECK(act(&e, A_VOLUME_UP, 0));
	CHECK(act(&e, A_TOGGLE, SET_LARGER));
	CHECK(act(&e, A_CONFIRM, 0));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK_INT(session_speak(e.s).what, SPEAK_NOTHING);
	CHECK(session_setting(e.s, SET_LARGER));
	CHECK_INT(session_volume(e.s), 7);
	build(&sc, e.s, e.i18n);
	CHECK(sc.larger);
	CHECK_INT(sc.volume, 7);
	dl = session_deadline(e.s);
	CHECK(dl == e.clock.now + 90000);
	e.clock.now = dl - 1;
	CHECK(!session_tick(e.s));
	CHECK(session_setting(e.s, SET_LARGER));
	e.clock.now = dl;
	CHECK(session_tick(e.s));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK(!session_setting(e.s, SET_LARGER));
	CHECK_INT(session_volume(e.s), 6);
	CHECK(isinf(session_deadline(e.s)));

	/* The volume alone counts too. */
	act(&e, A_SETTINGS, 0);
	act(&e, A_VOLUME_DOWN, 0);
	act(&e, A_BACK, 0);
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK_INT(session_volume(e.s), 5);
	CHECK(session_deadline(e.s) == e.clock.now + 90000);
	e.clock.now += 90000;
	CHECK(session_tick(e.s));
	CHECK_INT(session_volume(e.s), 6);
	env_close(&e);
	screen_release(&sc);
}

/* The settings screen: toggles said as they change, back where it came from, a question's
 * selection kept; none from "still there?" or the thanks; all off for the next person. */
static void test_settings(void)
{
	struct env e;
	const char *ids[] = { "a-flow" };
	env_open(&e, ids, 1);
	CHECK(act(&e, A_SETTINGS, 0));
	CHECK_INT(session_state(e.s), SS_SETTINGS);
	CHECK_INT(session_settings_return(e.s), SS_WELCOME);
	CHECK_INT(session_speak(e.s).what, SPEAK_SCREEN);
	CHECK(!act(&e, A_SETTINGS, 0));
	CHECK_INT(session_state(e.s), SS_SETTINGS);
	struct screen sc = { 0 };
	build(&sc, e.s, e.i18n);
	CHECK_INT(sc.kind, SCREEN_SETTINGS);
	CHECK_STR(sc.text, "Ici, vous pouvez changer ma voix et l'écran.");
	CHECK_INT(count_role(&sc, ROLE_TOGGLE), 3);
	static const char *const tid[SET_COUNT] = { "toggle:slower", "toggle:larger", "toggle:contrast" };
	static const char *const tlabel[SET_COUNT] = { "Plus lent", "Texte plus grand", "Couleurs fortes" };
	for (int i = 0; i < SET_COUNT; i++) {
		int t = screen_find(&sc, tid[i]);
		CHECK(t >= 0);
		if (t < 0)
			continue;
		CHECK_INT(sc.targets[t].role, ROLE_TOGGLE);
		CHECK_INT(sc.targets[t].action.kind, A_TOGGLE);
		CHECK_INT(sc.targets[t].action.arg, i);
		CHECK_STR(sc.targets[t].label, tlabel[i]);
		CHECK(!sc.targets[t].selected);
	}
	CHECK_STR(label_of(&sc, "confirm"), "Fini");
	CHECK(!sc.slower && !sc.larger && !sc.contrast);

	CHECK(act(&e, A_TOGGLE, SET_SLOWER));
	CHECK(session_setting(e.s, SET_SLOWER));
	CHECK(!session_setting(e.s, SET_LARGER) && !session_setting(e.s, SET_CONTRAST));
	CHECK_INT(session_speak(e.s).what, SPEAK_SETTING);
	CHECK_INT(session_speak(e.s).arg, SET_SLOWER);
	struct utterance u = said(&e, &sc);
	CHECK_STR(u.text, "Je parle plus lentement.");
	CHECK_STR(u.lang, "fr");
	CHECK_INT(u.target, screen_find(&sc, "toggle:slower"));
	CHECK(sc.slower && !sc.larger && !sc.contrast);
	CHECK(sc.targets[screen_find(&sc, "toggle:slower")].selected);
	CHECK(!sc.targets[screen_find(&sc, "toggle:larger")].selected);

	CHECK(act(&e, A_TOGGLE, SET_SLOWER));
	CHECK(!session_setting(e.s, SET_SLOWER));
	u = said(&e, &sc);
	CHECK_STR(u.text, "Je parle à la vitesse habituelle.");
	CHECK(!sc.slower);
	CHECK(!sc.targets[screen_find(&sc, "toggle:slower")].selected);
	act(&e, A_TOGGLE, SET_SLOWER);
	unsigned seq = session_speak(e.s).seq;
	CHECK(!act(&e, A_TOGGLE, SET_COUNT));
	CHECK(!act(&e, A_TOGGLE, -1));
	CHECK_INT(session_speak(e.s).seq, seq);
	CHECK(act(&e, A_TOGGLE, SET_LARGER));
	u = said(&e, &sc);
	CHECK_STR(u.text, "Le texte est plus grand.");
	CHECK_INT(u.target, screen_find(&sc, "toggle:larger"));
	CHECK(sc.larger);
	CHECK(act(&e, A_CONFIRM, 0));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK(session_setting(e.s, SET_SLOWER) && session_setting(e.s, SET_LARGER));

	/* From a question: its selection, not yet confirmed, is there on return. */
	act(&e, A_START, 0);
	CHECK(session_setting(e.s, SET_SLOWER)); /* the same person */
	act(&e, A_CONFIRM, 0);
	act(&e, A_SELECT, 1);
	CHECK(!act(&e, A_TOGGLE, SET_CONTRAST)); /* toggles only on the settings screen */
	CHECK(!session_setting(e.s, SET_CONTRAST));
	CHECK(act(&e, A_SETTINGS, 0));
	CHECK_INT(session_state(e.s), SS_SETTINGS);
	CHECK_INT(session_settings_return(e.s), SS_QUESTION);
	act(&e, A_TOGGLE, SET_CONTRAST);
	u = said(&e, &sc);
	CHECK_STR(u.text, "Les couleurs sont plus fortes.");
	CHECK(act(&e, A_BACK, 0));
	CHECK_INT(session_state(e.s), SS_QUESTION);
	CHECK_STR(qid(&e), "mood");
	CHECK(session_choice_selected(e.s, 1));
	CHECK_INT(session_speak(e.s).what, SPEAK_SCREEN);
	CHECK_INT(e.stored, 0);
	CHECK_INT(count(&e, "SELECT count(*) FROM answers"), 0);
	build(&sc, e.s, e.i18n);
	CHECK_INT(sc.kind, SCREEN_QUESTION);
	CHECK(sc.slower && sc.larger && sc.contrast);
	CHECK(sc.targets[screen_find(&sc, "choice:2")].selected);
	CHECK(screen_find(&sc, "settings") >= 0);
	act(&e, A_CONFIRM, 0);
	CHECK_STR(qid(&e), "talk");
	CHECK_INT(count(&e, "SELECT count(*) FROM answers WHERE question='mood' AND value_json='[\"2\"]'"), 1);

	/* Silence on the settings screen: "still there?" (no settings from there), then back to it. */
	act(&e, A_SETTINGS, 0);
	e.clock.now += 90000;
	CHECK(session_tick(e.s));
	CHECK_INT(session_state(e.s), SS_STILL_THERE);
	CHECK(!act(&e, A_SETTINGS, 0));
	CHECK_INT(session_state(e.s), SS_STILL_THERE);
	act(&e, A_CONTINUE, 0);
	CHECK_INT(session_state(e.s), SS_SETTINGS);
	act(&e, A_CONFIRM, 0);
	CHECK_INT(session_state(e.s), SS_QUESTION);
	CHECK_STR(qid(&e), "talk");

	/* To the thanks: no settings there; they last until the person is gone. */
	act(&e, A_VOLUME_UP, 0);
	act(&e, A_SELECT, 1);
	act(&e, A_CONFIRM, 0);
	act(&e, A_SELECT, 0);
	act(&e, A_CONFIRM, 0);
	act(&e, A_SELECT, 0);
	act(&e, A_CONFIRM, 0);
	CHECK_INT(session_state(e.s), SS_THANKS);
	CHECK(!act(&e, A_SETTINGS, 0));
	CHECK_INT(session_state(e.s), SS_THANKS);
	CHECK(session_setting(e.s, SET_CONTRAST));
	build(&sc, e.s, e.i18n);
	CHECK(sc.contrast);
	act(&e, A_CONTINUE, 0);
	CHECK_INT(session_state(e.s), SS_WELCOME);
	for (int i = 0; i < SET_COUNT; i++)
		CHECK(!session_setting(e.s, (enum session_setting)i));
	CHECK_INT(session_volume(e.s), 6);
	build(&sc, e.s, e.i18n);
	CHECK(!sc.slower && !sc.larger && !sc.contrast);

	/* After the thanks' own time, and after an idle end, the same. */
	act(&e, A_SETTINGS, 0);
	act(&e, A_TOGGLE, SET_SLOWER);
	act(&e, A_BACK, 0);
	act(&e, A_START, 0);
	act(&e, A_CONFIRM, 0);
	e.clock.now += 90000;
	session_tick(e.s);
	e.clock.now += 20000;
	CHECK(session_tick(e.s));
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK(!session_setting(e.s, SET_SLOWER));
	env_close(&e);
	screen_release(&sc);
}

/* Settings from the menu and from the language grid, each returning there; in Arabic. */
static void test_settings_elsewhere(void)
{
	struct env e;
	const char *ids[] = { "b-short", "a-flow" };
	env_open(&e, ids, 2);
	act(&e, A_START, 0);
	CHECK(act(&e, A_SETTINGS, 0));
	CHECK_INT(session_settings_return(e.s), SS_MENU);
	CHECK(act(&e, A_CONFIRM, 0));
	CHECK_INT(session_state(e.s), SS_MENU);
	act(&e, A_BACK, 0);
	CHECK_INT(session_state(e.s), SS_WELCOME);

	act(&e, A_LANGUAGES, 0);
	act(&e, A_SELECT, 2);
	CHECK(act(&e, A_SETTINGS, 0));
	CHECK_INT(session_state(e.s), SS_SETTINGS);
	CHECK_INT(session_settings_return(e.s), SS_LANGUAGE);
	CHECK_STR(session_language(e.s), "fr"); /* the card touched is not confirmed */
	CHECK(act(&e, A_BACK, 0));
	CHECK_INT(session_state(e.s), SS_LANGUAGE);

	/* In Arabic: the settings screen is mirrored, its texts and sentences Arabic. */
	act(&e, A_SELECT, 2);
	act(&e, A_CONFIRM, 0);
	CHECK_INT(session_state(e.s), SS_MENU);
	CHECK_STR(session_language(e.s), "ar");
	act(&e, A_SETTINGS, 0);
	struct screen sc = { 0 };
	build(&sc, e.s, e.i18n);
	CHECK_INT(sc.kind, SCREEN_SETTINGS);
	CHECK(sc.rtl);
	CHECK_STR(sc.lang, "ar");
	CHECK_STR(sc.text, "هُنا يُمْكِنُكُمْ تَغْييرُ صَوْتي وَشَكْلِ الشّاشَة.");
	CHECK_STR(label_of(&sc, "toggle:slower"), "أَبْطَأ");
	CHECK_STR(lang_of(&sc, "toggle:slower"), "ar");
	act(&e, A_TOGGLE, SET_SLOWER);
	struct utterance u = said(&e, &sc);
	CHECK_STR(u.text, "أَتَكَلَّمُ الآنَ بِبُطْءٍ أَكْثَر.");
	CHECK_STR(u.lang, "ar");
	act(&e, A_TOGGLE, SET_LARGER);
	act(&e, A_CONFIRM, 0);
	CHECK_INT(session_state(e.s), SS_MENU);
	build(&sc, e.s, e.i18n);
	CHECK(sc.rtl && sc.slower && sc.larger && !sc.contrast);

	/* A question prepared ahead is drawn like the screen it follows. */
	struct screen pv = { 0 };
	screen_build_preview(&pv, session_offered(e.s, 1), 1, &sc, e.i18n);
	CHECK_STR(pv.lang, "ar");
	CHECK(pv.rtl && pv.slower && pv.larger && !pv.contrast);
	CHECK_STR(pv.question, "mood");
	CHECK_STR(label_of(&pv, "confirm"), "تَأْكيد");
	env_close(&e);
	screen_release(&sc);
	screen_release(&pv);
}

/* Personal codes, on the bundled questionnaires: asked before a linked one, entered with undo,
 * known or new; progress after it; guests linked to nothing; three tries at most. */
static struct person_key *code_key;

static int code_id(void *ud, const int code[4], char out[33])
{
	(void)ud;
	return person_id(code_key, code, out);
}

struct code_env {
	struct fake_clock clock;
	struct content *content;
	struct i18n *i18n;
	struct store *store;
	char *dir;
	struct session *s;
};

static void code_open(struct code_env *e)
{
	memset(e, 0, sizeof *e);
	memcpy(e->clock.day, "2026-11-23", 11);
	struct diags *d = diags_create();
	e->content = content_load_dir(PICTOVOX_ASSETS, NULL, d);
	diags_destroy(d);
	e->i18n = fixture_i18n();
	e->dir = fixture_tmpdir();
	char err[300];
	char *db = path_join(e->dir, "c.db"), *key = person_key_path_for(db);
	e->store = store_open(db, err, sizeof err);
	code_key = person_key_open(key, err, sizeof err);
	free(db);
	free(key);
	static const struct questionnaire *offered[2];
	offered[0] = content_find(e->content, "checkin-weekly");
	offered[1] = content_find(e->content, "selfeval-competences");
	struct session_options o = {
		.offered = offered, .noffered = 2, .language = "fr",
		.clock = { fake_now, fake_today, &e->clock }, .store = e->store,
		.person_id = code_id,
	};
	e->s = session_create(&o);
}

static void code_close(struct code_env *e)
{
	session_destroy(e->s);
	store_close(e->store);
	person_key_destroy(code_key);
	content_destroy(e->content);
	i18n_destroy(e->i18n);
	fixture_rmdir(e->dir);
}

static void cact(struct code_env *e, enum action_kind k, int arg)
{
	e->clock.now += 500;
	session_apply(e->s, (struct action){ k, arg });
}

/* From the welcome screen into questionnaire `q` (0 check-in, 1 self-evaluation) with a code
 * (NULL: as a guest), up to its first question. Returns the code's result. */
static enum code_result code_enter(struct code_env *e, int q, const int *code)
{
	cact(e, A_START, 0);
	cact(e, A_OPEN, q);
	CHECK_INT(session_state(e->s), SS_CODE_ASK);
	if (!code) {
		cact(e, A_SELECT, 1);
		return CODE_NEW;
	}
	cact(e, A_SELECT, 0);
	CHECK_INT(session_state(e->s), SS_CODE);
	for (int i = 0; i < 4; i++)
		cact(e, A_SELECT, code[i]);
	cact(e, A_CONFIRM, 0);
	CHECK_INT(session_state(e->s), SS_CODE_RESULT);
	enum code_result r = session_code_result(e->s);
	cact(e, A_CONFIRM, 0);
	return r;
}

/* Answers every question with step `v` (per question index in `vals` when given). */
static void code_answer(struct code_env *e, int v, const int *vals)
{
	for (int guard = 0; guard < 40 && session_state(e->s) == SS_QUESTION; guard++) {
		const struct question *q = session_question(e->s);
		if (q->type != QT_INFO) {
			char want[8];
			snprintf(want, sizeof want, "%d", vals ? vals[session_question_index(e->s)] : v);
			int c = question_find_value(q, want);
			cact(e, A_SELECT, c >= 0 ? c : 0);
		}
		cact(e, A_CONFIRM, 0);
	}
}

static void test_personal_code(void)
{
	struct code_env e;
	code_open(&e);
	struct screen sc = { 0 };
	const int code[4] = { 0, 2, 1, 5 };
	/* The code screen: touched pictograms said, undo, confirm only when four. */
	cact(&e, A_START, 0);
	cact(&e, A_OPEN, 1);
	build(&sc, e.s, e.i18n);
	CHECK_INT(sc.kind, SCREEN_CODE_ASK);
	CHECK(screen_find(&sc, "code:mine") >= 0 && screen_find(&sc, "code:guest") >= 0);
	cact(&e, A_SELECT, 0);
	cact(&e, A_SELECT, 7);
	CHECK(session_speak(e.s).what == SPEAK_SYMBOL && session_speak(e.s).arg == 7);
	build(&sc, e.s, e.i18n);
	CHECK_INT(sc.kind, SCREEN_CODE);
	CHECK_INT(sc.nrow, 4);
	CHECK(sc.row[0] && !sc.row[1]);
	CHECK(!sc.targets[screen_find(&sc, "confirm")].enabled);
	struct utterance u;
	CHECK_INT(screen_speech(&sc, session_speak(e.s), e.i18n, &u, 1), 1);
	CHECK_STR(u.text, "Carotte");
	cact(&e, A_UNDO, 0);
	int got[4];
	CHECK_INT(session_code(e.s, got), 0);
	cact(&e, A_CONFIRM, 0); /* nothing yet: a hint */
	CHECK_INT(session_state(e.s), SS_CODE);
	CHECK_INT(session_speak(e.s).what, SPEAK_HINT);
	for (int i = 0; i < 4; i++)
		cact(&e, A_SELECT, code[i]);
	cact(&e, A_SELECT, 9); /* a fifth is not taken */
	CHECK_INT(session_code(e.s, got), 4);
	CHECK(got[3] == 5);
	cact(&e, A_CONFIRM, 0);
	CHECK_INT(session_code_result(e.s), CODE_NEW);
	build(&sc, e.s, e.i18n);
	CHECK(sc.kind == SCREEN_CODE_RESULT && sc.nrow == 4 && str_eq(sc.row[2], "code-fish"));
	cact(&e, A_CONFIRM, 0);
	CHECK_INT(session_code(e.s, got), 0); /* forgotten once shown */
	CHECK(session_has_person(e.s));
	CHECK_STR(qid(&(struct env){ .s = e.s }), "intro");
	code_answer(&e, 1, NULL);
	CHECK_INT(session_state(e.s), SS_PROGRESS);
	build(&sc, e.s, e.i18n);
	CHECK(sc.kind == SCREEN_STAR && sc.chart.n == 10 && !sc.chart.has_first && sc.chart.max == 4);
	CHECK(sc.chart.latest[0] == 1 && sc.chart.first[0] == 0);
	CHECK_STR(sc.text, "C'est votre première fois.\nLa prochaine fois, vous verrez vos progrès.");
	cact(&e, A_CONFIRM, 0);
	CHECK_INT(session_state(e.s), SS_THANKS);
	e.clock.now += 100000;
	session_tick(e.s);

	/* The same code again: known; the star has both; the summary says what moved, up first. */
	CHECK_INT(code_enter(&e, 1, code), CODE_KNOWN);
	int vals[11] = { 0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 }; /* experience up to 3 */
	vals[10] = 1;
	vals[2] = 1;
	code_answer(&e, 0, vals);
	build(&sc, e.s, e.i18n);
	CHECK(sc.kind == SCREEN_STAR && sc.chart.has_first && sc.chart.first[0] == 1 && sc.chart.latest[0] == 3);
	CHECK(sc.nutter >= 3);
	CHECK_STR(sc.utter[1].text, "Mon vécu : vous étiez à 1, vous êtes à 3.");
	CHECK_STR(sc.utter[2].text, "Écouter : toujours à 1.");
	CHECK_INT(count(&(struct env){ .store = e.store }, "SELECT count(DISTINCT person) FROM sessions"), 1);
	CHECK_INT(count(&(struct env){ .store = e.store }, "SELECT max(person_seq) FROM sessions"), 2);
	cact(&e, A_CONFIRM, 0);
	e.clock.now += 100000;
	session_tick(e.s);
	CHECK_INT(session_state(e.s), SS_WELCOME);

	/* A guest: linked to nothing, no progress. */
	code_enter(&e, 1, NULL);
	CHECK(!session_has_person(e.s));
	code_answer(&e, 2, NULL);
	CHECK_INT(session_state(e.s), SS_THANKS);
	CHECK_INT(count(&(struct env){ .store = e.store }, "SELECT count(*) FROM sessions WHERE person IS NULL"), 1);
	e.clock.now += 100000;
	session_tick(e.s);

	/* Three codes tried in one visit, then no more. */
	cact(&e, A_START, 0);
	cact(&e, A_OPEN, 1);
	for (int t = 0; t < SESSION_CODE_TRIES; t++) {
		cact(&e, A_SELECT, 0);
		if (session_state(e.s) != SS_CODE)
			break;
		for (int i = 0; i < 4; i++)
			cact(&e, A_SELECT, (t + i) % 12);
		cact(&e, A_CONFIRM, 0);
		CHECK_INT(session_code_result(e.s), CODE_NEW);
		cact(&e, A_BACK, 0); /* not the one meant */
	}
	CHECK_INT(session_state(e.s), SS_CODE_ASK);
	cact(&e, A_SELECT, 0);
	CHECK_INT(session_code_result(e.s), CODE_NO_MORE);
	CHECK(!session_has_person(e.s));
	cact(&e, A_CONFIRM, 0);
	CHECK_INT(session_state(e.s), SS_QUESTION);
	e.clock.now += 1000000;
	session_tick(e.s); /* still there? */
	e.clock.now += 1000000;
	session_tick(e.s); /* nobody: the session ends */

	/* The check-in with a code: the faces of the weeks, one then two. */
	CHECK_INT(session_state(e.s), SS_WELCOME);
	for (int week = 1; week <= 2; week++) {
		code_enter(&e, 0, code);
		code_answer(&e, week, NULL);
		CHECK_INT(session_state(e.s), SS_PROGRESS);
		build(&sc, e.s, e.i18n);
		CHECK(sc.kind == SCREEN_MOOD && sc.nrow == (size_t)week);
		CHECK(sc.nrow >= 1 && str_eq(sc.row[sc.nrow - 1], week == 1 ? "face-2" : "face-3"));
		cact(&e, A_CONFIRM, 0);
		e.clock.now += 100000;
		session_tick(e.s);
	}
	/* A first self-evaluation after check-ins with the same code is a first time still. */
	const int fresh[4] = { 9, 9, 1, 1 };
	code_enter(&e, 0, fresh);
	code_answer(&e, 1, NULL);
	cact(&e, A_CONFIRM, 0);
	e.clock.now += 100000;
	session_tick(e.s);
	CHECK_INT(code_enter(&e, 1, fresh), CODE_KNOWN);
	code_answer(&e, 2, NULL);
	build(&sc, e.s, e.i18n);
	CHECK(sc.kind == SCREEN_STAR && !sc.chart.has_first);
	cact(&e, A_CONFIRM, 0);
	e.clock.now += 100000;
	session_tick(e.s);
	/* Walking away while entering a code: it is forgotten with the session. */
	cact(&e, A_START, 0);
	cact(&e, A_OPEN, 1);
	cact(&e, A_SELECT, 0);
	cact(&e, A_SELECT, 3);
	e.clock.now += 1000000;
	session_tick(e.s); /* still there? */
	e.clock.now += 1000000;
	session_tick(e.s); /* nobody: the session ends */
	CHECK_INT(session_state(e.s), SS_WELCOME);
	CHECK_INT(session_code(e.s, got), 0);
	code_close(&e);
	screen_release(&sc);
}

/* An answer that hides more questions than any fixed list would hold: every one of their
 * answers leaves the database in the same commit. */
#define MANY_HIDDEN 70
static void test_many_hidden(void)
{
	char *dir = fixture_tmpdir(), err[300];
	char *path = path_join(dir, "many.yaml");
	FILE *f = fopen(path, "w");
	if (!f)
		abort();
	fputs("id: many\nversion: 1\ntitle: Beaucoup\npictogram: checkin\nquestions:\n"
	      "  - { id: gate, type: yesno, text: On continue ? }\n", f);
	for (int i = 0; i < MANY_HIDDEN; i++)
		fprintf(f, "  - { id: h%d, type: yesno, text: Et %d ?, when: { question: gate, equals: \"yes\" } }\n", i, i);
	fclose(f);
	struct diags *d = diags_create();
	char *pictos = path_join(PICTOVOX_ASSETS, "pictograms");
	const char *files[] = { path };
	struct content *c = content_load_files(files, 1, pictos, d);
	diags_print(d, stderr);
	diags_destroy(d);
	CHECK(c != NULL);
	char *db = path_join(dir, "m.db");
	struct store *st = store_open(db, err, sizeof err);
	CHECK(st != NULL);
	if (!c || !st)
		abort();
	const struct questionnaire *offered[1] = { content_get(c, 0) };
	struct fake_clock clk = { 0, "2026-11-23" };
	struct session_options o = { .offered = offered, .noffered = 1, .language = "fr",
		                     .clock = { fake_now, fake_today, &clk }, .store = st };
	struct session *s = session_create(&o);
	session_apply(s, (struct action){ A_START, 0 });
	session_apply(s, (struct action){ A_SELECT, 0 }); /* yes: every hidden question shows */
	session_apply(s, (struct action){ A_CONFIRM, 0 });
	for (int i = 0; i < MANY_HIDDEN; i++) {
		session_apply(s, (struct action){ A_SELECT, 1 });
		session_apply(s, (struct action){ A_CONFIRM, 0 });
	}
	CHECK_INT(session_state(s), SS_THANKS);
	CHECK_INT(store_query_int(st, "SELECT count(*) FROM answers"), 1 + MANY_HIDDEN);
	/* Again, and back from the last to the first: no now hides all of them. */
	session_apply(s, (struct action){ A_CONTINUE, 0 });
	session_apply(s, (struct action){ A_START, 0 });
	session_apply(s, (struct action){ A_SELECT, 0 });
	session_apply(s, (struct action){ A_CONFIRM, 0 });
	for (int i = 0; i < MANY_HIDDEN - 1; i++) {
		session_apply(s, (struct action){ A_SELECT, 1 });
		session_apply(s, (struct action){ A_CONFIRM, 0 });
	}
	for (int i = 0; i < MANY_HIDDEN; i++)
		session_apply(s, (struct action){ A_BACK, 0 });
	CHECK_STR(session_question(s)->id, "gate");
	const char *id = session_record(s)->id;
	char *sql = xasprintf("SELECT count(*) FROM answers WHERE session_id = '%s'", id);
	CHECK_INT(store_query_int(st, sql), MANY_HIDDEN); /* gate and h0 .. h68 */
	session_apply(s, (struct action){ A_SELECT, 1 }); /* no */
	session_apply(s, (struct action){ A_CONFIRM, 0 });
	CHECK_INT(session_state(s), SS_THANKS);
	CHECK_INT(store_query_int(st, sql), 1); /* only gate's: every hidden answer deleted */
	free(sql);
	session_destroy(s);
	store_close(st);
	content_destroy(c);
	free(db);
	free(pictos);
	free(path);
	fixture_rmdir(dir);
}

/* ---- the screens one touch away ---- */

/* What a screen shows, to compare a rehearsed one with the real one. */
struct view {
	enum screen_kind kind;
	char question[80], lang[16];
};

static struct view view_of(const struct session *s, const struct i18n *L)
{
	struct screen sc = { 0 };
	screen_build(&sc, s, L);
	struct view v = { sc.kind, "", "" };
	snprintf(v.question, sizeof v.question, "%s", sc.question ? sc.question : "");
	snprintf(v.lang, sizeof v.lang, "%s", sc.lang ? sc.lang : "");
	screen_release(&sc);
	return v;
}

/* A state to start from, reached afresh for each next screen: open() makes the session and
 * brings it there, close() ends it all. */
struct start {
	void (*open)(struct start *st);
	void (*close)(struct start *st);
	struct env e;
	struct code_env ce;
	struct session *s;
	const struct i18n *L;
};

/* Each next screen from st: rehearsed on a copy, and reached for real by the same touches on
 * a fresh session in the same state; both show the same screen. Nothing rehearsed is stored.
 * Fills nx and what each leads to (at most SESSION_MAX_NEXT); returns how many. */
static size_t check_nexts(struct start *st, struct next_screen *nx, struct view *led)
{
	st->open(st);
	size_t n = session_next_screens(st->s, nx, SESSION_MAX_NEXT);
	CHECK(n >= 1 && n <= SESSION_MAX_NEXT);
	if (n > SESSION_MAX_NEXT)
		n = SESSION_MAX_NEXT;
	CHECK_INT(session_next_screens(st->s, nx, 1), n); /* how many there are, whatever the room */
	st->close(st);
	for (size_t i = 0; i < n; i++) {
		st->open(st);
		struct store *db = st->e.store ? st->e.store : st->ce.store;
		long long stored = store_query_int(db, "SELECT count(*) FROM answers");
		long long sessions = store_query_int(db, "SELECT count(*) FROM sessions");
		struct session *r = session_rehearse(st->s, &nx[i]);
		led[i] = view_of(r, st->L);
		session_destroy(r);
		CHECK_INT(store_query_int(db, "SELECT count(*) FROM answers"), stored);
		CHECK_INT(store_query_int(db, "SELECT count(*) FROM sessions"), sessions);
		for (size_t k = 0; k < nx[i].npath; k++)
			session_apply(st->s, nx[i].path[k]);
		struct view real = view_of(st->s, st->L);
		CHECK_INT(led[i].kind, real.kind);
		CHECK_STR(led[i].question, real.question);
		CHECK_STR(led[i].lang, real.lang);
		if (led[i].kind != real.kind || strcmp(led[i].question, real.question))
			fprintf(stderr, "  next screen %zu (action %d, %d): rehearsed %s %s, real %s %s\n", i,
			        nx[i].path[0].kind, nx[i].path[0].arg, screen_kind_name(led[i].kind), led[i].question,
			        screen_kind_name(real.kind), real.question);
		st->close(st);
	}
	return n;
}

/* The entry of nx leading to a screen of this kind (and question, if not NULL), or -1. */
static int led_to(const struct view *led, size_t n, enum screen_kind kind, const char *question)
{
	for (size_t i = 0; i < n; i++)
		if (led[i].kind == kind && (!question || str_eq(led[i].question, question)))
			return (int)i;
	return -1;
}

static void env_start_close(struct start *st)
{
	env_close(&st->e);
	memset(&st->e, 0, sizeof st->e);
}

static void open_welcome(struct start *st)
{
	const char *ids[] = { "b-short", "a-flow" };
	env_open(&st->e, ids, 2);
	st->s = st->e.s, st->L = st->e.i18n;
}

static void open_menu(struct start *st)
{
	open_welcome(st);
	act(&st->e, A_START, 0);
}

/* a-flow's "talk": yes shows "who" next, no skips to "helped". */
static void open_talk(struct start *st)
{
	const char *ids[] = { "a-flow" };
	env_open(&st->e, ids, 1);
	st->s = st->e.s, st->L = st->e.i18n;
	act(&st->e, A_START, 0);
	act(&st->e, A_CONFIRM, 0);
	act(&st->e, A_SELECT, 0);
	act(&st->e, A_CONFIRM, 0);
}

/* The same, "no" already chosen. */
static void open_talk_no(struct start *st)
{
	open_talk(st);
	act(&st->e, A_SELECT, 1);
}

static void code_start_close(struct start *st)
{
	code_close(&st->ce);
	memset(&st->ce, 0, sizeof st->ce);
}

/* The check-in's code question. */
static void open_code_ask(struct start *st)
{
	code_open(&st->ce);
	st->s = st->ce.s, st->L = st->ce.i18n;
	cact(&st->ce, A_START, 0);
	cact(&st->ce, A_OPEN, 0);
}

/* The self-evaluation's last question, with a code: its next screen is the star. */
static void open_last_step(struct start *st)
{
	code_open(&st->ce);
	st->s = st->ce.s, st->L = st->ce.i18n;
	const int code[4] = { 3, 1, 4, 1 };
	code_enter(&st->ce, 1, code);
	const struct questionnaire *qn = session_questionnaire(st->s);
	for (int guard = 0; guard < 40 && session_question_index(st->s) + 1 < (int)qn->nquestions; guard++) {
		if (session_question(st->s)->type != QT_INFO)
			cact(&st->ce, A_SELECT, 1);
		cact(&st->ce, A_CONFIRM, 0);
	}
}

static void test_next_screens(void)
{
	struct next_screen nx[SESSION_MAX_NEXT];
	struct view led[SESSION_MAX_NEXT];
	struct start st = { 0 };

	/* The welcome screen: the menu first, then the languages, then the settings. */
	st.open = open_welcome, st.close = env_start_close;
	size_t n = check_nexts(&st, nx, led);
	CHECK_INT(n, 3);
	CHECK_INT(led[0].kind, SCREEN_MENU);
	CHECK_INT(led[1].kind, SCREEN_LANGUAGE);
	CHECK_INT(led[2].kind, SCREEN_SETTINGS);

	/* The menu: each questionnaire's first screen, in menu order; back; settings. */
	st.open = open_menu;
	n = check_nexts(&st, nx, led);
	CHECK_INT(n, 4);
	CHECK(led[0].kind == SCREEN_QUESTION && str_eq(led[0].question, "ok"));
	CHECK(led[1].kind == SCREEN_INFO && str_eq(led[1].question, "hello"));
	CHECK_INT(led[2].kind, SCREEN_WELCOME);

	/* A question whose next depends on the answer: both places it leads to, each once. */
	st.open = open_talk;
	n = check_nexts(&st, nx, led);
	int who = led_to(led, n, SCREEN_QUESTION, "who"), helped = led_to(led, n, SCREEN_QUESTION, "helped");
	CHECK(who >= 0 && helped >= 0);
	CHECK(who >= 0 && nx[who].npath == 2 && nx[who].path[0].kind == A_SELECT && nx[who].path[0].arg == 0);
	CHECK(led_to(led, n, SCREEN_QUESTION, "mood") >= 0); /* back */
	CHECK(led_to(led, n, SCREEN_SETTINGS, NULL) >= 0);
	CHECK_INT(n, 4); /* yes, no (I don't know and the refusal lead where no does), back, settings */
	/* With "no" chosen: confirming it comes first, and leads past "who". */
	st.open = open_talk_no;
	n = check_nexts(&st, nx, led);
	CHECK(n >= 1 && nx[0].npath == 1 && nx[0].path[0].kind == A_CONFIRM);
	CHECK(str_eq(led[0].question, "helped"));
	CHECK(led_to(led, n, SCREEN_QUESTION, "who") >= 0);

	/* The code question: "without a code" (found by name, wherever its card is) leads to the
	 * first question; "my code" to the pictograms. */
	st.open = open_code_ask, st.close = code_start_close;
	n = check_nexts(&st, nx, led);
	CHECK(n >= 2 && led[0].kind == SCREEN_INFO && led[1].kind == SCREEN_CODE);
	open_code_ask(&st);
	struct screen sc = { 0 };
	screen_build(&sc, st.s, st.L);
	int guest = screen_find(&sc, "code:guest");
	CHECK(guest >= 0 && nx[0].path[0].kind == sc.targets[guest].action.kind &&
	      nx[0].path[0].arg == sc.targets[guest].action.arg);
	screen_release(&sc);
	code_start_close(&st);

	/* The last question of a linked questionnaire, with a code: the star. */
	st.open = open_last_step;
	n = check_nexts(&st, nx, led);
	CHECK(led_to(led, n, SCREEN_STAR, NULL) >= 0);
}

int main(void)
{
	test_next_screens();
	test_many_hidden();
	test_personal_code();
	test_walkthrough();
	test_idle();
	test_menu();
	test_store_failure();
	test_screen_speech();
	test_language_grid();
	test_language_menu();
	test_language_single();
	test_language_idle();
	test_welcome_walkaway();
	test_settings();
	test_settings_elsewhere();
	return check_done();
}
