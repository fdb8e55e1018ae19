/* test_person: personal codes become pseudonyms that link a person's sessions, and nothing more:
 * the same code gives the same pseudonym across restarts, two codes never share one, a new secret
 * makes old codes unreachable, the secret is the owner's alone, and no byte of the database says
 * which code was used. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "fixture.h"
#include "session/person.h"
#include "store/store.h"

static void write_bytes(const char *path, const void *b, size_t n, int mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0 || write(fd, b, n) != (ssize_t)n)
		abort();
	close(fd);
	chmod(path, (mode_t)mode);
}

static void test_key(const char *dir)
{
	char err[300] = "";
	char *path = path_join(dir, "a.key");
	struct person_key *k = person_key_open(path, err, sizeof err);
	CHECK(k != NULL);
	struct stat st;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600 && st.st_size == 32);
	const int code[4] = { 0, 2, 1, 5 }, other[4] = { 0, 2, 5, 1 };
	char a[33], b[33], c[33];
	CHECK_INT(person_id(k, code, a), 0);
	CHECK_INT(strlen(a), 32);
	CHECK_INT(person_id(k, other, c), 0);
	CHECK(strcmp(a, c) != 0); /* the order of the pictograms counts */
	person_key_destroy(k);

	/* Read again, as after a restart: the same pseudonym. */
	k = person_key_open(path, err, sizeof err);
	CHECK(k != NULL && person_id(k, code, b) == 0 && strcmp(a, b) == 0);
	const int bad[4] = { 0, 1, 2, 12 };
	CHECK_INT(person_id(k, bad, b), -1);
	person_key_destroy(k);

	/* A new secret (the old file deleted): the same code, another pseudonym. */
	unlink(path);
	k = person_key_open(path, err, sizeof err);
	CHECK(k != NULL && person_id(k, code, b) == 0 && strcmp(a, b) != 0);
	person_key_destroy(k);

	/* A secret others may read is refused; so is a damaged one. */
	chmod(path, 0644);
	CHECK(person_key_open(path, err, sizeof err) == NULL);
	CHECK(strstr(err, "others than its owner may read this secret") != NULL);
	write_bytes(path, "short", 5, 0600);
	CHECK(person_key_open(path, err, sizeof err) == NULL);
	CHECK(strstr(err, "not a secret of 32 bytes") != NULL);
	char *none = path_join(dir, "no/such/folder/x.key");
	CHECK(person_key_open(none, err, sizeof err) == NULL);
	CHECK(strstr(err, "cannot make the secret") != NULL);
	free(none);
	free(path);
}

/* Every one of the 20,736 codes has its own pseudonym. */
static int cmp_id(const void *x, const void *y)
{
	return memcmp(x, y, 32);
}

static void test_all_codes(const char *dir)
{
	char err[300];
	char *path = path_join(dir, "all.key");
	struct person_key *k = person_key_open(path, err, sizeof err);
	enum { N = PERSON_SYMBOLS * PERSON_SYMBOLS * PERSON_SYMBOLS * PERSON_SYMBOLS };
	CHECK_INT(N, 20736);
	char(*ids)[33] = xcalloc(N, 33);
	for (int i = 0; k && i < N; i++) {
		int code[4] = { i / 1728, i / 144 % 12, i / 12 % 12, i % 12 };
		person_id(k, code, ids[i]);
	}
	qsort(ids, N, 33, cmp_id);
	int same = 0;
	for (int i = 1; i < N; i++)
		same += memcmp(ids[i - 1], ids[i], 32) == 0;
	CHECK_INT(same, 0);
	free(ids);
	person_key_destroy(k);
	free(path);
}

static bool file_has(const char *path, const void *needle, size_t n)
{
	size_t len;
	char err[200];
	unsigned char *b = file_read_all(path, 64u << 20, &len, err, sizeof err);
	bool found = false;
	for (size_t i = 0; b && !found && i + n <= len; i++)
		found = memcmp(b + i, needle, n) == 0;
	free(b);
	return found;
}

/* Sessions of two codes in a database: each person's history is theirs, across a restart; the
 * file holds pseudonyms only. */
static void test_store(const char *dir)
{
	char err[300];
	char *db = path_join(dir, "p.db");
	char *keyp = person_key_path_for(db);
	struct person_key *k = person_key_open(keyp, err, sizeof err);
	const int ca[4] = { 3, 3, 7, 1 }, cb[4] = { 11, 0, 4, 9 };
	char a[33], b[33];
	person_id(k, ca, a);
	person_id(k, cb, b);
	person_key_destroy(k);
	for (int round = 0; round < 2; round++) {
		struct store *s = store_open(db, err, sizeof err);
		CHECK(s != NULL);
		if (!s)
			return;
		const char *who[3] = { a, b, a };
		const char *val[3][1] = { { round ? "4" : "1" }, { "2" }, { round ? "3" : "2" } };
		for (int i = 0; i < 3; i++) {
			struct store_session ss;
			store_session_init(&ss, "selfeval", 1, "fr", "2026-11-23");
			snprintf(ss.person, sizeof ss.person, "%s", who[i]);
			CHECK_INT(store_answer(s, &ss, "listening", false, val[i], 1, NULL, 0, err, sizeof err), 0);
		}
		store_close(s);
	}
	struct store *s = store_open(db, err, sizeof err);
	int v[8];
	CHECK_INT(store_person_sessions(s, a, NULL, err, sizeof err), 4);
	CHECK_INT(store_person_sessions(s, b, NULL, err, sizeof err), 2);
	CHECK_INT(store_person_sessions(s, b, "selfeval", err, sizeof err), 2);
	CHECK_INT(store_person_sessions(s, b, "checkin", err, sizeof err), 0);
	CHECK_INT(store_person_values(s, a, "selfeval", "listening", false, v, 8, err, sizeof err), 4);
	CHECK(v[0] == 1 && v[1] == 2 && v[2] == 4 && v[3] == 3); /* in the order they came */
	CHECK_INT(store_person_values(s, a, "selfeval", "listening", true, v, 2, err, sizeof err), 2);
	CHECK(v[0] == 4 && v[1] == 3); /* the last two, oldest first */
	CHECK_INT(store_person_values(s, b, "selfeval", "listening", false, v, 8, err, sizeof err), 2);
	CHECK(v[0] == 2 && v[1] == 2);
	CHECK_INT(store_person_values(s, b, "other", "listening", false, v, 8, err, sizeof err), 0);
	CHECK_INT(store_query_int(s, "SELECT count(DISTINCT person_seq) FROM sessions WHERE person IS NOT NULL"), 4);
	CHECK_INT(store_query_int(s, "SELECT count(*) FROM sessions WHERE length(person) = 32"), 6);
	char err2[300];
	CHECK_INT(store_checkpoint(s, err2, sizeof err2), 0);
	store_close(s);
	/* Nothing that names a code: neither its pictograms nor its indices. */
	for (int i = 0; i < PERSON_SYMBOLS; i++)
		CHECK(!file_has(db, person_symbols[i].id, strlen(person_symbols[i].id)));
	const unsigned char raw[4] = { 3, 3, 7, 1 };
	CHECK(!file_has(db, raw, 4));
	CHECK(file_has(db, a, 32)); /* the pseudonym is there: the search works */
	free(keyp);
	free(db);
}

int main(void)
{
	char *dir = fixture_tmpdir();
	test_key(dir);
	test_all_codes(dir);
	test_store(dir);
	fixture_rmdir(dir);
	return check_done();
}
