/* pictovox report: the funders' report (HTML or JSON), or the counts per answer as CSV. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/util.h"
#include "cli/cli.h"
#include "content/content.h"
#include "i18n/i18n.h"
#include "report/report.h"
#include "report/publish.h"
#include "report/summary.h"
#include "store/store.h"

/* The format: given, else from the output's name; the counts' CSV on standard output. */
static const char *format_for(const char *format, const char *out)
{
	if (format)
		return format;
	if (out && str_has_suffix(out, ".html"))
		return "html";
	return out && str_has_suffix(out, ".json") ? "json" : "csv";
}

static bool write_summary(struct store *s, const struct content *c, const char *content_dir,
                          const struct summary_options *so0, bool json, FILE *f, char *err, size_t n)
{
	struct diags *d = diags_create();
	char *list = path_join(PICTOVOX_LOCALES, "languages.yaml");
	struct i18n *L = i18n_load(list, PICTOVOX_MODIR, d); /* French words for the answers */
	free(list);
	diags_destroy(d);
	struct summary_options so = *so0;
	so.L = L;
	bool ok;
	if (json) {
		cJSON *sum = summary_build(s, c, &so, err, n);
		char *text = sum ? cJSON_Print(sum) : NULL;
		ok = text && fputs(text, f) >= 0 && fputc('\n', f) != EOF;
		cJSON_free(text);
		cJSON_Delete(sum);
	} else {
		char today[DAY_LEN + 1];
		day_today(today);
		char *pictos = path_join(content_dir, "pictograms");
		ok = publish_report_html(s, c, &so, pictos, today, f, err, n) == 0;
		free(pictos);
	}
	i18n_destroy(L);
	return ok;
}

static int run(const struct cli_command *cmd, int argc, char **argv)
{
	const char *db = NULL, *out = NULL, *format = NULL, *from = NULL, *to = NULL, *content = PICTOVOX_ASSETS;
	const char *min = NULL;
	const struct cli_option opts[] = {
		{ "--db", &db, NULL, NULL },          { "--out", &out, NULL, NULL },
		{ "--format", &format, NULL, NULL },  { "--from", &from, NULL, NULL },
		{ "--to", &to, NULL, NULL },          { "--min-group", &min, NULL, NULL },
		{ "--content", &content, NULL, NULL }, { NULL, NULL, NULL, NULL },
	};
	int status, i = cli_parse(cmd, opts, argc, argv, &status);
	if (i < 0)
		return status;
	if (i < argc)
		return cli_usage_error(cmd, "unexpected '%s'", argv[i]);
	long min_group = REPORT_MIN_GROUP;
	if (min && parse_long(min, 1, INT_MAX, &min_group) != 0)
		return cli_usage_error(cmd, "--min-group takes a whole number of 1 or more, not '%s'", min);
	if (from && !day_parse(from, NULL, NULL, NULL))
		return cli_usage_error(cmd, "--from takes a day, YYYY-MM-DD, not '%s'", from);
	if (to && !day_parse(to, NULL, NULL, NULL))
		return cli_usage_error(cmd, "--to takes a day, YYYY-MM-DD, not '%s'", to);
	format = format_for(format, out);
	if (strcmp(format, "csv") != 0 && strcmp(format, "html") != 0 && strcmp(format, "json") != 0)
		return cli_usage_error(cmd, "--format %s: use html, json or csv", format);

	char *path = db ? xstrdup(db) : store_default_path();
	char err[512] = "";
	status = 1;
	struct store *s = NULL;
	struct content *c = NULL;
	struct cli_output o;
	if (!path_is_file(path)) {
		fprintf(stderr, "pictovox: %s: no database here\n", path);
	} else if (!(s = store_open_readonly(path, err, sizeof err))) {
		fprintf(stderr, "pictovox: %s\n", err);
	} else if (strcmp(format, "csv") != 0 && !(c = cli_load_content(content))) {
		fprintf(stderr, "pictovox: %s: the content is needed for the questions' texts\n", content);
	} else if (cli_output_open(&o, out) == 0) {
		bool ok;
		if (!strcmp(format, "csv")) {
			ok = report_counts_csv(s, o.f, (int)min_group, err, sizeof err) >= 0;
		} else {
			struct summary_options so = { from, to, (int)min_group, 0, NULL, "fr" };
			ok = write_summary(s, c, content, &so, !strcmp(format, "json"), o.f, err, sizeof err);
		}
		if (!ok && err[0])
			fprintf(stderr, "pictovox: %s\n", err);
		status = cli_output_close(&o, ok);
	}
	content_destroy(c);
	store_close(s);
	free(path);
	return status;
}

const struct cli_command cli_report = {
	"report",
	"pictovox report [--db FILE] [--out FILE] [--format html|json|csv] [--from DAY] [--to DAY]\n"
	"                       [--min-group N] [--content DIR]",
	"Writes the funders' report: one standalone HTML file with --out report.html (or its figures\n"
	"as JSON), or the counts per answer as CSV on standard output. No figure comes from fewer\n"
	"people than the minimum group. The database is only read.\n"
	"  --db FILE        the answers (default: $XDG_DATA_HOME/pictovox/pictovox.db)\n"
	"  --out FILE       written whole or not at all (default: standard output)\n"
	"  --format F       html, json or csv (default: from the name of --out, else csv)\n"
	"  --from, --to DAY the period, YYYY-MM-DD, both included\n"
	"  --min-group N    the smallest group a figure may come from (default: 5)\n"
	"  --content DIR    the questionnaires, for their texts (default: the bundled content)\n"
	"Exit status: 0 when written, 1 on an error, 2 for a wrong option.\n",
	run,
};
