/* render: the window, and drawing a layout's list into it. The only file with SDL_ttf and
 * SDL_image. Text textures and pictograms are cached and reused while they stay on screen. */
#ifndef PV_RENDER_H
#define PV_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout/layout.h"

struct render;

struct render_options {
	int width, height;    /* 0: the desktop's size */
	bool fullscreen;
	const char *font;     /* a TTF file; NULL: the first known font found */
	const char *pictodir;
};

struct render *render_create(const struct render_options *o, char *err, size_t n);
void render_destroy(struct render *r);
void render_size(struct render *r, int *w, int *h);
/* The measure function layout needs, bound to this renderer's font. */
int render_measure(void *r, const char *text, size_t len, int size_px);
/* For tests: the hash behind render_measure's cache of widths (hash_fnv1a unless set); a
 * constant one makes every text collide. Empties the cache. */
typedef uint64_t (*render_hash_fn)(const void *p, size_t n, uint64_t seed);
void render_set_measure_hash(struct render *r, render_hash_fn hash);
/* Draws and presents. Returns 0, or -1 if some item could not be drawn (a text or pictogram
 * whose texture could not be made, an SDL drawing call that failed; each logged): the rest is
 * drawn and presented all the same. */
int render_draw(struct render *r, const struct layout *l);
const char *render_font_path(const struct render *r); /* the first font tried */
/* 0 if some font has a glyph for every character of text; else -1 and the first without. */
int render_missing_glyph(struct render *r, const char *text, uint32_t *cp);

/* Pictograms and text of a screen likely to come next are drawn ahead, while a person listens, so that
 * the touch that shows it does not wait for them. render_prepare_reset forgets what earlier
 * calls prepared and did not use; render_prepare queues what l draws and is not made yet (its text too if with_text: text
 * textures are large, so only for the likeliest screen);
 * render_prepare_step makes one queued item (at most a few ms) and says whether more are queued. */
void render_prepare_reset(struct render *r);
void render_prepare(struct render *r, const struct layout *l, bool with_text);
bool render_prepare_step(struct render *r);

#endif
