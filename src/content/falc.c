#include "content/falc.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Spaces and punctuation outside ASCII that stand between words, in UTF-8. */
static const char *const separators[] = {
	"\xc2\xa0",     /* no-break space */
	"\xe2\x80\xaf", /* narrow no-break space, before ? ! ; : in French */
	"\xc2\xab",     /* « */
	"\xc2\xbb",     /* » */
	"\xe2\x80\x94", /* — */
	"\xe2\x80\x93", /* – */
	"\xe2\x80\xa6", /* … */
};
#define APOSTROPHE "\xe2\x80\x99" /* ’ joins like ' */

static size_t separator_len(const unsigned char *s)
{
	for (size_t i = 0; i < sizeof separators / sizeof separators[0]; i++) {
		size_t n = strlen(separators[i]);
		if (strncmp((const char *)s, separators[i], n) == 0)
			return n;
	}
	return 0;
}

/* A letter or digit: ASCII ones, and any other character that is not a separator (é, ç,
 * Arabic...). Returns its length in bytes, 0 if s does not start with one. */
static size_t letter_len(const unsigned char *s)
{
	if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9'))
		return 1;
	if (*s < 0x80 || separator_len(s) || strncmp((const char *)s, APOSTROPHE, 3) == 0)
		return 0;
	size_t n = 1;
	while (s[n] && (s[n] & 0xc0) == 0x80)
		n++;
	return n;
}

/* The length in bytes of the word at s: letters, joined by ' - or ’ (l'équipe, allez-vous). */
static size_t word_len(const unsigned char *s)
{
	size_t i = 0;
	for (;;) {
		size_t l = letter_len(s + i);
		if (l) {
			i += l;
			continue;
		}
		size_t join = s[i] == '\'' || s[i] == '-' ? 1 : strncmp((const char *)s + i, APOSTROPHE, 3) == 0 ? 3 : 0;
		if (i && join && letter_len(s + i + join)) {
			i += join;
			continue;
		}
		return i;
	}
}

size_t falc_words(const char *text)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		size_t w = word_len(p);
		if (w) {
			n++;
			p += w;
		} else {
			size_t sep = separator_len(p);
			p += sep ? sep : 1;
		}
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

/* An abbreviation: two or more capitals in a row (CHRS, RDV), or a short word known to be
 * abbreviated, followed by a dot (etc., ex., M.). */
static bool is_abbreviation(const char *w, size_t n, const char *after)
{
	size_t caps = 0;
	for (size_t i = 0; i < n; i++)
		if (w[i] >= 'A' && w[i] <= 'Z')
			caps++;
	if (caps >= 2 && caps * 2 > n)
		return true;
	static const char *const dotted[] = { "etc", "ex", "cf", "env", "tel", "tél", "m", "mr", "mme",
		                              "nb", "svp", "rdv", "p" };
	if (*after == '.') {
		for (size_t i = 0; i < sizeof dotted / sizeof dotted[0]; i++)
			if (strlen(dotted[i]) == n && strncasecmp(w, dotted[i], n) == 0)
				return true;
	}
	return false;
}

static void too_long(falc_report_fn report, void *ud, int *count, size_t words)
{
	char msg[120];
	snprintf(msg, sizeof msg, "a sentence of %zu words: keep to %d or fewer", words, FALC_MAX_WORDS);
	report(ud, msg);
	(*count)++;
}

/* A . ! or ? ends a sentence when what follows is a space, the end, or more punctuation that
 * ends; not inside 2.5 or www.site.fr. */
static bool ends_sentence(const unsigned char *next)
{
	return *next == '\0' || *next == ' ' || *next == '\n' || separator_len(next) ||
	       *next == '"' || *next == ')';
}

int falc_check(const char *text, falc_report_fn report, void *ud)
{
	int count = 0;
	const unsigned char *line = (const unsigned char *)text;
	while (*line) {
		size_t sentences = 0, words = 0;
		bool open = false, after_abbreviation = false;
		const unsigned char *p = line;
		while (*p && *p != '\n') {
			size_t w = word_len(p);
			if (w) {
				after_abbreviation = is_abbreviation((const char *)p, w, (const char *)p + w);
				if (after_abbreviation)
					reportf(report, ud, &count, "abbreviation", (const char *)p, w,
					        "write the word in full");
				words++;
				if (!open) {
					open = true;
					sentences++;
				}
				p += w;
				continue;
			}
			size_t sep = separator_len(p);
			if (sep) {
				p += sep;
				continue;
			}
			unsigned char c = *p++;
			if (c == '.' || c == '!' || c == '?') {
				bool abbreviation_dot = c == '.' && after_abbreviation;
				after_abbreviation = false;
				if (abbreviation_dot || !ends_sentence(p))
					continue;
				if (open && words > FALC_MAX_WORDS)
					too_long(report, ud, &count, words);
				open = false;
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
		if (open && words > FALC_MAX_WORDS)
			too_long(report, ud, &count, words);
		if (sentences > 1) {
			report(ud, "more than one sentence on a line: put each sentence on its own line");
			count++;
		}
		line = *p ? p + 1 : p;
	}
	return count;
}
