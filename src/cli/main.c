/* pictovox: a spoken, pictogram-only questionnaire kiosk, and the commands that look after it.
 * Each subcommand is one file of this folder (cmd_*.c); this one only chooses. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct cli_command *const commands[] = {
	&cli_check, &cli_report, &cli_export, &cli_admin, &cli_pot, &cli_recordings,
};

static void usage(FILE *f)
{
	fprintf(f, "usage: %s\n", cli_kiosk.usage);
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "       %s\n", commands[i]->usage);
	fputs("\n'pictovox COMMAND --help' says what a command does and its exit statuses.\n", f);
}

int main(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	if (argc > 1 && argv[1][0] != '-') {
		for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
			if (strcmp(argv[1], commands[i]->name) == 0)
				return commands[i]->run(commands[i], argc - 2, argv + 2);
		fprintf(stderr, "pictovox: no command '%s'\n", argv[1]);
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	return cli_kiosk.run(&cli_kiosk, argc - 1, argv + 1);
}
