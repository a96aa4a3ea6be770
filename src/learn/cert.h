/*
 * cert.h: certificates that can be checked without the server.
 *
 * A certificate's claims (who, what, when, who says so) are signed with
 * the deployment's Ed25519 key.  The payload printed in the certificate's
 * QR code and kept in its PDF is
 *
 *     CPH1.<claims>.<signature>
 *
 * both parts in unpadded base64url; the claims are a JSON object (its
 * bytes are what is signed, so no canonical form is needed).  Anyone with
 * the public key can check a payload: `cophub certificate verify`.
 */
#ifndef COPHUB_CERT_H
#define COPHUB_CERT_H

#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>

#define CERT_PREFIX "CPH1."
/* the longest payload cert_sign writes */
#define CERT_PAYLOAD_MAX 2048

struct cert_claims {
	char code[16];    /* the verification code: "K7QF-2M9X" */
	char kind[16];    /* "completion", "attendance" or "trainer" */
	char name[256];   /* the holder's name as they typed it */
	char course[256]; /* the course or session, in the certificate's language */
	char date[11];    /* YYYY-MM-DD */
	char issuer[256]; /* who issues it: the deployment's name and country */
	char lang[8];     /* the certificate's language */
};

/* A new verification code: 8 symbols from an alphabet without look-alikes
 * (no 0/O, 1/I/L), written "XXXX-XXXX"; about 40 bits. */
void cert_new_code(char out[10]);
/* Whether s is a verification code as cert_new_code writes them, once
 * upper-cased and with the dash optional; the clean form in out. */
bool cert_code_clean(const char *s, char out[10]);

/* Signs c with the secret key sk; the payload in out: 0, or -1 with the
 * reason in err (a claim too long, or with a control character). */
int cert_sign(const struct cert_claims *c, const unsigned char sk[crypto_sign_SECRETKEYBYTES],
	      char *out, size_t outlen, char *err, size_t errlen);

/* Checks a payload with the public key pk: 0 and the claims in c when the
 * signature holds; -1 and the reason in err otherwise.  Text around the
 * payload (a URL, a PDF's bytes) is skipped: the first "CPH1." counts. */
int cert_verify(const char *text, size_t len, const unsigned char pk[crypto_sign_PUBLICKEYBYTES],
		struct cert_claims *c, char *err, size_t errlen);

struct db;
/* The deployment's signing key, from the settings table; made and stored
 * the first time when create is true (the first of two processes that
 * race wins, and both then use its key).  0, or -1 with the reason. */
int cert_key(struct db *db, bool create, unsigned char sk[crypto_sign_SECRETKEYBYTES],
	     unsigned char pk[crypto_sign_PUBLICKEYBYTES], char *err, size_t errlen);

#endif
