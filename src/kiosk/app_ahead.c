#include "base/util.h"
#include "kiosk/app_impl.h"

/* Screens drawn ahead after each new screen: enough for a menu's first cards or a question's
 * answers, few enough to be done between two touches. */
#define PREPARE_AHEAD 4

/* Draws ahead what the screens one touch away show (the session says which, the most likely
 * first), each built on a rehearsal of the session that stores nothing. Only the first gets its
 * texts too: pictograms are what is slow to draw the first time. */
void app_ahead_prepare(struct app *a, int w, int h)
{
	render_prepare_reset(a->render);
	struct next_screen next[SESSION_MAX_NEXT];
	size_t n = session_next_screens(a->session, next, PV_ARRAY_LEN(next));
	for (size_t i = 0; i < n && i < PREPARE_AHEAD; i++) {
		struct session *r = session_rehearse(a->session, &next[i]);
		struct screen sc = { 0 };
		screen_build(&sc, r, a->i18n);
		struct layout *l = layout_create(&sc, w, h, HIGHLIGHT_NONE, render_measure, a->render);
		render_prepare(a->render, l, i == 0);
		layout_destroy(l);
		screen_release(&sc);
		session_destroy(r);
	}
	a->preparing = true;
}
