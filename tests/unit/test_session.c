/* The session state machine: navigation, conditions, refusals, timeouts with a fake clock,
 * and what reaches the store. */
#include <sqlite3.h>

#include "check.h"
#include "fixture.h"
#include "screen.h"
#include "store.h"

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

static void env_open(struct env *e, const char *const *ids, size_t nids)
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
		.volume_default = 6,
		.clock = { fake_now, fake_today, &e->clock },
		.observer = { on_stored, on_ended, e },
		.store = e->store,
	};
	e->s = session_create(&o);
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
	struct screen sc;
	screen_build(&sc, e.s, e.i18n);
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
	struct screen sc;
	screen_build(&sc, e.s, e.i18n);
	CHECK(sc.problem != NULL);
	CHECK_INT(e.stored, 0);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	act(&e, A_CONFIRM, 0);
	CHECK_STR(qid(&e), "talk");
	CHECK(session_problem(e.s) == NULL);
	CHECK_INT(count(&e, "SELECT count(*) FROM answers WHERE question='mood'"), 1);
	env_close(&e);
}

/* The spoken order: question, each card highlighted in turn, the refusal, then the hint. */
static void test_screen_speech(void)
{
	struct env e;
	const char *ids[] = { "a-flow" };
	env_open(&e, ids, 1);
	act(&e, A_START, 0);
	act(&e, A_CONFIRM, 0);
	struct screen sc;
	screen_build(&sc, e.s, e.i18n);
	CHECK_INT(sc.kind, SCREEN_QUESTION);
	CHECK_STR(sc.utter[0].text, "Comment allez-vous ?");
	CHECK_INT(sc.utter[0].target, -1);
	CHECK_STR(sc.utter[1].text, "Pas bien");
	CHECK_STR(sc.targets[sc.utter[1].target].id, "choice:1");
	CHECK_STR(sc.utter[3].text, "Bien");
	CHECK_STR(sc.targets[sc.utter[4].target].id, "refuse");
	CHECK_STR(sc.utter[4].text, "Je préfère ne pas répondre");
	act(&e, A_SELECT, 1);
	screen_build(&sc, e.s, e.i18n);
	struct utterance u[4];
	CHECK_INT(screen_speech(&sc, session_speak(e.s), e.i18n, u, 4), 1);
	CHECK_STR(u[0].text, "Moyen");
	CHECK(sc.targets[screen_find(&sc, "choice:2")].selected);
	char spoken[512];
	screen_spoken_text(&sc, spoken, sizeof spoken);
	CHECK(strstr(spoken, "Comment allez-vous ? Pas bien Moyen Bien") == spoken);
	env_close(&e);
}

int main(void)
{
	test_walkthrough();
	test_idle();
	test_menu();
	test_store_failure();
	test_screen_speech();
	return check_done();
}
