/*
 * test_i18n.c: web/i18n.h, the translation catalogs.  A small PO file
 * written to a temporary folder: the header (Plural-Forms, X-Native-Name,
 * X-Text-Direction), lookups, the fall-back to English for missing, empty
 * and fuzzy entries, refused entries counted as warnings (a {placeholder}
 * the source lacks, the wrong number of plural forms), load errors naming
 * file and line.  Then the real po/ folder: every language loads without
 * warnings, only Arabic is right-to-left, plural lookups; and
 * i18n_negotiate on Accept-Language headers.
 */
#include "unit.h"

#include "core/log.h"
#include "web/i18n.h"
#include "web/page.h"
#include "http/http.h"

#include <sys/stat.h>

static char tmpdir[64];

/* Files the tests may write into tmpdir, removed after each test. */
static const char *const files[] = {"tt.po", "ab.po", "en.po", "Bad.po", "x.po", "notes.txt"};

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/cophub-i18n-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	i18n_free();
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		unit_remove(tmpdir, files[i]);
	return rmdir(tmpdir);
}

static const char tt_po[] =
	"# A test catalog\n"
	"msgid \"\"\n"
	"msgstr \"\"\n"
	"\"Language: tt\\n\"\n"
	"\"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);\\n\"\n"
	"\"X-Native-Name: Test <lang>\\n\"\n"
	"\"X-Text-Direction: rtl\\n\"\n"
	"\n"
	"msgid \"Yes\"\n"
	"msgstr \"Ja\"\n"
	"\n"
	"msgid \"Empty\"\n"
	"msgstr \"\"\n"
	"\n"
	"#, fuzzy\n"
	"msgid \"Fuzzy\"\n"
	"msgstr \"Unsure\"\n"
	"\n"
	"msgid \"Hello, {name}\"\n"
	"msgstr \"Hallo, {name}!\"\n"
	"\n"
	"msgid \"Welcome\"\n"
	"msgstr \"Welcome, {secret}\"\n"	/* refused: warning 1 */
	"\n"
	"msgid \"Bye {a}\"\n"
	"msgstr \"Tschuess {b}\"\n"		/* refused: warning 2 */
	"\n"
	"msgid \"{n} file\"\n"
	"msgid_plural \"{n} files\"\n"
	"msgstr[0] \"{n} Datei\"\n"
	"msgstr[1] \"{n} Dateien (zwei)\"\n"
	"msgstr[2] \"{n} Dateien\"\n"
	"\n"
	"msgid \"{n} cat\"\n"
	"msgid_plural \"{n} cats\"\n"
	"msgstr[0] \"eine Katze\"\n"
	"msgstr[1] \"Katzen\"\n"		/* refused: 2 forms, not 3: warning 3 */
	"\n"
	"msgid \"{n} dog\"\n"
	"msgid_plural \"{n} dogs\"\n"
	"msgstr[0] \"{n} Hund\"\n"
	"msgstr[1] \"\"\n"			/* one form missing: English */
	"msgstr[2] \"{n} Hunde\"\n"
	"\n"
	"msgid \"One item\"\n"
	"msgid_plural \"{count} items\"\n"
	"msgstr[0] \"Ein Ding\"\n"
	"msgstr[1] \"{count} Dinge (2)\"\n"	/* {count} is in msgid_plural: fine */
	"msgstr[2] \"{count} Dinge\"\n"
	"\n"
	"msgctxt \"menu\"\n"
	"msgid \"Open\"\n"
	"msgstr \"Offen\"\n"			/* contexts are not used: ignored */
	"\n"
	"#~ msgid \"Old\"\n"
	"#~ msgstr \"Alt\"\n";

static const char ab_po[] = "msgid \"\"\n"
			    "msgstr \"\"\n"
			    "\"Plural-Forms: nplurals=1; plural=0;\\n\"\n"
			    "\"X-Native-Name: Abc\\n\"\n";

static void test_load_and_lookup(void **state)
{
	(void)state;
	char err[512] = "";
	int warnings = -1;
	unit_write_str(tmpdir, "tt.po", tt_po);
	unit_write_str(tmpdir, "ab.po", ab_po);
	/* skipped: English itself, names that are not language codes, other files */
	unit_write_str(tmpdir, "en.po", "garbage\n");
	unit_write_str(tmpdir, "Bad.po", "garbage\n");
	unit_write_str(tmpdir, "x.po", "garbage\n");
	unit_write_str(tmpdir, "notes.txt", "garbage\n");
	if (i18n_load(tmpdir, &warnings, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	assert_int_equal(warnings, 3);

	const struct catalog *const *list;
	assert_int_equal(i18n_catalogs(&list), 3);
	assert_string_equal(catalog_code(list[0]), "ab");
	assert_string_equal(catalog_code(list[1]), "en");
	assert_string_equal(catalog_code(list[2]), "tt");

	const struct catalog *tt = i18n_catalog("tt");
	const struct catalog *ab = i18n_catalog("ab");
	const struct catalog *en = i18n_catalog("en");
	assert_non_null(tt);
	assert_ptr_equal(tt, list[2]);
	assert_null(i18n_catalog("x"));
	assert_null(i18n_catalog("bad"));
	assert_null(i18n_catalog("TT"));
	assert_null(i18n_catalog(NULL));

	assert_string_equal(catalog_name(tt), "Test <lang>");
	assert_true(catalog_rtl(tt));
	assert_string_equal(catalog_name(ab), "Abc");
	assert_false(catalog_rtl(ab));
	assert_string_equal(catalog_name(en), "English");
	assert_false(catalog_rtl(en));
	assert_int_equal(catalog_percent(en), 100);
	/* 10 messages, 4 usable: Yes, Hello, {n} file, One item */
	assert_int_equal(catalog_percent(tt), 40);
	assert_int_equal(catalog_percent(ab), 0);

	static const struct {
		const char *msgid, *want;
	} singular[] = {
		{"Yes", "Ja"},
		{"Hello, {name}", "Hallo, {name}!"},
		{"Empty", "Empty"},
		{"Fuzzy", "Fuzzy"},
		{"Missing", "Missing"},
		{"Welcome", "Welcome"},
		{"Bye {a}", "Bye {a}"},
		{"Open", "Open"},
		{"Old", "Old"},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof(singular) / sizeof(singular[0]); i++) {
		assert_string_equal(i18n_gettext(tt, singular[i].msgid), singular[i].want);
		assert_string_equal(i18n_gettext(en, singular[i].msgid), singular[i].msgid);
		assert_string_equal(i18n_gettext(NULL, singular[i].msgid), singular[i].msgid);
	}

	static const struct {
		const char *one, *many;
		unsigned long n;
		const char *want;
	} plural[] = {
		{"{n} file", "{n} files", 1, "{n} Datei"},
		{"{n} file", "{n} files", 2, "{n} Dateien (zwei)"},
		{"{n} file", "{n} files", 0, "{n} Dateien"},
		{"{n} file", "{n} files", 5, "{n} Dateien"},
		{"{n} cat", "{n} cats", 1, "{n} cat"},
		{"{n} cat", "{n} cats", 2, "{n} cats"},
		{"{n} dog", "{n} dogs", 1, "{n} dog"},
		{"{n} dog", "{n} dogs", 3, "{n} dogs"},
		{"One item", "{count} items", 1, "Ein Ding"},
		{"One item", "{count} items", 2, "{count} Dinge (2)"},
		{"One item", "{count} items", 7, "{count} Dinge"},
		{"Nothing", "Nothings", 1, "Nothing"},
		{"Nothing", "Nothings", 0, "Nothings"},
		/* a singular entry asked for a plural: form 0 only */
		{"Yes", "Yeses", 1, "Ja"},
		{"Yes", "Yeses", 2, "Yeses"},
	};
	for (size_t i = 0; i < sizeof(plural) / sizeof(plural[0]); i++) {
		const char *got = i18n_ngettext(tt, plural[i].one, plural[i].many, plural[i].n);
		if (strcmp(got, plural[i].want) != 0)
			fail_msg("ngettext(\"%s\", %lu) = \"%s\", expected \"%s\"", plural[i].one,
				 plural[i].n, got, plural[i].want);
	}
	assert_string_equal(i18n_ngettext(en, "a", "b", 1), "a");
	assert_string_equal(i18n_ngettext(en, "a", "b", 0), "b");
	assert_string_equal(i18n_ngettext(NULL, "a", "b", 1), "a");
	assert_string_equal(i18n_ngettext(NULL, "a", "b", 2), "b");
}

/* trf(): translated, then every {key} given replaced, others left. */
static void test_trf(void **state)
{
	(void)state;
	char err[512] = "";
	int warnings = -1;
	unit_write_str(tmpdir, "tt.po", tt_po);
	unit_write_str(tmpdir, "ab.po", ab_po);
	if (i18n_load(tmpdir, &warnings, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	struct req r;
	memset(&r, 0, sizeof(r));
	arena_init(&r.arena);
	r.cat = i18n_catalog("tt");
	assert_string_equal(trf(&r, "Hello, {name}", "name", "Ana", (char *)NULL), "Hallo, Ana!");
	r.cat = i18n_catalog("en");
	assert_string_equal(trf(&r, "Hello, {name}", "name", "Ana", (char *)NULL), "Hello, Ana");
	/* every occurrence; a key not given stays; a value is not read again */
	assert_string_equal(trf(&r, "{a} and {a}, {b} {c", "a", "{b}", "b", "x", (char *)NULL),
			    "{b} and {b}, x {c");
	assert_string_equal(trf(&r, "{ab} {a}", "a", "1", (char *)NULL), "{ab} 1");
	assert_string_equal(trf(&r, "{n} %", "n", "", (char *)NULL), " %");
	arena_free(&r.arena);
}

static void test_many_messages(void **state)
{
	(void)state;
	/* enough entries to make the table grow several times */
	size_t cap = 64 * 1024, len = 0;
	char *text = malloc(cap);
	len += (size_t)snprintf(text + len, cap - len,
				"msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=n != 1;\\n"
				"X-Native-Name: T\\n\"\n\n");
	for (int i = 0; i < 1000; i++)
		len += (size_t)snprintf(text + len, cap - len, "msgid \"m%d\"\nmsgstr \"t%d\"\n\n",
					i, i);
	unit_write(tmpdir, "tt.po", text, len);
	free(text);
	char err[512];
	int warnings;
	if (i18n_load(tmpdir, &warnings, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	assert_int_equal(warnings, 0);
	const struct catalog *tt = i18n_catalog("tt");
	for (int i = 0; i < 1000; i++) {
		char id[16], want[16];
		snprintf(id, sizeof(id), "m%d", i);
		snprintf(want, sizeof(want), "t%d", i);
		assert_string_equal(i18n_gettext(tt, id), want);
	}
	assert_string_equal(i18n_gettext(tt, "m1000"), "m1000");
	assert_int_equal(catalog_percent(tt), 100);
}

static const struct {
	const char *text;
	const char *err; /* after "DIR/tt.po" */
} load_errors[] = {
	{"\nmsgid \"Yes\"\nmsgstr \"Ja\"\n", ":2: the header entry must come first"},
	{"msgid \"\"\nmsgstr \"X-Native-Name: T\\n\"\n", ":1: the header has no Plural-Forms"},
	{"# c\nmsgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=(n;\\nX-Native-Name: T\\n\"\n",
	 ":2: plural expression: missing )"},
	{"msgid \"\"\nmsgstr \"Plural-Forms: nplurals=0; plural=0;\\n\"\n",
	 ":1: nplurals must be 1 to 8"},
	{"msgid \"\"\nmsgstr \"Plural-Forms: nplurals=1; plural=0;\\n\"\n",
	 ": the header has no X-Native-Name"},
	{"", ": no header entry with Plural-Forms"},
	{"msgid \"\"\nmsgstr \"Plural-Forms: nplurals=1; plural=0;\\n\"\n\nmsgid \"a\\q\"\n",
	 ":4: unknown escape sequence"},
};

static void test_load_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(load_errors) / sizeof(load_errors[0]); i++) {
		char err[512] = "", want[512];
		int warnings;
		unit_write_str(tmpdir, "tt.po", load_errors[i].text);
		snprintf(want, sizeof(want), "%s/tt.po%s", tmpdir, load_errors[i].err);
		assert_int_equal(i18n_load(tmpdir, &warnings, err, sizeof(err)), -1);
		if (strcmp(err, want) != 0)
			fail_msg("case %zu: \"%s\", expected \"%s\"", i, err, want);
		assert_null(i18n_catalog("tt"));
	}

	char err[512];
	int warnings;
	assert_int_equal(i18n_load("/nonexistent/po", &warnings, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/po: cannot open the translations folder"));
}

/* ---- the real po/ folder -------------------------------------------------- */

static void load_real(void)
{
	char dir[1024], err[512];
	int warnings = -1;
	snprintf(dir, sizeof(dir), "%s/po", unit_data_dir());
	if (i18n_load(dir, &warnings, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	assert_int_equal(warnings, 0);
}

static void test_real_catalogs(void **state)
{
	(void)state;
	load_real();
	/* "{n} account" at n = 1, 3, 11 and 21 */
	static const unsigned long ns[4] = {1, 3, 11, 21};
	static const struct {
		const char *code, *name, *accounts;
		bool rtl;
		const char *forms[4];
	} langs[] = {
		{"ar", "العربية", "الحسابات", true,
		 {"{n} حساب", "{n} حسابات", "{n} حسابًا", "{n} حسابًا"}},
		{"en", "English", "Accounts", false,
		 {"{n} account", "{n} accounts", "{n} accounts", "{n} accounts"}},
		{"es", "Español", "Cuentas", false,
		 {"{n} cuenta", "{n} cuentas", "{n} cuentas", "{n} cuentas"}},
		{"fr", "Français", "Comptes", false,
		 {"{n} compte", "{n} comptes", "{n} comptes", "{n} comptes"}},
		{"ru", "Русский", "Учетные записи", false,
		 {"{n} учетная запись", "{n} учетные записи", "{n} учетных записей",
		  "{n} учетная запись"}},
		{"zh", "中文", "账户", false, {"{n}个账户", "{n}个账户", "{n}个账户", "{n}个账户"}},
	};
	const struct catalog *const *list;
	size_t n = i18n_catalogs(&list);
	assert_int_equal(n, sizeof(langs) / sizeof(langs[0]));
	for (size_t i = 0; i < n; i++) {
		const struct catalog *c = list[i];
		assert_string_equal(catalog_code(c), langs[i].code);
		assert_string_equal(catalog_name(c), langs[i].name);
		if (catalog_rtl(c) != langs[i].rtl)
			fail_msg("%s: rtl is %d", langs[i].code, catalog_rtl(c));
		assert_true(catalog_percent(c) > 0 && catalog_percent(c) <= 100);
		assert_string_equal(i18n_gettext(c, "Accounts"), langs[i].accounts);
		for (int k = 0; k < 4; k++) {
			const char *got = i18n_ngettext(c, "{n} account", "{n} accounts", ns[k]);
			if (strcmp(got, langs[i].forms[k]) != 0)
				fail_msg("%s: n=%lu gives \"%s\", expected \"%s\"", langs[i].code,
					 ns[k], got, langs[i].forms[k]);
		}
	}
}

/* Translations approved in the database: put over a PO file's, and a
 * catalog made for a language with no PO file; forms and placeholders
 * checked, nothing changed when they do not fit. */
static void test_override(void **state)
{
	(void)state;
	char err[512] = "";
	int warnings;
	unit_write_str(tmpdir, "tt.po", tt_po);
	if (i18n_load(tmpdir, &warnings, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	const char *one[] = {"Hallo!"};
	assert_int_equal(i18n_override("tt", "Hello", NULL, one, 1), 0);
	assert_string_equal(i18n_gettext(i18n_catalog("tt"), "Hello"), "Hallo!");
	const char *three[] = {"{n} Akte", "{n} Akten (zwei)", "{n} Akten"};
	assert_int_equal(i18n_override("tt", "{n} file", "{n} files", three, 3), 0);
	assert_string_equal(i18n_ngettext(i18n_catalog("tt"), "{n} file", "{n} files", 5),
			    "{n} Akten");
	/* refused: two forms for three, a placeholder the source lacks, an
	 * empty form, a plural for a singular, no such language, English */
	assert_int_equal(i18n_override("tt", "{n} file", "{n} files", three, 2), -1);
	const char *bad[] = {"{n} Akte", "{m} Akten", "{n} Akten"};
	assert_int_equal(i18n_override("tt", "{n} file", "{n} files", bad, 3), -1);
	const char *empty[] = {""};
	assert_int_equal(i18n_override("tt", "Hello", NULL, empty, 1), -1);
	assert_int_equal(i18n_override("tt", "Hello", NULL, three, 3), -1);
	assert_int_equal(i18n_override("zz", "Hello", NULL, one, 1), -1);
	assert_int_equal(i18n_override("en", "Hello", NULL, one, 1), -1);
	assert_string_equal(i18n_ngettext(i18n_catalog("tt"), "{n} file", "{n} files", 1),
			    "{n} Akte");
	assert_string_equal(i18n_gettext(i18n_catalog("tt"), "Hello"), "Hallo!");

	/* a language added in the database: its own catalog, sorted in */
	assert_null(i18n_catalog("sw"));
	assert_int_equal(i18n_add_language("sw", "Kiswahili", false, "nplurals=2; plural=(n != 1);",
					   10, err, sizeof(err)),
			 0);
	assert_int_equal(i18n_add_language("sx", "X", false, "nplurals=many", 10, err, sizeof(err)),
			 -1);
	const struct catalog *sw = i18n_catalog("sw");
	assert_non_null(sw);
	assert_string_equal(catalog_name(sw), "Kiswahili");
	assert_int_equal(catalog_percent(sw), 0);
	assert_string_equal(i18n_gettext(sw, "Hello"), "Hello");
	const char *sw2[] = {"faili {n}", "faili {n} zote"};
	assert_int_equal(i18n_override("sw", "{n} file", "{n} files", sw2, 2), 0);
	assert_string_equal(i18n_ngettext(sw, "{n} file", "{n} files", 1), "faili {n}");
	assert_string_equal(i18n_ngettext(sw, "{n} file", "{n} files", 7), "faili {n} zote");
	assert_string_equal(i18n_ngettext_html(sw, "{n} file", 7), "faili {n} zote");
	assert_int_equal(catalog_percent(sw), 10);
	const struct catalog *const *list;
	size_t n = i18n_catalogs(&list);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(catalog_code(list[i - 1]), catalog_code(list[i])) < 0);
}

static void test_negotiate(void **state)
{
	(void)state;
	load_real();
	static const struct {
		const char *header, *want;
	} cases[] = {
		{"fr-CH, fr;q=0.9, en;q=0.8", "fr"},
		{"de-DE,de;q=0.9,ru;q=0.8,en;q=0.7", "ru"},
		{"zh-Hant-TW", "zh"},
		{"zh_CN", "zh"},
		{"EN", "en"},
		{"Ar-EG", "ar"},
		{"en;q=0.5, ar;q=0.6", "ar"},
		{"es;q=0.5, fr;q=0.50", "es"},	/* equal: the first stays */
		{"fr;q=1.0, es;q=0.999", "fr"},
		{"ru;q=0.001, es;q=0.0001", "ru"},	/* three decimals at most */
		{" fr ; q=0.4 , es ; q=0.3", "fr"},
		{"ru;q=0, fr", "fr"},
		{"de, it;q=0.9, es;q=0.1", "es"},
		{"*;q=0.5", NULL},	/* names no language: the caller's default applies */
		{"ru;q=0", NULL},
		{"ru;q=0.000", NULL},
		{"de, it", NULL},
		{"english", NULL},
		{"f", NULL},
		{"frx", NULL},
		{"garbage!!", NULL},
		{";;;,,,", NULL},
		{"", NULL},
		{NULL, NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = i18n_negotiate(cases[i].header);
		bool ok = cases[i].want ? got && strcmp(got, cases[i].want) == 0 : got == NULL;
		if (!ok)
			fail_msg("i18n_negotiate(\"%s\") = %s, expected %s",
				 cases[i].header ? cases[i].header : "(null)", got ? got : "NULL",
				 cases[i].want ? cases[i].want : "NULL");
	}
}

int main(void)
{
	/* the refused entries and skipped files are logged as warnings;
	 * the tests count them instead */
	log_set_level(LOG_ERROR);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load_and_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_messages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_real_catalogs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_override, setup, teardown),
		cmocka_unit_test_setup_teardown(test_negotiate, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
