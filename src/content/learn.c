/*
 * learn.c: loading and checking the courses (learn.h).
 *
 * The checks follow content/README.md ("Courses").  Like the game's, they
 * go on after a problem, so one run lists every problem with its file and
 * line.
 */
#include "content/learn.h"
#include "core/file.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *const audience_ids[NAUDIENCES] = {"parents", "educators", "industry", "government",
					      "trainers"};

int audience_from_id(const char *id)
{
	for (int i = 0; i < NAUDIENCES; i++)
		if (str_eq(id, audience_ids[i]))
			return i;
	return -1;
}

#define LANG_BIT(code) (1u << content_lang_index(code))
#define ALL_LANGS ((1u << CONTENT_NLANGS) - 1)
/* ar, en, es, fr: the first four of content_langs ("ar", "en", "es",
 * "fr", "ru", "zh"); test_learn.c checks it against the codes */
const unsigned learn_course_langs = (1u << 0) | (1u << 1) | (1u << 2) | (1u << 3);

/* Clears from *langs the languages t lacks. */
static void note(unsigned *langs, const struct text *t)
{
	for (int i = 0; i < CONTENT_NLANGS; i++)
		if (!t->s[i] || !*t->s[i])
			*langs &= ~(1u << i);
}

static bool id_ok(const char *s)
{
	if (!*s || strlen(s) > 64)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

/* ---- questions ---------------------------------------------------------- */

/* "q.N.rest": N, and rest in *rest; 0 when the key is not a question's. */
static int question_of(const char *key, const char **rest)
{
	if (!str_starts(key, "q."))
		return 0;
	const char *p = key + 2;
	int n = 0;
	while (*p >= '0' && *p <= '9' && n < 1000)
		n = n * 10 + (*p++ - '0');
	if (n == 0 || *p != '.')
		return 0;
	*rest = p + 1;
	return n;
}

/* Whether rest is a question's field: type, text, why, a..f, a..f.right */
static bool question_field_ok(const char *rest)
{
	if (str_eq(rest, "type") || str_eq(rest, "text") || str_eq(rest, "why"))
		return true;
	if (rest[0] >= 'a' && rest[0] < 'a' + LEARN_MAX_OPTIONS)
		return !rest[1] || str_eq(rest + 1, ".right");
	return false;
}

static void load_question(struct loader *l, const struct cf_record *r, int n, struct question *q,
			  unsigned *langs)
{
	char key[64];
	q->n = n;
	q->line = r->line;
	snprintf(key, sizeof(key), "q.%d.text", n);
	const struct cf_field *tf = cf_get(r, key, "en");
	if (tf)
		q->line = tf->line;
	cl_get_text(l, r, key, &q->text);
	note(langs, &q->text);
	snprintf(key, sizeof(key), "q.%d.why", n);
	cl_get_text(l, r, key, &q->why);
	note(langs, &q->why);
	snprintf(key, sizeof(key), "q.%d.type", n);
	const char *type = cl_get_value(l, r, key);
	if (type && !str_eq(type, "single") && !str_eq(type, "multiple"))
		cl_problem(l, cf_get(r, key, NULL)->line, "[%s] %s: single or multiple, not \"%s\"",
			   r->id, key, type);
	q->multiple = type && str_eq(type, "multiple");
	int right = 0;
	for (int k = 0; k < LEARN_MAX_OPTIONS; k++) {
		snprintf(key, sizeof(key), "q.%d.%c", n, 'a' + k);
		if (!cf_has(r, key))
			continue;
		if (k != q->nopts) {
			cl_problem(l, q->line, "[%s] q.%d: option %c comes after a missing one", r->id,
				   n, 'a' + k);
			break;
		}
		struct option *o = &q->opts[q->nopts++];
		cl_get_text(l, r, key, &o->text);
		note(langs, &o->text);
		snprintf(key, sizeof(key), "q.%d.%c.right", n, 'a' + k);
		const char *v = cl_get_value(l, r, key);
		if (v && !str_eq(v, "yes") && !str_eq(v, "no"))
			cl_problem(l, cf_get(r, key, NULL)->line, "[%s] %s: yes or no, not \"%s\"",
				   r->id, key, v);
		o->right = v && str_eq(v, "yes");
		right += o->right;
	}
	if (q->nopts < 2)
		cl_problem(l, q->line, "[%s] q.%d has %d option%s: at least 2", r->id, n, q->nopts,
			   q->nopts == 1 ? "" : "s");
	else if (!q->multiple && right != 1)
		cl_problem(l, q->line, "[%s] q.%d is single choice with %d right options: exactly 1",
			   r->id, n, right);
	else if (q->multiple && (right < 1 || right == q->nopts))
		cl_problem(l, q->line,
			   "[%s] q.%d is multiple choice with %d of %d options right: at least one "
			   "right and one wrong",
			   r->id, n, right, q->nopts);
}

/* The questions q.1 ... q.N of a record, in order, none missing. */
static void load_quiz(struct loader *l, const struct cf_record *r, struct quiz *z, int min,
		      unsigned *langs)
{
	int max = 0;
	for (int i = 0; i < r->nfields; i++) {
		const char *rest;
		int n = question_of(r->fields[i].key, &rest);
		if (n > max)
			max = n;
	}
	z->qs = xcalloc((size_t)(max ? max : 1), sizeof(*z->qs));
	for (int n = 1; n <= max; n++) {
		char key[32];
		snprintf(key, sizeof(key), "q.%d.text", n);
		char tkey[32];
		snprintf(tkey, sizeof(tkey), "q.%d.type", n);
		if (!cf_has(r, key) && !cf_has(r, tkey)) {
			cl_problem(l, r->line, "[%s] has q.%d but no q.%d", r->id, max, n);
			continue;
		}
		load_question(l, r, n, &z->qs[z->nqs++], langs);
	}
	if (z->nqs < min)
		cl_problem(l, r->line, "[%s] has %d question%s: at least %d", r->id, z->nqs,
			   z->nqs == 1 ? "" : "s", min);
}

/* ---- lessons ------------------------------------------------------------ */

static int count_words(const char *s)
{
	int n = 0;
	bool in = false;
	for (; *s; s++) {
		bool space = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
		if (!space && !in)
			n++;
		in = !space;
	}
	return n;
}

/* Whether an SVG has an event handler attribute: on...= after a space. */
static bool has_event_attr(const char *s)
{
	for (const char *p = strstr(s, "on"); p; p = strstr(p + 2, "on")) {
		if (p == s || (p[-1] != ' ' && p[-1] != '\n' && p[-1] != '\t'))
			continue;
		const char *q = p + 2;
		while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))
			q++;
		while (*q == ' ')
			q++;
		if (q > p + 2 && *q == '=')
			return true;
	}
	return false;
}

/* Whether an image file may be shown: an SVG drawn for the lesson, with
 * no script, no link and nothing fetched from elsewhere; or a PNG. */
static bool image_safe(const char *path, bool svg)
{
	size_t len;
	bool too_big;
	char *data = file_read(path, 1u << 20, &len, &too_big);
	if (!data)
		return false;
	bool ok = true;
	if (svg) {
		static const char *const banned[] = {"<script", "<foreignObject", "javascript:",
						     "href=", "<!ENTITY", "url("};
		for (size_t i = 0; i < sizeof(banned) / sizeof(banned[0]); i++)
			ok = ok && !strstr(data, banned[i]);
		ok = ok && !has_event_attr(data);
		ok = ok && strstr(data, "<svg") != NULL;
	} else {
		ok = len > 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0;
	}
	free(data);
	return ok;
}

/* Checks the images of a lesson's Markdown: each is written
 * ![what it shows](images/NAME.svg) (or .png), with its description, and
 * the file is in the course's images/ folder and safe to show. */
static void check_images(struct loader *l, const char *dir, const char *body)
{
	for (const char *p = strstr(body, "!["); p; p = strstr(p + 2, "![")) {
		int line = 2;
		for (const char *q = body; q < p; q++)
			line += *q == '\n';
		const char *close = strstr(p, "](");
		const char *end = close ? strchr(close, ')') : NULL;
		const char *nl = strchr(p, '\n');
		if (!close || !end || (nl && nl < end)) {
			cl_problem(l, line, "an image is written ![what it shows](images/NAME.svg)");
			continue;
		}
		if (close == p + 2) {
			cl_problem(l, line, "an image needs its description: ![what it shows](...)");
			continue;
		}
		char target[128];
		size_t tl = (size_t)(end - close - 2);
		if (tl >= sizeof(target)) {
			cl_problem(l, line, "an image's file name is too long");
			continue;
		}
		memcpy(target, close + 2, tl);
		target[tl] = '\0';
		const char *name = str_starts(target, "images/") ? target + 7 : NULL;
		size_t nl2 = name ? strlen(name) : 0;
		bool svg = nl2 > 4 && str_eq(name + nl2 - 4, ".svg");
		bool png = nl2 > 4 && str_eq(name + nl2 - 4, ".png");
		bool clean = name && (svg || png);
		for (size_t i = 0; clean && i < nl2 - 4; i++)
			clean = (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
				name[i] == '-';
		if (!clean) {
			cl_problem(l, line,
				   "image \"%s\": images are images/NAME.svg or images/NAME.png, "
				   "NAME of a-z, 0-9 and -",
				   target);
			continue;
		}
		char path[1024];
		snprintf(path, sizeof(path), "%s/images/%s", dir, name);
		struct stat st;
		if (stat(path, &st) < 0)
			cl_problem(l, line, "image %s: there is no such file in the course's images/", name);
		else if (!image_safe(path, svg))
			cl_problem(l, line,
				   "image %s: an SVG may not hold scripts, links, event handlers or "
				   "anything fetched from elsewhere (a PNG must be a PNG)",
				   name);
	}
}

/* Reads dir/LANG/ID.md: its title (the first line, "# Title") and body. */
static void load_lesson_file(struct loader *l, const char *dir, int lang, struct lesson *ls,
			     bool required)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s/%s.md", dir, content_langs[lang], ls->id);
	struct stat st;
	if (stat(path, &st) < 0) {
		if (required) {
			const char *saved = l->path;
			l->path = path;
			cl_problem(l, 0, "lesson %s has no %s text: the file is missing", ls->id,
				   content_langs[lang]);
			l->path = saved;
		}
		return;
	}
	size_t len;
	bool too_big;
	char *text = file_read(path, 256u << 10, &len, &too_big);
	const char *saved = l->path;
	l->path = path;
	if (!text) {
		cl_problem(l, 0, too_big ? "larger than 256 KiB" : "cannot be read");
	} else if (!utf8_valid_text(text, len, true)) {
		cl_problem(l, 1, "not UTF-8 text");
	} else if (!str_starts(text, "# ") || !strchr(text, '\n')) {
		cl_problem(l, 1, "the first line must be the lesson's title: \"# Title\"");
	} else {
		char *nl = strchr(text, '\n');
		*nl = '\0';
		ls->title[lang] = xstrdup(text + 2);
		ls->body[lang] = xstrdup(nl + 1);
		if (lang == content_lang_index("en"))
			ls->words = count_words(ls->body[lang]);
		/* the placeholders, as in the other texts */
		struct cf_field f = {.key = (char *)ls->id, .lang = (char *)content_langs[lang],
				     .value = ls->body[lang], .line = 1};
		cl_placeholders_ok(l, &f);
		check_images(l, dir, ls->body[lang]);
	}
	l->path = saved;
	free(text);
}

/* A lesson in each other language, put together from the translation
 * workflow's approved units (cl_override): its title and each block of
 * the English, from the workflow or else from the language's own file
 * (block by block, when the file has as many blocks); used when at least
 * one piece comes from the workflow and none is missing. */
static void compose_lesson(const char *dir, struct lesson *ls)
{
	int en = content_lang_index("en");
	if (en < 0 || !ls->body[en])
		return;
	struct cl_span *eb = xcalloc(2 * CL_MAX_BLOCKS, sizeof(*eb)), *lb = eb + CL_MAX_BLOCKS;
	int ne = cl_md_blocks(ls->body[en], eb, CL_MAX_BLOCKS);
	char path[1100];
	snprintf(path, sizeof(path), "%s/course.txt", dir);
	for (int lg = 0; lg < CONTENT_NLANGS; lg++) {
		if (lg == en)
			continue;
		int nl = ls->body[lg] ? cl_md_blocks(ls->body[lg], lb, CL_MAX_BLOCKS) : -1;
		int used = 0;
		const char *title = cl_override(path, ls->id, "#title", content_langs[lg], ls->title[en]);
		if (title)
			used++;
		else
			title = ls->title[lg];
		bool complete = title != NULL;
		struct buf b;
		buf_init(&b, 1u << 20);
		for (int i = 0; i < ne && complete; i++) {
			char key[16];
			snprintf(key, sizeof(key), "#%d", i + 1);
			char *english = xstrndup(eb[i].s, eb[i].n);
			const char *tx = cl_override(path, ls->id, key, content_langs[lg], english);
			free(english);
			if (i)
				buf_puts(&b, "\n\n");
			if (tx) {
				used++;
				buf_puts(&b, tx);
			} else if (nl == ne) {
				buf_put(&b, lb[i].s, lb[i].n);
			} else {
				complete = false;
			}
		}
		if (used && complete) {
			buf_putc(&b, '\n');
			char *nt = xstrdup(title);
			free(ls->title[lg]);
			ls->title[lg] = nt;
			free(ls->body[lg]);
			ls->body[lg] = buf_steal(&b, NULL);
		}
		buf_free(&b);
	}
	free(eb);
}

/* ---- a course ----------------------------------------------------------- */

static const char *const course_keys[] = {"audience", "order",       "status", "pass",
					  "attempts", "title", "description"};
static const char *const module_keys[] = {"title", "summary", "lessons"};

static void check_keys(struct loader *l, const struct cf_record *r, const char *const *keys,
		       size_t nkeys, bool questions)
{
	for (int i = 0; i < r->nfields; i++) {
		const struct cf_field *f = &r->fields[i];
		bool ok = false;
		for (size_t k = 0; k < nkeys && !ok; k++)
			ok = str_eq(f->key, keys[k]);
		const char *rest;
		if (!ok && questions && question_of(f->key, &rest))
			ok = question_field_ok(rest);
		if (!ok)
			cl_problem(l, f->line, "[%s] %s: not a field of this record", r->id, f->key);
	}
}

static int int_field(struct loader *l, const struct cf_record *r, const char *key, int min,
		     int max, int dflt)
{
	const struct cf_field *f = cf_get(r, key, NULL);
	if (!f)
		return dflt;
	int64_t v;
	if (!parse_int64(f->value, min, max, &v)) {
		cl_problem(l, f->line, "[%s] %s: a whole number from %d to %d, not \"%s\"", r->id,
			   key, min, max, f->value);
		return dflt;
	}
	return (int)v;
}

static void load_module(struct loader *l, struct course *c, const struct cf_record *r,
			const char *dir, unsigned need)
{
	struct module *m = &c->modules[c->nmodules++];
	m->id = r->id;
	check_keys(l, r, module_keys, ARRAY_LEN(module_keys), true);
	l->langs = need;
	cl_get_text(l, r, "title", &m->title);
	cl_get_text(l, r, "summary", &m->summary);
	note(&c->langs, &m->title);
	note(&c->langs, &m->summary);
	const char *lessons = cl_get_value(l, r, "lessons");
	m->lessons = xcalloc(LEARN_MAX_LESSONS, sizeof(*m->lessons));
	if (lessons) {
		char *copy = xstrdup(lessons), *save = NULL;
		for (char *id = strtok_r(copy, " ", &save); id; id = strtok_r(NULL, " ", &save)) {
			int line = cf_get(r, "lessons", NULL)->line;
			if (m->nlessons == LEARN_MAX_LESSONS) {
				cl_problem(l, line, "[%s] has more than %d lessons", r->id,
					   LEARN_MAX_LESSONS);
				break;
			}
			if (!id_ok(id)) {
				cl_problem(l, line, "[%s] lessons: \"%s\" is not an id (a-z, 0-9, -)",
					   r->id, id);
				continue;
			}
			bool dup = false;
			for (int k = 0; k < c->nmodules && !dup; k++)
				for (int j = 0; j < c->modules[k].nlessons && !dup; j++)
					dup = str_eq(c->modules[k].lessons[j].id, id);
			if (dup) {
				cl_problem(l, line, "[%s] lessons: %s is listed twice in the course",
					   r->id, id);
				continue;
			}
			struct lesson *ls = &m->lessons[m->nlessons++];
			ls->id = xstrdup(id);
			for (int lg = 0; lg < CONTENT_NLANGS; lg++)
				load_lesson_file(l, dir, lg, ls, (need >> lg) & 1);
			compose_lesson(dir, ls);
			for (int lg = 0; lg < CONTENT_NLANGS; lg++)
				if (!ls->title[lg])
					c->langs &= ~(1u << lg);
		}
		free(copy);
	}
	load_quiz(l, r, &m->bank, LEARN_MIN_BANK, &c->langs);
}

static void load_course(struct loader *l, struct learn_content *lc, const char *learn_dir,
			const char *id)
{
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s/%s", learn_dir, id);
	struct cf_file *f = cl_load_file(l, lc->files, &lc->nfiles, (int)ARRAY_LEN(lc->files), dir,
					 "course.txt");
	if (!f)
		return;
	const char *saved = l->path;
	l->path = f->path;
	const struct cf_record *head = f->nrecords ? &f->records[0] : NULL;
	if (!head || !str_eq(head->id, "course")) {
		cl_problem(l, head ? head->line : 0, "the first record must be [course]");
		l->path = saved;
		return;
	}
	struct course *c = &lc->courses[lc->ncourses++];
	c->id = xstrdup(id);
	c->langs = ALL_LANGS;
	check_keys(l, head, course_keys, ARRAY_LEN(course_keys), false);
	for (int i = 0; i < f->nrecords; i++)
		cl_check_langs(l, &f->records[i]);
	const char *aud = cl_get_value(l, head, "audience");
	int a = aud ? audience_from_id(aud) : 0;
	if (a < 0) {
		cl_problem(l, cf_get(head, "audience", NULL)->line,
			   "[course] audience: parents, educators, industry, government or trainers, "
			   "not \"%s\"",
			   aud);
		a = 0;
	}
	c->audience = (enum audience)a;
	c->order = int_field(l, head, "order", 1, 1000, 1000);
	const char *status = cl_get_value(l, head, "status");
	if (status && !str_eq(status, "draft") && !str_eq(status, "published"))
		cl_problem(l, cf_get(head, "status", NULL)->line,
			   "[course] status: draft or published, not \"%s\"", status);
	c->published = status && str_eq(status, "published");
	c->pass = int_field(l, head, "pass", 1, 100, 70);
	c->attempts = int_field(l, head, "attempts", 1, 100, 0);
	/* the catalogue's texts, in every language */
	l->langs = ALL_LANGS;
	cl_get_text(l, head, "title", &c->title);
	cl_get_text(l, head, "description", &c->description);

	unsigned need = c->published ? learn_course_langs : LANG_BIT("en");
	c->modules = xcalloc((size_t)f->nrecords, sizeof(*c->modules));
	const struct cf_record *final = NULL;
	for (int i = 1; i < f->nrecords; i++) {
		const struct cf_record *r = &f->records[i];
		if (str_eq(r->id, "final")) {
			if (i != f->nrecords - 1)
				cl_problem(l, r->line, "[final] must be the last record");
			final = r;
			continue;
		}
		if (str_eq(r->id, "course")) {
			cl_problem(l, r->line, "[course] twice");
			continue;
		}
		load_module(l, c, r, dir, need);
	}
	if (c->nmodules < LEARN_MIN_MODULES)
		cl_problem(l, head->line, "the course has %d module%s: at least %d", c->nmodules,
			   c->nmodules == 1 ? "" : "s", LEARN_MIN_MODULES);
	if (!final) {
		cl_problem(l, head->line, "the course has no [final] quiz");
	} else {
		l->langs = need;
		check_keys(l, final, NULL, 0, true);
		load_quiz(l, final, &c->final, LEARN_MIN_FINAL, &c->langs);
	}
	if (c->published && (c->langs & learn_course_langs) != learn_course_langs)
		cl_problem(l, head->line, "a published course needs its whole text in en, fr, es, ar");
	l->path = saved;
}

static int by_order(const void *a, const void *b)
{
	const struct course *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int learn_load(const char *content_dir, cf_report_fn report, void *ctx,
	       struct learn_content **out)
{
	struct loader l = {.report = report, .ctx = ctx};
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s/learn", content_dir);
	struct learn_content *lc = xcalloc(1, sizeof(*lc));
	*out = NULL;
	l.path = dir;
	DIR *d = opendir(dir);
	char *names[64];
	int n = 0;
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			char sub[1200];
			struct stat st;
			snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name);
			if (stat(sub, &st) < 0 || !S_ISDIR(st.st_mode))
				continue;
			if (!id_ok(e->d_name)) {
				cl_problem(&l, 0, "%s: a course's folder is named with a-z, 0-9 and -",
					   e->d_name);
				continue;
			}
			if (n == (int)ARRAY_LEN(names)) {
				cl_problem(&l, 0, "more than %d courses", (int)ARRAY_LEN(names));
				break;
			}
			names[n++] = xstrdup(e->d_name);
		}
		closedir(d);
	}
	qsort(names, (size_t)n, sizeof(*names), by_name);
	lc->courses = xcalloc((size_t)(n ? n : 1), sizeof(*lc->courses));
	for (int i = 0; i < n; i++) {
		load_course(&l, lc, dir, names[i]);
		free(names[i]);
	}
	qsort(lc->courses, (size_t)lc->ncourses, sizeof(*lc->courses), by_order);
	if (l.problems) {
		learn_free(lc);
		return l.problems;
	}
	*out = lc;
	return 0;
}

static void quiz_free(struct quiz *z)
{
	free(z->qs);
}

void learn_free(struct learn_content *lc)
{
	if (!lc)
		return;
	for (int i = 0; i < lc->ncourses; i++) {
		struct course *c = &lc->courses[i];
		for (int m = 0; m < c->nmodules; m++) {
			struct module *md = &c->modules[m];
			for (int k = 0; k < md->nlessons; k++) {
				for (int lg = 0; lg < CONTENT_NLANGS; lg++) {
					free(md->lessons[k].title[lg]);
					free(md->lessons[k].body[lg]);
				}
				free((char *)md->lessons[k].id);
			}
			free(md->lessons);
			quiz_free(&md->bank);
		}
		free(c->modules);
		quiz_free(&c->final);
		free((char *)c->id);
	}
	free(lc->courses);
	for (int i = 0; i < lc->nfiles; i++)
		cf_free(lc->files[i]);
	free(lc);
}

const struct course *learn_course(const struct learn_content *lc, const char *id)
{
	for (int i = 0; lc && i < lc->ncourses; i++)
		if (str_eq(lc->courses[i].id, id))
			return &lc->courses[i];
	return NULL;
}
