#include "kiosk/app_impl.h"

/* Queues the pictograms of the screens most likely to follow this one: the next question and
 * the next one shown whatever the answer (they differ when the next has a condition). */
static int rehearsal_id(void *ud, const int code[4], char out[33])
{
	(void)ud, (void)code, (void)out;
	return -1; /* a rehearsal never confirms a code */
}
/* Draws ahead what the screen reached by `path` from the welcome screen shows, rehearsed on a
 * session of its own: no store, no observer, nothing kept. */
static void prepare_path(struct app *a, int w, int h, const struct action *path, size_t n, bool with_text)
{
	struct session_options o = a->session_options;
	o.store = NULL;
	o.observer = (struct session_observer){ 0 };
	o.person_id = o.person_id ? rehearsal_id : NULL;
	struct session *s = session_create(&o);
	for (size_t i = 0; i < n; i++)
		session_apply(s, path[i]);
	struct screen next;
	screen_build(&next, s, a->i18n);
	struct layout *l = layout_create(&next, w, h, HIGHLIGHT_NONE, render_measure, a->render);
	render_prepare(a->render, l, with_text);
	layout_destroy(l);
	session_destroy(s);
}
/* Screens one touch away that are not a questionnaire's next question: after the welcome screen,
 * the menu; after the menu, each questionnaire's first screen; after the code question, the
 * code's grid and the first question. */
static void prepare_rehearsed(struct app *a, int w, int h)
{
	const struct action start = { A_START, 0 };
	const struct questionnaire *qn = session_questionnaire(a->session);
	int open = -1;
	for (size_t i = 0; qn && i < session_offered_count(a->session); i++)
		if (session_offered(a->session, i) == qn)
			open = (int)i;
	switch (a->screen.kind) {
	case SCREEN_WELCOME:
		prepare_path(a, w, h, &start, 1, true);
		break;
	case SCREEN_MENU:
		for (size_t i = 0; i < session_offered_count(a->session) && i < 4; i++) {
			const struct action path[2] = { start, { A_OPEN, (int)i } };
			prepare_path(a, w, h, path, 2, i == 0);
		}
		break;
	case SCREEN_CODE_ASK:
	case SCREEN_CODE:
	case SCREEN_CODE_RESULT:
		if (open >= 0) {
			const struct action guest[3] = { start, { A_OPEN, open }, { A_SELECT, 1 } };
			const struct action mine[3] = { start, { A_OPEN, open }, { A_SELECT, 0 } };
			prepare_path(a, w, h, guest, 3, true);
			if (a->screen.kind == SCREEN_CODE_ASK)
				prepare_path(a, w, h, mine, 3, false);
		}
		break;
	default: break;
	}
}
void app_ahead_prepare(struct app *a, int w, int h)
{
	const struct questionnaire *qn = session_questionnaire(a->session);
	size_t candidates[4], n = 0;
	if (qn) {
		size_t i = (size_t)session_question_index(a->session);
		if (i + 1 < qn->nquestions)
			candidates[n++] = i + 1;
		for (size_t k = i + 1; k < qn->nquestions; k++)
			if (!qn->questions[k].when) {
				if (k != i + 1)
					candidates[n++] = k;
				break;
			}
	}
	render_prepare_reset(a->render);
	if (!qn || a->screen.kind != SCREEN_QUESTION)
		prepare_rehearsed(a, w, h);
	for (size_t c = 0; c < n; c++) {
		const struct questionnaire *target = qn ? qn : session_offered(a->session, candidates[c]);
		struct screen next;
		screen_build_preview(&next, target, qn ? candidates[c] : 0, &a->screen, a->i18n);
		struct layout *l = layout_create(&next, w, h, HIGHLIGHT_NONE, render_measure, a->render);
		render_prepare(a->render, l, c == 0);
		layout_destroy(l);
	}
	a->preparing = true;
}
