/*
 * test_translate.c: translate/translate.h without a database: a language
 * as a coordinator types it (code, names, direction, plural rule); the
 * checks on save (placeholders, markup, empty text, plural forms, long
 * headings and buttons, glossary terms whatever their case); the
 * translation memory (exact and fuzzy matches, their similarity and
 * order, nothing below the threshold).
 */
#include "unit.h"

#include "translate/translate.h"

#define NPLURAL2 "nplurals=2; plural=(n != 1);"

static const char *lang_check(const char *code, const char *name, const char *english,
			      const char *dir, const char *pf)
{
	int np = 0;
	return tr_language_check(code, name, english, dir, pf, &np);
}

static void test_language_check(void **state)
{
	(void)state;
	int np = 0;
	assert_null(tr_language_check("sw", "Kiswahili", "Swahili", "ltr", NPLURAL2, &np));
	assert_int_equal(np, 2);
	assert_null(tr_language_check("ar", "العربية", "Arabic", "rtl",
				      "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
				      "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
				      &np));
	assert_int_equal(np, 6);
	assert_null(lang_check("pt-BR", "Português", "Portuguese", "ltr", "nplurals=2; plural=(n > 1);"));
	assert_null(lang_check("nep", "नेपाली", "Nepali", "ltr", NPLURAL2));
	assert_null(lang_check("zh-Hant", "中文", "Chinese", "ltr", "nplurals=1; plural=0;"));
	/* codes */
	assert_non_null(lang_check("s w", "Kiswahili", "Swahili", "ltr", NPLURAL2));
	assert_non_null(lang_check("SW", "Kiswahili", "Swahili", "ltr", NPLURAL2));
	assert_non_null(lang_check("s", "Kiswahili", "Swahili", "ltr", NPLURAL2));
	assert_non_null(lang_check("swah", "Kiswahili", "Swahili", "ltr", NPLURAL2));
	assert_non_null(lang_check("pt-", "Português", "Portuguese", "ltr", NPLURAL2));
	assert_non_null(lang_check("pt-B_", "Português", "Portuguese", "ltr", NPLURAL2));
	assert_non_null(lang_check(NULL, "Kiswahili", "Swahili", "ltr", NPLURAL2));
	/* names and direction */
	assert_non_null(lang_check("sw", "", "Swahili", "ltr", NPLURAL2));
	assert_non_null(lang_check("sw", "Kiswahili", NULL, "ltr", NPLURAL2));
	assert_non_null(lang_check("sw", "Kiswa\nhili", "Swahili", "ltr", NPLURAL2));
	assert_non_null(lang_check("sw", "Kiswahili", "Swahili", "up", NPLURAL2));
	/* plural rules */
	assert_non_null(lang_check("sw", "Kiswahili", "Swahili", "ltr", "nplurals=many"));
	assert_non_null(lang_check("sw", "Kiswahili", "Swahili", "ltr", "nplurals=2;"));
	assert_non_null(lang_check("sw", "Kiswahili", "Swahili", "ltr", "nplurals=0; plural=0;"));
	assert_non_null(lang_check("sw", "Kiswahili", "Swahili", "ltr", "nplurals=7; plural=n;"));
	assert_non_null(lang_check("sw", "Kiswahili", "Swahili", "ltr",
				   "nplurals=2; plural=(n != 1;"));
	assert_non_null(lang_check("sw", "Kiswahili", "Swahili", "ltr",
				   "nplurals=2; plural=system(n);"));
	assert_int_equal(tr_nplurals("nplurals=3; plural=(n%10==1 ? 0 : 1);"), 3);
	assert_int_equal(tr_nplurals("plural=1"), -1);
}

/* The issues' message forms, joined by "|". */
static const char *issues(const char *source, const char *text, enum tr_kind kind,
			  const struct tr_glossary_term *g, int ng, bool *block)
{
	static char out[2048];
	struct tr_issue is[TR_MAX_ISSUES];
	const char *forms[1] = {text};
	int n = tr_check(source, NULL, forms, 1, 1, kind, g, ng, is, TR_MAX_ISSUES);
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s%s%s", i ? "|" : "",
					is[i].msgid, is[i].detail[0] ? "=" : "", is[i].detail);
	if (block)
		*block = tr_issues_block(is, n);
	return out;
}

static void test_checks(void **state)
{
	(void)state;
	bool block;
	assert_string_equal(issues("Call {helpline} now.", "Piga {helpline} sasa.", TR_TEXT, NULL, 0,
				   &block),
			    "");
	assert_false(block);
	assert_string_equal(issues("Call {helpline} now.", "Piga simu sasa.", TR_TEXT, NULL, 0, &block),
			    "The placeholder {detail} of the source is missing.={helpline}");
	assert_true(block);
	assert_string_equal(issues("Call {helpline}.", "Piga {helpline} {boss}.", TR_TEXT, NULL, 0,
				   &block),
			    "The placeholder {detail} is not in the source.={boss}");
	assert_true(block);
	assert_string_equal(issues("%d units", "vitengo", TR_TEXT, NULL, 0, &block),
			    "The placeholder {detail} of the source is missing.=%d");
	/* a percentage in French typography is not a conversion */
	assert_string_equal(issues("about 85% of the world's children",
				   "environ 85 % des enfants du monde", TR_TEXT, NULL, 0, &block),
			    "");
	assert_string_equal(issues("Read <b>this</b> first.", "Soma hii kwanza.", TR_TEXT, NULL, 0,
				   &block),
			    "The markup {detail} of the source is missing.=<b>");
	assert_true(block);
	assert_string_equal(issues("Read this.", "Soma <i>hii</i>.", TR_TEXT, NULL, 0, &block),
			    "The markup {detail} is not in the source.=<i>");
	assert_string_equal(issues("Read this.", " \n ", TR_TEXT, NULL, 0, &block),
			    "The translation is empty.");
	assert_true(block);
	/* warnings: saved all the same */
	assert_string_equal(issues("Save", "Hifadhi mabadiliko yote sasa hivi", TR_BUTTON, NULL, 0,
				   &block),
			    "This button's text is much longer than the source's ({detail} "
			    "characters): it may not fit.=33 / 4");
	assert_false(block);
	assert_string_equal(issues("Save", "Hifadhi", TR_BUTTON, NULL, 0, &block), "");
	assert_string_equal(issues("Your rights", "Haki zako ni muhimu sana kila siku na kila mahali",
				   TR_HEADING, NULL, 0, &block),
			    "This heading is much longer than the source's ({detail} characters).="
			    "49 / 11");
	assert_false(block);
	/* the glossary: a term of the source whose translation is missing,
	 * whatever the case of either, also where a word starts with it
	 * ("reporting"), not inside a word ("misreport") */
	struct tr_glossary_term g[] = {{"internet", "mtandao"}, {"report", "ripoti"}};
	assert_string_equal(issues("The Internet is big.", "Intaneti ni kubwa.", TR_TEXT, g, 2, &block),
			    "The glossary says: {detail}.=internet → mtandao");
	assert_false(block);
	assert_string_equal(issues("The Internet is big.", "Mtandao ni mkubwa.", TR_TEXT, g, 2, &block),
			    "");
	assert_string_equal(issues("Reporting helps.", "Inasaidia.", TR_TEXT, g, 2, &block),
			    "The glossary says: {detail}.=report → ripoti");
	assert_string_equal(issues("Reporting helps.", "Kuripoti kunasaidia.", TR_TEXT, g, 2, &block),
			    "");
	assert_string_equal(issues("It was misreported.", "Kitu kingine.", TR_TEXT, g, 2, &block), "");
	/* plural forms: every one there */
	struct tr_issue is[TR_MAX_ISSUES];
	const char *two[2] = {"{n} kitengo", ""};
	int n = tr_check("{n} unit", NULL, two, 2, 2, TR_TEXT, NULL, 0, is, TR_MAX_ISSUES);
	assert_int_equal(n, 1);
	assert_string_equal(is[0].msgid, "Plural form {detail} is empty.");
	assert_string_equal(is[0].detail, "2");
	const char *one[1] = {"{n} kitengo"};
	n = tr_check("{n} unit", NULL, one, 1, 3, TR_TEXT, NULL, 0, is, TR_MAX_ISSUES);
	assert_int_equal(n, 0); /* a unit with one form: not a plural entry */
	const char *short_forms[2] = {"{n} kitengo", "{n} vitengo"};
	n = tr_check("{n} unit", NULL, short_forms, 2, 3, TR_TEXT, NULL, 0, is, TR_MAX_ISSUES);
	assert_int_equal(n, 1);
	assert_string_equal(is[0].msgid, "A plural form is missing: every one must be translated.");
	/* with the English plural: form 0 answers the singular, the others
	 * the plural; a single form (one plural form) answers the plural */
	const char *items[2] = {"Kitu kimoja", "Vitu {count}"};
	n = tr_check("One item", "{count} items", items, 2, 2, TR_TEXT, NULL, 0, is, TR_MAX_ISSUES);
	assert_int_equal(n, 0);
	const char *wrong[2] = {"Vitu {count}", "Vitu vingi"};
	n = tr_check("One item", "{count} items", wrong, 2, 2, TR_TEXT, NULL, 0, is, TR_MAX_ISSUES);
	assert_int_equal(n, 2);
	assert_string_equal(is[0].msgid, "The placeholder {detail} is not in the source.");
	assert_string_equal(is[1].msgid, "The placeholder {detail} of the source is missing.");
	const char *only[1] = {"{count} 件"};
	n = tr_check("One item", "{count} items", only, 1, 1, TR_TEXT, NULL, 0, is, TR_MAX_ISSUES);
	assert_int_equal(n, 0);
}

static void test_memory(void **state)
{
	(void)state;
	assert_int_equal(tmem_similarity("Tell an adult you trust.", "Tell an adult you trust."), 100);
	int s = tmem_similarity("Guidelines for children", "Guidelines for industry");
	assert_true(s > 50 && s < 100);
	assert_true(tmem_similarity("Block and report", "Nothing alike here at all") < 30);

	struct tmem *tm = tmem_new();
	tmem_add(tm, "Tell an adult you trust.", "Mwambie mtu mzima unayemwamini.");
	tmem_add(tm, "Tell a teacher you trust.", "Mwambie mwalimu unayemwamini.");
	tmem_add(tm, "Block and report the account.", "Zuia na uripoti akaunti.");
	char filler[64];
	for (int i = 0; i < 500; i++) {
		snprintf(filler, sizeof(filler), "Unrelated sentence number %d about weather.", i);
		tmem_add(tm, filler, "x");
	}
	assert_int_equal(tmem_size(tm), 503);
	struct tm_match m[5];
	/* exact first, at 100%, then the fuzzy one below it */
	int n = tmem_lookup(tm, "Tell an adult you trust.", 50, m, 5);
	assert_true(n >= 2);
	assert_int_equal(m[0].similarity, 100);
	assert_string_equal(m[0].text, "Mwambie mtu mzima unayemwamini.");
	assert_string_equal(m[1].source, "Tell a teacher you trust.");
	assert_true(m[1].similarity >= 50 && m[1].similarity < 100);
	/* fuzzy only */
	n = tmem_lookup(tm, "Block and report the profile.", 50, m, 5);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].text, "Zuia na uripoti akaunti.");
	assert_true(m[0].similarity >= 70 && m[0].similarity < 100);
	/* nothing at or above the threshold */
	assert_int_equal(tmem_lookup(tm, "Keep your password secret.", 50, m, 5), 0);
	/* case and punctuation do not hide an exact match */
	n = tmem_lookup(tm, "tell an adult you trust", 50, m, 5);
	assert_true(n >= 1);
	assert_string_equal(m[0].text, "Mwambie mtu mzima unayemwamini.");
	tmem_free(tm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_language_check),
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
