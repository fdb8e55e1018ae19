/* person: a personal code turned into a pseudonym that links one person's sessions over months,
 * and nothing else.
 *
 * A code is four pictograms chosen in order from twelve (20,736 codes). Only a keyed hash of it
 * is stored (BLAKE2b keyed with a secret of 32 random bytes, libsodium's crypto_generichash).
 * The secret is a file only the kiosk's user can read, made at first start beside the database;
 * without it the stored pseudonyms cannot be tied to codes, and a new secret makes every old
 * pseudonym unreachable (how links between two cohorts are cut). See docs/privacy.md. */
#ifndef PV_PERSON_H
#define PV_PERSON_H

#include <stddef.h>

#include "i18n/uitext.h"

#define PERSON_CODE_LEN 4
#define PERSON_SYMBOLS 12
#define PERSON_ID_HEX 32 /* hex digits of the pseudonym */

/* The twelve pictograms of a code, in the order the grid shows them, with their spoken names. */
struct person_symbol {
	const char *id; /* the pictogram, also what is hashed: stable even if the grid changes order */
	enum ui_text name;
};
extern const struct person_symbol person_symbols[PERSON_SYMBOLS];

struct person_key;

/* Reads the secret at path, or makes one there (mode 0600) if there is none. NULL with the
 * reason when it cannot, or when others than its owner may read it. */
struct person_key *person_key_open(const char *path, char *err, size_t n);
/* Forgets the secret (its bytes wiped). */
void person_key_destroy(struct person_key *k);
/* The secret's file for a database: beside it, "<db>.key". Caller frees. */
char *person_key_path_for(const char *db_path);

/* The pseudonym of a code (four indices into person_symbols): 32 hex digits and a NUL. */
int person_id(const struct person_key *k, const int code[PERSON_CODE_LEN], char out[PERSON_ID_HEX + 1]);

#endif
