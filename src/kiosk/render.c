#include "kiosk/render.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/bidi.h"
#include "base/util.h"

/* The fonts tried, in order, for each character: the first that has its glyph draws it.
 * Andika (designed for new readers) for Latin and Cyrillic, then a Noto font per script. The
 * script tells HarfBuzz how to shape a run (Arabic joins, Bengali reorders). */
struct font_spec {
	const char *path, *script;
};
static const struct font_spec known_fonts[] = {
	{ "/usr/share/fonts/truetype/andika/Andika-Regular.ttf", NULL },
	{ "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf", "Arab" },
	{ "/usr/share/fonts/truetype/noto/NotoSansGeorgian-Regular.ttf", "Geor" },
	{ "/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf", "Beng" },
	{ "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", NULL },
	{ "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", NULL },
};
#define MAX_FONTS 8

struct font {
	TTF_Font *f;      /* opened when a character first needs it: French alone needs one font */
	const char *script;
	bool failed;
	int size;
	char *path;
	bool rtl; /* the direction set on it now */
};

struct cached {
	char *key;
	SDL_Texture *tex;
	int w, h;
	unsigned used; /* frame it was last drawn in */
	bool ahead;    /* made for a screen not shown yet (render_prepare) */
};

struct cache {
	struct cached *items;
	size_t n, cap;
};

/* Widths already measured: layout measures the same texts at the same sizes on every frame,
 * and each measure shapes the text. Open addressing; emptied when three quarters full. The key
 * is the text itself and its size: two texts whose hashes collide keep their own widths. */
#define MEASURE_SLOTS 4096
struct measured {
	char *text; /* a copy of the bytes measured; NULL: empty */
	size_t len;
	uint64_t hash;
	int size, width;
};

struct render {
	struct measured measured[MEASURE_SLOTS];
	size_t nmeasured;
	render_hash_fn hash;
	SDL_Window *win;
	SDL_Renderer *ren;
	struct font fonts[MAX_FONTS];
	size_t nfonts;
	char *pictodir;
	struct cache text, images;
	unsigned frame;
	/* Pictograms and lines of text to draw ahead: name is the pictogram or the text. */
	struct pending { bool text; char *name; int size; uint32_t color; bool rtl; } *pending;
	size_t npending, cappending;
};

static void measured_forget(struct render *r)
{
	for (size_t i = 0; i < MEASURE_SLOTS; i++)
		free(r->measured[i].text);
	memset(r->measured, 0, sizeof r->measured);
	r->nmeasured = 0;
}

static struct cached *cache_get(struct cache *c, const char *key, unsigned frame)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->items[i].key, key) == 0) {
			c->items[i].used = frame;
			c->items[i].ahead = false;
			return &c->items[i];
		}
	return NULL;
}

static struct cached *cache_put(struct cache *c, const char *key, SDL_Texture *tex, int w, int h,
                                unsigned frame)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->items = xrealloc(c->items, c->cap * sizeof *c->items);
	}
	c->items[c->n] = (struct cached){ xstrdup(key), tex, w, h, frame, false };
	return &c->items[c->n++];
}

/* Drops what the last frames did not draw: the software renderer keeps textures in memory. */
static void cache_sweep(struct cache *c, unsigned frame)
{
	size_t j = 0;
	for (size_t i = 0; i < c->n; i++) {
		if ((int)(c->items[i].used - frame) < 0 && !c->items[i].ahead) {
			SDL_DestroyTexture(c->items[i].tex);
			free(c->items[i].key);
		} else {
			c->items[j++] = c->items[i];
		}
	}
	c->n = j;
}

static void cache_free(struct cache *c)
{
	for (size_t i = 0; i < c->n; i++) {
		SDL_DestroyTexture(c->items[i].tex);
		free(c->items[i].key);
	}
	free(c->items);
}

/* The face of font i, opened now if it was not yet; NULL if it cannot be (said once). */
static TTF_Font *font_face(struct render *r, size_t i)
{
	struct font *ft = &r->fonts[i];
	if (ft->f || ft->failed)
		return ft->f;
	ft->f = TTF_OpenFont(ft->path, 32);
	if (!ft->f) {
		ft->failed = true;
		log_warn("%s: cannot open this font: %s", ft->path, TTF_GetError());
		return NULL;
	}
	ft->size = 32;
	/* Advances from the font's metrics rather than its bytecode hinter: measuring, which layout
	 * does for every candidate size, gets ten times cheaper, and large text looks the same. */
	TTF_SetFontHinting(ft->f, TTF_HINTING_LIGHT);
	if (ft->script && TTF_SetFontScriptName(ft->f, ft->script) != 0)
		log_warn("%s: cannot shape as %s: %s", ft->path, ft->script, TTF_GetError());
	return ft->f;
}

/* Adds a font to try; the first is opened at once, so that a kiosk without it says so at start. */
static int open_font(struct render *r, const char *path, const char *script)
{
	if (r->nfonts == MAX_FONTS)
		return 0;
	r->fonts[r->nfonts++] = (struct font){ .path = xstrdup(path), .script = script };
	if (r->nfonts == 1 && !font_face(r, 0)) {
		free(r->fonts[0].path);
		r->nfonts = 0;
		return -1;
	}
	return 0;
}

struct render *render_create(const struct render_options *o, char *err, size_t n)
{
	/* The software renderer without an OpenGL texture behind it: 16 MB instead of 115 MB. */
	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
	SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
	/* The first touch counts even if it is the one that gives the window focus. */
	SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
	if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
		pv_err(err, n, "cannot start video: %s", SDL_GetError());
		return NULL;
	}
	if (TTF_Init() != 0) {
		pv_err(err, n, "cannot start SDL_ttf: %s", TTF_GetError());
		return NULL;
	}
	struct render *r = xcalloc(1, sizeof *r);
	r->hash = hash_fnv1a;
	r->pictodir = xstrdup(o->pictodir);
	if (o->font && open_font(r, o->font, NULL) != 0) {
		pv_err(err, n, "%s: cannot open this font: %s", o->font, TTF_GetError());
		goto fail;
	}
	for (size_t i = 0; i < PV_ARRAY_LEN(known_fonts); i++)
		if (path_is_file(known_fonts[i].path) && open_font(r, known_fonts[i].path, known_fonts[i].script) != 0)
			log_warn("%s: cannot open this font: %s", known_fonts[i].path, TTF_GetError());
	if (!r->nfonts) {
		pv_err(err, n, "no font found: install fonts-sil-andika and fonts-noto-core, or set 'font' "
		               "in the configuration");
		goto fail;
	}
	int w = o->width, h = o->height;
	Uint32 flags = SDL_WINDOW_SHOWN;
	if (o->fullscreen || !w || !h) {
		/* A borderless window at the display's size: as fast as a window, and the window
		 * manager keeps it on top. SDL's fullscreen request waits ~100 ms for the manager. */
		SDL_DisplayMode dm;
		if (SDL_GetDesktopDisplayMode(0, &dm) == 0) {
			w = dm.w;
			h = dm.h;
		} else {
			w = 1280, h = 800;
		}
		flags |= SDL_WINDOW_BORDERLESS;
	}
	r->win = SDL_CreateWindow("pictovox", 0, 0, w, h, flags);
	if (!r->win) {
		pv_err(err, n, "cannot open a window of %dx%d: %s", w, h, SDL_GetError());
		goto fail;
	}
	r->ren = SDL_CreateRenderer(r->win, -1, SDL_RENDERER_SOFTWARE);
	if (!r->ren) {
		pv_err(err, n, "cannot draw in the window: %s", SDL_GetError());
		goto fail;
	}
	return r;
fail:
	render_destroy(r);
	return NULL;
}

void render_destroy(struct render *r)
{
	if (!r)
		return;
	render_prepare_reset(r);
	measured_forget(r);
	free(r->pending);
	cache_free(&r->text);
	cache_free(&r->images);
	for (size_t i = 0; i < r->nfonts; i++) {
		if (r->fonts[i].f)
			TTF_CloseFont(r->fonts[i].f);
		free(r->fonts[i].path);
	}
	if (r->ren)
		SDL_DestroyRenderer(r->ren);
	if (r->win)
		SDL_DestroyWindow(r->win);
	free(r->pictodir);
	free(r);
	TTF_Quit();
}

void render_size(struct render *r, int *w, int *h)
{
	if (SDL_GetRendererOutputSize(r->ren, w, h) != 0)
		SDL_GetWindowSize(r->win, w, h);
}

const char *render_font_path(const struct render *r)
{
	return r->fonts[0].path;
}

/* The font set to draw at size in direction rtl. */
static TTF_Font *use_font(struct render *r, size_t i, int size, bool rtl)
{
	if (!font_face(r, i))
		i = 0; /* the first is always open */
	struct font *f = &r->fonts[i];
	if (size != f->size && TTF_SetFontSize(f->f, size) == 0)
		f->size = size;
	if (rtl != f->rtl && TTF_SetFontDirection(f->f, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR) == 0)
		f->rtl = rtl;
	return f->f;
}

/* Spaces, digits and punctuation take the font around them when it has them: a run of Arabic
 * is not cut at each space. */
static bool neutral(uint32_t c)
{
	return c < 0x80 ? !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : (c >= 0x2000 && c <= 0x206f) || c == 0xa0 ||
	                                                                (c >= 0xab && c <= 0xbb);
}

static int font_for(struct render *r, uint32_t c, int prev)
{
	if (prev >= 0 && neutral(c) && TTF_GlyphIsProvided32(r->fonts[prev].f, c))
		return prev;
	for (size_t i = 0; i < r->nfonts; i++) {
		TTF_Font *f = font_face(r, i);
		if (f && TTF_GlyphIsProvided32(f, c))
			return (int)i;
	}
	return -1;
}

int render_missing_glyph(struct render *r, const char *text, uint32_t *cp)
{
	size_t len = strlen(text);
	int prev = -1;
	for (size_t i = 0; i < len;) {
		uint32_t c = utf8_next(text, len, &i);
		if (c == '\n' || c == '\t')
			continue;
		int f = font_for(r, c, prev);
		if (f < 0) {
			*cp = c;
			return -1;
		}
		prev = f;
	}
	return 0;
}

/* A piece of one direction and one font. */
struct piece {
	size_t start, len;
	int font;
	bool rtl;
};

/* The pieces of one line: a few held inline (most lines), more allocated; never cut. */
#define PIECES_ROOM 16
struct pieces {
	struct piece *p;
	size_t n, cap;
	struct piece room[PIECES_ROOM];
};

static void pieces_free(struct pieces *ps)
{
	if (ps->p != ps->room)
		free(ps->p);
}

static void pieces_push(struct pieces *ps, struct piece p)
{
	if (ps->n == ps->cap) {
		ps->cap *= 2;
		ps->p = ps->p == ps->room ? memcpy(xmalloc(ps->cap * sizeof *ps->p), ps->room, sizeof ps->room)
		                          : xrealloc(ps->p, ps->cap * sizeof *ps->p);
	}
	ps->p[ps->n++] = p;
}

/* Cuts line[0..len) into pieces, left to right as drawn: bidi runs in visual order, each cut
 * where the font changes (the pieces of a right-to-left run go right to left). Free with
 * pieces_free. */
static void pieces(struct render *r, const char *line, size_t len, bool rtl_base, struct pieces *ps)
{
	ps->p = ps->room;
	ps->n = 0;
	ps->cap = PIECES_ROOM;
	struct bidi_line bl;
	bidi_line_split(&bl, line, len, bidi_line_rtl(line, len, rtl_base));
	for (size_t k = 0; k < bl.n; k++) {
		const struct bidi_run *run = &bl.run[k];
		size_t first = ps->n;
		int prev = -1;
		for (size_t i = run->start, end = run->start + run->len; i < end;) {
			size_t at = i;
			int f = font_for(r, utf8_next(line, end, &i), prev);
			if (f < 0)
				f = prev >= 0 ? prev : 0; /* no font has it: the box of the one around it */
			if (ps->n > first && ps->p[ps->n - 1].font == f)
				ps->p[ps->n - 1].len = i - ps->p[ps->n - 1].start;
			else
				pieces_push(ps, (struct piece){ at, i - at, f, run->rtl });
			prev = f;
		}
		if (run->rtl) /* pieces of a right-to-left run: the last one is leftmost */
			for (size_t a = first, b = ps->n ? ps->n - 1 : 0; a < b; a++, b--) {
				struct piece t = ps->p[a];
				ps->p[a] = ps->p[b];
				ps->p[b] = t;
			}
	}
	bidi_line_free(&bl);
}

static int piece_width(struct render *r, const char *line, const struct piece *p, int size)
{
	char *piece = xstrndup(line + p->start, p->len); /* whole: a long one is as wide as all of it */
	int w = 0, h = 0;
	if (TTF_SizeUTF8(use_font(r, (size_t)p->font, size, p->rtl), piece, &w, &h) != 0)
		w = (int)p->len * size / 2;
	free(piece);
	return w;
}

static int measure_uncached(struct render *r, const char *text, size_t len, int size_px)
{
	struct pieces ps;
	pieces(r, text, len, false, &ps);
	int w = 0;
	for (size_t i = 0; i < ps.n; i++)
		w += piece_width(r, text, &ps.p[i], size_px);
	pieces_free(&ps);
	return w;
}

void render_set_measure_hash(struct render *r, render_hash_fn hash)
{
	measured_forget(r); /* placed by the old hash: not found by the new one */
	r->hash = hash;
}

int render_measure(void *ud, const char *text, size_t len, int size_px)
{
	struct render *r = ud;
	uint64_t h = r->hash(text, len, (uint64_t)size_px);
	size_t i = (size_t)(h % MEASURE_SLOTS);
	for (; r->measured[i].text; i = (i + 1) % MEASURE_SLOTS) {
		const struct measured *m = &r->measured[i];
		if (m->hash == h && m->size == size_px && m->len == len && memcmp(m->text, text, len) == 0)
			return m->width;
	}
	int w = measure_uncached(r, text, len, size_px);
	if (r->nmeasured >= MEASURE_SLOTS * 3 / 4) {
		measured_forget(r);
		i = (size_t)(h % MEASURE_SLOTS);
	}
	r->measured[i] = (struct measured){ xstrndup(text, len), len, h, size_px, w };
	r->nmeasured++;
	return w;
}

static void color(SDL_Renderer *ren, uint32_t c)
{
	SDL_SetRenderDrawColor(ren, (c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff, 0xff);
}

/* The cache keys, whole (caller frees): two long lines that begin alike are two textures. */
static char *text_key(const struct draw *d)
{
	return xasprintf("%d:%06x:%d:%s", d->size, (unsigned)d->color, d->rtl, d->text);
}

static int image_size(const struct draw *d)
{
	return d->r.w < d->r.h ? d->r.w : d->r.h;
}

static char *image_key(const char *name, int size)
{
	return xasprintf("%d:%s", size, name);
}

/* One line: each piece drawn with its font and direction, side by side on one baseline. */
static SDL_Surface *draw_line(struct render *r, const struct draw *d)
{
	SDL_Color fg = { (d->color >> 16) & 0xff, (d->color >> 8) & 0xff, d->color & 0xff, 0xff };
	size_t len = strlen(d->text);
	struct pieces ps;
	pieces(r, d->text, len, d->rtl, &ps);
	if (ps.n == 0) {
		pieces_free(&ps);
		return TTF_RenderUTF8_Blended(use_font(r, 0, d->size, d->rtl), " ", fg);
	}
	SDL_Surface **parts = xcalloc(ps.n, sizeof *parts), *line = NULL;
	int w = 0, ascent = 0, descent = 0;
	for (size_t i = 0; i < ps.n; i++) {
		char *s = xstrndup(d->text + ps.p[i].start, ps.p[i].len);
		TTF_Font *f = use_font(r, (size_t)ps.p[i].font, d->size, ps.p[i].rtl);
		parts[i] = TTF_RenderUTF8_Blended(f, s, fg);
		free(s);
		if (!parts[i])
			goto out;
		w += parts[i]->w;
		if (TTF_FontAscent(f) > ascent)
			ascent = TTF_FontAscent(f);
		if (-TTF_FontDescent(f) > descent)
			descent = -TTF_FontDescent(f);
	}
	if (ps.n == 1) {
		line = parts[0];
		parts[0] = NULL;
		goto out;
	}
	line = SDL_CreateRGBSurfaceWithFormat(0, w, ascent + descent, 32, SDL_PIXELFORMAT_ARGB8888);
	for (size_t i = 0, x = 0; line && i < ps.n; i++) {
		/* Copied, not blended: the pieces do not overlap, and blending onto the transparent
		 * line would darken their anti-aliased edges. */
		SDL_SetSurfaceBlendMode(parts[i], SDL_BLENDMODE_NONE);
		SDL_Rect at = { (int)x, ascent - TTF_FontAscent(use_font(r, (size_t)ps.p[i].font, d->size, ps.p[i].rtl)),
			        parts[i]->w, parts[i]->h };
		SDL_BlitSurface(parts[i], NULL, line, &at);
		x += (size_t)parts[i]->w;
	}
out:
	for (size_t i = 0; i < ps.n; i++)
		SDL_FreeSurface(parts[i]); /* NULL-safe */
	free(parts);
	pieces_free(&ps);
	return line;
}

static struct cached *text_texture(struct render *r, const struct draw *d)
{
	char *key = text_key(d);
	struct cached *c = cache_get(&r->text, key, r->frame);
	if (c)
		goto done;
	SDL_Surface *s = draw_line(r, d);
	if (!s) {
		log_warn("cannot draw text \"%s\": %s", d->text, TTF_GetError());
		goto done;
	}
	SDL_Texture *t = SDL_CreateTextureFromSurface(r->ren, s);
	int w = s->w, h = s->h;
	SDL_FreeSurface(s);
	if (t)
		c = cache_put(&r->text, key, t, w, h, r->frame);
	else
		log_warn("cannot make a texture of text \"%s\": %s", d->text, SDL_GetError());
done:
	free(key);
	return c;
}

static struct cached *image_texture(struct render *r, const char *name, int size)
{
	char *key = image_key(name, size);
	struct cached *c = cache_get(&r->images, key, r->frame);
	if (c)
		goto done;
	char *file = xasprintf("%s.svg", name);
	char *path = path_join(r->pictodir, file);
	free(file);
	SDL_RWops *rw = SDL_RWFromFile(path, "rb");
	/* Drawn at the size shown, so it stays sharp at any screen size. */
	SDL_Surface *s = rw ? IMG_LoadSizedSVG_RW(rw, size, size) : NULL;
	if (rw)
		SDL_RWclose(rw);
	if (!s) {
		log_warn("%s: cannot draw this pictogram: %s", path, rw ? IMG_GetError() : SDL_GetError());
		free(path);
		goto done;
	}
	free(path);
	SDL_Texture *t = SDL_CreateTextureFromSurface(r->ren, s);
	int w = s->w, h = s->h;
	SDL_FreeSurface(s);
	if (t)
		c = cache_put(&r->images, key, t, w, h, r->frame);
	else
		log_warn("%s: cannot make a texture of this pictogram: %s", name, SDL_GetError());
done:
	free(key);
	return c;
}

/* Marks what l draws as used in this frame; returns how many items are not cached yet. */
static size_t mark_used(struct render *r, const struct layout *l)
{
	size_t missing = 0;
	for (size_t i = 0; i < layout_count(l); i++) {
		const struct draw *d = layout_item(l, i);
		char *key = NULL;
		if (d->kind == DRAW_TEXT) {
			key = text_key(d);
			missing += !cache_get(&r->text, key, r->frame);
		} else if (d->kind == DRAW_IMAGE && image_size(d) > 0) {
			key = image_key(d->image, image_size(d));
			missing += !cache_get(&r->images, key, r->frame);
		}
		free(key);
	}
	return missing;
}

static SDL_Vertex vertex(float x, float y, uint32_t c)
{
	return (SDL_Vertex){ { x, y }, { (c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff, 0xff }, { 0, 0 } };
}

/* A thick segment as two triangles (SDL's own lines are one pixel wide). */
static int thick_segment(SDL_Renderer *ren, float x1, float y1, float x2, float y2, float t, uint32_t c)
{
	float dx = x2 - x1, dy = y2 - y1, len = SDL_sqrtf(dx * dx + dy * dy);
	if (len < 0.5f)
		return 0;
	float nx = -dy / len * t / 2, ny = dx / len * t / 2;
	SDL_Vertex v[4] = { vertex(x1 + nx, y1 + ny, c), vertex(x2 + nx, y2 + ny, c), vertex(x2 - nx, y2 - ny, c),
		            vertex(x1 - nx, y1 - ny, c) };
	const int idx[6] = { 0, 1, 2, 0, 2, 3 };
	return SDL_RenderGeometry(ren, NULL, v, 4, idx, 6);
}

static int draw_segment_line(SDL_Renderer *ren, const struct draw *d)
{
	float x1 = (float)d->r.x, y1 = (float)d->r.y, x2 = (float)d->x2, y2 = (float)d->y2, t = (float)d->thickness;
	if (!d->dashed)
		return thick_segment(ren, x1, y1, x2, y2, t, d->color);
	float dx = x2 - x1, dy = y2 - y1, len = SDL_sqrtf(dx * dx + dy * dy), dash = t * 3, gap = t * 2;
	int rc = 0;
	for (float at = 0; at < len; at += dash + gap) {
		float end = at + dash < len ? at + dash : len;
		if (thick_segment(ren, x1 + dx * at / len, y1 + dy * at / len, x1 + dx * end / len, y1 + dy * end / len,
		                  t, d->color) != 0)
			rc = -1;
	}
	return rc;
}

static int draw_disc(SDL_Renderer *ren, const struct draw *d)
{
	enum { N = 24 };
	float cx = d->r.x + d->r.w / 2.0f, cy = d->r.y + d->r.h / 2.0f, rad = d->r.w / 2.0f;
	SDL_Vertex v[N + 1];
	int idx[N * 3];
	v[0] = vertex(cx, cy, d->color);
	for (int i = 0; i < N; i++) {
		float a = 2 * (float)M_PI * (float)i / N;
		v[i + 1] = vertex(cx + rad * SDL_cosf(a), cy + rad * SDL_sinf(a), d->color);
		idx[i * 3] = 0, idx[i * 3 + 1] = i + 1, idx[i * 3 + 2] = i + 1 < N ? i + 2 : 1;
	}
	return SDL_RenderGeometry(ren, NULL, v, N + 1, idx, N * 3);
}

/* Notes an SDL call that failed; only the first of a frame is logged, a broken renderer would
 * otherwise log every item. */
static void sdl_failed(int rc, const char *what, const char **first)
{
	if (rc != 0 && !*first) {
		*first = what;
		log_error("cannot draw (%s): %s", what, SDL_GetError());
	}
}

int render_draw(struct render *r, const struct layout *l)
{
	r->frame++;
	/* What this frame draws again is kept; the rest goes before anything new is made, so a
	 * screen change holds one screen's textures, not two. */
	mark_used(r, l);
	cache_sweep(&r->text, r->frame);
	cache_sweep(&r->images, r->frame);
	const char *failed = NULL;  /* the first SDL call that failed */
	bool missing = false;       /* a text or pictogram without its texture (logged where made) */
	for (size_t i = 0; i < layout_count(l); i++) {
		const struct draw *d = layout_item(l, i);
		SDL_Rect rc = { d->r.x, d->r.y, d->r.w, d->r.h };
		switch (d->kind) {
		case DRAW_FILL:
			color(r->ren, d->color);
			sdl_failed(SDL_RenderFillRect(r->ren, &rc), "SDL_RenderFillRect", &failed);
			break;
		case DRAW_FRAME: {
			color(r->ren, d->color);
			int t = d->thickness;
			SDL_Rect sides[4] = { { rc.x, rc.y, rc.w, t }, { rc.x, rc.y + rc.h - t, rc.w, t },
				              { rc.x, rc.y, t, rc.h }, { rc.x + rc.w - t, rc.y, t, rc.h } };
			sdl_failed(SDL_RenderFillRects(r->ren, sides, 4), "SDL_RenderFillRects", &failed);
			break;
		}
		case DRAW_TEXT: {
			struct cached *c = text_texture(r, d);
			if (c) {
				SDL_Rect dst = { rc.x, rc.y + (rc.h - c->h) / 2, c->w, c->h };
				sdl_failed(SDL_RenderCopy(r->ren, c->tex, NULL, &dst), "SDL_RenderCopy", &failed);
			} else {
				missing = true;
			}
			break;
		}
		case DRAW_LINE:
			sdl_failed(draw_segment_line(r->ren, d), "SDL_RenderGeometry", &failed);
			break;
		case DRAW_DOT:
			if (d->square) {
				color(r->ren, d->color);
				sdl_failed(SDL_RenderFillRect(r->ren, &rc), "SDL_RenderFillRect", &failed);
			} else {
				sdl_failed(draw_disc(r->ren, d), "SDL_RenderGeometry", &failed);
			}
			break;
		case DRAW_IMAGE: {
			int size = rc.w < rc.h ? rc.w : rc.h;
			if (size <= 0)
				break;
			struct cached *c = image_texture(r, d->image, size);
			if (c) {
				SDL_Rect dst = { rc.x + (rc.w - c->w) / 2, rc.y + (rc.h - c->h) / 2, c->w, c->h };
				if (d->flip)
					sdl_failed(SDL_RenderCopyEx(r->ren, c->tex, NULL, &dst, 0, NULL, SDL_FLIP_HORIZONTAL),
					           "SDL_RenderCopyEx", &failed);
				else
					sdl_failed(SDL_RenderCopy(r->ren, c->tex, NULL, &dst), "SDL_RenderCopy", &failed);
			} else {
				missing = true;
			}
			break;
		}
		}
	}
	/* Shown even when something is missing: the rest of the screen is better than the last one. */
	SDL_RenderPresent(r->ren);
	return failed || missing ? -1 : 0;
}

void render_prepare_reset(struct render *r)
{
	for (size_t i = 0; i < r->npending; i++)
		free(r->pending[i].name);
	r->npending = 0;
	for (size_t i = 0; i < r->images.n; i++)
		r->images.items[i].ahead = false; /* the next sweep drops them unless drawn by then */
	for (size_t i = 0; i < r->text.n; i++)
		r->text.items[i].ahead = false;
}

static struct cached *find(struct cache *c, const char *key)
{
	for (size_t k = 0; k < c->n; k++)
		if (strcmp(c->items[k].key, key) == 0)
			return &c->items[k];
	return NULL;
}

void render_prepare(struct render *r, const struct layout *l, bool with_text)
{
	for (size_t i = 0; i < layout_count(l); i++) {
		const struct draw *d = layout_item(l, i);
		char *key;
		struct cached *c;
		if (d->kind == DRAW_IMAGE && image_size(d) > 0) {
			key = image_key(d->image, image_size(d));
			c = find(&r->images, key);
		} else if (d->kind == DRAW_TEXT && with_text) {
			key = text_key(d);
			c = find(&r->text, key);
		} else {
			continue;
		}
		free(key);
		if (c) {
			c->ahead = true; /* already made: keep it for that screen */
			continue;
		}
		bool text = d->kind == DRAW_TEXT;
		const char *name = text ? d->text : d->image;
		int size = text ? d->size : image_size(d);
		bool queued = false;
		for (size_t k = 0; k < r->npending && !queued; k++)
			queued = r->pending[k].text == text && r->pending[k].size == size &&
			         r->pending[k].color == d->color && strcmp(r->pending[k].name, name) == 0;
		if (queued)
			continue;
		if (r->npending == r->cappending) {
			r->cappending = r->cappending ? r->cappending * 2 : 16;
			r->pending = xrealloc(r->pending, r->cappending * sizeof *r->pending);
		}
		r->pending[r->npending++] = (struct pending){ text, xstrdup(name), size, d->color, d->rtl };
	}
}

bool render_prepare_step(struct render *r)
{
	if (!r->npending)
		return false;
	/* In the order queued: the likeliest screen first. */
	struct pending p = r->pending[0];
	memmove(r->pending, r->pending + 1, --r->npending * sizeof *r->pending);
	struct cached *c;
	if (p.text) {
		struct draw d = { .kind = DRAW_TEXT, .text = p.name, .size = p.size, .color = p.color, .rtl = p.rtl };
		c = text_texture(r, &d);
	} else {
		c = image_texture(r, p.name, p.size);
	}
	if (c)
		c->ahead = true;
	free(p.name);
	return r->npending > 0;
}
