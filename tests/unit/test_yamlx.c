/* test_yamlx: content/yamlx.h, table-driven. Each row writes a small YAML file, loads it, runs
 * one helper on the root and checks its result and the problem it reports: the file, the line
 * and column (in characters) and a part of the message; or that it reports nothing.
 *
 * Rows marked BUG show a defect of src/content/yamlx.c and fail until it is fixed; they run
 * only with the argument "bugs" (registered as test_yamlx_bugs), so that test_yamlx keeps
 * guarding everything else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "content/yamlx.h"
#include "fixture.h"

#ifndef YAMLX_MAX_BYTES
#define YAMLX_MAX_BYTES (4u << 20) /* the limit private to src/content/yamlx.c */
#endif

enum op { LOAD, GET, SCALAR, STR, INT, BOOL, SEQ, KEYS };

#define UNTOUCHED -777L /* INT, BOOL: the helper left *out as it was */

struct row {
	const char *what;
	const char *yaml; /* the file (NULL: there is none) */
	size_t size;      /* nonzero: yaml, then a comment line padding the file to this many bytes */
	enum op op;
	const char *key;
	bool required;
	long min, max;   /* INT's range */
	bool ok;         /* LOAD: it returned 0; GET, SEQ: a node; STR, INT, BOOL, KEYS: true */
	const char *str; /* GET, SCALAR, STR: the text found (NULL: none, or *out untouched) */
	long num;        /* INT, BOOL: *out (UNTOUCHED); SEQ: its length, and str its second item */
	int line, col;   /* the first problem's place (line 0: it has none) */
	const char *msg; /* a part of the first problem's message; NULL: no problem at all */
	int problems;    /* how many (0: 1 when msg is set) */
	bool bug;
};

static const char *const allowed[] = { "id", "name", NULL };

static const struct row rows[] = {
	/* yamlx_load: the file as a whole */
	{ "a mapping", "a: 1\n", 0, LOAD, .ok = true },
	{ "no file", NULL, 0, LOAD, .line = 0, .col = 0, .msg = "cannot open: No such file or directory" },
	{ "an empty file", "", 0, LOAD, .line = 1, .col = 1, .msg = "the file is empty" },
	{ "only a comment", "# nothing yet\n", 0, LOAD, .line = 1, .col = 1, .msg = "the file is empty" },
	{ "an unclosed list", "a: [1, 2\nb: 3\n", 0, LOAD, .line = 2, .col = 2,
	  .msg = "did not find expected ',' or ']' while parsing a flow sequence" },
	{ "a value that is a key", "a: b: c\n", 0, LOAD, .line = 1, .col = 5,
	  .msg = "mapping values are not allowed in this context" },
	{ "a bad indentation", "a:\n  b: 1\n c: 2\n", 0, LOAD, .line = 3, .col = 2,
	  .msg = "did not find expected key while parsing a block mapping" },
	{ "invalid UTF-8 after an accent", "a: ok\nb: é\xff\n", 0, LOAD, .line = 2, .col = 5,
	  .msg = "invalid leading UTF-8 octet" },
	{ "a control character", "a: ok\nb: x\x01y\n", 0, LOAD, .line = 2, .col = 5,
	  .msg = "control characters are not allowed" },
	{ "a second document", "a: 1\n---\nb: 2\n", 0, LOAD, .line = 2, .col = 1,
	  .msg = "a second YAML document: put one questionnaire in each file" },
	{ "a document end marker", "a: 1\n...\n", 0, LOAD, .ok = true },
	{ "a trailing ---: a second, empty, document", "a: 1\n---\n", 0, LOAD, .line = 2, .col = 1,
	  .msg = "a second YAML document" },
	{ "an unclosed list at the end", "b: [1, 2\n", 0, LOAD, .line = 2, .col = 1,
	  .msg = "did not find expected ',' or ']'" },
	{ "invalid UTF-8 in a second document", "a: 1\n---\nb: \xff\n", 0, LOAD, .line = 3, .col = 4,
	  .msg = "invalid leading UTF-8 octet" },
	{ "a file over the limit", "a: 1\n", YAMLX_MAX_BYTES + 1, LOAD, .line = 0, .col = 0,
	  .msg = "file is larger than" },
	/* BUG: the second document is parsed only to see whether there is one; when it does not
	 * parse, nothing is said and the file loads, its broken second half dropped in silence. */
	{ "a broken second document", "a: 1\n---\nb: [1, 2\n", 0, LOAD, .line = 4, .col = 1,
	  .msg = "did not find expected ',' or ']'", .bug = true },
	/* BUG: a file of exactly the limit is refused as "larger than" the limit (util.c's
	 * file_read_all gives up when its buffer is full, before it knows whether more follows). */
	{ "a file of exactly the limit", "a: 1\n", YAMLX_MAX_BYTES, LOAD, .ok = true, .bug = true },

	/* yamlx_get, yamlx_scalar */
	{ "get a key", "a: 1\nb: deux\n", 0, GET, .key = "b", .ok = true, .str = "deux" },
	{ "get a key that is not there", "a: 1\n", 0, GET, .key = "b", .ok = false },
	{ "get from a list", "- b\n", 0, GET, .key = "b", .ok = false },
	{ "the first of a key given twice", "b: 1\nb: 2\n", 0, GET, .key = "b", .ok = true, .str = "1" },
	{ "scalar of text", "texte\n", 0, SCALAR, .str = "texte" },
	{ "scalar of empty text", "''\n", 0, SCALAR, .str = NULL },
	{ "scalar of a list", "[a]\n", 0, SCALAR, .str = NULL },

	/* yamlx_str */
	{ "text", "name: Léa\n", 0, STR, .key = "name", .required = true, .ok = true, .str = "Léa" },
	{ "text on a later line", "# c\n\nname: \"a \\\"b\\\"\"\n", 0, STR, .key = "name", .required = true, .ok = true, .str = "a \"b\"" },
	{ "required text missing", "id: 1\nother: x\n", 0, STR, .key = "name", .required = true, .line = 1, .col = 1,
	  .msg = "missing 'name'" },
	{ "optional text missing", "id: 1\n", 0, STR, .key = "name", .required = false, .ok = true },
	{ "text that is a list", "id: 1\nname: [a, b]\n", 0, STR, .key = "name", .required = true, .line = 2, .col = 7,
	  .msg = "'name' must be text, not a list" },
	{ "text that is a mapping", "name:\n  a: 1\n", 0, STR, .key = "name", .required = false, .line = 2, .col = 3,
	  .msg = "'name' must be text, not a mapping" },
	{ "required text empty", "name: ''\n", 0, STR, .key = "name", .required = true, .line = 1, .col = 7, .msg = "'name' is empty" },
	{ "optional text empty", "name:\n", 0, STR, .key = "name", .required = false, .ok = true },
	{ "text with a NUL", "name: \"a\\0b\"\n", 0, STR, .key = "name", .required = false, .line = 1, .col = 7,
	  .msg = "'name' contains a NUL character" },
	{ "text after accents, in a flow mapping", "{é: 1, name: [a]}\n", 0, STR, .key = "name", .required = true, .line = 1,
	  .col = 14, .msg = "'name' must be text, not a list" },

	/* yamlx_int */
	{ "a number", "n: 42\n", 0, INT, .key = "n", .required = true, .min = 0, .max = 100, .ok = true, .num = 42 },
	{ "a negative number", "n: -5\n", 0, INT, .key = "n", .required = true, .min = -10, .max = 10, .ok = true, .num = -5 },
	{ "the range's ends", "n: 100\n", 0, INT, .key = "n", .required = true, .min = 0, .max = 100, .ok = true, .num = 100 },
	{ "over the range", "x: 0\nn: 101\n", 0, INT, .key = "n", .required = true, .min = 0, .max = 100, .num = UNTOUCHED, .line = 2, .col = 4,
	  .msg = "'n' must be between 0 and 100, not 101" },
	{ "under the range", "n: -1\n", 0, INT, .key = "n", .required = true, .min = 0, .max = 100, .num = UNTOUCHED, .line = 1, .col = 4,
	  .msg = "'n' must be between 0 and 100, not -1" },
	{ "hexadecimal", "n: 0x10\n", 0, INT, .key = "n", .required = true, .min = 0, .max = 100, .num = UNTOUCHED, .line = 1, .col = 4,
	  .msg = "'n' must be a whole number, not '0x10'" },
	{ "a decimal", "n: 3.5\n", 0, INT, .key = "n", .required = true, .min = 0, .max = 100, .num = UNTOUCHED, .line = 1, .col = 4,
	  .msg = "'n' must be a whole number, not '3.5'" },
	{ "digits then letters", "n: 12abc\n", 0, INT, .key = "n", .required = true, .min = 0, .max = 100, .num = UNTOUCHED, .line = 1, .col = 4,
	  .msg = "'n' must be a whole number, not '12abc'" },
	{ "too many digits", "n: 99999999999999999999\n", 0, INT, .key = "n", .required = true, .min = 0, .max = 100, .num = UNTOUCHED, .line = 1,
	  .col = 4, .msg = "'n' must be a whole number, not '99999999999999999999'" },
	{ "a number that is a list", "n: [1]\n", 0, INT, .key = "n", .required = true, .min = 0, .max = 100, .num = UNTOUCHED, .line = 1, .col = 4,
	  .msg = "'n'" },
	{ "required number missing", "x: 1\n", 0, INT, .key = "n", .required = true, .min = 0, .max = 100, .num = UNTOUCHED, .line = 1, .col = 1,
	  .msg = "missing 'n'" },
	{ "optional number missing", "x: 1\n", 0, INT, .key = "n", .required = false, .min = 0, .max = 100, .ok = true, .num = UNTOUCHED },

	/* yamlx_bool */
	{ "true", "b: true\n", 0, BOOL, .key = "b", .ok = true, .num = 1 },
	{ "yes", "b: yes\n", 0, BOOL, .key = "b", .ok = true, .num = 1 },
	{ "false", "b: false\n", 0, BOOL, .key = "b", .ok = true, .num = 0 },
	{ "no", "b: no\n", 0, BOOL, .key = "b", .ok = true, .num = 0 },
	{ "neither", "a: 1\nb: maybe\n", 0, BOOL, .key = "b", .num = UNTOUCHED, .line = 2, .col = 4,
	  .msg = "'b' must be true or false, not 'maybe'" },
	{ "a boolean that is a list", "b: [true]\n", 0, BOOL, .key = "b", .num = UNTOUCHED, .line = 1, .col = 4,
	  .msg = "'b' must be text, not a list" },
	{ "no boolean", "a: 1\n", 0, BOOL, .key = "b", .ok = true, .num = UNTOUCHED },

	/* yamlx_seq, yamlx_seq_len, yamlx_seq_item */
	{ "a list", "l: [a, b, c]\n", 0, SEQ, .key = "l", .required = true, .ok = true, .num = 3, .str = "b" },
	{ "a block list", "x: 1\nl:\n  - a\n  - b\n", 0, SEQ, .key = "l", .required = true, .ok = true, .num = 2, .str = "b" },
	{ "an empty list", "l: []\n", 0, SEQ, .key = "l", .required = true, .ok = true, .num = 0 },
	{ "required list missing", "x: 1\n", 0, SEQ, .key = "l", .required = true, .line = 1, .col = 1, .msg = "missing 'l'" },
	{ "optional list missing", "x: 1\n", 0, SEQ, .key = "l", .required = false },
	{ "a list that is text", "l: a\n", 0, SEQ, .key = "l", .required = false, .line = 1, .col = 4, .msg = "'l' must be a list" },
	{ "a list that is a mapping", "l:\n  a: 1\n", 0, SEQ, .key = "l", .required = true, .line = 2, .col = 3,
	  .msg = "'l' must be a list" },

	/* yamlx_check_keys, with id and name allowed */
	{ "known keys", "id: x\nname: y\n", 0, KEYS, .ok = true },
	{ "an unknown key", "id: x\nnmae: y\n", 0, KEYS, .line = 2, .col = 1, .msg = "unknown key 'nmae' in a thing" },
	{ "a key given twice", "id: x\nname: y\nid: z\n", 0, KEYS, .line = 3, .col = 1,
	  .msg = "key 'id' is given twice in a thing" },
	{ "a key given three times", "id: 1\nid: 2\nid: 3\n", 0, KEYS, .line = 2, .col = 1,
	  .msg = "key 'id' is given twice in a thing", .problems = 2 },
	{ "a key that is a list", "id: 1\n[a, b]: 1\n", 0, KEYS, .line = 2, .col = 1,
	  .msg = "a key of a thing is not a plain word" },
	{ "an empty key", "'': 1\n", 0, KEYS, .line = 1, .col = 1, .msg = "a key of a thing is not a plain word" },
	{ "an unknown key after accents", "{ id: é, nàme: 1 }\n", 0, KEYS, .line = 1, .col = 10,
	  .msg = "unknown key 'nàme' in a thing" },
};

static char *write_file(const char *dir, size_t i, const struct row *r)
{
	char *path = xasprintf("%s/row-%02zu.yaml", dir, i);
	if (!r->yaml)
		return path;
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	size_t len = strlen(r->yaml);
	fwrite(r->yaml, 1, len, f);
	if (r->size > len) { /* "#xxx...x\n" up to size bytes */
		fputc('#', f);
		for (size_t n = len + 1; n + 1 < r->size; n++)
			fputc('x', f);
		fputc('\n', f);
	}
	fclose(f);
	return path;
}

/* Runs the row's helper on the root and checks what it gives. */
static void run(const struct row *r, struct yamlx *y)
{
	yaml_node_t *root = yamlx_root(y);
	switch (r->op) {
	case LOAD:
		break;
	case GET: {
		yaml_node_t *n = yamlx_get(y, root, r->key);
		CHECK_INT(n != NULL, r->ok);
		if (r->str)
			CHECK_STR(yamlx_scalar(n), r->str);
		break;
	}
	case SCALAR:
		if (r->str)
			CHECK_STR(yamlx_scalar(root), r->str);
		else
			CHECK(yamlx_scalar(root) == NULL);
		break;
	case STR: {
		const char *out = "(untouched)";
		CHECK_INT(yamlx_str(y, root, r->key, r->required, &out), r->ok);
		CHECK_STR(out, r->str ? r->str : "(untouched)");
		break;
	}
	case INT: {
		long out = UNTOUCHED;
		CHECK_INT(yamlx_int(y, root, r->key, r->required, r->min, r->max, &out), r->ok);
		CHECK_INT(out, r->num);
		break;
	}
	case BOOL: {
		/* Untouched means both ways: run it on false, then (without its messages) on true. */
		bool out = false, out2 = true;
		CHECK_INT(yamlx_bool(y, root, r->key, &out), r->ok);
		struct diags *scratch = diags_create(), *keep = y->diags;
		y->diags = scratch;
		yamlx_bool(y, root, r->key, &out2);
		y->diags = keep;
		diags_destroy(scratch);
		if (r->num == UNTOUCHED)
			CHECK(!out && out2);
		else
			CHECK(out == (r->num == 1) && out2 == (r->num == 1));
		break;
	}
	case SEQ: {
		yaml_node_t *seq = yamlx_seq(y, root, r->key, r->required);
		CHECK_INT(seq != NULL, r->ok);
		CHECK_INT(yamlx_seq_len(seq), seq ? r->num : 0);
		if (seq && r->str && yamlx_seq_len(seq) > 1)
			CHECK_STR(yamlx_scalar(yamlx_seq_item(y, seq, 1)), r->str);
		break;
	}
	case KEYS:
		CHECK_INT(yamlx_check_keys(y, root, allowed, "a thing"), r->ok);
		break;
	}
}

static void check_row(const char *dir, size_t i)
{
	const struct row *r = &rows[i];
	int before = check_failed;
	char *path = write_file(dir, i, r);
	struct diags *d = diags_create();
	struct yamlx y;
	int rc = yamlx_load(&y, path, d);
	if (r->op == LOAD)
		CHECK_INT(rc == 0, r->ok);
	else
		CHECK_INT(rc, 0);
	CHECK(y.file == path && y.diags == d);
	if (rc == 0 && r->op != LOAD)
		run(r, &y);
	int want = r->problems ? r->problems : r->msg ? 1 : 0;
	CHECK_INT(diags_count(d), want);
	CHECK_INT(diags_errors(d), want);
	const struct diag *g = diags_count(d) ? diags_get(d, 0) : NULL;
	if (r->msg && g) {
		CHECK_STR(g->file, path);
		CHECK_INT(g->line, r->line);
		CHECK_INT(g->col, r->col);
		CHECK(strstr(g->message, r->msg) != NULL);
	}
	if (check_failed != before) {
		fprintf(stderr, "  %srow %zu, %s: want %s%d:%d \"%s\"; got:\n", r->bug ? "BUG " : "", i, r->what,
		        r->msg ? "" : "no problem, not ", r->line, r->col, r->msg ? r->msg : "");
		diags_print(d, stderr);
	}
	yamlx_free(&y);
	yamlx_free(&y); /* twice is harmless */
	diags_destroy(d);
	free(path);
}

/* yamlx_error and yamlx_warn: at a node's place, or 1:1 without one, with their severity;
 * yamlx_line and yamlx_col of no node are 0. */
static void test_report(const char *dir)
{
	struct row r = { "report", "a: 1\nb:\n  - x\n", 0, LOAD, .ok = true };
	char *path = write_file(dir, 99, &r);
	struct diags *d = diags_create();
	struct yamlx y;
	CHECK_INT(yamlx_load(&y, path, d), 0);
	yaml_node_t *list = yamlx_get(&y, yamlx_root(&y), "b");
	yaml_node_t *x = yamlx_seq_item(&y, list, 0);
	CHECK_INT(yamlx_line(x), 3);
	CHECK_INT(yamlx_col(x), 5);
	CHECK_INT(yamlx_line(NULL), 0);
	CHECK_INT(yamlx_col(NULL), 0);
	yamlx_warn(&y, x, "'%s' is odd", "x");
	yamlx_error(&y, NULL, "no place: %d", 7);
	CHECK_INT(diags_count(d), 2);
	CHECK_INT(diags_warnings(d), 1);
	CHECK_INT(diags_errors(d), 1);
	const struct diag *w = diags_get(d, 0), *e = diags_get(d, 1);
	CHECK(w->severity == DIAG_WARNING && w->line == 3 && w->col == 5);
	CHECK_STR(w->message, "'x' is odd");
	CHECK(e->severity == DIAG_ERROR && e->line == 1 && e->col == 1);
	CHECK_STR(e->message, "no place: 7");
	CHECK_INT(yamlx_seq_len(NULL), 0);
	CHECK_INT(yamlx_seq_len(x), 0); /* a scalar is no list */
	yamlx_free(&y);
	CHECK(yamlx_root(&y) == NULL); /* freed: nothing left to look up */
	diags_destroy(d);
	free(path);
}

int main(int argc, char **argv)
{
	bool bugs = argc > 1 && strcmp(argv[1], "bugs") == 0;
	char *dir = fixture_tmpdir();
	for (size_t i = 0; i < PV_ARRAY_LEN(rows); i++)
		if (rows[i].bug == bugs)
			check_row(dir, i);
	if (!bugs)
		test_report(dir);
	fixture_rmdir(dir);
	return check_done();
}
