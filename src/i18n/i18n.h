/* i18n: the languages the kiosk speaks, and the translation of every text into each.
 *
 * locales/languages.yaml lists the languages (code, own name, eSpeak NG voice, script, direction)
 * in the order the language grid shows them. Translations are gettext catalogs compiled by msgfmt
 * (<modir>/<code>.mo); a text is found by its key (msgctxt) and source text (msgid), so a text
 * changed in a questionnaire is not shown with a translation of its old wording.
 *
 * A text with no translation falls back to French, then to its source (French for
 * questionnaires, English for the kiosk's own words); the answer says which language the text
 * is in, so that it is spoken with that language's voice. */
#ifndef PV_I18N_H
#define PV_I18N_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "i18n/uitext.h"

#define I18N_FALLBACK "fr"
/* The languages languages.yaml may list (more is an error, at the one too many): the language
 * grid shows a card for each. */
#define I18N_MAX_LANGUAGES 16
#define I18N_MAX_CODE_BYTES 8 /* "fr", "fa-af": 2 to 8 lower-case letters, '-' or '_' */

struct lang_info {
	char *code;   /* "fr", "ar"... as in file names */
	char *name;   /* in its own script: "العربية" */
	char *voice;  /* eSpeak NG voice name */
	char *script; /* ISO 15924: "Latn", "Arab", "Geor", "Beng", "Cyrl" */
	bool rtl;
};

/* A translated text and the language it really is in. */
struct tstr {
	const char *text;
	const char *lang;
};

struct i18n;

/* Reads the language list and each language's catalog from modir (NULL: the list alone). A
 * missing or broken catalog is a warning (that language falls back to French); a broken language
 * list is an error (NULL). */
struct i18n *i18n_load(const char *languages_file, const char *modir, struct diags *d);
void i18n_destroy(struct i18n *L);

size_t i18n_count(const struct i18n *L);
const struct lang_info *i18n_lang(const struct i18n *L, size_t i);
const struct lang_info *i18n_find(const struct i18n *L, const char *code); /* NULL if unknown */
int i18n_index(const struct i18n *L, const char *code);                     /* -1 if unknown */

/* The text of key/msgid in lang, or its fallback. source_lang: the language msgid is in. */
struct tstr i18n_get(const struct i18n *L, const char *lang, const char *key, const char *msgid,
                     const char *source_lang);
struct tstr i18n_ui(const struct i18n *L, const char *lang, enum ui_text t);
/* Number of translations in lang's catalog (0 when it has none). */
size_t i18n_catalog_size(const struct i18n *L, const char *lang);

/* A compiled catalog on its own (tests, tools). */
struct mo;
struct mo *mo_load(const char *path, char *err, size_t n);
void mo_destroy(struct mo *m);
size_t mo_count(const struct mo *m);
/* The translation of key/msgid (key may be NULL), or NULL. */
const char *mo_get(const struct mo *m, const char *key, const char *msgid);

#endif
