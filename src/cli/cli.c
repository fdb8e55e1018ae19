#include "cli/cli.h"

#include <stdarg.h>
#include <string.h>

#include "base/diag.h"
#include "base/util.h"
#include "content/content.h"

void cli_print_usage(const struct cli_command *cmd, FILE *f)
{
	fprintf(f, "usage: %s\n%s", cmd->usage, cmd->help);
}

int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "pictovox%s%s: ", cmd->name ? " " : "", cmd->name ? cmd->name : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cli_print_usage(cmd, stderr);
	return CLI_EXIT_USAGE;
}

int cli_parse(const struct cli_command *cmd, const struct cli_option *opts, int argc, char **argv, int *status)
{
	int i = 0;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0)
			return i + 1;
		if (a[0] != '-' || a[1] == '\0')
			return i; /* the first operand */
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			cli_print_usage(cmd, stdout);
			*status = fflush(stdout) == 0 ? 0 : 1;
			return -1;
		}
		const struct cli_option *o = opts;
		while (o && o->name && strcmp(o->name, a) != 0)
			o++;
		if (!o || !o->name) {
			*status = cli_usage_error(cmd, "unknown option '%s'", a);
			return -1;
		}
		if (o->flag) {
			*o->flag = true;
			continue;
		}
		if (i + 1 >= argc) {
			*status = cli_usage_error(cmd, "%s needs a value", a);
			return -1;
		}
		const char *v = argv[++i];
		if (o->value) {
			*o->value = v;
		} else if (o->list->n < o->list->max) {
			o->list->items[o->list->n++] = v;
		} else {
			*status = cli_usage_error(cmd, "%s: at most %zu at a time", a, o->list->max);
			return -1;
		}
	}
	return i;
}

struct content *cli_load_content(const char *dir)
{
	struct diags *d = diags_create();
	struct content *c = content_load_dir(dir, NULL, d);
	if (!c)
		diags_print(d, stderr);
	diags_destroy(d);
	return c;
}

int cli_output_open(struct cli_output *o, const char *path)
{
	char err[400];
	*o = (struct cli_output){ stdout, NULL };
	if (!path)
		return 0;
	if (!(o->af = atomic_file_open(path, err, sizeof err))) {
		fprintf(stderr, "pictovox: %s\n", err);
		return -1;
	}
	o->f = atomic_file_stream(o->af);
	return 0;
}

int cli_output_close(struct cli_output *o, bool ok)
{
	char err[400];
	if (!o->af)
		return ok && fflush(stdout) == 0 ? 0 : 1;
	if (!ok) {
		atomic_file_abort(o->af);
		return 1;
	}
	if (atomic_file_commit(o->af, err, sizeof err) != 0) {
		fprintf(stderr, "pictovox: %s\n", err);
		return 1;
	}
	return 0;
}
