/* falc: the easy-to-read (FALC) rules a program can see in a text. Only a person who reads
 * little can tell whether a text is really easy; these catch what is certainly not. */
#ifndef PV_FALC_H
#define PV_FALC_H

#include <stddef.h>

#define FALC_MAX_WORDS 15

typedef void (*falc_report_fn)(void *ud, const char *message);

/* Reports each rule the text breaks: a sentence over FALC_MAX_WORDS words, two sentences on
 * one line, an abbreviation, a percentage, a special character. Returns how many. */
int falc_check(const char *text, falc_report_fn report, void *ud);
/* Counts the words of a text (letters or digits joined by ' or -, as a reader sees them). */
size_t falc_words(const char *text);

#endif
