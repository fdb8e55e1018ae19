#include "i18n/pofile.h"

#include <gettext-po.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

struct pofile {
	char *path;
	struct pofile_entry *entries;
	size_t n, cap;
	char *header;
};

/* libgettextpo calls these on problems; a fatal one must not return, hence the jump. */
static jmp_buf po_jump;
static char po_message[300];

static void po_xerror(int severity, po_message_t message, const char *filename, size_t lineno,
                      size_t column, int multiline, const char *text)
{
	(void)message, (void)multiline, (void)column;
	if (!po_message[0])
		snprintf(po_message, sizeof po_message, "%s:%zu: %s", filename ? filename : "?", lineno,
		         text);
	if (severity == PO_SEVERITY_FATAL_ERROR)
		longjmp(po_jump, 1);
}

static void po_xerror2(int severity, po_message_t m1, const char *f1, size_t l1, size_t c1, int ml1,
                       const char *t1, po_message_t m2, const char *f2, size_t l2, size_t c2, int ml2,
                       const char *t2)
{
	(void)m2, (void)f2, (void)l2, (void)c2, (void)ml2, (void)t2;
	po_xerror(severity, m1, f1, l1, c1, ml1, t1);
}

struct pofile *pofile_read(const char *path, char *err, size_t n)
{
	if (!path_is_file(path)) {
		pv_err(err, n, "%s: no such file", path);
		return NULL;
	}
	struct po_xerror_handler handler = { po_xerror, po_xerror2 };
	po_message[0] = '\0';
	struct pofile *volatile s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	volatile po_file_t file = NULL;
	if (setjmp(po_jump)) {
		pv_err(err, n, "%s", po_message);
		pofile_destroy(s);
		return NULL;
	}
	file = po_file_read(path, &handler);
	if (!file || po_message[0]) {
		pv_err(err, n, "%s", po_message[0] ? po_message : path);
		if (file)
			po_file_free(file);
		pofile_destroy(s);
		return NULL;
	}
	const char *header = po_file_domain_header(file, NULL);
	s->header = header ? xstrdup(header) : NULL;
	po_message_iterator_t it = po_message_iterator(file, NULL);
	for (po_message_t m; (m = po_next_message(it));) {
		const char *id = po_message_msgid(m), *str = po_message_msgstr(m), *ctx = po_message_msgctxt(m);
		if (!*id || po_message_is_obsolete(m))
			continue;
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 64;
			s->entries = xrealloc(s->entries, s->cap * sizeof *s->entries);
		}
		s->entries[s->n++] = (struct pofile_entry){
			.key = ctx ? xstrdup(ctx) : NULL,
			.msgid = xstrdup(id),
			.msgstr = xstrdup(str ? str : ""),
			.fuzzy = po_message_is_fuzzy(m),
		};
	}
	po_message_iterator_free(it);
	po_file_free(file);
	return s;
}

void pofile_destroy(struct pofile *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->entries[i].key);
		free(s->entries[i].msgid);
		free(s->entries[i].msgstr);
	}
	free(s->entries);
	free(s->header);
	free(s->path);
	free(s);
}

size_t pofile_count(const struct pofile *s)
{
	return s->n;
}

const struct pofile_entry *pofile_entry(const struct pofile *s, size_t i)
{
	return i < s->n ? &s->entries[i] : NULL;
}

const struct pofile_entry *pofile_find(const struct pofile *s, const char *key, const char *msgid)
{
	for (size_t i = 0; s && i < s->n; i++)
		if (str_eq(s->entries[i].key, key) && strcmp(s->entries[i].msgid, msgid) == 0)
			return &s->entries[i];
	return NULL;
}

const char *pofile_translation(const struct pofile *s, const char *key, const char *msgid)
{
	const struct pofile_entry *e = pofile_find(s, key, msgid);
	return e && *e->msgstr && !e->fuzzy ? e->msgstr : NULL;
}

char *pofile_header_field(const struct pofile *s, const char *name)
{
	size_t nl = strlen(name);
	for (const char *p = s->header; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > nl + 1 && strncmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1;
			while (*v == ' ')
				v++;
			return xstrndup(v, len - (size_t)(v - p));
		}
		p = end ? end + 1 : p + len;
	}
	return NULL;
}
