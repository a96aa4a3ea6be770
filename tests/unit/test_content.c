/*
 * test_content.c: the children's content (content/README.md).
 *
 * content/cf.h, the reader: records and their lines, keys with and
 * without @lang, values, comments, a BOM, CRLF, a missing final newline;
 * every malformed line, duplicate key or record and line that is not
 * UTF-8 text reported on its line.
 *
 * content/play.h, the loader and checks, on small content folders written
 * to /tmp: a minimal valid set loads with the right counts and texts;
 * each kind of problem (a missing translation, a broken reference, the
 * wrong number of choices, no safe choice, a bad placeholder or brace, a
 * loop, a missing file or picture, a bad translation file) is reported as
 * "FILE:LINE: message"; the draft-language mask.  Then the shipped
 * content/ folder and its helplines.
 *
 * content/readability.h: scores of short texts worked out by hand from
 * the formulas, and a harder text scoring lower in en, es, fr and ru.
 */
#include "unit.h"

#include "content/cf.h"
#include "content/load.h"
#include "content/play.h"
#include "content/readability.h"

#include <ftw.h>
#include <math.h>
#include <stdarg.h>
#include <sys/stat.h>

#define LANG_AR 0
#define LANG_EN 1
#define LANG_ES 2
#define LANG_FR 3
#define LANG_RU 4
#define LANG_ZH 5
#define ONLY(lang) (1u << (lang))

#include "problems.h"

/* ---- cf: the reader ----------------------------------------------------- */

/* Parses text from a buffer of exactly its length (so ASan catches a read
 * past the end) as "t.txt". */
static struct cf_file *parse(const char *text, size_t len, struct problems *p)
{
	char *copy = malloc(len ? len : 1);
	memcpy(copy, text, len);
	int n = 0;
	struct cf_file *f = cf_parse("t.txt", copy, len, collect, p, &n);
	free(copy);
	assert_non_null(f);
	assert_int_equal(n, p->n); /* *problems counts what was reported */
	return f;
}

static struct cf_file *parse_str(const char *text, struct problems *p)
{
	return parse(text, strlen(text), p);
}

static void assert_field(const struct cf_record *r, const char *key, const char *lang,
			 const char *value, int line)
{
	const struct cf_field *f = cf_get(r, key, lang);
	if (!f)
		fail_msg("[%s] has no %s@%s", r->id, key, lang ? lang : "(none)");
	assert_string_equal(f->key, key);
	if (lang)
		assert_string_equal(f->lang, lang);
	else
		assert_null(f->lang);
	assert_string_equal(f->value, value);
	assert_int_equal(f->line, line);
}

static void test_cf_records_and_fields(void **state)
{
	(void)state;
	struct problems p = {0};
	struct cf_file *f = parse_str("# a comment\n"		/* 1 */
				      "\n"			/* 2 */
				      "[first]\n"		/* 3 */
				      "key: value\n"		/* 4 */
				      "title@en: Hello: world\n" /* 5: the first ':' ends the key */
				      "  title@fr:   Bonjour \t\n"	/* 6: trimmed on both sides */
				      "empty:\n"		/* 7 */
				      "   # an indented comment\n" /* 8 */
				      "\t\n"			/* 9: blank */
				      "[second-2]\n"		/* 10 */
				      "n.1-x: 42 # not a comment\n", /* 11 */
				      &p);
	assert_problem_count(&p, 0);
	assert_string_equal(f->path, "t.txt");
	assert_int_equal(f->nrecords, 2);

	const struct cf_record *r = &f->records[0];
	assert_string_equal(r->id, "first");
	assert_int_equal(r->line, 3);
	assert_int_equal(r->nfields, 4);
	assert_field(r, "key", NULL, "value", 4);
	assert_field(r, "title", "en", "Hello: world", 5);
	assert_field(r, "title", "fr", "Bonjour", 6);
	assert_field(r, "empty", NULL, "", 7);
	/* fields keep the file's order */
	assert_string_equal(r->fields[0].key, "key");
	assert_string_equal(r->fields[1].lang, "en");
	assert_string_equal(r->fields[2].lang, "fr");
	/* lookups: the language must match, NULL only matches no language */
	assert_null(cf_get(r, "title", NULL));
	assert_null(cf_get(r, "title", "de"));
	assert_null(cf_get(r, "key", "en"));
	assert_null(cf_get(r, "nope", NULL));
	assert_true(cf_has(r, "title"));
	assert_true(cf_has(r, "key"));
	assert_false(cf_has(r, "titl"));
	assert_false(cf_has(r, "nope"));

	r = &f->records[1];
	assert_string_equal(r->id, "second-2");
	assert_int_equal(r->line, 10);
	assert_int_equal(r->nfields, 1);
	assert_field(r, "n.1-x", NULL, "42 # not a comment", 11);
	/* fields belong to their own record */
	assert_null(cf_get(r, "key", NULL));
	cf_free(f);
	problems_free(&p);
}

static void test_cf_empty_and_bom(void **state)
{
	(void)state;
	struct problems p = {0};
	struct cf_file *f = parse("", 0, &p);
	assert_int_equal(f->nrecords, 0);
	assert_problem_count(&p, 0);
	cf_free(f);

	/* a BOM is skipped; lines still count from 1 */
	f = parse_str("\xef\xbb\xbf[bom]\nk@ru: Привет\n", &p);
	assert_problem_count(&p, 0);
	assert_int_equal(f->nrecords, 1);
	assert_string_equal(f->records[0].id, "bom");
	assert_int_equal(f->records[0].line, 1);
	assert_field(&f->records[0], "k", "ru", "Привет", 2);
	cf_free(f);
	cf_free(NULL);
	problems_free(&p);
}

static void test_cf_malformed_lines(void **state)
{
	(void)state;
	struct problems p = {0};
	struct cf_file *f = parse_str("stray: before any record\n" /* 1 */
				      "[Upper]\n"		 /* 2 */
				      "[]\n"			 /* 3 */
				      "[ok] trailing\n"		 /* 4 */
				      "[ok\n"			 /* 5 */
				      "[good]\n"		 /* 6 */
				      "no colon here\n"		 /* 7 */
				      "Key: x\n"		 /* 8 */
				      "key@e: x\n"		 /* 9: a language of 1 letter */
				      "key@EN: x\n"		 /* 10 */
				      "@en: x\n"		 /* 11: no key */
				      "key@abcdefghi: x\n"	 /* 12: 9 letters */
				      "key@fr1: x\n"		 /* 13 */
				      "a key: x\n"		 /* 14 */
				      "key@fr: fine\n"		 /* 15 */
				      "ok.key: fine too\n",	 /* 16 */
				      &p);
	assert_problem_count(&p, 13);
	const char *rec = "a record starts with [id]: lower-case letters, digits and '-', in parts "
			  "joined by '.'";
	const char *key = "a key is lower-case letters, digits, '.', '-', then @lang for a text";
	const struct {
		int line;
		const char *msg;
	} want[] = {
		{1, "a field before the first [id]"},
		{2, rec},
		{3, rec},
		{4, rec},
		{5, rec},
		{7, "expected \"key: value\", \"[id]\" or a # comment"},
		{8, key},
		{9, key},
		{10, key},
		{11, key},
		{12, key},
		{13, key},
		{14, key},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char line[1024];
		snprintf(line, sizeof(line), "t.txt:%d: %s", want[i].line, want[i].msg);
		assert_string_equal(p.msg[i], line);
	}
	/* the malformed lines are skipped, the rest is read */
	assert_int_equal(f->nrecords, 1);
	assert_string_equal(f->records[0].id, "good");
	assert_int_equal(f->records[0].line, 6);
	assert_int_equal(f->records[0].nfields, 2);
	assert_field(&f->records[0], "key", "fr", "fine", 15);
	assert_field(&f->records[0], "ok.key", NULL, "fine too", 16);
	/* languages of 2 and 8 letters are the limits */
	cf_free(f);
	problems_free(&p);

	f = parse_str("[x]\nk@ab: two\nk@abcdefgh: eight\n", &p);
	assert_problem_count(&p, 0);
	assert_field(&f->records[0], "k", "ab", "two", 2);
	assert_field(&f->records[0], "k", "abcdefgh", "eight", 3);
	cf_free(f);
	problems_free(&p);
}

static void test_cf_duplicates(void **state)
{
	(void)state;
	struct problems p = {0};
	struct cf_file *f = parse_str("[a]\n"		/* 1 */
				      "title@en: one\n"	/* 2 */
				      "title@fr: un\n"	/* 3: another language: fine */
				      "title@en: two\n"	/* 4 */
				      "image: x.svg\n"	/* 5 */
				      "image: y.svg\n"	/* 6 */
				      "title: plain\n"	/* 7: no language: another key */
				      "[b]\n"		/* 8 */
				      "title@en: b\n"	/* 9: another record: fine */
				      "[a]\n"		/* 10 */
				      "title@en: three\n", /* 11 */
				      &p);
	assert_problem_count(&p, 3);
	assert_string_equal(p.msg[0], "t.txt:4: title@en is given twice in [a]");
	assert_string_equal(p.msg[1], "t.txt:6: image is given twice in [a]");
	assert_string_equal(p.msg[2], "t.txt:10: [a] is already at line 1");
	/* the first of two keeps its value */
	assert_int_equal(f->nrecords, 3);
	const struct cf_record *a = &f->records[0];
	assert_int_equal(a->nfields, 4);
	assert_field(a, "title", "en", "one", 2);
	assert_field(a, "title", "fr", "un", 3);
	assert_field(a, "image", NULL, "x.svg", 5);
	assert_field(a, "title", NULL, "plain", 7);
	assert_field(&f->records[1], "title", "en", "b", 9);
	assert_string_equal(f->records[2].id, "a");
	assert_int_equal(f->records[2].line, 10);
	assert_field(&f->records[2], "title", "en", "three", 11);
	cf_free(f);
	problems_free(&p);
}

static void test_cf_crlf(void **state)
{
	(void)state;
	struct problems p = {0};
	struct cf_file *f = parse_str("# comment\r\n"	  /* 1 */
				      "[a]\r\n"		  /* 2 */
				      "key: v\r\n"	  /* 3 */
				      "\r\n"		  /* 4 */
				      "title@en: Hi there \r\n" /* 5 */
				      "[b]\r\n"		  /* 6 */
				      "x:\r\n",		  /* 7 */
				      &p);
	assert_problem_count(&p, 0);
	assert_int_equal(f->nrecords, 2);
	assert_int_equal(f->records[0].line, 2);
	assert_field(&f->records[0], "key", NULL, "v", 3);
	assert_field(&f->records[0], "title", "en", "Hi there", 5);
	assert_string_equal(f->records[1].id, "b");
	assert_int_equal(f->records[1].line, 6);
	assert_field(&f->records[1], "x", NULL, "", 7);
	cf_free(f);

	/* a CR inside a line is a control character, not a line end */
	f = parse_str("[a]\r\nk: one\rtwo\r\nj: three\r\n", &p);
	assert_problem_count(&p, 1);
	assert_string_equal(p.msg[0], "t.txt:2: not valid UTF-8 text");
	assert_null(cf_get(&f->records[0], "k", NULL));
	assert_field(&f->records[0], "j", NULL, "three", 3);
	cf_free(f);
	problems_free(&p);
}

static void test_cf_no_final_newline(void **state)
{
	(void)state;
	struct problems p = {0};
	struct cf_file *f = parse_str("[a]\nfirst: 1\nkey: last", &p);
	assert_problem_count(&p, 0);
	assert_int_equal(f->records[0].nfields, 2);
	assert_field(&f->records[0], "key", NULL, "last", 3);
	cf_free(f);

	f = parse_str("[a]\r\nkey@en: last\r", &p);
	assert_problem_count(&p, 0);
	assert_field(&f->records[0], "key", "en", "last", 2);
	cf_free(f);

	f = parse_str("[only-id]", &p);
	assert_problem_count(&p, 0);
	assert_int_equal(f->nrecords, 1);
	assert_string_equal(f->records[0].id, "only-id");
	assert_int_equal(f->records[0].nfields, 0);
	cf_free(f);

	/* a malformed last line still gets its number */
	f = parse_str("[a]\n\nbroken", &p);
	assert_problem_count(&p, 1);
	assert_string_equal(p.msg[0], "t.txt:3: expected \"key: value\", \"[id]\" or a # comment");
	cf_free(f);
	problems_free(&p);
}

static void test_cf_invalid_utf8(void **state)
{
	(void)state;
	static const char text[] = "[a]\n"		     /* 1 */
				   "ok@fr: caf\xc3\xa9\n"	     /* 2: é */
				   "bad@fr: caf\xe9\n"	     /* 3: Latin-1 */
				   "over: \xc0\xaf\n"	     /* 4: overlong '/' */
				   "trunc: ab\xe2\x82\n"	     /* 5: cut short */
				   "nul: a\0b\n"		     /* 6: NUL */
				   "surr: \xed\xa0\x80\n"	     /* 7: a surrogate */
				   "ctl: a\x01z\n"		     /* 8: a control character */
				   "[b\xff]\n"		     /* 9: in an id */
				   "zh@zh: \xe4\xbd\xa0\xe5\xa5\xbd\n" /* 10: 你好 */
				   "emoji: \xf0\x9f\x99\x82\n"	     /* 11: 4 bytes */
				   "last@en: ok\n";		     /* 12 */
	struct problems p = {0};
	struct cf_file *f = parse(text, sizeof(text) - 1, &p);
	assert_problem_count(&p, 7);
	for (int i = 0; i < 7; i++) {
		char want[64];
		snprintf(want, sizeof(want), "t.txt:%d: not valid UTF-8 text", i + 3);
		assert_string_equal(p.msg[i], want);
	}
	assert_int_equal(f->nrecords, 1);
	const struct cf_record *r = &f->records[0];
	assert_int_equal(r->nfields, 4);
	assert_field(r, "ok", "fr", "caf\xc3\xa9", 2);
	assert_field(r, "zh", "zh", "\xe4\xbd\xa0\xe5\xa5\xbd", 10);
	assert_field(r, "emoji", NULL, "\xf0\x9f\x99\x82", 11);
	assert_field(r, "last", "en", "ok", 12);
	assert_false(cf_has(r, "bad"));
	assert_false(cf_has(r, "nul"));
	cf_free(f);
	problems_free(&p);
}

/* ---- play: content folders written by the tests ------------------------ */

/* The templates of a minimal valid content folder.  A key written
 * "key@*: text" stands for the key in every language written (see
 * fx_write), each with the text followed by " (LANG)". */
static const char topics_txt[] = "# topics\n"
				 "[privacy]\n"
				 "category: cross-cutting\n"
				 "bands: u9 9-12 13-18\n"
				 "name@*: Private things\n"
				 "tip.1@*: Keep it private.\n"
				 "tip.2@*: Ask a grown-up.\n"
				 "\n"
				 "[scams]\n"
				 "category: contract\n"
				 "bands: 13-18\n"
				 "name@*: Scams\n";

static const char characters_txt[] = "[lumo]\n"
				     "name@*: Lumo\n"
				     "about@*: A small firefly.\n"
				     "image: lumo.svg\n";

static const char u9_txt[] = "# under 9\n"
			     "[u9-home]\n"
			     "band: u9\n"
			     "topic: privacy\n"
			     "character: lumo\n"
			     "title@*: Where I live\n"
			     "start.text@*: A player asks where you live.\n"
			     "start.a@*: Tell them\n"
			     "start.a.safe: no\n"
			     "start.a.feedback@*: That is private.\n"
			     "start.b@*: Ask a grown-up\n"
			     "start.b.safe: yes\n"
			     "start.b.feedback@*: Good choice!\n"
			     "safe@*: Keep it private.\n"
			     "help@*: Ask {helpline}.\n";

static const char k9_txt[] = "[k-photo]\n"
			     "band: 9-12\n"
			     "topic: privacy\n"
			     "character: lumo\n"
			     "title@*: A photo\n"
			     "start.text@*: Someone asks for a photo.\n"
			     "start.a@*: Send it\n"
			     "start.a.safe: no\n"
			     "start.a.feedback@*: No.\n"
			     "start.b@*: Say no and tell an adult\n"
			     "start.b.safe: yes\n"
			     "start.b.feedback@*: Yes.\n"
			     "start.c@*: Ignore it\n"
			     "start.c.safe: partly\n"
			     "start.c.feedback@*: Partly.\n"
			     "safe@*: Keep photos private.\n"
			     "help@*: Call {helpline_contact}.\n";

static const char teen_txt[] = "[t-prize]\n"
			       "band: 13-18\n"
			       "topic: scams\n"
			       "people: sam\n"
			       "person.sam@*: Sam\n"
			       "title@*: A prize\n"
			       "start.msg.1.from: sam\n"
			       "start.msg.1@*: You won a prize!\n"
			       "start.msg.2.from: you\n"
			       "start.msg.2@*: Really?\n"
			       "start.a@*: Ask how\n"
			       "start.a.safe: partly\n"
			       "start.a.feedback@*: Careful.\n"
			       "start.a.next: ask\n"
			       "start.b@*: Block\n"
			       "start.b.safe: yes\n"
			       "start.b.feedback@*: Good.\n"
			       "ask.msg.1.from: sam\n"
			       "ask.msg.1@*: Send your card number.\n"
			       "ask.a@*: Send it\n"
			       "ask.a.safe: no\n"
			       "ask.a.feedback@*: Never.\n"
			       "ask.b@*: Report it to {report}\n"
			       "ask.b.safe: yes\n"
			       "ask.b.feedback@*: Right.\n"
			       "safe@*: Block and report.\n"
			       "help@*: Tell an adult or call {emergency}.\n"
			       "reflect@*: What made it a scam? {law}\n";

static const char minigames_txt[] = "[scam-sort]\n"
				    "title@*: Scam or safe?\n"
				    "intro@*: Sort them.\n"
				    "msg.1@*: You won!\n"
				    "msg.1.kind: scam\n"
				    "msg.1.why@*: A prize.\n"
				    "msg.2@*: Homework?\n"
				    "msg.2.kind: safe\n"
				    "msg.2.why@*: A friend.\n"
				    "msg.3@*: Send your password.\n"
				    "msg.3.kind: scam\n"
				    "msg.3.why@*: Never.\n"
				    "msg.4@*: Book ready.\n"
				    "msg.4.kind: safe\n"
				    "msg.4.why@*: News.\n"
				    "msg.5@*: Gift card code?\n"
				    "msg.5.kind: scam\n"
				    "msg.5.why@*: Money.\n"
				    "msg.6@*: Match at six.\n"
				    "msg.6.kind: safe\n"
				    "msg.6.why@*: Your coach.\n"
				    "\n"
				    "[passphrase]\n"
				    "title@*: Passphrase\n"
				    "intro@*: Make one.\n"
				    "weak@*: Weak\n"
				    "fair@*: Fair\n"
				    "strong@*: Strong\n"
				    "tip.1@*: Use four words.\n";

#define FLOW(id)                                                                  \
	"[" id "]\n"                                                              \
	"title@*: " id "\n"                                                       \
	"intro@*: Intro.\n"                                                       \
	"step.1@*: One.\n"                                                        \
	"step.2@*: Two, then {helpline}.\n"                                       \
	"reassure@*: It is not your fault.\n"

static const char help_txt[] = FLOW("bullied") FLOW("photo-asked") FLOW("upsetting") FLOW("meet");

static const char checkup_txt[] = "[privacy-checkup]\n"
				  "title@*: Check-up\n"
				  "intro@*: Check your apps.\n"
				  "item.1@*: Location is off.\n"
				  "item.2@*: My posts are private.\n";

static const char helplines_txt[] = "# helplines\n"
				    "[ke]\n"
				    "contact: 116\n"
				    "source: a test\n"
				    "\n"
				    "[fr]\n"
				    "contact: 119\n"
				    "source: another test\n";

static const struct {
	const char *name;
	const char *tpl;
} fx_files[] = {
	{"play/topics.txt", topics_txt},   {"play/characters.txt", characters_txt},
	{"play/u9.txt", u9_txt},	   {"play/9-12.txt", k9_txt},
	{"play/13-18.txt", teen_txt},	   {"play/minigames.txt", minigames_txt},
	{"play/help.txt", help_txt},	   {"play/checkup.txt", checkup_txt},
	{"help/helplines.txt", helplines_txt},
};

/* The folder of the current test: DIR/content and DIR/static. */
static char fx_dir[64];
static char fx_content[128];
static char fx_static[128];
static struct problems fx_problems;
static struct play_content *fx_play;

static void fx_mkdir(const char *rel)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", fx_dir, rel);
	assert_int_equal(mkdir(path, 0700), 0);
}

/* tpl with "@*" keys written out for each language of langs, then the
 * first `from` replaced by `to` (from must be there).  Malloc'd. */
static char *fx_expand(const char *tpl, unsigned langs, const char *from, const char *to)
{
	size_t cap = strlen(tpl) * 16 + 1024, n = 0;
	char *out = malloc(cap);
	for (const char *p = tpl; *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p + 1) : strlen(p);
		const char *star = strstr(p, "@*: ");
		if (star && star < p + len) {
			size_t vlen = (size_t)(p + len - (star + 4)) - (eol ? 1 : 0);
			for (int i = 0; i < CONTENT_NLANGS; i++) {
				if (!(langs & (1u << i)))
					continue;
				n += (size_t)snprintf(out + n, cap - n, "%.*s@%s: %.*s (%s)\n",
						      (int)(star - p), p, content_langs[i], (int)vlen,
						      star + 4, content_langs[i]);
			}
		} else {
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
	}
	out[n] = '\0';
	if (from) {
		char *at = strstr(out, from);
		if (!at)
			fail_msg("the test's fixture has no \"%s\"", from);
		size_t fl = strlen(from), tl = strlen(to);
		char *res = malloc(n - fl + tl + 1);
		memcpy(res, out, (size_t)(at - out));
		memcpy(res + (at - out), to, tl);
		memcpy(res + (at - out) + tl, at + fl, strlen(at + fl) + 1);
		free(out);
		out = res;
	}
	return out;
}

/* Writes content/REL from tpl (see fx_expand). */
static void fx_write(const char *rel, const char *tpl, unsigned langs, const char *from,
		     const char *to)
{
	char *text = fx_expand(tpl, langs, from, to);
	unit_write_str(fx_content, rel, text);
	free(text);
}

/* Rewrites the file REL of the minimal set with from replaced by to,
 * every language written. */
static void fx_change(const char *rel, const char *from, const char *to)
{
	for (size_t i = 0; i < sizeof(fx_files) / sizeof(fx_files[0]); i++)
		if (strcmp(fx_files[i].name, rel) == 0) {
			fx_write(rel, fx_files[i].tpl, PLAY_ALL_LANGS, from, to);
			return;
		}
	fail_msg("no fixture file %s", rel);
}

/* Rewrites the file REL of the minimal set with every from replaced by
 * to, every language written. */
static void fx_change_all(const char *rel, const char *tpl, const char *from, const char *to)
{
	char *text = fx_expand(tpl, PLAY_ALL_LANGS, NULL, NULL);
	size_t fl = strlen(from), tl = strlen(to), n = 0;
	char *out = malloc(strlen(text) * (tl + 1) + 1);
	for (const char *p = text; *p;) {
		if (strncmp(p, from, fl) == 0) {
			memcpy(out + n, to, tl);
			n += tl;
			p += fl;
		} else {
			out[n++] = *p++;
		}
	}
	out[n] = '\0';
	unit_write_str(fx_content, rel, out);
	free(out);
	free(text);
}

/* Writes the whole minimal set in the languages of langs. */
static void fx_write_all(unsigned langs)
{
	for (size_t i = 0; i < sizeof(fx_files) / sizeof(fx_files[0]); i++)
		fx_write(fx_files[i].name, fx_files[i].tpl, langs, NULL, NULL);
}

/* The line of content/REL that holds needle (read back from the disk,
 * not through cf), so a test can expect the line of a problem. */
static int fx_line(const char *rel, const char *needle)
{
	char path[256], buf[1024];
	snprintf(path, sizeof(path), "%s/%s", fx_content, rel);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	int line = 0, found = 0;
	while (!found && fgets(buf, sizeof(buf), f)) {
		line++;
		found = strstr(buf, needle) != NULL;
	}
	fclose(f);
	if (!found)
		fail_msg("%s has no \"%s\"", rel, needle);
	return line;
}

static int fx_setup(void **state)
{
	(void)state;
	snprintf(fx_dir, sizeof(fx_dir), "/tmp/cophub-content-XXXXXX");
	if (!mkdtemp(fx_dir))
		return -1;
	snprintf(fx_content, sizeof(fx_content), "%s/content", fx_dir);
	snprintf(fx_static, sizeof(fx_static), "%s/static", fx_dir);
	fx_mkdir("content");
	fx_mkdir("content/play");
	fx_mkdir("content/help");
	fx_mkdir("static");
	fx_mkdir("static/play");
	fx_mkdir("static/play/scenes");
	unit_write_str(fx_static, "play/lumo.svg", "<svg/>\n");
	unit_write_str(fx_static, "play/scenes/u9-home.svg", "<svg/>\n"); /* the u9 scene's picture */
	fx_write_all(PLAY_ALL_LANGS);
	memset(&fx_problems, 0, sizeof(fx_problems));
	fx_play = NULL;
	return 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int fx_teardown(void **state)
{
	(void)state;
	play_free(fx_play);
	fx_play = NULL;
	problems_free(&fx_problems);
	/* only what the test made under /tmp */
	if (strncmp(fx_dir, "/tmp/cophub-content-", 20) != 0)
		return -1;
	return nftw(fx_dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* cf_load, in the folder of a play test. */
static void test_cf_load(void **state)
{
	(void)state;
	struct problems p = {0};
	int n = 0;
	char path[256], want[512];
	snprintf(path, sizeof(path), "%s/missing.txt", fx_dir);
	assert_null(cf_load(path, collect, &p, &n));
	assert_int_equal(n, 1);
	assert_problem_count(&p, 1);
	snprintf(want, sizeof(want), "%s:0: cannot be read", path);
	assert_string_equal(p.msg[0], want);
	problems_free(&p);

	n = 0;
	unit_write_str(fx_dir, "x.txt", "[x]\nbad line\nk: v\n");
	snprintf(path, sizeof(path), "%s/x.txt", fx_dir);
	struct cf_file *f = cf_load(path, collect, &p, &n);
	assert_non_null(f);
	assert_int_equal(n, 1);
	snprintf(want, sizeof(want), "%s:2: expected \"key: value\"", path);
	assert_non_null(strstr(p.msg[0], want));
	assert_string_equal(f->path, path);
	assert_field(&f->records[0], "k", NULL, "v", 3);
	cf_free(f);
	problems_free(&p);
}

/* Loads the test's folder; returns the number of problems, after checking
 * it is what was reported and that content is returned only without. */
static int fx_load(unsigned langs)
{
	play_free(fx_play);
	fx_play = NULL;
	problems_free(&fx_problems);
	struct play_content *c = (struct play_content *)1;
	int n = play_load(fx_content, fx_static, langs, &c, collect, &fx_problems);
	assert_int_equal(n, fx_problems.n);
	if (n) {
		assert_null(c);
	} else {
		assert_non_null(c);
		fx_play = c;
	}
	return n;
}

/* Loads with every language required and expects exactly n problems. */
#define fx_load_expect(n) fx_load_expect_at(__LINE__, n)
static void fx_load_expect_at(int at, int n)
{
	fx_load(PLAY_ALL_LANGS);
	assert_problem_count_at(at, &fx_problems, n);
}

static void count_text(void *ctx, const char *text)
{
	assert_non_null(text);
	(*(int *)ctx)++;
}

static void test_play_minimal_valid(void **state)
{
	(void)state;
	fx_load_expect(0);
	const struct play_content *c = fx_play;

	assert_int_equal(c->ntopics, 2);
	assert_string_equal(c->topics[0].id, "privacy");
	assert_string_equal(c->topics[0].category, "cross-cutting");
	assert_int_equal(c->topics[0].bands, 7u);
	assert_int_equal(c->topics[1].bands, 1u << BAND_13_18);
	assert_int_equal(c->topics[0].ntips, 2);
	assert_int_equal(c->topics[1].ntips, 0);
	assert_string_equal(c->topics[0].tips[1].s[LANG_ZH], "Ask a grown-up. (zh)");
	assert_ptr_equal(play_topic(c, "scams"), &c->topics[1]);
	assert_null(play_topic(c, "nope"));

	assert_int_equal(c->ncharacters, 1);
	assert_string_equal(c->characters[0].image, "lumo.svg");
	assert_string_equal(c->characters[0].name.s[LANG_AR], "Lumo (ar)");

	assert_int_equal(c->nscenarios, 3);
	const struct scenario *u9 = play_scenario(c, "u9-home");
	const struct scenario *k9 = play_scenario(c, "k-photo");
	const struct scenario *t = play_scenario(c, "t-prize");
	assert_non_null(u9);
	assert_non_null(k9);
	assert_non_null(t);
	assert_null(play_scenario(c, "nope"));
	assert_null(play_scenario(c, NULL));

	assert_int_equal(u9->band, BAND_U9);
	assert_int_equal(u9->topic, 0);
	assert_int_equal(u9->character, 0);
	assert_int_equal(u9->line, 2);
	assert_non_null(strstr(u9->path, "/play/u9.txt"));
	assert_string_equal(u9->title.s[LANG_FR], "Where I live (fr)");
	assert_string_equal(u9->help.s[LANG_EN], "Ask {helpline}. (en)");
	assert_int_equal(u9->nsteps, 1);
	assert_string_equal(u9->steps[0].id, "start");
	assert_int_equal(u9->steps[0].nchoices, 2);
	assert_int_equal(u9->steps[0].choices[0].safe, SAFE_NO);
	assert_int_equal(u9->steps[0].choices[1].safe, SAFE_YES);
	assert_int_equal(u9->steps[0].choices[1].next, -1);
	assert_string_equal(u9->steps[0].choices[1].label.s[LANG_RU], "Ask a grown-up (ru)");
	assert_null(u9->reflect.s[LANG_EN]);

	assert_int_equal(k9->band, BAND_9_12);
	assert_int_equal(k9->steps[0].nchoices, 3);
	assert_int_equal(k9->steps[0].choices[2].safe, SAFE_PARTLY);

	assert_int_equal(t->band, BAND_13_18);
	assert_int_equal(t->topic, 1);
	assert_int_equal(t->character, -1);
	assert_int_equal(t->npeople, 1);
	assert_string_equal(t->people[0].id, "sam");
	assert_string_equal(t->people[0].name.s[LANG_ES], "Sam (es)");
	assert_int_equal(t->nsteps, 2);
	assert_string_equal(t->steps[0].id, "start");
	assert_string_equal(t->steps[1].id, "ask");
	assert_int_equal(t->steps[0].nmsgs, 2);
	assert_int_equal(t->steps[0].msgs[0].person, 0);
	assert_int_equal(t->steps[0].msgs[1].person, -1); /* you */
	assert_string_equal(t->steps[0].msgs[1].text.s[LANG_EN], "Really? (en)");
	assert_int_equal(t->steps[0].choices[0].next, 1);
	assert_int_equal(t->steps[0].choices[1].next, -1);
	assert_int_equal(t->steps[1].nmsgs, 1);
	assert_string_equal(t->reflect.s[LANG_ZH], "What made it a scam? {law} (zh)");

	/* u9: title safe help, text, 2 x (label, feedback) */
	int n = 0;
	play_scenario_texts(u9, LANG_FR, count_text, &n);
	assert_int_equal(n, 8);
	/* 13-18: title safe help reflect, 3 messages, 2 steps x 2 x 2 */
	n = 0;
	play_scenario_texts(t, LANG_AR, count_text, &n);
	assert_int_equal(n, 15);

	assert_int_equal(c->nsort, 6);
	assert_true(c->sort[0].scam);
	assert_false(c->sort[1].scam);
	assert_string_equal(c->sort[5].why.s[LANG_EN], "Your coach. (en)");
	assert_string_equal(c->pass_strong.s[LANG_ES], "Strong (es)");
	assert_int_equal(c->npass_tips, 1);
	assert_int_equal(c->nhelp, 4);
	assert_string_equal(c->help[3].id, "meet");
	assert_int_equal(c->help[0].nsteps, 2);
	assert_string_equal(c->help[0].steps[1].s[LANG_EN], "Two, then {helpline}. (en)");
	assert_int_equal(c->ncheckup, 2);
	assert_string_equal(c->checkup_title.s[LANG_RU], "Check-up (ru)");
	assert_int_equal(c->nhelplines, 2);
	assert_string_equal(c->helplines[0].country, "KE");
	assert_string_equal(c->helplines[0].contact, "116");
	assert_string_equal(c->helplines[1].source, "another test");
	assert_int_equal(c->nfiles, 9);
}

static void test_play_missing_translation(void **state)
{
	(void)state;
	fx_change("play/u9.txt", "title@fr: Where I live (fr)\n", "");
	fx_load_expect(1);
	/* reported where the source text is: the English */
	assert_problem(&fx_problems, "%s/play/u9.txt:%d: [u9-home] lacks title@fr", fx_content,
		       fx_line("play/u9.txt", "title@en:"));

	/* an empty text is missing too */
	fx_change("play/characters.txt", "about@zh: A small firefly. (zh)", "about@zh:");
	fx_write("play/u9.txt", u9_txt, PLAY_ALL_LANGS, NULL, NULL);
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/characters.txt:%d: [lumo] lacks about@zh",
		       fx_content, fx_line("play/characters.txt", "about@en:"));

	/* a text missing in every language: at the record */
	fx_write("play/characters.txt", characters_txt, PLAY_ALL_LANGS, NULL, NULL);
	char *no_help = fx_expand(u9_txt, PLAY_ALL_LANGS, NULL, NULL);
	char *cut = strstr(no_help, "help@ar:");
	assert_non_null(cut);
	*cut = '\0';
	unit_write_str(fx_content, "play/u9.txt", no_help);
	free(no_help);
	fx_load_expect(6);
	for (int i = 0; i < CONTENT_NLANGS; i++)
		assert_problem(&fx_problems, "%s/play/u9.txt:2: [u9-home] lacks help@%s", fx_content,
			       content_langs[i]);
}

static void test_play_unknown_language(void **state)
{
	(void)state;
	fx_change("play/topics.txt", "name@zh: Scams (zh)\n", "name@zh: Scams (zh)\nname@de: Betrug\n");
	fx_load_expect(1);
	assert_problem(&fx_problems,
		       "%s/play/topics.txt:%d: name@de: de is not one of ar, en, es, fr, ru, zh",
		       fx_content, fx_line("play/topics.txt", "name@de:"));
}

static void test_play_draft_mask(void **state)
{
	(void)state;
	/* a draft in English only */
	fx_write_all(ONLY(LANG_EN));
	assert_int_equal(fx_load(ONLY(LANG_EN)), 0);
	const struct scenario *s = play_scenario(fx_play, "u9-home");
	assert_string_equal(s->title.s[LANG_EN], "Where I live (en)");
	assert_null(s->title.s[LANG_FR]);

	/* every other language lacks every text */
	int texts = 0;
	for (size_t i = 0; i < sizeof(fx_files) / sizeof(fx_files[0]); i++)
		for (const char *p = fx_files[i].tpl; (p = strstr(p, "@*:")); p++)
			texts++;
	assert_int_equal(texts, 84); /* the "@*" lines of the templates */
	assert_int_equal(fx_load(PLAY_ALL_LANGS), 5 * texts);
	assert_problem(&fx_problems, "%s/play/u9.txt:%d: [u9-home] lacks title@ar", fx_content,
		       fx_line("play/u9.txt", "title@en:"));

	/* a draft of French lacks every French text, and only those */
	assert_int_equal(fx_load(ONLY(LANG_FR)), texts);
	assert_problem(&fx_problems, "%s/play/9-12.txt:%d: [k-photo] lacks start.c.feedback@fr",
		       fx_content, fx_line("play/9-12.txt", "start.c.feedback@en:"));

	/* a language other than the six is refused even in a draft */
	fx_write("play/u9.txt", u9_txt, ONLY(LANG_EN), "title@en", "title@xx: Draft\ntitle@en");
	assert_int_equal(fx_load(ONLY(LANG_EN)), 1);
	assert_problem(&fx_problems, "%s/play/u9.txt:%d: title@xx: xx is not one of", fx_content,
		       fx_line("play/u9.txt", "title@xx:"));
}

static void test_play_unknown_topic(void **state)
{
	(void)state;
	fx_change("play/u9.txt", "topic: privacy", "topic: nope");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/u9.txt:%d: [u9-home] no topic \"nope\"", fx_content,
		       fx_line("play/u9.txt", "topic: nope"));

	/* a topic the band does not have */
	fx_change("play/u9.txt", "topic: privacy", "topic: scams");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/u9.txt:%d: [u9-home] topic scams is not for u9",
		       fx_content, fx_line("play/u9.txt", "topic: scams"));

	/* no topic at all: at the record */
	fx_change("play/u9.txt", "topic: privacy\n", "");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/u9.txt:2: [u9-home] lacks topic:", fx_content);
}

static void test_play_unknown_character(void **state)
{
	(void)state;
	fx_change("play/9-12.txt", "character: lumo", "character: nobody");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/9-12.txt:%d: [k-photo] no character \"nobody\"",
		       fx_content, fx_line("play/9-12.txt", "character: nobody"));

	/* u9 and 9-12 need one; 13-18 does not (the minimal set has none) */
	fx_change("play/9-12.txt", "character: lumo\n", "");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/9-12.txt:1: [k-photo] lacks character:", fx_content);

	/* a person who writes but is not in people: */
	fx_write("play/9-12.txt", k9_txt, PLAY_ALL_LANGS, NULL, NULL);
	fx_change("play/13-18.txt", "ask.msg.1.from: sam", "ask.msg.1.from: alex");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/13-18.txt:%d: [t-prize] ask.msg.1.from: alex is not in people:",
		       fx_content, fx_line("play/13-18.txt", "ask.msg.1.from: alex"));
}

static void test_play_unknown_next(void **state)
{
	(void)state;
	fx_change("play/13-18.txt", "start.a.next: ask", "start.a.next: nowhere");
	fx_load_expect(2);
	assert_problem(&fx_problems, "%s/play/13-18.txt:%d: [t-prize] start.a.next: no step \"nowhere\"",
		       fx_content, fx_line("play/13-18.txt", "start.a.next: nowhere"));
	/* and so the step ask is never reached */
	assert_problem(&fx_problems,
		       "%s/play/13-18.txt:1: [t-prize] step ask cannot be reached from start",
		       fx_content);

	/* back to start */
	fx_change("play/13-18.txt", "ask.a.safe: no\n", "ask.a.safe: no\nask.a.next: start\n");
	fx_load_expect(1);
	assert_problem(&fx_problems,
		       "%s/play/13-18.txt:%d: [t-prize] ask.a.next: no choice may lead back to start",
		       fx_content, fx_line("play/13-18.txt", "ask.a.next: start"));
}

static void test_play_loop(void **state)
{
	(void)state;
	/* ask -> more -> ask */
	fx_change("play/13-18.txt", "ask.a.safe: no\n",
		  "ask.a.safe: no\nask.a.next: more\n"
		  "more.msg.1.from: sam\nmore.msg.1@ar: a\nmore.msg.1@en: a\nmore.msg.1@es: a\n"
		  "more.msg.1@fr: a\nmore.msg.1@ru: a\nmore.msg.1@zh: a\n"
		  "more.a@ar: a\nmore.a@en: a\nmore.a@es: a\nmore.a@fr: a\nmore.a@ru: a\nmore.a@zh: a\n"
		  "more.a.safe: no\nmore.a.next: ask\n"
		  "more.a.feedback@ar: f\nmore.a.feedback@en: f\nmore.a.feedback@es: f\n"
		  "more.a.feedback@fr: f\nmore.a.feedback@ru: f\nmore.a.feedback@zh: f\n"
		  "more.b@ar: b\nmore.b@en: b\nmore.b@es: b\nmore.b@fr: b\nmore.b@ru: b\nmore.b@zh: b\n"
		  "more.b.safe: yes\n"
		  "more.b.feedback@ar: f\nmore.b.feedback@en: f\nmore.b.feedback@es: f\n"
		  "more.b.feedback@fr: f\nmore.b.feedback@ru: f\nmore.b.feedback@zh: f\n");
	fx_load_expect(1);
	assert_problem(&fx_problems,
		       "%s/play/13-18.txt:1: [t-prize] step more leads back to ask: a story may not loop",
		       fx_content);
}

static void test_play_choice_counts(void **state)
{
	(void)state;
	/* an under-9 scene with 1 choice */
	char *one = fx_expand(u9_txt, PLAY_ALL_LANGS, NULL, NULL);
	char *b = strstr(one, "start.b@ar:"), *end = strstr(one, "safe@ar:");
	assert_true(b && end && b < end);
	memmove(b, end, strlen(end) + 1);
	unit_write_str(fx_content, "play/u9.txt", one);
	free(one);
	fx_load_expect(1);
	assert_problem(&fx_problems,
		       "%s/play/u9.txt:2: [u9-home] an under-9 scene has exactly 2 choices, one safe",
		       fx_content);

	/* a 13-18 step with 1 choice */
	fx_write("play/u9.txt", u9_txt, PLAY_ALL_LANGS, NULL, NULL);
	one = fx_expand(teen_txt, PLAY_ALL_LANGS, NULL, NULL);
	b = strstr(one, "ask.b@ar:");
	end = strstr(one, "safe@ar:");
	assert_true(b && end && b < end);
	memmove(b, end, strlen(end) + 1);
	unit_write_str(fx_content, "play/13-18.txt", one);
	free(one);
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/13-18.txt:1: [t-prize] step ask needs 2 to 4 choices",
		       fx_content);

	/* a 9-12 card with 4 choices */
	fx_write("play/13-18.txt", teen_txt, PLAY_ALL_LANGS, NULL, NULL);
	fx_change("play/9-12.txt", "safe@ar:",
		  "start.d@ar: d\nstart.d@en: d\nstart.d@es: d\nstart.d@fr: d\nstart.d@ru: d\n"
		  "start.d@zh: d\nstart.d.safe: no\nstart.d.feedback@ar: f\nstart.d.feedback@en: f\n"
		  "start.d.feedback@es: f\nstart.d.feedback@fr: f\nstart.d.feedback@ru: f\n"
		  "start.d.feedback@zh: f\nsafe@ar:");
	fx_load_expect(1);
	assert_problem(&fx_problems,
		       "%s/play/9-12.txt:1: [k-photo] a 9-12 card has exactly 3 choices, at least one safe",
		       fx_content);

	/* a 13-18 step with 5 choices: c and d are fine, e is no choice */
	fx_write("play/9-12.txt", k9_txt, PLAY_ALL_LANGS, NULL, NULL);
	static const char extra[] =
		"start.c@*: c\nstart.c.safe: no\nstart.c.feedback@*: f\n"
		"start.d@*: d\nstart.d.safe: no\nstart.d.feedback@*: f\n"
		"start.e@*: e\nstart.e.safe: no\nstart.e.feedback@*: f\n";
	char *more = fx_expand(extra, PLAY_ALL_LANGS, NULL, NULL);
	size_t tolen = strlen(more) + 32;
	char *to = malloc(tolen);
	snprintf(to, tolen, "%sask.msg.1.from:", more);
	fx_change("play/13-18.txt", "ask.msg.1.from:", to);
	free(to);
	free(more);
	fx_load_expect(13); /* start.e in 6 languages, .safe, .feedback in 6 */
	assert_problem(&fx_problems, "%s/play/13-18.txt:%d: [t-prize] unknown field start.e",
		       fx_content, fx_line("play/13-18.txt", "start.e@ar:"));
	assert_problem(&fx_problems, "%s/play/13-18.txt:%d: [t-prize] unknown field start.e.safe",
		       fx_content, fx_line("play/13-18.txt", "start.e.safe:"));
	assert_problem(&fx_problems, "%s/play/13-18.txt:%d: [t-prize] unknown field start.e.feedback",
		       fx_content, fx_line("play/13-18.txt", "start.e.feedback@zh:"));

	/* a gap in the letters */
	fx_change_all("play/13-18.txt", teen_txt, "start.b", "start.c");
	fx_load_expect(2);
	assert_problem(&fx_problems,
		       "%s/play/13-18.txt:1: [t-prize] choice start.c follows a gap: letters go a, b, c, d",
		       fx_content);
	assert_problem(&fx_problems, "%s/play/13-18.txt:1: [t-prize] step start needs 2 to 4 choices",
		       fx_content);
}

static void test_play_no_safe_choice(void **state)
{
	(void)state;
	fx_change("play/u9.txt", "start.b.safe: yes", "start.b.safe: no");
	fx_change("play/9-12.txt", "start.b.safe: yes", "start.b.safe: partly");
	fx_load_expect(2);
	assert_problem(&fx_problems,
		       "%s/play/u9.txt:2: [u9-home] an under-9 scene has exactly 2 choices, one safe",
		       fx_content);
	assert_problem(&fx_problems,
		       "%s/play/9-12.txt:1: [k-photo] a 9-12 card has exactly 3 choices, at least one safe",
		       fx_content);

	/* two safe choices are one too many for the under-9s */
	fx_change("play/u9.txt", "start.a.safe: no", "start.a.safe: yes");
	fx_write("play/9-12.txt", k9_txt, PLAY_ALL_LANGS, NULL, NULL);
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/u9.txt:2: [u9-home] an under-9 scene has", fx_content);

	/* safe: is yes, no or partly, and required */
	fx_change("play/u9.txt", "start.a.safe: no", "start.a.safe: maybe");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/u9.txt:%d: [u9-home] start.a.safe must be yes, no or partly",
		       fx_content, fx_line("play/u9.txt", "start.a.safe: maybe"));
	fx_change("play/u9.txt", "start.a.safe: no\n", "");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/u9.txt:2: [u9-home] lacks start.a.safe:", fx_content);
}

static void test_play_placeholders(void **state)
{
	(void)state;
	fx_change("play/u9.txt", "help@en: Ask {helpline}. (en)", "help@en: Call {phone}. (en)");
	fx_load_expect(1);
	assert_problem(&fx_problems,
		       "%s/play/u9.txt:%d: help@en: unknown placeholder (use {helpline}, "
		       "{helpline_contact}, {report}, {emergency} or {law})",
		       fx_content, fx_line("play/u9.txt", "{phone}"));

	/* an opening brace that is not closed, a closing one never opened */
	fx_write("play/u9.txt", u9_txt, PLAY_ALL_LANGS, NULL, NULL);
	fx_change("play/13-18.txt", "title@es: A prize (es)", "title@es: A {prize (es)");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/13-18.txt:%d: title@es: unknown placeholder",
		       fx_content, fx_line("play/13-18.txt", "title@es:"));
	fx_change("play/13-18.txt", "title@es: A prize (es)", "title@es: A prize} (es)");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/13-18.txt:%d: title@es: '}' without '{'", fx_content,
		       fx_line("play/13-18.txt", "title@es:"));
	fx_change("play/13-18.txt", "title@es: A prize (es)", "title@es: A {helpline (es)");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/13-18.txt:%d: title@es: unknown placeholder",
		       fx_content, fx_line("play/13-18.txt", "title@es:"));

	/* a closing brace too many, after a good placeholder or before one */
	fx_change("play/13-18.txt", "title@es: A prize (es)", "title@es: Ask {helpline}} (es)");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/13-18.txt:%d: title@es: '}' without '{'", fx_content,
		       fx_line("play/13-18.txt", "title@es:"));
	fx_change("play/13-18.txt", "title@es: A prize (es)", "title@es: Ask } {law} (es)");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/13-18.txt:%d: title@es: '}' without '{'", fx_content,
		       fx_line("play/13-18.txt", "title@es:"));

	/* placeholders are checked in the texts of the app too */
	fx_write("play/13-18.txt", teen_txt, PLAY_ALL_LANGS, NULL, NULL);
	fx_change("play/help.txt", "step.2@ru: Two, then {helpline}. (ru)",
		  "step.2@ru: Two, then {Helpline}. (ru)");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/help.txt:%d: step.2@ru: unknown placeholder",
		       fx_content, fx_line("play/help.txt", "{Helpline}"));
}

static void test_play_missing_file(void **state)
{
	(void)state;
	unit_remove(fx_content, "play/checkup.txt");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/checkup.txt:0: cannot be read", fx_content);

	unit_remove(fx_content, "help/helplines.txt");
	fx_load_expect(2);
	assert_problem(&fx_problems, "%s/help/helplines.txt:0: cannot be read", fx_content);

	/* a character's image */
	fx_write("play/checkup.txt", checkup_txt, PLAY_ALL_LANGS, NULL, NULL);
	fx_write("help/helplines.txt", helplines_txt, PLAY_ALL_LANGS, NULL, NULL);
	unit_remove(fx_static, "play/lumo.svg");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/characters.txt:%d: [lumo] image lumo.svg is not in static/play/",
		       fx_content, fx_line("play/characters.txt", "image: lumo.svg"));

	/* the picture of an under-9 scene */
	unit_write_str(fx_static, "play/lumo.svg", "<svg/>\n");
	unit_remove(fx_static, "play/scenes/u9-home.svg");
	fx_load_expect(1);
	assert_problem(&fx_problems,
		       "%s/play/u9.txt:2: [u9-home] has no picture: static/play/scenes/u9-home.svg",
		       fx_content);
	unit_write_str(fx_static, "play/scenes/u9-home.svg", "<svg/>\n");

	/* a required record */
	fx_change("play/help.txt", "[meet]", "[meeting]");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/play/help.txt:1: lacks the help flow [meet]", fx_content);
}

static void test_play_translation_files(void **state)
{
	(void)state;
	/* French in its own file, beside the others */
	fx_mkdir("content/play/i18n");
	fx_mkdir("content/play/i18n/fr");
	fx_write("play/u9.txt", u9_txt, PLAY_ALL_LANGS & ~ONLY(LANG_FR), NULL, NULL);
	static const char fr[] = "[u9-home]\n"
				 "title@fr: O\xc3\xb9 j'habite\n"
				 "start.text@fr: Texte\n"
				 "start.a@fr: A\n"
				 "start.a.feedback@fr: FA\n"
				 "start.b@fr: B\n"
				 "start.b.feedback@fr: FB\n"
				 "safe@fr: S\n"
				 "help@fr: Demande \xc3\xa0 {helpline}.\n";
	unit_write_str(fx_content, "play/i18n/fr/u9.txt", fr);
	fx_load_expect(0);
	const struct scenario *s = play_scenario(fx_play, "u9-home");
	assert_string_equal(s->title.s[LANG_FR], "O\xc3\xb9 j'habite");
	assert_string_equal(s->steps[0].choices[1].feedback.s[LANG_FR], "FB");
	assert_string_equal(s->title.s[LANG_EN], "Where I live (en)");

	/* what does not belong in a translation file, reported in it */
	char bad[2048];
	snprintf(bad, sizeof(bad),
		 "%s"			/* 1-9 */
		 "band: u9\n"		/* 10: not a text */
		 "title@es: Donde\n"	/* 11: not French */
		 "start.c@fr: C\n"	/* 12: no English */
		 "[u9-nope]\n"		/* 13: no such record */
		 "title@fr: Non\n",	/* 14 */
		 fr);
	unit_write_str(fx_content, "play/i18n/fr/u9.txt", bad);
	fx_write("play/u9.txt", u9_txt, PLAY_ALL_LANGS & ~ONLY(LANG_FR), "safe@en", "title@fr: Aussi\nsafe@en");
	fx_load_expect(5);
	char path[256];
	snprintf(path, sizeof(path), "%s/play/i18n/fr/u9.txt", fx_content);
	assert_problem(&fx_problems, "%s:2: [u9-home] title@fr is also in the main file", path);
	assert_problem(&fx_problems, "%s:10: [u9-home] band: a translation file for fr holds only @fr texts",
		       path);
	assert_problem(&fx_problems, "%s:11: [u9-home] title: a translation file for fr holds only @fr texts",
		       path);
	assert_problem(&fx_problems, "%s:12: [u9-home] start.c@fr translates nothing: there is no start.c@en",
		       path);
	assert_problem(&fx_problems, "%s:13: [u9-nope] is not in %s/play/u9.txt", path, fx_content);

	/* a bad placeholder in a translation is reported in the translation
	 * file, and a missing French title where the English one is */
	fx_write("play/u9.txt", u9_txt, PLAY_ALL_LANGS & ~ONLY(LANG_FR), NULL, NULL);
	char *bad_ph = strdup(fr);
	assert_non_null(bad_ph);
	char *at = strstr(bad_ph, "{helpline}");
	assert_non_null(at);
	memcpy(at, "{phone}}  ", 10);
	unit_write_str(fx_content, "play/i18n/fr/u9.txt", bad_ph);
	free(bad_ph);
	fx_load_expect(2);
	assert_problem(&fx_problems, "%s:9: help@fr: unknown placeholder", path);
	assert_problem(&fx_problems, "%s/play/u9.txt:%d: [u9-home] lacks help@fr", fx_content,
		       fx_line("play/u9.txt", "help@en:"));
	unit_write_str(fx_content, "play/i18n/fr/u9.txt", fr);
}

/* A story twice in one file is one problem, said by the parser; in two
 * files, it is said as such. */
static void test_play_duplicate_story(void **state)
{
	(void)state;
	char *one = fx_expand(u9_txt, PLAY_ALL_LANGS, NULL, NULL);
	size_t n = strlen(one);
	char *two = malloc(2 * n + 2);
	assert_non_null(two);
	memcpy(two, one, n);
	two[n] = '\n';
	memcpy(two + n + 1, one, n + 1);
	unit_write_str(fx_content, "play/u9.txt", two);
	free(two);
	free(one);
	fx_load(PLAY_ALL_LANGS);
	assert_problem(&fx_problems, "%s/play/u9.txt:", fx_content);
	assert_problem(&fx_problems, "[u9-home] is already at line");
	for (int i = 0; i < fx_problems.n && i < MAX_PROBLEMS; i++)
		if (strstr(fx_problems.msg[i], "is also in another file"))
			fail_msg("reported twice: %s", fx_problems.msg[i]);
}

/* ---- the shipped content --------------------------------------------------- */

static struct play_content *shipped;

static void load_shipped(void)
{
	char content[1024], stat_dir[1024];
	struct problems p = {0};
	snprintf(content, sizeof(content), "%s/content", unit_data_dir());
	snprintf(stat_dir, sizeof(stat_dir), "%s/static", unit_data_dir());
	shipped = NULL;
	int n = play_load(content, stat_dir, PLAY_ALL_LANGS, &shipped, collect, &p);
	if (n) {
		problems_print(&p);
		problems_free(&p);
		fail_msg("%s: %d problems", content, n);
	}
	assert_non_null(shipped);
}

static void test_play_shipped_content(void **state)
{
	(void)state;
	load_shipped();
	assert_int_equal(shipped->nscenarios, 36);
	int per_band[NBANDS] = {0};
	for (int i = 0; i < shipped->nscenarios; i++) {
		const struct scenario *s = &shipped->scenarios[i];
		assert_true(s->band < NBANDS);
		per_band[s->band]++;
		assert_true(s->topic >= 0 && s->topic < shipped->ntopics);
		assert_true(shipped->topics[s->topic].bands & (1u << s->band));
		assert_ptr_equal(play_scenario(shipped, s->id), s);
		for (int lg = 0; lg < CONTENT_NLANGS; lg++)
			assert_non_null(s->title.s[lg]);
	}
	for (int b = 0; b < NBANDS; b++)
		if (per_band[b] != 12)
			fail_msg("%d scenarios for %s, expected 12", per_band[b], band_ids[b]);
	assert_int_equal(shipped->nhelp >= 4, 1);
	assert_int_equal(shipped->nsort >= 6, 1);
	play_free(shipped);
	shipped = NULL;
}

static void test_play_shipped_helplines(void **state)
{
	(void)state;
	static const char *const countries[] = {"CZ", "DK", "EE", "FI", "GR", "HU", "PT", "SE"};
	load_shipped();
	assert_int_equal(shipped->nhelplines, 8);
	for (size_t i = 0; i < sizeof(countries) / sizeof(countries[0]); i++) {
		const struct helpline_default *h = play_helpline(shipped, countries[i]);
		if (!h)
			fail_msg("no helpline for %s", countries[i]);
		assert_string_equal(h->country, countries[i]);
		assert_string_equal(h->contact, "116 111");
		assert_true(h->source && *h->source);
	}
	/* country codes are upper case, as in play.country (config.c):
	 * the file's lower-case ids are not looked up as such */
	assert_null(play_helpline(shipped, "cz"));
	assert_null(play_helpline(shipped, "Cz"));
	assert_null(play_helpline(shipped, "KE"));
	assert_null(play_helpline(shipped, "ZZ"));
	assert_null(play_helpline(shipped, ""));
	assert_null(play_helpline(shipped, "CZE"));
	assert_null(play_helpline(shipped, NULL));
	play_free(shipped);
	shipped = NULL;
}

static void test_play_helpline_ids(void **state)
{
	(void)state;
	fx_change("help/helplines.txt", "[fr]", "[fra]");
	fx_load_expect(1);
	assert_problem(&fx_problems,
		       "%s/help/helplines.txt:6: [fra] a helpline's id is its country's two-letter code",
		       fx_content);
	fx_change("help/helplines.txt", "contact: 119\n", "");
	fx_load_expect(1);
	assert_problem(&fx_problems, "%s/help/helplines.txt:6: [fr] lacks contact:", fx_content);
	fx_write("help/helplines.txt", helplines_txt, PLAY_ALL_LANGS, NULL, NULL);
	fx_load_expect(0);
	assert_non_null(play_helpline(fx_play, "FR"));
	assert_string_equal(play_helpline(fx_play, "FR")->contact, "119");
	assert_null(play_helpline(fx_play, "fr"));
	assert_null(play_helpline(fx_play, "DE"));
}

/* ---- readability ------------------------------------------------------------ */

/* Doubles within eps (cmocka's assert_float_equal works in float). */
#define assert_near(a, b, eps) assert_near_at((a), (b), (eps), #a, __FILE__, __LINE__)

static void assert_near_at(double a, double b, double eps, const char *what, const char *file,
			   int line)
{
	if (!(fabs(a - b) <= eps))
		fail_msg("%s:%d: %s = %.10f, expected %.10f", file, line, what, a, b);
}

static double score_of(const char *text, const char *lang, struct text_stats *st)
{
	double score = NAN;
	memset(st, 0, sizeof(*st));
	readability_count(st, text, lang);
	if (!readability_score(st, lang, &score))
		fail_msg("no %s score for \"%s\"", lang, text);
	return score;
}

static void assert_stats(const struct text_stats *st, long sentences, long words, long syllables)
{
	assert_int_equal(st->sentences, sentences);
	assert_int_equal(st->words, words);
	assert_int_equal(st->syllables, syllables);
}

static void test_readability_english(void **state)
{
	(void)state;
	struct text_stats st;
	/* 1 sentence, 3 words, 3 syllables: ASL 3, ASW 1
	 * 206.835 - 1.015 * 3 - 84.6 * 1 = 206.835 - 3.045 - 84.6 = 119.19 */
	double s = score_of("The cat sat.", "en", &st);
	assert_stats(&st, 1, 3, 3);
	assert_near(s, 119.19, 1e-9);

	/* com-pu-ters 3, are 1 (silent e), won-der-ful 3, ma-chi-nes 3 (the
	 * groups o u e, a i e): 1 sentence, 4 words, 10 syllables: ASL 4, ASW 2.5
	 * 206.835 - 4.06 - 211.5 = -8.725 */
	s = score_of("Computers are wonderful machines.", "en", &st);
	assert_stats(&st, 1, 4, 10);
	assert_near(s, -8.725, 1e-9);

	/* make 1, a 1, lit-tle 2 (a final -le is a syllable), cake 1; is 1,
	 * it 1, nice 1: 2 sentences, 7 words, 8 syllables: ASL 3.5, ASW 8/7
	 * 206.835 - 3.5525 - 676.8/7 (96.685714...) = 106.596785714... */
	s = score_of("Make a little cake! Is it nice?", "en", &st);
	assert_stats(&st, 2, 7, 8);
	assert_near(s, 206.835 - 1.015 * 3.5 - 84.6 * 8.0 / 7.0, 1e-9);
	assert_near(s, 106.5967857, 1e-6);

	/* counts add up over calls; "..." and "!!!" end one sentence */
	memset(&st, 0, sizeof(st));
	readability_count(&st, "Hi!!! Yes...", "en");
	assert_stats(&st, 2, 2, 2);
	readability_count(&st, "don't stop", "en"); /* no end mark: still a sentence */
	assert_stats(&st, 3, 4, 4);
	readability_count(&st, " ... 116 111 ", "en"); /* no words: nothing */
	assert_stats(&st, 3, 4, 4);
}

static void test_readability_other_languages(void **state)
{
	(void)state;
	struct text_stats st;
	/* ru, Oborneva, syllables = vowels: ма-ма 2, мы-ла 2, ра-му 2:
	 * 1 sentence, 3 words, 6 syllables: ASL 3, ASW 2
	 * 206.835 - 1.3 * 3 - 60.1 * 2 = 206.835 - 3.9 - 120.2 = 82.735 */
	double s = score_of("\xd0\x9c\xd0\xb0\xd0\xbc\xd0\xb0 \xd0\xbc\xd1\x8b\xd0\xbb\xd0\xb0 "
			    "\xd1\x80\xd0\xb0\xd0\xbc\xd1\x83.", /* Мама мыла раму. */
			    "ru", &st);
	assert_stats(&st, 1, 3, 6);
	assert_near(s, 82.735, 1e-9);

	/* es, Szigriszt-Pazos: el 1, pe-rro 2, co-me 2 (no silent e):
	 * 1 sentence, 3 words, 5 syllables: ASL 3, ASW 5/3
	 * 206.835 - 62.3 * 5/3 - 3 = 206.835 - 103.8333... - 3 = 100.001666... */
	s = score_of("El perro come.", "es", &st);
	assert_stats(&st, 1, 3, 5);
	assert_near(s, 100.0016667, 1e-6);
	/* y is a consonant in Spanish: muy 1, bien 1, y 1 (a word has one), mal 1:
	 * ASL 4, ASW 1: 206.835 - 62.3 - 4 = 140.535 */
	s = score_of("Muy bien y mal.", "es", &st);
	assert_stats(&st, 1, 4, 4);
	assert_near(s, 140.535, 1e-9);

	/* fr, Kandel & Moles: la 1, fe-nê-tre 2 (silent e), est 1,
	 * ou-ver-te 2: 1 sentence, 4 words, 6 syllables: ASL 4, ASW 1.5
	 * 207 - 1.015 * 4 - 73.6 * 1.5 = 207 - 4.06 - 110.4 = 92.54 */
	s = score_of("La fen\xc3\xaatre est ouverte.", "fr", &st);
	assert_stats(&st, 1, 4, 6);
	assert_near(s, 92.54, 1e-9);

	/* no formula for ar and zh; no score without words */
	double none = 1234;
	memset(&st, 0, sizeof(st));
	readability_count(&st, "\xe4\xbd\xa0\xe5\xa5\xbd\xe3\x80\x82", "zh"); /* 你好。 */
	assert_int_equal(st.sentences, 1);
	assert_false(readability_score(&st, "zh", &none));
	assert_false(readability_score(&st, "ar", &none));
	memset(&st, 0, sizeof(st));
	assert_false(readability_score(&st, "en", &none));
	assert_true(none == 1234);

	double min = 0;
	assert_true(readability_target("en", BAND_U9, &min));
	assert_near(min, 90, 0);
	assert_true(readability_target("en", BAND_13_18, &min));
	assert_near(min, 60, 0);
	assert_true(readability_target("es", BAND_9_12, &min));
	assert_near(min, 76, 0);
	assert_false(readability_target("fr", BAND_U9, &min));
	assert_false(readability_target("en", 3, &min));
	assert_false(readability_target("en", -1, &min));
}

static void test_readability_harder_scores_lower(void **state)
{
	(void)state;
	static const struct {
		const char *lang, *easy, *hard;
	} cases[] = {
		{"en", "The cat sat. The dog ran. We had fun.",
		 "Unquestionably, contemporary telecommunications infrastructure necessitates "
		 "considerable international cooperation regarding cybersecurity regulations."},
		{"es", "El sol sale. La casa es roja. Mi gato come.",
		 "La administraci\xc3\xb3n p\xc3\xba"
		 "blica internacional necesita considerablemente m\xc3\xa1s "
		 "cooperaci\xc3\xb3n tecnol\xc3\xb3gica respecto a las regulaciones inform\xc3\xa1ticas."},
		{"fr", "Le chat dort. Il fait beau. On joue.",
		 "L'administration internationale n\xc3\xa9"
		 "cessite consid\xc3\xa9rablement davantage de "
		 "coop\xc3\xa9ration technologique concernant les r\xc3\xa9glementations informatiques."},
		{"ru",
		 /* Кот спит. Дом мал. Я рад. */
		 "\xd0\x9a\xd0\xbe\xd1\x82 \xd1\x81\xd0\xbf\xd0\xb8\xd1\x82. "
		 "\xd0\x94\xd0\xbe\xd0\xbc \xd0\xbc\xd0\xb0\xd0\xbb. \xd0\xaf \xd1\x80\xd0\xb0\xd0\xb4.",
		 /* Международная администрация нуждается в значительно более
		  * интенсивном технологическом сотрудничестве. */
		 "\xd0\x9c\xd0\xb5\xd0\xb6\xd0\xb4\xd1\x83\xd0\xbd\xd0\xb0\xd1\x80\xd0\xbe\xd0\xb4"
		 "\xd0\xbd\xd0\xb0\xd1\x8f \xd0\xb0\xd0\xb4\xd0\xbc\xd0\xb8\xd0\xbd\xd0\xb8\xd1\x81"
		 "\xd1\x82\xd1\x80\xd0\xb0\xd1\x86\xd0\xb8\xd1\x8f \xd0\xbd\xd1\x83\xd0\xb6\xd0\xb4"
		 "\xd0\xb0\xd0\xb5\xd1\x82\xd1\x81\xd1\x8f \xd0\xb2 \xd0\xb7\xd0\xbd\xd0\xb0\xd1\x87"
		 "\xd0\xb8\xd1\x82\xd0\xb5\xd0\xbb\xd1\x8c\xd0\xbd\xd0\xbe \xd0\xb1\xd0\xbe\xd0\xbb"
		 "\xd0\xb5\xd0\xb5 \xd0\xb8\xd0\xbd\xd1\x82\xd0\xb5\xd0\xbd\xd1\x81\xd0\xb8\xd0\xb2"
		 "\xd0\xbd\xd0\xbe\xd0\xbc \xd1\x82\xd0\xb5\xd1\x85\xd0\xbd\xd0\xbe\xd0\xbb\xd0\xbe"
		 "\xd0\xb3\xd0\xb8\xd1\x87\xd0\xb5\xd1\x81\xd0\xba\xd0\xbe\xd0\xbc \xd1\x81\xd0\xbe"
		 "\xd1\x82\xd1\x80\xd1\x83\xd0\xb4\xd0\xbd\xd0\xb8\xd1\x87\xd0\xb5\xd1\x81\xd1\x82"
		 "\xd0\xb2\xd0\xb5."},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct text_stats st;
		double easy = score_of(cases[i].easy, cases[i].lang, &st);
		assert_true(st.sentences == 3);
		double hard = score_of(cases[i].hard, cases[i].lang, &st);
		assert_true(st.sentences == 1);
		if (!(easy > hard + 30))
			fail_msg("%s: easy %.2f, hard %.2f", cases[i].lang, easy, hard);
	}
}

/* A lesson's blocks, as the translation units see them: the runs of
 * lines between blank ones (spaces and CRs count as blank), without the
 * line ends around them. */
static void test_md_blocks(void **state)
{
	(void)state;
	struct cl_span b[8];
	const char *md = "\n## Title\n\nOne line\nand another.\r\n \t\n\n- a\n- b\n\nlast";
	assert_int_equal(cl_md_blocks(md, b, 8), 4);
	assert_int_equal((int)b[0].n, 8);
	assert_memory_equal(b[0].s, "## Title", 8);
	assert_int_equal((int)b[1].n, (int)strlen("One line\nand another."));
	assert_memory_equal(b[1].s, "One line\nand another.", b[1].n);
	assert_memory_equal(b[2].s, "- a\n- b", b[2].n);
	assert_int_equal((int)b[2].n, 7);
	assert_memory_equal(b[3].s, "last", 4);
	assert_int_equal((int)b[3].n, 4);
	/* no more than max, and nothing in a blank text */
	assert_int_equal(cl_md_blocks(md, b, 2), 2);
	assert_int_equal(cl_md_blocks(" \n\n", b, 8), 0);
	assert_int_equal(cl_md_blocks("", b, 8), 0);
}

int main(void)
{
#define FX(t) cmocka_unit_test_setup_teardown(t, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cf_records_and_fields),
		cmocka_unit_test(test_md_blocks),
		cmocka_unit_test(test_cf_empty_and_bom),
		cmocka_unit_test(test_cf_malformed_lines),
		cmocka_unit_test(test_cf_duplicates),
		cmocka_unit_test(test_cf_crlf),
		cmocka_unit_test(test_cf_no_final_newline),
		cmocka_unit_test(test_cf_invalid_utf8),
		FX(test_cf_load),
		FX(test_play_minimal_valid),
		FX(test_play_missing_translation),
		FX(test_play_unknown_language),
		FX(test_play_draft_mask),
		FX(test_play_unknown_topic),
		FX(test_play_unknown_character),
		FX(test_play_unknown_next),
		FX(test_play_loop),
		FX(test_play_choice_counts),
		FX(test_play_no_safe_choice),
		FX(test_play_placeholders),
		FX(test_play_missing_file),
		FX(test_play_translation_files),
		FX(test_play_helpline_ids),
		FX(test_play_duplicate_story),
		cmocka_unit_test(test_play_shipped_content),
		cmocka_unit_test(test_play_shipped_helplines),
		cmocka_unit_test(test_readability_english),
		cmocka_unit_test(test_readability_other_languages),
		cmocka_unit_test(test_readability_harder_scores_lower),
	};
#undef FX
	return cmocka_run_group_tests(tests, NULL, NULL);
}
