/* input: the only place that reads SDL input events. A touch (or click) becomes the action of
 * the target under it; everything else is ignored. No double tap, long press or drag exists. */
#ifndef PV_INPUT_H
#define PV_INPUT_H

#include <SDL.h>
#include <stdbool.h>

#include "screen.h"

/* True and *a set when ev is a touch on a target of sc; *target gets its index. */
bool input_translate(const SDL_Event *ev, const struct screen *sc, struct action *a, int *target);

#endif
