#include "content/yamlx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Content files are small; a bigger one is a mistake (or an attack), not a questionnaire. */
#define YAMLX_MAX_BYTES (4u << 20)


/* 1-based line and column (in characters) of a byte offset. */
static void offset_to_place(const unsigned char *buf, size_t len, size_t offset, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < offset && i < len; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if ((buf[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

/* Where and why the parser stopped, as a diag. */
static void parse_error(const yaml_parser_t *parser, const unsigned char *buf, size_t len, const char *path,
                        struct diags *d)
{
	int line, col;
	if (parser->error == YAML_READER_ERROR) {
		/* Encoding errors come with a byte offset, not a mark. */
		offset_to_place(buf, len, parser->problem_offset, &line, &col);
	} else {
		const yaml_mark_t *m = parser->problem ? &parser->problem_mark : &parser->context_mark;
		line = (int)m->line + 1;
		col = (int)m->column + 1;
	}
	diags_add(d, DIAG_ERROR, path, line, col, "%s%s%s", parser->problem ? parser->problem : "unreadable YAML",
	          parser->context ? " " : "", parser->context ? parser->context : "");
}

int yamlx_load(struct yamlx *y, const char *path, struct diags *d)
{
	memset(y, 0, sizeof *y);
	y->file = path;
	y->diags = d;
	char err[256];
	size_t len = 0;
	unsigned char *buf = file_read_all(path, YAMLX_MAX_BYTES, &len, err, sizeof err);
	if (!buf) {
		diags_add(d, DIAG_ERROR, path, 0, 0, "%s", err);
		return -1;
	}
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		free(buf);
		diags_add(d, DIAG_ERROR, path, 0, 0, "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, buf, len);
	int ok = yaml_parser_load(&parser, &y->doc);
	if (!ok) {
		parse_error(&parser, buf, len, path, d);
	} else {
		y->loaded = true;
		if (!yaml_document_get_root_node(&y->doc)) {
			diags_add(d, DIAG_ERROR, path, 1, 1, "the file is empty");
			ok = 0;
		} else {
			/* One questionnaire per file: a second document would be silently lost. */
			yaml_document_t next;
			if (yaml_parser_load(&parser, &next)) {
				yaml_node_t *root = yaml_document_get_root_node(&next);
				if (root) {
					diags_add(d, DIAG_ERROR, path, (int)next.start_mark.line + 1,
					          (int)next.start_mark.column + 1,
					          "a second YAML document: put one questionnaire in each file");
					ok = 0;
				}
				yaml_document_delete(&next);
			} else { /* a second document that does not parse is lost all the same */
				parse_error(&parser, buf, len, path, d);
				ok = 0;
			}
		}
	}
	yaml_parser_delete(&parser);
	free(buf);
	return ok ? 0 : -1;
}

void yamlx_free(struct yamlx *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = false;
}

yaml_node_t *yamlx_root(struct yamlx *y)
{
	return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

int yamlx_line(const yaml_node_t *n)
{
	return n ? (int)n->start_mark.line + 1 : 0;
}

int yamlx_col(const yaml_node_t *n)
{
	return n ? (int)n->start_mark.column + 1 : 0;
}

__attribute__((format(printf, 4, 0))) static void vreport(struct yamlx *y, enum diag_severity sev,
                                                          const yaml_node_t *at, const char *fmt,
                                                          va_list ap)
{
	char msg[400];
	vsnprintf(msg, sizeof msg, fmt, ap);
	diags_add(y->diags, sev, y->file, at ? yamlx_line(at) : 1, at ? yamlx_col(at) : 1, "%s", msg);
}

void yamlx_error(struct yamlx *y, const yaml_node_t *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(y, DIAG_ERROR, at, fmt, ap);
	va_end(ap);
}

void yamlx_warn(struct yamlx *y, const yaml_node_t *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(y, DIAG_WARNING, at, fmt, ap);
	va_end(ap);
}

const char *yamlx_scalar(yaml_node_t *n)
{
	if (!n || n->type != YAML_SCALAR_NODE || n->data.scalar.length == 0)
		return NULL;
	return (const char *)n->data.scalar.value;
}

/* libyaml keeps scalars NUL-terminated, but a "\0" escape can hide a NUL inside one. */
static bool scalar_has_nul(const yaml_node_t *n)
{
	return strlen((const char *)n->data.scalar.value) != n->data.scalar.length;
}

yaml_node_t *yamlx_get(struct yamlx *y, yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
		const char *ks = yamlx_scalar(k);
		if (ks && strcmp(ks, key) == 0)
			return yaml_document_get_node(&y->doc, p->value);
	}
	return NULL;
}

bool yamlx_check_keys(struct yamlx *y, yaml_node_t *map, const char *const *allowed, const char *what)
{
	bool ok = true;
	if (!map || map->type != YAML_MAPPING_NODE)
		return false;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
		const char *ks = yamlx_scalar(k);
		if (!ks) {
			yamlx_error(y, k, "a key of %s is not a plain word", what);
			ok = false;
			continue;
		}
		bool known = false;
		for (const char *const *a = allowed; *a; a++)
			known |= strcmp(*a, ks) == 0;
		if (!known) {
			yamlx_error(y, k, "unknown key '%s' in %s", ks, what);
			ok = false;
		}
		for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
			const char *prev = yamlx_scalar(yaml_document_get_node(&y->doc, q->key));
			if (prev && strcmp(prev, ks) == 0) {
				yamlx_error(y, k, "key '%s' is given twice in %s", ks, what);
				ok = false;
				break;
			}
		}
	}
	return ok;
}

bool yamlx_str(struct yamlx *y, yaml_node_t *map, const char *key, bool required, const char **out)
{
	yaml_node_t *n = yamlx_get(y, map, key);
	if (!n) {
		if (required)
			yamlx_error(y, map, "missing '%s'", key);
		return !required;
	}
	if (n->type != YAML_SCALAR_NODE) {
		yamlx_error(y, n, "'%s' must be text, not a %s", key,
		            n->type == YAML_SEQUENCE_NODE ? "list" : "mapping");
		return false;
	}
	if (scalar_has_nul(n)) {
		yamlx_error(y, n, "'%s' contains a NUL character", key);
		return false;
	}
	const char *s = yamlx_scalar(n);
	if (!s) {
		if (required)
			yamlx_error(y, n, "'%s' is empty", key);
		return !required;
	}
	*out = s;
	return true;
}

bool yamlx_int(struct yamlx *y, yaml_node_t *map, const char *key, bool required, long min, long max,
               long *out)
{
	const char *s = NULL;
	if (!yamlx_str(y, map, key, required, &s))
		return false;
	if (!s)
		return true;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	yaml_node_t *n = yamlx_get(y, map, key);
	if (errno || *end || end == s) {
		yamlx_error(y, n, "'%s' must be a whole number, not '%s'", key, s);
		return false;
	}
	if (v < min || v > max) {
		yamlx_error(y, n, "'%s' must be between %ld and %ld, not %ld", key, min, max, v);
		return false;
	}
	*out = v;
	return true;
}

bool yamlx_bool(struct yamlx *y, yaml_node_t *map, const char *key, bool *out)
{
	const char *s = NULL;
	if (!yamlx_str(y, map, key, false, &s))
		return false;
	if (!s)
		return true;
	if (!strcmp(s, "true") || !strcmp(s, "yes"))
		*out = true;
	else if (!strcmp(s, "false") || !strcmp(s, "no"))
		*out = false;
	else {
		yamlx_error(y, yamlx_get(y, map, key), "'%s' must be true or false, not '%s'", key, s);
		return false;
	}
	return true;
}

yaml_node_t *yamlx_seq(struct yamlx *y, yaml_node_t *map, const char *key, bool required)
{
	yaml_node_t *n = yamlx_get(y, map, key);
	if (!n) {
		if (required)
			yamlx_error(y, map, "missing '%s'", key);
		return NULL;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		yamlx_error(y, n, "'%s' must be a list", key);
		return NULL;
	}
	return n;
}

size_t yamlx_seq_len(yaml_node_t *seq)
{
	if (!seq || seq->type != YAML_SEQUENCE_NODE)
		return 0;
	return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

yaml_node_t *yamlx_seq_item(struct yamlx *y, yaml_node_t *seq, size_t i)
{
	return yaml_document_get_node(&y->doc, seq->data.sequence.items.start[i]);
}
