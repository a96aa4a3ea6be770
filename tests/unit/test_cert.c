/*
 * test_cert.c: learn/cert.h: certificates signed with Ed25519 and checked
 * with the public key alone: the claims come back as signed, in any
 * script; a change of any single byte of a payload, another key, a
 * payload cut short or with no payload at all are refused with a reason;
 * verification codes.
 */
#include "unit.h"

#include "learn/cert.h"

#include <string.h>

static unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];

static const struct cert_claims sample = {
	.code = "K7QF-2M9X",
	.kind = "completion",
	.name = "\xd9\x84\xd9\x8a\xd9\x84\xd9\x89 \"Lily\" O'Brien \xe7\x8e\x8b", /* ليلى "Lily" O'Brien 王 */
	.course = "Keeping children safe online: a course for parents and carers",
	.date = "2026-12-01",
	.issuer = "cophub, Kenya",
	.lang = "ar",
};

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	crypto_sign_keypair(pk, sk);
	return 0;
}

static void test_round_trip(void **state)
{
	(void)state;
	char payload[CERT_PAYLOAD_MAX], err[200];
	struct cert_claims got;
	assert_int_equal(cert_sign(&sample, sk, payload, sizeof(payload), err, sizeof(err)), 0);
	assert_memory_equal(payload, CERT_PREFIX, strlen(CERT_PREFIX));
	assert_int_equal(cert_verify(payload, strlen(payload), pk, &got, err, sizeof(err)), 0);
	assert_string_equal(got.code, sample.code);
	assert_string_equal(got.kind, sample.kind);
	assert_string_equal(got.name, sample.name);
	assert_string_equal(got.course, sample.course);
	assert_string_equal(got.date, sample.date);
	assert_string_equal(got.issuer, sample.issuer);
	assert_string_equal(got.lang, sample.lang);

	/* inside a URL, or among a file's bytes (with NULs), it is found */
	char text[CERT_PAYLOAD_MAX + 64];
	int n = snprintf(text, sizeof(text), "https://example.org/verify/K7QF-2M9X?c=%s&x=1", payload);
	assert_int_equal(cert_verify(text, (size_t)n, pk, &got, err, sizeof(err)), 0);
	memset(text, 0, sizeof(text));
	memcpy(text + 10, payload, strlen(payload));
	assert_int_equal(cert_verify(text, sizeof(text), pk, &got, err, sizeof(err)), 0);
	assert_string_equal(got.name, sample.name);
}

/* Every single byte changed, anywhere in the payload, is refused. */
static void test_one_byte_changed(void **state)
{
	(void)state;
	char payload[CERT_PAYLOAD_MAX], err[200];
	struct cert_claims got;
	assert_int_equal(cert_sign(&sample, sk, payload, sizeof(payload), err, sizeof(err)), 0);
	size_t len = strlen(payload);
	int refused = 0;
	for (size_t i = strlen(CERT_PREFIX); i < len; i++) {
		char was = payload[i];
		/* a different base64url character (or the separator moved) */
		payload[i] = was == 'A' ? 'B' : 'A';
		if (cert_verify(payload, len, pk, &got, err, sizeof(err)) != 0)
			refused++;
		else
			fail_msg("byte %zu changed from %c: still accepted", i, was);
		payload[i] = was;
	}
	assert_int_equal(refused, (int)(len - strlen(CERT_PREFIX)));
	assert_int_equal(cert_verify(payload, len, pk, &got, err, sizeof(err)), 0);
}

static void test_refused(void **state)
{
	(void)state;
	char payload[CERT_PAYLOAD_MAX], err[200];
	struct cert_claims got;
	assert_int_equal(cert_sign(&sample, sk, payload, sizeof(payload), err, sizeof(err)), 0);

	unsigned char pk2[crypto_sign_PUBLICKEYBYTES], sk2[crypto_sign_SECRETKEYBYTES];
	crypto_sign_keypair(pk2, sk2);
	assert_int_equal(cert_verify(payload, strlen(payload), pk2, &got, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "signature does not match"));

	assert_int_equal(cert_verify("nothing here", 12, pk, &got, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no certificate code"));

	char *dot = strrchr(payload, '.');
	assert_int_equal(cert_verify(payload, (size_t)(dot - payload), pk, &got, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "cut short"));
	assert_int_equal(cert_verify(payload, (size_t)(dot - payload) + 10, pk, &got, err, sizeof(err)),
			 -1);

	/* claims that cannot be signed */
	struct cert_claims bad = sample;
	bad.name[0] = '\0';
	assert_int_equal(cert_sign(&bad, sk, payload, sizeof(payload), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "name is empty"));
	bad = sample;
	memcpy(bad.name, "a\nb", 4);
	assert_int_equal(cert_sign(&bad, sk, payload, sizeof(payload), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "name is not valid text"));
	bad = sample;
	memset(bad.course, 'x', sizeof(bad.course)); /* no terminating NUL */
	assert_int_equal(cert_sign(&bad, sk, payload, sizeof(payload), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "course is too long"));
	assert_int_equal(cert_sign(&sample, sk, payload, 40, err, sizeof(err)), -1);
}

static void test_codes(void **state)
{
	(void)state;
	char code[10], clean[10];
	for (int i = 0; i < 200; i++) {
		cert_new_code(code);
		assert_int_equal(strlen(code), 9);
		assert_int_equal(code[4], '-');
		assert_null(strpbrk(code, "01OIL"));
		assert_true(cert_code_clean(code, clean));
		assert_string_equal(clean, code);
	}
	assert_true(cert_code_clean("k7qf2m9x", clean));
	assert_string_equal(clean, "K7QF-2M9X");
	assert_false(cert_code_clean("K7QF-2M9", clean));
	assert_false(cert_code_clean("K7QF-2M9XY", clean));
	assert_false(cert_code_clean("K7QF-2M0X", clean)); /* 0 is never used */
	assert_false(cert_code_clean("K7-QF2M9X", clean));
	assert_false(cert_code_clean("", clean));
	assert_false(cert_code_clean(NULL, clean));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_one_byte_changed),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_codes),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
