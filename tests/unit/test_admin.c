/* test_admin: the facilitators' PIN: kept as an Argon2id hash only, growing waits after wrong
 * ones, a fifteen-minute lock after five in a row that a restart does not lift. */
#include "admin/admin.h"
#include "check.h"
#include "fixture.h"

static bool file_has(const char *path, const char *needle)
{
	size_t len;
	char err[200];
	unsigned char *b = file_read_all(path, 64u << 20, &len, err, sizeof err);
	bool found = false;
	for (size_t i = 0; b && !found && i + strlen(needle) <= len; i++)
		found = memcmp(b + i, needle, strlen(needle)) == 0;
	free(b);
	return found;
}

int main(void)
{
	char *dir = fixture_tmpdir(), err[300];
	char *db = path_join(dir, "a.db");
	struct store *s = store_open(db, err, sizeof err);
	long wait;
	CHECK_INT(admin_check_pin(s, "12345678", 1000, &wait, err, sizeof err), ADMIN_NO_PIN);
	CHECK(!admin_has_pin(s));
	CHECK_INT(admin_set_pin(s, "1234567", err, sizeof err), -1); /* too short */
	CHECK(strstr(err, "8 to 32 digits") != NULL);
	CHECK_INT(admin_set_pin(s, "1234567a", err, sizeof err), -1);
	CHECK_INT(admin_set_pin(s, "31415926", err, sizeof err), 0);
	CHECK(admin_has_pin(s));
	char hash[200];
	CHECK_INT(store_setting_get(s, "admin_pin", hash, sizeof hash, err, sizeof err), 0);
	CHECK(strncmp(hash, "$argon2id$", 10) == 0);
	CHECK(strstr(hash, "31415926") == NULL);

	long t = 1000;
	CHECK_INT(admin_check_pin(s, "31415926", t, &wait, err, sizeof err), ADMIN_OK);
	CHECK_INT(wait, 0);
	/* Wrong ones: each makes the next wait longer; a try too soon is not even looked at. */
	const long waits[4] = { 1, 2, 4, 8 };
	for (int i = 0; i < 4; i++) {
		CHECK_INT(admin_check_pin(s, "00000000", t, &wait, err, sizeof err), ADMIN_WRONG);
		CHECK_INT(wait, waits[i]);
		CHECK_INT(admin_check_pin(s, "31415926", t + wait - 1, &wait, err, sizeof err), ADMIN_WAIT);
		CHECK_INT(wait, 1);
		t += waits[i];
	}
	CHECK_INT(admin_check_pin(s, "00000000", t, &wait, err, sizeof err), ADMIN_LOCKED);
	CHECK_INT(wait, ADMIN_LOCK_S);

	/* A restart does not lift the lock; the right PIN does not either, until it ends. */
	store_close(s);
	s = store_open(db, err, sizeof err);
	CHECK_INT(admin_check_pin(s, "31415926", t + 60, &wait, err, sizeof err), ADMIN_LOCKED);
	CHECK_INT(wait, ADMIN_LOCK_S - 60);
	CHECK_INT(admin_check_pin(s, "31415926", t + ADMIN_LOCK_S, &wait, err, sizeof err), ADMIN_OK);
	/* The failures start again from nothing after a right PIN. */
	t += ADMIN_LOCK_S;
	CHECK_INT(admin_check_pin(s, "99999999", t, &wait, err, sizeof err), ADMIN_WRONG);
	CHECK_INT(wait, 1);
	/* A new PIN clears them; the old one is refused. */
	CHECK_INT(admin_set_pin(s, "27182818284", err, sizeof err), 0);
	CHECK_INT(admin_check_pin(s, "31415926", t, &wait, err, sizeof err), ADMIN_WRONG);
	CHECK_INT(admin_check_pin(s, "27182818284", t + 1, &wait, err, sizeof err), ADMIN_OK);

	/* A stored count or time that is not a number (a hand-edited or damaged database) is said,
	 * with its name and value, and the PIN is not looked at: read as 0, it would lift a lock. */
	static const struct { const char *name, *value; } bad[] = {
		{ "admin_failures", "5 wrong" }, { "admin_failures", "-2" },  { "admin_failures", "x" },
		{ "admin_not_before", "1e9" },   { "admin_not_before", "99999999999999999999" },
		{ "admin_not_before", " 12" },
	};
	for (size_t i = 0; i < PV_ARRAY_LEN(bad); i++) {
		CHECK_INT(admin_set_pin(s, "27182818284", err, sizeof err), 0);
		CHECK_INT(store_setting_set(s, bad[i].name, bad[i].value, err, sizeof err), 0);
		err[0] = '\0';
		CHECK_INT(admin_check_pin(s, "27182818284", t + 2, &wait, err, sizeof err), ADMIN_ERROR);
		CHECK(strstr(err, bad[i].name) != NULL && strstr(err, bad[i].value) != NULL);
		CHECK(strstr(err, "set-pin") != NULL);
	}
	/* Setting the PIN again mends it. */
	CHECK_INT(admin_set_pin(s, "27182818284", err, sizeof err), 0);
	CHECK_INT(admin_check_pin(s, "27182818284", t + 2, &wait, err, sizeof err), ADMIN_OK);
	/* The largest count a setting can hold: one more wrong PIN locks, without overflowing. */
	CHECK_INT(store_setting_set(s, "admin_failures", "9223372036854775807", err, sizeof err), 0);
	CHECK_INT(admin_check_pin(s, "00000000", t + 3, &wait, err, sizeof err), ADMIN_LOCKED);
	CHECK_INT(wait, ADMIN_LOCK_S);
	CHECK_INT(admin_set_pin(s, "27182818284", err, sizeof err), 0);
	CHECK_INT(store_checkpoint(s, err, sizeof err), 0);
	store_close(s);
	CHECK(!file_has(db, "27182818284") && !file_has(db, "31415926"));
	CHECK(file_has(db, "$argon2id$"));
	free(db);
	fixture_rmdir(dir);
	return check_done();
}
