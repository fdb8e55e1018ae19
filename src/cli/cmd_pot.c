/* pictovox pot: the translation template, from the kiosk's words and the bundled questionnaires. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "content/content.h"
#include "i18n/l10n.h"

static int run(const struct cli_command *cmd, int argc, char **argv)
{
	const char *dir = PICTOVOX_ASSETS;
	const struct cli_option opts[] = { { "--content", &dir, NULL, NULL }, { NULL, NULL, NULL, NULL } };
	int status, i = cli_parse(cmd, opts, argc, argv, &status);
	if (i < 0)
		return status;
	if (i < argc)
		return cli_usage_error(cmd, "unexpected '%s'", argv[i]);
	struct content *c = cli_load_content(dir);
	if (!c)
		return 1;
	struct l10n_string *s;
	size_t n = l10n_strings(c, &s);
	l10n_write_pot(stdout, s, n);
	free(s);
	content_destroy(c);
	return fflush(stdout) == 0 ? 0 : 1;
}

const struct cli_command cli_pot = {
	"pot",
	"pictovox pot [--content DIR]",
	"Writes the translation template (locales/pictovox.pot) on standard output: the kiosk's own\n"
	"words and every text of the questionnaires, each with its key. 'make pot' writes it and\n"
	"merges it into each language's PO file.\n"
	"  --content DIR   the questionnaires (default: the bundled content)\n"
	"Exit status: 0 when written, 1 on an error, 2 for a wrong option.\n",
	run,
};
