/*
 * test_form.c: http/form.h, the decoders of request data.  form_parse
 * (urlencoded bodies and query strings: '+', %-escapes, empty pairs,
 * names without '=', strict refusal of bad escapes, control characters
 * and invalid UTF-8, the field limit), form_get/form_count, url_decode,
 * and cookie_parse (blanks, quotes, duplicates, invalid pairs skipped).
 */
#include "unit.h"

#include "core/arena.h"
#include "http/form.h"

#define MAX_PAIRS 4

struct form_case {
	const char *in;
	int rc;		/* 0 or -1 */
	int count;
	const char *pairs[MAX_PAIRS][2];
};

static const struct form_case form_cases[] = {
	{"", 0, 0, {{0}}},
	{"a=1&b=2", 0, 2, {{"a", "1"}, {"b", "2"}}},
	{"q=hello+world", 0, 1, {{"q", "hello world"}}},
	{"q=a%2Bb", 0, 1, {{"q", "a+b"}}},		/* an escaped '+' stays a plus */
	{"first+name=J", 0, 1, {{"first name", "J"}}}, /* '+' in a name too */
	{"n%61me=v%C3%A9", 0, 1, {{"name", "v\xc3\xa9"}}},
	{"x=%4a%4A", 0, 1, {{"x", "JJ"}}},		/* both hex cases */
	{"a=1&&b=2", 0, 2, {{"a", "1"}, {"b", "2"}}},
	{"&a=1&", 0, 1, {{"a", "1"}}},
	{"&&&", 0, 0, {{0}}},
	{"flag", 0, 1, {{"flag", ""}}},
	{"flag&b=2", 0, 2, {{"flag", ""}, {"b", "2"}}},
	{"a=", 0, 1, {{"a", ""}}},
	{"a==b", 0, 1, {{"a", "=b"}}},
	{"a=1%262", 0, 1, {{"a", "1&2"}}},		/* escaped '&' does not split */
	{"t=line1%0D%0Aline2", 0, 1, {{"t", "line1\r\nline2"}}}, /* a textarea */
	{"t=a%09b", 0, 1, {{"t", "a\tb"}}},
	{"e=%F0%9F%98%80", 0, 1, {{"e", "\xf0\x9f\x98\x80"}}}, /* 4-byte UTF-8 */
	/* malformed: the whole input is refused */
	{"=v", -1, 0, {{0}}},		/* empty name */
	{"a=%zz", -1, 0, {{0}}},
	{"a=%4", -1, 0, {{0}}},
	{"a=%", -1, 0, {{0}}},
	{"a=%g1", -1, 0, {{0}}},
	{"a=%1g", -1, 0, {{0}}},
	{"%zz=1", -1, 0, {{0}}},
	{"ok=1&bad=%4", -1, 0, {{0}}},	/* nothing is half-decoded */
	{"a=%00", -1, 0, {{0}}},
	{"a%00=1", -1, 0, {{0}}},
	{"a%01=1", -1, 0, {{0}}},		/* control character in a name */
	{"a=%01", -1, 0, {{0}}},		/* and in a value */
	{"a=%1B", -1, 0, {{0}}},
	{"a=%7F", -1, 0, {{0}}},
	{"a\x01=1", -1, 0, {{0}}},		/* raw control character */
	{"a%0A=1", -1, 0, {{0}}},		/* newline in a name */
	{"a%0D=1", -1, 0, {{0}}},
	{"a=%C3%28", -1, 0, {{0}}},		/* invalid continuation byte */
	{"a=%C3", -1, 0, {{0}}},		/* truncated sequence */
	{"a=%C0%AF", -1, 0, {{0}}},		/* overlong '/' */
	{"a=%E0%80%AF", -1, 0, {{0}}},	/* overlong, 3 bytes */
	{"a=%F0%80%80%AF", -1, 0, {{0}}},	/* overlong, 4 bytes */
	{"a=%ED%A0%80", -1, 0, {{0}}},	/* UTF-16 surrogate */
	{"a=%F4%90%80%80", -1, 0, {{0}}},	/* above U+10FFFF */
	{"a=%FF", -1, 0, {{0}}},
	{"a=\xff", -1, 0, {{0}}},		/* raw invalid byte */
	{"%C3%28=1", -1, 0, {{0}}},		/* invalid UTF-8 in a name */
};

static void test_form_parse_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(form_cases) / sizeof(form_cases[0]); i++) {
		const struct form_case *c = &form_cases[i];
		struct arena a;
		struct form f = {(struct form_field *)1, 99};
		arena_init(&a);
		int rc = form_parse(&a, c->in, strlen(c->in), &f);
		if (rc != c->rc)
			fail_msg("form_parse(\"%s\") = %d, expected %d", c->in, rc, c->rc);
		if (f.count != c->count)
			fail_msg("form_parse(\"%s\"): %d fields, expected %d", c->in, f.count,
				 c->count);
		if (c->count == 0)
			assert_null(f.fields);
		for (int k = 0; k < c->count; k++) {
			assert_string_equal(f.fields[k].name, c->pairs[k][0]);
			assert_string_equal(f.fields[k].value, c->pairs[k][1]);
		}
		arena_free(&a);
	}
}

/* Only len bytes are read: the input need not be NUL-terminated. */
static void test_form_parse_length(void **state)
{
	(void)state;
	struct arena a;
	struct form f;
	arena_init(&a);
	assert_int_equal(form_parse(&a, "a=1&b=2&c=3", 7, &f), 0);
	assert_int_equal(f.count, 2);
	assert_string_equal(form_get(&f, "b"), "2");
	assert_null(form_get(&f, "c"));
	/* an escape cut by the length is malformed, not read past */
	assert_int_equal(form_parse(&a, "a=%41", 4, &f), -1);
	assert_int_equal(f.count, 0);
	/* a NUL inside the data is refused, not taken as the end */
	assert_int_equal(form_parse(&a, "a=1\0b=2", 7, &f), -1);
	arena_free(&a);
}

static void test_form_get_count(void **state)
{
	(void)state;
	struct arena a;
	struct form f;
	const char *in = "tag=x&tag=y&name=Ann&Tag=z&tag=";
	arena_init(&a);
	assert_int_equal(form_parse(&a, in, strlen(in), &f), 0);
	assert_int_equal(f.count, 5);
	assert_string_equal(form_get(&f, "tag"), "x"); /* the first value */
	assert_int_equal(form_count(&f, "tag"), 3);
	assert_int_equal(form_count(&f, "Tag"), 1);   /* names are case-sensitive */
	assert_string_equal(form_get(&f, "Tag"), "z");
	assert_string_equal(form_get(&f, "name"), "Ann");
	assert_null(form_get(&f, "nam"));
	assert_null(form_get(&f, "missing"));
	assert_int_equal(form_count(&f, "missing"), 0);

	struct form empty = {NULL, 0};
	assert_null(form_get(&empty, "tag"));
	assert_int_equal(form_count(&empty, "tag"), 0);
	arena_free(&a);
}

/* Builds "f0=0&f1=1&...": n fields. */
static char *many_fields(int n, const char *extra)
{
	size_t cap = (size_t)n * 16 + 64;
	char *s = malloc(cap);
	size_t len = 0;
	s[0] = '\0';
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap - len, "%sf%d=%d", i ? "&" : "", i, i);
	snprintf(s + len, cap - len, "%s", extra);
	return s;
}

static void test_form_max_fields(void **state)
{
	(void)state;
	struct arena a;
	struct form f;
	arena_init(&a);

	char *s = many_fields(FORM_MAX_FIELDS, "&&");
	assert_int_equal(form_parse(&a, s, strlen(s), &f), 0);
	assert_int_equal(f.count, FORM_MAX_FIELDS);
	assert_string_equal(form_get(&f, "f0"), "0");
	assert_string_equal(form_get(&f, "f255"), "255");
	assert_string_equal(f.fields[FORM_MAX_FIELDS - 1].name, "f255");
	free(s);

	s = many_fields(FORM_MAX_FIELDS + 1, "");
	assert_int_equal(form_parse(&a, s, strlen(s), &f), -1);
	assert_int_equal(f.count, 0);
	free(s);

	/* the limit counts fields, not '&' */
	s = many_fields(FORM_MAX_FIELDS, "&x");
	assert_int_equal(form_parse(&a, s, strlen(s), &f), -1);
	free(s);
	arena_free(&a);
}

/* ---- url_decode ---------------------------------------------------------- */

static const struct {
	const char *in;
	bool plus;
	long len;	/* -1: refused */
	const char *out;
} url_cases[] = {
	{"", true, 0, ""},
	{"abc", true, 3, "abc"},
	{"a+b", true, 3, "a b"},
	{"a+b", false, 3, "a+b"},
	{"%41%62c", true, 3, "Abc"},
	{"%2B", true, 1, "+"},
	{"%2b+%2B", false, 3, "+++"},
	{"%e2%82%AC", true, 3, "\xe2\x82\xac"},
	{"100%25", true, 4, "100%"},
	{"%", true, -1, NULL},
	{"%4", true, -1, NULL},
	{"100%", true, -1, NULL},
	{"%g0", true, -1, NULL},
	{"%0g", true, -1, NULL},
	{"%%41", true, -1, NULL},
	{"% 41", true, -1, NULL},
};

static void test_url_decode_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(url_cases) / sizeof(url_cases[0]); i++) {
		char s[64];
		snprintf(s, sizeof(s), "%s", url_cases[i].in);
		long n = url_decode(s, strlen(s), url_cases[i].plus);
		if (n != url_cases[i].len)
			fail_msg("url_decode(\"%s\") = %ld, expected %ld", url_cases[i].in, n,
				 url_cases[i].len);
		if (n >= 0)
			assert_string_equal(s, url_cases[i].out);
	}
}

static void test_url_decode_nul_and_length(void **state)
{
	(void)state;
	char s[16] = "a%00b";
	/* url_decode itself keeps a NUL byte; form_parse refuses it later */
	assert_int_equal(url_decode(s, 5, true), 3);
	assert_memory_equal(s, "a\0b", 4);

	/* only len bytes count: "%41" cut to "%4" is a bad escape even
	 * though a hex digit follows in memory */
	char t[16] = "%41";
	assert_int_equal(url_decode(t, 2, true), -1);
	char u[16] = "%41%42";
	assert_int_equal(url_decode(u, 3, true), 1);
	assert_string_equal(u, "A");
}

/* ---- cookie_parse -------------------------------------------------------- */

struct cookie_case {
	const char *in;
	int count;
	const char *pairs[MAX_PAIRS][2];
};

static const struct cookie_case cookie_cases[] = {
	{"", 0, {{0}}},
	{"a=1", 1, {{"a", "1"}}},
	{"a=1; b=2", 2, {{"a", "1"}, {"b", "2"}}},
	{"a=1;b=2", 2, {{"a", "1"}, {"b", "2"}}},
	{"  a = 1 ;\tb=2  ", 2, {{"a", "1"}, {"b", "2"}}},
	{"a=1;;; ;b=2;", 2, {{"a", "1"}, {"b", "2"}}},
	{"sid=\"abc\"", 1, {{"sid", "abc"}}},
	{"sid=\"\"", 1, {{"sid", ""}}},
	{"a=", 1, {{"a", ""}}},
	{"a=1; a=2", 1, {{"a", "1"}}},		/* first wins */
	{"a=x y; a=2", 1, {{"a", "2"}}},	/* an invalid first one does not count */
	{"A=1; a=2", 2, {{"A", "1"}, {"a", "2"}}},
	{"lang=fr; sid=t0k-en_~.", 2, {{"lang", "fr"}, {"sid", "t0k-en_~."}}},
	/* skipped: no '=' */
	{"noequals; b=2", 1, {{"b", "2"}}},
	{"noequals", 0, {{0}}},
	/* skipped: invalid name */
	{"=1; b=2", 1, {{"b", "2"}}},
	{"bad name=1; ok=2", 1, {{"ok", "2"}}},
	{"a(b=1; c=2", 1, {{"c", "2"}}},
	{"a/b=1", 0, {{0}}},
	{"n\xc3\xa9=1; c=2", 1, {{"c", "2"}}},
	/* skipped: invalid value */
	{"a=x y; b=2", 1, {{"b", "2"}}},
	{"a=1,2; b=3", 1, {{"b", "3"}}},
	{"a=\"x; b=2", 1, {{"b", "2"}}},
	{"a=\"; b=2", 1, {{"b", "2"}}},
	{"a=x\\y; b=2", 1, {{"b", "2"}}},
	{"a=\xc3\xa9; b=2", 1, {{"b", "2"}}},
	{"a=\x01; b=2", 1, {{"b", "2"}}},
	{"a=\"x\"y\"; b=2", 1, {{"b", "2"}}},
};

static void test_cookie_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cookie_cases) / sizeof(cookie_cases[0]); i++) {
		const struct cookie_case *c = &cookie_cases[i];
		struct arena a;
		struct form f;
		arena_init(&a);
		int n = cookie_parse(&a, c->in, &f);
		if (n != c->count || f.count != c->count)
			fail_msg("cookie_parse(\"%s\") = %d (count %d), expected %d", c->in, n,
				 f.count, c->count);
		if (c->count == 0)
			assert_null(f.fields);
		for (int k = 0; k < c->count; k++) {
			assert_string_equal(f.fields[k].name, c->pairs[k][0]);
			assert_string_equal(f.fields[k].value, c->pairs[k][1]);
		}
		arena_free(&a);
	}
}

static void test_cookie_lookup(void **state)
{
	(void)state;
	struct arena a;
	struct form f;
	arena_init(&a);
	assert_int_equal(cookie_parse(&a, "sid=one; csrf=x; sid=two", &f), 2);
	assert_string_equal(form_get(&f, "sid"), "one");
	assert_int_equal(form_count(&f, "sid"), 1);
	assert_string_equal(form_get(&f, "csrf"), "x");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_parse_table),
		cmocka_unit_test(test_form_parse_length),
		cmocka_unit_test(test_form_get_count),
		cmocka_unit_test(test_form_max_fields),
		cmocka_unit_test(test_url_decode_table),
		cmocka_unit_test(test_url_decode_nul_and_length),
		cmocka_unit_test(test_cookie_table),
		cmocka_unit_test(test_cookie_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
