/* summary: the figures of the funders' report, computed from the database and the content, as
 * a cJSON tree that the HTML report draws and tests check.
 *
 * No figure is computed from fewer people than the minimum group: it is JSON null, and the report
 * says "moins de 5". Where a column or a question shows its total, a single hidden cell could be
 * worked out from it, so a second one is hidden too (secondary suppression, see docs/privacy.md). */
#ifndef PV_SUMMARY_H
#define PV_SUMMARY_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "content/content.h"
#include "i18n/i18n.h"
#include "store/store.h"

struct summary_options {
	const char *from, *to; /* days, YYYY-MM-DD, both included; NULL: no bound */
	int min_group;         /* 0: REPORT_MIN_GROUP */
	double satisfaction_target; /* 0: 0.5 */
	const struct i18n *L;  /* the built-in answers' words (NULL: their English ids) */
	const char *lang;      /* the report's language: "fr" when NULL */
};

/* NULL with a message when the database cannot be read. */
cJSON *summary_build(struct store *s, const struct content *c, const struct summary_options *o, char *err,
                     size_t n);

/* Hides counts below min (primary), then, if exactly one count is hidden and the total of the
 * counts is shown, the smallest other non-zero one (secondary). Zero counts are shown: "nobody"
 * singles nobody out. Returns how many are hidden. */
size_t summary_suppress(const long *counts, size_t n, int min, bool total_shown, bool *hidden);

/* Median and quartiles of v[0..n) (sorted here), by linear interpolation. */
void summary_quartiles(double *v, size_t n, double *q1, double *median, double *q3);

#endif
