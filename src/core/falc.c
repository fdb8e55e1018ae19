#include "falc.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool is_word_byte(unsigned char c)
{
	/* Any non-ASCII byte belongs to a letter (é, ç, Arabic...): punctuation we care about is ASCII. */
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Typographic punctuation that is normal in French prose, in UTF-8. */
static size_t allowed_multibyte(const unsigned char *s)
{
	static const char *const ok[] = {
		"\xe2\x80\x99", /* ’ */
		"\xc2\xa0",     /* no-break space */
		"\xe2\x80\xaf", /* narrow no-break space */
		"\xc2\xab",     /* « */
		"\xc2\xbb",     /* » */
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (strncmp((const char *)s, ok[i], strlen(ok[i])) == 0)
			return strlen(ok[i]);
	return 0;
}

size_t falc_words(const char *text)
{
	size_t n = 0;
	bool in = false;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		size_t skip = allowed_multibyte(p);
		if (skip && p[0] == 0xe2 && p[2] == 0x99) { /* ’ joins like ' */
			p += skip - 1;
			continue;
		}
		if (skip) {
			in = false;
			p += skip - 1;
			continue;
		}
		bool w = is_word_byte(*p) || ((*p == '\'' || *p == '-') && in);
		if (w && !in)
			n++;
		in = w;
	}
	return n;
}

/* Reports "what 'arg': advice". */
static void reportf(falc_report_fn report, void *ud, int *count, const char *what, const char *arg,
                    size_t argn, const char *advice)
{
	char msg[200];
	snprintf(msg, sizeof msg, "%s '%.*s': %s", what, (int)argn, arg, advice);
	report(ud, msg);
	(*count)++;
}

/* An abbreviation: two or more capitals in a row (CHRS, RDV), or a short word followed by a
 * dot and then a lower-case letter or the end (etc., ex., p.). */
static bool is_abbreviation(const char *w, size_t n, const char *after)
{
	size_t caps = 0;
	for (size_t i = 0; i < n; i++)
		if (w[i] >= 'A' && w[i] <= 'Z')
			caps++;
	if (caps >= 2 && caps * 2 > n)
		return true;
	static const char *const dotted[] = { "etc", "ex", "cf", "env", "tel", "tél", "mr", "mme",
		                              "nb", "svp", "rdv", "p" };
	if (*after == '.') {
		for (size_t i = 0; i < sizeof dotted / sizeof dotted[0]; i++)
			if (strlen(dotted[i]) == n && strncasecmp(w, dotted[i], n) == 0)
				return true;
	}
	return false;
}

int falc_check(const char *text, falc_report_fn report, void *ud)
{
	int count = 0;
	const char *line = text;
	while (*line) {
		const char *eol = strchr(line, '\n');
		size_t len = eol ? (size_t)(eol - line) : strlen(line);
		size_t sentences = 0, words = 0;
		bool in_word = false, sentence_open = false;
		for (size_t i = 0; i < len; i++) {
			const unsigned char c = (unsigned char)line[i];
			size_t mb = allowed_multibyte((const unsigned char *)line + i);
			if (mb) {
				if (!(c == 0xe2 && line[i + 2] == (char)0x99))
					in_word = false;
				i += mb - 1;
				continue;
			}
			if (is_word_byte(c)) {
				if (!in_word) {
					size_t j = i;
					while (j < len && (is_word_byte((unsigned char)line[j]) ||
					                   ((line[j] == '-' || line[j] == '\'') && j + 1 < len &&
					                    is_word_byte((unsigned char)line[j + 1]))))
						j++;
					if (is_abbreviation(line + i, j - i, line + j))
						reportf(report, ud, &count, "abbreviation", line + i, j - i,
						        "write the word in full");
					words++;
					if (!sentence_open) {
						sentence_open = true;
						sentences++;
					}
				}
				in_word = true;
				continue;
			}
			if ((c == '\'' || c == '-') && in_word)
				continue;
			in_word = false;
			if (c == '.' || c == '!' || c == '?') {
				if (sentence_open && words > FALC_MAX_WORDS) {
					char msg[120];
					snprintf(msg, sizeof msg, "a sentence of %zu words: keep to %d or fewer",
					         words, FALC_MAX_WORDS);
					report(ud, msg);
					count++;
				}
				sentence_open = false;
				words = 0;
			} else if (c == '%') {
				reportf(report, ud, &count, "percentage", "%", 1,
				        "say it in words (\"half\", \"most\")");
			} else if (strchr("&#@*/\\|<>[]{}~^_=+$;", c) || c < 0x20) {
				char ch[8];
				snprintf(ch, sizeof ch, c < 0x20 ? "\\x%02x" : "%c", c);
				reportf(report, ud, &count, "special character", ch, strlen(ch),
				        "use words instead");
			}
		}
		if (sentence_open && words > FALC_MAX_WORDS) {
			char msg[120];
			snprintf(msg, sizeof msg, "a sentence of %zu words: keep to %d or fewer", words,
			         FALC_MAX_WORDS);
			report(ud, msg);
			count++;
		}
		if (sentences > 1) {
			report(ud, "more than one sentence on a line: put each sentence on its own line");
			count++;
		}
		if (!eol)
			break;
		line = eol + 1;
	}
	return count;
}
