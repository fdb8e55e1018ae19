/* words: the kiosk's own words (buttons, greetings) in one language, read from a gettext PO
 * file under locales/. Message ids are English; a missing or fuzzy translation falls back to
 * the id, so a half-translated file still gives a working kiosk. */
#ifndef PV_WORDS_H
#define PV_WORDS_H

#include <stddef.h>

struct words;

/* Loads locales_dir/<lang>.po. Returns NULL with a message naming the file and line. */
struct words *words_load(const char *locales_dir, const char *lang, char *err, size_t n);
/* An empty table: every look-up returns its id. */
struct words *words_empty(const char *lang);
void words_destroy(struct words *s);
const char *words_lang(const struct words *s);
const char *words_get(const struct words *s, const char *msgid);
size_t words_count(const struct words *s);
/* The i-th translation, for listing them all. */
const char *words_text(const struct words *s, size_t i);

#endif
