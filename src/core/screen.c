#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

static const char *const kind_names[] = { "welcome", "menu", "question", "info", "still-there",
	                                  "thanks" };
static const char *const role_names[] = { "start", "questionnaire", "choice", "refuse", "confirm",
	                                  "back", "replay", "volume-down", "volume-up", "continue" };

const char *screen_kind_name(enum screen_kind k)
{
	return kind_names[k];
}

const char *target_role_name(enum target_role r)
{
	return role_names[r];
}

#define W(msgid) words_get(words, msgid)

static struct target *add(struct screen *sc, enum target_role role, const char *id, const char *label,
                          const char *picto, struct action a)
{
	struct target *t = &sc->targets[sc->ntargets++];
	memset(t, 0, sizeof *t);
	snprintf(t->id, sizeof t->id, "%s", id);
	t->role = role;
	t->label = label;
	t->pictogram = picto;
	t->enabled = true;
	t->action = a;
	return t;
}

static void say(struct screen *sc, const char *text, int target)
{
	if (text && sc->nutter < SCREEN_MAX_UTTERANCES)
		sc->utter[sc->nutter++] = (struct utterance){ text, target };
}

static void add_volume(struct screen *sc, const struct words *words)
{
	add(sc, ROLE_VOLUME_DOWN, "volume-down", W("Quieter"), "volume-down",
	    (struct action){ A_VOLUME_DOWN, 0 });
	add(sc, ROLE_VOLUME_UP, "volume-up", W("Louder"), "volume-up", (struct action){ A_VOLUME_UP, 0 });
}

static void add_replay(struct screen *sc, const struct words *words)
{
	add(sc, ROLE_REPLAY, "replay", W("Listen again"), "replay", (struct action){ A_REPLAY, 0 });
}

/* What a question screen shows beyond its question: the session's, or a preview's. */
struct question_view {
	const struct questionnaire *qn;
	const struct question *q;
	unsigned chosen; /* bit i: choice i selected */
	bool refused, problem, can_back, can_confirm, first;
};

static void build_question(struct screen *sc, const struct question_view *v, const struct words *words)
{
	const struct question *q = v->q;
	sc->questionnaire = v->qn->id;
	sc->question = q->id;
	sc->text = q->text;
	sc->pictogram = q->pictogram;
	sc->problem = v->problem ? W("Your answer is not saved yet.\nPlease ask for help.") : NULL;
	say(sc, sc->problem, -1);
	say(sc, q->text, -1);
	if (q->type == QT_INFO) {
		sc->kind = SCREEN_INFO;
	} else {
		sc->kind = SCREEN_QUESTION;
		if (question_is_multiple(q)) {
			const char *hint = W("You can choose several answers.");
			say(sc, hint, -1);
			snprintf(sc->text_buf, sizeof sc->text_buf, "%s\n%s", q->text, hint);
			sc->text = sc->text_buf;
		}
		for (size_t i = 0; i < q->nchoices; i++) {
			char id[80];
			snprintf(id, sizeof id, "choice:%s", q->choices[i].id);
			struct target *t = add(sc, ROLE_CHOICE, id, q->choices[i].label, q->choices[i].pictogram,
			                       (struct action){ A_SELECT, (int)i });
			t->selected = (v->chosen >> i) & 1u;
			say(sc, t->label, (int)sc->ntargets - 1);
		}
		struct target *r = add(sc, ROLE_REFUSE, "refuse", W("I prefer not to answer"), "refuse",
		                       (struct action){ A_REFUSE, 0 });
		r->selected = v->refused;
		say(sc, r->label, (int)sc->ntargets - 1);
	}
	if (v->can_back)
		add(sc, ROLE_BACK, "back", W("Back"), "back", (struct action){ A_BACK, 0 });
	add_replay(sc, words);
	add_volume(sc, words);
	bool info = q->type == QT_INFO;
	struct target *c = add(sc, ROLE_CONFIRM, "confirm", info ? W("Next") : W("Confirm"),
	                       info ? "next" : "confirm", (struct action){ A_CONFIRM, 0 });
	c->enabled = v->can_confirm;
	if (v->first)
		say(sc, info ? W("Then touch the green button to go on.") : W("Then touch the green button to confirm."),
		    (int)sc->ntargets - 1);
}

static void build_session_question(struct screen *sc, const struct session *s, const struct words *words)
{
	const struct question *q = session_question(s);
	struct question_view v = {
		.qn = session_questionnaire(s),
		.q = q,
		.refused = session_refusal_selected(s),
		.problem = session_problem(s) != NULL,
		.can_back = session_can_go_back(s),
		.can_confirm = session_can_confirm(s),
		.first = session_first_question(s),
	};
	for (size_t i = 0; i < q->nchoices; i++)
		v.chosen |= (unsigned)session_choice_selected(s, i) << i;
	build_question(sc, &v, words);
}

void screen_build_preview(struct screen *sc, const struct questionnaire *qn, size_t index,
                          int volume, const struct words *words)
{
	memset(sc, 0, sizeof *sc);
	sc->volume = volume;
	sc->volume_max = SESSION_VOLUME_MAX;
	const struct question *q = &qn->questions[index];
	struct question_view v = { .qn = qn, .q = q, .can_back = true, .can_confirm = q->type == QT_INFO };
	build_question(sc, &v, words);
}

void screen_build(struct screen *sc, const struct session *s, const struct words *words)
{
	memset(sc, 0, sizeof *sc);
	sc->volume = session_volume(s);
	sc->volume_max = SESSION_VOLUME_MAX;
	switch (session_state(s)) {
	case SS_WELCOME:
		sc->kind = SCREEN_WELCOME;
		sc->text = W("Touch the screen to start");
		sc->pictogram = "touch";
		add(sc, ROLE_START, "start", sc->text, NULL, (struct action){ A_START, 0 });
		break; /* silent: a day centre is not a place for looping announcements */
	case SS_MENU:
		sc->kind = SCREEN_MENU;
		sc->text = W("Choose what you want to answer.");
		sc->pictogram = "menu";
		say(sc, sc->text, -1);
		add(sc, ROLE_BACK, "back", W("Back"), "back", (struct action){ A_BACK, 0 });
		for (size_t i = 0; i < session_offered_count(s); i++) {
			const struct questionnaire *qn = session_offered(s, i);
			char id[80];
			snprintf(id, sizeof id, "questionnaire:%s", qn->id);
			add(sc, ROLE_QUESTIONNAIRE, id, qn->title, qn->pictogram, (struct action){ A_OPEN, (int)i });
			say(sc, qn->title, (int)sc->ntargets - 1);
		}
		add_replay(sc, words);
		add_volume(sc, words);
		break;
	case SS_QUESTION:
		build_session_question(sc, s, words);
		break;
	case SS_STILL_THERE:
		sc->kind = SCREEN_STILL_THERE;
		sc->text = W("Are you still there?");
		sc->pictogram = "still-there";
		say(sc, sc->text, -1);
		add(sc, ROLE_CONTINUE, "continue", W("Continue"), "next", (struct action){ A_CONTINUE, 0 });
		say(sc, W("Touch the button to continue."), 0);
		break;
	case SS_THANKS:
		sc->kind = SCREEN_THANKS;
		sc->text = W("Thank you.\nYour answers are saved.");
		sc->pictogram = "thanks";
		say(sc, sc->text, -1);
		add(sc, ROLE_CONTINUE, "finish", sc->text, NULL, (struct action){ A_CONTINUE, 0 });
		break;
	case SS_COUNT: break;
	}
}

size_t screen_speech(const struct screen *sc, struct speak_request r, const struct words *words,
                     struct utterance *out, size_t max)
{
	size_t n = 0;
	int t;
	switch (r.what) {
	case SPEAK_NOTHING:
		return 0;
	case SPEAK_SCREEN:
		for (; n < sc->nutter && n < max; n++)
			out[n] = sc->utter[n];
		return n;
	case SPEAK_CHOICE:
	case SPEAK_REFUSE:
		for (size_t i = 0; i < sc->ntargets; i++) {
			const struct target *g = &sc->targets[i];
			if ((r.what == SPEAK_REFUSE && g->role == ROLE_REFUSE) ||
			    (r.what == SPEAK_CHOICE && g->role == ROLE_CHOICE && g->action.arg == r.arg)) {
				out[n++] = (struct utterance){ g->label, (int)i };
				break;
			}
		}
		return n;
	case SPEAK_VOLUME:
		out[n++] = (struct utterance){ W("I speak like this."), -1 };
		return n;
	case SPEAK_HINT:
		t = screen_find(sc, "refuse");
		out[n++] = (struct utterance){ W("First touch an answer."), -1 };
		if (max > 1 && t >= 0)
			out[n++] = (struct utterance){ W("Or touch the hand if you prefer not to answer."), t };
		return n;
	case SPEAK_PROBLEM:
		out[n++] = (struct utterance){ W("Your answer is not saved yet.\nPlease ask for help."), -1 };
		return n;
	}
	return 0;
}

void screen_spoken_text(const struct screen *sc, char *buf, size_t n)
{
	size_t used = 0;
	if (n)
		buf[0] = '\0';
	for (size_t i = 0; i < sc->nutter && used < n; i++) {
		int w = snprintf(buf + used, n - used, "%s%s", i ? " " : "", sc->utter[i].text);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	for (char *p = buf; *p; p++)
		if (*p == '\n')
			*p = ' ';
}

int screen_hit(const struct screen *sc, int x, int y)
{
	/* Later targets are drawn on top (the whole-screen start target comes first). */
	for (int i = (int)sc->ntargets - 1; i >= 0; i--) {
		const struct rect *r = &sc->targets[i].rect;
		if (x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h)
			return i;
	}
	return -1;
}

int screen_find(const struct screen *sc, const char *id)
{
	for (size_t i = 0; i < sc->ntargets; i++)
		if (strcmp(sc->targets[i].id, id) == 0)
			return (int)i;
	return -1;
}
