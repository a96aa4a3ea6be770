/*
 * test_learn.c: content/learn.h, the courses (content/README.md,
 * "Courses"), on course folders written to /tmp: a minimal valid course
 * loads with its modules, lessons, questions and languages; each kind of
 * problem (a missing lesson file or title line, a single-choice question
 * with two right options, a multiple-choice one with all right, a missing
 * question, an unknown field, a bad audience, status or pass mark, too few
 * modules or questions, a published course without its translations) is
 * reported as "FILE:LINE: message".  A missing learn/ folder is no course.
 */
#include "problems.h"

#include "core/buf.h"
#include "core/file.h"

#include "content/learn.h"

#include <ftw.h>
#include <sys/stat.h>

static char root[64];

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static void rm_tree(const char *p)
{
	nftw(p, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void mkdirs(const char *path)
{
	char p[1024];
	snprintf(p, sizeof(p), "%s", path);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			mkdir(p, 0755);
			*s = '/';
		}
	mkdir(p, 0755);
}

static void write_file(const char *rel, const char *text)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s", path);
	*strrchr(dir, '/') = '\0';
	mkdirs(dir);
	unit_write(NULL, path, text, strlen(text));
}

/* A question of the given kind: q.N with three options. */
static void add_question(struct buf *b, int n, bool multiple)
{
	buf_printf(b, "q.%d.type: %s\n", n, multiple ? "multiple" : "single");
	buf_printf(b, "q.%d.text@en: Question %d?\n", n, n);
	buf_printf(b, "q.%d.a@en: Right\nq.%d.a.right: yes\n", n, n);
	buf_printf(b, "q.%d.b@en: %s\nq.%d.b.right: %s\n", n, multiple ? "Also right" : "Wrong", n,
		   multiple ? "yes" : "no");
	buf_printf(b, "q.%d.c@en: Wrong\nq.%d.c.right: no\n", n, n);
	buf_printf(b, "q.%d.why@en: Because.\n", n);
}

static const char *const six = "ar en es fr ru zh";

/* course.txt of a valid draft course: 4 modules of 2 lessons and 4
 * questions, a final quiz of 8; extra is added to the [course] record. */
static void write_course(const char *id, const char *extra)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_printf(&b, "[course]\naudience: parents\norder: 2\nstatus: draft\n%s", extra);
	char langs[32];
	snprintf(langs, sizeof(langs), "%s", six);
	for (char *save, *l = strtok_r(langs, " ", &save); l; l = strtok_r(NULL, " ", &save))
		buf_printf(&b, "title@%s: Title %s\ndescription@%s: About it.\n", l, l, l);
	for (int m = 1; m <= 4; m++) {
		buf_printf(&b, "\n[m%d-module]\ntitle@en: Module %d\nsummary@en: What it is.\n", m, m);
		buf_printf(&b, "lessons: m%d-one m%d-two\n", m, m);
		for (int q = 1; q <= 4; q++)
			add_question(&b, q, q % 2 == 0);
		for (int k = 0; k < 2; k++) {
			char rel[256];
			snprintf(rel, sizeof(rel), "learn/%s/en/m%d-%s.md", id, m, k ? "two" : "one");
			write_file(rel, "# A lesson\n\nSome words for {helpline}.\n\n- a list\n");
		}
	}
	buf_printf(&b, "\n[final]\n");
	for (int q = 1; q <= 8; q++)
		add_question(&b, q, q % 3 == 0);
	char rel[256];
	snprintf(rel, sizeof(rel), "learn/%s/course.txt", id);
	write_file(rel, b.data);
	buf_free(&b);
}

static struct learn_content *load(struct problems *p)
{
	struct learn_content *lc = NULL;
	memset(p, 0, sizeof(*p));
	int n = learn_load(root, collect, p, &lc);
	assert_int_equal(n, p->n);
	return lc;
}

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/cophub-learn.XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	rm_tree(root);
	return 0;
}

static void test_langs_constant(void **state)
{
	(void)state;
	unsigned want = 0;
	const char *codes[] = {"en", "fr", "es", "ar"};
	for (int i = 0; i < 4; i++)
		want |= 1u << content_lang_index(codes[i]);
	assert_int_equal(learn_course_langs, want);
}

static void test_no_folder(void **state)
{
	(void)state;
	struct problems p;
	struct learn_content *lc = load(&p);
	assert_non_null(lc);
	assert_int_equal(lc->ncourses, 0);
	learn_free(lc);
}

static void test_valid(void **state)
{
	(void)state;
	write_course("family", "pass: 80\nattempts: 3\n");
	write_course("another", "");
	struct problems p;
	struct learn_content *lc = load(&p);
	assert_problem_count(&p, 0);
	assert_non_null(lc);
	assert_int_equal(lc->ncourses, 2);
	const struct course *c = learn_course(lc, "family");
	assert_non_null(c);
	assert_int_equal(c->audience, AUD_PARENTS);
	assert_false(c->published);
	assert_int_equal(c->pass, 80);
	assert_int_equal(c->attempts, 3);
	assert_int_equal(learn_course(lc, "another")->pass, 70);
	assert_int_equal(learn_course(lc, "another")->attempts, 0);
	assert_int_equal(c->nmodules, 4);
	assert_string_equal(c->modules[0].id, "m1-module");
	assert_int_equal(c->modules[2].nlessons, 2);
	assert_string_equal(c->modules[2].lessons[1].id, "m3-two");
	int en = content_lang_index("en"), fr = content_lang_index("fr");
	assert_string_equal(c->modules[2].lessons[1].title[en], "A lesson");
	assert_non_null(strstr(c->modules[2].lessons[1].body[en], "{helpline}"));
	assert_null(c->modules[2].lessons[1].title[fr]);
	assert_int_equal(c->modules[2].lessons[1].words, 7); /* "Some words for {helpline}. - a list" */
	assert_int_equal(c->modules[3].bank.nqs, 4);
	assert_true(c->modules[3].bank.qs[1].multiple);
	assert_int_equal(c->modules[3].bank.qs[1].nopts, 3);
	assert_true(c->modules[3].bank.qs[1].opts[1].right);
	assert_int_equal(c->final.nqs, 8);
	assert_string_equal(c->title.s[content_lang_index("zh")], "Title zh");
	/* English only: the text is complete in English and nothing else */
	assert_int_equal(c->langs, 1u << en);
	learn_free(lc);
	rm_tree(root);
	mkdir(root, 0755);
}

static void test_problems(void **state)
{
	(void)state;
	write_course("broken", "colour: blue\n");
	char path[1024];
	snprintf(path, sizeof(path), "%s/learn/broken/en/m2-two.md", root);
	unlink(path);
	write_file("learn/broken/en/m3-one.md", "A lesson without its title line\n");
	/* the course file, edited: a single question with two right options,
	 * a multiple one with all right, a gap in the final quiz */
	snprintf(path, sizeof(path), "%s/learn/broken/course.txt", root);
	size_t len;
	bool big;
	char *t = file_read(path, 1 << 20, &len, &big);
	assert_non_null(t);
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_put(&b, t, len);
	buf_printf(&b, "q.10.type: single\nq.10.text@en: Ten?\nq.10.a@en: A\nq.10.a.right: yes\n"
		       "q.10.b@en: B\nq.10.b.right: yes\nq.10.why@en: So.\n");
	buf_printf(&b, "q.11.type: multiple\nq.11.text@en: Eleven?\nq.11.a@en: A\nq.11.a.right: "
		       "yes\nq.11.b@en: B\nq.11.b.right: yes\nq.11.why@en: So.\nq.11.z@en: odd\n");
	unit_write(NULL, path, b.data, b.len);
	buf_free(&b);
	free(t);

	struct problems p;
	struct learn_content *lc = load(&p);
	assert_null(lc);
	assert_problem(&p, "broken/course.txt:5: [course] colour: not a field of this record");
	assert_problem(&p, "en/m2-two.md:0: lesson m2-two has no en text: the file is missing");
	assert_problem(&p, "en/m3-one.md:1: the first line must be the lesson's title");
	assert_problem(&p, "[final] has q.11 but no q.9");
	assert_problem(&p, "[final] q.10 is single choice with 2 right options: exactly 1");
	assert_problem(&p, "[final] q.11 is multiple choice with 2 of 2 options right");
	assert_problem(&p, "[final] q.11.z: not a field of this record");
	problems_free(&p);
	rm_tree(root);
	mkdir(root, 0755);
}

/* A lesson's images: described, in the course's images/ folder, and an
 * SVG without scripts, links or event handlers. */
static void test_images(void **state)
{
	(void)state;
	write_course("pics", "");
	write_file("learn/pics/images/good.svg",
		   "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- one line on a path -->"
		   "<circle r=\"4\"/></svg>\n");
	write_file("learn/pics/images/evil.svg",
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>\n");
	write_file("learn/pics/images/link.svg",
		   "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"https://x.example\">x</a></svg>\n");
	write_file("learn/pics/en/m1-one.md",
		   "# A lesson\n\n![A circle](images/good.svg)\n\nText.\n");
	struct problems p;
	struct learn_content *lc = load(&p);
	assert_int_equal(p.n, 0);
	learn_free(lc);
	problems_free(&p);
	write_file("learn/pics/en/m1-one.md",
		   "# A lesson\n\n![](images/good.svg)\n![A missing one](images/none.svg)\n"
		   "![Evil](images/evil.svg)\n![Linked](images/link.svg)\n"
		   "![Elsewhere](https://x.example/a.svg)\n![Upper](images/Bad.svg)\n");
	lc = load(&p);
	assert_null(lc);
	assert_problem(&p, "en/m1-one.md:3: an image needs its description");
	assert_problem(&p, "en/m1-one.md:4: image none.svg: there is no such file");
	assert_problem(&p, "en/m1-one.md:5: image evil.svg: an SVG may not hold scripts");
	assert_problem(&p, "en/m1-one.md:6: image link.svg: an SVG may not hold scripts");
	assert_problem(&p, "en/m1-one.md:7: image \"https://x.example/a.svg\": images are images/NAME.svg");
	assert_problem(&p, "en/m1-one.md:8: image \"images/Bad.svg\": images are");
	assert_int_equal(p.n, 6);
	problems_free(&p);
	rm_tree(root);
	mkdir(root, 0755);
}

static void test_course_record(void **state)
{
	(void)state;
	write_course("c1", "");
	/* a published course needs fr, es and ar: here it has only English */
	char path[1024];
	snprintf(path, sizeof(path), "%s/learn/c1/course.txt", root);
	size_t len;
	bool big;
	char *t = file_read(path, 1 << 20, &len, &big);
	char *st = strstr(t, "status: draft");
	memcpy(st, "status: publi", 13);
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_put(&b, t, (size_t)(st - t) + 13);
	buf_printf(&b, "shed%s", st + 13);
	/* and a bad audience and pass mark */
	char *a = strstr(b.data, "audience: parents");
	memcpy(a, "audience: pirates", 17);
	unit_write(NULL, path, b.data, b.len);
	free(t);
	buf_free(&b);
	write_file("learn/c2/course.txt", "[course]\naudience: trainers\nstatus: sometimes\npass: 170\n"
					  "title@en: Only English\n[m1-x]\ntitle@en: X\n");
	write_file("learn/Bad_Name/course.txt", "[course]\n");

	struct problems p;
	struct learn_content *lc = load(&p);
	assert_null(lc);
	assert_problem(&p, "c1/course.txt:2: [course] audience: parents, educators, industry, "
			   "government or trainers, not \"pirates\"");
	assert_problem(&p, "lesson m1-one has no fr text: the file is missing");
	assert_problem(&p, "[m1-module] lacks title@ar");
	assert_problem(&p, "c1/course.txt:1: a published course needs its whole text in en, fr, es, ar");
	assert_problem(&p, "c2/course.txt:3: [course] status: draft or published, not \"sometimes\"");
	assert_problem(&p, "c2/course.txt:4: [course] pass: a whole number from 1 to 100, not \"170\"");
	assert_problem(&p, "[course] lacks title@fr");
	assert_problem(&p, "c2/course.txt:1: the course has 1 module: at least 4");
	assert_problem(&p, "the course has no [final] quiz");
	assert_problem(&p, "[m1-x] has 0 questions: at least 4");
	assert_problem(&p, "Bad_Name: a course's folder is named with a-z, 0-9 and -");
	problems_free(&p);
	rm_tree(root);
	mkdir(root, 0755);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_langs_constant), cmocka_unit_test(test_no_folder),
		cmocka_unit_test(test_valid),          cmocka_unit_test(test_problems),
		cmocka_unit_test(test_course_record), cmocka_unit_test(test_images),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
