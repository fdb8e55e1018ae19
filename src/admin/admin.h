/* admin: the facilitators' PIN, which opens the admin mode on the kiosk.
 *
 * The PIN (8 digits or more) is kept as an Argon2id hash (libsodium crypto_pwhash_str), never as
 * itself. Each wrong PIN makes the next try wait longer (1, 2, 4, 8 s); five in a row lock the admin
 * mode for fifteen minutes. Failures and the lock are in the database: a restart does not clear
 * them. Time comes from outside, so that tests can drive it. */
#ifndef PV_ADMIN_H
#define PV_ADMIN_H

#include <stddef.h>

#include "store/store.h"

#define ADMIN_PIN_MIN 8
#define ADMIN_PIN_MAX 32
#define ADMIN_TRIES 5
#define ADMIN_LOCK_S (15 * 60)

enum admin_check {
	ADMIN_OK,
	ADMIN_WRONG,   /* wrong; *wait_s: seconds before the next try counts */
	ADMIN_WAIT,    /* too soon after a wrong one: not even looked at */
	ADMIN_LOCKED,  /* five wrong in a row: *wait_s left */
	ADMIN_NO_PIN,  /* none set yet: `pictovox admin set-pin` */
	ADMIN_ERROR,   /* the database failed: err says why */
};

/* Replaces the PIN (digits only, ADMIN_PIN_MIN to ADMIN_PIN_MAX) and clears failures. */
int admin_set_pin(struct store *s, const char *pin, char *err, size_t n);
enum admin_check admin_check_pin(struct store *s, const char *pin, long now_s, long *wait_s, char *err, size_t n);
/* Whether a PIN is set. */
int admin_has_pin(struct store *s);

#endif
