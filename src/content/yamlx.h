/* yamlx: a YAML file loaded with libyaml's document API, with typed look-ups that report
 * every problem at its line and column into a diag list. */
#ifndef PV_YAMLX_H
#define PV_YAMLX_H

#include <stdbool.h>
#include <yaml.h>

#include "base/diag.h"

struct yamlx {
	yaml_document_t doc;
	bool loaded;
	const char *file;   /* borrowed; names the file in messages */
	struct diags *diags; /* borrowed */
};

/* Reads and parses path. On failure adds an error (with line and column where libyaml gives
 * one, e.g. for invalid UTF-8) and returns -1; yamlx_free is safe either way. */
int yamlx_load(struct yamlx *y, const char *path, struct diags *d);
void yamlx_free(struct yamlx *y);

yaml_node_t *yamlx_root(struct yamlx *y);
void yamlx_error(struct yamlx *y, const yaml_node_t *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void yamlx_warn(struct yamlx *y, const yaml_node_t *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int yamlx_line(const yaml_node_t *n);
int yamlx_col(const yaml_node_t *n);

/* Mapping look-up; NULL when absent or when map is not a mapping. */
yaml_node_t *yamlx_get(struct yamlx *y, yaml_node_t *map, const char *key);
/* Reports keys not in allowed (NULL-terminated) and keys given twice. Returns false if any. */
bool yamlx_check_keys(struct yamlx *y, yaml_node_t *map, const char *const *allowed, const char *what);
/* A node's text if it is a non-empty scalar, else NULL. */
const char *yamlx_scalar(yaml_node_t *n);

/* Typed fields of a mapping. Each reports a missing required field or a wrong type and
 * returns false then; an absent optional field leaves *out untouched and returns true. */
bool yamlx_str(struct yamlx *y, yaml_node_t *map, const char *key, bool required, const char **out);
bool yamlx_int(struct yamlx *y, yaml_node_t *map, const char *key, bool required, long min, long max,
               long *out);
bool yamlx_bool(struct yamlx *y, yaml_node_t *map, const char *key, bool *out);
/* A sequence field: returns the node (type checked) or NULL, with a message if required. */
yaml_node_t *yamlx_seq(struct yamlx *y, yaml_node_t *map, const char *key, bool required);
size_t yamlx_seq_len(yaml_node_t *seq);
yaml_node_t *yamlx_seq_item(struct yamlx *y, yaml_node_t *seq, size_t i);

#endif
