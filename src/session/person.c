#include "session/person.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"

const struct person_symbol person_symbols[PERSON_SYMBOLS] = {
	{ "code-apple", UI_CODE_APPLE },   { "code-fish", UI_CODE_FISH },       { "code-star", UI_CODE_STAR },
	{ "code-tree", UI_CODE_TREE },     { "code-umbrella", UI_CODE_UMBRELLA }, { "code-horse", UI_CODE_HORSE },
	{ "code-elephant", UI_CODE_ELEPHANT }, { "code-carrot", UI_CODE_CARROT }, { "code-flower", UI_CODE_FLOWER },
	{ "code-anchor", UI_CODE_ANCHOR }, { "code-penguin", UI_CODE_PENGUIN }, { "code-bicycle", UI_CODE_BICYCLE },
};

struct person_key {
	unsigned char secret[crypto_generichash_KEYBYTES];
};

char *person_key_path_for(const char *db_path)
{
	return xasprintf("%s.key", db_path);
}

/* Writes a new secret with O_EXCL: two kiosks starting at once cannot both make one. */
static int make_secret(const char *path, unsigned char *secret, char *err, size_t n)
{
	crypto_generichash_keygen(secret);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return errno == EEXIST ? 1 : pv_err(err, n, "%s: cannot make the secret: %s", path, strerror(errno));
	ssize_t w = write(fd, secret, crypto_generichash_KEYBYTES);
	int ok = w == (ssize_t)crypto_generichash_KEYBYTES && fsync(fd) == 0;
	int saved = errno;
	close(fd);
	if (!ok) {
		unlink(path);
		return pv_err(err, n, "%s: cannot write the secret: %s", path, strerror(saved));
	}
	return 0;
}

static int read_secret(const char *path, unsigned char *secret, char *err, size_t n)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return pv_err(err, n, "%s: cannot read the secret: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || (st.st_mode & 077)) {
		close(fd);
		return pv_err(err, n, "%s: others than its owner may read this secret: chmod 600 it, or delete it "
		                      "to make a new one (old codes are then forgotten)", path);
	}
	unsigned char extra;
	ssize_t r = read(fd, secret, crypto_generichash_KEYBYTES);
	ssize_t more = read(fd, &extra, 1);
	close(fd);
	if (r != (ssize_t)crypto_generichash_KEYBYTES || more != 0)
		return pv_err(err, n, "%s: not a secret of %d bytes (damaged?)", path, crypto_generichash_KEYBYTES);
	return 0;
}

struct person_key *person_key_open(const char *path, char *err, size_t n)
{
	if (sodium_init() < 0) {
		pv_err(err, n, "libsodium did not start");
		return NULL;
	}
	struct person_key *k = sodium_malloc(sizeof *k);
	if (!k) {
		pv_err(err, n, "out of locked memory for the secret");
		return NULL;
	}
	int rc = path_is_file(path) ? 1 : make_secret(path, k->secret, err, n);
	if (rc == 1) /* there already: read it */
		rc = read_secret(path, k->secret, err, n);
	if (rc != 0) {
		sodium_free(k);
		return NULL;
	}
	return k;
}

void person_key_destroy(struct person_key *k)
{
	if (k)
		sodium_free(k); /* wipes it */
}

int person_id(const struct person_key *k, const int code[PERSON_CODE_LEN], char out[PERSON_ID_HEX + 1])
{
	crypto_generichash_state st;
	if (crypto_generichash_init(&st, k->secret, sizeof k->secret, PERSON_ID_HEX / 2) != 0)
		return -1;
	static const char domain[] = "pictovox personal code v1";
	crypto_generichash_update(&st, (const unsigned char *)domain, sizeof domain);
	for (int i = 0; i < PERSON_CODE_LEN; i++) {
		if (code[i] < 0 || code[i] >= PERSON_SYMBOLS)
			return -1;
		const char *id = person_symbols[code[i]].id;
		crypto_generichash_update(&st, (const unsigned char *)id, strlen(id) + 1);
	}
	unsigned char h[PERSON_ID_HEX / 2];
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, PERSON_ID_HEX + 1, h, sizeof h);
	sodium_memzero(&st, sizeof st);
	return 0;
}
