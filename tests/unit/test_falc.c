/* test_falc: what the easy-to-read rules flag, and how words are counted, one row a text.
 *
 * Rows with a `bug` name expect what should happen where falc.c does otherwise: they are
 * skipped in a normal run and run alone with `test_falc --bug NAME`. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "falc.h"
#include "util.h"

#define NBSP "\xc2\xa0"   /* no-break space */
#define NNBSP "\xe2\x80\xaf" /* narrow no-break space, before ? ! ; in French */
#define APOS "\xe2\x80\x99" /* ’ */

struct row {
	const char *text;
	size_t words;      /* falc_words */
	int count;         /* falc_check's result, and how many reports */
	const char *found; /* a substring of one report; NULL when count is 0 */
	const char *bug;
};

static const struct row rows[] = {
	{ "", 0, 0, NULL, NULL },
	{ "Bonjour.", 1, 0, NULL, NULL },
	{ "Comment allez-vous ?", 2, 0, NULL, NULL },
	{ "Vous aimez l'équipe ?", 3, 0, NULL, NULL },
	{ "Vous aimez l" APOS "équipe ?", 3, 0, NULL, NULL },
	{ "C" APOS "est l" APOS "équipe d" APOS "aujourd" APOS "hui.", 3, 0, NULL, NULL },
	{ "Don't", 1, 0, NULL, NULL },
	{ "\xc2\xab" NBSP "Oui" NBSP "\xc2\xbb", 1, 0, NULL, NULL },
	{ "Bonjour" NBSP "Paul", 2, 0, NULL, NULL },
	{ "Oui - non", 2, 0, NULL, NULL },
	{ "-a a-", 2, 0, NULL, NULL },
	{ "Thé/café", 2, 1, "special character '/'", NULL },
	{ "Thé & café", 2, 1, "special character '&'", NULL },
	{ "Oui\tnon", 2, 1, "special character '\\x09'", NULL },
	{ "50 %", 1, 1, "percentage '%'", NULL },
	{ "50%", 1, 1, "percentage '%'", NULL },
	{ "50" NBSP "%", 1, 1, "percentage '%'", NULL },
	{ "Bonjour. Ça va ?", 3, 1, "more than one sentence on a line", NULL },
	{ "Bonjour.\nÇa va ?", 3, 0, NULL, NULL },
	{ "Un. Deux.\nTrois. Quatre.", 4, 2, "more than one sentence on a line", NULL },
	/* 15 words is the limit; 16 is over it, at the end of the text or before a dot. */
	{ "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze", 15, 0,
	  NULL, NULL },
	{ "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize",
	  16, 1, "a sentence of 16 words: keep to 15 or fewer", NULL },
	{ "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize.",
	  16, 1, "a sentence of 16 words", NULL },
	/* A line break ends the count: a long sentence cut over two lines is not flagged. */
	{ "un deux trois quatre cinq six sept huit neuf dix\nonze douze treize quatorze quinze seize.",
	  16, 0, NULL, NULL },
	{ "Le CHRS est ouvert.", 4, 1, "abbreviation 'CHRS'", NULL },
	{ "Un RDV à 10h.", 4, 1, "abbreviation 'RDV'", NULL },
	{ "OK", 1, 1, "abbreviation 'OK'", NULL },
	{ "J'AI FAIM", 2, 2, "abbreviation 'J'AI'", NULL },
	{ "Des fruits, des légumes, etc.", 5, 1, "abbreviation 'etc'", NULL },
	{ "Le CHRS" NBSP "!", 2, 1, "abbreviation 'CHRS", NULL },
	{ "CHRS & RDV", 2, 3, "special character '&'", NULL },
	/* The dot of an abbreviation does not end a sentence: one report, not two. */
	{ "Mme. Dupont", 2, 1, "abbreviation 'Mme'", NULL },
	{ "Voir p. 3", 3, 1, "abbreviation 'p'", NULL },
	{ "Appelez le tél. 01", 4, 1, "abbreviation 'tél'", NULL },
	{ "Bonjour M. Dupont.", 3, 1, "abbreviation 'M'", NULL },
	/* A decimal point or a web address is not the end of a sentence. */
	{ "Il reste 2.5 jours.", 5, 0, NULL, NULL },
	{ "Voir www.site.fr demain.", 5, 0, NULL, NULL },
	{ "Euh... oui.", 2, 1, "more than one sentence on a line", NULL },
	{ "Euh\xe2\x80\xa6 oui.", 2, 0, NULL, NULL }, /* "…" is not an end */
	/* Invalid UTF-8 is counted as letters, never read past the end. */
	{ "\xe2", 1, 0, NULL, NULL },
	{ "a\xe2\x80", 1, 0, NULL, NULL },

	/* Known bugs. The abbreviation's span runs over a no-break space (any byte >= 0x80 is a
	 * "letter"), so the capitals are diluted below half and the abbreviation is missed. */
	{ "\xc2\xab" NBSP "CHRS" NBSP "\xc2\xbb", 1, 1, "abbreviation 'CHRS'", NULL },
	{ "Le RDV" NNBSP "?", 2, 1, "abbreviation 'RDV'", NULL },
	{ "Le CHRS" NBSP "de Lyon", 4, 1, "abbreviation 'CHRS'", NULL },
	/* ... and when caught, the quoted word ends with the no-break space. */
	{ "Le CHRS" NBSP "!", 2, 1, "abbreviation 'CHRS':", NULL },
	/* A dash between spaces is not a word a reader sees (falc.h), but it is counted as one. */
	{ "Oui \xe2\x80\x94 non", 2, 0, NULL, NULL },
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

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--bug") == 0) {
		bool any = false;
		for (size_t i = 0; i < PV_ARRAY_LEN(rows); i++)
			if (rows[i].bug && strcmp(rows[i].bug, argv[2]) == 0) {
				check_row(&rows[i]);
				any = true;
			}
		if (!any) { /* succeed, so that a WILL_FAIL test on a wrong name shows up */
			fprintf(stderr, "no known bug named '%s'\n", argv[2]);
			return 0;
		}
		return check_done();
	}
	for (size_t i = 0; i < PV_ARRAY_LEN(rows); i++)
		if (!rows[i].bug)
			check_row(&rows[i]);
	return check_done();
}
