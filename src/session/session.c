#include "session/session.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "content/config.h"
#include "i18n/i18n.h"
#include "session/person.h"
#include "base/util.h"

/* What the person has confirmed for one question, kept while the session lasts so that "back"
 * shows it again. */
struct memo {
	bool answered;
	bool refused;
	unsigned chosen; /* bit i: choice i */
};

struct session {
	struct session_options o;
	enum session_state state;
	enum session_state before_still; /* where "continue" returns to */
	const struct questionnaire *qn;
	int q;                /* current question index */
	int *history;         /* questions shown before the current one, for "back" */
	size_t nhistory;
	struct memo *memo;    /* one per question of qn */
	unsigned chosen;      /* the selection on screen, not yet confirmed */
	bool refused;
	int volume;
	const char *lang;     /* borrowed from the options */
	int lang_choice;      /* on the language grid, or -1 */
	bool settings[SET_COUNT];
	enum session_state settings_return;
	int code[4];          /* the personal code being entered: in memory only, wiped once used */
	size_t ncode;
	int code_tries;       /* codes confirmed in this session */
	enum code_result code_result;
	struct session_progress progress;
	const struct questionnaire *done_qn; /* the questionnaire the progress screen is about */
	bool first_question;
	char *problem;
	struct speak_request speak;
	struct store_session record;
	bool in_session;      /* between start and end: a record exists in memory */
	bool rehearsal;       /* a throwaway copy: reads the store, never writes it */
	double last_touch, entered;
};

/* The state table: a name for the log, and the timeout that applies in each state. */
struct state_info {
	const char *name;
	bool idle_watch; /* silence here leads to "still there?" */
};
static const struct state_info states[SS_COUNT] = {
	[SS_WELCOME] = { "welcome", false },
	[SS_MENU] = { "menu", true },
	[SS_QUESTION] = { "question", true },
	[SS_STILL_THERE] = { "still-there", false },
	[SS_THANKS] = { "thanks", false },
	[SS_LANGUAGE] = { "language", true },
	[SS_SETTINGS] = { "settings", true },
	[SS_CODE_ASK] = { "code-ask", true },
	[SS_CODE] = { "code", true },
	[SS_CODE_RESULT] = { "code-result", true },
	[SS_PROGRESS] = { "progress", true },
};

const char *session_state_name(enum session_state st)
{
	return st < SS_COUNT ? states[st].name : "?";
}

static double now(const struct session *s)
{
	return s->o.clock.now_ms(s->o.clock.ud);
}

static void speak(struct session *s, enum speak_what what, int arg)
{
	s->speak.seq++;
	s->speak.what = what;
	s->speak.arg = arg;
}

static void set_state(struct session *s, enum session_state st)
{
	if (s->state != st)
		log_debug("session: %s -> %s", states[s->state].name, states[st].name);
	s->state = st;
	s->entered = now(s);
	speak(s, st == SS_WELCOME ? SPEAK_NOTHING : SPEAK_SCREEN, 0);
}

/* The menu and the language grid show a card for each: content.c and i18n.c refuse more, and
 * the configuration cannot offer more than content holds. */
_Static_assert(CONFIG_MAX_OFFERED <= CONTENT_MAX_QUESTIONNAIRES, "what is offered fits the menu");

struct session *session_create(const struct session_options *o)
{
	if (o->noffered > CONTENT_MAX_QUESTIONNAIRES || o->nlanguages > I18N_MAX_LANGUAGES) {
		log_error("session: %zu questionnaires and %zu languages offered: at most %d and %d", o->noffered,
		          o->nlanguages, CONTENT_MAX_QUESTIONNAIRES, I18N_MAX_LANGUAGES);
		abort();
	}
	struct session *s = xcalloc(1, sizeof *s);
	s->o = *o;
	if (!s->o.idle_ms)
		s->o.idle_ms = 90000;
	if (!s->o.grace_ms)
		s->o.grace_ms = 20000;
	if (!s->o.thanks_ms)
		s->o.thanks_ms = 6000;
	if (s->o.volume_default < 0 || s->o.volume_default > SESSION_VOLUME_MAX)
		s->o.volume_default = SESSION_VOLUME_MAX / 2;
	if (!s->o.language)
		s->o.language = "fr";
	s->volume = s->o.volume_default;
	s->lang = s->o.language;
	s->lang_choice = -1;
	s->q = -1;
	s->state = SS_WELCOME;
	s->entered = s->last_touch = now(s);
	return s;
}

/* The code's pictograms leave memory as soon as its pseudonym is made, or given up. */
static void forget_code(struct session *s)
{
	volatile int *p = s->code;
	for (size_t i = 0; i < 4; i++)
		p[i] = 0;
	s->ncode = 0;
}

static void clear_questionnaire(struct session *s)
{
	free(s->memo);
	free(s->history);
	s->memo = NULL;
	s->history = NULL;
	s->nhistory = 0;
	s->qn = NULL;
	s->q = -1;
	s->chosen = 0;
	s->refused = false;
	free(s->problem);
	s->problem = NULL;
	forget_code(s);
	s->code_tries = 0;
}

void session_destroy(struct session *s)
{
	if (!s)
		return;
	clear_questionnaire(s);
	free(s);
}

/* Ends the current pass, if any: the record is closed with `why`, nothing of it stays. */
static void end_session(struct session *s, enum store_end why)
{
	if (s->in_session) {
		if (s->o.store && s->record.saved && !s->rehearsal) {
			char err[300];
			if (store_end(s->o.store, &s->record, why, err, sizeof err))
				log_error("%s", err); /* the answers are safe; only the end mark is missing */
		}
		if (s->o.observer.ended)
			s->o.observer.ended(s->o.observer.ud, &s->record, why);
	}
	s->in_session = false;
	memset(&s->record, 0, sizeof s->record);
	clear_questionnaire(s);
}

/* The next person starts at the usual level, in the kiosk's language, with no setting on. */
static void open_questionnaire(struct session *s, const struct questionnaire *qn);
static void begin_questions(struct session *s);

static void reset_person(struct session *s)
{
	s->volume = s->o.volume_default;
	s->lang = s->o.language;
	s->lang_choice = -1;
	memset(s->settings, 0, sizeof s->settings);
	memset(&s->progress, 0, sizeof s->progress); /* a person's progress leaves with them */
}

static bool person_changed_something(const struct session *s)
{
	for (int i = 0; i < SET_COUNT; i++)
		if (s->settings[i])
			return true;
	return s->volume != s->o.volume_default || s->lang != s->o.language;
}

static void go_welcome(struct session *s)
{
	reset_person(s);
	set_state(s, SS_WELCOME);
}

/* The welcome screen's touch: the menu, or the only questionnaire. */
static void start(struct session *s)
{
	if (s->o.noffered > 1)
		set_state(s, SS_MENU);
	else
		open_questionnaire(s, s->o.offered[0]);
}

static bool visible_with(const struct questionnaire *qn, const struct memo *memo, int i)
{
	const struct condition *w = qn->questions[i].when;
	if (!w)
		return true;
	const struct memo *m = &memo[w->question_index];
	if (!m->answered || m->refused)
		return false;
	const struct question *t = &qn->questions[w->question_index];
	for (size_t c = 0; c < t->nchoices; c++) {
		if (!(m->chosen & (1u << c)))
			continue;
		for (size_t v = 0; v < w->nvalues; v++)
			if (str_eq(t->choices[c].value, w->values[v]))
				return true;
	}
	return false;
}

static int next_visible_with(const struct questionnaire *qn, const struct memo *memo, int from)
{
	for (int i = from; i < (int)qn->nquestions; i++)
		if (visible_with(qn, memo, i))
			return i;
	return -1;
}

static int next_visible(const struct session *s, int from)
{
	return next_visible_with(s->qn, s->memo, from);
}

static void enter_question(struct session *s, int i)
{
	s->q = i;
	const struct memo *m = &s->memo[i];
	s->chosen = m->answered ? m->chosen : 0;
	s->refused = m->answered && m->refused;
	free(s->problem);
	s->problem = NULL;
	set_state(s, SS_QUESTION);
}

static void open_questionnaire(struct session *s, const struct questionnaire *qn)
{
	clear_questionnaire(s);
	s->qn = qn;
	s->memo = xcalloc(qn->nquestions, sizeof *s->memo);
	char day[11] = "1970-01-01";
	s->o.clock.today(s->o.clock.ud, day);
	store_session_init(&s->record, qn->id, qn->version, s->lang, day);
	s->in_session = true;
	s->first_question = true;
	if (qn->linked && s->o.person_id) {
		set_state(s, SS_CODE_ASK);
		return;
	}
	begin_questions(s);
}

static void begin_questions(struct session *s)
{
	int first = next_visible(s, 0);
	enter_question(s, first < 0 ? 0 : first);
}

/* The person's progress, read back from what is stored: the first time and this time on a
 * star, or this question's answers over the last weeks. False when there is none to show. */
static bool read_progress(struct session *s)
{
	const struct questionnaire *qn = s->qn;
	struct session_progress *p = &s->progress;
	memset(p, 0, sizeof *p);
	if (!s->record.person[0] || !s->o.store || qn->progress == PROGRESS_NONE)
		return false;
	char err[300];
	if (qn->progress == PROGRESS_MOOD) {
		const struct question *q = &qn->questions[qn->progress_question];
		int got = store_person_values(s->o.store, s->record.person, qn->id, q->id, true, p->mood,
		                              SESSION_MAX_MOOD, err, sizeof err);
		if (got < 0)
			log_error("%s", err);
		p->nmood = got > 0 ? (size_t)got : 0;
		return p->nmood > 0;
	}
	/* Earlier sessions of this questionnaire: a check-in before does not make a first star. */
	long sessions = store_person_sessions(s->o.store, s->record.person, qn->id, err, sizeof err);
	for (size_t i = 0; i < qn->nquestions && p->n < SESSION_MAX_BRANCHES; i++) {
		const struct question *q = &qn->questions[i];
		if (q->type == QT_INFO)
			continue;
		int first = 0, latest = 0;
		if (store_person_values(s->o.store, s->record.person, qn->id, q->id, false, &first, 1, err,
		                        sizeof err) < 0 ||
		    store_person_values(s->o.store, s->record.person, qn->id, q->id, true, &latest, 1, err,
		                        sizeof err) < 0) {
			log_error("%s", err);
			return false;
		}
		const struct memo *m = &s->memo[i];
		/* This time is what was just confirmed; the first time is the oldest stored. */
		latest = 0;
		for (size_t c = 0; c < q->nchoices; c++)
			if (m->answered && !m->refused && (m->chosen & (1u << c)))
				latest = choice_number(&q->choices[c]);
		p->question[p->n] = (int)i;
		p->first[p->n] = first;
		p->latest[p->n] = latest;
		p->n++;
	}
	p->has_first = sessions > 1;
	if (!p->has_first)
		memset(p->first, 0, sizeof p->first);
	return true;
}

static void finish(struct session *s)
{
	bool progress = read_progress(s);
	s->done_qn = progress ? s->qn : NULL;
	end_session(s, STORE_END_COMPLETED);
	set_state(s, progress ? SS_PROGRESS : SS_THANKS);
}

/* Stores the selection on screen; on success moves to the next visible question. */
static void confirm(struct session *s)
{
	const struct question *q = &s->qn->questions[s->q];
	if (q->type != QT_INFO) {
		if (!s->refused && !s->chosen) {
			speak(s, SPEAK_HINT, 0);
			return;
		}
		/* The new answer may hide later questions: their answers go in the same commit. */
		struct memo *next = xcalloc(s->qn->nquestions, sizeof *next);
		memcpy(next, s->memo, s->qn->nquestions * sizeof *next);
		next[s->q] = (struct memo){ true, s->refused, s->refused ? 0 : s->chosen };
		const char **drop = xcalloc(s->qn->nquestions, sizeof *drop); /* as many as it hides */
		size_t ndrop = 0;
		for (int j = s->q + 1; j < (int)s->qn->nquestions; j++)
			if (next[j].answered && !visible_with(s->qn, next, j)) {
				next[j].answered = false;
				drop[ndrop++] = s->qn->questions[j].id;
			}
		const char *values[CONTENT_MAX_CHOICES];
		size_t nvalues = 0;
		for (size_t c = 0; c < q->nchoices && !s->refused; c++)
			if (s->chosen & (1u << c))
				values[nvalues++] = q->choices[c].value;
		char err[400] = "";
		bool write = s->o.store && !s->rehearsal;
		int failed = write && store_answer(s->o.store, &s->record, q->id, s->refused, values, nvalues,
		                                   drop, ndrop, err, sizeof err);
		free(drop);
		if (failed) {
			log_error("%s", err);
			free(s->problem);
			s->problem = xstrdup(err);
			free(next);
			speak(s, SPEAK_PROBLEM, 0);
			return;
		}
		if (!write)
			s->record.saved = true;
		memcpy(s->memo, next, s->qn->nquestions * sizeof *next);
		free(next);
		if (s->o.observer.stored)
			s->o.observer.stored(s->o.observer.ud, &s->record, q->id, s->refused, values, nvalues);
	}
	int nx = next_visible(s, s->q + 1);
	if (nx < 0) {
		finish(s);
		return;
	}
	s->history = xrealloc(s->history, (s->nhistory + 1) * sizeof *s->history);
	s->history[s->nhistory++] = s->q;
	s->first_question = false;
	enter_question(s, nx);
}

static void back(struct session *s)
{
	/* Earlier questions may have become hidden since (an answer changed): skip those. */
	while (s->nhistory) {
		int prev = s->history[--s->nhistory];
		if (visible_with(s->qn, s->memo, prev)) {
			enter_question(s, prev);
			return;
		}
	}
	if (s->o.noffered > 1) {
		end_session(s, STORE_END_LEFT);
		set_state(s, SS_MENU);
	}
}

static bool apply_question(struct session *s, struct action a)
{
	const struct question *q = &s->qn->questions[s->q];
	switch (a.kind) {
	case A_SELECT:
		if (q->type == QT_INFO || a.arg < 0 || (size_t)a.arg >= q->nchoices)
			return false;
		if (question_is_multiple(q))
			s->chosen ^= 1u << a.arg;
		else
			s->chosen = 1u << a.arg;
		s->refused = false;
		speak(s, SPEAK_CHOICE, a.arg);
		return true;
	case A_REFUSE:
		if (q->type == QT_INFO)
			return false;
		s->refused = true;
		s->chosen = 0;
		speak(s, SPEAK_REFUSE, 0);
		return true;
	case A_CONFIRM:
		confirm(s);
		return true;
	case A_BACK:
		if (!session_can_go_back(s))
			return false;
		back(s);
		return true;
	default:
		return false;
	}
}

/* Leaves a questionnaire before its first question: the menu, or the welcome screen. */
static void leave_questionnaire(struct session *s)
{
	end_session(s, STORE_END_LEFT);
	if (s->o.noffered > 1)
		set_state(s, SS_MENU);
	else
		go_welcome(s);
}

/* "Do you have a personal code?": mine, or none. */
static bool apply_code_ask(struct session *s, struct action a)
{
	if (a.kind == A_BACK) {
		leave_questionnaire(s);
		return true;
	}
	if (a.kind != A_SELECT || (a.arg != CODE_ASK_MINE && a.arg != CODE_ASK_GUEST))
		return false;
	if (a.arg == CODE_ASK_GUEST) {
		begin_questions(s);
		return true;
	}
	forget_code(s);
	if (s->code_tries >= SESSION_CODE_TRIES) {
		s->code_result = CODE_NO_MORE;
		set_state(s, SS_CODE_RESULT);
	} else {
		set_state(s, SS_CODE);
	}
	return true;
}

/* Four pictograms, one after the other; undo takes back the last; confirm makes the pseudonym. */
static bool apply_code(struct session *s, struct action a)
{
	switch (a.kind) {
	case A_SELECT:
		if (a.arg < 0 || a.arg >= PERSON_SYMBOLS || s->ncode >= 4)
			return false;
		s->code[s->ncode++] = a.arg;
		speak(s, SPEAK_SYMBOL, a.arg);
		return true;
	case A_UNDO:
		if (!s->ncode)
			return false;
		s->ncode--;
		speak(s, SPEAK_SYMBOL, s->code[s->ncode]);
		s->code[s->ncode] = 0;
		return true;
	case A_BACK:
		forget_code(s);
		set_state(s, SS_CODE_ASK);
		return true;
	case A_CONFIRM: {
		if (s->ncode < 4) {
			speak(s, SPEAK_HINT, 0);
			return true;
		}
		char id[33];
		int rc = s->o.person_id(s->o.person_ud, s->code, id);
		s->code_tries++; /* the code stays in memory for the next screen to show, then goes */
		if (rc != 0) {
			log_error("the personal code could not be turned into a pseudonym: going on without it");
			s->code_result = CODE_NO_MORE;
			set_state(s, SS_CODE_RESULT);
			return true;
		}
		char err[300];
		long known = s->o.store ? store_person_sessions(s->o.store, id, NULL, err, sizeof err) : 0;
		if (known < 0)
			log_error("%s", err);
		snprintf(s->record.person, sizeof s->record.person, "%s", id);
		sodium_memzero(id, sizeof id);
		s->code_result = known > 0 ? CODE_KNOWN : CODE_NEW;
		set_state(s, SS_CODE_RESULT);
		return true;
	}
	default:
		return false;
	}
}

bool session_apply(struct session *s, struct action a)
{
	s->last_touch = now(s);
	/* Available wherever a person is being spoken to. */
	if (s->state != SS_WELCOME || a.kind == A_SETTINGS) {
		switch (a.kind) {
		case A_REPLAY:
			speak(s, s->state == SS_QUESTION && s->problem ? SPEAK_PROBLEM : SPEAK_SCREEN, 0);
			return true;
		case A_VOLUME_UP:
		case A_VOLUME_DOWN: {
			int v = s->volume + (a.kind == A_VOLUME_UP ? 1 : -1);
			if (v < 0 || v > SESSION_VOLUME_MAX)
				v = s->volume;
			s->volume = v;
			speak(s, SPEAK_VOLUME, v);
			return true;
		}
		case A_SETTINGS:
			if (s->state == SS_SETTINGS || s->state == SS_STILL_THERE || s->state == SS_THANKS)
				return false;
			s->settings_return = s->state;
			set_state(s, SS_SETTINGS);
			return true;
		default: break;
		}
	}
	switch (s->state) {
	case SS_WELCOME:
		if (a.kind == A_LANGUAGES && s->o.nlanguages > 1) {
			s->lang_choice = -1;
			set_state(s, SS_LANGUAGE);
			return true;
		}
		if (a.kind != A_START || s->o.noffered == 0)
			return false;
		start(s);
		return true;
	case SS_LANGUAGE:
		if (a.kind == A_SELECT && a.arg >= 0 && (size_t)a.arg < s->o.nlanguages) {
			s->lang_choice = a.arg;
			speak(s, SPEAK_LANGUAGE, a.arg);
			return true;
		}
		if (a.kind == A_CONFIRM) {
			if (s->lang_choice < 0) {
				speak(s, SPEAK_HINT, 0);
				return true;
			}
			s->lang = s->o.languages[s->lang_choice];
			s->lang_choice = -1;
			if (s->o.noffered == 0) {
				set_state(s, SS_WELCOME);
				return true;
			}
			start(s);
			return true;
		}
		if (a.kind == A_BACK) {
			s->lang_choice = -1;
			set_state(s, SS_WELCOME);
			return true;
		}
		return false;
	case SS_CODE_ASK:
		return apply_code_ask(s, a);
	case SS_CODE:
		return apply_code(s, a);
	case SS_CODE_RESULT:
		if (a.kind == A_CONFIRM) {
			forget_code(s);
			begin_questions(s);
			return true;
		}
		if (a.kind == A_BACK && s->code_result != CODE_NO_MORE) { /* not the code meant: again */
			forget_code(s);
			s->record.person[0] = '\0';
			set_state(s, s->code_tries >= SESSION_CODE_TRIES ? SS_CODE_ASK : SS_CODE);
			return true;
		}
		return false;
	case SS_PROGRESS:
		if (a.kind != A_CONFIRM && a.kind != A_CONTINUE)
			return false;
		memset(&s->progress, 0, sizeof s->progress);
		set_state(s, SS_THANKS);
		return true;
	case SS_SETTINGS:
		if (a.kind == A_TOGGLE && a.arg >= 0 && a.arg < SET_COUNT) {
			s->settings[a.arg] = !s->settings[a.arg];
			speak(s, SPEAK_SETTING, a.arg);
			return true;
		}
		if (a.kind == A_CONFIRM || a.kind == A_BACK) {
			set_state(s, s->settings_return);
			return true;
		}
		return false;
	case SS_MENU:
		if (a.kind == A_BACK) {
			go_welcome(s);
			return true;
		}
		if (a.kind != A_OPEN || a.arg < 0 || (size_t)a.arg >= s->o.noffered)
			return false;
		open_questionnaire(s, s->o.offered[a.arg]);
		return true;
	case SS_QUESTION:
		return apply_question(s, a);
	case SS_STILL_THERE:
		if (a.kind != A_CONTINUE)
			return false;
		set_state(s, s->before_still);
		return true;
	case SS_THANKS:
		if (a.kind != A_CONTINUE)
			return false;
		go_welcome(s);
		return true;
	case SS_COUNT: break;
	}
	return false;
}

double session_deadline(const struct session *s)
{
	/* A language or setting chosen by someone who then walked away is not the next person's. */
	if (s->state == SS_WELCOME && person_changed_something(s))
		return s->last_touch + s->o.idle_ms;
	if (states[s->state].idle_watch)
		return s->last_touch + s->o.idle_ms;
	if (s->state == SS_STILL_THERE)
		return s->entered + s->o.grace_ms;
	if (s->state == SS_THANKS)
		return s->entered + s->o.thanks_ms;
	return INFINITY;
}

bool session_tick(struct session *s)
{
	if (now(s) < session_deadline(s))
		return false;
	switch (s->state) {
	case SS_WELCOME:
		go_welcome(s);
		return true;
	case SS_MENU:
	case SS_QUESTION:
	case SS_LANGUAGE:
	case SS_SETTINGS:
	case SS_CODE_ASK:
	case SS_CODE:
	case SS_CODE_RESULT:
	case SS_PROGRESS:
		s->before_still = s->state;
		set_state(s, SS_STILL_THERE);
		return true;
	case SS_STILL_THERE:
		/* Nobody there: what was confirmed stays, marked incomplete; nothing else remains. */
		end_session(s, STORE_END_IDLE);
		go_welcome(s);
		return true;
	case SS_THANKS:
		go_welcome(s);
		return true;
	default:
		return false;
	}
}

enum session_state session_state(const struct session *s)
{
	return s->state;
}

const struct questionnaire *session_questionnaire(const struct session *s)
{
	return s->qn;
}

const struct question *session_question(const struct session *s)
{
	return s->qn && s->q >= 0 ? &s->qn->questions[s->q] : NULL;
}

int session_question_index(const struct session *s)
{
	return s->q;
}

size_t session_offered_count(const struct session *s)
{
	return s->o.noffered;
}

const struct questionnaire *session_offered(const struct session *s, size_t i)
{
	return i < s->o.noffered ? s->o.offered[i] : NULL;
}

bool session_choice_selected(const struct session *s, size_t choice)
{
	return choice < 32 && (s->chosen & (1u << choice));
}

bool session_refusal_selected(const struct session *s)
{
	return s->refused;
}

bool session_can_confirm(const struct session *s)
{
	const struct question *q = session_question(s);
	return q && (q->type == QT_INFO || s->refused || s->chosen);
}

bool session_can_go_back(const struct session *s)
{
	return s->state == SS_MENU || (s->state == SS_QUESTION && (s->nhistory > 0 || s->o.noffered > 1));
}

bool session_first_question(const struct session *s)
{
	return s->state == SS_QUESTION && s->first_question;
}

int session_volume(const struct session *s)
{
	return s->volume;
}

const char *session_language(const struct session *s)
{
	return s->lang;
}

int session_language_choice(const struct session *s)
{
	return s->state == SS_LANGUAGE ? s->lang_choice : -1;
}

size_t session_language_count(const struct session *s)
{
	return s->o.nlanguages;
}

const char *session_language_code(const struct session *s, size_t i)
{
	return i < s->o.nlanguages ? s->o.languages[i] : NULL;
}

bool session_setting(const struct session *s, enum session_setting which)
{
	return which < SET_COUNT && s->settings[which];
}

size_t session_code(const struct session *s, int code[4])
{
	for (size_t i = 0; i < s->ncode; i++)
		code[i] = s->code[i];
	return s->ncode;
}

enum code_result session_code_result(const struct session *s)
{
	return s->code_result;
}

bool session_has_person(const struct session *s)
{
	return s->in_session && s->record.person[0];
}

const struct session_progress *session_progress_data(const struct session *s)
{
	return &s->progress;
}

const struct questionnaire *session_questionnaire_done(const struct session *s)
{
	return s->state == SS_PROGRESS ? s->done_qn : NULL;
}

enum session_state session_settings_return(const struct session *s)
{
	return s->settings_return;
}

const char *session_problem(const struct session *s)
{
	return s->problem;
}

struct speak_request session_speak(const struct session *s)
{
	return s->speak;
}

const struct store_session *session_record(const struct session *s)
{
	return s->in_session ? &s->record : NULL;
}

void session_progress(const struct session *s, int *done, int *total)
{
	*done = *total = 0;
	if (!s->qn)
		return;
	*done = (int)s->nhistory;
	*total = (int)s->nhistory;
	for (int i = s->q; i < (int)s->qn->nquestions; i++)
		if (i == s->q || visible_with(s->qn, s->memo, i) || s->qn->questions[i].when)
			(*total)++;
}

/* ---- what is one touch away ---- */

static int rehearsal_id(void *ud, const int code[4], char out[33])
{
	(void)ud, (void)code, (void)out;
	return -1; /* a rehearsal never makes a pseudonym */
}

struct session *session_rehearse(const struct session *s, const struct next_screen *next)
{
	struct session *r = xmalloc(sizeof *r);
	*r = *s;
	r->rehearsal = true;
	r->o.observer = (struct session_observer){ 0 };
	r->o.person_id = s->o.person_id ? rehearsal_id : NULL;
	r->problem = s->problem ? xstrdup(s->problem) : NULL;
	if (s->qn) {
		r->memo = xmalloc(s->qn->nquestions * sizeof *r->memo);
		memcpy(r->memo, s->memo, s->qn->nquestions * sizeof *r->memo);
	}
	r->history = s->nhistory ? xmalloc(s->nhistory * sizeof *r->history) : NULL;
	if (s->nhistory)
		memcpy(r->history, s->history, s->nhistory * sizeof *r->history);
	for (size_t i = 0; next && i < next->npath; i++)
		session_apply(r, next->path[i]);
	return r;
}

/* Where confirming this selection on the current question leads: the next question shown
 * (as confirm() works it out: the answer may hide later ones), or -1 for the end. */
static int outcome(const struct session *s, unsigned chosen, bool refused)
{
	const struct questionnaire *qn = s->qn;
	if (qn->questions[s->q].type == QT_INFO)
		return next_visible(s, s->q + 1);
	struct memo *next = xmalloc(qn->nquestions * sizeof *next);
	memcpy(next, s->memo, qn->nquestions * sizeof *next);
	next[s->q] = (struct memo){ true, refused, refused ? 0 : chosen };
	for (int j = s->q + 1; j < (int)qn->nquestions; j++)
		if (next[j].answered && !visible_with(qn, next, j))
			next[j].answered = false;
	int nx = next_visible_with(qn, next, s->q + 1);
	free(next);
	return nx;
}

struct nexts {
	struct next_screen *out;
	size_t max, n;
};

static void next_add(struct nexts *x, size_t npath, struct action a, struct action b)
{
	if (x->n < x->max)
		x->out[x->n] = (struct next_screen){ { a, b }, npath };
	x->n++;
}

static void next1(struct nexts *x, enum action_kind k, int arg)
{
	next_add(x, 1, (struct action){ k, arg }, (struct action){ 0 });
}

/* A question's outcomes: confirming what is chosen, then each other answer (a card, the
 * refusal) that leads somewhere else; one entry per place reached. */
static void question_nexts(const struct session *s, struct nexts *x)
{
	const struct question *q = &s->qn->questions[s->q];
	int seen[CONTENT_MAX_CHOICES + 2];
	size_t nseen = 0;
	if (session_can_confirm(s)) {
		seen[nseen++] = outcome(s, s->chosen, s->refused);
		next1(x, A_CONFIRM, 0);
	}
	for (size_t c = 0; q->type != QT_INFO && c <= q->nchoices; c++) {
		bool refuse = c == q->nchoices; /* the refusal, after the cards */
		unsigned chosen = refuse ? 0 : question_is_multiple(q) && !s->refused ? s->chosen ^ (1u << c) : 1u << c;
		if ((!refuse && !chosen) || (refuse && s->refused))
			continue;
		int to = outcome(s, chosen, refuse);
		bool known = false;
		for (size_t k = 0; k < nseen; k++)
			known |= seen[k] == to;
		if (known)
			continue;
		seen[nseen++] = to;
		next_add(x, 2, (struct action){ refuse ? A_REFUSE : A_SELECT, refuse ? 0 : (int)c },
		         (struct action){ A_CONFIRM, 0 });
	}
}

/* Every entry has at most SESSION_NEXT_PATH actions; SESSION_MAX_NEXT bounds the count: the
 * language grid (a choice per language, confirm, back, settings) has the most. */
_Static_assert(CONTENT_MAX_QUESTIONNAIRES + 2 <= SESSION_MAX_NEXT, "the menu's next screens fit");
_Static_assert(CONTENT_MAX_CHOICES + 4 <= SESSION_MAX_NEXT, "a question's next screens fit");

size_t session_next_screens(const struct session *s, struct next_screen *out, size_t max)
{
	struct nexts x = { out, max, 0 };
	switch (s->state) {
	case SS_WELCOME:
		if (s->o.noffered)
			next1(&x, A_START, 0);
		if (s->o.nlanguages > 1)
			next1(&x, A_LANGUAGES, 0);
		break;
	case SS_MENU:
		for (size_t i = 0; i < s->o.noffered; i++)
			next1(&x, A_OPEN, (int)i);
		next1(&x, A_BACK, 0);
		break;
	case SS_QUESTION:
		question_nexts(s, &x);
		if (session_can_go_back(s))
			next1(&x, A_BACK, 0);
		break;
	case SS_LANGUAGE:
		if (s->lang_choice >= 0)
			next1(&x, A_CONFIRM, 0);
		for (size_t i = 0; i < s->o.nlanguages; i++)
			if ((int)i != s->lang_choice)
				next_add(&x, 2, (struct action){ A_SELECT, (int)i }, (struct action){ A_CONFIRM, 0 });
		next1(&x, A_BACK, 0);
		break;
	case SS_SETTINGS:
		next1(&x, A_CONFIRM, 0);
		break;
	case SS_CODE_ASK:
		next1(&x, A_SELECT, CODE_ASK_GUEST);
		next1(&x, A_SELECT, CODE_ASK_MINE);
		next1(&x, A_BACK, 0);
		break;
	case SS_CODE: /* confirming the code would make its pseudonym: not rehearsed */
		next1(&x, A_BACK, 0);
		break;
	case SS_CODE_RESULT:
		next1(&x, A_CONFIRM, 0);
		if (s->code_result != CODE_NO_MORE)
			next1(&x, A_BACK, 0);
		break;
	case SS_PROGRESS:
		next1(&x, A_CONFIRM, 0);
		break;
	case SS_STILL_THERE:
	case SS_THANKS:
		next1(&x, A_CONTINUE, 0);
		break;
	case SS_COUNT: break;
	}
	/* The settings, from wherever a person can open them. */
	if (s->state != SS_SETTINGS && s->state != SS_STILL_THERE && s->state != SS_THANKS)
		next1(&x, A_SETTINGS, 0);
	return x.n;
}
