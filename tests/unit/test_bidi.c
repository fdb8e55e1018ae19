/* bidi: visual-order runs of one line (fribidi), a line's direction, UTF-8 decoding, and the
 * words a reader sees (what a synthesiser's word event highlights). */
#include <stdint.h>
#include <stdlib.h>

#include "i18n/bidi.h"
#include "check.h"

#define MAX_RUNS 64

static size_t runs_of(const char *s, bool rtl_base, struct bidi_run *runs)
{
	memset(runs, 0, MAX_RUNS * sizeof *runs); /* a check past the runs returned reads zeros */
	return bidi_runs(s, strlen(s), rtl_base, runs, MAX_RUNS);
}

/* Every byte of [0, len) is in exactly one run, and no run is empty. */
static bool covers_exactly(const struct bidi_run *runs, size_t n, size_t len)
{
	static unsigned char seen[8192];
	if (len > sizeof seen)
		return false;
	memset(seen, 0, len);
	for (size_t k = 0; k < n; k++) {
		if (runs[k].len == 0 || runs[k].start > len || runs[k].len > len - runs[k].start)
			return false;
		for (size_t b = runs[k].start; b < runs[k].start + runs[k].len; b++)
			if (seen[b]++)
				return false; /* overlap */
	}
	for (size_t b = 0; b < len; b++)
		if (!seen[b])
			return false; /* gap */
	return true;
}

#define CHECK_RUN(r, s, l, dir)                    \
	do {                                       \
		CHECK_INT((r).start, (s));         \
		CHECK_INT((r).len, (l));           \
		CHECK_INT((r).rtl, (dir));         \
	} while (0)

static void test_french(void)
{
	const char *fr = "Vous êtes là ?";
	struct bidi_run r[MAX_RUNS];
	for (int base = 0; base < 2; base++) { /* a strong LTR letter decides, whatever the base */
		size_t n = runs_of(fr, base, r);
		CHECK_INT(n, 1);
		CHECK_RUN(r[0], 0, strlen(fr), false);
		CHECK(!bidi_line_rtl(fr, strlen(fr), base));
	}
	CHECK_INT(bidi_runs(fr, 0, false, r, MAX_RUNS), 0);
	CHECK_INT(bidi_runs(fr, strlen(fr), false, r, 0), 0);
}

static void test_arabic(void)
{
	const char *ar = "مرحبا بكم"; /* 5 + 3 letters of 2 bytes, one space */
	CHECK_INT(strlen(ar), 17);
	struct bidi_run r[MAX_RUNS];
	for (int base = 0; base < 2; base++) {
		size_t n = runs_of(ar, base, r);
		CHECK_INT(n, 1);
		CHECK_RUN(r[0], 0, 17, true);
		CHECK(bidi_line_rtl(ar, strlen(ar), base));
	}
}

/* A number inside Arabic stays left to right: "هنا" drawn leftmost, then "12", then "العدد". */
static void test_arabic_number(void)
{
	const char *s = "العدد 12 هنا"; /* [0,10) word, 10 space, [11,13) digits, 13 space, [14,20) word */
	CHECK_INT(strlen(s), 20);
	struct bidi_run r[MAX_RUNS];
	for (int base = 0; base < 2; base++) {
		size_t n = runs_of(s, base, r);
		CHECK_INT(n, 3);
		CHECK_RUN(r[0], 13, 7, true);  /* " هنا" (the space between takes the Arabic side) */
		CHECK_RUN(r[1], 11, 2, false); /* "12", its digits in their own order */
		CHECK_RUN(r[2], 0, 11, true);  /* "العدد " */
		CHECK(covers_exactly(r, n, 20));
		CHECK(bidi_line_rtl(s, strlen(s), base));
	}
	/* The line starts with a number: its direction is still the Arabic word's. */
	CHECK(bidi_line_rtl("12 هنا", strlen("12 هنا"), false));
}

static void test_french_with_arabic(void)
{
	struct bidi_run r[MAX_RUNS];
	const char *s = "Je dis مرحبا ici"; /* [0,7) [7,17) [17,21) */
	CHECK_INT(strlen(s), 21);
	for (int base = 0; base < 2; base++) {
		size_t n = runs_of(s, base, r);
		CHECK_INT(n, 3);
		CHECK_RUN(r[0], 0, 7, false);
		CHECK_RUN(r[1], 7, 10, true);
		CHECK_RUN(r[2], 17, 4, false);
		CHECK(!bidi_line_rtl(s, strlen(s), base));
	}
	/* Two Arabic words: one run, the space between them drawn with them; the words themselves
	 * are in right-to-left order within it. */
	const char *two = "Je dis مرحبا بكم ici"; /* [0,7) [7,24) [24,28) */
	size_t n = runs_of(two, false, r);
	CHECK_INT(n, 3);
	CHECK_RUN(r[0], 0, 7, false);
	CHECK_RUN(r[1], 7, 17, true);
	CHECK_RUN(r[2], 24, 4, false);

	/* Arabic line with a French word: the French run is in the middle, left to right. */
	const char *ar = "أنا Marie هنا"; /* [0,6) word, space, [7,12) Marie, space, [13,19) word */
	n = runs_of(ar, false, r);
	CHECK_INT(n, 3);
	CHECK_RUN(r[0], 12, 7, true);
	CHECK_RUN(r[1], 7, 5, false);
	CHECK_RUN(r[2], 0, 7, true);

	/* Fewer runs allowed than there are: still every byte, in at most max runs. */
	n = bidi_runs(s, strlen(s), false, r, 2);
	CHECK_INT(n, 2);
	CHECK(covers_exactly(r, n, strlen(s)));
	n = bidi_runs(s, strlen(s), false, r, 1);
	CHECK_INT(n, 1);
	CHECK(covers_exactly(r, n, strlen(s)));
}

/* Nested directions (isolates): Arabic holding a Latin part that itself holds an Arabic letter.
 * The Latin part keeps its inner order: "ab" to the left of "ج", both left of "ع". (A final
 * Arabic letter keeps the isolate marks off the end of the line, where rule L1 resets them.) */
static void test_nested(void)
{
	/* ع [0,2), LRI [2,5), ab [5,7), RLI [7,10), ج [10,12), PDI [12,15), PDI [15,18), د [18,20) */
	const char *s = "ع\xe2\x81\xa6" "ab\xe2\x81\xa7" "ج\xe2\x81\xa9\xe2\x81\xa9" "د";
	CHECK_INT(strlen(s), 20);
	struct bidi_run r[MAX_RUNS];
	for (int base = 0; base < 2; base++) {
		size_t n = runs_of(s, base, r);
		CHECK_INT(n, 5);
		if (n != 5)
			continue;
		CHECK_RUN(r[0], 15, 5, true);  /* the outer PDI and د, level 1 */
		CHECK_RUN(r[1], 5, 5, false);  /* "ab" and the RLI, level 2 */
		CHECK_RUN(r[2], 10, 2, true);  /* ج, level 3 */
		CHECK_RUN(r[3], 12, 3, false); /* the inner PDI, level 2 */
		CHECK_RUN(r[4], 0, 5, true);   /* ع and the LRI, level 1 */
	}
}

/* No strong character: the language's direction decides. */
static void test_no_strong(void)
{
	struct bidi_run r[MAX_RUNS];
	const char *p = "?! ...";
	size_t n = runs_of(p, false, r);
	CHECK_INT(n, 1);
	CHECK_RUN(r[0], 0, strlen(p), false);
	CHECK(!bidi_line_rtl(p, strlen(p), false));
	n = runs_of(p, true, r);
	CHECK_INT(n, 1);
	CHECK_RUN(r[0], 0, strlen(p), true);
	CHECK(bidi_line_rtl(p, strlen(p), true));

	/* Numbers and signs: in a left-to-right line, as written; in a right-to-left line each number
	 * keeps its digits' order but the numbers go from right to left: "15 = 3 + 12". */
	const char *m = "12 + 3 = 15";
	n = runs_of(m, false, r);
	CHECK_INT(n, 1);
	CHECK_RUN(r[0], 0, 11, false);
	n = runs_of(m, true, r);
	CHECK_INT(n, 5);
	CHECK_RUN(r[0], 9, 2, false);
	CHECK_RUN(r[1], 6, 3, true);
	CHECK_RUN(r[2], 5, 1, false);
	CHECK_RUN(r[3], 2, 3, true);
	CHECK_RUN(r[4], 0, 2, false);
	CHECK(bidi_line_rtl(m, strlen(m), true));
	CHECK(!bidi_line_rtl(m, strlen(m), false));
	CHECK(!bidi_line_rtl("", 0, false));
	CHECK(bidi_line_rtl("", 0, true));
}

static void test_utf8_next(void)
{
	struct {
		const char *s;
		size_t len;
		uint32_t c;
		size_t advance;
	} cases[] = {
		{ "A", 1, 'A', 1 },
		{ "\xc3\xa9", 2, 0xE9, 2 },                /* é */
		{ "\xe2\x82\xac", 3, 0x20AC, 3 },          /* € */
		{ "\xd8\xb9", 2, 0x0639, 2 },              /* ع */
		{ "\xe1\x83\x90", 3, 0x10D0, 3 },          /* ა */
		{ "\xf0\x9f\x98\x80", 4, 0x1F600, 4 },     /* an emoji */
		{ "\x80", 1, 0xFFFD, 1 },                  /* a lone continuation byte */
		{ "\xbf" "A", 2, 0xFFFD, 1 },
		{ "\xff", 1, 0xFFFD, 1 },
		{ "\xfe" "A", 2, 0xFFFD, 1 },
		{ "\xf8\x88\x80\x80\x80", 5, 0xFFFD, 1 },  /* five-byte forms are not UTF-8 */
		{ "\xc3", 1, 0xFFFD, 1 },                  /* cut at the end of the text */
		{ "\xe2\x82", 2, 0xFFFD, 1 },
		{ "\xf0\x9f\x98", 3, 0xFFFD, 1 },
		{ "\xe2\x82\xac", 2, 0xFFFD, 1 },          /* cut by len, not by a NUL */
		{ "\xc3(", 2, 0xFFFD, 1 },                 /* a bad continuation: only the lead byte */
		{ "\xe2(\xac", 3, 0xFFFD, 1 },
		{ "\xe2\x82(", 3, 0xFFFD, 1 },
		{ "\xf0\x9f\x98(", 4, 0xFFFD, 1 },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		size_t i = 0;
		uint32_t c = utf8_next(cases[k].s, cases[k].len, &i);
		if (c != cases[k].c || i != cases[k].advance)
			fprintf(stderr, "utf8_next case %zu\n", k);
		CHECK_INT(c, cases[k].c);
		CHECK_INT(i, cases[k].advance);
	}
	/* After a bad byte, decoding goes on at the next one. */
	const char *s = "\xc3(\xc3\xa9";
	size_t i = 0;
	CHECK_INT(utf8_next(s, 4, &i), 0xFFFD);
	CHECK_INT(utf8_next(s, 4, &i), '(');
	CHECK_INT(utf8_next(s, 4, &i), 0xE9);
	CHECK_INT(i, 4);
	/* From the middle of a text. */
	i = 1;
	CHECK_INT(utf8_next("a\xd8\xb9", 3, &i), 0x0639);
	CHECK_INT(i, 3);
}

/* Forms that look like UTF-8 but are not (RFC 3629): each is a bad byte, not a character. */
static void test_utf8_ill_formed(void)
{
	struct {
		const char *s;
		size_t len;
	} bad[] = {
		{ "\xc0\xaf", 2 },             /* "/" in two bytes (overlong) */
		{ "\xc1\xbf", 2 },             /* overlong */
		{ "\xe0\x80\xaf", 3 },         /* overlong in three */
		{ "\xf0\x80\x80\xaf", 4 },     /* overlong in four */
		{ "\xed\xa0\x80", 3 },         /* U+D800, a surrogate */
		{ "\xf4\x90\x80\x80", 4 },     /* U+110000, past Unicode */
		{ "\xf5\x80\x80\x80", 4 },     /* F5 never starts a character */
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		size_t i = 0;
		uint32_t c = utf8_next(bad[k].s, bad[k].len, &i);
		if (c != 0xFFFD)
			fprintf(stderr, "utf8_next ill-formed case %zu decoded as U+%04X\n", k, (unsigned)c);
		CHECK_INT(c, 0xFFFD);
		CHECK_INT(i, 1);
	}
}

/* A fixed-seed generator: the same inputs on every run. */
static uint32_t rng_state = 0x9e3779b9u;
static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* Random lines, from pieces that make many runs (Arabic, Latin, digits, signs, marks) and from
 * bytes that are not UTF-8: every byte in exactly one run, whatever max. */
static void test_fuzz_cover(void)
{
	static const char *const pieces[] = {
		"a", "Z", "é", " ", "1", "42", "+", "-", ".", "?", "(", ")", "[", "]", "ع", "ب", "۳", "٣",
		"ა", "ж", "\xe2\x80\x8f" /* RLM */, "\xe2\x80\x8e" /* LRM */, "\xe2\x80\xae" /* RLO */,
		"\xe2\x80\xab" /* RLE */, "\xe2\x80\xac" /* PDF */, "\xe2\x81\xa7" /* RLI */,
		"\xe2\x81\xa9" /* PDI */, "\xd9\x8e" /* fatha */, "\xc3", "\x80", "\xff", "\xe2\x82",
	};
	const size_t npieces = sizeof pieces / sizeof pieces[0];
	char line[2048];
	struct bidi_run r[MAX_RUNS];
	int bad = 0, rtl_seen = 0, many = 0;
	for (int iter = 0; iter < 4000; iter++) {
		size_t len = 0, target = rng() % 300;
		if (iter % 2) { /* raw random bytes */
			for (; len < target; len++)
				line[len] = (char)(rng() & 0xff);
		} else {
			while (len < target) {
				const char *p = pieces[rng() % npieces];
				size_t pl = strlen(p);
				memcpy(line + len, p, pl);
				len += pl;
			}
		}
		bool base = rng() & 1;
		size_t max = iter % 3 == 0 ? 1 + rng() % 4 : MAX_RUNS;
		size_t n = bidi_runs(line, len, base, r, max);
		bool ok = n <= max && (len == 0 ? n == 0 : covers_exactly(r, n, len));
		if (!ok && bad++ < 5)
			fprintf(stderr, "fuzz case %d (len %zu, base %d, max %zu): %zu runs do not cover it\n", iter,
			        len, base, max, n);
		CHECK(ok);
		for (size_t k = 0; k < n; k++)
			rtl_seen += r[k].rtl;
		many += n > 3;
	}
	CHECK(rtl_seen > 0); /* the inputs did reach right-to-left runs ... */
	CHECK(many > 100);   /* ... and lines of several runs */
}

/* A line longer than the work buffer: still every byte in some run. */
static void test_long_line(void)
{
	static char line[3000];
	struct bidi_run r[MAX_RUNS];
	memset(line, 'a', sizeof line);
	size_t n = bidi_runs(line, sizeof line, false, r, MAX_RUNS);
	CHECK_INT(n, 1);
	CHECK(covers_exactly(r, n, sizeof line));
	for (size_t i = 0; i + 2 <= sizeof line; i += 2)
		memcpy(line + i, "ع", 2);
	n = bidi_runs(line, sizeof line, false, r, MAX_RUNS);
	CHECK(covers_exactly(r, n, sizeof line));
}

/* Alternating Latin and Arabic words, n bytes ("ab بب ab بب ...", or Arabic first): a
 * direction change every word, the most runs a text of n bytes of real words can have. */
static char *alternating(size_t n, bool arabic_first)
{
	const char *pair = arabic_first ? "\xd8\xa8\xd8\xa8 ab " : "ab \xd8\xa8\xd8\xa8 "; /* "ab ", "بب " */
	char *t = malloc(n + 1);
	size_t i = 0;
	while (i + 8 <= n) {
		memcpy(t + i, pair, 8);
		i += 8;
	}
	while (i < n)
		t[i++] = 'a';
	t[n] = '\0';
	return t;
}

/* However many runs a line has, bidi_line_split keeps them all, apart, in visual order: at the
 * content limit on texts (600 bytes, about 120 direction changes, more than BIDI_MAX_RUNS), and
 * past the work buffer on the stack (a 5000-byte translation). */
static void test_many_runs(void)
{
	const size_t sizes[] = { 60, 600, 5000 };
	for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
		size_t len = sizes[si];
		for (int base = 0; base < 2; base++) { /* a line of the base direction's letters first */
			char *t = alternating(len, base);
			struct bidi_line bl;
			bidi_line_split(&bl, t, len, base);
			CHECK(covers_exactly(bl.run, bl.n, len));
			/* Each Arabic word in a run of its own, right to left; each Latin one left to right. */
			size_t arabic = 0, wrong = 0;
			for (size_t k = 0; k < bl.n; k++) {
				bool has_ar = memchr(t + bl.run[k].start, 0xd8, bl.run[k].len) != NULL;
				bool has_la = memchr(t + bl.run[k].start, 'a', bl.run[k].len) != NULL;
				arabic += has_ar;
				wrong += (has_ar && (has_la || !bl.run[k].rtl)) || (has_la && bl.run[k].rtl);
			}
			CHECK_INT(arabic, len / 8);
			CHECK_INT(wrong, 0);
			if (len >= 600)
				CHECK(bl.n > BIDI_MAX_RUNS);
			/* Left to right: in byte order; right to left: the reverse. */
			bool ordered = true;
			for (size_t k = 1; k < bl.n; k++)
				ordered &= base ? bl.run[k].start < bl.run[k - 1].start : bl.run[k].start > bl.run[k - 1].start;
			CHECK(ordered);
			for (size_t k = 1; k < bl.n; k++)
				CHECK(bl.run[k].rtl != bl.run[k - 1].rtl);
			bidi_line_free(&bl);
			CHECK(bl.n == 0 && bl.run == bl.room);
			free(t);
		}
	}
	struct bidi_line bl;
	bidi_line_split(&bl, "", 0, true);
	CHECK_INT(bl.n, 0);
	bidi_line_free(&bl);
}

static void test_words(void)
{
	size_t st[8], ln[8];
	const char *fr = "Vous êtes là ?";
	CHECK_INT(text_words(fr, st, ln, 8), 3); /* the "?" alone is not a word */
	CHECK_INT(st[0], 0);
	CHECK_INT(ln[0], 4);
	CHECK_INT(st[1], 5);
	CHECK_INT(ln[1], 5); /* "êtes": ê is two bytes */
	CHECK_INT(st[2], 11);
	CHECK_INT(ln[2], 3);

	CHECK_INT(text_words("allez-vous aujourd'hui", st, ln, 8), 2);
	CHECK_INT(st[0], 0);
	CHECK_INT(ln[0], 10);
	CHECK_INT(st[1], 11);
	CHECK_INT(ln[1], 11);

	const char *ar = "مرحبا بكم"; /* [0,10) [11,17) */
	CHECK_INT(text_words(ar, st, ln, 8), 2);
	CHECK_INT(st[0], 0);
	CHECK_INT(ln[0], 10);
	CHECK_INT(st[1], 11);
	CHECK_INT(ln[1], 6);

	const char *ka = "გამარჯობა მსოფლიო"; /* 9 and 7 letters of 3 bytes */
	CHECK_INT(text_words(ka, st, ln, 8), 2);
	CHECK_INT(st[0], 0);
	CHECK_INT(ln[0], 27);
	CHECK_INT(st[1], 28);
	CHECK_INT(ln[1], 21);

	/* Line breaks, tabs and runs of spaces separate words; numbers are words. */
	CHECK_INT(text_words("  Merci.\nVos 3 réponses\tsont là. ", st, ln, 8), 6);
	CHECK_INT(st[0], 2);
	CHECK_INT(ln[0], 6);
	CHECK_INT(st[1], 9);
	CHECK_INT(st[2], 13);
	CHECK_INT(ln[2], 1);
	CHECK_INT(st[5], 30);
	CHECK_INT(ln[5], 4);
	CHECK_INT(text_words("", st, ln, 8), 0);
	CHECK_INT(text_words(" ? ! ", st, ln, 8), 0);

	/* More words than room: all are counted, only max are filled. */
	st[1] = ln[1] = 999;
	CHECK_INT(text_words(fr, st, ln, 1), 3);
	CHECK_INT(st[0], 0);
	CHECK_INT(ln[0], 4);
	CHECK_INT(st[1], 999);
}

/* Punctuation that is not ASCII, standing alone, is not a word either: French quotes with their
 * spaces, a dash, the Arabic question mark after a space. */
static void test_words_unicode_punctuation(void)
{
	size_t st[8], ln[8];
	CHECK_INT(text_words("« Oui » — merci", st, ln, 8), 2);
	CHECK_INT(st[0], 3);
	CHECK_INT(ln[0], 3);
	CHECK_INT(text_words("هل أنت هنا ؟", st, ln, 8), 3);
	size_t s = 0, l = 0;
	CHECK(!text_word_at("Oui »", 4, &s, &l));
}

static void test_word_at(void)
{
	const char *fr = "Vous êtes là ?";
	size_t s = 99, l = 99;
	CHECK(text_word_at(fr, 0, &s, &l));
	CHECK_INT(s, 0);
	CHECK_INT(l, 4);
	CHECK(text_word_at(fr, 7, &s, &l)); /* inside "êtes" */
	CHECK_INT(s, 5);
	CHECK_INT(l, 5);
	CHECK(text_word_at(fr, 6, &s, &l)); /* inside ê, between its two bytes */
	CHECK_INT(s, 5);
	CHECK(text_word_at(fr, 4, &s, &l)); /* on a space: the next word */
	CHECK_INT(s, 5);
	CHECK_INT(l, 5);
	CHECK(text_word_at(fr, 13, &s, &l)); /* the last byte of "là" */
	CHECK_INT(s, 11);
	CHECK_INT(l, 3);
	s = l = 99;
	CHECK(!text_word_at(fr, 14, &s, &l)); /* only the "?" is after it */
	CHECK(!text_word_at(fr, 15, &s, &l));
	CHECK(!text_word_at(fr, strlen(fr), &s, &l)); /* past the end */
	CHECK(!text_word_at(fr, 1000, &s, &l));
	CHECK_INT(s, 99); /* untouched when there is none */
	CHECK(!text_word_at("", 0, &s, &l));

	/* A synthesiser's event on "vous" of "allez-vous", or on the apostrophe of "aujourd'hui". */
	const char *q = "allez-vous aujourd'hui";
	CHECK(text_word_at(q, 6, &s, &l));
	CHECK_INT(s, 0);
	CHECK_INT(l, 10);
	CHECK(text_word_at(q, 18, &s, &l));
	CHECK_INT(s, 11);
	CHECK_INT(l, 11);

	/* Byte offsets in Arabic and Georgian. */
	CHECK(text_word_at("مرحبا بكم", 12, &s, &l));
	CHECK_INT(s, 11);
	CHECK_INT(l, 6);
	CHECK(text_word_at("გამარჯობა მსოფლიო", 26, &s, &l));
	CHECK_INT(s, 0);
	CHECK_INT(l, 27);
	CHECK(text_word_at("გამარჯობა მსოფლიო", 27, &s, &l));
	CHECK_INT(s, 28);
	CHECK_INT(l, 21);

	/* Agrees with text_words on every byte of a text. */
	const char *t = "  Comment allez-vous ? Très bien, merci ! ";
	size_t st[16], ln[16];
	size_t nw = text_words(t, st, ln, 16);
	CHECK_INT(nw, 5); /* the "?" and the "!" are not words */
	int disagree = 0;
	for (size_t at = 0; at <= strlen(t); at++) {
		size_t k = 0;
		while (k < nw && st[k] + ln[k] <= at)
			k++;
		bool found = text_word_at(t, at, &s, &l);
		if (found != (k < nw) || (found && (s != st[k] || l != ln[k])))
			disagree++;
	}
	CHECK_INT(disagree, 0);
}

int main(void)
{
	test_french();
	test_arabic();
	test_arabic_number();
	test_french_with_arabic();
	test_nested();
	test_no_strong();
	test_utf8_next();
	test_utf8_ill_formed();
	test_fuzz_cover();
	test_long_line();
	test_many_runs();
	test_words();
	test_words_unicode_punctuation();
	test_word_at();
	return check_done();
}
