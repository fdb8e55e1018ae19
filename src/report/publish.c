#include "report/publish.h"

#include <stdlib.h>
#include <unistd.h>

#include "base/util.h"
#include "report/report.h"
#include "report/report_html.h"

int publish_report_html(struct store *s, const struct content *c, const struct summary_options *o,
                        const char *pictodir, const char *day, FILE *f, char *err, size_t n)
{
	cJSON *sum = summary_build(s, c, o, err, n);
	if (!sum)
		return -1;
	int rc = report_html_write(f, sum, pictodir, day);
	cJSON_Delete(sum);
	return rc == 0 ? 0 : pv_err(err, n, "the report could not be written");
}

/* One file of the pair: through its .part, renamed once complete and on the disk. */
static int write_one(struct store *s, const struct content *c, const struct summary_options *o,
                     const char *pictodir, const char *path, const char *day, bool html, char *err, size_t n)
{
	struct atomic_file *af = atomic_file_open(path, err, n);
	if (!af)
		return -1;
	FILE *f = atomic_file_stream(af);
	int rc = html ? publish_report_html(s, c, o, pictodir, day, f, err, n)
	              : report_export(s, f, EXPORT_CSV, false, err, n) < 0 ? -1 : 0;
	if (rc != 0) {
		atomic_file_abort(af);
		return -1;
	}
	return atomic_file_commit(af, err, n);
}

int publish_to_folder(struct store *s, const struct content *c, const struct summary_options *o,
                      const char *pictodir, const char *folder, const char *day, char **csv_path,
                      char **html_path, char *err, size_t n)
{
	char *csv = xasprintf("%s/pictovox-export-%s.csv", folder, day);
	char *html = xasprintf("%s/pictovox-rapport-%s.html", folder, day);
	int rc = write_one(s, c, o, pictodir, csv, day, false, err, n);
	if (rc == 0 && (rc = write_one(s, c, o, pictodir, html, day, true, err, n)) != 0)
		unlink(csv); /* both or neither: a stick with half the export misleads */
	if (rc != 0) {
		free(csv);
		free(html);
		return -1;
	}
	*csv_path = csv;
	*html_path = html;
	return 0;
}
