#include "recordings.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void recordings_file_name(const char *text, char out[RECORDING_NAME_LEN + 1])
{
	unsigned char h[16];
	crypto_generichash(h, sizeof h, (const unsigned char *)text, strlen(text), NULL, 0);
	sodium_bin2hex(out, 33, h, sizeof h);
	memcpy(out + 32, ".wav", 5);
}

struct seen {
	const char **texts;
	size_t n, cap;
};

static size_t emit(struct seen *s, const char *text, FILE *out)
{
	if (!text || !*text)
		return 0;
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->texts[i], text) == 0)
			return 0;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->texts = xrealloc(s->texts, s->cap * sizeof *s->texts);
	}
	s->texts[s->n++] = text;
	char name[RECORDING_NAME_LEN + 1];
	recordings_file_name(text, name);
	fprintf(out, "%s\t", name);
	for (const char *p = text; *p; p++) { /* one line per text: its line breaks shown as \n */
		if (*p == '\n')
			fputs("\\n", out);
		else
			fputc(*p, out);
	}
	fputc('\n', out);
	return 1;
}

size_t recordings_list(const struct content *c, const struct words *w, FILE *out)
{
	if (sodium_init() < 0)
		return 0;
	struct seen s = { 0 };
	size_t n = 0;
	for (size_t i = 0; i < words_count(w); i++)
		n += emit(&s, words_text(w, i), out);
	for (size_t i = 0; i < content_count(c); i++) {
		const struct questionnaire *qn = content_get(c, i);
		n += emit(&s, qn->title, out);
		for (size_t q = 0; q < qn->nquestions; q++) {
			n += emit(&s, qn->questions[q].text, out);
			for (size_t k = 0; k < qn->questions[q].nchoices; k++)
				n += emit(&s, qn->questions[q].choices[k].label, out);
		}
	}
	free(s.texts);
	return n;
}
