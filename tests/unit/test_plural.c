/*
 * test_plural.c: web/plural.h, the Plural-Forms expressions.  The real
 * rules of ar, ru, fr, es, zh and en (as in the po/ files) give the forms CLDR
 * and gettext give; operator precedence and associativity; division by
 * zero evaluates to 0; a result outside [0, nplurals) becomes 0; malformed
 * headers are refused with a reason.
 */
#include "unit.h"

#include "web/plural.h"

#include <limits.h>

static const unsigned long ns[] = {0,  1,  2,  3,   5,   10,  11,  12,  14,
				   21, 22, 25, 99, 100, 101, 102, 111, 1000};
#define NS (sizeof(ns) / sizeof(ns[0]))

static const struct {
	const char *lang;
	const char *header;
	int nplurals;
	int forms[NS];
} rules[] = {
	{"ar",
	 "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
	 "n%100>=11 ? 4 : 5);",
	 6,
	 /* 0  1  2  3  5 10 11 12 14 21 22 25 99 100 101 102 111 1000 */
	 {0, 1, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 4, 5}},
	{"ru",
	 "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
	 "n%100>=20) ? 1 : 2);",
	 3,
	 {2, 0, 1, 1, 2, 2, 2, 2, 2, 0, 1, 2, 2, 2, 0, 1, 2, 2}},
	{"fr", "nplurals=2; plural=(n > 1);", 2,
	 {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
	{"es", "nplurals=2; plural=(n != 1);", 2,
	 {1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
	{"en", "nplurals=2; plural=(n != 1);", 2,
	 {1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
	{"zh", "nplurals=1; plural=0;", 1,
	 {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
};

static void test_real_rules(void **state)
{
	(void)state;
	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		char err[256] = "";
		struct plural *p = plural_compile(rules[r].header, err, sizeof(err));
		if (!p)
			fail_msg("%s: %s", rules[r].lang, err);
		assert_int_equal(plural_count(p), rules[r].nplurals);
		for (size_t i = 0; i < NS; i++) {
			int k = plural_eval(p, ns[i]);
			if (k != rules[r].forms[i])
				fail_msg("%s: n=%lu gives form %d, expected %d", rules[r].lang, ns[i], k,
					 rules[r].forms[i]);
		}
		plural_free(p);
	}
}

static void test_arabic_and_russian_extra(void **state)
{
	(void)state;
	char err[256];
	struct plural *ar = plural_compile(rules[0].header, err, sizeof(err));
	struct plural *ru = plural_compile(rules[1].header, err, sizeof(err));
	assert_non_null(ar);
	assert_non_null(ru);
	assert_int_equal(plural_eval(ar, 103), 3);
	assert_int_equal(plural_eval(ar, 110), 3);
	assert_int_equal(plural_eval(ar, 199), 4);
	assert_int_equal(plural_eval(ar, 200), 5);
	assert_int_equal(plural_eval(ru, 1001), 0);
	assert_int_equal(plural_eval(ru, 1011), 2);
	assert_int_equal(plural_eval(ru, 1012), 2);
	assert_int_equal(plural_eval(ru, 1024), 1);
	assert_int_equal(plural_eval(ru, 1000000), 2);
	plural_free(ar);
	plural_free(ru);
}

/* The whole Plural-Forms header line, as it stands in a PO header. */
static void test_header_forms(void **state)
{
	(void)state;
	char err[256];
	struct plural *p =
		plural_compile("Plural-Forms: nplurals=2; plural=n != 1;\n", err, sizeof(err));
	assert_non_null(p);
	assert_int_equal(plural_eval(p, 1), 0);
	assert_int_equal(plural_eval(p, 7), 1);
	plural_free(p);
	/* plural= before nplurals=, no final ';' */
	p = plural_compile("plural=n==1 ? 0 : 1; nplurals=2", err, sizeof(err));
	assert_non_null(p);
	assert_int_equal(plural_count(p), 2);
	assert_int_equal(plural_eval(p, 1), 0);
	assert_int_equal(plural_eval(p, 2), 1);
	plural_free(p);
	/* blanks and newlines inside the expression */
	p = plural_compile("nplurals=3; plural=\n( n == 1\t) ? 0 : ( n == 2 ) ? 1 : 2 ;", err,
			   sizeof(err));
	assert_non_null(p);
	assert_int_equal(plural_eval(p, 1), 0);
	assert_int_equal(plural_eval(p, 2), 1);
	assert_int_equal(plural_eval(p, 3), 2);
	plural_free(p);
}

/* Operators: each expression evaluated at n, with nplurals=8. */
static const struct {
	const char *expr;
	unsigned long n;
	int want;
} exprs[] = {
	{"1+2*3", 0, 7},	/* * before + */
	{"(1+2)*2", 0, 6},
	{"10-2-3", 0, 5},	/* left to right */
	{"20/2/5", 0, 2},
	{"7%4", 0, 3},
	{"17%10%4", 0, 3},
	{"n*2", 3, 6},
	{"n<3", 2, 1},
	{"n<3", 3, 0},
	{"n<=3", 3, 1},
	{"n>3", 3, 0},
	{"n>=3", 3, 1},
	{"n==3", 3, 1},
	{"n!=3", 3, 0},
	{"2==2==1", 0, 1},	/* (2==2)==1 */
	{"1<2==1", 0, 1},	/* < before == */
	{"!n", 0, 1},
	{"!n", 5, 0},
	{"!!n", 5, 1},
	{"!(n-5)", 5, 1},
	{"1||0&&0", 0, 1},	/* && before || */
	{"0&&1||1", 0, 1},
	{"n==1 ? 0 : n==2 ? 1 : 2", 2, 1},	/* ?: to the right */
	{"n==1 ? 0 : n==2 ? 1 : 2", 9, 2},
	{"n ? n==1 ? 3 : 4 : 5", 1, 3},
	{"n ? n==1 ? 3 : 4 : 5", 2, 4},
	{"n ? n==1 ? 3 : 4 : 5", 0, 5},
	{"n/0", 9, 0},		/* division by zero: 0, no crash */
	{"n%0", 9, 0},
	{"n%0==0 ? 3 : 4", 9, 3},
	{"(n/(n-n)) + 2", 5, 2},
	{"n-2", 0, 0},		/* wraps around, then out of range: 0 */
	{"n", 7, 7},
	{"n", 8, 0},		/* out of range: 0 */
	{"1000000000", 0, 0},
};

static void test_operators(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(exprs) / sizeof(exprs[0]); i++) {
		char header[256], err[256] = "";
		snprintf(header, sizeof(header), "nplurals=8; plural=%s;", exprs[i].expr);
		struct plural *p = plural_compile(header, err, sizeof(err));
		if (!p)
			fail_msg("\"%s\" refused: %s", exprs[i].expr, err);
		int k = plural_eval(p, exprs[i].n);
		if (k != exprs[i].want)
			fail_msg("\"%s\" at n=%lu = %d, expected %d", exprs[i].expr, exprs[i].n, k,
				 exprs[i].want);
		plural_free(p);
	}
}

/* Whatever the rule and n, the form is within [0, nplurals). */
static void test_always_in_range(void **state)
{
	(void)state;
	static const char *const headers[] = {
		"nplurals=2; plural=n;",
		"nplurals=3; plural=n%7;",
		"nplurals=1; plural=n-1;",
		"nplurals=8; plural=n*n*n;",
		"nplurals=4; plural=n/0 + n%0 + 5;",
	};
	static const unsigned long big[] = {ULONG_MAX, ULONG_MAX - 1, (unsigned long)LONG_MAX,
					    4294967295UL, 4294967296UL};
	for (size_t h = 0; h < sizeof(headers) / sizeof(headers[0]); h++) {
		char err[256];
		struct plural *p = plural_compile(headers[h], err, sizeof(err));
		assert_non_null(p);
		int np = plural_count(p);
		for (unsigned long n = 0; n < 2000; n++) {
			int k = plural_eval(p, n);
			assert_true(k >= 0 && k < np);
		}
		for (size_t i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
			int k = plural_eval(p, big[i]);
			assert_true(k >= 0 && k < np);
		}
		plural_free(p);
	}
	/* and the out-of-range values become 0, not some other form */
	char err[256];
	struct plural *p = plural_compile("nplurals=3; plural=n;", err, sizeof(err));
	assert_int_equal(plural_eval(p, 2), 2);
	assert_int_equal(plural_eval(p, 3), 0);
	assert_int_equal(plural_eval(p, ULONG_MAX), 0);
	plural_free(p);
}

static const struct {
	const char *header;
	const char *err;
} malformed[] = {
	{"", "Plural-Forms needs nplurals= and plural="},
	{"plural=(n != 1);", "Plural-Forms needs nplurals= and plural="},
	{"nplurals=2;", "Plural-Forms needs nplurals= and plural="},
	{"nplurals=2; plurals=n;", "Plural-Forms needs nplurals= and plural="},
	{"nplurals=0; plural=0;", "nplurals must be 1 to 8"},
	{"nplurals=9; plural=0;", "nplurals must be 1 to 8"},
	{"nplurals=; plural=0;", "nplurals must be 1 to 8"},
	{"nplurals=x; plural=0;", "nplurals must be 1 to 8"},
	{"nplurals=100000000000000000000; plural=0;", "nplurals must be 1 to 8"},
	{"nplurals=2; plural=(n != 1;", "plural expression: missing )"},
	{"nplurals=2; plural=((n != 1);", "plural expression: missing )"},
	{"nplurals=2; plural=n != 1);", "plural expression: unexpected text after the expression"},
	{"nplurals=2; plural=n != 1 x;", "plural expression: unexpected text after the expression"},
	{"nplurals=2; plural=n = 1;", "plural expression: unexpected text after the expression"},
	{"nplurals=2; plural=n << 1;", "plural expression: unexpected text after the expression"},
	{"nplurals=2; plural=n 1;", "plural expression: unexpected text after the expression"},
	{"nplurals=2; plural=;", "plural expression: expected n, a number, ! or ("},
	{"nplurals=2; plural=", "plural expression: expected n, a number, ! or ("},
	{"nplurals=2; plural=n +;", "plural expression: expected n, a number, ! or ("},
	{"nplurals=2; plural=m;", "plural expression: expected n, a number, ! or ("},
	{"nplurals=2; plural=-1;", "plural expression: expected n, a number, ! or ("},
	{"nplurals=2; plural=n ? 1;", "plural expression: missing : after ?"},
	{"nplurals=2; plural=n ? 1 : ;", "plural expression: expected n, a number, ! or ("},
	{"nplurals=2; plural=99999999999;", "plural expression: number too large"},
};

static void test_malformed(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		char err[256] = "";
		struct plural *p = plural_compile(malformed[i].header, err, sizeof(err));
		if (p) {
			plural_free(p);
			fail_msg("\"%s\" compiled; expected \"%s\"", malformed[i].header,
				 malformed[i].err);
		}
		if (strcmp(err, malformed[i].err) != 0)
			fail_msg("\"%s\": \"%s\", expected \"%s\"", malformed[i].header, err,
				 malformed[i].err);
	}
}

/* Builds "nplurals=2; plural=" + prefix*count + middle + suffix*count. */
static char *nested(const char *prefix, const char *middle, const char *suffix, int count)
{
	size_t len = 32 + strlen(middle) + (strlen(prefix) + strlen(suffix)) * (size_t)count;
	char *s = malloc(len);
	size_t o = (size_t)snprintf(s, len, "nplurals=2; plural=");
	for (int i = 0; i < count; i++)
		o += (size_t)snprintf(s + o, len - o, "%s", prefix);
	o += (size_t)snprintf(s + o, len - o, "%s", middle);
	for (int i = 0; i < count; i++)
		o += (size_t)snprintf(s + o, len - o, "%s", suffix);
	return s;
}

static void test_deep_nesting(void **state)
{
	(void)state;
	char err[256];
	/* a few levels are fine */
	char *h = nested("(", "n", ")", 10);
	struct plural *p = plural_compile(h, err, sizeof(err));
	assert_non_null(p);
	assert_int_equal(plural_eval(p, 3), 0);
	plural_free(p);
	free(h);

	static const struct {
		const char *prefix, *middle, *suffix;
		int count;
	} deep[] = {
		{"(", "n", ")", 200},
		{"(", "n", "", 200},	/* unbalanced as well */
		{"!", "n", "", 200},
		{"n ? ", "1", " : 0", 200},
		{"(", "n", ")", 100000},
	};
	for (size_t i = 0; i < sizeof(deep) / sizeof(deep[0]); i++) {
		h = nested(deep[i].prefix, deep[i].middle, deep[i].suffix, deep[i].count);
		err[0] = '\0';
		p = plural_compile(h, err, sizeof(err));
		if (p) {
			plural_free(p);
			fail_msg("%d levels of \"%s\" compiled", deep[i].count, deep[i].prefix);
		}
		assert_string_equal(err, "plural expression: expression nested too deeply");
		free(h);
	}

	/* a long flat expression runs out of nodes, not of stack */
	h = nested("n+", "n", "", 400);
	p = plural_compile(h, err, sizeof(err));
	assert_null(p);
	assert_string_equal(err, "plural expression: expression too long");
	free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_rules),
		cmocka_unit_test(test_arabic_and_russian_extra),
		cmocka_unit_test(test_header_forms),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_always_in_range),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_deep_nesting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
