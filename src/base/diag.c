#include "base/diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "base/util.h"

struct diags {
	struct diag *items;
	size_t n, cap, errors;
};

struct diags *diags_create(void)
{
	return xcalloc(1, sizeof(struct diags));
}

void diags_destroy(struct diags *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	free(d);
}

void diags_add(struct diags *d, enum diag_severity sev, const char *file, int line, int col,
               const char *fmt, ...)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = xrealloc(d->items, d->cap * sizeof *d->items);
	}
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap); /* kept whole: a long value is part of the message */
	va_end(ap);
	char *msg;
	if (len < 0) { /* a format the C library cannot print: its text rather than nothing */
		msg = xstrdup(fmt);
	} else {
		msg = xmalloc((size_t)len + 1);
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)len + 1, fmt, ap);
		va_end(ap);
	}
	d->items[d->n++] = (struct diag){ sev, xstrdup(file ? file : "?"), line, col, msg };
	if (sev == DIAG_ERROR)
		d->errors++;
}

size_t diags_count(const struct diags *d)
{
	return d->n;
}

size_t diags_errors(const struct diags *d)
{
	return d->errors;
}

size_t diags_warnings(const struct diags *d)
{
	return d->n - d->errors;
}

const struct diag *diags_get(const struct diags *d, size_t i)
{
	return i < d->n ? &d->items[i] : NULL;
}

void diags_print(const struct diags *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->items[i];
		const char *sev = g->severity == DIAG_ERROR ? "error" : "warning";
		if (g->line > 0)
			fprintf(out, "%s:%d:%d: %s: %s\n", g->file, g->line, g->col, sev, g->message);
		else
			fprintf(out, "%s: %s: %s\n", g->file, sev, g->message);
	}
}
