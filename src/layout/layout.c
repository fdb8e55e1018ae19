#include "layout/layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/bidi.h"
#include "base/util.h"

/* The palettes: every text colour against its background reaches 7:1 (checked in tests). */
struct palette {
	uint32_t bg, ink, card, card_ink, card_edge, selected, selected_edge, refuse, confirm, confirm_ink, disabled,
		disabled_ink, problem, problem_ink, speaking, level_on, level_off, word, then, now, ring;
};
static const struct palette normal = {
	.bg = 0xF4F1EA, /* warm paper */
	.ink = 0x1A1A1A,
	.card = 0xFFFFFF,
	.card_ink = 0x1A1A1A,
	.card_edge = 0x5C5C5C,
	.selected = 0xD6E6FF,
	.selected_edge = 0x0B4FA8,
	.refuse = 0xE6E6E6,
	.confirm = 0x085A1D, /* dark green, white text */
	.confirm_ink = 0xFFFFFF,
	.disabled = 0xD9D9D9,
	.disabled_ink = 0x333333,
	.problem = 0x8B0000,
	.problem_ink = 0xFFFFFF,
	.speaking = 0xE07B00, /* the frame around what is being said */
	.level_on = 0x0B4FA8,
	.level_off = 0xC8C8C8,
	.word = 0xFFD84D, /* behind the word being said */
	.then = 0xB34700,  /* the first evaluation: dashed, square marks */
	.now = 0x0B4FA8,   /* this one: solid, round marks */
	.ring = 0xB8B2A6,
};
/* Strong colours, for low vision and glare: white text on black, white cards framed in yellow
 * (pictograms stay visible on them), a chosen card all yellow. */
static const struct palette strong = {
	.bg = 0x000000,
	.ink = 0xFFFFFF,
	.card = 0xFFFFFF,
	.card_ink = 0x000000,
	.card_edge = 0xFFE600,
	.selected = 0xFFE600,
	.selected_edge = 0xFFFFFF,
	.refuse = 0xD9D9D9,
	.confirm = 0x33FF77, /* bright green, black text */
	.confirm_ink = 0x000000,
	.disabled = 0x3A3A3A,
	.disabled_ink = 0xFFFFFF,
	.problem = 0xFFFFFF,
	.problem_ink = 0x8B0000,
	.speaking = 0x00E5FF,
	.level_on = 0xFFE600,
	.level_off = 0x555555,
	.word = 0xFFE600,
	.then = 0xFF9A3D,
	.now = 0x5CC8FF,
	.ring = 0x6E6E6E,
};

struct layout {
	const struct palette *pal;
	bool rtl;   /* everything mirrored */
	int W;      /* window width, for mirroring */
	int scale;  /* text size, in percent */
	struct highlight hl;
	struct draw *items;
	size_t n, cap;
	struct rect rects[SCREEN_MAX_TARGETS];
	size_t nrects;
	measure_fn measure;
	void *mud;
	int s;    /* shorter side */
	int gap;  /* margin and gap between things */
	int minT; /* smallest target side */
};

/* Where a rectangle computed left to right goes on a right-to-left screen. */
static struct rect mirror(const struct layout *l, struct rect r)
{
	if (l->rtl)
		r.x = l->W - r.x - r.w;
	return r;
}

static struct draw *push_at(struct layout *l, enum draw_kind k, struct rect r);

static struct draw *push(struct layout *l, enum draw_kind k, struct rect r)
{
	return push_at(l, k, mirror(l, r));
}

/* Pushes at r as given: already mirrored. */
static struct draw *push_at(struct layout *l, enum draw_kind k, struct rect r)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	struct draw *d = &l->items[l->n++];
	memset(d, 0, sizeof *d);
	d->kind = k;
	d->r = r;
	return d;
}

static void fill(struct layout *l, struct rect r, uint32_t c)
{
	push(l, DRAW_FILL, r)->color = c;
}

static void frame(struct layout *l, struct rect r, uint32_t c, int t)
{
	struct draw *d = push(l, DRAW_FRAME, r);
	d->color = c;
	d->thickness = t < 1 ? 1 : t;
}

/* Pictograms that point along the reading direction turn round on a right-to-left screen. */
static bool directional(const char *name)
{
	return str_eq(name, "back") || str_eq(name, "next") || str_eq(name, "undo");
}

static void image(struct layout *l, struct rect r, const char *name)
{
	if (!name)
		return;
	struct draw *d = push(l, DRAW_IMAGE, r);
	d->image = name;
	d->flip = l->rtl && directional(name);
}

static int imax(int a, int b)
{
	return a > b ? a : b;
}

static int imin(int a, int b)
{
	return a < b ? a : b;
}

static struct rect R(int x, int y, int w, int h)
{
	return (struct rect){ x, y, w < 0 ? 0 : w, h < 0 ? 0 : h };
}

static struct rect inset(struct rect r, int d)
{
	return R(r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d);
}

static struct rect square_in(struct rect r)
{
	int s = r.w < r.h ? r.w : r.h;
	return R(r.x + (r.w - s) / 2, r.y + (r.h - s) / 2, s, s);
}

/* French puts a space before ? ! : ; and »: the sign stays with the word before it. */
static bool glued(const char *space)
{
	const char *p = space;
	while (*p == ' ')
		p++;
	return *p && strchr("?!:;", *p) != NULL ? true : strncmp(p, "\xc2\xbb", 2) == 0;
}

/* Greedy word wrap of text into lines no wider than w at size; returns the number of lines
 * and, if starts/lens are given, where each line is. Breaks at spaces and at '\n'. */
static int wrap(struct layout *l, const char *text, int size, int w, size_t *starts, size_t *lens, int max)
{
	int lines = 0;
	size_t i = 0, len = strlen(text);
	while (i < len) {
		while (i < len && text[i] == ' ')
			i++;
		if (i >= len)
			break;
		/* Length of the longest prefix that fits, ending at a word end; a first word too wide
		 * for w is taken whole. 0 only for an empty line (text[i] is '\n'). */
		size_t best = 0;
		size_t j = i;
		while (j < len && text[j] != '\n') {
			size_t k = j;
			while (k < len && text[k] == ' ')
				k++;
			while (k < len && text[k] != '\n' && (text[k] != ' ' || glued(text + k)))
				k++;
			if (l->measure(l->mud, text + i, k - i, size) > w && best)
				break;
			best = k - i;
			j = k;
		}
		if (starts && lines < max) {
			starts[lines] = i;
			lens[lines] = best;
		}
		lines++;
		i += best;
		if (i < len && text[i] == '\n')
			i++;
	}
	return lines;
}

/* The lines of text wrapped at w: all of them, however many. A few (most texts) are held in
 * the struct, more are allocated; lines_free either way. */
#define LINES_ROOM 16
struct lines {
	size_t *starts, *lens;
	int n;
	size_t room_starts[LINES_ROOM], room_lens[LINES_ROOM];
};

static void wrap_all(struct layout *l, struct lines *ls, const char *text, int size, int w)
{
	ls->starts = ls->room_starts;
	ls->lens = ls->room_lens;
	ls->n = wrap(l, text, size, w, ls->starts, ls->lens, LINES_ROOM);
	if (ls->n > LINES_ROOM) {
		ls->starts = xmalloc((size_t)ls->n * sizeof *ls->starts);
		ls->lens = xmalloc((size_t)ls->n * sizeof *ls->lens);
		wrap(l, text, size, w, ls->starts, ls->lens, ls->n);
	}
}

static void lines_free(struct lines *ls)
{
	if (ls->starts != ls->room_starts) {
		free(ls->starts);
		free(ls->lens);
	}
}

/* Whether text at size, wrapped to r's width, fits in r: its lines (5/4 of size apart) in its
 * height, its widest line in its width. */
static bool fits(struct layout *l, struct rect r, const char *text, int size)
{
	struct lines ls;
	wrap_all(l, &ls, text, size, r.w);
	bool ok = ls.n * size * 5 / 4 <= r.h;
	for (int i = 0; ok && i < ls.n; i++)
		ok = l->measure(l->mud, text + ls.starts[i], ls.lens[i], size) <= r.w;
	lines_free(&ls);
	return ok;
}

static int min_text(const struct layout *l)
{
	return l->s / 40 > 12 ? l->s / 40 : 12;
}

/* The largest size (<= max_size) at which text fits in r, trying down to a floor; the last size
 * tried (at or just under the floor) if none fits. */
static int fit_size(struct layout *l, struct rect r, const char *text, int max_size)
{
	int size = max_size;
	for (; size > min_text(l); size -= size > 40 ? 3 : 1)
		if (fits(l, r, text, size))
			break;
	return size;
}

void layout_span(measure_fn measure, void *ud, const char *text, size_t len, int size, bool rtl, size_t a,
                 size_t b, int *x, int *w)
{
	struct bidi_line bl; /* every run, however many: a word is never looked for in a cut line */
	bidi_line_split(&bl, text, len, bidi_line_rtl(text, len, rtl));
	int at = 0;
	*x = *w = 0;
	for (size_t i = 0; i < bl.n; i++) {
		const struct bidi_run *r = &bl.run[i];
		int rw = measure(ud, text + r->start, r->len, size);
		size_t s = a > r->start ? a : r->start, e = b < r->start + r->len ? b : r->start + r->len;
		if (s < e) { /* the word is in this run (a word is in one run but at a direction change) */
			int before = measure(ud, text + r->start, s - r->start, size);
			int width = measure(ud, text + s, e - s, size);
			*x = r->rtl ? at + rw - before - width : at + before;
			*w = width;
			break;
		}
		at += rw;
	}
	bidi_line_free(&bl);
}

/* The part of the word being said that lies in line [start, start + len) of a text. */
struct word_mark {
	bool on;
	size_t at, len; /* in the whole text */
};

/* Places text in r at `size`, each line centred (or at the reading side), the word `mark`
 * marked where it is. */
static void place_text_marked(struct layout *l, struct rect r, const char *text, int size, uint32_t ink,
                              uint32_t bg, bool at_start, struct word_mark mark)
{
	struct lines ls; /* every line, however many */
	wrap_all(l, &ls, text, size, r.w);
	const size_t *starts = ls.starts, *lens = ls.lens;
	int n = ls.n;
	int line_h = size * 5 / 4;
	int y = r.y + (r.h - n * line_h) / 2;
	for (int i = 0; i < n; i++, y += line_h) {
		int tw = l->measure(l->mud, text + starts[i], lens[i], size);
		int x = at_start ? r.x : r.x + (r.w - tw) / 2;
		struct rect box = mirror(l, R(x, y, tw, line_h));
		size_t s = mark.at > starts[i] ? mark.at : starts[i];
		size_t e = mark.at + mark.len < starts[i] + lens[i] ? mark.at + mark.len : starts[i] + lens[i];
		if (mark.on && s < e) {
			int wx, ww;
			layout_span(l->measure, l->mud, text + starts[i], lens[i], size, l->rtl, s - starts[i],
			            e - starts[i], &wx, &ww);
			int pad = size / 10 + 1;
			/* Yellow behind dark text; behind light text (strong colours) a deep blue. */
			uint32_t mark_bg = layout_contrast(ink, l->pal->word) >= 7.0 ? l->pal->word : 0x003C9E;
			push_at(l, DRAW_FILL, R(box.x + wx - pad, box.y, ww + 2 * pad, line_h))->color = mark_bg;
			bg = mark_bg; /* the text is drawn over it */
		}
		struct draw *d = push_at(l, DRAW_TEXT, box);
		d->box = mirror(l, r);
		d->text = xstrndup(text + starts[i], lens[i]);
		d->size = size;
		d->color = ink;
		d->bg = bg;
		d->rtl = l->rtl;
	}
	lines_free(&ls);
}


/* The largest size a text may take: the layout's choice, larger when the person asked. */
static int scaled(const struct layout *l, int size)
{
	return size * l->scale / 100;
}

/* Places text in r at the largest size (<= max_size) at which it fits. */
static void text_in(struct layout *l, struct rect r, const char *text, int max_size, uint32_t ink,
                    uint32_t bg, bool at_start, struct word_mark mark)
{
	if (!text || r.w <= 0 || r.h <= 0)
		return;
	place_text_marked(l, r, text, fit_size(l, r, text, scaled(l, max_size)), ink, bg, at_start, mark);
}

/* The word being said, if it is in target ti's label (ti -1: the main text). */
static struct word_mark mark_of(const struct layout *l, int ti)
{
	const struct highlight *h = &l->hl;
	if (h->word_len && h->word_target == ti)
		return (struct word_mark){ true, h->word_at, h->word_len };
	return (struct word_mark){ 0 };
}

/* Where a card's label goes: under its pictogram, or beside it on a wide, low button. */
static struct rect label_rect(struct layout *l, struct rect in, bool has_picto)
{
	if (in.w > in.h * 2) {
		int tx = has_picto ? in.x + in.h + l->gap / 2 : in.x;
		return R(tx, in.y, in.x + in.w - tx, in.h);
	}
	/* A low card gives its label more of its height: a pictogram needs less to be seen. */
	int label_h = !has_picto ? in.h : in.w > in.h * 3 / 2 ? in.h * 2 / 5 : in.h * 3 / 10;
	return R(in.x, in.y + in.h - label_h, in.w, label_h);
}

/* The frame of a card, its inside (the same whatever the frame's width, so that a selected
 * card's contents do not move) and the frame width. */
static struct rect card_inside(struct layout *l, struct rect r)
{
	return inset(r, l->s / 60 + 2 + l->gap / 2);
}

/* A target: a card with an optional pictogram and a label. label_size 0: the largest that fits. */
static void card(struct layout *l, const struct screen *sc, size_t ti, struct rect r, bool label_on,
                 int label_size)
{
	const struct target *t = &sc->targets[ti];
	const struct palette *p = l->pal;
	l->rects[ti] = mirror(l, r);
	uint32_t bg = p->card, ink = p->card_ink, edge = p->card_edge;
	int edge_w = l->s / 160 + 1;
	if (t->role == ROLE_CONFIRM || t->role == ROLE_CONTINUE) {
		bg = t->enabled ? p->confirm : p->disabled;
		ink = t->enabled ? p->confirm_ink : p->disabled_ink;
		edge = bg;
	} else if (t->role == ROLE_REFUSE) {
		bg = p->refuse;
	}
	if (t->selected) {
		bg = p->selected;
		edge = p->selected_edge;
		edge_w = l->s / 60 + 2;
	}
	fill(l, r, bg);
	frame(l, r, edge, edge_w);
	struct rect in = card_inside(l, r);
	if (label_on && t->label) {
		struct rect lr = label_rect(l, in, t->pictogram != NULL);
		int size = label_size ? label_size : fit_size(l, lr, t->label, scaled(l, lr.h / 2));
		/* A label is never cut: on a small card its pictogram gives way. */
		while (t->pictogram && in.w <= in.h * 2 && lr.h < in.h * 7 / 10 && !fits(l, lr, t->label, size)) {
			int more = imax(1, in.h / 10);
			lr = R(lr.x, lr.y - more, lr.w, lr.h + more);
		}
		if (t->pictogram && in.w > in.h * 2)
			image(l, inset(square_in(R(in.x, in.y, in.h, in.h)), in.h / 10), t->pictogram);
		else if (t->pictogram)
			image(l, square_in(R(in.x, in.y, in.w, in.h - lr.h)), t->pictogram);
		place_text_marked(l, lr, t->label, size, ink, bg, false, mark_of(l, (int)ti));
	} else {
		image(l, square_in(inset(in, in.w / 12)), t->pictogram);
	}
	if (t->selected) { /* a check mark in the corner: selection shown by shape, not colour alone */
		int c = (r.h < r.w ? r.h : r.w) / 5;
		image(l, R(r.x + r.w - c - edge_w, r.y + edge_w, c, c), "confirm");
	}
	if ((int)ti == l->hl.target)
		frame(l, inset(r, -(l->gap / 2)), p->speaking, l->gap / 2 + 2);
}

/* Chooses columns and rows for n cards in r so that the pictograms are as large as possible. */
static void grid(struct layout *l, const struct screen *sc, const size_t *idx, size_t n, struct rect r)
{
	if (!n)
		return;
	int g = l->gap, best_cols = 1;
	double best = -1;
	bool pictos = false;
	for (size_t i = 0; i < n; i++)
		pictos |= sc->targets[idx[i]].pictogram != NULL;
	for (int cols = 1; cols <= (int)n; cols++) {
		int rows = ((int)n + cols - 1) / cols;
		double cw = (r.w - (cols - 1) * g) / (double)cols, ch = (r.h - (rows - 1) * g) / (double)rows;
		/* Narrow cards squeeze their labels: width counts for less than height. Cards of text
		 * alone (the languages) want room for a word: wide rather than tall. */
		double score = pictos ? fmin(cw * 0.6, ch * 0.65) : fmin(cw * 0.3, ch);
		if (score > best + 0.5) {
			best = score;
			best_cols = cols;
		}
	}
	int cols = best_cols, rows = ((int)n + cols - 1) / cols;
	int cw = (r.w - (cols - 1) * g) / cols, ch = (r.h - (rows - 1) * g) / rows;
	/* Cards no wider than 1.6 times their height: a very wide card is hard to read as one thing. */
	if (pictos && cw > ch * 8 / 5)
		cw = ch * 8 / 5;
	/* One label size for all the cards, so that no answer looks more important than another. */
	int label_size = 0;
	for (size_t i = 0; i < n; i++) {
		const struct target *t = &sc->targets[idx[i]];
		if (t->role == ROLE_REFUSE) /* the same on every question: it has its own size */
			continue;
		struct rect lr = label_rect(l, card_inside(l, R(0, 0, cw, ch)), t->pictogram != NULL);
		int s = fit_size(l, lr, t->label, scaled(l, lr.h / 2));
		if (!label_size || s < label_size)
			label_size = s;
	}
	for (size_t i = 0; i < n; i++) {
		int row = (int)i / cols, col = (int)i % cols;
		int in_row = row == rows - 1 ? (int)n - row * cols : cols;
		int row_w = in_row * cw + (in_row - 1) * g;
		int x0 = r.x + (r.w - row_w) / 2;
		int y0 = r.y + (r.h - (rows * ch + (rows - 1) * g)) / 2;
		card(l, sc, idx[i], R(x0 + col * (cw + g), y0 + row * (ch + g), cw, ch), true,
		     sc->targets[idx[i]].role == ROLE_REFUSE ? 0 : label_size);
	}
}

static int find_role(const struct screen *sc, enum target_role role)
{
	for (size_t i = 0; i < sc->ntargets; i++)
		if (sc->targets[i].role == role)
			return (int)i;
	return -1;
}

/* On a narrow screen the bottom band keeps room for a readable confirm button: the settings
 * button goes up, beside listen-again. */
static bool settings_on_top(const struct layout *l, const struct screen *sc, struct rect band)
{
	(void)l;
	bool volume = find_role(sc, ROLE_VOLUME_DOWN) >= 0;
	int b = band.h, level_w = band.w > band.h * 8 ? b : b / 2;
	int used = (volume ? 2 * b + level_w : 0) + b + b / 4;
	return band.w - used < b * 3;
}

/* The bottom band: volume and settings on the left, confirm on the right, in the same place on
 * every screen. */
static void bottom_band(struct layout *l, const struct screen *sc, struct rect band)
{
	int down = find_role(sc, ROLE_VOLUME_DOWN), up = find_role(sc, ROLE_VOLUME_UP);
	int set = find_role(sc, ROLE_SETTINGS), ok = find_role(sc, ROLE_CONFIRM);
	int b = band.h, g = l->gap;
	/* The level shown between the volume buttons narrows on a narrow screen. */
	int level_w = band.w > band.h * 8 ? b : b / 2;
	int used = 0;
	if (down >= 0 && up >= 0) {
		card(l, sc, (size_t)down, R(band.x, band.y, b, b), false, 0);
		struct rect level = R(band.x + b + g, band.y + b / 4, level_w, b / 2);
		int bars = sc->volume_max, bw = level.w / (bars ? bars : 1);
		for (int i = 0; i < bars; i++) {
			int bh = level.h * (i + 1) / bars;
			fill(l, R(level.x + i * bw, level.y + level.h - bh, bw - imax(1, bw / 4), bh),
			     i < sc->volume ? l->pal->level_on : l->pal->level_off);
		}
		card(l, sc, (size_t)up, R(level.x + level.w + g, band.y, b, b), false, 0);
		used = 2 * b + level_w + 3 * g;
	}
	int undo = sc->kind == SCREEN_CODE ? -1 : find_role(sc, ROLE_UNDO);
	if (undo >= 0) { /* the admin keypad's erase key, where the volume would be */
		card(l, sc, (size_t)undo, R(band.x + used, band.y, b * 2, b), true, 0);
		used += b * 2 + g;
	}
	if (set >= 0 && !settings_on_top(l, sc, band)) { /* apart from the volume by a quarter button */
		card(l, sc, (size_t)set, R(band.x + used + b / 4, band.y, b, b), false, 0);
		used += b + b / 4 + g;
	}
	if (ok >= 0) {
		int w = imax(b * 5 / 2, band.w * 3 / 10);
		if (w > band.w - used)
			w = band.w - used;
		card(l, sc, (size_t)ok, R(band.x + band.w - w, band.y, w, b), true, 0);
	}
}

/* The top band: back on the left, listen-again on the right, the text and its pictogram between. */
static void top_band(struct layout *l, const struct screen *sc, struct rect band, int full_h, struct rect bottom,
                     bool portrait)
{
	int back = find_role(sc, ROLE_BACK), replay = find_role(sc, ROLE_REPLAY);
	int g = l->gap;
	/* Sized from the band's usual height: back and listen-again stay put when it is lower. */
	int bs = portrait ? imax(l->minT, full_h * 2 / 5) : imax(l->minT, full_h * 3 / 5);
	if (back >= 0)
		card(l, sc, (size_t)back, R(band.x, band.y, bs, bs), false, 0);
	if (replay >= 0)
		card(l, sc, (size_t)replay, R(band.x + band.w - bs, band.y, bs, bs), false, 0);
	int set = find_role(sc, ROLE_SETTINGS), extra = 0; /* extra: what the settings button takes */
	if (set >= 0 && settings_on_top(l, sc, bottom)) {
		card(l, sc, (size_t)set, R(band.x + band.w - 2 * bs - g, band.y, bs, bs), false, 0);
		extra = bs + g;
	}
	struct rect mid;
	bool big_picto = sc->kind == SCREEN_INFO || (sc->kind == SCREEN_LANGUAGE && !sc->text);
	if (portrait) {
		if (!big_picto || !sc->text)
			image(l, square_in(R(band.x + bs + g, band.y, band.w - 2 * (bs + g) - extra, bs)), sc->pictogram);
		mid = R(band.x, band.y + bs + g, band.w, band.h - bs - g);
	} else {
		band.w -= extra; /* the text keeps clear of it */
		int ph = band.h;
		if (sc->pictogram && !sc->text) {
			image(l, square_in(R(band.x + bs + g, band.y, band.w - 2 * (bs + g), ph)), sc->pictogram);
			mid = R(0, 0, 0, 0);
		} else if (sc->pictogram && !big_picto) { /* an info screen shows it large below */
			image(l, R(band.x + bs + g, band.y, ph, ph), sc->pictogram);
			mid = R(band.x + bs + g + ph + g, band.y, band.w - 2 * (bs + g) - ph - g, band.h);
		} else {
			mid = R(band.x + bs + g, band.y, band.w - 2 * (bs + g), band.h);
		}
	}
	/* Read from the side reading starts: left, or right on a right-to-left screen. */
	text_in(l, mid, sc->text, imax(l->s / 11, 16), l->pal->ink, l->pal->bg, true, mark_of(l, -1));
}

static void problem_banner(struct layout *l, const struct screen *sc, struct rect r)
{
	fill(l, r, l->pal->problem);
	struct rect in = inset(r, l->gap / 2);
	image(l, R(in.x, in.y, in.h, in.h), "problem");
	text_in(l, R(in.x + in.h + l->gap, in.y, in.w - in.h - l->gap, in.h), sc->problem, in.h * 2 / 5,
	        l->pal->problem_ink, l->pal->problem, true, (struct word_mark){ 0 });
}

/* A screen that is one big message: pictogram and text, the whole window one target; on the
 * welcome screen, the language and settings buttons in the bottom corners. */
static void message_screen(struct layout *l, const struct screen *sc, int w, int h)
{
	int g = l->gap;
	int start = find_role(sc, ROLE_START), fin = find_role(sc, ROLE_CONTINUE);
	int lang = find_role(sc, ROLE_LANGUAGE), set = find_role(sc, ROLE_SETTINGS);
	int whole = start >= 0 ? start : fin;
	if (whole >= 0)
		l->rects[whole] = R(0, 0, w, h);
	int corner = lang >= 0 || set >= 0 ? imax(l->minT * 3 / 2, l->s / 5) : 0;
	int ps = l->s * 9 / 20;
	if (corner && ps > h - corner - h / 12 - l->s / 5)
		ps = imax(l->minT, h - corner - h / 12 - l->s / 5);
	image(l, R((w - ps) / 2, h / 12, ps, ps), sc->pictogram);
	int ty = h / 12 + ps + g, bottom = corner ? h - corner - 2 * g : h - g;
	text_in(l, R(g * 2, ty, w - 4 * g, bottom - ty), sc->text, imax(l->s / 10, 16), l->pal->ink, l->pal->bg,
	        false, mark_of(l, -1));
	/* The language button: what a person who does not read French looks for first. */
	if (lang >= 0)
		card(l, sc, (size_t)lang, R(g * 2, h - corner - g * 2, corner, corner), false, 0);
	if (set >= 0)
		card(l, sc, (size_t)set, R(w - g * 2 - corner * 3 / 4, h - corner * 3 / 4 - g * 2, corner * 3 / 4,
		                           corner * 3 / 4), false, 0);
	if (whole >= 0 && whole == l->hl.target)
		frame(l, inset(R(0, 0, w, h), g / 2), l->pal->speaking, g / 2 + 2);
}

static void still_there(struct layout *l, const struct screen *sc, int w, int h)
{
	int g = l->gap;
	int ps = l->s * 3 / 10;
	image(l, R((w - ps) / 2, g * 2, ps, ps), sc->pictogram);
	int cont = find_role(sc, ROLE_CONTINUE);
	int bh = imax(l->minT, h / 4), bw = imax(w / 2, bh * 2);
	if (bw > w - 2 * g)
		bw = w - 2 * g;
	int ty = g * 3 + ps;
	text_in(l, R(g * 2, ty, w - 4 * g, h - bh - g * 3 - ty), sc->text, imax(l->s / 10, 16), l->pal->ink,
	        l->pal->bg, false, mark_of(l, -1));
	if (cont >= 0)
		card(l, sc, (size_t)cont, R((w - bw) / 2, h - bh - g * 2, bw, bh), true, 0);
}

static void line(struct layout *l, int x1, int y1, int x2, int y2, uint32_t c, int t, bool dashed)
{
	struct draw *d = push_at(l, DRAW_LINE, R(l->rtl ? l->W - x1 : x1, y1, 0, 0));
	d->x2 = l->rtl ? l->W - x2 : x2;
	d->y2 = y2;
	d->color = c;
	d->thickness = t < 1 ? 1 : t;
	d->dashed = dashed;
}

static void dot(struct layout *l, int x, int y, int size, uint32_t c, bool square)
{
	struct draw *d = push(l, DRAW_DOT, R(x - size / 2, y - size / 2, size, size));
	d->color = c;
	d->square = square;
}

/* A row of pictograms in r: the code's four places (an empty one framed), or the faces of the
 * last weeks, oldest first. */
static void pictogram_row(struct layout *l, const struct screen *sc, struct rect r, size_t slots)
{
	size_t n = slots ? slots : sc->nrow;
	if (!n)
		return;
	int g = l->gap, side = r.h;
	if ((int)n * side + ((int)n - 1) * g > r.w)
		side = (r.w - ((int)n - 1) * g) / (int)n;
	int x = r.x + (r.w - ((int)n * side + ((int)n - 1) * g)) / 2, y = r.y + (r.h - side) / 2;
	for (size_t i = 0; i < n; i++, x += side + g) {
		struct rect box = R(x, y, side, side);
		if (slots) {
			fill(l, box, l->pal->card);
			frame(l, box, sc->row[i] ? l->pal->selected_edge : l->pal->card_edge, l->s / 160 + 2);
		}
		if (sc->row[i])
			image(l, inset(box, slots ? side / 10 : 0), sc->row[i]);
	}
}

/* The star of progress: a branch per competence, rings for the steps, the first evaluation
 * dashed with square marks and this one solid with round marks, two colours apart; each
 * branch's pictogram at its end, and a legend. */
static void star(struct layout *l, const struct screen *sc, struct rect r)
{
	const struct chart *ch = &sc->chart;
	if (ch->n < 3 || ch->max < 1)
		return;
	const struct palette *p = l->pal;
	/* The legend beside the star on a wide screen, under it on a tall one. */
	bool beside = r.w > r.h * 3 / 2;
	int legend_h = imax(l->minT / 2, (beside ? r.h / 6 : r.h / 10));
	int legend_w = beside ? imin(r.w / 3, r.w - r.h - l->gap) : r.w;
	struct rect area = beside ? R(r.x, r.y, r.w - legend_w - l->gap, r.h) : R(r.x, r.y, r.w, r.h - legend_h - l->gap);
	int picto = imax(l->minT * 3 / 4, imin(area.w, area.h) / 7);
	int radius = imin(area.w, area.h) / 2 - picto * 9 / 8; /* the pictograms stay inside the area */
	int cx = area.x + area.w / 2, cy = area.y + area.h / 2;
	/* Step 1 is a small ring, not the centre: the marks of low steps stay apart. */
	int r0 = radius / 4;
	/* Per branch (the chart has at most SESSION_MAX_BRANCHES): ring point at step 1, the first, this time. */
	double px[SESSION_MAX_BRANCHES][3], py[SESSION_MAX_BRANCHES][3];
	int t = imax(2, l->s / 200);
	for (int ring = 1; ring <= ch->max; ring++)
		for (size_t i = 0; i < ch->n; i++) {
			size_t j = (i + 1) % ch->n;
			double a1 = -M_PI / 2 + 2 * M_PI * (double)i / (double)ch->n;
			double a2 = -M_PI / 2 + 2 * M_PI * (double)j / (double)ch->n;
			double rr = ch->max > 1 ? r0 + (radius - r0) * (double)(ring - 1) / (ch->max - 1) : radius;
			line(l, cx + (int)lround(rr * cos(a1)), cy + (int)lround(rr * sin(a1)), cx + (int)lround(rr * cos(a2)),
			     cy + (int)lround(rr * sin(a2)), p->ring, imax(1, t / 2), false);
		}
	for (size_t i = 0; i < ch->n; i++) {
		double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)ch->n;
		line(l, cx, cy, cx + (int)lround(radius * cos(a)), cy + (int)lround(radius * sin(a)), p->ring,
		     imax(1, t / 2), false);
		int pr = radius + picto * 5 / 8;
		image(l, R(cx + (int)lround(pr * cos(a)) - picto / 2, cy + (int)lround(pr * sin(a)) - picto / 2, picto,
		           picto),
		      ch->picto[i]);
		const int v[2] = { ch->first[i], ch->latest[i] };
		for (int k = 0; k < 2; k++) {
			double rr = v[k] < 1 ? 0 : ch->max > 1 ? r0 + (radius - r0) * (double)(v[k] - 1) / (ch->max - 1) : radius;
			px[i][k + 1] = cx + rr * cos(a);
			py[i][k + 1] = cy + rr * sin(a);
		}
	}
	/* The first time under, this time over it. */
	/* A step not answered (refused) leaves a gap: a point at the centre would read as "very low". */
	for (int k = ch->has_first ? 1 : 2; k <= 2; k++) {
		uint32_t c = k == 1 ? p->then : p->now;
		const int *v = k == 1 ? ch->first : ch->latest;
		for (size_t i = 0; i < ch->n; i++) {
			size_t j = (i + 1) % ch->n;
			if (v[i] > 0 && v[j] > 0)
				line(l, (int)lround(px[i][k]), (int)lround(py[i][k]), (int)lround(px[j][k]), (int)lround(py[j][k]),
				     c, k == 1 ? t * 2 : t * 3, k == 1);
		}
		for (size_t i = 0; i < ch->n; i++)
			if (v[i] > 0)
				dot(l, (int)lround(px[i][k]), (int)lround(py[i][k]), k == 1 ? t * 6 : t * 7, c, k == 1);
	}
	/* The legend: a sample of each line, and its words, in one size; two rows beside the star,
	 * two columns under it. */
	struct rect cells[2], words[2];
	int size = 0;
	for (int k = 0; k < 2; k++) {
		cells[k] = beside ? R(r.x + r.w - legend_w, cy - legend_h - l->gap / 2 + k * (legend_h + l->gap), legend_w,
		                      legend_h)
		                  : R(r.x + k * (r.w / 2), r.y + r.h - legend_h, r.w / 2, legend_h);
		int sample = imin(cells[k].w / 4, legend_h * 2);
		words[k] = R(cells[k].x + 2 * l->gap + sample, cells[k].y, cells[k].w - sample - 3 * l->gap, cells[k].h);
		int fit = fit_size(l, words[k], k == 0 ? ch->legend_then : ch->legend_now, scaled(l, legend_h * 2 / 3));
		size = k == 0 || fit < size ? fit : size;
	}
	for (int k = ch->has_first ? 0 : 1; k < 2; k++) {
		int x0 = cells[k].x + l->gap, y = cells[k].y + cells[k].h / 2, sample = words[k].x - x0 - l->gap;
		uint32_t c = k == 0 ? p->then : p->now;
		line(l, x0, y, x0 + sample, y, c, k == 0 ? t * 2 : t * 3, k == 0);
		dot(l, x0 + sample / 2, y, k == 0 ? t * 6 : t * 7, c, k == 0);
		place_text_marked(l, words[k], k == 0 ? ch->legend_then : ch->legend_now, size, p->ink, p->bg, true,
		                  (struct word_mark){ 0 });
	}
}

struct layout *layout_create(const struct screen *sc, int w, int h, struct highlight hl, measure_fn measure,
                             void *measure_ud)
{
	struct layout *l = xcalloc(1, sizeof *l);
	l->measure = measure;
	l->mud = measure_ud;
	l->pal = sc->contrast ? &strong : &normal;
	l->rtl = sc->rtl;
	l->W = w;
	l->scale = sc->larger ? 140 : 100;
	l->hl = hl;
	l->s = w < h ? w : h;
	l->gap = imax(4, l->s / 48);
	l->minT = (l->s + 7) / 8;
	l->nrects = sc->ntargets;
	bool portrait = h > w;
	int g = l->gap;
	fill(l, R(0, 0, w, h), l->pal->bg);
	switch (sc->kind) {
	case SCREEN_WELCOME:
	case SCREEN_THANKS:
		message_screen(l, sc, w, h);
		return l;
	case SCREEN_STILL_THERE:
		still_there(l, sc, w, h);
		return l;
	default: break;
	}
	int top_h = portrait ? h * 27 / 100 : h * 26 / 100;
	int bot_h = imax(l->minT, h * (portrait ? 11 : 17) / 100);
	struct rect top = R(g, g, w - 2 * g, imax(top_h, l->minT));
	struct rect bot = R(g, h - g - bot_h, w - 2 * g, bot_h);
	/* Twelve language cards, a problem banner over the cards, a star: the top band gives room. */
	int full_top = top.h;
	if (sc->kind == SCREEN_LANGUAGE || sc->problem || sc->kind == SCREEN_STAR || sc->kind == SCREEN_CODE)
		top.h = imax(l->minT, top.h * 3 / 5);
	int y = top.y + top.h + g;
	if (sc->problem) {
		int ph = imax(l->minT, h / 7);
		problem_banner(l, sc, R(g, y, w - 2 * g, ph));
		y += ph + g;
	}
	struct rect mid = R(g, y, w - 2 * g, bot.y - g - y);
	size_t cards[SCREEN_MAX_TARGETS], n = 0;
	for (size_t i = 0; i < sc->ntargets; i++) {
		enum target_role r = sc->targets[i].role;
		if (r == ROLE_CHOICE || r == ROLE_REFUSE || r == ROLE_QUESTIONNAIRE || r == ROLE_TOGGLE)
			cards[n++] = i;
	}
	top_band(l, sc, top, full_top, bot, portrait);
	if (sc->kind == SCREEN_INFO) /* no cards: the pictogram large in the middle */
		image(l, square_in(inset(mid, g)), sc->pictogram ? sc->pictogram : "info");
	if (sc->kind == SCREEN_STAR)
		star(l, sc, mid);
	if (sc->kind == SCREEN_MOOD || sc->kind == SCREEN_CODE_RESULT)
		pictogram_row(l, sc, inset(mid, g), 0);
	if (sc->detail && n == 0) { /* an admin screen of information: its lines fill the middle */
		text_in(l, inset(mid, g), sc->detail, imax(l->s / 20, 14), l->pal->ink, l->pal->bg, true,
		        (struct word_mark){ 0 });
	} else if (sc->detail) { /* a message above the cards */
		int band = imax(l->minT / 2, mid.h / 6);
		text_in(l, R(mid.x, mid.y, mid.w, band), sc->detail, band * 2 / 3, l->pal->problem, l->pal->bg, true,
		        (struct word_mark){ 0 });
		mid = R(mid.x, mid.y + band + g, mid.w, mid.h - band - g);
	}
	if (sc->kind == SCREEN_CODE) { /* the code's places and undo above the twelve pictograms */
		int strip = imax(l->minT, mid.h / 5);
		int undo = find_role(sc, ROLE_UNDO);
		struct rect places = R(mid.x, mid.y, mid.w - (undo >= 0 ? strip * 2 + g : 0), strip);
		pictogram_row(l, sc, places, sc->nrow);
		if (undo >= 0)
			card(l, sc, (size_t)undo, R(mid.x + mid.w - strip * 2, mid.y, strip * 2, strip), true, 0);
		mid = R(mid.x, mid.y + strip + g, mid.w, mid.h - strip - g);
	}
	grid(l, sc, cards, n, mid);
	bottom_band(l, sc, bot);
	return l;
}

void layout_destroy(struct layout *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].kind == DRAW_TEXT)
			free((char *)l->items[i].text);
	free(l->items);
	free(l);
}

size_t layout_count(const struct layout *l)
{
	return l->n;
}

const struct draw *layout_item(const struct layout *l, size_t i)
{
	return &l->items[i];
}

int layout_hit(const struct layout *l, int x, int y)
{
	/* Later targets are drawn on top (the whole-screen start target comes first). */
	for (size_t i = l->nrects; i-- > 0;) {
		const struct rect *r = &l->rects[i];
		if (x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h)
			return (int)i;
	}
	return -1;
}

struct rect layout_target_rect(const struct layout *l, size_t target)
{
	return target < l->nrects ? l->rects[target] : (struct rect){ 0, 0, 0, 0 };
}

uint32_t layout_background(bool contrast)
{
	return contrast ? strong.bg : normal.bg;
}

static double luminance(uint32_t c)
{
	double ch[3] = { (c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff };
	for (int i = 0; i < 3; i++) {
		double v = ch[i] / 255.0;
		ch[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

double layout_contrast(uint32_t a, uint32_t b)
{
	double la = luminance(a), lb = luminance(b);
	return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}
