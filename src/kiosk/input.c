#include "kiosk/input.h"

enum input_result input_translate(const SDL_Event *ev, const struct screen *sc, const struct layout *l,
                                  struct action *a, int *target)
{
	/* Touchscreens send both finger and mouse events; mouse events carry the window's pixel
	 * coordinates and are what xdotool sends too, so they are the one kind handled. */
	if (ev->type != SDL_MOUSEBUTTONDOWN || ev->button.button != SDL_BUTTON_LEFT)
		return INPUT_IGNORED;
	int t = layout_hit(l, ev->button.x, ev->button.y);
	if (t < 0 || (size_t)t >= sc->ntargets)
		return INPUT_TOUCH;
	*a = sc->targets[t].action;
	*target = t;
	return INPUT_ACTION;
}
