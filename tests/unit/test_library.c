/*
 * test_library.c: content/library.h, the guidelines library
 * (content/README.md, "Guidelines library"), on files written to /tmp: a
 * valid set loads as a tree of chapters, sections and numbered items with
 * their 4Cs and resolved links; each kind of problem (an item out of
 * order or numbering, a section without its chapter, an unknown type or
 * topic, a link that leads nowhere, a translated field, a duplicate id or
 * order) is reported as "FILE:LINE: message".
 */
#include "problems.h"

#include "content/library.h"

#include <sys/stat.h>

static char root[64];

static void write_set(const char *name, const char *text)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/library", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/library/%s.txt", root, name);
	unit_write(NULL, path, text, strlen(text));
}

static const char *const topics[] = {"privacy", "bullying"};
static const char *const courses[] = {"parents-carers"};
static const struct lib_targets targets = {topics, 2, courses, 1};

static const char good[] =
	"[set]\naudience: parents\norder: 2\ntitle@en: For parents\nsummary@en: What to do.\n"
	"\n[talk]\ntitle@en: Talk\nintro@en: Talk often.\n"
	"[talk.listen]\ntitle@en: Listen\ntext@en: Listen first.\n"
	"[talk.listen.1]\ntype: recommendation\ntopics: contact conduct\ntext@en: Ask.\n"
	"see: play:bullying learn:parents-carers talk.listen.2 kids/you.rights.1\n"
	"[talk.listen.2]\ntype: checklist\ntopics: content\ntext@en: I asked.\n"
	"[talk.later]\ntitle@en: Later\n"
	"[talk.later.1]\ntype: recommendation\ntopics: contract\ntext@en: Check.\n"
	"[tools]\ntitle@en: Tools\nintro@en: Settings.\n"
	"[tools.settings]\ntitle@en: Settings\n"
	"[tools.settings.1]\ntype: checklist\ntopics: contact\ntext@en: I set it.\n";
static const char kids[] =
	"[set]\naudience: children\norder: 1\ntitle@en: For you\nsummary@en: Yours.\n"
	"[you]\ntitle@en: You\nintro@en: Hello.\n[you.rights]\ntitle@en: Rights\n"
	"[you.rights.1]\ntype: recommendation\ntopics: content\ntext@en: You have rights.\n"
	"see: parents/talk\n";

static void test_valid(void **state)
{
	(void)state;
	write_set("parents", good);
	write_set("kids", kids);
	struct problems p = {0};
	struct library *lib = NULL;
	int n = library_load(root, &targets, collect, &p, &lib);
	problems_print(&p);
	/* a link to a chapter is not to a section or item */
	assert_int_equal(n, 1);
	assert_problem(&p, "kids.txt:11: [you.rights.1] see: parents/talk leads nowhere");
	problems_free(&p);
	write_set("kids", "[set]\naudience: children\norder: 1\ntitle@en: For you\nsummary@en: "
			  "Yours.\n[you]\ntitle@en: You\nintro@en: Hello.\n[you.rights]\ntitle@en: "
			  "Rights\n[you.rights.1]\ntype: recommendation\ntopics: content\ntext@en: "
			  "You have rights.\nsee: parents/talk.listen.2\n");
	n = library_load(root, &targets, collect, &p, &lib);
	problems_print(&p);
	assert_int_equal(n, 0);
	assert_non_null(lib);
	assert_int_equal(lib->nsets, 2);
	/* by order: children first */
	assert_string_equal(lib->sets[0].id, "kids");
	const struct lib_set *s = library_set(lib, "parents");
	assert_non_null(s);
	assert_int_equal(s->audience, LIB_PARENTS);
	assert_int_equal(s->nchapters, 2);
	assert_int_equal(s->nitems, 4);
	assert_int_equal(s->chapters[0].nsections, 2);
	const struct lib_item *it = &s->chapters[0].sections[0].items[0];
	assert_string_equal(it->id, "talk.listen.1");
	assert_int_equal(it->topics, C4_CONTACT | C4_CONDUCT);
	assert_false(it->checklist);
	assert_int_equal(it->nsee, 4);
	assert_string_equal(it->see[2], "parents/talk.listen.2"); /* resolved */
	assert_true(s->chapters[0].sections[0].items[1].checklist);
	assert_null(s->chapters[0].sections[1].text);
	const struct lib_chapter *ch;
	const struct lib_section *sec;
	const struct lib_item *item;
	assert_true(library_find(s, "talk.later.1", &ch, &sec, &item));
	assert_string_equal(item->text, "Check.");
	assert_true(library_find(s, "tools", &ch, &sec, &item));
	assert_null(sec);
	assert_false(library_find(s, "talk.listen.9", &ch, &sec, &item));
	assert_false(library_find(s, "tal", &ch, &sec, &item));
	library_free(lib);
	problems_free(&p);
}

static void test_problems(void **state)
{
	(void)state;
	write_set("broken",
		  "[set]\naudience: teachers\norder: 2\ntitle@en: T\nsummary@en: S\ntitle@fr: F\n"
		  "[talk]\ntitle@en: Talk\nintro@en: I.\ncolour: red\n"
		  "[talk.listen]\ntitle@en: Listen\n"
		  "[talk.listen.1]\ntype: advice\ntopics: contact danger\ntext@en: A.\n"
		  "[talk.listen.3]\ntype: checklist\ntopics: content\ntext@en: B.\n"
		  "[talk.listen.2]\ntype: checklist\ntext@en: C.\nsee: play:cooking nowhere.1\n"
		  "[other.thing]\ntitle@en: Lost\n"
		  "[talk]\ntitle@en: Again\nintro@en: I.\n[talk.x]\ntitle@en: X\n"
		  "[talk.x.1]\ntype: checklist\ntopics: content\ntext@en: D.\n");
	write_set("second", "[set]\naudience: policy\norder: 2\ntitle@en: P\nsummary@en: S\n");
	struct problems p = {0};
	struct library *lib = NULL;
	int n = library_load(root, &targets, collect, &p, &lib);
	assert_null(lib);
	assert_int_equal(n, p.n);
	assert_problem(&p, "broken.txt:2: [set] audience: children, parents, industry or policy");
	assert_problem(&p, "broken.txt:6: [set] title@fr: the library's files hold English");
	assert_problem(&p, "broken.txt:10: [talk] colour: not a field of this record");
	assert_problem(&p, "broken.txt:14: [talk.listen.1] type: recommendation or checklist");
	assert_problem(&p, "broken.txt:15: [talk.listen.1] topics: \"danger\" is not one of");
	assert_problem(&p, "[talk.listen.3]: item 3 of talk.listen comes after item 1");
	assert_problem(&p, "[talk.listen.2] topics: at least one of the 4Cs");
	assert_problem(&p, "[talk.listen.2] see: play:cooking leads nowhere");
	assert_problem(&p, "[talk.listen.2] see: nowhere.1 leads nowhere");
	assert_problem(&p, "[other.thing]: it must follow its chapter, in reading order");
	assert_problem(&p, "[talk]: this chapter is there twice");
	assert_problem(&p, "second.txt:1: a set has at least one chapter");
	assert_problem(&p, "[set] order 2 is also");
	problems_free(&p);
}

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/cophub-library.XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_problems, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
