/* layout: where everything goes, as a list of things to draw, computed from a screen and the
 * window size alone. Pure: the renderer draws the list, tests check it without a window.
 *
 * Every target is at least 1/8 of the window's shorter side; every text has a contrast of at
 * least 7:1 with what it sits on; the confirm button is always in the same place. */
#ifndef PV_LAYOUT_H
#define PV_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "screen.h"

/* Width in pixels of text[0..len) at a font size of size_px. */
typedef int (*measure_fn)(void *ud, const char *text, size_t len, int size_px);

enum draw_kind { DRAW_FILL, DRAW_FRAME, DRAW_TEXT, DRAW_IMAGE };

struct draw {
	enum draw_kind kind;
	struct rect r;
	uint32_t color;   /* 0xRRGGBB: fill, frame or text colour */
	uint32_t bg;      /* text: the colour behind it */
	int thickness;    /* frame */
	const char *text; /* text: one line, owned by the layout */
	int size;         /* text: font size in pixels */
	const char *image; /* image: pictogram name, borrowed from the screen */
};

struct layout;

/* highlight: the target being spoken (drawn with a thick frame), or -1. */
struct layout *layout_create(const struct screen *sc, int w, int h, int highlight, measure_fn measure,
                             void *measure_ud);
void layout_destroy(struct layout *l);
size_t layout_count(const struct layout *l);
const struct draw *layout_item(const struct layout *l, size_t i);
/* Copies the targets' rectangles into sc. */
void layout_apply_rects(const struct layout *l, struct screen *sc);
uint32_t layout_background(void);

/* WCAG contrast ratio of two 0xRRGGBB colours (1 to 21). */
double layout_contrast(uint32_t a, uint32_t b);

#endif
