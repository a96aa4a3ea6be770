/*
 * cert.c: see cert.h.
 */
#include "learn/cert.h"
#include "core/util.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* no 0/O, 1/I/L: read aloud and typed back without doubt */
static const char code_alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

void cert_new_code(char out[10])
{
	for (int i = 0, k = 0; i < 8; i++) {
		if (i == 4)
			out[k++] = '-';
		out[k++] = code_alphabet[randombytes_uniform(sizeof(code_alphabet) - 1)];
	}
	out[9] = '\0';
}

bool cert_code_clean(const char *s, char out[10])
{
	int n = 0;
	for (const char *p = s ? s : ""; *p; p++) {
		char ch = *p;
		if (ch == '-' && n == 4)
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (n == 8 || !ch || !strchr(code_alphabet, ch))
			return false;
		out[n < 4 ? n : n + 1] = ch;
		n++;
	}
	if (n != 8)
		return false;
	out[4] = '-';
	out[9] = '\0';
	return true;
}

/* The claims, as the JSON keys name them. */
#define CLAIMS(X)                                                                                  \
	X(code)                                                                                    \
	X(kind)                                                                                    \
	X(name)                                                                                    \
	X(course)                                                                                  \
	X(date)                                                                                    \
	X(issuer)                                                                                  \
	X(lang)

static bool claim_ok(const char *v, const char *what, char *err, size_t errlen)
{
	if (!v[0]) {
		snprintf(err, errlen, "the certificate's %s is empty", what);
		return false;
	}
	if (!utf8_valid_text(v, strlen(v), false)) {
		snprintf(err, errlen, "the certificate's %s is not valid text", what);
		return false;
	}
	return true;
}

int cert_sign(const struct cert_claims *c, const unsigned char sk[crypto_sign_SECRETKEYBYTES],
	      char *out, size_t outlen, char *err, size_t errlen)
{
#define CHECK(f)                                                                                   \
	if (!memchr(c->f, '\0', sizeof(c->f))) {                                                   \
		snprintf(err, errlen, "the certificate's " #f " is too long");                     \
		return -1;                                                                         \
	}                                                                                          \
	if (!claim_ok(c->f, #f, err, errlen))                                                      \
		return -1;
	CLAIMS(CHECK)
#undef CHECK
	json_t *o = json_object();
	json_object_set_new(o, "v", json_integer(1));
#define SET(f) json_object_set_new(o, #f, json_string(c->f));
	CLAIMS(SET)
#undef SET
	/* json_dumps allocates with jansson's functions, which the server
	 * points at each request's arena: give it back with the same */
	json_malloc_t jmalloc;
	json_free_t jfree;
	json_get_alloc_funcs(&jmalloc, &jfree);
	char *msg = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (!msg) {
		snprintf(err, errlen, "the certificate's claims cannot be written");
		return -1;
	}
	size_t mlen = strlen(msg);
	unsigned char sig[crypto_sign_BYTES];
	crypto_sign_detached(sig, NULL, (const unsigned char *)msg, mlen, sk);

	const int v = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
	size_t need = strlen(CERT_PREFIX) + sodium_base64_encoded_len(mlen, v) +
		      sodium_base64_encoded_len(sizeof(sig), v);
	if (need > outlen || need > CERT_PAYLOAD_MAX) {
		jfree(msg);
		snprintf(err, errlen, "the certificate's claims are too long for its code");
		return -1;
	}
	size_t k = strlen(CERT_PREFIX);
	memcpy(out, CERT_PREFIX, k);
	sodium_bin2base64(out + k, outlen - k, (const unsigned char *)msg, mlen, v);
	k += strlen(out + k);
	out[k++] = '.';
	sodium_bin2base64(out + k, outlen - k, sig, sizeof(sig), v);
	jfree(msg);
	return 0;
}

static bool b64url_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       ch == '-' || ch == '_';
}

int cert_verify(const char *text, size_t len, const unsigned char pk[crypto_sign_PUBLICKEYBYTES],
		struct cert_claims *c, char *err, size_t errlen)
{
	const size_t pl = strlen(CERT_PREFIX);
	const char *p = text ? memmem(text, len, CERT_PREFIX, pl) : NULL;
	if (!p) {
		snprintf(err, errlen, "no certificate code found (it starts with %s)", CERT_PREFIX);
		return -1;
	}
	const char *end = text + len, *m = p + pl, *q = m;
	while (q < end && b64url_char(*q))
		q++;
	const char *s = q + 1, *t = s;
	while (t < end && b64url_char(*t))
		t++;
	if (q == m || q >= end || *q != '.' || t == s) {
		snprintf(err, errlen, "the certificate code is cut short or malformed");
		return -1;
	}
	const int v = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
	size_t mlen = 0, slen = 0;
	unsigned char sig[crypto_sign_BYTES + 1];
	unsigned char *msg = malloc((size_t)(q - m));
	if (!msg) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (sodium_base642bin(msg, (size_t)(q - m), m, (size_t)(q - m), NULL, &mlen, NULL, v) != 0 ||
	    sodium_base642bin(sig, sizeof(sig), s, (size_t)(t - s), NULL, &slen, NULL, v) != 0 ||
	    slen != crypto_sign_BYTES) {
		free(msg);
		snprintf(err, errlen, "the certificate code is malformed");
		return -1;
	}
	if (crypto_sign_verify_detached(sig, msg, mlen, pk) != 0) {
		free(msg);
		snprintf(err, errlen,
			 "the signature does not match: the certificate was changed, or another "
			 "key signed it");
		return -1;
	}
	json_error_t je;
	json_t *o = json_loadb((const char *)msg, mlen, JSON_REJECT_DUPLICATES, &je);
	free(msg);
	if (!json_is_object(o) || json_integer_value(json_object_get(o, "v")) != 1) {
		json_decref(o);
		snprintf(err, errlen, "the signed claims are not a certificate this version reads");
		return -1;
	}
	memset(c, 0, sizeof(*c));
	int rc = 0;
#define GET(f)                                                                                     \
	if (rc == 0) {                                                                             \
		const char *val = json_string_value(json_object_get(o, #f));                        \
		if (!val || strlen(val) >= sizeof(c->f) || !claim_ok(val, #f, err, errlen)) {      \
			if (!val || strlen(val) >= sizeof(c->f))                                   \
				snprintf(err, errlen, "the signed claims lack a valid " #f);         \
			rc = -1;                                                                   \
		} else {                                                                           \
			memcpy(c->f, val, strlen(val) + 1);                                        \
		}                                                                                  \
	}
	CLAIMS(GET)
#undef GET
	json_decref(o);
	return rc;
}
