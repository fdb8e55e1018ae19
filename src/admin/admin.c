#include "admin/admin.h"

#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

static bool valid_pin(const char *pin)
{
	size_t n = strlen(pin);
	if (n < ADMIN_PIN_MIN || n > ADMIN_PIN_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9')
			return false;
	return true;
}

int admin_set_pin(struct store *s, const char *pin, char *err, size_t n)
{
	if (!valid_pin(pin))
		return pv_err(err, n, "a PIN is %d to %d digits, and digits only", ADMIN_PIN_MIN, ADMIN_PIN_MAX);
	if (sodium_init() < 0)
		return pv_err(err, n, "libsodium did not start");
	char hash[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str(hash, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return pv_err(err, n, "not enough memory to hash the PIN");
	int rc = store_setting_set(s, "admin_pin", hash, err, n);
	if (!rc)
		rc = store_setting_set(s, "admin_failures", "0", err, n);
	if (!rc)
		rc = store_setting_set(s, "admin_not_before", "0", err, n);
	return rc;
}

int admin_has_pin(struct store *s)
{
	char hash[crypto_pwhash_STRBYTES];
	return store_setting_get(s, "admin_pin", hash, sizeof hash, NULL, 0) == 0 && hash[0];
}

/* A count or a time kept as a setting: 0 when unset. A value that is not a number of 0 or more
 * is an error, not 0: read as 0, a damaged failure count would lift the lock. */
static int setting_long(struct store *s, const char *name, long *v, char *err, size_t n)
{
	char buf[32]; /* a long has at most 20 characters: a value that fills buf was cut */
	if (store_setting_get(s, name, buf, sizeof buf, err, n) != 0)
		return -1;
	*v = 0;
	if (buf[0] && (strlen(buf) == sizeof buf - 1 || parse_long(buf, 0, LONG_MAX, v) != 0))
		return pv_err(err, n, "%s: the stored value '%s' is not a number of 0 or more; set the PIN again "
		                      "(pictovox admin set-pin)", name, buf);
	return 0;
}

enum admin_check admin_check_pin(struct store *s, const char *pin, long now_s, long *wait_s, char *err, size_t n)
{
	char hash[crypto_pwhash_STRBYTES];
	*wait_s = 0;
	if (store_setting_get(s, "admin_pin", hash, sizeof hash, err, n) != 0)
		return ADMIN_ERROR;
	if (!hash[0])
		return ADMIN_NO_PIN;
	long failures, not_before;
	if (setting_long(s, "admin_failures", &failures, err, n) != 0 ||
	    setting_long(s, "admin_not_before", &not_before, err, n) != 0)
		return ADMIN_ERROR;
	if (now_s < not_before) {
		*wait_s = not_before - now_s;
		return failures >= ADMIN_TRIES ? ADMIN_LOCKED : ADMIN_WAIT;
	}
	if (sodium_init() < 0)
		return pv_err(err, n, "libsodium did not start"), ADMIN_ERROR;
	bool ok = valid_pin(pin) && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
	/* Not counted on past the lock: a stored count that high would overflow. */
	failures = ok ? 0 : failures < ADMIN_TRIES ? failures + 1 : ADMIN_TRIES;
	/* 1, 2, 4, 8 seconds, then the lock; a wrong one after the lock locks again. */
	long delay = ok ? 0 : failures >= ADMIN_TRIES ? ADMIN_LOCK_S : 1L << (failures - 1);
	char v[32];
	snprintf(v, sizeof v, "%ld", failures);
	if (store_setting_set(s, "admin_failures", v, err, n) != 0)
		return ADMIN_ERROR;
	snprintf(v, sizeof v, "%ld", delay ? now_s + delay : 0);
	if (store_setting_set(s, "admin_not_before", v, err, n) != 0)
		return ADMIN_ERROR;
	*wait_s = delay;
	if (ok)
		return ADMIN_OK;
	return failures >= ADMIN_TRIES ? ADMIN_LOCKED : ADMIN_WRONG;
}
