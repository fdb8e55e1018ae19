/* Layout, without a window: every target large enough, inside the window and apart from the
 * others; every text at 7:1 contrast; the confirm button in the same place on every question. */
#include <math.h>

#include "check.h"
#include "fixture.h"
#include "layout/layout.h"
#include "session/screen.h"

/* A font where every byte is 0.55 em wide: close enough to Andika for fitting. */
static int fake_measure(void *ud, const char *text, size_t len, int size)
{
	(void)ud, (void)text;
	return (int)(len * (size_t)size * 55 / 100);
}

static const int sizes[][2] = { { 800, 480 },  { 1024, 600 },  { 1280, 800 }, { 1920, 1080 },
	                        { 3840, 2160 }, { 480, 800 },   { 600, 1024 }, { 1080, 1920 } };

static bool inside(struct rect r, int w, int h)
{
	return r.x >= 0 && r.y >= 0 && r.x + r.w <= w && r.y + r.h <= h;
}

static bool overlap(struct rect a, struct rect b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static int failures_for_size;

/* Checks one screen at one size; returns the confirm rect (or zeros). */
/* The person's settings every screen is checked with, in turn. */
static struct {
	bool contrast, larger, rtl;
	const char *name;
} variant;

/* The last of n targets whose rectangle holds (x, y): what a touch there means. */
static int topmost(const struct layout *l, size_t n, int x, int y)
{
	int found = -1;
	for (size_t i = 0; i < n; i++) {
		struct rect r = layout_target_rect(l, i);
		if (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h)
			found = (int)i;
	}
	return found;
}

static struct rect check_screen(struct screen *sc, int w, int h, const char *what)
{
	sc->contrast = variant.contrast;
	sc->larger = variant.larger;
	sc->rtl = variant.rtl;
	struct layout *l = layout_create(sc, w, h, (struct highlight){ 0, -1, 0, 4 }, fake_measure, NULL);
	int min_side = (int)ceil((w < h ? w : h) / 8.0);
	int before = check_failed;
	struct rect confirm = { 0, 0, 0, 0 };
	for (size_t i = 0; i < sc->ntargets; i++) {
		struct rect r = layout_target_rect(l, i);
		CHECK(inside(r, w, h));
		CHECK(r.w >= min_side && r.h >= min_side);
		if (sc->targets[i].role == ROLE_CONFIRM)
			confirm = r;
		/* The welcome screen is one target under its two corner buttons. */
		for (size_t j = i + 1; j < sc->ntargets && sc->targets[i].role != ROLE_START; j++)
			CHECK(!overlap(r, layout_target_rect(l, j)));
	}
	/* Hit-testing from the layout, the screen untouched: each target's centre finds it (the
	 * welcome screen's whole-window target is under its corner buttons), a point off every
	 * target finds none, and every point finds the last target placed over it. */
	bool whole = false;
	for (size_t i = 0; i < sc->ntargets; i++) {
		struct rect r = layout_target_rect(l, i);
		whole |= r.w == w && r.h == h;
		int hit = layout_hit(l, r.x + r.w / 2, r.y + r.h / 2);
		CHECK(hit == (int)i || (r.w == w && r.h == h && hit >= 0));
	}
	CHECK_INT(layout_hit(l, -1, -1), -1);
	CHECK_INT(layout_hit(l, w, h), -1);
	if (!whole)
		CHECK_INT(layout_hit(l, 0, 0), -1); /* the margin */
	CHECK(layout_target_rect(l, sc->ntargets).w == 0);
	int differ = 0;
	for (int y = 0; y < h; y += 13)
		for (int x = 0; x < w; x += 13)
			differ += layout_hit(l, x, y) != topmost(l, sc->ntargets, x, y);
	CHECK_INT(differ, 0);
	for (size_t i = 0; i < layout_count(l); i++) {
		const struct draw *d = layout_item(l, i);
		if (d->kind == DRAW_TEXT) {
			CHECK(layout_contrast(d->color, d->bg) >= 7.0);
			CHECK(inside(d->r, w, h));
			CHECK(d->size >= 12);
		}
		if (d->kind == DRAW_IMAGE)
			CHECK(inside(d->r, w, h));
	}
	/* Mirrored for a right-to-left language: confirm at the bottom left. */
	if (confirm.w && h > 0)
		CHECK(variant.rtl ? confirm.x + confirm.w / 2 < w / 2 : confirm.x + confirm.w / 2 > w / 2);
	if (check_failed != before) {
		fprintf(stderr, "  ... on %s at %dx%d (%s)\n", what, w, h, variant.name);
		failures_for_size++;
	}
	layout_destroy(l);
	return confirm;
}

/* Builds sc again, releasing what it held. */
static void build(struct screen *sc, const struct session *s, const struct i18n *L)
{
	screen_release(sc);
	screen_build(sc, s, L);
}

static bool same(struct rect a, struct rect b)
{
	return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

/* The word being said is marked where it is drawn, however many times the line changes
 * direction before it: here a text at the content limit of alternating Latin and Arabic words
 * (a direction change every 4 bytes, about 150 runs). */
static void test_span_many_runs(void)
{
	char text[CONTENT_MAX_TEXT_BYTES + 1];
	for (size_t i = 0; i < CONTENT_MAX_TEXT_BYTES; i += 8)
		memcpy(text + i, "ab \xd8\xa8\xd8\xa8 ", 8); /* "ab ", "بب " */
	text[CONTENT_MAX_TEXT_BYTES] = '\0';
	/* A left-to-right line, each Arabic word alone: drawn in byte order, so "ab" at byte a is
	 * at the width of what comes before it (the fake font: 11 px a byte at size 20). */
	for (size_t a = 0; a < CONTENT_MAX_TEXT_BYTES; a += 8 * 7) {
		int x = -1, w = -1;
		layout_span(fake_measure, NULL, text, CONTENT_MAX_TEXT_BYTES, 20, false, a, a + 2, &x, &w);
		CHECK_INT(x, (int)a * 11);
		CHECK_INT(w, 22);
	}
}

/* A text of many short lines: each one drawn, none left off (lines were cut at 16). */
static void test_many_lines(void)
{
	char text[40 * 4 + 1];
	size_t n = 0;
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "L%02d\n", i);
	text[n - 1] = '\0';
	struct screen sc = { .kind = SCREEN_INFO, .text = text, .lang = "fr", .pictogram = "info" };
	struct layout *l = layout_create(&sc, 1280, 800, HIGHLIGHT_NONE, fake_measure, NULL);
	bool seen[40] = { false };
	for (size_t i = 0; i < layout_count(l); i++) {
		const struct draw *d = layout_item(l, i);
		int k;
		if (d->kind == DRAW_TEXT && sscanf(d->text, "L%d", &k) == 1 && k >= 0 && k < 40)
			seen[k] = true;
	}
	int drawn = 0;
	for (int i = 0; i < 40; i++)
		drawn += seen[i];
	CHECK_INT(drawn, 40);
	layout_destroy(l);
}

int main(void)
{
	test_span_many_runs();
	test_many_lines();
	struct i18n *i18n = fixture_i18n();
	struct content *c = fixture_content();
	const struct questionnaire *offered[2] = { content_find(c, "a-flow"), content_find(c, "b-short") };
	struct fake_clock clock = { 0, "2026-11-23" };
	const char *langs[32];
	size_t nl = 0;
	for (; nl < i18n_count(i18n) && nl < 32; nl++)
		langs[nl] = i18n_lang(i18n, nl)->code;
	struct session_options o = { .offered = offered, .noffered = 2, .languages = langs, .nlanguages = nl,
		                     .clock = { fake_now, fake_today, &clock } };
	static const struct { bool contrast, larger, rtl; const char *name; } variants[] = {
		{ false, false, false, "usual" }, { true, false, false, "strong colours" },
		{ false, true, false, "larger text" }, { true, true, true, "right to left, strong, larger" },
	};
	for (size_t v = 0; v < PV_ARRAY_LEN(variants); v++)
	for (size_t k = 0; k < PV_ARRAY_LEN(sizes); k++) {
		variant.contrast = variants[v].contrast;
		variant.larger = variants[v].larger;
		variant.rtl = variants[v].rtl;
		variant.name = variants[v].name;
		int w = sizes[k][0], h = sizes[k][1];
		struct session *s = session_create(&o);
		struct screen sc = { 0 };
		build(&sc, s, i18n);
		check_screen(&sc, w, h, "welcome");
		struct layout *wl = layout_create(&sc, w, h, HIGHLIGHT_NONE, fake_measure, NULL);
		CHECK(layout_target_rect(wl, 0).w == w && layout_target_rect(wl, 0).h == h); /* touch anywhere */
		layout_destroy(wl);
		session_apply(s, (struct action){ A_START, 0 });
		build(&sc, s, i18n);
		check_screen(&sc, w, h, "menu");
		session_apply(s, (struct action){ A_OPEN, 0 });
		struct rect first = { 0, 0, 0, 0 };
		/* Every question of a-flow, from 0 to 6 cards plus the refusal, selection shown. */
		for (int step = 0; session_state(s) == SS_QUESTION && step < 10; step++) {
			session_apply(s, (struct action){ A_SELECT, 0 });
			session_apply(s, (struct action){ A_SELECT, 1 });
			build(&sc, s, i18n);
			struct rect r = check_screen(&sc, w, h, session_question(s)->id);
			if (step == 0)
				first = r;
			CHECK(same(r, first)); /* the confirm button never moves */
			session_apply(s, (struct action){ A_CONFIRM, 0 });
		}
		CHECK_INT(session_state(s), SS_THANKS);
		build(&sc, s, i18n);
		check_screen(&sc, w, h, "thanks");
		session_destroy(s);

		/* "Still there?" and the problem banner. */
		s = session_create(&o);
		session_apply(s, (struct action){ A_START, 0 });
		clock.now += 100000;
		session_tick(s);
		build(&sc, s, i18n);
		CHECK_INT(sc.kind, SCREEN_STILL_THERE);
		check_screen(&sc, w, h, "still-there");
		session_destroy(s);
		clock.now = 0;
		s = session_create(&o);
		session_apply(s, (struct action){ A_START, 0 });
		session_apply(s, (struct action){ A_OPEN, 0 });
		session_apply(s, (struct action){ A_CONFIRM, 0 });
		build(&sc, s, i18n);
		sc.problem = "Votre réponse n'est pas encore enregistrée.\nDemandez de l'aide à l'équipe.";
		check_screen(&sc, w, h, "problem");
		session_destroy(s);

		/* The language grid, with one chosen, and the settings. */
		s = session_create(&o);
		session_apply(s, (struct action){ A_LANGUAGES, 0 });
		session_apply(s, (struct action){ A_SELECT, 2 });
		build(&sc, s, i18n);
		CHECK_INT(sc.kind, SCREEN_LANGUAGE);
		check_screen(&sc, w, h, "languages");
		session_apply(s, (struct action){ A_SETTINGS, 0 });
		session_apply(s, (struct action){ A_TOGGLE, SET_SLOWER });
		build(&sc, s, i18n);
		CHECK_INT(sc.kind, SCREEN_SETTINGS);
		check_screen(&sc, w, h, "settings");
		session_destroy(s);
		screen_release(&sc);
	}
	/* The star: a refused step leaves a gap, not a mark at the centre. */
	struct screen st = { .kind = SCREEN_STAR, .text = "Voici vos progrès.", .lang = "fr" };
	st.chart = (struct chart){ .n = 4, .picto = { "comp-team", "comp-rights", "comp-power", "comp-listening" },
		                   .first = { 0, 2, 3, 1 }, .latest = { 2, 3, 3, 4 }, .max = 4, .has_first = true,
		                   .legend_then = "La première fois", .legend_now = "Aujourd'hui" };
	struct layout *ls = layout_create(&st, 1280, 800, HIGHLIGHT_NONE, fake_measure, NULL);
	int squares = 0, discs = 0, dashed = 0;
	for (size_t i = 0; i < layout_count(ls); i++) {
		const struct draw *dr = layout_item(ls, i);
		squares += dr->kind == DRAW_DOT && dr->square;
		discs += dr->kind == DRAW_DOT && !dr->square;
		dashed += dr->kind == DRAW_LINE && dr->dashed;
	}
	CHECK_INT(squares, 3 + 1); /* three answered the first time, and the legend's */
	CHECK_INT(discs, 4 + 1);
	CHECK_INT(dashed, 2 + 1); /* the first polygon's two sides between answered steps, and the legend's */
	layout_destroy(ls);
	/* The palette itself. */
	CHECK(layout_contrast(0x000000, 0xFFFFFF) > 20.9);
	CHECK(fabs(layout_contrast(0x777777, 0xFFFFFF) - 4.48) < 0.01);
	content_destroy(c);
	i18n_destroy(i18n);
	return check_done();
}
