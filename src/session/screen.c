#include "session/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session/person.h"
#include "base/util.h"

/* What each kind of screen holds beside what content gives it, and the proof it fits. */
/* A question: its cards; refuse, back, replay, two volumes, settings, confirm. Said: the
 * problem, the text, the hint, each card, the refusal, "then confirm". */
#define QUESTION_TARGETS(choices) ((choices) + 7)
#define QUESTION_UTTERANCES(choices) ((choices) + 5)
_Static_assert(QUESTION_TARGETS(CONTENT_MAX_CHOICES) <= SCREEN_MAX_TARGETS, "a question's cards fit");
_Static_assert(QUESTION_UTTERANCES(CONTENT_MAX_CHOICES) <= SCREEN_MAX_UTTERANCES, "a question is said whole");
/* The menu: a card per questionnaire; back, replay, two volumes, settings. Said: its text, then
 * each title. */
_Static_assert(CONTENT_MAX_QUESTIONNAIRES + 5 <= SCREEN_MAX_TARGETS, "the menu's cards fit");
_Static_assert(CONTENT_MAX_QUESTIONNAIRES + 1 <= SCREEN_MAX_UTTERANCES, "the menu is said whole");
/* The language grid: a card per language; back, replay, two volumes, settings, confirm. Said:
 * each card, in its language. */
_Static_assert(I18N_MAX_LANGUAGES + 6 <= SCREEN_MAX_TARGETS, "the language cards fit");
_Static_assert(I18N_MAX_LANGUAGES <= SCREEN_MAX_UTTERANCES, "every language says itself");
/* The personal code: twelve pictograms; back, undo, replay, two volumes, settings, confirm. */
_Static_assert(PERSON_SYMBOLS + 7 <= SCREEN_MAX_TARGETS, "the code's pictograms fit");
_Static_assert(PERSON_CODE_LEN <= SCREEN_MAX_ROW && SESSION_MAX_MOOD <= SCREEN_MAX_ROW, "a row fits");
/* Progress: its text, then a sentence per branch, or a label per week. */
_Static_assert(1 + SESSION_MAX_BRANCHES <= SCREEN_MAX_UTTERANCES, "the star is said whole");
_Static_assert(1 + SESSION_MAX_MOOD <= SCREEN_MAX_UTTERANCES, "the weeks are said whole");
/* Ids: a prefix and what content or the language list allows. */
_Static_assert(sizeof "questionnaire:" - 1 + CONTENT_MAX_ID_BYTES < SCREEN_TARGET_ID_BYTES, "menu ids fit");
_Static_assert(sizeof "choice:" - 1 + CONTENT_MAX_ID_BYTES < SCREEN_TARGET_ID_BYTES, "choice ids fit");
_Static_assert(sizeof "language:" - 1 + I18N_MAX_CODE_BYTES < SCREEN_TARGET_ID_BYTES, "language ids fit");

/* A screen past its limits is a broken proof above, never something to cut quietly. */
static void overflow(const char *what, size_t max)
{
	log_error("screen: more than %zu %s: a limit in content.h or i18n.h does not match screen.h", max, what);
	abort();
}

static const char *const kind_names[] = { "welcome",  "menu",     "question", "info",        "still-there",
	                                  "thanks",   "language", "settings", "code-ask",    "code",
	                                  "code-result", "star",  "mood",     "admin" };
static const char *const role_names[] = { "start",  "questionnaire", "choice",   "refuse",   "confirm",
	                                  "back",   "replay",        "volume-down", "volume-up", "continue",
	                                  "language", "settings",    "toggle",   "undo" };

const char *screen_kind_name(enum screen_kind k)
{
	return kind_names[k];
}

const char *target_role_name(enum target_role r)
{
	return role_names[r];
}

/* Gives the screen a text it put together: freed by screen_release. */
static const char *keep(struct screen *sc, char *text)
{
	sc->owned = xrealloc(sc->owned, (sc->nowned + 1) * sizeof *sc->owned);
	sc->owned[sc->nowned++] = text;
	return text;
}

void screen_release(struct screen *sc)
{
	for (size_t i = 0; i < sc->nowned; i++)
		free(sc->owned[i]);
	free(sc->owned);
	memset(sc, 0, sizeof *sc); /* nothing left pointing at what was freed */
}

/* What a screen is built from: the translations and the person's language. */
struct ctx {
	struct screen *sc;
	const struct i18n *L;
};

static struct tstr ui(const struct ctx *c, enum ui_text t)
{
	return i18n_ui(c->L, c->sc->lang, t);
}

/* "<prefix><name>" into buf: an id of a choice, a questionnaire, a language. */
static const char *target_id(char buf[SCREEN_TARGET_ID_BYTES], const char *prefix, const char *name)
{
	int n = snprintf(buf, SCREEN_TARGET_ID_BYTES, "%s%s", prefix, name);
	if (n < 0 || n >= SCREEN_TARGET_ID_BYTES)
		overflow("bytes in a target's id", SCREEN_TARGET_ID_BYTES - 1);
	return buf;
}

static struct target *add(struct screen *sc, enum target_role role, const char *id, struct tstr label,
                          const char *picto, struct action a)
{
	if (sc->ntargets == SCREEN_MAX_TARGETS)
		overflow("targets", SCREEN_MAX_TARGETS);
	if (strlen(id) >= SCREEN_TARGET_ID_BYTES)
		overflow("bytes in a target's id", SCREEN_TARGET_ID_BYTES - 1);
	struct target *t = &sc->targets[sc->ntargets++];
	memset(t, 0, sizeof *t);
	snprintf(t->id, sizeof t->id, "%s", id);
	t->role = role;
	t->label = label.text;
	t->lang = label.lang;
	t->pictogram = picto;
	t->enabled = true;
	t->action = a;
	return t;
}

static void say_at(struct screen *sc, struct tstr text, const char *key, int target, int text_at)
{
	if (!text.text)
		return;
	if (sc->nutter == SCREEN_MAX_UTTERANCES)
		overflow("utterances", SCREEN_MAX_UTTERANCES);
	sc->utter[sc->nutter++] = (struct utterance){ text.text, text.lang, key, target, text_at };
}

/* Says a target's label, highlighting the target. */
static void say_target(struct screen *sc, const char *key)
{
	const struct target *t = &sc->targets[sc->ntargets - 1];
	say_at(sc, (struct tstr){ t->label, t->lang }, key, (int)sc->ntargets - 1, -1);
}

/* Says the screen's main text, highlighting its words there. */
static void say_main(struct screen *sc, struct tstr text, const char *key)
{
	say_at(sc, text, key, -1, 0);
}

static void add_volume(const struct ctx *c)
{
	add(c->sc, ROLE_VOLUME_DOWN, "volume-down", ui(c, UI_QUIETER), "volume-down",
	    (struct action){ A_VOLUME_DOWN, 0 });
	add(c->sc, ROLE_VOLUME_UP, "volume-up", ui(c, UI_LOUDER), "volume-up", (struct action){ A_VOLUME_UP, 0 });
}

static void add_replay(const struct ctx *c)
{
	add(c->sc, ROLE_REPLAY, "replay", ui(c, UI_REPLAY), "replay", (struct action){ A_REPLAY, 0 });
}

static void add_settings(const struct ctx *c)
{
	add(c->sc, ROLE_SETTINGS, "settings", ui(c, UI_SETTINGS), "settings", (struct action){ A_SETTINGS, 0 });
}

/* The tools every spoken screen has: listen again, volume, settings. */
static void add_tools(const struct ctx *c)
{
	add_replay(c);
	add_volume(c);
	add_settings(c);
}

/* What a question screen shows beyond its question: the session's, or a preview's. */
struct question_view {
	const struct questionnaire *qn;
	const struct question *q;
	unsigned chosen; /* bit i: choice i selected */
	bool refused, problem, can_back, can_confirm, first;
};

static struct tstr choice_label(const struct ctx *c, const struct questionnaire *qn, const struct choice *ch)
{
	if (ch->builtin >= 0)
		return ui(c, (enum ui_text)ch->builtin);
	return i18n_get(c->L, c->sc->lang, ch->key, ch->label, qn->language);
}

static void build_question(const struct ctx *c, const struct question_view *v)
{
	struct screen *sc = c->sc;
	const struct question *q = v->q;
	sc->questionnaire = v->qn->id;
	sc->question = q->id;
	struct tstr text = i18n_get(c->L, sc->lang, q->key, q->text, v->qn->language);
	sc->text = text.text;
	sc->pictogram = q->pictogram;
	if (v->problem) {
		struct tstr p = ui(c, UI_NOT_SAVED);
		sc->problem = p.text;
		say_at(sc, p, ui_texts[UI_NOT_SAVED].key, -1, -1);
	}
	say_main(sc, text, q->key);
	if (q->type == QT_INFO) {
		sc->kind = SCREEN_INFO;
	} else {
		sc->kind = SCREEN_QUESTION;
		if (question_is_multiple(q)) {
			/* The hint under the question: both shown whole, however long a translation. */
			struct tstr hint = ui(c, UI_SEVERAL);
			size_t at = strlen(text.text) + 1;
			sc->text = keep(sc, xasprintf("%s\n%s", text.text, hint.text));
			say_at(sc, hint, ui_texts[UI_SEVERAL].key, -1, (int)at);
		}
		for (size_t i = 0; i < q->nchoices; i++) {
			char id[SCREEN_TARGET_ID_BYTES];
			struct target *t = add(sc, ROLE_CHOICE, target_id(id, "choice:", q->choices[i].id), choice_label(c, v->qn, &q->choices[i]),
			                       q->choices[i].pictogram, (struct action){ A_SELECT, (int)i });
			t->selected = (v->chosen >> i) & 1u;
			say_target(sc, q->choices[i].key);
		}
		struct target *r = add(sc, ROLE_REFUSE, "refuse", ui(c, UI_REFUSE), "refuse",
		                       (struct action){ A_REFUSE, 0 });
		r->selected = v->refused;
		say_target(sc, ui_texts[UI_REFUSE].key);
	}
	if (v->can_back)
		add(sc, ROLE_BACK, "back", ui(c, UI_BACK), "back", (struct action){ A_BACK, 0 });
	add_tools(c);
	bool info = q->type == QT_INFO;
	struct target *ok = add(sc, ROLE_CONFIRM, "confirm", ui(c, info ? UI_NEXT : UI_CONFIRM),
	                        info ? "next" : "confirm", (struct action){ A_CONFIRM, 0 });
	ok->enabled = v->can_confirm;
	if (v->first) {
		enum ui_text then = info ? UI_THEN_GO_ON : UI_THEN_CONFIRM;
		say_at(sc, ui(c, then), ui_texts[then].key, (int)sc->ntargets - 1, -1);
	}
}

static void build_session_question(const struct ctx *c, const struct session *s)
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
	build_question(c, &v);
}

static void set_person(struct screen *sc, const struct i18n *L, const char *lang, int volume)
{
	memset(sc, 0, sizeof *sc);
	sc->volume = volume;
	sc->volume_max = SESSION_VOLUME_MAX;
	sc->lang = lang;
	const struct lang_info *li = i18n_find(L, lang);
	sc->rtl = li && li->rtl;
}

void screen_build_preview(struct screen *sc, const struct questionnaire *qn, size_t index,
                          const struct screen *like, const struct i18n *L)
{
	set_person(sc, L, like->lang, like->volume);
	sc->slower = like->slower;
	sc->larger = like->larger;
	sc->contrast = like->contrast;
	const struct question *q = &qn->questions[index];
	struct question_view v = { .qn = qn, .q = q, .can_back = true, .can_confirm = q->type == QT_INFO };
	build_question(&(struct ctx){ sc, L }, &v);
}

/* The grid of languages: each card shows its language's own name and says "I speak ..." in it. */
static void build_languages(const struct ctx *c, const struct session *s)
{
	struct screen *sc = c->sc;
	sc->kind = SCREEN_LANGUAGE;
	sc->pictogram = "language";
	add(sc, ROLE_BACK, "back", ui(c, UI_BACK), "back", (struct action){ A_BACK, 0 });
	for (size_t i = 0; i < session_language_count(s); i++) { /* at most I18N_MAX_LANGUAGES */
		const char *code = session_language_code(s, i);
		const struct lang_info *li = i18n_find(c->L, code);
		char id[SCREEN_TARGET_ID_BYTES];
		struct target *t = add(sc, ROLE_CHOICE, target_id(id, "language:", code), (struct tstr){ li ? li->name : code, code }, NULL,
		                       (struct action){ A_SELECT, (int)i });
		t->selected = session_language_choice(s) == (int)i;
	}
	add_tools(c);
	struct target *ok = add(sc, ROLE_CONFIRM, "confirm", ui(c, UI_CONFIRM), "confirm", (struct action){ A_CONFIRM, 0 });
	ok->enabled = session_language_choice(s) >= 0;
	/* Nobody can be asked, in one language, to choose theirs: each card speaks for itself. */
	for (size_t i = 0; i < sc->ntargets; i++)
		if (sc->targets[i].role == ROLE_CHOICE) {
			struct utterance u;
			if (screen_speech(sc, (struct speak_request){ 0, SPEAK_LANGUAGE, sc->targets[i].action.arg },
			                  c->L, &u, 1) == 1)
				say_at(sc, (struct tstr){ u.text, u.lang }, u.key, (int)i, -1);
		}
}

static const enum ui_text setting_label[SET_COUNT] = { UI_SLOWER, UI_LARGER, UI_CONTRAST };
static const char *const setting_picto[SET_COUNT] = { "slower", "larger-text", "contrast" };
static const char *const setting_id[SET_COUNT] = { "toggle:slower", "toggle:larger", "toggle:contrast" };

static void build_settings(const struct ctx *c)
{
	struct screen *sc = c->sc;
	sc->kind = SCREEN_SETTINGS;
	sc->pictogram = "settings";
	struct tstr intro = ui(c, UI_SETTINGS_INTRO);
	sc->text = intro.text;
	say_main(sc, intro, ui_texts[UI_SETTINGS_INTRO].key);
	add(sc, ROLE_BACK, "back", ui(c, UI_BACK), "back", (struct action){ A_BACK, 0 });
	bool on[SET_COUNT] = { sc->slower, sc->larger, sc->contrast };
	for (int i = 0; i < SET_COUNT; i++) {
		struct target *t = add(sc, ROLE_TOGGLE, setting_id[i], ui(c, setting_label[i]), setting_picto[i],
		                       (struct action){ A_TOGGLE, i });
		t->selected = on[i];
		say_target(sc, ui_texts[setting_label[i]].key);
	}
	add_replay(c);
	add_volume(c);
	add(sc, ROLE_CONFIRM, "confirm", ui(c, UI_DONE), "confirm", (struct action){ A_CONFIRM, 0 });
}

/* "Do you have a personal code?": my code, or none. */
static void build_code_ask(const struct ctx *c)
{
	struct screen *sc = c->sc;
	sc->kind = SCREEN_CODE_ASK;
	struct tstr t = ui(c, UI_CODE_ASK);
	sc->text = t.text;
	sc->pictogram = "code";
	say_main(sc, t, ui_texts[UI_CODE_ASK].key);
	add(sc, ROLE_BACK, "back", ui(c, UI_BACK), "back", (struct action){ A_BACK, 0 });
	add(sc, ROLE_CHOICE, "code:mine", ui(c, UI_CODE_MINE), "code", (struct action){ A_SELECT, CODE_ASK_MINE });
	say_target(sc, ui_texts[UI_CODE_MINE].key);
	add(sc, ROLE_CHOICE, "code:guest", ui(c, UI_CODE_GUEST), "guest", (struct action){ A_SELECT, CODE_ASK_GUEST });
	say_target(sc, ui_texts[UI_CODE_GUEST].key);
	add_tools(c);
}

/* Twelve pictograms, the four places of the code above them, undo, and confirm once full. */
static void build_code(const struct ctx *c, const struct session *s)
{
	struct screen *sc = c->sc;
	sc->kind = SCREEN_CODE;
	struct tstr t = ui(c, UI_CODE_ENTER);
	sc->text = t.text;
	say_main(sc, t, ui_texts[UI_CODE_ENTER].key);
	int code[4];
	size_t n = session_code(s, code);
	sc->nrow = PERSON_CODE_LEN;
	for (size_t i = 0; i < n; i++)
		sc->row[i] = person_symbols[code[i]].id;
	add(sc, ROLE_BACK, "back", ui(c, UI_BACK), "back", (struct action){ A_BACK, 0 });
	for (int i = 0; i < PERSON_SYMBOLS; i++) {
		char id[SCREEN_TARGET_ID_BYTES];
		add(sc, ROLE_CHOICE, target_id(id, "code:", person_symbols[i].id + strlen("code-")), ui(c, person_symbols[i].name), person_symbols[i].id,
		    (struct action){ A_SELECT, i });
	}
	struct target *u = add(sc, ROLE_UNDO, "undo", ui(c, UI_UNDO), "undo", (struct action){ A_UNDO, 0 });
	u->enabled = n > 0;
	add_tools(c);
	struct target *ok = add(sc, ROLE_CONFIRM, "confirm", ui(c, UI_CONFIRM), "confirm", (struct action){ A_CONFIRM, 0 });
	ok->enabled = n == PERSON_CODE_LEN;
}

static void build_code_result(const struct ctx *c, const struct session *s)
{
	struct screen *sc = c->sc;
	sc->kind = SCREEN_CODE_RESULT;
	static const enum ui_text says[] = { [CODE_KNOWN] = UI_CODE_KNOWN, [CODE_NEW] = UI_CODE_NEW,
		                             [CODE_NO_MORE] = UI_CODE_NO_MORE };
	enum code_result r = session_code_result(s);
	struct tstr t = ui(c, says[r]);
	sc->text = t.text;
	sc->pictogram = r == CODE_NO_MORE ? "guest" : "code";
	say_main(sc, t, ui_texts[says[r]].key);
	int code[4];
	size_t n = session_code(s, code); /* shown once, to be remembered; then forgotten */
	for (size_t i = 0; i < n && r != CODE_NO_MORE; i++)
		sc->row[sc->nrow++] = person_symbols[code[i]].id;
	if (r != CODE_NO_MORE)
		add(sc, ROLE_BACK, "back", ui(c, UI_BACK), "back", (struct action){ A_BACK, 0 });
	add_tools(c);
	add(sc, ROLE_CONFIRM, "confirm", ui(c, UI_NEXT), "next", (struct action){ A_CONFIRM, 0 });
}

/* "%s: you were at %d, you are at %d.": the name for the %s, the numbers for the %d's in
 * order; nothing else of a translation is taken as a format. Allocated: as long as it comes. */
static char *sentence(const char *fmt, const char *name, int a, int b)
{
	/* Each %s or %d becomes the name or a number of at most 11 characters ("-2147483648"). */
	size_t cap = strlen(fmt) + strlen(name) + 2 * 11 + 1, used = 0;
	char *out = xmalloc(cap);
	int numbers = 0;
	bool named = false;
	for (const char *p = fmt; *p; p++) {
		char piece[16];
		const char *put = NULL;
		if (p[0] == '%' && p[1] == 's' && !named) {
			put = name, named = true, p++;
		} else if (p[0] == '%' && p[1] == 'd' && numbers < 2) {
			snprintf(piece, sizeof piece, "%d", numbers++ ? b : a);
			put = piece, p++;
		} else if (p[0] == '%' && p[1] == '%') {
			put = "%", p++;
		}
		if (!put) {
			out[used++] = *p;
			continue;
		}
		size_t n = strlen(put);
		memcpy(out + used, put, n);
		used += n;
	}
	out[used] = '\0';
	return out;
}

/* The star: the first time and this time, and in words what went up, what stayed, what went
 * down. */
static void build_star(const struct ctx *c, const struct session *s)
{
	struct screen *sc = c->sc;
	const struct questionnaire *qn = session_questionnaire_done(s);
	const struct session_progress *p = session_progress_data(s);
	sc->kind = SCREEN_STAR;
	sc->questionnaire = qn->id;
	struct tstr t = ui(c, p->has_first ? UI_PROGRESS_INTRO : UI_PROGRESS_FIRST);
	sc->text = t.text;
	say_main(sc, t, ui_texts[p->has_first ? UI_PROGRESS_INTRO : UI_PROGRESS_FIRST].key);
	struct chart *ch = &sc->chart;
	ch->has_first = p->has_first;
	ch->legend_then = ui(c, UI_PROGRESS_THEN).text;
	ch->legend_now = ui(c, UI_PROGRESS_NOW).text;
	for (size_t i = 0; i < p->n && i < PV_ARRAY_LEN(ch->picto); i++) {
		const struct question *q = &qn->questions[p->question[i]];
		ch->picto[ch->n] = q->pictogram;
		ch->first[ch->n] = p->first[i];
		ch->latest[ch->n] = p->latest[i];
		for (size_t k = 0; k < q->nchoices; k++)
			if (choice_number(&q->choices[k]) > ch->max)
				ch->max = choice_number(&q->choices[k]);
		ch->n++;
	}
	if (!p->has_first)
		goto tools;
	/* Up first, then what stayed, then down: what a person has gained comes first. */
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < p->n; i++) {
			int a = p->first[i], b = p->latest[i];
			if (!a || !b || (pass == 0 && b <= a) || (pass == 1 && b != a) || (pass == 2 && b >= a))
				continue;
			const struct question *q = &qn->questions[p->question[i]];
			struct tstr name = i18n_get(c->L, sc->lang, q->short_key, q->short_name, qn->language);
			struct tstr fmt = ui(c, pass == 1 ? UI_PROGRESS_SAME : UI_PROGRESS_CHANGE);
			const char *said = keep(sc, sentence(fmt.text, name.text, a, b));
			/* Said in the format's language: a name not translated yet is read in its voice. */
			say_at(sc, (struct tstr){ said, fmt.lang }, NULL, -1, -1);
		}
tools:
	add_tools(c);
	add(sc, ROLE_CONFIRM, "confirm", ui(c, UI_NEXT), "next", (struct action){ A_CONFIRM, 0 });
}

/* The faces of the last weeks, oldest first, each said with its label. */
static void build_mood(const struct ctx *c, const struct session *s)
{
	struct screen *sc = c->sc;
	const struct questionnaire *qn = session_questionnaire_done(s);
	const struct session_progress *p = session_progress_data(s);
	const struct question *q = &qn->questions[qn->progress_question];
	sc->kind = SCREEN_MOOD;
	sc->questionnaire = qn->id;
	struct tstr t = ui(c, UI_MOOD);
	sc->text = t.text;
	sc->pictogram = q->pictogram;
	say_main(sc, t, ui_texts[UI_MOOD].key);
	for (size_t i = 0; i < p->nmood && sc->nrow < PV_ARRAY_LEN(sc->row); i++) {
		char v[16];
		snprintf(v, sizeof v, "%d", p->mood[i]);
		int k = question_find_value(q, v);
		if (k < 0)
			continue;
		sc->row[sc->nrow++] = q->choices[k].pictogram;
		struct tstr label = choice_label(c, qn, &q->choices[k]);
		say_at(sc, label, q->choices[k].key, -1, -1);
	}
	add_tools(c);
	add(sc, ROLE_CONFIRM, "confirm", ui(c, UI_NEXT), "next", (struct action){ A_CONFIRM, 0 });
}

void screen_build(struct screen *sc, const struct session *s, const struct i18n *L)
{
	set_person(sc, L, session_language(s), session_volume(s));
	sc->slower = session_setting(s, SET_SLOWER);
	sc->larger = session_setting(s, SET_LARGER);
	sc->contrast = session_setting(s, SET_CONTRAST);
	const struct ctx c = { sc, L };
	struct tstr t;
	switch (session_state(s)) {
	case SS_WELCOME:
		sc->kind = SCREEN_WELCOME;
		t = ui(&c, UI_START);
		sc->text = t.text;
		sc->pictogram = "touch";
		add(sc, ROLE_START, "start", t, NULL, (struct action){ A_START, 0 });
		if (session_language_count(s) > 1)
			add(sc, ROLE_LANGUAGE, "language", ui(&c, UI_LANGUAGE), "language", (struct action){ A_LANGUAGES, 0 });
		add_settings(&c);
		break; /* silent: a day centre is not a place for looping announcements */
	case SS_MENU:
		sc->kind = SCREEN_MENU;
		t = ui(&c, UI_MENU);
		sc->text = t.text;
		sc->pictogram = "menu";
		say_main(sc, t, ui_texts[UI_MENU].key);
		add(sc, ROLE_BACK, "back", ui(&c, UI_BACK), "back", (struct action){ A_BACK, 0 });
		for (size_t i = 0; i < session_offered_count(s); i++) {
			const struct questionnaire *qn = session_offered(s, i);
			char id[SCREEN_TARGET_ID_BYTES];
			add(sc, ROLE_QUESTIONNAIRE, target_id(id, "questionnaire:", qn->id), i18n_get(L, sc->lang, qn->title_key, qn->title, qn->language),
			    qn->pictogram, (struct action){ A_OPEN, (int)i });
			say_target(sc, qn->title_key);
		}
		add_tools(&c);
		break;
	case SS_QUESTION:
		build_session_question(&c, s);
		break;
	case SS_STILL_THERE:
		sc->kind = SCREEN_STILL_THERE;
		t = ui(&c, UI_STILL_THERE);
		sc->text = t.text;
		sc->pictogram = "still-there";
		say_main(sc, t, ui_texts[UI_STILL_THERE].key);
		add(sc, ROLE_CONTINUE, "continue", ui(&c, UI_CONTINUE), "next", (struct action){ A_CONTINUE, 0 });
		say_at(sc, ui(&c, UI_TOUCH_CONTINUE), ui_texts[UI_TOUCH_CONTINUE].key, 0, -1);
		break;
	case SS_THANKS:
		sc->kind = SCREEN_THANKS;
		t = ui(&c, UI_THANKS);
		sc->text = t.text;
		sc->pictogram = "thanks";
		say_main(sc, t, ui_texts[UI_THANKS].key);
		add(sc, ROLE_CONTINUE, "finish", t, NULL, (struct action){ A_CONTINUE, 0 });
		break;
	case SS_LANGUAGE:
		build_languages(&c, s);
		break;
	case SS_SETTINGS:
		build_settings(&c);
		break;
	case SS_CODE_ASK:
		build_code_ask(&c);
		break;
	case SS_CODE:
		build_code(&c, s);
		break;
	case SS_CODE_RESULT:
		build_code_result(&c, s);
		break;
	case SS_PROGRESS:
		if (session_questionnaire_done(s)->progress == PROGRESS_MOOD)
			build_mood(&c, s);
		else
			build_star(&c, s);
		break;
	case SS_COUNT: break;
	}
}

static size_t say_ui(const struct screen *sc, const struct i18n *L, enum ui_text t, int target,
                     struct utterance *out)
{
	struct tstr s = i18n_ui(L, sc->lang, t);
	*out = (struct utterance){ s.text, s.lang, ui_texts[t].key, target, -1 };
	return 1;
}

size_t screen_speech(const struct screen *sc, struct speak_request r, const struct i18n *L,
                     struct utterance *out, size_t max)
{
	size_t n = 0;
	int t;
	if (max == 0)
		return 0;
	switch (r.what) {
	case SPEAK_NOTHING:
		return 0;
	case SPEAK_SCREEN:
		for (; n < sc->nutter && n < max; n++)
			out[n] = sc->utter[n];
		return n;
	case SPEAK_CHOICE:
	case SPEAK_REFUSE:
		for (size_t i = 0; i < sc->nutter; i++) {
			const struct utterance *u = &sc->utter[i];
			const struct target *g = u->target >= 0 ? &sc->targets[u->target] : NULL;
			if (g && ((r.what == SPEAK_REFUSE && g->role == ROLE_REFUSE) ||
			          (r.what == SPEAK_CHOICE && g->role == ROLE_CHOICE && g->action.arg == r.arg))) {
				out[n++] = *u;
				break;
			}
		}
		return n;
	case SPEAK_LANGUAGE:
		for (size_t i = 0; i < sc->ntargets; i++) {
			const struct target *g = &sc->targets[i];
			if (g->role != ROLE_CHOICE || g->action.arg != r.arg)
				continue;
			/* Where "I speak ..." is not translated, the name alone, in its own voice. */
			struct tstr s = i18n_ui(L, g->lang, UI_I_SPEAK);
			if (!str_eq(s.lang, g->lang))
				s = (struct tstr){ g->label, g->lang };
			out[n++] = (struct utterance){ s.text, s.lang, ui_texts[UI_I_SPEAK].key, (int)i, -1 };
			break;
		}
		return n;
	case SPEAK_SETTING: {
		static const enum ui_text on[SET_COUNT] = { UI_SLOWER_ON, UI_LARGER_ON, UI_CONTRAST_ON };
		static const enum ui_text off[SET_COUNT] = { UI_SLOWER_OFF, UI_LARGER_OFF, UI_CONTRAST_OFF };
		bool state[SET_COUNT] = { sc->slower, sc->larger, sc->contrast };
		if (r.arg < 0 || r.arg >= SET_COUNT)
			return 0;
		return say_ui(sc, L, state[r.arg] ? on[r.arg] : off[r.arg], screen_find(sc, setting_id[r.arg]), out);
	}
	case SPEAK_VOLUME:
		return say_ui(sc, L, UI_VOLUME_SAMPLE, -1, out);
	case SPEAK_SYMBOL:
		if (r.arg < 0 || r.arg >= PERSON_SYMBOLS)
			return 0;
		return say_ui(sc, L, person_symbols[r.arg].name, screen_find_action(sc, A_SELECT, r.arg), out);
	case SPEAK_HINT:
		t = screen_find(sc, "refuse");
		n = say_ui(sc, L, UI_FIRST_TOUCH, -1, out);
		if (max > 1 && t >= 0)
			n += say_ui(sc, L, UI_OR_HAND, t, out + n);
		return n;
	case SPEAK_PROBLEM:
		return say_ui(sc, L, UI_NOT_SAVED, -1, out);
	}
	return 0;
}

/* One character of the spoken text: kept while there is room, counted always. */
static void put_char(char *buf, size_t n, size_t *total, char c)
{
	if (*total + 1 < n)
		buf[*total] = c;
	(*total)++;
}

size_t screen_spoken_text(const struct screen *sc, char *buf, size_t n)
{
	size_t total = 0;
	for (size_t i = 0; i < sc->nutter; i++) {
		if (i)
			put_char(buf, n, &total, ' ');
		for (const char *p = sc->utter[i].text; *p; p++)
			put_char(buf, n, &total, *p == '\n' ? ' ' : *p);
	}
	if (n)
		buf[total < n ? total : n - 1] = '\0';
	return total;
}

int screen_find_action(const struct screen *sc, enum action_kind kind, int arg)
{
	for (size_t i = 0; i < sc->ntargets; i++)
		if (sc->targets[i].action.kind == kind && sc->targets[i].action.arg == arg)
			return (int)i;
	return -1;
}

int screen_find(const struct screen *sc, const char *id)
{
	for (size_t i = 0; i < sc->ntargets; i++)
		if (strcmp(sc->targets[i].id, id) == 0)
			return (int)i;
	return -1;
}
