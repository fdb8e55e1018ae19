/* test_util: the small helpers everything else stands on: strings and paths, reading a whole file
 * within its limit, checked number and day parsing, today's date, FNV-1a, the error buffer, the
 * log's last error, and writing a file whole or not at all. */
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <time.h>

#include "check.h"
#include "fixture.h"

static void write_file(const char *path, const char *bytes, size_t len)
{
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	if (f) {
		CHECK(fwrite(bytes, 1, len, f) == len);
		fclose(f);
	}
}

static size_t files_in(const char *dir)
{
	char *cmd = xasprintf("ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	size_t n = 0;
	if (!p || fscanf(p, "%zu", &n) != 1)
		n = (size_t)-1;
	if (p)
		pclose(p);
	free(cmd);
	return n;
}

static void test_strings(void)
{
	char *s = xasprintf("%s-%d-%05.1f", "abc", -7, 2.5);
	CHECK_STR(s, "abc--7-002.5");
	free(s);
	s = xasprintf("%s", "");
	CHECK_STR(s, "");
	free(s);
	char big[5000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	s = xasprintf("<%s>", big); /* longer than any buffer a first try might use */
	CHECK_INT(strlen(s), sizeof big + 1);
	CHECK(s[0] == '<' && s[sizeof big] == '>' && s[sizeof big / 2] == 'x');
	free(s);

	CHECK(str_eq(NULL, NULL) && !str_eq("a", NULL) && !str_eq(NULL, "a") && str_eq("a", "a") && !str_eq("a", "b"));
	CHECK(str_has_suffix("report.html", ".html") && str_has_suffix("x", "") && !str_has_suffix("l", ".html"));

	static const struct { const char *dir, *name, *joined; } joins[] = {
		{ "a", "b", "a/b" }, { "a/", "b", "a/b" }, { "/", "b", "/b" },
		{ "", "b", "b" },    { NULL, "b", "b" },   { "/x/y", "z.db", "/x/y/z.db" },
	};
	for (size_t i = 0; i < PV_ARRAY_LEN(joins); i++) {
		char *j = path_join(joins[i].dir, joins[i].name);
		CHECK_STR(j, joins[i].joined);
		free(j);
	}
	static const struct { const char *path, *dir; } dirs[] = {
		{ "a/b", "a" }, { "/a", "/" }, { "a", "." }, { "/x/y/z.db", "/x/y" }, { "", "." },
	};
	for (size_t i = 0; i < PV_ARRAY_LEN(dirs); i++) {
		char *d = path_dirname(dirs[i].path);
		CHECK_STR(d, dirs[i].dir);
		free(d);
	}
}

static void test_file_read_all(const char *tmp)
{
	char err[200];
	size_t len = 0;
	/* Sizes around the limit, and limits below and above the first read. */
	static const struct { size_t size, max; bool ok; } cases[] = {
		{ 0, 10, true },         { 10, 10, true },        { 11, 10, false },      { 100, 10, false },
		{ 4096, 4096, true },    { 4097, 4096, false },   { 5000, 6000, true },   { 6001, 6000, false },
		{ 8192, 8192, true },    { 20000, 1u << 20, true }, { 8193, 8192, false },
	};
	char *path = path_join(tmp, "read");
	for (size_t i = 0; i < PV_ARRAY_LEN(cases); i++) {
		char *bytes = xmalloc(cases[i].size + 1);
		for (size_t k = 0; k < cases[i].size; k++)
			bytes[k] = (char)('a' + k % 26);
		write_file(path, bytes, cases[i].size);
		err[0] = '\0';
		unsigned char *got = file_read_all(path, cases[i].max, &len, err, sizeof err);
		CHECK((got != NULL) == cases[i].ok);
		if (got) {
			CHECK_INT(len, cases[i].size);
			CHECK(memcmp(got, bytes, len) == 0 && got[len] == '\0');
		} else {
			char want[64];
			snprintf(want, sizeof want, "larger than %zu bytes", cases[i].max);
			CHECK(strstr(err, want) != NULL);
		}
		if ((got != NULL) != cases[i].ok)
			fprintf(stderr, "  a file of %zu bytes with a limit of %zu\n", cases[i].size, cases[i].max);
		free(got);
		free(bytes);
	}
	free(path);
	path = path_join(tmp, "missing");
	CHECK(file_read_all(path, 100, &len, err, sizeof err) == NULL);
	CHECK(strstr(err, "cannot open") && strstr(err, strerror(ENOENT)));
	free(path);
	CHECK(file_read_all(tmp, 100, &len, err, sizeof err) == NULL); /* a folder */
	CHECK(strstr(err, strerror(EISDIR)) != NULL);
}

static void test_parse_long(void)
{
	static const struct { const char *s; long min, max; bool ok; long v; } cases[] = {
		{ "0", 0, 10, true, 0 },
		{ "10", 0, 10, true, 10 },
		{ "-3", -5, 5, true, -3 },
		{ "+4", 0, 5, true, 4 },
		{ "007", 0, 10, true, 7 },
		{ "9223372036854775807", 0, LONG_MAX, true, LONG_MAX },
		{ "-9223372036854775808", LONG_MIN, 0, true, LONG_MIN },
		{ "9223372036854775808", 0, LONG_MAX, false, 0 }, /* out of long's range */
		{ "-9223372036854775809", LONG_MIN, 0, false, 0 },
		{ "11", 0, 10, false, 0 },
		{ "-1", 0, 10, false, 0 },
		{ "", 0, 10, false, 0 },
		{ " 1", 0, 10, false, 0 },
		{ "1 ", 0, 10, false, 0 },
		{ "1x", 0, 10, false, 0 },
		{ "x", 0, 10, false, 0 },
		{ "-", -5, 5, false, 0 },
		{ "0x10", 0, 100, false, 0 },
		{ "1.5", 0, 10, false, 0 },
		{ "\t2", 0, 10, false, 0 },
	};
	for (size_t i = 0; i < PV_ARRAY_LEN(cases); i++) {
		long v = 12345;
		int rc = parse_long(cases[i].s, cases[i].min, cases[i].max, &v);
		CHECK_INT(rc, cases[i].ok ? 0 : -1);
		CHECK_INT(v, cases[i].ok ? cases[i].v : 12345); /* untouched on failure */
		if (rc != (cases[i].ok ? 0 : -1))
			fprintf(stderr, "  parse_long(\"%s\", %ld, %ld)\n", cases[i].s, cases[i].min, cases[i].max);
	}
	long v = 1;
	CHECK_INT(parse_long(NULL, 0, 10, &v), -1);
	/* errno left over from before is not taken for an overflow. */
	errno = ERANGE;
	CHECK_INT(parse_long("5", 0, 10, &v), 0);
	CHECK_INT(v, 5);
}

static void test_parse_size(void)
{
	static const struct { const char *s; bool ok; int w, h; } cases[] = {
		{ "1280x800", true, 1280, 800 }, { "320x240", true, 320, 240 }, { "1x1", true, 1, 1 },
		{ "1280x800x", false, 0, 0 },    { "1280x", false, 0, 0 },      { "x800", false, 0, 0 },
		{ "1280X800", false, 0, 0 },     { "1280x800 ", false, 0, 0 },  { " 1280x800", false, 0, 0 },
		{ "0x800", false, 0, 0 },        { "1280x-1", false, 0, 0 },    { "99999999999x1", false, 0, 0 },
		{ "1280*800", false, 0, 0 },     { "", false, 0, 0 },           { "1280x 800", false, 0, 0 },
	};
	for (size_t i = 0; i < PV_ARRAY_LEN(cases); i++) {
		int w = -1, h = -1;
		int rc = parse_size(cases[i].s, &w, &h);
		CHECK_INT(rc, cases[i].ok ? 0 : -1);
		if (rc != (cases[i].ok ? 0 : -1))
			fprintf(stderr, "  parse_size(\"%s\")\n", cases[i].s);
		CHECK_INT(w, cases[i].ok ? cases[i].w : -1);
		CHECK_INT(h, cases[i].ok ? cases[i].h : -1);
	}
}

static void test_day_parse(void)
{
	static const struct { const char *s; bool ok; int y, m, d; } cases[] = {
		{ "2024-02-29", true, 2024, 2, 29 }, /* leap year */
		{ "2023-02-29", false, 0, 0, 0 },
		{ "2024-02-31", false, 0, 0, 0 },
		{ "2024-04-31", false, 0, 0, 0 },
		{ "2024-04-30", true, 2024, 4, 30 },
		{ "2024-12-31", true, 2024, 12, 31 },
		{ "2024-01-01", true, 2024, 1, 1 },
		{ "2000-02-29", true, 2000, 2, 29 }, /* divisible by 400 */
		{ "1900-02-29", false, 0, 0, 0 },    /* by 100, not 400 */
		{ "2100-02-28", true, 2100, 2, 28 },
		{ "2024-13-01", false, 0, 0, 0 },
		{ "2024-00-10", false, 0, 0, 0 },
		{ "2024-01-00", false, 0, 0, 0 },
		{ "2024-01-32", false, 0, 0, 0 },
		{ "0000-01-01", false, 0, 0, 0 },
		{ "2024-2-1", false, 0, 0, 0 },
		{ "2024-02-1", false, 0, 0, 0 },
		{ "2024-02-01x", false, 0, 0, 0 },
		{ "2024-02-01 ", false, 0, 0, 0 },
		{ " 2024-02-01", false, 0, 0, 0 },
		{ "2024/02/01", false, 0, 0, 0 },
		{ "2024-+2-01", false, 0, 0, 0 },
		{ "2024- 2-01", false, 0, 0, 0 },
		{ "-024-02-01", false, 0, 0, 0 },
		{ "20240201", false, 0, 0, 0 },
		{ "", false, 0, 0, 0 },
	};
	for (size_t i = 0; i < PV_ARRAY_LEN(cases); i++) {
		int y = -1, m = -1, d = -1;
		bool ok = day_parse(cases[i].s, &y, &m, &d);
		CHECK(ok == cases[i].ok);
		if (ok != cases[i].ok)
			fprintf(stderr, "  day_parse(\"%s\")\n", cases[i].s);
		if (cases[i].ok) {
			CHECK_INT(y, cases[i].y);
			CHECK_INT(m, cases[i].m);
			CHECK_INT(d, cases[i].d);
		} else {
			CHECK(y == -1 && m == -1 && d == -1);
		}
	}
	CHECK(day_parse("2026-11-23", NULL, NULL, NULL));
	CHECK(!day_parse(NULL, NULL, NULL, NULL));
}

static void test_day_today(void)
{
	char day[DAY_LEN + 1];
	memset(day, 'z', sizeof day);
	time_t before = time(NULL);
	day_today(day);
	time_t after = time(NULL);
	CHECK_INT(strlen(day), DAY_LEN);
	int y, m, d;
	CHECK(day_parse(day, &y, &m, &d));
	/* The same as the C library's local day at one of the two instants (midnight may pass). */
	char want[2][DAY_LEN + 1];
	time_t at[2] = { before, after };
	for (int i = 0; i < 2; i++) {
		struct tm tm;
		CHECK(localtime_r(&at[i], &tm) != NULL);
		strftime(want[i], sizeof want[i], "%Y-%m-%d", &tm);
	}
	CHECK(strcmp(day, want[0]) == 0 || strcmp(day, want[1]) == 0);
}

static void test_hash(void)
{
	/* Vectors from the FNV reference (isthe.com/chongo/tech/comp/fnv, test_fnv.c, FNV-1a 64). */
	static const struct { const char *s; uint64_t h; } vectors[] = {
		{ "", 0xcbf29ce484222325ULL },
		{ "a", 0xaf63dc4c8601ec8cULL },
		{ "foobar", 0x85944171f73967e8ULL },
	};
	for (size_t i = 0; i < PV_ARRAY_LEN(vectors); i++)
		CHECK(hash_fnv1a(vectors[i].s, strlen(vectors[i].s), 0) == vectors[i].h);
	/* The seed changes the hash; the length counts, not a NUL. */
	CHECK(hash_fnv1a("a", 1, 40) != hash_fnv1a("a", 1, 0));
	CHECK(hash_fnv1a("a\0b", 3, 0) != hash_fnv1a("a", 1, 0));
}

static void test_pv_err(void)
{
	char err[8];
	CHECK_INT(pv_err(err, sizeof err, "%s %d", "abcdef", 12345), -1);
	CHECK_STR(err, "abcdef "); /* cut to the buffer, always terminated */
	memset(err, 'q', sizeof err);
	CHECK_INT(pv_err(err, 1, "%s", "x"), -1);
	CHECK_STR(err, "");
	CHECK(err[1] == 'q');
	CHECK_INT(pv_err(NULL, 0, "%s", "nowhere"), -1);
	CHECK_INT(pv_err(err, 0, "%s", "nowhere"), -1);
	CHECK(err[0] == '\0' && err[1] == 'q');
}

static void test_log_last_error(void)
{
	CHECK_STR(log_last_error(), "");
	log_warn("only a warning");
	CHECK_STR(log_last_error(), "");
	log_error("disk %s at %d%%", "full", 100);
	CHECK_STR(log_last_error(), "disk full at 100%");
	log_info("later news");
	CHECK_STR(log_last_error(), "disk full at 100%");
	/* Longer than the admin screen keeps: cut between two characters, and the cut is seen. */
	char longer[1200];
	for (size_t i = 0; i + 2 < sizeof longer; i += 2)
		memcpy(longer + i, "\xc3\xa9", 2); /* é: a cut at an odd byte would split one */
	longer[sizeof longer - 2] = '\0';
	log_error("%s", longer);
	const char *last = log_last_error();
	size_t n = strlen(last);
	CHECK(n <= LOG_LAST_ERROR_MAX && n + 4 >= LOG_LAST_ERROR_MAX);
	CHECK(n >= 3 && strcmp(last + n - 3, "...") == 0);
	CHECK((n - 3) % 2 == 0 && strncmp(last, longer, n - 3) == 0); /* whole characters only */
	/* Below the threshold, not even remembered. */
	log_set_level(LOG_ERROR + 1);
	log_error("unseen");
	log_set_level(LOG_INFO);
	CHECK(strncmp(log_last_error(), "\xc3\xa9", 2) == 0);
}

/* The log's line on stderr is whole, however long. */
static void test_log_long_line(const char *tmp)
{
	char *path = path_join(tmp, "stderr");
	fflush(stderr);
	int saved = dup(2);
	FILE *f = fopen(path, "w");
	CHECK(saved >= 0 && f != NULL);
	if (saved < 0 || !f)
		return;
	dup2(fileno(f), 2);
	char line[3000];
	memset(line, 'L', sizeof line - 1);
	line[sizeof line - 1] = '\0';
	log_warn("%s|end", line);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fclose(f);
	size_t len;
	char err[200];
	char *got = (char *)file_read_all(path, 1u << 20, &len, err, sizeof err);
	char *want = xasprintf("pictovox: warning: %s|end\n", line);
	CHECK_STR(got, want);
	free(want);
	free(got);
	free(path);
}

static void test_atomic_file(const char *tmp)
{
	char err[300];
	char *path = path_join(tmp, "out.csv"), *part = xasprintf("%s.part", path);
	size_t len;
	/* Committed: the bytes are there under the name, and nothing else is. */
	struct atomic_file *af = atomic_file_open(path, err, sizeof err);
	CHECK(af != NULL);
	if (af) {
		CHECK(path_is_file(part) && !path_is_file(path)); /* not under its name before commit */
		CHECK(fputs("day,count\n2026-11-23,4\n", atomic_file_stream(af)) >= 0);
		CHECK_INT(atomic_file_commit(af, err, sizeof err), 0);
	}
	unsigned char *got = file_read_all(path, 1000, &len, err, sizeof err);
	CHECK_STR((const char *)got, "day,count\n2026-11-23,4\n");
	free(got);
	CHECK(!path_is_file(part));
	CHECK_INT(files_in(tmp), 1);

	/* Replacing it: aborted, the old file stays as it was and no .part is left. */
	af = atomic_file_open(path, err, sizeof err);
	CHECK(af != NULL);
	if (af) {
		fputs("half of a new one", atomic_file_stream(af));
		atomic_file_abort(af);
	}
	got = file_read_all(path, 1000, &len, err, sizeof err);
	CHECK_STR((const char *)got, "day,count\n2026-11-23,4\n");
	free(got);
	CHECK(!path_is_file(part));
	CHECK_INT(files_in(tmp), 1);
	atomic_file_abort(NULL);

	/* A new file, aborted: nothing at all. */
	char *other = path_join(tmp, "other.html");
	af = atomic_file_open(other, err, sizeof err);
	CHECK(af != NULL);
	if (af)
		atomic_file_abort(af);
	CHECK(!path_is_file(other));
	CHECK_INT(files_in(tmp), 1);
	free(other);

	/* A folder that does not exist: said, with the file's name. */
	char *lost = path_join(tmp, "no-such-folder/out.csv");
	err[0] = '\0';
	CHECK(atomic_file_open(lost, err, sizeof err) == NULL);
	CHECK(strstr(err, lost) != NULL && strstr(err, strerror(ENOENT)) != NULL);
	free(lost);

	/* A commit that cannot rename (a folder is in the way): fails, names it, leaves no .part. */
	char *blocked = path_join(tmp, "blocked");
	CHECK(mkdir(blocked, 0700) == 0);
	char *inside = path_join(blocked, "x");
	write_file(inside, "keep", 4);
	af = atomic_file_open(blocked, err, sizeof err);
	CHECK(af != NULL);
	if (af) {
		fputs("data", atomic_file_stream(af));
		err[0] = '\0';
		CHECK_INT(atomic_file_commit(af, err, sizeof err), -1);
		CHECK(strstr(err, blocked) != NULL);
	}
	CHECK(path_is_dir(blocked) && path_is_file(inside));
	CHECK_INT(files_in(tmp), 2); /* out.csv and the folder: no blocked.part */
	free(inside);
	free(blocked);
	free(part);
	free(path);
}

int main(void)
{
	char *tmp = fixture_tmpdir();
	test_strings();
	test_file_read_all(tmp);
	test_parse_long();
	test_parse_size();
	test_day_parse();
	test_day_today();
	test_hash();
	test_pv_err();
	test_log_last_error();
	test_log_long_line(tmp);
	char *atomic = path_join(tmp, "atomic");
	CHECK(mkdir(atomic, 0700) == 0);
	test_atomic_file(atomic);
	free(atomic);
	fixture_rmdir(tmp);
	return check_done();
}
