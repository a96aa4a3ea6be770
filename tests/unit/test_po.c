/*
 * test_po.c: web/po.h, the PO file reader.  What it reads: the header
 * entry, multi-line strings, C escapes, msgctxt, plural entries with
 * msgstr[N], the fuzzy flag, obsolete "#~" entries (ignored), a BOM, CRLF
 * line ends, input that is not NUL-terminated.  What it refuses, each
 * with "NAME:LINE: reason" on the right line.
 */
#include "unit.h"

#include "web/po.h"

#define MAX_ENTRIES 8

/* A copy of one entry, since po_parse's strings live only during the call. */
struct entry {
	int line;
	char *msgctxt;
	char *msgid;
	char *msgid_plural;
	char *msgstr[PO_MAX_PLURALS];
	int nstr;
	bool fuzzy;
};

struct entries {
	struct entry e[MAX_ENTRIES];
	int n;
	int stop_after; /* 0: never */
};

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int collect(void *ctx, const struct po_entry *pe)
{
	struct entries *es = ctx;
	assert_true(es->n < MAX_ENTRIES);
	struct entry *e = &es->e[es->n++];
	e->line = pe->line;
	e->msgctxt = dup_or_null(pe->msgctxt);
	e->msgid = strdup(pe->msgid);
	e->msgid_plural = dup_or_null(pe->msgid_plural);
	e->nstr = pe->nstr;
	for (int i = 0; i < pe->nstr; i++)
		e->msgstr[i] = strdup(pe->msgstr[i]);
	e->fuzzy = pe->fuzzy;
	return es->stop_after && es->n == es->stop_after;
}

static void entries_free(struct entries *es)
{
	for (int i = 0; i < es->n; i++) {
		free(es->e[i].msgctxt);
		free(es->e[i].msgid);
		free(es->e[i].msgid_plural);
		for (int k = 0; k < es->e[i].nstr; k++)
			free(es->e[i].msgstr[k]);
	}
	memset(es, 0, sizeof(*es));
}

/* Parses text (copied into a buffer of exactly its length, so that
 * reading past the end is caught by ASan); returns po_parse's result. */
static int parse(const char *text, size_t len, struct entries *es, char *err, size_t errlen)
{
	char *copy = malloc(len ? len : 1);
	memcpy(copy, text, len);
	err[0] = '\0';
	int rc = po_parse(copy, len, "t.po", collect, es, err, errlen);
	free(copy);
	return rc;
}

static int parse_str(const char *text, struct entries *es, char *err, size_t errlen)
{
	return parse(text, strlen(text), es, err, errlen);
}

static void test_header_and_multiline(void **state)
{
	(void)state;
	struct entries es = {0};
	char err[256];
	const char *text = "# Translation of cophub\n"
			   "msgid \"\"\n"
			   "msgstr \"\"\n"
			   "\"Language: fr\\n\"\n"
			   "\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n"
			   "\n"
			   "#: src/a.c:1\n"
			   "msgid \"Hello, \"\n"
			   "\"world\"\n"
			   "msgstr \"\"\n"
			   "\"Bonjour, \"\n"
			   "\t\"le monde\"  \n";
	assert_int_equal(parse_str(text, &es, err, sizeof(err)), 0);
	assert_int_equal(es.n, 2);
	assert_int_equal(es.e[0].line, 2);
	assert_string_equal(es.e[0].msgid, "");
	assert_int_equal(es.e[0].nstr, 1);
	assert_string_equal(es.e[0].msgstr[0],
			    "Language: fr\nPlural-Forms: nplurals=2; plural=(n > 1);\n");
	assert_false(es.e[0].fuzzy);
	assert_int_equal(es.e[1].line, 8);
	assert_null(es.e[1].msgctxt);
	assert_null(es.e[1].msgid_plural);
	assert_string_equal(es.e[1].msgid, "Hello, world");
	assert_string_equal(es.e[1].msgstr[0], "Bonjour, le monde");
	entries_free(&es);
}

static void test_escapes(void **state)
{
	(void)state;
	struct entries es = {0};
	char err[256];
	const char *text = "msgid \"q\\\"b\\\\n\\nt\\tr\\r\"\n"
			   "msgstr \"\\a\\b\\f\\v\\'\\?\"\n";
	assert_int_equal(parse_str(text, &es, err, sizeof(err)), 0);
	assert_int_equal(es.n, 1);
	assert_string_equal(es.e[0].msgid, "q\"b\\n\nt\tr\r");
	assert_string_equal(es.e[0].msgstr[0], "\a\b\f\v'?");
	entries_free(&es);
}

static void test_context_plural_fuzzy(void **state)
{
	(void)state;
	struct entries es = {0};
	char err[256];
	const char *text = "msgctxt \"menu\"\n"		/* 1 */
			   "msgid \"Open\"\n"		/* 2 */
			   "msgstr \"Ouvrir\"\n"		/* 3 */
			   "\n"
			   "#, fuzzy, c-format\n"		/* 5 */
			   "msgid \"%d file\"\n"		/* 6 */
			   "msgid_plural \"%d files\"\n"
			   "msgstr[0] \"%d fichier\"\n"
			   "msgstr[1] \"%d \"\n"
			   "\"fichiers\"\n"
			   "msgstr[2] \"%d fichiers (2)\"\n"
			   "\n"
			   "#, c-format\n"			/* 13 */
			   "msgid \"Open\"\n"		/* 14 */
			   "msgstr \"Ouvert\"\n"
			   "#, fuzzy\n"			/* 16: ends the entry above */
			   "msgctxt \"verb\"\n"		/* 17 */
			   "msgid \"Close\"\n"		/* 18 */
			   "msgstr \"Fermer\"\n";
	assert_int_equal(parse_str(text, &es, err, sizeof(err)), 0);
	assert_int_equal(es.n, 4);

	assert_string_equal(es.e[0].msgctxt, "menu");
	assert_string_equal(es.e[0].msgid, "Open");
	assert_string_equal(es.e[0].msgstr[0], "Ouvrir");
	assert_int_equal(es.e[0].line, 2);
	assert_false(es.e[0].fuzzy);

	assert_int_equal(es.e[1].line, 6);
	assert_true(es.e[1].fuzzy);
	assert_null(es.e[1].msgctxt);
	assert_string_equal(es.e[1].msgid, "%d file");
	assert_string_equal(es.e[1].msgid_plural, "%d files");
	assert_int_equal(es.e[1].nstr, 3);
	assert_string_equal(es.e[1].msgstr[0], "%d fichier");
	assert_string_equal(es.e[1].msgstr[1], "%d fichiers");
	assert_string_equal(es.e[1].msgstr[2], "%d fichiers (2)");

	/* the fuzzy flag belongs to one entry only */
	assert_int_equal(es.e[2].line, 14);
	assert_false(es.e[2].fuzzy);
	assert_null(es.e[2].msgctxt);
	assert_string_equal(es.e[2].msgstr[0], "Ouvert");

	assert_int_equal(es.e[3].line, 18);
	assert_true(es.e[3].fuzzy);
	assert_string_equal(es.e[3].msgctxt, "verb");
	assert_string_equal(es.e[3].msgid, "Close");
	entries_free(&es);
}

static void test_obsolete_ignored(void **state)
{
	(void)state;
	struct entries es = {0};
	char err[256];
	const char *text = "msgid \"a\"\n"
			   "msgstr \"A\"\n"
			   "\n"
			   "#~ msgid \"old\"\n"
			   "#~ msgstr \"vieux\"\n"
			   "#~ msgstr \"twice, and no msgid: still ignored\"\n"
			   "\n"
			   "#| msgid \"previous\"\n"
			   "msgid \"b\"\n"
			   "msgstr \"B\"\n";
	assert_int_equal(parse_str(text, &es, err, sizeof(err)), 0);
	assert_int_equal(es.n, 2);
	assert_string_equal(es.e[0].msgid, "a");
	assert_string_equal(es.e[1].msgid, "b");
	assert_int_equal(es.e[1].line, 9);
	entries_free(&es);
}

static void test_bom_crlf_no_blank_lines(void **state)
{
	(void)state;
	struct entries es = {0};
	char err[256];
	const char *text = "\xef\xbb\xbfmsgid \"\"\r\n"
			   "msgstr \"X: y\\n\"\r\n"
			   "\r\n"
			   "msgid \"one\"\r\n"
			   "msgstr \"un\"\r\n"
			   "msgid \"two\"\r\n"
			   "msgstr \"deux\"";	/* no final newline */
	assert_int_equal(parse_str(text, &es, err, sizeof(err)), 0);
	assert_int_equal(es.n, 3);
	assert_int_equal(es.e[0].line, 1);
	assert_string_equal(es.e[0].msgid, "");
	assert_string_equal(es.e[0].msgstr[0], "X: y\n");
	assert_string_equal(es.e[1].msgstr[0], "un");
	assert_int_equal(es.e[2].line, 6);
	assert_string_equal(es.e[2].msgid, "two");
	assert_string_equal(es.e[2].msgstr[0], "deux");
	entries_free(&es);
}

static void test_length_bounds_input(void **state)
{
	(void)state;
	struct entries es = {0};
	char err[256];
	/* only the first 21 bytes: the second entry is not seen */
	const char *text = "msgid \"a\"\nmsgstr \"b\"\nmsgid \"c\"\nmsgstr \"d\"\n";
	assert_int_equal(parse(text, 21, &es, err, sizeof(err)), 0);
	assert_int_equal(es.n, 1);
	assert_string_equal(es.e[0].msgstr[0], "b");
	entries_free(&es);

	/* a keyword cut by the end of the input */
	static const char *const cut[] = {"msgid", "msgstr", "msgctxt", "msgid_plural"};
	for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		char text2[64];
		int n = snprintf(text2, sizeof(text2), "msgid \"a\"\nmsgstr \"b\"\n%s", cut[i]);
		assert_int_equal(parse(text2, (size_t)n, &es, err, sizeof(err)), -1);
		assert_string_equal(err, "t.po:3: expected msgctxt, msgid, msgid_plural, msgstr or "
					 "a string");
		assert_int_equal(es.n, 0);
	}

	/* empty input: nothing, no error */
	assert_int_equal(parse("", 0, &es, err, sizeof(err)), 0);
	assert_int_equal(es.n, 0);
}

static void test_callback_stops(void **state)
{
	(void)state;
	struct entries es = {.stop_after = 1};
	char err[256];
	const char *text = "msgid \"a\"\nmsgstr \"A\"\n\nmsgid \"b\"\nmsgstr \"B\"\n";
	assert_int_equal(parse_str(text, &es, err, sizeof(err)), 0);
	assert_int_equal(es.n, 1);
	assert_string_equal(es.e[0].msgid, "a");
	entries_free(&es);
}

static const struct {
	const char *text;
	const char *err;
} errors[] = {
	{"msgid \"\"\nmsgstr \"\"\n\nmsgid \"abc\nmsgstr \"x\"\n",
	 "t.po:4: string without a closing quote"},
	{"msgid \"a\"\nmsgstr \"b\"\n\"more\n", "t.po:3: string without a closing quote"},
	{"msgid \"a\\\"\nmsgstr \"b\"\n", "t.po:1: string without a closing quote"},
	{"msgid \"a\" x\nmsgstr \"b\"\n", "t.po:1: text after the closing quote"},
	{"msgid \"a\"\nmsgstr \"b\"\"c\"\n", "t.po:2: text after the closing quote"},
	{"msgid \"a\"\nmsgstr \"b\" # c\n", "t.po:2: text after the closing quote"},
	{"#, fuzzy\n\n\nmsgstr \"b\"\n", "t.po:4: msgstr before msgid"},
	{"msgid \"a\"\nmsgstr \"b\\q\"\n", "t.po:2: unknown escape sequence"},
	{"msgid \"a\"\nmsgstr \"\\x41\"\n", "t.po:2: unknown escape sequence"},
	{"msgid \"a\"\nmsgstr \"b\\", "t.po:2: backslash at end of line"},
	{"# c\n#, fuzzy\nmsgstr \"x\"\n", "t.po:3: msgstr before msgid"},
	{"msgctxt \"c\"\nmsgstr \"x\"\n", "t.po:2: msgstr before msgid"},
	{"msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[1] \"x\"\n", "t.po:3: msgstr[N] out of order"},
	{"msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"\nmsgstr[2] \"y\"\n",
	 "t.po:4: msgstr[N] out of order"},
	{"msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"\nmsgstr[0] \"y\"\n",
	 "t.po:4: msgstr[N] out of order"},
	{"msgid \"a\"\nmsgid_plural \"as\"\nmsgstr \"x\"\n", "t.po:3: plural entry needs msgstr[N]"},
	{"msgid \"a\"\nmsgstr[0] \"x\"\n", "t.po:2: msgstr[N] without msgid_plural"},
	{"msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"0\"\nmsgstr[1] \"1\"\nmsgstr[2] \"2\"\n"
	 "msgstr[3] \"3\"\nmsgstr[4] \"4\"\nmsgstr[5] \"5\"\nmsgstr[6] \"6\"\nmsgstr[7] \"7\"\n"
	 "msgstr[8] \"8\"\n",
	 "t.po:11: too many plural forms"},
	{"msgid \"a\"\nmsgstr[x] \"b\"\n", "t.po:2: malformed msgstr index"},
	{"msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0 \"b\"\n", "t.po:3: malformed msgstr index"},
	{"msgid[0] \"a\"\n", "t.po:1: only msgstr takes an index"},
	{"msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"\n", "t.po:3: second msgstr in one entry"},
	{"msgid \"a\"\nmsgid_plural \"b\"\nmsgid_plural \"c\"\n", "t.po:3: misplaced msgid_plural"},
	{"msgid_plural \"b\"\n", "t.po:1: misplaced msgid_plural"},
	{"msgctxt \"a\"\nmsgctxt \"b\"\n", "t.po:2: misplaced msgctxt"},
	{"msgctxt \"a\"\nmsgid \"b\"\nmsgid \"c\"\n", "t.po:3: second msgid in one entry"},
	{"msgid \"a\"\n\nmsgstr \"b\"\n", "t.po:2: msgid without msgstr"},
	{"msgid \"a\"\n", "t.po:1: msgid without msgstr"},
	{"msgid \"a\"\nmsgstr \"b\"\n\n\"orphan\"\n", "t.po:4: string without a keyword"},
	{"msgid \"a\"\nmsgstr \"b\"\nmsgfoo \"c\"\n",
	 "t.po:3: expected msgctxt, msgid, msgid_plural, msgstr or a string"},
	{"msgid\"a\"\n", "t.po:1: expected msgctxt, msgid, msgid_plural, msgstr or a string"},
	{"msgid a\n", "t.po:1: expected a quoted string"},
	{"msgid \"a\"\nmsgstr\n", "t.po:2: expected msgctxt, msgid, msgid_plural, msgstr or a string"},
};

static void test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		struct entries es = {0};
		char err[256];
		int rc = parse_str(errors[i].text, &es, err, sizeof(err));
		if (rc != -1 || strcmp(err, errors[i].err) != 0)
			fail_msg("PO text:\n%s\n  gave %d \"%s\"\n  expected \"%s\"", errors[i].text,
				 rc, err, errors[i].err);
		entries_free(&es);
	}
}

static void test_nul_byte(void **state)
{
	(void)state;
	struct entries es = {0};
	char err[256];
	static const char text[] = "msgid \"\"\nmsgstr \"\"\n\nmsgid \"a\0b\"\nmsgstr \"c\"\n";
	assert_int_equal(parse(text, sizeof(text) - 1, &es, err, sizeof(err)), -1);
	assert_string_equal(err, "t.po:4: NUL byte");
	/* the header before it was delivered; nothing after */
	assert_int_equal(es.n, 1);
	entries_free(&es);

	/* a NUL inside a comment is refused too */
	static const char text2[] = "# a\0b\n";
	assert_int_equal(parse(text2, sizeof(text2) - 1, &es, err, sizeof(err)), -1);
	assert_string_equal(err, "t.po:1: NUL byte");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_and_multiline),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_context_plural_fuzzy),
		cmocka_unit_test(test_obsolete_ignored),
		cmocka_unit_test(test_bom_crlf_no_blank_lines),
		cmocka_unit_test(test_length_bounds_input),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_nul_byte),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
