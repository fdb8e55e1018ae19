/* pictovox admin set-pin: the PIN of the admin mode, read from standard input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>
#include <termios.h>

#include "admin/admin.h"
#include "base/util.h"
#include "cli/cli.h"
#include "store/store.h"

/* Reads one line of standard input, without echo when it is a terminal. */
static bool read_secret_line(const char *prompt, char *buf, size_t n)
{
	bool tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	bool ok = fgets(buf, (int)n, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	buf[ok ? strcspn(buf, "\r\n") : 0] = '\0';
	return ok;
}

/* `admin set-pin`: twice on a terminal, once from a pipe. */
static int run(const struct cli_command *cmd, int argc, char **argv)
{
	const char *db = NULL;
	const struct cli_option opts[] = { { "--db", &db, NULL, NULL }, { NULL, NULL, NULL, NULL } };
	int status;
	if (argc < 1)
		return cli_usage_error(cmd, "which action? The only one is set-pin");
	if (strcmp(argv[0], "--help") && strcmp(argv[0], "-h") && strcmp(argv[0], "set-pin"))
		return cli_usage_error(cmd, "no action '%s': the only one is set-pin", argv[0]);
	int first = strcmp(argv[0], "set-pin") == 0;
	int i = cli_parse(cmd, opts, argc - first, argv + first, &status);
	if (i < 0)
		return status;
	if (i < argc - first)
		return cli_usage_error(cmd, "unexpected '%s'", argv[first + i]);
	char pin[64], again[64], err[512];
	if (!read_secret_line("New PIN (8 digits or more): ", pin, sizeof pin) ||
	    (isatty(STDIN_FILENO) && (!read_secret_line("Again: ", again, sizeof again) || strcmp(pin, again) != 0))) {
		fprintf(stderr, "pictovox: no PIN read, or the two differ: nothing changed\n");
		return 1;
	}
	char *path = db ? xstrdup(db) : store_default_path();
	struct store *s = store_open(path, err, sizeof err);
	status = 1;
	if (!s)
		fprintf(stderr, "pictovox: %s\n", err);
	else if (admin_set_pin(s, pin, err, sizeof err) != 0)
		fprintf(stderr, "pictovox: %s: nothing changed\n", err);
	else
		fprintf(stderr, "pictovox: the admin PIN of %s is set\n", path), status = 0;
	sodium_memzero(pin, sizeof pin);
	sodium_memzero(again, sizeof again);
	store_close(s);
	free(path);
	return status;
}

const struct cli_command cli_admin = {
	"admin",
	"pictovox admin set-pin [--db FILE]       (the PIN on standard input)",
	"Sets the PIN of the admin mode (8 digits or more), read from standard input: twice, without\n"
	"echo, on a terminal. Only its Argon2id hash is stored, in the database.\n"
	"  --db FILE   the kiosk's database (default: $XDG_DATA_HOME/pictovox/pictovox.db)\n"
	"Exit status: 0 when set, 1 when nothing changed, 2 for a wrong option.\n",
	run,
};
