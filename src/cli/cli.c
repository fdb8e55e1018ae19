#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

bool cli_int(const char *s, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = s && *s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
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
	*o = (struct cli_output){ stdout, NULL, NULL };
	if (!path)
		return 0;
	o->path = xstrdup(path);
	o->tmp = xasprintf("%s.part", path);
	o->f = fopen(o->tmp, "w");
	if (!o->f) {
		fprintf(stderr, "pictovox: %s: %s\n", o->tmp, strerror(errno));
		free(o->path);
		free(o->tmp);
		return -1;
	}
	return 0;
}

int cli_output_close(struct cli_output *o, bool ok)
{
	if (!o->path)
		return ok && fflush(stdout) == 0 ? 0 : 1;
	ok = fflush(o->f) == 0 && fsync(fileno(o->f)) == 0 && ok;
	ok = fclose(o->f) == 0 && ok;
	if (ok && rename(o->tmp, o->path) != 0) {
		fprintf(stderr, "pictovox: %s: %s\n", o->path, strerror(errno));
		ok = false;
	}
	if (!ok)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	return ok ? 0 : 1;
}

bool cli_day(const char *s)
{
	int y, m, d;
	char extra;
	return s && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 && m >= 1 && m <= 12 &&
	       d >= 1 && d <= 31;
}
