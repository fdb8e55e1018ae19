/* po: a gettext PO file as translators edit it (read with libgettextpo), for `pictovox check`
 * and `pictovox pot`. The kiosk itself reads the compiled catalogs (i18n.h). */
#ifndef PV_POFILE_H
#define PV_POFILE_H

#include <stdbool.h>
#include <stddef.h>

struct pofile_entry {
	char *key;    /* msgctxt, or NULL */
	char *msgid;
	char *msgstr; /* "" when untranslated */
	bool fuzzy;
};

struct pofile;

/* NULL with "file:line: reason" when it cannot be read. */
struct pofile *pofile_read(const char *path, char *err, size_t n);
void pofile_destroy(struct pofile *s);
size_t pofile_count(const struct pofile *s);
const struct pofile_entry *pofile_entry(const struct pofile *s, size_t i);
const struct pofile_entry *pofile_find(const struct pofile *s, const char *key, const char *msgid);
/* The translation, or NULL when missing, empty or fuzzy (what msgfmt leaves out). */
const char *pofile_translation(const struct pofile *s, const char *key, const char *msgid);
/* A header field ("Language", "X-Pictovox-Review"...), caller frees; NULL if absent. */
char *pofile_header_field(const struct pofile *s, const char *name);

#endif
