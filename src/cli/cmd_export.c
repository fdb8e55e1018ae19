/* pictovox export: every answer, one row each, with pseudonyms made for this export alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "cli/cli.h"
#include "report/report.h"
#include "store/store.h"

static int run(const struct cli_command *cmd, int argc, char **argv)
{
	const char *db = NULL, *out = NULL, *format = "csv";
	bool linkable = false;
	const struct cli_option opts[] = {
		{ "--db", &db, NULL, NULL },         { "--out", &out, NULL, NULL },
		{ "--format", &format, NULL, NULL }, { "--linkable", NULL, &linkable, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	int status, i = cli_parse(cmd, opts, argc, argv, &status);
	if (i < 0)
		return status;
	if (i < argc)
		return cli_usage_error(cmd, "unexpected '%s'", argv[i]);
	if (strcmp(format, "csv") != 0 && strcmp(format, "jsonl") != 0)
		return cli_usage_error(cmd, "--format %s: use csv or jsonl", format);

	char *path = db ? xstrdup(db) : store_default_path();
	char err[512] = "";
	status = 1;
	struct store *s = NULL;
	struct cli_output o;
	if (!path_is_file(path)) {
		fprintf(stderr, "pictovox: %s: no database here\n", path);
	} else if (!(s = store_open_readonly(path, err, sizeof err))) {
		fprintf(stderr, "pictovox: %s\n", err);
	} else if (cli_output_open(&o, out) == 0) {
		enum export_format f = strcmp(format, "jsonl") ? EXPORT_CSV : EXPORT_JSONL;
		bool ok = report_export(s, o.f, f, linkable, err, sizeof err) >= 0;
		if (!ok && err[0])
			fprintf(stderr, "pictovox: %s\n", err);
		status = cli_output_close(&o, ok);
	}
	store_close(s);
	free(path);
	return status;
}

const struct cli_command cli_export = {
	"export",
	"pictovox export [--db FILE] [--format csv|jsonl] [--out FILE] [--linkable]",
	"Writes every answer, one row each: session, pseudonym, questionnaire, version, language, day,\n"
	"question, value or refusal. CSV is UTF-8 with a byte-order mark and a header. The database\n"
	"is only read.\n"
	"  --db FILE      the answers (default: $XDG_DATA_HOME/pictovox/pictovox.db)\n"
	"  --format F     csv (default) or jsonl\n"
	"  --out FILE     written whole or not at all (default: standard output)\n"
	"  --linkable     the stored pseudonyms (default: new ones for this export alone)\n"
	"Exit status: 0 when written, 1 on an error, 2 for a wrong option.\n",
	run,
};
