/*
 * units.c: the translation units of the library's sets (translate.h) and
 * the translations shipped with the content, read from
 * content/library/translations/LANG/SET.po: msgctxt is the unit's id,
 * msgid its English, msgstr the translation; a fuzzy or empty entry, or
 * one made from another English text, is not used.  The interface set is
 * built from po/cophub.pot and its shipped translations are po/LANG.po.
 */
#include "translate/translate.h"
#include "content/library.h"
#include "content/load.h"
#include "core/file.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/util.h"
#include "web/po.h"

#include <dirent.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const tr_state_ids[TR_NSTATES] = {"untranslated", "needs-editing", "waiting-review",
					      "approved"};

int tr_state_from_id(const char *id)
{
	for (int i = 0; i < TR_NSTATES; i++)
		if (str_eq(id, tr_state_ids[i]))
			return i;
	return -1;
}

struct shipped_lang {
	char code[16];
	char **text; /* by global unit number; NULL: none */
};

static struct {
	struct tr_set *sets;
	int nsets;
	int total;
	struct shipped_lang *langs;
	int nlangs;
	const char **codes;
} T;

int tr_nsets(void)
{
	return T.nsets;
}

const struct tr_set *tr_set_at(int i)
{
	return i >= 0 && i < T.nsets ? &T.sets[i] : NULL;
}

const struct tr_set *tr_set_find(const char *name)
{
	for (int i = 0; name && i < T.nsets; i++)
		if (str_eq(T.sets[i].name, name))
			return &T.sets[i];
	return NULL;
}

static int unit_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, ((const struct tr_unit *)b)->id);
}

/* Units are in reading order, with an index sorted by id once the set is
 * built; while it is built, the lookup walks them. */
const struct tr_unit *tr_unit_find(const struct tr_set *s, const char *id)
{
	if (!s || !id)
		return NULL;
	if (!s->sorted) {
		for (int i = 0; i < s->nunits; i++)
			if (unit_cmp(&id, &s->units[i]) == 0)
				return &s->units[i];
		return NULL;
	}
	size_t lo = 0, hi = (size_t)s->nunits;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(id, s->units[s->sorted[mid]].id);
		if (c == 0)
			return &s->units[s->sorted[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static int by_id(const void *a, const void *b, void *ctx)
{
	const struct tr_unit *u = ctx;
	return strcmp(u[*(const int *)a].id, u[*(const int *)b].id);
}

static void index_set(struct tr_set *s)
{
	s->sorted = xcalloc((size_t)(s->nunits ? s->nunits : 1), sizeof(int));
	for (int i = 0; i < s->nunits; i++)
		s->sorted[i] = i;
	qsort_r(s->sorted, (size_t)s->nunits, sizeof(int), by_id, s->units);
}

int tr_total_units(void)
{
	return T.total;
}

static struct tr_unit *add_unit(struct tr_set *s, int *cap, const char *id, const char *source,
				 const char *note, enum tr_kind kind)
{
	if (!source)
		return NULL;
	if (s->nunits == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		s->units = xrealloc(s->units, (size_t)*cap * sizeof(*s->units));
	}
	s->units[s->nunits] = (struct tr_unit){
		.id = xstrdup(id), .source = source, .note = note, .kind = kind, .index = s->nunits};
	return &s->units[s->nunits++];
}

int tr_forms_split(char *text, const char **forms, int max)
{
	int n = 0;
	char *p = text;
	while (n < max) {
		forms[n++] = p;
		p = strchr(p, TR_FORM_SEP);
		if (!p)
			break;
		*p++ = 0;
	}
	return n;
}

/* ---- the interface set ---- */

/* FNV-1a, 32 bits: the interface units' ids. */
static unsigned long msg_hash(const char *s)
{
	unsigned long h = 2166136261u;
	for (; *s; s++)
		h = ((h ^ (unsigned char)*s) * 16777619u) & 0xffffffffu;
	return h;
}

static void ui_id(const char *msgid, char out[16])
{
	snprintf(out, 16, "ui.%08lx", msg_hash(msgid));
}

struct pot_ctx {
	struct tr_set *set;
	int cap;
	const char *path;
	cf_report_fn report;
	void *rctx;
	int problems;
};

static int pot_entry(void *ctx, const struct po_entry *e)
{
	struct pot_ctx *pc = ctx;
	if (!*e->msgid || e->msgctxt)
		return 0; /* the header; the sources use no contexts */
	char id[16], msg[300];
	ui_id(e->msgid, id);
	if (tr_unit_find(pc->set, id)) {
		snprintf(msg, sizeof(msg), "two messages share the id %s; change one of them a little",
			 id);
		pc->report(pc->rctx, pc->path, e->line, msg);
		pc->problems++;
		return 0;
	}
	struct tr_unit *u = add_unit(pc->set, &pc->cap, id, xstrdup(e->msgid),
				     e->msgid_plural ? "Text of the site, with a form per number"
						     : "Text of the site",
				     TR_TEXT);
	u->plural = e->msgid_plural ? xstrdup(e->msgid_plural) : NULL;
	return 0;
}

static int build_interface(struct tr_set *t, const char *po_dir, cf_report_fn report, void *ctx)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/cophub.pot", po_dir);
	t->name = TR_INTERFACE;
	t->title = "The site's interface";
	t->owned = true;
	size_t len;
	bool big;
	char *text = file_read(path, 8u << 20, &len, &big);
	if (!text) {
		report(ctx, path, 0, big ? "larger than 8 MiB" : "cannot be read");
		return 1;
	}
	struct pot_ctx pc = {.set = t, .path = path, .report = report, .rctx = ctx};
	char err[300];
	if (po_parse(text, len, path, pot_entry, &pc, err, sizeof(err)) < 0) {
		report(ctx, path, 0, err);
		pc.problems++;
	}
	free(text);
	return pc.problems;
}

static void build(struct tr_set *t, const struct lib_set *s)
{
	int cap = 0;
	char id[160];
	t->name = s->id;
	t->title = s->title;
	add_unit(t, &cap, "#title", s->title, "Title of the guideline set", TR_HEADING);
	add_unit(t, &cap, "#summary", s->summary, "Summary of the guideline set", TR_TEXT);
	for (int c = 0; c < s->nchapters; c++) {
		const struct lib_chapter *ch = &s->chapters[c];
		snprintf(id, sizeof(id), "%s#title", ch->id);
		add_unit(t, &cap, id, ch->title, "Chapter title", TR_HEADING);
		snprintf(id, sizeof(id), "%s#intro", ch->id);
		add_unit(t, &cap, id, ch->intro, "Chapter introduction", TR_TEXT);
		for (int k = 0; k < ch->nsections; k++) {
			const struct lib_section *sec = &ch->sections[k];
			snprintf(id, sizeof(id), "%s#title", sec->id);
			add_unit(t, &cap, id, sec->title, "Section title", TR_HEADING);
			snprintf(id, sizeof(id), "%s#text", sec->id);
			add_unit(t, &cap, id, sec->text, "Section text", TR_TEXT);
			for (int i = 0; i < sec->nitems; i++)
				add_unit(t, &cap, sec->items[i].id, sec->items[i].text,
					 sec->items[i].checklist
						 ? "Checklist item (the reader ticks it: first person)"
						 : "Recommendation",
					 TR_ITEM);
		}
	}
}

/* ---- the game's and the courses' texts ---- */

static bool lang_code_ok(const char *s);
static struct shipped_lang *lang_get(const char *code);

/* The files of the game whose texts are units, in reading order. */
static const char *const game_files[] = {"topics",	  "characters", "u9",   "9-12",
					 "13-18",	  "minigames",	"help", "checkup"};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The courses: the folders of content/learn with a course.txt, by name;
 * freed by the caller with free_names. */
static int course_names(const char *content_dir, char ***out)
{
	char dir[1024], path[1300];
	snprintf(dir, sizeof(dir), "%s/learn", content_dir);
	char **names = NULL;
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/course.txt", dir, de->d_name);
		if (access(path, R_OK) != 0)
			continue;
		names = xrealloc(names, (size_t)(n + 1) * sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	if (d)
		closedir(d);
	if (n)
		qsort(names, (size_t)n, sizeof(*names), by_name);
	*out = names;
	return n;
}

static void free_names(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void ignore(void *ctx, const char *path, int line, const char *msg)
{
	(void)ctx, (void)path, (void)line, (void)msg;
}

/* What a text is, from its key: a choice ("s3.b") is a button, a title a
 * heading. */
static enum tr_kind key_kind(const char *key)
{
	const char *dot = strrchr(key, '.');
	const char *last = dot ? dot + 1 : key;
	if (strlen(last) == 1 && *last >= 'a' && *last <= 'z')
		return TR_BUTTON;
	return str_eq(last, "title") || str_eq(last, "name") ? TR_HEADING : TR_TEXT;
}

/* Every English text of a content file, as units "FILE:RECORD:KEY".  The
 * file's problems are the content loader's to report. */
static void content_units(struct tr_set *t, int *cap, const char *path, const char *file,
			  const char *note)
{
	int problems = 0;
	struct cf_file *f = cf_load(path, ignore, NULL, &problems);
	if (!f)
		return;
	char id[300];
	for (int k = 0; k < f->nrecords; k++) {
		const struct cf_record *r = &f->records[k];
		for (int i = 0; i < r->nfields; i++) {
			const struct cf_field *fe = &r->fields[i];
			if (!fe->lang || !str_eq(fe->lang, "en") || !*fe->value)
				continue;
			snprintf(id, sizeof(id), "%s:%s:%s", file, r->id, fe->key);
			if (!tr_unit_find(t, id))
				add_unit(t, cap, id, xstrdup(fe->value), note, key_kind(fe->key));
		}
	}
	cf_free(f);
}

/* A lesson's file, LANG/ID.md: its title (the first line, "# Title") and
 * body, both allocated; false when it is missing or not of that form. */
static bool read_lesson(const char *path, char **title, char **body)
{
	size_t len;
	bool big;
	char *text = file_read(path, 256u << 10, &len, &big);
	if (!text)
		return false;
	char *nl = strchr(text, '\n');
	if (!str_starts(text, "# ") || !nl || !utf8_valid_text(text, len, true)) {
		free(text);
		return false;
	}
	*nl = '\0';
	*title = xstrdup(text + 2);
	*body = xstrdup(nl + 1);
	free(text);
	return true;
}

/* Calls fn for each lesson of a course, in the course's order (the
 * lessons fields of its modules). */
static void each_lesson(const char *path, void (*fn)(void *ctx, const char *lesson), void *ctx)
{
	int problems = 0;
	struct cf_file *f = cf_load(path, ignore, NULL, &problems);
	if (!f)
		return;
	for (int k = 0; k < f->nrecords; k++) {
		const struct cf_field *fe = cf_get(&f->records[k], "lessons", NULL);
		if (!fe)
			continue;
		char *copy = xstrdup(fe->value), *save = NULL;
		for (char *id = strtok_r(copy, " \t", &save); id; id = strtok_r(NULL, " \t", &save))
			fn(ctx, id);
		free(copy);
	}
	cf_free(f);
}

/* A lesson's units: its title, "COURSE:LESSON:#title", and each block of
 * its Markdown (the runs of lines between blank lines), "COURSE:LESSON:#N"
 * from 1, as the learn module puts them together again (content/learn.c). */
struct lesson_ctx {
	struct tr_set *t;
	int *cap;
	const char *dir, *course;
	/* for the shipped translations */
	const char *lang;
};

static void lesson_units(void *ctx, const char *lesson)
{
	struct lesson_ctx *c = ctx;
	char path[1400], id[400];
	snprintf(path, sizeof(path), "%s/en/%s.md", c->dir, lesson);
	char *title, *body;
	if (!read_lesson(path, &title, &body))
		return;
	snprintf(id, sizeof(id), "%s:%s:#title", c->course, lesson);
	if (tr_unit_find(c->t, id)) {
		free(title);
		free(body);
		return; /* a lesson named twice */
	}
	add_unit(c->t, c->cap, id, title, "The title of a lesson", TR_HEADING);
	struct cl_span *b = xcalloc(CL_MAX_BLOCKS, sizeof(*b));
	int n = cl_md_blocks(body, b, CL_MAX_BLOCKS);
	for (int i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "%s:%s:#%d", c->course, lesson, i + 1);
		add_unit(c->t, c->cap, id, xstrndup(b[i].s, b[i].n),
			 "A paragraph of a lesson (Markdown)", TR_TEXT);
	}
	free(b);
	free(body);
}

static void build_content(struct tr_set *game, struct tr_set *courses, const char *content_dir)
{
	char path[1300];
	int cap = 0;
	game->name = TR_GAME;
	game->title = "The children's game";
	game->owned = true;
	for (size_t i = 0; i < sizeof(game_files) / sizeof(game_files[0]); i++) {
		snprintf(path, sizeof(path), "%s/play/%s.txt", content_dir, game_files[i]);
		content_units(game, &cap, path, game_files[i], "A text of the children's game");
	}
	cap = 0;
	courses->name = TR_COURSES;
	courses->title = "The courses";
	courses->owned = true;
	char **names;
	int n = course_names(content_dir, &names);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/learn/%s/course.txt", content_dir, names[i]);
		content_units(courses, &cap, path, names[i], "A text of a course");
		char dir[1100];
		snprintf(dir, sizeof(dir), "%s/learn/%s", content_dir, names[i]);
		struct lesson_ctx lc = {.t = courses, .cap = &cap, .dir = dir, .course = names[i]};
		each_lesson(path, lesson_units, &lc);
	}
	free_names(names, n);
}

/* The translations shipped in a content file (the main file's own
 * @LANG texts, or a file under i18n/LANG/), of the current English. */
static void ship_content(struct tr_set *t, const char *path, const char *file)
{
	int problems = 0;
	struct cf_file *f = cf_load(path, ignore, NULL, &problems);
	if (!f)
		return;
	char id[300];
	for (int k = 0; k < f->nrecords; k++) {
		const struct cf_record *r = &f->records[k];
		for (int i = 0; i < r->nfields; i++) {
			const struct cf_field *fe = &r->fields[i];
			if (!fe->lang || str_eq(fe->lang, "en") || !*fe->value ||
			    !lang_code_ok(fe->lang))
				continue;
			snprintf(id, sizeof(id), "%s:%s:%s", file, r->id, fe->key);
			const struct tr_unit *u = tr_unit_find(t, id);
			if (!u)
				continue;
			char **slot = &lang_get(fe->lang)->text[t->base + u->index];
			free(*slot);
			*slot = xstrdup(fe->value);
		}
	}
	cf_free(f);
}

/* A lesson's shipped translation in c->lang: its title and, when its file
 * has as many blocks as the English, each block. */
static void ship_lesson(void *ctx, const char *lesson)
{
	struct lesson_ctx *c = ctx;
	char path[1400], id[400];
	snprintf(path, sizeof(path), "%s/%s/%s.md", c->dir, c->lang, lesson);
	char *title, *body;
	if (!read_lesson(path, &title, &body))
		return;
	struct shipped_lang *L = lang_get(c->lang);
	snprintf(id, sizeof(id), "%s:%s:#title", c->course, lesson);
	const struct tr_unit *u = tr_unit_find(c->t, id);
	if (u) {
		char **slot = &L->text[c->t->base + u->index];
		free(*slot);
		*slot = title;
		title = NULL;
		int nen = 0;
		for (int k = u->index + 1; k < c->t->nunits; k++, nen++) {
			const char *cid = c->t->units[k].id;
			size_t pl = strlen(id) - strlen("title");
			if (strncmp(cid, id, pl) != 0 || cid[pl] == 't')
				break;
		}
		struct cl_span *b = xcalloc(CL_MAX_BLOCKS, sizeof(*b));
		int n = cl_md_blocks(body, b, CL_MAX_BLOCKS);
		for (int i = 0; n == nen && i < n; i++) {
			slot = &L->text[c->t->base + u->index + 1 + i];
			free(*slot);
			*slot = xstrndup(b[i].s, b[i].n);
		}
		free(b);
	}
	free(title);
	free(body);
}

/* Every shipped translation of the game and the courses: the main files
 * and each i18n/LANG/ folder beside them. */
static void ship_content_all(struct tr_set *game, struct tr_set *courses, const char *content_dir)
{
	char path[1300], dir[1100];
	for (size_t i = 0; i < sizeof(game_files) / sizeof(game_files[0]); i++) {
		snprintf(path, sizeof(path), "%s/play/%s.txt", content_dir, game_files[i]);
		ship_content(game, path, game_files[i]);
	}
	snprintf(dir, sizeof(dir), "%s/play/i18n", content_dir);
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.' || !lang_code_ok(de->d_name))
			continue;
		for (size_t i = 0; i < sizeof(game_files) / sizeof(game_files[0]); i++) {
			snprintf(path, sizeof(path), "%s/%s/%s.txt", dir, de->d_name, game_files[i]);
			ship_content(game, path, game_files[i]);
		}
	}
	if (d)
		closedir(d);
	char **names;
	int n = course_names(content_dir, &names);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/learn/%s/course.txt", content_dir, names[i]);
		ship_content(courses, path, names[i]);
		char cdir[1100];
		snprintf(cdir, sizeof(cdir), "%s/learn/%s", content_dir, names[i]);
		d = opendir(cdir);
		while (d && (de = readdir(d))) {
			if (de->d_name[0] == '.' || !lang_code_ok(de->d_name) ||
			    str_eq(de->d_name, "en") || str_eq(de->d_name, "i18n") ||
			    str_eq(de->d_name, "images"))
				continue;
			struct lesson_ctx lc = {.t = courses, .dir = cdir, .course = names[i],
						.lang = de->d_name};
			/* the course's lessons, from its units: no second reading of
			 * course.txt a language */
			size_t cl = strlen(names[i]);
			for (int k = 0; k < courses->nunits; k++) {
				const char *id = courses->units[k].id;
				size_t il = strlen(id);
				if (strncmp(id, names[i], cl) != 0 || id[cl] != ':' || il < cl + 8 ||
				    strcmp(id + il - 7, ":#title") != 0)
					continue;
				char *lesson = xstrndup(id + cl + 1, il - cl - 8);
				ship_lesson(&lc, lesson);
				free(lesson);
			}
		}
		if (d)
			closedir(d);
		snprintf(dir, sizeof(dir), "%s/learn/%s/i18n", content_dir, names[i]);
		d = opendir(dir);
		while (d && (de = readdir(d))) {
			if (de->d_name[0] == '.' || !lang_code_ok(de->d_name))
				continue;
			snprintf(path, sizeof(path), "%s/%s/course.txt", dir, de->d_name);
			ship_content(courses, path, names[i]);
		}
		if (d)
			closedir(d);
	}
	free_names(names, n);
}

struct ship_ctx {
	const struct tr_set *set;
	struct shipped_lang *lang;
	const char *path;
	cf_report_fn report;
	void *rctx;
	int problems, stale;
	bool header_ok;
};

/* The placeholders ({helpline}) of a text, in order, as one string. */
static void placeholders(const char *s, char *out, size_t size)
{
	size_t n = 0;
	out[0] = 0;
	for (const char *p = s; (p = strchr(p, '{')); p++) {
		const char *e = strchr(p, '}');
		if (!e)
			break;
		size_t len = (size_t)(e - p + 1);
		if (n + len + 1 >= size)
			break;
		memcpy(out + n, p, len);
		n += len;
		out[n] = 0;
	}
}

/* An entry of po/LANG.po: used when it translates a message of the
 * .pot as it is now, with every form and the source's placeholders (the
 * site's catalog reports the others when it loads the same file). */
static void ship_interface(struct ship_ctx *sc, const struct po_entry *e)
{
	char id[16];
	ui_id(e->msgid, id);
	const struct tr_unit *u = tr_unit_find(sc->set, id);
	if (!u || e->msgctxt || e->fuzzy || !str_eq(u->source, e->msgid) ||
	    (u->plural == NULL) != (e->msgid_plural == NULL))
		return;
	struct buf b;
	buf_init(&b, 256);
	char a[256], p[256];
	placeholders(u->source, a, sizeof(a));
	for (int i = 0; i < e->nstr; i++) {
		placeholders(e->msgstr[i], p, sizeof(p));
		if (!*e->msgstr[i] || strchr(e->msgstr[i], TR_FORM_SEP) ||
		    (!u->plural && !str_eq(a, p))) {
			buf_free(&b);
			return;
		}
		if (i)
			buf_putc(&b, TR_FORM_SEP);
		buf_puts(&b, e->msgstr[i]);
	}
	char **slot = &sc->lang->text[sc->set->base + u->index];
	free(*slot);
	*slot = buf_steal(&b, NULL);
}

static int ship_entry(void *ctx, const struct po_entry *e)
{
	struct ship_ctx *sc = ctx;
	char msg[256];
	if (!*e->msgid && !e->msgctxt) {
		const char *lang = strstr(e->msgstr[0], "Language: ");
		size_t n = strlen(sc->lang->code);
		sc->header_ok = lang && strncmp(lang + 10, sc->lang->code, n) == 0 &&
				(lang[10 + n] == '\n' || lang[10 + n] == 0);
		if (!sc->header_ok) {
			snprintf(msg, sizeof(msg), "the header's Language is not \"%s\"", sc->lang->code);
			sc->report(sc->rctx, sc->path, e->line, msg);
			sc->problems++;
		}
		return 0;
	}
	if (sc->set->owned) {
		ship_interface(sc, e);
		return 0;
	}
	const struct tr_unit *u = tr_unit_find(sc->set, e->msgctxt);
	if (!u) {
		snprintf(msg, sizeof(msg), "no unit \"%s\" in the set %s", e->msgctxt ? e->msgctxt : "",
			 sc->set->name);
		sc->report(sc->rctx, sc->path, e->line, msg);
		sc->problems++;
		return 0;
	}
	if (e->fuzzy || !e->msgstr[0] || !*e->msgstr[0])
		return 0;
	if (!str_eq(e->msgid, u->source)) {
		sc->stale++;
		return 0;
	}
	char a[256], b[256];
	placeholders(u->source, a, sizeof(a));
	placeholders(e->msgstr[0], b, sizeof(b));
	if (!str_eq(a, b) || !utf8_valid_text(e->msgstr[0], strlen(e->msgstr[0]), false)) {
		snprintf(msg, sizeof(msg), "the translation of %s changes its placeholders or "
			 "holds a control character", u->id);
		sc->report(sc->rctx, sc->path, e->line, msg);
		sc->problems++;
		return 0;
	}
	char **slot = &sc->lang->text[sc->set->base + u->index];
	free(*slot);
	*slot = xstrdup(e->msgstr[0]);
	return 0;
}

static bool lang_code_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 15)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-'))
			return false;
	return true;
}

static struct shipped_lang *lang_get(const char *code)
{
	for (int i = 0; i < T.nlangs; i++)
		if (str_eq(T.langs[i].code, code))
			return &T.langs[i];
	T.langs = xrealloc(T.langs, (size_t)(T.nlangs + 1) * sizeof(*T.langs));
	struct shipped_lang *L = &T.langs[T.nlangs++];
	str_copy(L->code, sizeof(L->code), code);
	L->text = xcalloc((size_t)(T.total ? T.total : 1), sizeof(char *));
	return L;
}

/* Reads one shipped file of a set in a language, when there is one. */
static int load_file(const char *path, struct tr_set *set, struct shipped_lang *L,
		     cf_report_fn report, void *ctx, int *stale)
{
	size_t len;
	bool big;
	char *text = file_read(path, 8u << 20, &len, &big);
	if (!text) {
		if (big) {
			report(ctx, path, 0, "larger than 8 MiB");
			return 1;
		}
		return 0;
	}
	struct ship_ctx sc = {.set = set, .lang = L, .path = path, .report = report, .rctx = ctx};
	char err[300];
	int problems = 0;
	if (po_parse(text, len, path, ship_entry, &sc, err, sizeof(err)) < 0) {
		report(ctx, path, 0, err);
		problems++;
	}
	/* the interface's files are the site's catalogs, checked when they load */
	problems += set->owned ? 0 : sc.problems;
	*stale += set->owned ? 0 : sc.stale;
	free(text);
	return problems;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct shipped_lang *)a)->code, ((const struct shipped_lang *)b)->code);
}

int tr_load(const struct library *lib, const char *content_dir, const char *po_dir,
	    cf_report_fn report, void *ctx, int *stale)
{
	tr_free();
	*stale = 0;
	if (!lib)
		return 0;
	int problems = 0;
	/* the library's sets, the game, the courses, the interface */
	T.nsets = lib->nsets + 3;
	T.sets = xcalloc((size_t)T.nsets, sizeof(*T.sets));
	struct tr_set *game = &T.sets[lib->nsets], *courses = &T.sets[lib->nsets + 1];
	struct tr_set *ui = &T.sets[lib->nsets + 2];
	for (int i = 0; i < lib->nsets; i++) {
		build(&T.sets[i], &lib->sets[i]);
		T.sets[i].guidelines = true;
	}
	build_content(game, courses, content_dir);
	problems += build_interface(ui, po_dir, report, ctx);
	for (int i = 0; i < T.nsets; i++) {
		T.sets[i].base = T.total;
		T.total += T.sets[i].nunits;
		index_set(&T.sets[i]);
	}
	ship_content_all(game, courses, content_dir);
	char dir[1024], path[1200];
	snprintf(dir, sizeof(dir), "%s/library/translations", content_dir);
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (!lang_code_ok(de->d_name) || str_eq(de->d_name, "en")) {
			report(ctx, dir, 0, "a folder here must be named by a language code (not en)");
			problems++;
			continue;
		}
		struct shipped_lang *L = lang_get(de->d_name);
		for (int i = 0; i < lib->nsets; i++) {
			snprintf(path, sizeof(path), "%s/%s/%s.po", dir, de->d_name, T.sets[i].name);
			problems += load_file(path, &T.sets[i], L, report, ctx, stale);
		}
	}
	if (d)
		closedir(d);
	d = opendir(po_dir);
	while (d && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n < 4 || n > 18 || strcmp(de->d_name + n - 3, ".po") != 0)
			continue;
		char code[16];
		memcpy(code, de->d_name, n - 3);
		code[n - 3] = 0;
		if (!lang_code_ok(code) || str_eq(code, "en"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", po_dir, de->d_name);
		problems += load_file(path, ui, lang_get(code), report, ctx, stale);
	}
	if (d)
		closedir(d);
	if (T.nlangs)
		qsort(T.langs, (size_t)T.nlangs, sizeof(*T.langs), by_code);
	T.codes = xcalloc((size_t)(T.nlangs + 1), sizeof(*T.codes));
	for (int i = 0; i < T.nlangs; i++)
		T.codes[i] = T.langs[i].code;
	return problems;
}

void tr_free(void)
{
	for (int i = 0; i < T.nsets; i++) {
		for (int k = 0; k < T.sets[i].nunits; k++) {
			free((char *)T.sets[i].units[k].id);
			if (T.sets[i].owned) {
				free((char *)T.sets[i].units[k].source);
				free((char *)T.sets[i].units[k].plural);
			}
		}
		free(T.sets[i].units);
		free(T.sets[i].sorted);
	}
	for (int i = 0; i < T.nlangs; i++) {
		for (int k = 0; k < T.total; k++)
			free(T.langs[i].text[k]);
		free(T.langs[i].text);
	}
	free(T.sets);
	free(T.langs);
	free(T.codes);
	memset(&T, 0, sizeof(T));
}

const char *tr_shipped(const struct tr_set *s, const struct tr_unit *u, const char *lang)
{
	for (int i = 0; i < T.nlangs; i++)
		if (str_eq(T.langs[i].code, lang))
			return T.langs[i].text[s->base + u->index];
	return NULL;
}

int tr_shipped_langs(const char *const **codes)
{
	*codes = T.codes;
	return T.nlangs;
}
