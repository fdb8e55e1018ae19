#include "admin/admin.h"

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

static long setting_long(struct store *s, const char *name)
{
	char v[32];
	return store_setting_get(s, name, v, sizeof v, NULL, 0) == 0 ? atol(v) : 0;
}

enum admin_check admin_check_pin(struct store *s, const char *pin, long now_s, long *wait_s, char *err, size_t n)
{
	char hash[crypto_pwhash_STRBYTES];
	*wait_s = 0;
	if (store_setting_get(s, "admin_pin", hash, sizeof hash, err, n) != 0)
		return ADMIN_ERROR;
	if (!hash[0])
		return ADMIN_NO_PIN;
	long failures = setting_long(s, "admin_failures"), not_before = setting_long(s, "admin_not_before");
	if (now_s < not_before) {
		*wait_s = not_before - now_s;
		return failures >= ADMIN_TRIES ? ADMIN_LOCKED : ADMIN_WAIT;
	}
	if (sodium_init() < 0)
		return pv_err(err, n, "libsodium did not start"), ADMIN_ERROR;
	bool ok = valid_pin(pin) && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
	failures = ok ? 0 : failures + 1;
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
