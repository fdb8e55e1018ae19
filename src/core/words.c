#include "words.h"

#include <gettext-po.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct pair {
	char *id, *str;
};

struct words {
	char *lang;
	struct pair *pairs;
	size_t n, cap;
};

struct words *words_empty(const char *lang)
{
	struct words *s = xcalloc(1, sizeof *s);
	s->lang = xstrdup(lang);
	return s;
}

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

struct words *words_load(const char *locales_dir, const char *lang, char *err, size_t n)
{
	char *name = xasprintf("%s.po", lang);
	char *path = path_join(locales_dir, name);
	free(name);
	if (!path_is_file(path)) {
		pv_err(err, n, "%s: no such file", path);
		free(path);
		return NULL;
	}
	struct po_xerror_handler handler = { po_xerror, po_xerror2 };
	po_message[0] = '\0';
	struct words *volatile s = words_empty(lang);
	volatile po_file_t file = NULL;
	if (setjmp(po_jump)) {
		pv_err(err, n, "%s", po_message);
		words_destroy(s);
		free(path);
		return NULL;
	}
	file = po_file_read(path, &handler);
	if (!file || po_message[0]) {
		pv_err(err, n, "%s", po_message[0] ? po_message : path);
		if (file)
			po_file_free(file);
		words_destroy(s);
		free(path);
		return NULL;
	}
	po_message_iterator_t it = po_message_iterator(file, NULL);
	for (po_message_t m; (m = po_next_message(it));) {
		const char *id = po_message_msgid(m), *str = po_message_msgstr(m);
		if (!*id || !str || !*str || po_message_is_fuzzy(m) || po_message_is_obsolete(m))
			continue;
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 32;
			s->pairs = xrealloc(s->pairs, s->cap * sizeof *s->pairs);
		}
		s->pairs[s->n++] = (struct pair){ xstrdup(id), xstrdup(str) };
	}
	po_message_iterator_free(it);
	po_file_free(file);
	free(path);
	return s;
}

void words_destroy(struct words *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->pairs[i].id);
		free(s->pairs[i].str);
	}
	free(s->pairs);
	free(s->lang);
	free(s);
}

const char *words_lang(const struct words *s)
{
	return s->lang;
}

const char *words_get(const struct words *s, const char *msgid)
{
	for (size_t i = 0; s && i < s->n; i++)
		if (strcmp(s->pairs[i].id, msgid) == 0)
			return s->pairs[i].str;
	return msgid;
}

size_t words_count(const struct words *s)
{
	return s->n;
}

const char *words_text(const struct words *s, size_t i)
{
	return i < s->n ? s->pairs[i].str : NULL;
}
