#include "i18n/bidi.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

uint32_t utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = len - *i;
	uint32_t c = p[0];
	size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
	if (n == 0 || n > left) {
		(*i)++;
		return 0xFFFD;
	}
	if (n > 1) {
		c &= 0x7f >> n;
		for (size_t k = 1; k < n; k++) {
			if ((p[k] & 0xc0) != 0x80) {
				(*i)++;
				return 0xFFFD;
			}
			c = (c << 6) | (p[k] & 0x3f);
		}
		/* Overlong forms, surrogates and values past U+10FFFF are not characters. */
		static const uint32_t least[5] = { 0, 0, 0x80, 0x800, 0x10000 };
		if (c < least[n] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
			(*i)++;
			return 0xFFFD;
		}
	}
	*i += n;
	return c;
}

/* A line of a screen is short: its work is done on the stack up to BIDI_MAX_CHARS characters,
 * on the heap past that. */
#define BIDI_MAX_CHARS 1024

/* fribidi's arrays for n characters, and each character's byte offset (one more: the end). */
struct work {
	FriBidiChar *chars;
	size_t *offs;
	FriBidiCharType *types;
	FriBidiBracketType *brackets;
	FriBidiLevel *levels, *rl; /* each character's level; each run's */
};

/* Into bl, in at most max runs: past max, the rest of the line joins the last run in logical
 * order (only bidi_runs asks for fewer than there are). */
static void split(struct bidi_line *bl, const char *line, size_t len, bool rtl_base, size_t max, struct work *w)
{
	size_t n = 0, i = 0;
	while (i < len) {
		w->offs[n] = i;
		w->chars[n++] = utf8_next(line, len, &i);
	}
	w->offs[n] = len;
	fribidi_get_bidi_types(w->chars, (FriBidiStrIndex)n, w->types);
	fribidi_get_bracket_types(w->chars, (FriBidiStrIndex)n, w->types, w->brackets);
	FriBidiParType par = rtl_base ? FRIBIDI_PAR_WRTL : FRIBIDI_PAR_WLTR;
	if (!fribidi_get_par_embedding_levels_ex(w->types, w->brackets, (FriBidiStrIndex)n, &par, w->levels)) {
		/* fribidi failed (out of memory): one run in the base direction */
		bl->room[0] = (struct bidi_run){ 0, len, rtl_base };
		bl->n = 1;
		return;
	}
	/* Runs of equal level, in logical order: counted, then given room. */
	size_t nr = 0;
	for (size_t k = 0; k < n; k++)
		nr += k == 0 || w->levels[k] != w->levels[k - 1];
	if (nr > max)
		nr = max;
	if (nr > BIDI_MAX_RUNS)
		bl->run = xmalloc(nr * sizeof *bl->run);
	struct bidi_run *runs = bl->run;
	FriBidiLevel *rl = w->rl;
	nr = 0;
	for (size_t k = 0; k < n; k++) {
		if (nr && rl[nr - 1] == w->levels[k]) {
			runs[nr - 1].len = w->offs[k + 1] - runs[nr - 1].start;
			continue;
		}
		if (nr == max) { /* out of room: the rest joins the last run */
			runs[nr - 1].len = w->offs[n] - runs[nr - 1].start;
			break;
		}
		rl[nr] = w->levels[k];
		runs[nr++] = (struct bidi_run){ w->offs[k], w->offs[k + 1] - w->offs[k], w->levels[k] & 1 };
	}
	bl->n = nr;
	/* Rule L2: from the highest level down to the lowest odd one, reverse every sequence of
	 * runs at that level or above. */
	int hi = 0, lo_odd = 255;
	for (size_t k = 0; k < nr; k++) {
		if (rl[k] > hi)
			hi = rl[k];
		if ((rl[k] & 1) && rl[k] < lo_odd)
			lo_odd = rl[k];
	}
	for (int lv = hi; lv >= lo_odd && lv > 0; lv--) {
		for (size_t k = 0; k < nr;) {
			if (rl[k] < lv) {
				k++;
				continue;
			}
			size_t e = k;
			while (e < nr && rl[e] >= lv)
				e++;
			for (size_t a = k, b = e - 1; a < b; a++, b--) {
				struct bidi_run t = runs[a];
				runs[a] = runs[b];
				runs[b] = t;
				FriBidiLevel tl = rl[a];
				rl[a] = rl[b];
				rl[b] = tl;
			}
			k = e;
		}
	}
}

static void split_max(struct bidi_line *bl, const char *line, size_t len, bool rtl_base, size_t max)
{
	bl->run = bl->room;
	bl->n = 0;
	if (!len)
		return;
	/* A line has at most one character per byte. */
	if (len <= BIDI_MAX_CHARS) {
		FriBidiChar chars[BIDI_MAX_CHARS];
		size_t offs[BIDI_MAX_CHARS + 1];
		FriBidiCharType types[BIDI_MAX_CHARS];
		FriBidiBracketType brackets[BIDI_MAX_CHARS];
		FriBidiLevel levels[BIDI_MAX_CHARS], rl[BIDI_MAX_CHARS];
		struct work w = { chars, offs, types, brackets, levels, rl };
		split(bl, line, len, rtl_base, max, &w);
		return;
	}
	struct work w = { xmalloc(len * sizeof *w.chars), xmalloc((len + 1) * sizeof *w.offs),
		          xmalloc(len * sizeof *w.types), xmalloc(len * sizeof *w.brackets),
		          xmalloc(len * sizeof *w.levels), xmalloc(len * sizeof *w.rl) };
	split(bl, line, len, rtl_base, max, &w);
	free(w.chars);
	free(w.offs);
	free(w.types);
	free(w.brackets);
	free(w.levels);
	free(w.rl);
}

void bidi_line_split(struct bidi_line *bl, const char *line, size_t len, bool rtl_base)
{
	split_max(bl, line, len, rtl_base, SIZE_MAX);
}

void bidi_line_free(struct bidi_line *bl)
{
	if (bl->run != bl->room)
		free(bl->run);
	bl->run = bl->room;
	bl->n = 0;
}

size_t bidi_runs(const char *line, size_t len, bool rtl_base, struct bidi_run *runs, size_t max)
{
	if (!max)
		return 0;
	struct bidi_line bl;
	split_max(&bl, line, len, rtl_base, max);
	memcpy(runs, bl.run, bl.n * sizeof *runs);
	size_t n = bl.n;
	bidi_line_free(&bl);
	return n;
}

bool bidi_line_rtl(const char *line, size_t len, bool rtl_base)
{
	for (size_t i = 0; i < len;) {
		FriBidiCharType t = fribidi_get_bidi_type(utf8_next(line, len, &i));
		if (FRIBIDI_IS_STRONG(t) && FRIBIDI_IS_LETTER(t))
			return FRIBIDI_IS_RTL(t);
	}
	return rtl_base;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Arabic punctuation is of the Arabic letters' bidi type: named here. */
static bool arabic_punctuation(uint32_t c)
{
	return c == 0x060C || c == 0x061B || c == 0x061F || (c >= 0x066A && c <= 0x066D) || c == 0x06D4;
}

/* A run counts as a word if it has a letter or a digit, in any script. */
static bool wordlike(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t c = utf8_next(s, len, &i);
		FriBidiCharType t = fribidi_get_bidi_type(c);
		if (((FRIBIDI_IS_LETTER(t) && c != 0xFFFD) || FRIBIDI_IS_NUMBER(t)) && !arabic_punctuation(c))
			return true;
	}
	return false;
}

/* The next word from *i on: false at the end of the text. */
static bool next_word(const char *text, size_t *i, size_t *start, size_t *len)
{
	while (text[*i]) {
		while (text[*i] && is_space(text[*i]))
			(*i)++;
		size_t s = *i;
		while (text[*i] && !is_space(text[*i]))
			(*i)++;
		if (*i > s && wordlike(text + s, *i - s)) {
			*start = s;
			*len = *i - s;
			return true;
		}
	}
	return false;
}

size_t text_words(const char *text, size_t *starts, size_t *lens, size_t max)
{
	size_t n = 0, i = 0, s, l;
	while (next_word(text, &i, &s, &l)) {
		if (n < max) {
			starts[n] = s;
			lens[n] = l;
		}
		n++;
	}
	return n;
}

bool text_word_at(const char *text, size_t at, size_t *start, size_t *len)
{
	size_t i = 0, s, l;
	while (next_word(text, &i, &s, &l))
		if (s + l > at) {
			*start = s;
			*len = l;
			return true;
		}
	return false; /* start and len untouched */
}
