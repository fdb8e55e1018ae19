/* diag: a list of problems found in a file, each with its place, printed as file:line:col. */
#ifndef PV_DIAG_H
#define PV_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

struct diag {
	enum diag_severity severity;
	char *file;
	int line, col; /* 1-based; 0 when the problem has no place (an unreadable file) */
	char *message;
};

struct diags;

struct diags *diags_create(void);
void diags_destroy(struct diags *d);
void diags_add(struct diags *d, enum diag_severity sev, const char *file, int line, int col,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));
size_t diags_count(const struct diags *d);
size_t diags_errors(const struct diags *d);
size_t diags_warnings(const struct diags *d);
const struct diag *diags_get(const struct diags *d, size_t i);
/* Prints every problem as "file:line:col: error: message", in the order found. */
void diags_print(const struct diags *d, FILE *out);

#endif
