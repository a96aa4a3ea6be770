/*
 * test_auth.c: the parts of web/auth.h that need no database.
 * password_problem (length in characters, not bytes; the common-password
 * list, case-insensitive; the username), password_generate, the argon2id
 * round trip and password_needs_rehash after the cost changes, token_new,
 * token_hash, auth_equal and username_valid.
 */
#include "unit.h"

#include "web/auth.h"

#define TOO_SHORT "The password must have at least 8 characters."
#define TOO_LONG "The password must have at most 128 characters."
#define BAD_CHARS "The password contains characters that cannot be used."
#define COMMON "This password is one of the most common passwords. Choose another."
#define SAME_AS_USER "The password must not be the same as the username."

static int init_with(int memory_kib)
{
	struct auth_params p = {
		.argon2_memory_kib = memory_kib,
		.argon2_passes = 2,
		.session_idle = 1800,
		.session_absolute = 43200,
		.login_max_failures = 100,
		.login_window = 3600,
	};
	char path[1024], err[512];
	snprintf(path, sizeof(path), "%s/data/common-passwords.txt", unit_data_dir());
	if (auth_init(&p, path, err, sizeof(err)) < 0) {
		fprintf(stderr, "auth_init: %s\n", err);
		return -1;
	}
	return 0;
}

static int setup(void **state)
{
	(void)state;
	return init_with(19456);
}

/* s repeated n times */
static char *repeat(const char *s, int n)
{
	size_t l = strlen(s);
	char *r = malloc(l * (size_t)n + 1);
	for (int i = 0; i < n; i++)
		memcpy(r + l * (size_t)i, s, l);
	r[l * (size_t)n] = '\0';
	return r;
}

static void expect_problem(const char *password, const char *username, const char *want)
{
	const char *got = password_problem(password, username);
	if (want ? !got || strcmp(got, want) != 0 : got != NULL)
		fail_msg("password_problem(\"%s\", %s) = %s, expected %s", password,
			 username ? username : "NULL", got ? got : "NULL", want ? want : "NULL");
}

static void test_password_length(void **state)
{
	(void)state;
	expect_problem("", NULL, TOO_SHORT);
	expect_problem("Qz7#kLm", NULL, TOO_SHORT);	/* 7 */
	expect_problem("Qz7#kLm2", NULL, NULL);		/* 8 */
	/* characters, not bytes: 7 two-byte letters are too short, 8 are fine */
	expect_problem("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", NULL, TOO_SHORT);
	expect_problem("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", NULL,
		       NULL);

	static const struct {
		const char *unit;
		int count;
		const char *want;
	} cases[] = {
		{"Ab3-", 32, NULL},		/* 128 ASCII */
		{"Ab3-", 33, TOO_LONG},		/* 132 */
		{"Ab3-x", 25, NULL},		/* 125 */
		{"\xc3\xa9", 128, NULL},	/* 128 characters, 256 bytes */
		{"\xc3\xa9", 129, TOO_LONG},
		{"\xe2\x82\xac", 128, NULL},	/* 3 bytes each */
		{"\xf0\x9f\x98\x80", 128, NULL},	/* 4 bytes each: 512 bytes */
		{"\xf0\x9f\x98\x80", 129, TOO_LONG},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *pw = repeat(cases[i].unit, cases[i].count);
		expect_problem(pw, NULL, cases[i].want);
		free(pw);
	}
	char *pw = repeat("a", 128);
	pw[127] = 'B';
	expect_problem(pw, NULL, NULL);
	free(pw);
	pw = repeat("a", 129);
	expect_problem(pw, NULL, TOO_LONG);
	free(pw);
}

static void test_password_characters(void **state)
{
	(void)state;
	expect_problem("abcdefg\xff", NULL, BAD_CHARS);		/* invalid UTF-8 */
	expect_problem("abcdefgh\xc3", NULL, BAD_CHARS);	/* cut sequence */
	expect_problem("abc\x01" "defgh", NULL, BAD_CHARS);	/* control character */
	expect_problem("abcd\nefgh", NULL, BAD_CHARS);
	expect_problem("abc\xc0\xafzzzz", NULL, BAD_CHARS);	/* overlong */
	expect_problem("correct horse\tbattery", NULL, NULL);	/* blanks are fine */
}

static void test_password_common(void **state)
{
	(void)state;
	static const char *const common[] = {
		"password", "PASSWORD", "PassWord1", "12345678", "baseball", "iloveyou",
		"Sunshine", "winniethepooh",
	};
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		expect_problem(common[i], NULL, COMMON);
	/* close to a common one is not common */
	expect_problem("password!", NULL, NULL);
	expect_problem("xpassword", NULL, NULL);
	/* the list's comment lines are not passwords */
	expect_problem("#!comment: This list has been compiled by Solar Designer of Openwall Project",
		       NULL, NULL);
}

static void test_password_username(void **state)
{
	(void)state;
	expect_problem("ann.example", "ann.example", SAME_AS_USER);
	expect_problem("Ann.Example", "ann.example", SAME_AS_USER);
	expect_problem("ann.example2", "ann.example", NULL);
	expect_problem("ann.example", "ann", NULL);
	expect_problem("ann.example", NULL, NULL);
	expect_problem("ann.example", "", NULL);
}

static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";

static void test_password_generate(void **state)
{
	(void)state;
	char seen[256] = {0};
	char prev[24] = "";
	for (int n = 0; n < 300; n++) {
		char pw[24];
		memset(pw, 'Z', sizeof(pw));
		password_generate(pw);
		assert_int_equal(strlen(pw), 23);
		for (int i = 0; i < 23; i++) {
			if (i % 6 == 5) {
				assert_int_equal(pw[i], '-');
				continue;
			}
			if (!strchr(alphabet, pw[i]))
				fail_msg("\"%s\": '%c' is not in the alphabet", pw, pw[i]);
			seen[(unsigned char)pw[i]] = 1;
		}
		assert_string_not_equal(pw, prev);
		assert_null(password_problem(pw, NULL));
		memcpy(prev, pw, sizeof(pw));
	}
	/* 6000 symbols: every one of the 31 shows up (missing one has a
	 * chance of about 1e-84) */
	for (const char *a = alphabet; *a; a++)
		if (!seen[(unsigned char)*a])
			fail_msg("'%c' never generated", *a);
}

static void test_hash_round_trip(void **state)
{
	(void)state;
	char h1[256], h2[256];
	const char *pw = "correct horse battery staple";
	assert_int_equal(password_hash(pw, h1, sizeof(h1)), 0);
	assert_true(strncmp(h1, "$argon2id$v=19$m=19456,t=2,p=1$", 31) == 0);
	assert_true(password_verify(h1, pw));
	assert_false(password_verify(h1, "correct horse battery stapl"));
	assert_false(password_verify(h1, "Correct horse battery staple"));
	assert_false(password_verify(h1, ""));
	/* a new salt each time */
	assert_int_equal(password_hash(pw, h2, sizeof(h2)), 0);
	assert_string_not_equal(h1, h2);
	assert_true(password_verify(h2, pw));
	/* not argon2id, or no hash: refused */
	assert_false(password_verify(NULL, pw));
	assert_false(password_verify("", pw));
	assert_false(password_verify("$2y$10$abcdefghijklmnopqrstuu5Zb7nQy0l6b2p8iB4Cq7s1yYV5Iuy", pw));
	char argon2i[256];
	snprintf(argon2i, sizeof(argon2i), "$argon2i$%s", h1 + strlen("$argon2id$"));
	assert_false(password_verify(argon2i, pw));
	/* a short output buffer is refused */
	char small[16];
	assert_int_equal(password_hash(pw, small, sizeof(small)), -1);
	/* UTF-8 passwords */
	assert_int_equal(password_hash("p\xc3\xa4ssw\xc3\xb6rd", h2, sizeof(h2)), 0);
	assert_true(password_verify(h2, "p\xc3\xa4ssw\xc3\xb6rd"));
	assert_false(password_verify(h2, "passwrd"));

	/* the cost is current */
	assert_false(password_needs_rehash(h1));
	/* after raising it, old hashes need a rehash but still verify */
	assert_int_equal(init_with(20480), 0);
	assert_true(password_needs_rehash(h1));
	assert_true(password_verify(h1, pw));
	assert_int_equal(password_hash(pw, h2, sizeof(h2)), 0);
	assert_true(strncmp(h2, "$argon2id$v=19$m=20480,t=2,p=1$", 31) == 0);
	assert_false(password_needs_rehash(h2));
	assert_int_equal(init_with(19456), 0);
	assert_false(password_needs_rehash(h1));
	assert_true(password_needs_rehash(h2)); /* a different cost either way */
}

static void test_auth_init_missing_list(void **state)
{
	(void)state;
	struct auth_params p = {.argon2_memory_kib = 19456, .argon2_passes = 2};
	char err[512];
	assert_int_equal(auth_init(&p, "/nonexistent/common.txt", err, sizeof(err)), -1);
	assert_string_equal(err, "/nonexistent/common.txt: cannot open the common-password list: "
				 "No such file or directory");
	assert_int_equal(init_with(19456), 0);
	expect_problem("password", NULL, COMMON);
}

static bool base64url_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

static void test_tokens(void **state)
{
	(void)state;
	char t1[TOKEN_LEN + 1], t2[TOKEN_LEN + 1];
	memset(t1, 'Z', sizeof(t1));
	token_new(t1);
	token_new(t2);
	assert_int_equal(strlen(t1), TOKEN_LEN);
	assert_int_equal(strlen(t2), TOKEN_LEN);
	assert_string_not_equal(t1, t2);
	for (int i = 0; i < TOKEN_LEN; i++) {
		if (!base64url_char(t1[i]) || !base64url_char(t2[i]))
			fail_msg("\"%s\" / \"%s\": not base64url at %d", t1, t2, i);
	}
	/* 32 random bytes: the last of 43 symbols carries 4 bits, its low
	 * two bits zero, so it is one of "AEIMQUYcgkosw048" */
	assert_non_null(strchr("AEIMQUYcgkosw048", t1[TOKEN_LEN - 1]));

	char h[TOKEN_HASH_LEN + 1];
	token_hash("abc", h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	token_hash("", h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_auth_equal(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b;
		bool equal;
	} cases[] = {
		{"abc", "abc", true},	 {"", "", true},	{"abc", "abd", false},
		{"abc", "ab", false},	 {"ab", "abc", false},	{"abc", "", false},
		{"", "abc", false},	 {"abc", "ABC", false}, {"abc", NULL, false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (auth_equal(cases[i].a, cases[i].b) != cases[i].equal)
			fail_msg("auth_equal(\"%s\", %s%s%s) should be %d", cases[i].a,
				 cases[i].b ? "\"" : "", cases[i].b ? cases[i].b : "NULL",
				 cases[i].b ? "\"" : "", cases[i].equal);
	char tok[TOKEN_LEN + 1], copy[TOKEN_LEN + 1];
	token_new(tok);
	memcpy(copy, tok, sizeof(tok));
	assert_true(auth_equal(tok, copy));
	copy[TOKEN_LEN - 1] ^= 1;
	assert_false(auth_equal(tok, copy));
}

static void test_username_valid(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		bool valid;
	} cases[] = {
		{"abc", true},
		{"ab", false},
		{"", false},
		{"a.b_c-d@e+f", true},
		{"1ab", true},
		{"ann.example@school.org", true},
		{".abc", false},
		{"_abc", false},
		{"-abc", false},
		{"@abc", false},
		{"+abc", false},
		{"Abc", false},
		{"abC", false},
		{"ab c", false},
		{"abc ", false},
		{"ab\tc", false},
		{"ab/c", false},
		{"ab:c", false},
		{"ab\xc3\xa7", false},
		{"ab;c", false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (username_valid(cases[i].name) != cases[i].valid)
			fail_msg("username_valid(\"%s\") should be %d", cases[i].name, cases[i].valid);

	char *name = repeat("a", USERNAME_MAX);
	assert_true(username_valid(name));
	free(name);
	name = repeat("a", USERNAME_MAX + 1);
	assert_false(username_valid(name));
	free(name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_length),
		cmocka_unit_test(test_password_characters),
		cmocka_unit_test(test_password_common),
		cmocka_unit_test(test_password_username),
		cmocka_unit_test(test_password_generate),
		cmocka_unit_test(test_hash_round_trip),
		cmocka_unit_test(test_auth_init_missing_list),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_auth_equal),
		cmocka_unit_test(test_username_valid),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
