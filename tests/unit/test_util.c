/*
 * test_util.c: core/util.h: counting characters in UTF-8 (the limits
 * users see are in characters, not bytes), checking UTF-8 text,
 * bounded copies and whole-number parsing.
 */
#include "unit.h"

#include "core/util.h"

#include <string.h>

static void test_utf8_chars(void **state)
{
	(void)state;
	assert_int_equal(utf8_chars(""), 0);
	assert_int_equal(utf8_chars("Kenya"), 5);
	assert_int_equal(utf8_chars("\xd9\x83\xd9\x8a\xd9\x86\xd9\x8a\xd8\xa7"), 5); /* كينيا */
	assert_int_equal(utf8_chars("\xe8\x82\xaf\xe5\xb0\xbc\xe4\xba\x9a"), 3);     /* 肯尼亚 */
	assert_int_equal(utf8_chars("a\xf0\x9f\x99\x82" "b"), 3);                  /* a🙂b */
}

static void test_utf8_valid_text(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		bool newlines, ok;
	} cases[] = {
		{"plain", false, true},
		{"tab\there", false, true},
		{"two\nlines", false, false},
		{"two\nlines", true, true},
		{"bell\a", true, false},
		{"del\x7f", true, false},
		{"\xc3\xa9t\xc3\xa9", false, true},     /* été */
		{"\xc3", false, false},                 /* cut short */
		{"\xc0\xaf", false, false},             /* overlong */
		{"\xed\xa0\x80", false, false},         /* a surrogate */
		{"\xf4\x90\x80\x80", false, false},     /* past U+10FFFF */
		{"\xe2\x82", false, false},             /* cut short */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bool got = utf8_valid_text(cases[i].s, strlen(cases[i].s), cases[i].newlines);
		if (got != cases[i].ok)
			fail_msg("case %zu: got %d", i, got);
	}
}

static void test_str_copy(void **state)
{
	(void)state;
	char b[4];
	assert_true(str_copy(b, sizeof b, "abc"));
	assert_string_equal(b, "abc");
	assert_false(str_copy(b, sizeof b, "abcd"));
	assert_string_equal(b, "abc");
	assert_true(str_copy(b, sizeof b, ""));
	assert_string_equal(b, "");
}

static void test_parse_int64(void **state)
{
	(void)state;
	int64_t v = 0;
	assert_true(parse_int64("42", 0, 100, &v));
	assert_int_equal(v, 42);
	assert_true(parse_int64("-5", -10, 10, &v));
	assert_int_equal(v, -5);
	assert_false(parse_int64("101", 0, 100, &v));
	assert_false(parse_int64("4x", 0, 100, &v));
	assert_false(parse_int64("", 0, 100, &v));
	assert_false(parse_int64(" 4", 0, 100, &v));
	assert_false(parse_int64("99999999999999999999", 0, INT64_MAX, &v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_chars),
		cmocka_unit_test(test_utf8_valid_text),
		cmocka_unit_test(test_str_copy),
		cmocka_unit_test(test_parse_int64),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
