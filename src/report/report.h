/* report: what leaves the kiosk for facilitators and funders, as CSV. The report counts answers
 * per questionnaire, version, question and value, and never shows a count below the minimum
 * group size (it says "<5"), so that a small group is not singled out. The export lists every
 * answer with its anonymous session, for the facilitators' own analysis. */
#ifndef PV_REPORT_H
#define PV_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "store/store.h"

#define REPORT_MIN_GROUP 5

/* Writes "questionnaire,version,question,value,count" rows, sorted; refusals as the value
 * "(refused)". Counts below min_group are written "<min_group". Returns the number of rows, or
 * -1 with a message. One pass over the answers, counted in memory: no sort of a million rows. */
long report_counts_csv(struct store *s, FILE *out, int min_group, char *err, size_t n);
enum export_format { EXPORT_CSV, EXPORT_JSONL };

/* Writes every answer, one row (CSV) or one JSON object a line (JSONL): session, pseudonym,
 * questionnaire, version, language, day, completed, end_reason, question, refused, values.
 * The pseudonym of a personal code is hashed again with a key made for this export and then
 * forgotten, unless linkable (the stored one, to join exports). CSV is UTF-8 with a byte-order
 * mark and a header, multiple values joined by "|". Returns the number of rows, or -1. */
long report_export(struct store *s, FILE *out, enum export_format fmt, bool linkable, char *err, size_t n);

/* Writes s as one CSV field, quoted when it holds a comma, a quote or a line break. */
void report_csv_field(FILE *f, const char *s);

#endif
