/* Random taps: thousands of random actions and silences on the session, with a real store.
 * Whatever the order, the session stays in a valid state, never shows a hidden question, and
 * the database holds exactly the answers the session confirmed, for visible questions. */
#include <sqlite3.h>

#include "check.h"
#include "fixture.h"
#include "session/screen.h"
#include "store/store.h"

struct seen {
	int stored, ended;
};

static void on_stored(void *ud, const struct store_session *ss, const char *q, bool refused,
                      const char *const *v, size_t n)
{
	(void)ss, (void)q, (void)refused, (void)v, (void)n;
	((struct seen *)ud)->stored++;
}

static void on_ended(void *ud, const struct store_session *ss, enum store_end why)
{
	(void)ss, (void)why;
	((struct seen *)ud)->ended++;
}

/* xorshift: the same sequence on every machine, so that a failure can be replayed. */
static unsigned rnd(unsigned *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

int main(void)
{
	struct i18n *i18n = fixture_i18n();
	struct content *c = fixture_content();
	char *dir = fixture_tmpdir();
	char *db = path_join(dir, "r.db");
	char err[300];
	struct store *st = store_open(db, err, sizeof err);
	CHECK(st != NULL);
	const struct questionnaire *offered[2] = { content_find(c, "a-flow"), content_find(c, "b-short") };
	struct fake_clock clock = { 0, "2026-11-23" };
	struct seen seen = { 0, 0 };
	struct session_options o = { .offered = offered, .noffered = 2, .language = "fr",
		                     .clock = { fake_now, fake_today, &clock },
		                     .observer = { on_stored, on_ended, &seen }, .store = st };
	struct session *s = session_create(&o);
	unsigned seed = 0x9e3779b9u;
	int bad_state = 0, hidden_shown = 0;
	for (int i = 0; i < 20000; i++) {
		unsigned r = rnd(&seed);
		if (r % 25 == 0) {
			clock.now += (double)(rnd(&seed) % 120000); /* a silence, up to two minutes */
			session_tick(s);
		} else {
			clock.now += 50 + rnd(&seed) % 2000;
			/* Taps as a person makes them: mostly cards and confirm, some of everything. */
			static const enum action_kind taps[] = {
				A_START, A_START, A_OPEN, A_OPEN, A_SELECT, A_SELECT, A_SELECT, A_SELECT,
				A_CONFIRM, A_CONFIRM, A_CONFIRM, A_CONFIRM, A_REFUSE, A_BACK, A_REPLAY,
				A_CONTINUE, A_CONTINUE, A_VOLUME_UP, A_VOLUME_DOWN,
			};
			struct action a = { taps[rnd(&seed) % PV_ARRAY_LEN(taps)], (int)(rnd(&seed) % 9) - 1 };
			session_apply(s, a);
			session_tick(s);
		}
		enum session_state state = session_state(s);
		if (state >= SS_COUNT || session_volume(s) < 0 || session_volume(s) > SESSION_VOLUME_MAX)
			bad_state++;
		if (state == SS_QUESTION) {
			const struct question *q = session_question(s);
			if (!q)
				bad_state++;
			else if (q->when) {
				/* Shown only after its condition was confirmed: the database says so. */
				char sql[300];
				snprintf(sql, sizeof sql,
				         "SELECT count(*) FROM answers WHERE session_id = '%s' AND question = '%s'"
				         " AND value_json = '[\"%s\"]'",
				         session_record(s)->id, q->when->question, q->when->values[0]);
				if (store_query_int(st, sql) != 1)
					hidden_shown++;
			}
		}
		struct screen sc;
		screen_build(&sc, s, i18n);
		if (sc.ntargets == 0 || sc.ntargets > SCREEN_MAX_TARGETS)
			bad_state++;
		screen_release(&sc);
	}
	CHECK_INT(bad_state, 0);
	CHECK_INT(hidden_shown, 0);
	printf("%d answers stored, %d sessions ended\n", seen.stored, seen.ended);
	CHECK(seen.stored > 100); /* the walk did reach the questions */
	CHECK(seen.ended > 10);
	session_destroy(s);

	/* The database is sound and coherent. */
	CHECK_INT(store_query_int(st, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), 0);
	CHECK_INT(store_query_int(st, "SELECT count(*) FROM answers WHERE session_id NOT IN (SELECT id FROM sessions)"), 0);
	CHECK_INT(store_query_int(st, "SELECT count(*) FROM sessions WHERE id NOT IN (SELECT session_id FROM answers)"), 0);
	/* "who" is asked only after talk = yes: an answer to it without that is a hidden question's. */
	CHECK_INT(store_query_int(st, "SELECT count(*) FROM answers w WHERE w.question = 'who' AND NOT EXISTS "
	                              "(SELECT 1 FROM answers t WHERE t.session_id = w.session_id AND "
	                              "t.question = 'talk' AND t.value_json = '[\"yes\"]')"), 0);
	CHECK_INT(store_query_int(st, "SELECT count(*) FROM sessions WHERE completed = 1 AND end_reason != 'completed'"), 0);
	CHECK(store_query_int(st, "SELECT count(*) FROM sessions WHERE end_reason = 'idle'") > 0);
	store_close(st);
	free(db);
	fixture_rmdir(dir);
	content_destroy(c);
	i18n_destroy(i18n);
	return check_done();
}
