/* publish: the report and the export as files, written whole or not at all: what
 * `pictovox report --out` writes and what the admin mode puts on a USB stick. */
#ifndef PV_PUBLISH_H
#define PV_PUBLISH_H

#include <stdio.h>

#include "content/content.h"
#include "report/summary.h"
#include "store/store.h"

/* The funders' report as one HTML file on f: the summary of s over o, drawn with the pictograms
 * of pictodir, dated day (YYYY-MM-DD). 0, or -1 with a message. */
int publish_report_html(struct store *s, const struct content *c, const struct summary_options *o,
                        const char *pictodir, const char *day, FILE *f, char *err, size_t n);

/* The two files a facilitator takes away, in folder: pictovox-export-<day>.csv (every answer,
 * pseudonyms re-keyed) and pictovox-rapport-<day>.html. On success their paths (caller frees);
 * on failure neither is left behind, half-written or whole. 0, or -1 with a message. */
int publish_to_folder(struct store *s, const struct content *c, const struct summary_options *o,
                      const char *pictodir, const char *folder, const char *day, char **csv_path,
                      char **html_path, char *err, size_t n);

#endif
