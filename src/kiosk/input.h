/* input: the only place that reads SDL input events. A touch (or click) becomes the action of
 * the target under it; everything else is ignored. No double tap, long press or drag exists. */
#ifndef PV_INPUT_H
#define PV_INPUT_H

#include <SDL.h>
#include <stdbool.h>

#include "layout/layout.h"
#include "session/screen.h"

enum input_result {
	INPUT_IGNORED, /* not a touch */
	INPUT_TOUCH,   /* a touch on no target: it only stops what is being said */
	INPUT_ACTION,  /* a touch on a target: *a is its action, *target its index */
};

/* The target is found in l, the layout of sc as it is on the window. */
enum input_result input_translate(const SDL_Event *ev, const struct screen *sc, const struct layout *l,
                                  struct action *a, int *target);

#endif
