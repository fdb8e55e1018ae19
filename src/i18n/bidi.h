/* bidi: the order in which the pieces of one line of text are drawn, by the Unicode
 * bidirectional algorithm (fribidi). Arabic inside French, or a number inside Arabic, each keep
 * their own direction; the renderer draws each run with a font that has its glyphs. */
#ifndef PV_BIDI_H
#define PV_BIDI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bidi_run {
	size_t start, len; /* bytes of the line */
	bool rtl;          /* drawn right to left */
};

/* The runs of one line in visual order, left to right. Held in `room` when there are at most
 * BIDI_MAX_RUNS (a line of a screen has one to a few), allocated past that: a line is never
 * cut, however many times its direction changes. `run` may point into the struct itself: do
 * not copy one; free it with bidi_line_free. */
#define BIDI_MAX_RUNS 32
struct bidi_line {
	struct bidi_run *run;
	size_t n;
	struct bidi_run room[BIDI_MAX_RUNS];
};

/* Splits line[0..len) (UTF-8, no line break) into bl's runs, covering every byte.
 * rtl_base: the direction of a line with no strong character of its own (the language's). */
void bidi_line_split(struct bidi_line *bl, const char *line, size_t len, bool rtl_base);
void bidi_line_free(struct bidi_line *bl);

/* The same into a caller's array of max runs; past max, the rest of the line joins the last
 * run (drawn in one direction): for callers with a fixed array; the kiosk uses bidi_line_split.
 * Returns the number of runs filled. */
size_t bidi_runs(const char *line, size_t len, bool rtl_base, struct bidi_run *runs, size_t max);

/* True when the line's first strong character is right-to-left, or it has none and rtl_base. */
bool bidi_line_rtl(const char *line, size_t len, bool rtl_base);

/* The words of text, as a reader sees them: runs of characters between spaces and line breaks,
 * leaving out runs of punctuation alone (the " ?" of French). Fills at most max; returns how
 * many there are. */
size_t text_words(const char *text, size_t *starts, size_t *lens, size_t max);

/* The word of text that holds byte `at`, or the first after it: what a synthesiser's word event
 * (which may start on an apostrophe or span "allez-vous") highlights. False if none. */
bool text_word_at(const char *text, size_t at, size_t *start, size_t *len);

/* Decodes one UTF-8 character at s[*i], advancing *i; U+FFFD for a bad byte. */
uint32_t utf8_next(const char *s, size_t len, size_t *i);

#endif
