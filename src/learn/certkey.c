/*
 * certkey.c: the deployment's certificate signing key (cert.h).
 *
 * The Ed25519 secret key is kept in the settings table as hex, beside the
 * server's other secret; whoever can read the database can sign, so back
 * it up and guard it as the database itself.  The public key is all that
 * `cophub certificate verify` needs.
 */
#include "learn/cert.h"
#include "core/util.h"
#include "db/db.h"

#include <stdio.h>
#include <string.h>

static int read_key(struct db *db, unsigned char sk[crypto_sign_SECRETKEYBYTES], bool *found,
		    char *err, size_t errlen)
{
	*found = false;
	struct db_stmt *st = db_q(db, "SELECT value FROM settings WHERE key = 'cert_key'", "");
	if (!st) {
		snprintf(err, errlen, "cannot read settings: %s (run `cophub migrate` first)",
			 db_errmsg(db));
		return -1;
	}
	int rc = db_step(st);
	int ret = 0;
	if (rc == DB_ROW) {
		const char *hex = db_text(st, 0);
		size_t len = 0;
		if (!hex || sodium_hex2bin(sk, crypto_sign_SECRETKEYBYTES, hex, strlen(hex), NULL, &len,
					   NULL) != 0 ||
		    len != crypto_sign_SECRETKEYBYTES) {
			snprintf(err, errlen, "the certificate key in settings is malformed");
			ret = -1;
		} else {
			*found = true;
		}
	} else if (rc != DB_DONE) {
		snprintf(err, errlen, "cannot read settings: %s", db_errmsg(db));
		ret = -1;
	}
	db_done(st);
	return ret;
}

int cert_key(struct db *db, bool create, unsigned char sk[crypto_sign_SECRETKEYBYTES],
	     unsigned char pk[crypto_sign_PUBLICKEYBYTES], char *err, size_t errlen)
{
	bool found;
	if (read_key(db, sk, &found, err, errlen) < 0)
		return -1;
	if (!found) {
		if (!create) {
			snprintf(err, errlen, "this deployment has no certificate key yet");
			return -1;
		}
		unsigned char pk_new[crypto_sign_PUBLICKEYBYTES], sk_new[crypto_sign_SECRETKEYBYTES];
		char hex[crypto_sign_SECRETKEYBYTES * 2 + 1];
		crypto_sign_keypair(pk_new, sk_new);
		sodium_bin2hex(hex, sizeof(hex), sk_new, sizeof(sk_new));
		sodium_memzero(sk_new, sizeof(sk_new));
		int rc = db_x(db,
			      "INSERT INTO settings (key, value) VALUES ('cert_key', ?) "
			      "ON CONFLICT (key) DO NOTHING",
			      "t", hex);
		sodium_memzero(hex, sizeof(hex));
		if (rc != DB_DONE) {
			snprintf(err, errlen, "cannot store the certificate key: %s", db_errmsg(db));
			return -1;
		}
		if (read_key(db, sk, &found, err, errlen) < 0)
			return -1;
		if (!found) {
			snprintf(err, errlen, "the certificate key was not stored");
			return -1;
		}
	}
	crypto_sign_ed25519_sk_to_pk(pk, sk);
	return 0;
}
