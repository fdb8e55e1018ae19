#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The palette: every text colour against its background reaches 7:1 (checked in tests). */
enum {
	C_BG = 0xF4F1EA,       /* warm paper */
	C_INK = 0x1A1A1A,
	C_CARD = 0xFFFFFF,
	C_CARD_EDGE = 0x5C5C5C,
	C_SELECTED = 0xD6E6FF,
	C_SELECTED_EDGE = 0x0B4FA8,
	C_REFUSE = 0xE6E6E6,
	C_CONFIRM = 0x085A1D,  /* dark green, white text */
	C_DISABLED = 0xD9D9D9,
	C_DISABLED_INK = 0x333333,
	C_WHITE = 0xFFFFFF,
	C_PROBLEM = 0x8B0000,
	C_SPEAKING = 0xE07B00, /* the frame around what is being said */
	C_LEVEL_ON = 0x0B4FA8,
	C_LEVEL_OFF = 0xC8C8C8,
};

struct layout {
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

static struct draw *push(struct layout *l, enum draw_kind k, struct rect r)
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

static void image(struct layout *l, struct rect r, const char *name)
{
	if (name)
		push(l, DRAW_IMAGE, r)->image = name;
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
		size_t best = 0; /* length of the longest prefix that fits, ending at a word end */
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
		if (!best) /* an empty line */
			best = 0;
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

static int widest(struct layout *l, const char *text, int size, int w)
{
	size_t starts[16], lens[16];
	int n = wrap(l, text, size, w, starts, lens, 16);
	int m = 0;
	for (int i = 0; i < n && i < 16; i++) {
		int x = l->measure(l->mud, text + starts[i], lens[i], size);
		if (x > m)
			m = x;
	}
	return m;
}

/* The largest size (<= max_size, >= a floor) at which text fits in r. */
static int fit_size(struct layout *l, struct rect r, const char *text, int max_size)
{
	int size = max_size;
	int min_size = l->s / 40 > 12 ? l->s / 40 : 12;
	for (; size > min_size; size -= size > 40 ? 3 : 1) {
		int n = wrap(l, text, size, r.w, NULL, NULL, 0);
		if (n * size * 5 / 4 <= r.h && widest(l, text, size, r.w) <= r.w)
			break;
	}
	return size;
}

/* Places text in r at `size`, each line centred (or left-aligned). */
static void place_text(struct layout *l, struct rect r, const char *text, int size, uint32_t ink,
                       uint32_t bg, int align_left)
{
	size_t starts[16], lens[16];
	int n = wrap(l, text, size, r.w, starts, lens, 16);
	if (n > 16)
		n = 16;
	int line_h = size * 5 / 4;
	int y = r.y + (r.h - n * line_h) / 2;
	for (int i = 0; i < n; i++, y += line_h) {
		int tw = l->measure(l->mud, text + starts[i], lens[i], size);
		int x = align_left ? r.x : r.x + (r.w - tw) / 2;
		struct draw *d = push(l, DRAW_TEXT, R(x, y, tw, line_h));
		d->text = xstrndup(text + starts[i], lens[i]);
		d->size = size;
		d->color = ink;
		d->bg = bg;
	}
}

/* Places text in r at the largest size (<= max_size) at which it fits, centred. */
static void text_in(struct layout *l, struct rect r, const char *text, int max_size, uint32_t ink,
                    uint32_t bg, int align_left)
{
	if (!text || r.w <= 0 || r.h <= 0)
		return;
	place_text(l, r, text, fit_size(l, r, text, max_size), ink, bg, align_left);
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
static void card(struct layout *l, const struct screen *sc, size_t ti, struct rect r, int highlight,
                 bool label_on, int label_size)
{
	const struct target *t = &sc->targets[ti];
	l->rects[ti] = r;
	uint32_t bg = C_CARD, ink = C_INK, edge = C_CARD_EDGE;
	int edge_w = l->s / 160 + 1;
	if (t->role == ROLE_CONFIRM || t->role == ROLE_CONTINUE) {
		bg = t->enabled ? C_CONFIRM : C_DISABLED;
		ink = t->enabled ? C_WHITE : C_DISABLED_INK;
		edge = bg;
	} else if (t->role == ROLE_REFUSE) {
		bg = C_REFUSE;
	}
	if (t->selected) {
		bg = C_SELECTED;
		edge = C_SELECTED_EDGE;
		edge_w = l->s / 60 + 2;
	}
	fill(l, r, bg);
	frame(l, r, edge, edge_w);
	struct rect in = card_inside(l, r);
	if (label_on && t->label) {
		struct rect lr = label_rect(l, in, t->pictogram != NULL);
		if (in.w > in.h * 2)
			image(l, inset(square_in(R(in.x, in.y, in.h, in.h)), in.h / 10), t->pictogram);
		else
			image(l, square_in(R(in.x, in.y, in.w, in.h - lr.h)), t->pictogram);
		int size = label_size ? label_size : fit_size(l, lr, t->label, lr.h / 2);
		place_text(l, lr, t->label, size, ink, bg, 0);
	} else {
		image(l, square_in(inset(in, in.w / 12)), t->pictogram);
	}
	if (t->selected) { /* a check mark in the corner: selection shown by shape, not colour alone */
		int c = (r.h < r.w ? r.h : r.w) / 5;
		image(l, R(r.x + r.w - c - edge_w, r.y + edge_w, c, c), "confirm");
	}
	if ((int)ti == highlight)
		frame(l, inset(r, -(l->gap / 2)), C_SPEAKING, l->gap / 2 + 2);
}

/* Chooses columns and rows for n cards in r so that the pictograms are as large as possible. */
static void grid(struct layout *l, const struct screen *sc, const size_t *idx, size_t n, struct rect r,
                 int highlight)
{
	if (!n)
		return;
	int g = l->gap, best_cols = 1;
	double best = -1;
	for (int cols = 1; cols <= (int)n; cols++) {
		int rows = ((int)n + cols - 1) / cols;
		double cw = (r.w - (cols - 1) * g) / (double)cols, ch = (r.h - (rows - 1) * g) / (double)rows;
		/* Narrow cards squeeze their labels: width counts for less than height. */
		double picto = fmin(cw * 0.6, ch * 0.65);
		if (picto > best + 0.5) {
			best = picto;
			best_cols = cols;
		}
	}
	int cols = best_cols, rows = ((int)n + cols - 1) / cols;
	int cw = (r.w - (cols - 1) * g) / cols, ch = (r.h - (rows - 1) * g) / rows;
	/* Cards no wider than 1.6 times their height: a very wide card is hard to read as one thing. */
	if (cw > ch * 8 / 5)
		cw = ch * 8 / 5;
	/* One label size for all the cards, so that no answer looks more important than another. */
	int label_size = 0;
	for (size_t i = 0; i < n; i++) {
		const struct target *t = &sc->targets[idx[i]];
		if (t->role == ROLE_REFUSE) /* the same on every question: it has its own size */
			continue;
		struct rect lr = label_rect(l, card_inside(l, R(0, 0, cw, ch)), t->pictogram != NULL);
		int s = fit_size(l, lr, t->label, lr.h / 2);
		if (!label_size || s < label_size)
			label_size = s;
	}
	for (size_t i = 0; i < n; i++) {
		int row = (int)i / cols, col = (int)i % cols;
		int in_row = row == rows - 1 ? (int)n - row * cols : cols;
		int row_w = in_row * cw + (in_row - 1) * g;
		int x0 = r.x + (r.w - row_w) / 2;
		int y0 = r.y + (r.h - (rows * ch + (rows - 1) * g)) / 2;
		card(l, sc, idx[i], R(x0 + col * (cw + g), y0 + row * (ch + g), cw, ch), highlight, true,
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

static int imax(int a, int b)
{
	return a > b ? a : b;
}

/* The bottom band: volume on the left, confirm on the right, in the same place on every screen. */
static void bottom_band(struct layout *l, const struct screen *sc, struct rect band, int highlight)
{
	int down = find_role(sc, ROLE_VOLUME_DOWN), up = find_role(sc, ROLE_VOLUME_UP);
	int ok = find_role(sc, ROLE_CONFIRM);
	int b = band.h, g = l->gap;
	/* The level shown between the volume buttons narrows on a narrow screen. */
	int level_w = band.w > band.h * 8 ? b : b / 2;
	int used = 0;
	if (down >= 0 && up >= 0) {
		card(l, sc, (size_t)down, R(band.x, band.y, b, b), highlight, false, 0);
		struct rect level = R(band.x + b + g, band.y + b / 4, level_w, b / 2);
		int bars = sc->volume_max, bw = level.w / (bars ? bars : 1);
		for (int i = 0; i < bars; i++) {
			int bh = level.h * (i + 1) / bars;
			fill(l, R(level.x + i * bw, level.y + level.h - bh, bw - imax(1, bw / 4), bh),
			     i < sc->volume ? C_LEVEL_ON : C_LEVEL_OFF);
		}
		card(l, sc, (size_t)up, R(level.x + level.w + g, band.y, b, b), highlight, false, 0);
		used = 2 * b + level_w + 3 * g;
	}
	if (ok >= 0) {
		int w = imax(b * 5 / 2, band.w * 3 / 10);
		if (w > band.w - used)
			w = band.w - used;
		card(l, sc, (size_t)ok, R(band.x + band.w - w, band.y, w, b), highlight, true, 0);
	}
}

/* The top band: back on the left, listen-again on the right, the text and its pictogram between. */
static void top_band(struct layout *l, const struct screen *sc, struct rect band, int highlight,
                     bool portrait)
{
	int back = find_role(sc, ROLE_BACK), replay = find_role(sc, ROLE_REPLAY);
	int g = l->gap;
	int bs = portrait ? imax(l->minT, band.h * 2 / 5) : imax(l->minT, band.h * 3 / 5);
	if (back >= 0)
		card(l, sc, (size_t)back, R(band.x, band.y, bs, bs), highlight, false, 0);
	if (replay >= 0)
		card(l, sc, (size_t)replay, R(band.x + band.w - bs, band.y, bs, bs), highlight, false, 0);
	struct rect mid;
	if (portrait) {
		if (sc->kind != SCREEN_INFO)
			image(l, square_in(R(band.x + bs + g, band.y, band.w - 2 * (bs + g), bs)), sc->pictogram);
		mid = R(band.x, band.y + bs + g, band.w, band.h - bs - g);
	} else {
		int ph = band.h;
		if (sc->pictogram && sc->kind != SCREEN_INFO) { /* an info screen shows it large below */
			image(l, R(band.x + bs + g, band.y, ph, ph), sc->pictogram);
			mid = R(band.x + bs + g + ph + g, band.y, band.w - 2 * (bs + g) - ph - g, band.h);
		} else {
			mid = R(band.x + bs + g, band.y, band.w - 2 * (bs + g), band.h);
		}
	}
	text_in(l, mid, sc->text, imax(l->s / 11, 16), C_INK, C_BG, 0);
}

static void problem_banner(struct layout *l, const struct screen *sc, struct rect r)
{
	fill(l, r, C_PROBLEM);
	struct rect in = inset(r, l->gap / 2);
	image(l, R(in.x, in.y, in.h, in.h), "problem");
	text_in(l, R(in.x + in.h + l->gap, in.y, in.w - in.h - l->gap, in.h), sc->problem, in.h * 2 / 5,
	        C_WHITE, C_PROBLEM, 0);
}

/* A screen that is one big message: pictogram and text, the whole window one target. */
static void message_screen(struct layout *l, const struct screen *sc, int w, int h, int highlight)
{
	int g = l->gap;
	int start = find_role(sc, ROLE_START), fin = find_role(sc, ROLE_CONTINUE);
	int whole = start >= 0 ? start : fin;
	if (whole >= 0)
		l->rects[whole] = R(0, 0, w, h);
	int ps = l->s * 9 / 20;
	image(l, R((w - ps) / 2, h / 12, ps, ps), sc->pictogram);
	text_in(l, R(g * 2, h / 12 + ps + g, w - 4 * g, h - (h / 12 + ps + 2 * g) - g), sc->text,
	        imax(l->s / 10, 16), C_INK, C_BG, 0);
	if (whole >= 0 && whole == highlight)
		frame(l, inset(R(0, 0, w, h), g / 2), C_SPEAKING, g / 2 + 2);
}

static void still_there(struct layout *l, const struct screen *sc, int w, int h, int highlight)
{
	int g = l->gap;
	int ps = l->s * 3 / 10;
	image(l, R((w - ps) / 2, g * 2, ps, ps), sc->pictogram);
	text_in(l, R(g * 2, g * 3 + ps, w - 4 * g, h / 5), sc->text, imax(l->s / 10, 16), C_INK, C_BG, 0);
	int cont = find_role(sc, ROLE_CONTINUE);
	int bh = imax(l->minT, h / 4), bw = imax(w / 2, bh * 2);
	if (bw > w - 2 * g)
		bw = w - 2 * g;
	if (cont >= 0)
		card(l, sc, (size_t)cont, R((w - bw) / 2, h - bh - g * 2, bw, bh), highlight, true, 0);
}

struct layout *layout_create(const struct screen *sc, int w, int h, int highlight, measure_fn measure,
                             void *measure_ud)
{
	struct layout *l = xcalloc(1, sizeof *l);
	l->measure = measure;
	l->mud = measure_ud;
	l->s = w < h ? w : h;
	l->gap = imax(4, l->s / 48);
	l->minT = (l->s + 7) / 8;
	l->nrects = sc->ntargets;
	bool portrait = h > w;
	int g = l->gap;
	fill(l, R(0, 0, w, h), C_BG);
	switch (sc->kind) {
	case SCREEN_WELCOME:
	case SCREEN_THANKS:
		message_screen(l, sc, w, h, highlight);
		return l;
	case SCREEN_STILL_THERE:
		still_there(l, sc, w, h, highlight);
		return l;
	default: break;
	}
	int top_h = portrait ? h * 27 / 100 : h * 26 / 100;
	int bot_h = imax(l->minT, h * (portrait ? 11 : 17) / 100);
	struct rect top = R(g, g, w - 2 * g, imax(top_h, l->minT));
	struct rect bot = R(g, h - g - bot_h, w - 2 * g, bot_h);
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
		if (r == ROLE_CHOICE || r == ROLE_REFUSE || r == ROLE_QUESTIONNAIRE)
			cards[n++] = i;
	}
	top_band(l, sc, top, highlight, portrait);
	if (sc->kind == SCREEN_INFO) /* no cards: the pictogram large in the middle */
		image(l, square_in(inset(mid, g)), sc->pictogram ? sc->pictogram : "info");
	grid(l, sc, cards, n, mid, highlight);
	bottom_band(l, sc, bot, highlight);
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

void layout_apply_rects(const struct layout *l, struct screen *sc)
{
	for (size_t i = 0; i < sc->ntargets && i < l->nrects; i++)
		sc->targets[i].rect = l->rects[i];
}

uint32_t layout_background(void)
{
	return C_BG;
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
