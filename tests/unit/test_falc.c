/* test_falc: what the easy-to-read rules flag, and how words are counted, one row a text. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "content/falc.h"
#include "base/util.h"

#define NBSP "\xc2\xa0"   /* no-break space */
#define NNBSP "\xe2\x80\xaf" /* narrow no-break space, before ? ! ; in French */
#define APOS "\xe2\x80\x99" /* ’ */

struct row {
	const char *text;
	size_t words;      /* falc_words */
	int count;         /* falc_check's result, and how many reports */
	const char *found; /* a substring of one report; NULL when count is 0 */
};

static const struct row rows[] = {
	{ "", 0, 0, NULL },
	{ "Bonjour.", 1, 0, NULL },
	{ "Comment allez-vous ?", 2, 0, NULL },
	{ "Vous aimez l'équipe ?", 3, 0, NULL },
	{ "Vous aimez l" APOS "équipe ?", 3, 0, NULL },
	{ "C" APOS "est l" APOS "équipe d" APOS "aujourd" APOS "hui.", 3, 0, NULL },
	{ "Don't", 1, 0, NULL },
	{ "\xc2\xab" NBSP "Oui" NBSP "\xc2\xbb", 1, 0, NULL },
	{ "Bonjour" NBSP "Paul", 2, 0, NULL },
	{ "Oui - non", 2, 0, NULL },
	{ "-a a-", 2, 0, NULL },
	{ "Thé/café", 2, 1, "special character '/'" },
	{ "Thé & café", 2, 1, "special character '&'" },
	{ "Oui\tnon", 2, 1, "special character '\\x09'" },
	{ "50 %", 1, 1, "percentage '%'" },
	{ "50%", 1, 1, "percentage '%'" },
	{ "50" NBSP "%", 1, 1, "percentage '%'" },
	{ "Bonjour. Ça va ?", 3, 1, "more than one sentence on a line" },
	{ "Bonjour.\nÇa va ?", 3, 0, NULL },
	{ "Un. Deux.\nTrois. Quatre.", 4, 2, "more than one sentence on a line" },
	/* 15 words is the limit; 16 is over it, at the end of the text or before a dot. */
	{ "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze", 15, 0,
	  NULL },
	{ "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize",
	  16, 1, "a sentence of 16 words: keep to 15 or fewer" },
	{ "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize.",
	  16, 1, "a sentence of 16 words" },
	/* A line break ends the count: a long sentence cut over two lines is not flagged. */
	{ "un deux trois quatre cinq six sept huit neuf dix\nonze douze treize quatorze quinze seize.",
	  16, 0, NULL },
	{ "Le CHRS est ouvert.", 4, 1, "abbreviation 'CHRS'" },
	{ "Un RDV à 10h.", 4, 1, "abbreviation 'RDV'" },
	{ "OK", 1, 1, "abbreviation 'OK'" },
	{ "J'AI FAIM", 2, 2, "abbreviation 'J'AI'" },
	{ "Des fruits, des légumes, etc.", 5, 1, "abbreviation 'etc'" },
	{ "Le CHRS" NBSP "!", 2, 1, "abbreviation 'CHRS" },
	{ "CHRS & RDV", 2, 3, "special character '&'" },
	/* The dot of an abbreviation does not end a sentence: one report, not two. */
	{ "Mme. Dupont", 2, 1, "abbreviation 'Mme'" },
	{ "Voir p. 3", 3, 1, "abbreviation 'p'" },
	{ "Appelez le tél. 01", 4, 1, "abbreviation 'tél'" },
	{ "Bonjour M. Dupont.", 3, 1, "abbreviation 'M'" },
	/* A decimal point or a web address is not the end of a sentence. */
	{ "Il reste 2.5 jours.", 5, 0, NULL },
	{ "Voir www.site.fr demain.", 5, 0, NULL },
	{ "Euh... oui.", 2, 1, "more than one sentence on a line" },
	{ "Euh\xe2\x80\xa6 oui.", 2, 0, NULL }, /* "…" is not an end */
	/* Invalid UTF-8 is counted as letters, never read past the end. */
	{ "\xe2", 1, 0, NULL },
	{ "a\xe2\x80", 1, 0, NULL },

	/* No-break spaces and « » end a word: the abbreviation is seen whole. */
	{ "\xc2\xab" NBSP "CHRS" NBSP "\xc2\xbb", 1, 1, "abbreviation 'CHRS'" },
	{ "Le RDV" NNBSP "?", 2, 1, "abbreviation 'RDV'" },
	{ "Le CHRS" NBSP "de Lyon", 4, 1, "abbreviation 'CHRS'" },
	/* ... and the quoted word does not take the no-break space with it. */
	{ "Le CHRS" NBSP "!", 2, 1, "abbreviation 'CHRS':" },
	/* A dash between spaces is not a word a reader sees (falc.h). */
	{ "Oui \xe2\x80\x94 non", 2, 0, NULL },
};

struct reports {
	int n;
	char all[1024]; /* every message, one a line */
};

static void collect(void *ud, const char *message)
{
	struct reports *r = ud;
	r->n++;
	size_t used = strlen(r->all);
	snprintf(r->all + used, sizeof r->all - used, "%s\n", message);
}

static void check_row(const struct row *r)
{
	struct reports got = { 0 };
	size_t words = falc_words(r->text);
	int count = falc_check(r->text, collect, &got);
	CHECK_INT(words, r->words);
	CHECK_INT(count, r->count);
	CHECK_INT(got.n, r->count);
	bool found = r->found ? strstr(got.all, r->found) != NULL : got.n == 0;
	CHECK(found);
	if (words != r->words || count != r->count || got.n != count || !found)
		fprintf(stderr, "  row \"%s\": %zu words, %d report(s):\n%s", r->text, words, count,
		        got.all);
}

int main(void)
{
	for (size_t i = 0; i < PV_ARRAY_LEN(rows); i++)
		check_row(&rows[i]);
	return check_done();
}
