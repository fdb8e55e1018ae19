/* report_html: the funders' report as one standalone HTML file, in French: inline SVG bars,
 * pictograms inlined as data, no script, no network; it prints to PDF from a browser. It draws
 * what summary_build computed, hidden figures as "moins de N". */
#ifndef PV_REPORT_HTML_H
#define PV_REPORT_HTML_H

#include <cjson/cJSON.h>
#include <stdio.h>

/* today: the day the report is made (YYYY-MM-DD). Returns 0, or -1 if writing failed. */
int report_html_write(FILE *f, const cJSON *summary, const char *pictodir, const char *today);

#endif
