/*
 * library.c: the guidelines library (library.h).
 *
 * The records of a set come in reading order: [set], then each chapter
 * ([ID]) followed by its sections ([CHAPTER.SECTION]), each followed by
 * its items ([CHAPTER.SECTION.N], numbered from 1).  The tree is built in
 * that one pass; links are resolved once every set is loaded.  Texts
 * point into the parsed files, which the library keeps.
 */
#include "content/library.h"
#include "content/load.h"
#include "core/mem.h"
#include "core/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const lib_audience_ids[NLIB_AUDIENCES] = {"children", "parents", "industry",
						      "policy"};
const char *const c4_ids[4] = {"content", "contact", "conduct", "contract"};

#define MAX_SETS 16
#define MAX_SEE 8

static bool id_part_ok(const char *s, size_t n)
{
	if (n == 0 || n > 40)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

/* Reports every field of r not in keys (and any text not in English:
 * translations come from the translation workflow). */
static void only_keys(struct loader *l, const struct cf_record *r, const char *const *keys,
		      size_t nkeys)
{
	for (int i = 0; i < r->nfields; i++) {
		const struct cf_field *f = &r->fields[i];
		bool known = false;
		for (size_t k = 0; k < nkeys && !known; k++)
			known = str_eq(f->key, keys[k]);
		if (!known)
			cl_problem(l, f->line, "[%s] %s: not a field of this record", r->id, f->key);
		else if (f->lang && !str_eq(f->lang, "en"))
			cl_problem(l, f->line,
				   "[%s] %s@%s: the library's files hold English; translations come "
				   "from the translation workflow",
				   r->id, f->key, f->lang);
	}
}

static const char *text_en(struct loader *l, const struct cf_record *r, const char *key,
			   bool required)
{
	const struct cf_field *f = cf_get(r, key, "en");
	if (f && *f->value) {
		cl_placeholders_ok(l, f); /* {helpline}, {report}, ... as elsewhere */
		return f->value;
	}
	if (required)
		cl_problem(l, r->line, "[%s] has no %s@en", r->id, key);
	return NULL;
}

static void *grow(void *p, int n, size_t size)
{
	/* room for one more, doubling at powers of two */
	if (n == 0 || (n & (n - 1)) == 0)
		p = xrealloc(p, (size_t)(n ? 2 * n : 1) * size);
	return p;
}

static void set_head(struct loader *l, const struct cf_record *r, struct lib_set *s)
{
	static const char *const keys[] = {"audience", "order", "title", "summary"};
	only_keys(l, r, keys, ARRAY_LEN(keys));
	const struct cf_field *a = cf_get(r, "audience", NULL);
	s->audience = NLIB_AUDIENCES;
	for (int i = 0; a && i < NLIB_AUDIENCES; i++)
		if (str_eq(a->value, lib_audience_ids[i]))
			s->audience = (enum lib_audience)i;
	if (s->audience == NLIB_AUDIENCES)
		cl_problem(l, a ? a->line : r->line,
			   "[set] audience: children, parents, industry or policy");
	const struct cf_field *o = cf_get(r, "order", NULL);
	int64_t order = 0;
	if (!o || !parse_int64(o->value, 1, 99, &order))
		cl_problem(l, o ? o->line : r->line, "[set] order: a number from 1 to 99");
	s->order = (int)order;
	s->title = text_en(l, r, "title", true);
	s->summary = text_en(l, r, "summary", true);
}

static void item_fields(struct loader *l, const struct cf_record *r, struct lib_item *it)
{
	static const char *const keys[] = {"type", "topics", "text", "see"};
	only_keys(l, r, keys, ARRAY_LEN(keys));
	const struct cf_field *t = cf_get(r, "type", NULL);
	if (!t || (!str_eq(t->value, "recommendation") && !str_eq(t->value, "checklist")))
		cl_problem(l, t ? t->line : r->line, "[%s] type: recommendation or checklist", r->id);
	it->checklist = t && str_eq(t->value, "checklist");
	const struct cf_field *tp = cf_get(r, "topics", NULL);
	if (tp) {
		char *copy = xstrdup(tp->value), *save = NULL;
		for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			int k = -1;
			for (int i = 0; i < 4; i++)
				if (str_eq(w, c4_ids[i]))
					k = i;
			if (k < 0)
				cl_problem(l, tp->line,
					   "[%s] topics: \"%s\" is not one of content, contact, "
					   "conduct, contract",
					   r->id, w);
			else
				it->topics |= 1u << k;
		}
		free(copy);
	}
	if (!it->topics)
		cl_problem(l, tp ? tp->line : r->line, "[%s] topics: at least one of the 4Cs",
			   r->id);
	it->text = text_en(l, r, "text", true);
	const struct cf_field *see = cf_get(r, "see", NULL);
	if (see) {
		char *copy = xstrdup(see->value), *save = NULL;
		it->see = xcalloc(MAX_SEE, sizeof(*it->see));
		for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			if (it->nsee == MAX_SEE) {
				cl_problem(l, see->line, "[%s] see: at most %d links", r->id, MAX_SEE);
				break;
			}
			it->see[it->nsee++] = xstrdup(w);
		}
		free(copy);
	}
}

/* Builds a set from its file's records, in reading order. */
static void build_set(struct loader *l, const struct cf_file *f, struct lib_set *s)
{
	if (f->nrecords == 0 || !str_eq(f->records[0].id, "set")) {
		cl_problem(l, 1, "a set starts with its [set] record");
		return;
	}
	set_head(l, &f->records[0], s);
	struct lib_chapter *ch = NULL;
	struct lib_section *sec = NULL;
	for (int i = 1; i < f->nrecords; i++) {
		const struct cf_record *r = &f->records[i];
		const char *d1 = strchr(r->id, '.');
		const char *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
		if (d2 && strchr(d2 + 1, '.')) {
			cl_problem(l, r->line, "[%s]: an id has at most three parts", r->id);
			continue;
		}
		if (!d1) { /* a chapter */
			if (!id_part_ok(r->id, strlen(r->id))) {
				cl_problem(l, r->line, "[%s]: an id of a-z, 0-9 and -", r->id);
				continue;
			}
			for (int c = 0; c < s->nchapters; c++)
				if (str_eq(s->chapters[c].id, r->id))
					cl_problem(l, r->line, "[%s]: this chapter is there twice", r->id);
			static const char *const keys[] = {"title", "intro"};
			only_keys(l, r, keys, ARRAY_LEN(keys));
			s->chapters = grow(s->chapters, s->nchapters, sizeof(*s->chapters));
			ch = &s->chapters[s->nchapters++];
			memset(ch, 0, sizeof(*ch));
			ch->id = r->id;
			ch->title = text_en(l, r, "title", true);
			ch->intro = text_en(l, r, "intro", true);
			sec = NULL;
			continue;
		}
		if (!ch || strncmp(r->id, ch->id, (size_t)(d1 - r->id)) != 0 ||
		    strlen(ch->id) != (size_t)(d1 - r->id)) {
			cl_problem(l, r->line, "[%s]: it must follow its chapter, in reading order", r->id);
			continue;
		}
		if (!d2) { /* a section */
			if (!id_part_ok(d1 + 1, strlen(d1 + 1))) {
				cl_problem(l, r->line, "[%s]: an id of a-z, 0-9 and -", r->id);
				continue;
			}
			for (int k = 0; k < ch->nsections; k++)
				if (str_eq(ch->sections[k].id, r->id))
					cl_problem(l, r->line, "[%s]: this section is there twice", r->id);
			static const char *const keys[] = {"title", "text"};
			only_keys(l, r, keys, ARRAY_LEN(keys));
			ch->sections = grow(ch->sections, ch->nsections, sizeof(*ch->sections));
			sec = &ch->sections[ch->nsections++];
			memset(sec, 0, sizeof(*sec));
			sec->id = r->id;
			sec->title = text_en(l, r, "title", true);
			sec->text = text_en(l, r, "text", false);
			continue;
		}
		/* an item */
		if (!sec || strncmp(r->id, sec->id, strlen(sec->id)) != 0 ||
		    r->id[strlen(sec->id)] != '.') {
			cl_problem(l, r->line, "[%s]: it must follow its section, in reading order", r->id);
			continue;
		}
		int64_t n;
		if (!parse_int64(d2 + 1, 1, 999, &n)) {
			cl_problem(l, r->line, "[%s]: an item is numbered 1, 2, 3 ...", r->id);
			continue;
		}
		if (n != sec->nitems + 1) {
			cl_problem(l, r->line, "[%s]: item %d of %s comes after item %d", r->id, (int)n,
				   sec->id, sec->nitems);
			continue;
		}
		sec->items = grow(sec->items, sec->nitems, sizeof(*sec->items));
		struct lib_item *it = &sec->items[sec->nitems++];
		memset(it, 0, sizeof(*it));
		it->id = r->id;
		it->n = (int)n;
		it->line = r->line;
		item_fields(l, r, it);
		s->nitems++;
	}
	if (s->nchapters == 0)
		cl_problem(l, 1, "a set has at least one chapter");
	for (int c = 0; c < s->nchapters; c++) {
		if (s->chapters[c].nsections == 0)
			cl_problem(l, 1, "[%s]: a chapter has at least one section", s->chapters[c].id);
		for (int k = 0; k < s->chapters[c].nsections; k++)
			if (s->chapters[c].sections[k].nitems == 0)
				cl_problem(l, 1, "[%s]: a section has at least one item",
					   s->chapters[c].sections[k].id);
	}
}

const struct lib_set *library_set(const struct library *l, const char *id)
{
	for (int i = 0; l && id && i < l->nsets; i++)
		if (str_eq(l->sets[i].id, id))
			return &l->sets[i];
	return NULL;
}

bool library_find(const struct lib_set *s, const char *id, const struct lib_chapter **ch,
		  const struct lib_section **sec, const struct lib_item **item)
{
	*ch = NULL;
	*sec = NULL;
	*item = NULL;
	for (int c = 0; s && id && c < s->nchapters; c++) {
		const struct lib_chapter *h = &s->chapters[c];
		size_t n = strlen(h->id);
		if (strncmp(id, h->id, n) != 0 || (id[n] && id[n] != '.'))
			continue;
		*ch = h;
		if (!id[n])
			return true;
		for (int k = 0; k < h->nsections; k++) {
			const struct lib_section *x = &h->sections[k];
			size_t m = strlen(x->id);
			if (strncmp(id, x->id, m) != 0 || (id[m] && id[m] != '.'))
				continue;
			*sec = x;
			if (!id[m])
				return true;
			for (int i = 0; i < x->nitems; i++)
				if (str_eq(x->items[i].id, id)) {
					*item = &x->items[i];
					return true;
				}
		}
		return false;
	}
	return false;
}

static bool in_list(const char *const *list, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (str_eq(list[i], s))
			return true;
	return false;
}

/* Checks every see: link, and writes library links as "SET/ID". */
static void resolve_links(struct loader *l, struct library *lib, const struct lib_targets *t)
{
	for (int i = 0; i < lib->nsets; i++) {
		struct lib_set *s = &lib->sets[i];
		l->path = s->path;
		for (int c = 0; c < s->nchapters; c++)
			for (int k = 0; k < s->chapters[c].nsections; k++)
				for (int j = 0; j < s->chapters[c].sections[k].nitems; j++) {
					struct lib_item *it = &s->chapters[c].sections[k].items[j];
					for (int e = 0; e < it->nsee; e++) {
						const char *w = it->see[e];
						bool ok;
						if (str_starts(w, "play:"))
							ok = !t || !t->topics ||
							     in_list(t->topics, t->ntopics, w + 5);
						else if (str_starts(w, "learn:"))
							ok = !t || !t->courses ||
							     in_list(t->courses, t->ncourses, w + 6);
						else {
							const char *slash = strchr(w, '/');
							char set[64];
							const char *id = w;
							str_copy(set, sizeof(set), s->id);
							if (slash && (size_t)(slash - w) < sizeof(set)) {
								memcpy(set, w, (size_t)(slash - w));
								set[slash - w] = '\0';
								id = slash + 1;
							}
							const struct lib_chapter *ch;
							const struct lib_section *sec;
							const struct lib_item *item;
							ok = library_find(library_set(lib, set), id, &ch, &sec,
									  &item) &&
							     (sec || item);
							if (ok && !slash) {
								char *full = xcalloc(1, strlen(set) + strlen(id) + 2);
								snprintf(full, strlen(set) + strlen(id) + 2, "%s/%s",
									 set, id);
								free((char *)it->see[e]);
								it->see[e] = full;
							}
						}
						if (!ok)
							cl_problem(l, it->line,
								   "[%s] see: %s leads nowhere (play:TOPIC, "
								   "learn:COURSE, ID or SET/ID of a section or item)",
								   it->id, w);
					}
				}
	}
}

static int by_order(const void *a, const void *b)
{
	const struct lib_set *x = a, *y = b;
	return x->order - y->order;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int library_load(const char *content_dir, const struct lib_targets *targets, cf_report_fn report,
		 void *ctx, struct library **out)
{
	struct loader l = {.report = report, .ctx = ctx};
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s/library", content_dir);
	struct library *lib = xcalloc(1, sizeof(*lib));
	lib->sets = xcalloc(MAX_SETS, sizeof(*lib->sets));
	lib->files = xcalloc(MAX_SETS, sizeof(*lib->files));
	*out = NULL;
	DIR *d = opendir(dir);
	if (!d) {
		*out = lib;
		return 0;
	}
	char *names[MAX_SETS];
	int nnames = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || !str_eq(e->d_name + n - 4, ".txt"))
			continue;
		if (nnames == MAX_SETS) {
			l.path = dir;
			cl_problem(&l, 0, "at most %d sets", MAX_SETS);
			break;
		}
		names[nnames++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, (size_t)nnames, sizeof(*names), by_name);
	for (int i = 0; i < nnames; i++) {
		char path[1200];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		l.path = path;
		names[i][strlen(names[i]) - 4] = '\0';
		if (!id_part_ok(names[i], strlen(names[i]))) {
			cl_problem(&l, 0, "a set's file is named of a-z, 0-9 and -, .txt");
			free(names[i]);
			continue;
		}
		int p = 0;
		struct cf_file *f = cf_load(path, report, ctx, &p);
		l.problems += p;
		if (!f) {
			free(names[i]);
			continue;
		}
		lib->files[lib->nfiles++] = f;
		struct lib_set *s = &lib->sets[lib->nsets++];
		s->id = names[i];
		s->path = f->path;
		l.path = f->path;
		build_set(&l, f, s);
	}
	qsort(lib->sets, (size_t)lib->nsets, sizeof(*lib->sets), by_order);
	for (int i = 1; i < lib->nsets; i++)
		if (lib->sets[i].order == lib->sets[i - 1].order) {
			l.path = lib->sets[i].path;
			cl_problem(&l, 1, "[set] order %d is also %s's", lib->sets[i].order,
				   lib->sets[i - 1].id);
		}
	resolve_links(&l, lib, targets);
	if (l.problems) {
		library_free(lib);
		return l.problems;
	}
	*out = lib;
	return 0;
}

void library_free(struct library *lib)
{
	if (!lib)
		return;
	for (int i = 0; i < lib->nsets; i++) {
		struct lib_set *s = &lib->sets[i];
		for (int c = 0; c < s->nchapters; c++) {
			struct lib_chapter *ch = &s->chapters[c];
			for (int k = 0; k < ch->nsections; k++) {
				struct lib_section *sec = &ch->sections[k];
				for (int j = 0; j < sec->nitems; j++) {
					for (int e = 0; e < sec->items[j].nsee; e++)
						free((char *)sec->items[j].see[e]);
					free(sec->items[j].see);
				}
				free(sec->items);
			}
			free(ch->sections);
		}
		free(s->chapters);
		free((char *)s->id);
	}
	for (int i = 0; i < lib->nfiles; i++)
		cf_free(lib->files[i]);
	free(lib->files);
	free(lib->sets);
	free(lib);
}
