/* cli: what every subcommand shares: its entry in the command table, one argument parser that
 * follows the GNU conventions, and the content loader of the commands that need one.
 *
 * `--help` prints the command's usage on standard output and exits 0; an unknown option, a
 * missing value or a wrong operand prints the reason and the usage on standard error and exits 2. */
#ifndef PV_CLI_H
#define PV_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CLI_EXIT_USAGE 2

struct cli_command {
	const char *name;  /* "check"; NULL for the kiosk itself */
	const char *usage; /* its synopsis lines, each starting with "pictovox" */
	const char *help;  /* what it does, its options and exit statuses */
	int (*run)(const struct cli_command *cmd, int argc, char **argv);
};

/* A repeatable option's values, in the order given. */
struct cli_list {
	const char **items;
	size_t n, max;
};

/* One option: exactly one of value (takes an argument), flag (takes none) or list (repeatable,
 * takes an argument) is set. */
struct cli_option {
	const char *name; /* "--db" */
	const char **value;
	bool *flag;
	struct cli_list *list;
};

/* Parses argv[0..argc) against opts (ended by an entry with a NULL name). Returns the index of
 * the first operand (argc when there is none), or -1 when the command must end with *status:
 * 0 after --help, CLI_EXIT_USAGE after a mistake (both already printed). "--" ends the options. */
int cli_parse(const struct cli_command *cmd, const struct cli_option *opts, int argc, char **argv, int *status);

/* Prints "pictovox CMD: <message>" and the command's usage on standard error; returns
 * CLI_EXIT_USAGE. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The usage alone (synopsis and help). */
void cli_print_usage(const struct cli_command *cmd, FILE *f);

/* Where a report or an export goes: a file written whole or not at all (util's atomic_file), or
 * standard output when path is NULL. */
struct cli_output {
	FILE *f;
	struct atomic_file *af;
};
int cli_output_open(struct cli_output *o, const char *path);
/* The exit status: 0 when ok and everything reached the disk; 1 otherwise (said why). */
int cli_output_close(struct cli_output *o, bool ok);

/* The questionnaires of a content folder; NULL after printing why on standard error. */
struct content *cli_load_content(const char *dir);

/* The subcommands, one file each. */
extern const struct cli_command cli_kiosk, cli_check, cli_report, cli_export, cli_pot, cli_admin, cli_recordings;

#endif
