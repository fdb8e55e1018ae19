/* test_diag: problems kept in the order found, counted by severity, printed as file:line:col,
 * and each message kept whole, however long. */
#include "base/diag.h"
#include "check.h"
#include "fixture.h"

int main(void)
{
	struct diags *d = diags_create();
	diags_add(d, DIAG_ERROR, "q.yaml", 3, 7, "unknown key '%s'", "titel");
	diags_add(d, DIAG_WARNING, NULL, 0, 0, "no %s", "pictogram");
	char value[2000];
	memset(value, 'v', sizeof value - 1);
	value[sizeof value - 1] = '\0';
	diags_add(d, DIAG_ERROR, "long.yaml", 1, 1, "bad value '%s' here", value);
	CHECK_INT(diags_count(d), 3);
	CHECK_INT(diags_errors(d), 2);
	CHECK_INT(diags_warnings(d), 1);
	CHECK_STR(diags_get(d, 0)->message, "unknown key 'titel'");
	CHECK_STR(diags_get(d, 1)->file, "?");
	CHECK(diags_get(d, 3) == NULL);
	/* A long value is kept whole: the message ends as written. */
	char *want = xasprintf("bad value '%s' here", value);
	CHECK_STR(diags_get(d, 2)->message, want);
	free(want);

	char *dir = fixture_tmpdir(), *path = path_join(dir, "out");
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		diags_print(d, f);
		fclose(f);
	}
	size_t len;
	char err[200];
	char *got = (char *)file_read_all(path, 1u << 20, &len, err, sizeof err);
	const char *head = "q.yaml:3:7: error: unknown key 'titel'\n?: warning: no pictogram\nlong.yaml:1:1: error: bad value";
	CHECK(got && strncmp(got, head, strlen(head)) == 0);
	free(got);
	free(path);
	fixture_rmdir(dir);
	diags_destroy(d);
	return check_done();
}
