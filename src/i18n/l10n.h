/* l10n: every text a translator has to translate (the kiosk's own words and the questionnaires'),
 * written as the POT template, and checked against each language's PO file. */
#ifndef PV_L10N_H
#define PV_L10N_H

#include <stddef.h>
#include <stdio.h>

#include "content/content.h"
#include "i18n/pofile.h"

struct l10n_string {
	const char *key;    /* msgctxt; also the recording's file name */
	const char *msgid;  /* the source text */
	const char *source; /* the language msgid is in: "en" for the kiosk's words, else the content's */
	const char *note;   /* for translators, or NULL */
	const char *where;  /* the file it comes from, or NULL */
};

/* The kiosk's words, then each questionnaire's title, questions and choices (c may be NULL).
 * Returns how many; *out is allocated (free it), its strings borrowed from c and the table. */
size_t l10n_strings(const struct content *c, struct l10n_string **out);

/* Writes a POT file: no date in the header, so that the same content gives the same bytes. */
void l10n_write_pot(FILE *f, const struct l10n_string *s, size_t n);

/* Counts the strings po translates (what msgfmt keeps: not empty, not fuzzy); calls missing()
 * for each one it does not. */
size_t l10n_translated(const struct pofile *po, const struct l10n_string *s, size_t n,
                       void (*missing)(void *ud, const struct l10n_string *s), void *ud);

#endif
