/* The report counts each value once per answer, refusals apart, and hides small counts; the
 * export lists every answer. */
#include "check.h"
#include "fixture.h"
#include "report/report.h"
#include "store/store.h"

static char *capture(struct store *s, bool export, int min_group, long *rows)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	char err[300];
	*rows = export ? report_export(s, f, EXPORT_CSV, false, err, sizeof err) : report_counts_csv(s, f, min_group, err, sizeof err);
	fclose(f);
	return buf;
}

static void answer(struct store *s, const char *qn, const char *question, bool refused,
                   const char *const *values, size_t n)
{
	struct store_session ss;
	store_session_init(&ss, qn, 1, "fr", "2026-11-23");
	char err[300];
	CHECK_INT(store_answer(s, &ss, question, refused, values, n, NULL, 0, err, sizeof err), 0);
}

int main(void)
{
	char *dir = fixture_tmpdir();
	char *path = path_join(dir, "r.db");
	char err[300];
	struct store *s = store_open(path, err, sizeof err);
	const char *good[] = { "3" }, *bad[] = { "1" }, *both[] = { "team", "rest" }, *team[] = { "team" };
	for (int i = 0; i < 6; i++)
		answer(s, "checkin", "mood", false, good, 1);
	for (int i = 0; i < 2; i++)
		answer(s, "checkin", "mood", false, bad, 1);
	answer(s, "checkin", "mood", true, NULL, 0);
	for (int i = 0; i < 5; i++)
		answer(s, "checkin", "helped", false, both, 2);
	answer(s, "checkin", "helped", false, team, 1);
	const char *odd[] = { "a, \"b\"" }; /* a value that needs quoting */
	for (int i = 0; i < 5; i++)
		answer(s, "day-centre", "q", false, odd, 1);

	long rows;
	char *csv = capture(s, false, REPORT_MIN_GROUP, &rows);
	CHECK_INT(rows, 6);
	CHECK_STR(csv, "questionnaire,version,question,value,count\n"
	               "checkin,1,helped,rest,5\n"
	               "checkin,1,helped,team,6\n"
	               "checkin,1,mood,(refused),<5\n"
	               "checkin,1,mood,1,<5\n"
	               "checkin,1,mood,3,6\n"
	               "day-centre,1,q,\"a, \"\"b\"\"\",5\n");
	free(csv);
	csv = capture(s, false, 1, &rows); /* no suppression */
	CHECK(strstr(csv, "checkin,1,mood,1,2\n") != NULL);
	CHECK(strstr(csv, "checkin,1,mood,(refused),1\n") != NULL);
	free(csv);

	csv = capture(s, true, 0, &rows);
	CHECK_INT(rows, 20);
	CHECK(strncmp(csv, "\xEF\xBB\xBFsession,pseudonym,questionnaire,version,language,day,completed,end_reason,question,refused,values\n", 99) == 0);
	CHECK(strstr(csv, ",,checkin,1,fr,2026-11-23,0,,helped,0,team|rest\n") != NULL);
	CHECK(strstr(csv, ",checkin,1,fr,2026-11-23,0,,mood,1,\n") != NULL); /* a refusal: no values */
	free(csv);
	store_close(s);
	free(path);
	fixture_rmdir(dir);
	return check_done();
}
