/* test_config: defaults without a file, every setting from a file, and each error at its
 * line and column. */
#include <string.h>

#include "check.h"
#include "content/config.h"

#define CONFIG_DIR PV_TEST_DATA "/content/config/"

static void check_defaults(const struct config *c)
{
	CHECK_STR(c->language, "fr");
	CHECK_INT(c->noffered, 0);
	CHECK_INT(c->idle_timeout_s, 90);
	CHECK_INT(c->idle_grace_s, 20);
	CHECK_INT(c->thanks_s, 6);
	CHECK_INT(c->volume, 6);
	CHECK(c->font == NULL);
	CHECK(c->voice == NULL);
}

static void test_no_file(void)
{
	struct config c;
	struct diags *d = diags_create();
	CHECK_INT(config_load(&c, NULL, d), 0);
	CHECK_INT(diags_count(d), 0);
	check_defaults(&c);
	config_free(&c);
	diags_destroy(d);
}

static void test_valid(void)
{
	struct config c;
	struct diags *d = diags_create();
	CHECK_INT(config_load(&c, CONFIG_DIR "valid.yaml", d), 0);
	CHECK_INT(diags_count(d), 0);
	diags_print(d, stderr);
	CHECK_STR(c.language, "ar");
	CHECK_INT(c.noffered, 2);
	CHECK_STR(c.offered[0], "checkin-weekly");
	CHECK_STR(c.offered[1], "exit-survey");
	CHECK_INT(c.idle_timeout_s, 120);
	CHECK_INT(c.idle_grace_s, 30);
	CHECK_INT(c.thanks_s, 8);
	CHECK_INT(c.volume, 0); /* 0 is a setting, not "the default" */
	CHECK_STR(c.font, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
	CHECK_STR(c.voice, "fr-fr");
	config_free(&c);
	diags_destroy(d);
}

static const struct {
	const char *file;
	int line, col; /* 0: the file has no place (it cannot be read) */
	const char *message;
} rows[] = {
	{ "unknown-key.yaml", 2, 1, "unknown key 'volum' in the configuration" },
	{ "idle-range.yaml", 2, 15, "'idle_timeout' must be between 5 and 3600, not 2" },
	{ "volume-nan.yaml", 1, 9, "'volume' must be a whole number, not 'loud'" },
	{ "questionnaires-not-list.yaml", 2, 17, "'questionnaires' must be a list" },
	{ "questionnaires-entry.yaml", 3, 5, "each entry of 'questionnaires' is a questionnaire id" },
	{ "list.yaml", 1, 1, "the configuration must be a mapping" },
	{ "no-such-file.yaml", 0, 0, "cannot open" },
};

static void test_errors(void)
{
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s%s", CONFIG_DIR, rows[i].file);
		struct config c;
		struct diags *d = diags_create();
		CHECK_INT(config_load(&c, path, d), -1);
		CHECK_INT(diags_errors(d), 1);
		const struct diag *g = diags_get(d, 0);
		CHECK(g != NULL);
		if (g) {
			CHECK_STR(g->file, path);
			CHECK_INT(g->line, rows[i].line);
			CHECK_INT(g->col, rows[i].col);
			CHECK(strstr(g->message, rows[i].message) != NULL);
		}
		if (!g || diags_errors(d) != 1 || g->line != rows[i].line || g->col != rows[i].col ||
		    !strstr(g->message, rows[i].message)) {
			fprintf(stderr, "  row %s: want %d:%d \"%s\"; got:\n", rows[i].file, rows[i].line,
			        rows[i].col, rows[i].message);
			diags_print(d, stderr);
		}
		/* A config with errors is still usable: it has at least its defaults. */
		CHECK(c.language != NULL);
		config_free(&c);
		diags_destroy(d);
	}

	/* A wrong value keeps the default, and the good ones beside it still apply. */
	struct config c;
	struct diags *d = diags_create();
	config_load(&c, CONFIG_DIR "volume-nan.yaml", d);
	CHECK_INT(c.volume, 6);
	CHECK_INT(c.idle_timeout_s, 60);
	config_free(&c);
	config_load(&c, CONFIG_DIR "idle-range.yaml", d);
	CHECK_INT(c.idle_timeout_s, 90);
	config_free(&c);
	diags_destroy(d);
}

int main(void)
{
	test_no_file();
	test_valid();
	test_errors();

	/* config_defaults alone, then free twice is safe (config_free zeroes). */
	struct config c;
	config_defaults(&c);
	check_defaults(&c);
	config_free(&c);
	config_free(&c);
	return check_done();
}
