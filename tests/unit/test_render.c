/* test_render: every text of every language, on every kind of screen, drawn with the real fonts
 * at 800x480 in the largest text size: each character has a glyph in a font (no empty boxes),
 * and each line fits the room layout gave it, measured again here. */
#include <SDL.h>
#include <string.h>

#include "i18n/bidi.h"
#include "check.h"
#include "fixture.h"
#include "admin/admin.h"
#include "admin/adminui.h"
#include "i18n/l10n.h"
#include "layout/layout.h"
#include "session/person.h"
#include "kiosk/render.h"
#include "session/screen.h"

static struct fake_clock clk = { 0, "2026-11-23" };
static struct render *R;
static const struct i18n *L;
static size_t texts_checked;

static bool inside(struct rect a, struct rect box)
{
	return a.x >= box.x && a.y >= box.y && a.x + a.w <= box.x + box.w && a.y + a.h <= box.y + box.h;
}

static void check_screen(const struct screen *sc, int w, int h, const char *what)
{
	struct layout *l = layout_create(sc, w, h, HIGHLIGHT_NONE, render_measure, R);
	int before = check_failed;
	for (size_t i = 0; i < layout_count(l); i++) {
		const struct draw *d = layout_item(l, i);
		if (d->kind != DRAW_TEXT)
			continue;
		texts_checked++;
		uint32_t cp = 0;
		if (render_missing_glyph(R, d->text, &cp) != 0) {
			CHECK(false);
			fprintf(stderr, "  no font has U+%04X in \"%s\"\n", cp, d->text);
		}
		int width = render_measure(R, d->text, strlen(d->text), d->size);
		struct rect drawn = { d->r.x, d->r.y, width, d->r.h };
		if (d->rtl || sc->rtl) /* drawn from its right edge on a mirrored screen: the same room */
			drawn.x = d->r.x + d->r.w - width;
		if (width > d->box.w || !inside(drawn, d->box) || !inside(d->box, (struct rect){ 0, 0, w, h })) {
			CHECK(false);
			fprintf(stderr, "  \"%s\" at size %d: %dx%d at (%d,%d) in a box of %dx%d at (%d,%d)\n", d->text,
			        d->size, width, d->r.h, drawn.x, drawn.y, d->box.w, d->box.h, d->box.x, d->box.y);
		}
	}
	/* Drawn for real: every piece of every line through SDL_ttf and HarfBuzz. */
	CHECK_INT(render_draw(R, l), 0);
	if (check_failed != before)
		fprintf(stderr, "  ... on %s in %s at %dx%d%s\n", what, sc->lang, w, h, sc->larger ? ", larger text" : "");
	layout_destroy(l);
}

/* Walks one person through every kind of screen in language `code`, checking each. */
static void walk(const struct content *c, const char *code, int w, int h, bool larger)
{
	const char *langs[64];
	size_t nl = 0;
	for (size_t i = 0; i < i18n_count(L) && nl < 64; i++)
		langs[nl++] = i18n_lang(L, i)->code;
	const struct questionnaire *qn = content_get(c, 0);
	const struct questionnaire *offered[2] = { qn, qn }; /* two: the menu appears */
	struct session_options o = {
		.offered = offered, .noffered = 2, .language = "fr", .languages = langs, .nlanguages = nl,
		.clock = { fake_now, fake_today, &clk },
	};
	struct session *s = session_create(&o);
	struct screen sc = { 0 };
	if (larger) {
		session_apply(s, (struct action){ A_SETTINGS, 0 });
		session_apply(s, (struct action){ A_TOGGLE, SET_LARGER });
		session_apply(s, (struct action){ A_CONFIRM, 0 });
	}
	session_apply(s, (struct action){ A_LANGUAGES, 0 });
	screen_release(&sc);
	screen_build(&sc, s, L);
	check_screen(&sc, w, h, "the language grid");
	session_apply(s, (struct action){ A_SELECT, i18n_index(L, code) });
	session_apply(s, (struct action){ A_CONFIRM, 0 });
	CHECK_STR(session_language(s), code);
	screen_release(&sc);
	screen_build(&sc, s, L);
	check_screen(&sc, w, h, "the menu");
	session_apply(s, (struct action){ A_SETTINGS, 0 });
	screen_release(&sc);
	screen_build(&sc, s, L);
	check_screen(&sc, w, h, "the settings");
	session_apply(s, (struct action){ A_CONFIRM, 0 });
	session_apply(s, (struct action){ A_OPEN, 0 });
	for (int guard = 0; guard < 50 && session_state(s) == SS_QUESTION; guard++) {
		screen_release(&sc);
		screen_build(&sc, s, L);
		char what[120];
		snprintf(what, sizeof what, "question %s", session_question(s)->id);
		check_screen(&sc, w, h, what);
		if (session_question(s)->nchoices) {
			/* The problem banner, as it shows when an answer cannot be stored. */
			struct screen p = sc;
			p.problem = i18n_ui(L, code, UI_NOT_SAVED).text;
			check_screen(&p, w, h, "the problem banner");
			session_apply(s, (struct action){ A_SELECT, 0 });
		}
		session_apply(s, (struct action){ A_CONFIRM, 0 });
	}
	CHECK_INT(session_state(s), SS_THANKS);
	screen_release(&sc);
	screen_build(&sc, s, L);
	check_screen(&sc, w, h, "thanks");
	session_destroy(s);
	/* Still there? and the welcome screen, in this language. */
	s = session_create(&o);
	session_apply(s, (struct action){ A_LANGUAGES, 0 });
	session_apply(s, (struct action){ A_SELECT, i18n_index(L, code) });
	session_apply(s, (struct action){ A_CONFIRM, 0 });
	clk.now += 10000000;
	session_tick(s);
	CHECK_INT(session_state(s), SS_STILL_THERE);
	screen_release(&sc);
	screen_build(&sc, s, L);
	check_screen(&sc, w, h, "still there");
	session_destroy(s);
	screen_release(&sc);
}

static struct person_key *key;

static int code_id(void *ud, const int code[4], char out[33])
{
	(void)ud;
	return person_id(key, code, out);
}

static void step(struct session *s, enum action_kind k, int arg)
{
	clk.now += 500;
	session_apply(s, (struct action){ k, arg });
}

/* The personal code's screens and the progress ones, in language `code`: each questionnaire is
 * answered twice with one code, so that the star has both polygons and the weeks two faces. */
static void walk_code(const struct content *c, const char *code, int w, int h, bool larger)
{
	char *dir = fixture_tmpdir(), err[300];
	char *db = path_join(dir, "r.db"), *keyp = person_key_path_for(db);
	struct store *st = store_open(db, err, sizeof err);
	key = person_key_open(keyp, err, sizeof err);
	CHECK(st && key);
	const struct questionnaire *offered[2] = { content_find(c, "checkin-weekly"),
		                                   content_find(c, "selfeval-competences") };
	const char *langs[1] = { code };
	struct session_options o = { .offered = offered, .noffered = 2, .language = code, .languages = langs,
		                     .nlanguages = 1, .clock = { fake_now, fake_today, &clk }, .store = st,
		                     .person_id = code_id };
	struct session *s = session_create(&o);
	struct screen sc = { 0 };
	for (int q = 0; q < 2; q++)
		for (int round = 0; round < 2; round++) {
			if (larger) {
				step(s, A_SETTINGS, 0);
				step(s, A_TOGGLE, SET_LARGER);
				step(s, A_CONFIRM, 0);
			}
			step(s, A_START, 0);
			step(s, A_OPEN, q);
			screen_release(&sc);
			screen_build(&sc, s, L);
			check_screen(&sc, w, h, "the code question");
			step(s, A_SELECT, 0);
			step(s, A_SELECT, 4);
			step(s, A_SELECT, 10);
			screen_release(&sc);
			screen_build(&sc, s, L);
			check_screen(&sc, w, h, "the code");
			step(s, A_SELECT, 2);
			step(s, A_SELECT, 8);
			step(s, A_CONFIRM, 0);
			screen_release(&sc);
			screen_build(&sc, s, L);
			check_screen(&sc, w, h, "the code's result");
			step(s, A_CONFIRM, 0);
			for (int guard = 0; guard < 40 && session_state(s) == SS_QUESTION; guard++) {
				const struct question *qq = session_question(s);
				if (qq->type == QT_STEPS)
					screen_release(&sc), screen_build(&sc, s, L), check_screen(&sc, w, h, "a step question");
				if (qq->nchoices)
					step(s, A_SELECT, (int)((round + guard) % qq->nchoices));
				step(s, A_CONFIRM, 0);
			}
			CHECK_INT(session_state(s), SS_PROGRESS);
			screen_release(&sc);
			screen_build(&sc, s, L);
			check_screen(&sc, w, h, q ? "the star" : "the weeks");
			step(s, A_CONFIRM, 0);
			clk.now += 100000;
			session_tick(s);
		}
	session_destroy(s);
	store_close(st);
	person_key_destroy(key);
	free(keyp);
	free(db);
	fixture_rmdir(dir);
	screen_release(&sc);
}

static long admin_now(void *ud)
{
	(void)ud;
	return 1000;
}

static void admin_day(void *ud, char day[11])
{
	(void)ud;
	memcpy(day, "2026-11-23", 11);
}

static void admin_health(void *ud, char *buf, size_t n)
{
	(void)ud;
	snprintf(buf, n, "Espace libre : 12,3 Go (/var/lib/pictovox)\nSon : oui\nVoix : 12 langues parlées sur 12\n"
	                 "Dernière erreur : /var/lib/pictovox/pictovox.db: BEGIN IMMEDIATE: database is locked");
}

/* The admin mode's screens (French, for the staff): the same rules of fit. */
static void walk_admin(const struct content *c)
{
	char *dir = fixture_tmpdir(), err[300];
	char *db = path_join(dir, "a.db");
	struct store *st = store_open(db, err, sizeof err);
	admin_set_pin(st, "12345678", err, sizeof err);
	struct adminui_options o = { st, c, 12, { admin_health, NULL, NULL }, admin_now, admin_day, NULL };
	struct adminui *a = adminui_create(&o);
	struct screen sc;
	static const int sizes[2][2] = { { 800, 480 }, { 480, 800 } };
	for (int k = 0; k < 2; k++) {
		int w = sizes[k][0], h = sizes[k][1];
		adminui_open(a);
		adminui_apply(a, (struct action){ A_SELECT, 1 });
		adminui_build(a, &sc);
		check_screen(&sc, w, h, "the admin keypad");
		for (int i = 0; i < 7; i++)
			adminui_apply(a, (struct action){ A_SELECT, 0 });
		adminui_apply(a, (struct action){ A_CONFIRM, 0 });
		adminui_build(a, &sc);
		check_screen(&sc, w, h, "the admin keypad, a wrong PIN");
		a = (adminui_destroy(a), adminui_create(&o));
		adminui_open(a);
		for (const char *p = "12345678"; *p; p++)
			adminui_apply(a, (struct action){ A_SELECT, *p - '0' });
		adminui_apply(a, (struct action){ A_CONFIRM, 0 });
		for (int item = 0; item < 4; item++) {
			adminui_build(a, &sc);
			check_screen(&sc, w, h, "the admin menu");
			adminui_apply(a, (struct action){ A_SELECT, item });
			adminui_build(a, &sc);
			check_screen(&sc, w, h, "an admin screen");
			adminui_apply(a, (struct action){ A_BACK, 0 });
		}
		adminui_apply(a, (struct action){ A_BACK, 0 });
	}
	adminui_destroy(a);
	store_close(st);
	free(db);
	fixture_rmdir(dir);
}

/* A frame with something that cannot be drawn (a pictogram that is not there) says so; the
 * next frame without it draws again. */
static void check_draw_failure(const struct content *c)
{
	const struct questionnaire *offered[1] = { content_get(c, 0) };
	const char *langs[1] = { "fr" };
	struct session_options o = { .offered = offered, .noffered = 1, .language = "fr", .languages = langs,
		                     .nlanguages = 1, .clock = { fake_now, fake_today, &clk } };
	struct session *s = session_create(&o);
	session_apply(s, (struct action){ A_START, 0 });
	struct screen sc;
	screen_build(&sc, s, L);
	struct screen broken = sc;
	for (size_t i = 0; i < broken.ntargets; i++)
		if (broken.targets[i].pictogram)
			broken.targets[i].pictogram = "no-such-pictogram";
	if (broken.pictogram)
		broken.pictogram = "no-such-pictogram";
	struct layout *l = layout_create(&broken, 800, 480, HIGHLIGHT_NONE, render_measure, R);
	bool drawn = false;
	for (size_t i = 0; i < layout_count(l); i++)
		drawn |= layout_item(l, i)->kind == DRAW_IMAGE && str_eq(layout_item(l, i)->image, "no-such-pictogram");
	CHECK(drawn); /* else this shows nothing */
	CHECK_INT(render_draw(R, l), -1);
	layout_destroy(l);
	l = layout_create(&sc, 800, 480, HIGHLIGHT_NONE, render_measure, R);
	CHECK_INT(render_draw(R, l), 0);
	layout_destroy(l);
	session_destroy(s);
}

static size_t prepare_count(const struct layout *l)
{
	render_prepare_reset(R);
	render_prepare(R, l, true);
	size_t n = 0;
	while (render_prepare_step(R))
		n++;
	return n;
}

/* Long lines (a long word, a Bengali line at a small size) are measured and cached whole: two
 * that begin alike are two textures, and a line is as wide as all of it. */
static void check_long_lines(const struct content *c)
{
	char a[1400], b[1400], other[1400];
	memset(a, 'W', sizeof a - 1);
	a[sizeof a - 1] = '\0';
	memcpy(b, a, sizeof a);
	memcpy(other, a, sizeof a);
	b[sizeof b - 2] = 'i';   /* the same as a but at the very end */
	other[0] = 'i';          /* different from the start */
	int w511 = render_measure(R, a, 511, 20), w700 = render_measure(R, a, 700, 20);
	CHECK(w700 > w511);
	const struct questionnaire *offered[1] = { content_get(c, 0) };
	const char *langs[1] = { "fr" };
	struct session_options o = { .offered = offered, .noffered = 1, .language = "fr", .languages = langs,
		                     .nlanguages = 1, .clock = { fake_now, fake_today, &clk } };
	struct session *s = session_create(&o);
	session_apply(s, (struct action){ A_START, 0 });
	struct screen sc;
	screen_build(&sc, s, L);
	sc.text = a;
	struct layout *drawn = layout_create(&sc, 800, 480, HIGHLIGHT_NONE, render_measure, R);
	bool whole = false;
	for (size_t i = 0; i < layout_count(drawn); i++)
		whole |= layout_item(drawn, i)->kind == DRAW_TEXT && str_eq(layout_item(drawn, i)->text, a);
	CHECK(whole); /* one line: else this shows nothing */
	size_t n[2];
	const char *next[2] = { b, other };
	for (int k = 0; k < 2; k++) {
		render_prepare_reset(R);
		render_draw(R, drawn); /* only a's screen is kept */
		struct screen sc2 = sc;
		sc2.text = next[k];
		sc2.problem = "Zut"; /* never drawn yet: something to prepare either way */
		struct layout *l = layout_create(&sc2, 800, 480, HIGHLIGHT_NONE, render_measure, R);
		n[k] = prepare_count(l);
		layout_destroy(l);
	}
	CHECK_INT(n[0], n[1]); /* b is made ahead like other: it is not taken for a */
	layout_destroy(drawn);
	session_destroy(s);
}

static uint64_t same_hash(const void *p, size_t n, uint64_t seed)
{
	(void)p, (void)n, (void)seed;
	return 42;
}

/* The cache of widths: texts whose hashes collide each get their own width, and a cache emptied
 * when full measures again what it forgot. */
static void check_width_cache(void)
{
	static const char *const texts[] = { "iiii", "WWWW", "WWWWWWWW", "ﻻﻻﻻﻻ" };
	int widths[PV_ARRAY_LEN(texts)];
	for (size_t i = 0; i < PV_ARRAY_LEN(texts); i++)
		widths[i] = render_measure(R, texts[i], strlen(texts[i]), 40);
	CHECK(widths[0] != widths[1] && widths[1] != widths[2]); /* else this shows nothing */
	int prefix = render_measure(R, texts[2], 4, 40), smaller = render_measure(R, texts[1], 4, 20);
	render_set_measure_hash(R, same_hash);
	for (int pass = 0; pass < 2; pass++) { /* measured, then from the cache */
		for (size_t i = 0; i < PV_ARRAY_LEN(texts); i++)
			CHECK_INT(render_measure(R, texts[i], strlen(texts[i]), 40), widths[i]);
		CHECK_INT(render_measure(R, texts[2], 4, 40), prefix);
		CHECK_INT(render_measure(R, texts[1], 4, 20), smaller);
	}
	render_set_measure_hash(R, hash_fnv1a);
	char many[32];
	for (int i = 0; i < 5000; i++) { /* more than the cache holds */
		snprintf(many, sizeof many, "w%d", i);
		render_measure(R, many, strlen(many), 30);
	}
	for (size_t i = 0; i < PV_ARRAY_LEN(texts); i++)
		CHECK_INT(render_measure(R, texts[i], strlen(texts[i]), 40), widths[i]);
}

int main(void)
{
	if (SDL_Init(0) != 0)
		return 1;
	char err[300];
	char *pictos = path_join(PICTOVOX_ASSETS, "pictograms");
	struct render_options ro = { 800, 480, false, NULL, pictos };
	R = render_create(&ro, err, sizeof err);
	free(pictos);
	CHECK(R != NULL);
	if (!R) {
		fprintf(stderr, "  %s\n", err);
		return check_done();
	}
	check_width_cache();
	struct i18n *langs = fixture_i18n();
	L = langs;
	struct diags *d = diags_create();
	struct content *c = content_load_dir(PICTOVOX_ASSETS, NULL, d);
	CHECK(c != NULL);
	for (size_t i = 0; c && i < i18n_count(L); i++) {
		walk(c, i18n_lang(L, i)->code, 800, 480, true);
		walk(c, i18n_lang(L, i)->code, 800, 480, false);
		walk_code(c, i18n_lang(L, i)->code, 800, 480, true);
	}
	if (c) {
		walk_admin(c);
		check_draw_failure(c);
		check_long_lines(c);
	}
	/* Every text of every language, shown or only spoken (hints, settings' sentences): each
	 * character has a glyph in some font, and the text draws. */
	struct l10n_string *strs;
	size_t nstr = c ? l10n_strings(c, &strs) : 0, glyphs_checked = 0;
	for (size_t i = 0; c && i < i18n_count(L); i++) {
		const char *code = i18n_lang(L, i)->code;
		for (size_t k = 0; k < nstr; k++) {
			struct tstr t = i18n_get(L, code, strs[k].key, strs[k].msgid, strs[k].source);
			uint32_t cp = 0;
			if (render_missing_glyph(R, t.text, &cp) != 0) {
				CHECK(false);
				fprintf(stderr, "  %s %s: no font has U+%04X\n", code, strs[k].key, cp);
			}
			glyphs_checked++;
		}
	}
	if (c) {
		CHECK(glyphs_checked == nstr * i18n_count(L) && nstr > 150);
		free(strs);
	}
	CHECK(texts_checked > 1000);
	fprintf(stderr, "%zu lines of text checked\n", texts_checked);
	content_destroy(c);
	diags_destroy(d);
	i18n_destroy(langs);
	render_destroy(R);
	SDL_Quit();
	return check_done();
}
