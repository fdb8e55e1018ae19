/* layout: where everything goes, as a list of things to draw, computed from a screen and the
 * window size alone. Pure: the renderer draws the list, tests check it without a window.
 *
 * Every target is at least 1/8 of the window's shorter side; every text has a contrast of at
 * least 7:1 with what it sits on; the confirm button is always in the same place. */
#ifndef PV_LAYOUT_H
#define PV_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "session/screen.h"

/* Width in pixels of text[0..len) at a font size of size_px. */
typedef int (*measure_fn)(void *ud, const char *text, size_t len, int size_px);

enum draw_kind { DRAW_FILL, DRAW_FRAME, DRAW_TEXT, DRAW_IMAGE, DRAW_LINE, DRAW_DOT };

struct draw {
	enum draw_kind kind;
	struct rect r;
	uint32_t color;   /* 0xRRGGBB: fill, frame or text colour */
	uint32_t bg;      /* text: the colour behind it */
	int thickness;    /* frame */
	const char *text; /* text: one line, owned by the layout */
	int size;         /* text: font size in pixels */
	const char *image; /* image: pictogram name, borrowed from the screen */
	bool flip;        /* image: drawn mirrored (an arrow on a right-to-left screen) */
	bool rtl;         /* text: the line's base direction (the screen's language) */
	struct rect box;  /* text: the room it was given; every line of it fits in there */
	int x2, y2;       /* line: from (r.x, r.y) to (x2, y2), `thickness` wide */
	bool dashed;      /* line: in dashes */
	bool square;      /* dot: a square, else a disc, filling r */
};

/* What is being said: its target framed, its word marked where it is written. */
struct highlight {
	int target;               /* framed while its text is said, or -1 */
	int word_target;          /* whose label holds the word: a target, or -1 for the main text */
	size_t word_at, word_len; /* the word, in bytes of that text; word_len 0: none */
};
#define HIGHLIGHT_NONE ((struct highlight){ -1, -1, 0, 0 })

struct layout;

/* Mirrored when sc->rtl; larger text and the high-contrast palette when sc asks for them. */
struct layout *layout_create(const struct screen *sc, int w, int h, struct highlight hl, measure_fn measure,
                             void *measure_ud);
void layout_destroy(struct layout *l);
size_t layout_count(const struct layout *l);
const struct draw *layout_item(const struct layout *l, size_t i);
/* The target under a point (the last one placed there: the whole-window start target is under
 * the corner buttons), or -1. The screen laid out is not needed: input hit-tests here. */
int layout_hit(const struct layout *l, int x, int y);
/* Where target `target` of the screen laid out is (zeros for one not placed, or past the last). */
struct rect layout_target_rect(const struct layout *l, size_t target);
uint32_t layout_background(bool contrast);
/* Where text[a..b) is drawn within the line text[0..len) at size: x from the line's left edge. */
void layout_span(measure_fn measure, void *ud, const char *text, size_t len, int size, bool rtl, size_t a,
                 size_t b, int *x, int *w);

/* WCAG contrast ratio of two 0xRRGGBB colours (1 to 21). */
double layout_contrast(uint32_t a, uint32_t b);

#endif
