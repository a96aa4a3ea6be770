/*
 * load.c: see load.h.
 */
#include "content/load.h"
#include "core/mem.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

const char *const content_langs[CONTENT_NLANGS] = {"ar", "en", "es", "fr", "ru", "zh"};

int content_lang_index(const char *code)
{
	for (int i = 0; i < CONTENT_NLANGS; i++)
		if (str_eq(code, content_langs[i]))
			return i;
	return -1;
}

int content_lang_or_en(const char *lang)
{
	int i = content_lang_index(lang);
	return i < 0 ? content_lang_index("en") : i;
}

const char *content_text(const struct text *t, const char *lang)
{
	const char *s = t->s[content_lang_or_en(lang)];
	if (!s)
		s = t->s[content_lang_index("en")];
	return s ? s : "";
}

void cl_problem(struct loader *l, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	l->report(l->ctx, l->path, line, msg);
	l->problems++;
}

/* The placeholders a text may use (content/README.md). */
bool cl_placeholders_ok(struct loader *l, const struct cf_field *f)
{
	static const char *const allowed[] = {"{helpline}", "{helpline_contact}", "{report}",
					      "{emergency}", "{law}"};
	for (const char *p = f->value; *p; p++) {
		if (*p == '}') {
			cl_problem(l, f->line, "%s@%s: '}' without '{'", f->key, f->lang);
			return false;
		}
		if (*p != '{')
			continue;
		size_t i = 0;
		while (i < ARRAY_LEN(allowed) && !str_starts(p, allowed[i]))
			i++;
		if (i == ARRAY_LEN(allowed)) {
			cl_problem(l, f->line, "%s@%s: unknown placeholder (use {helpline}, "
				"{helpline_contact}, {report}, {emergency} or {law})",
				f->key, f->lang);
			return false;
		}
		p += strlen(allowed[i]) - 1; /* onto its '}' */
	}
	return true;
}

/* Fills t with key in every language; reports each missing one. */
bool cl_get_text(struct loader *l, const struct cf_record *r, const char *key,
		     struct text *t)
{
	bool all = true;
	/* a missing language is reported where the source text is: the
	 * English, in this file (translations are merged in from others) */
	int line = r->line;
	const struct cf_field *src = cf_get(r, key, "en");
	for (int i = 0; !src && i < CONTENT_NLANGS; i++)
		src = cf_get(r, key, content_langs[i]);
	if (src)
		line = src->line;
	for (int i = 0; i < CONTENT_NLANGS; i++) {
		const struct cf_field *f = cf_get(r, key, content_langs[i]);
		t->s[i] = f ? f->value : NULL;
		if (!(l->langs & (1u << i)))
			continue;
		if (!f || !*f->value) {
			cl_problem(l, line, "[%s] lacks %s@%s", r->id, key, content_langs[i]);
			all = false;
		} else {
			cl_placeholders_ok(l, f);
		}
	}
	return all;
}

const char *cl_get_value(struct loader *l, const struct cf_record *r, const char *key)
{
	const struct cf_field *f = cf_get(r, key, NULL);
	if (!f || !*f->value) {
		cl_problem(l, r->line, "[%s] lacks %s:", r->id, key);
		return NULL;
	}
	return f->value;
}

/* Reports fields in languages other than the six, and untranslated
 * copies of translated keys. */
void cl_check_langs(struct loader *l, const struct cf_record *r)
{
	for (int i = 0; i < r->nfields; i++) {
		const struct cf_field *f = &r->fields[i];
		if (f->lang && content_lang_index(f->lang) < 0)
			cl_problem(l, f->line, "%s@%s: %s is not one of ar, en, es, fr, ru, zh", f->key,
				f->lang, f->lang);
	}
}

/* Counts numbered keys prefix.1 ... prefix.N (in any language). */
int cl_count_numbered(const struct cf_record *r, const char *prefix, const char *suffix)
{
	char key[128];
	int n = 0;
	for (;;) {
		/* a key cut short would name the same field every time */
		int k = snprintf(key, sizeof(key), "%s.%d%s", prefix, n + 1, suffix);
		if (k < 0 || (size_t)k >= sizeof(key) || !cf_has(r, key))
			return n;
		n++;
	}
}

/* Adds the fields of an overlay record (play/i18n/LANG/FILE) to the base
 * record of the same id; reports what does not belong there. */
static void merge_record(struct loader *l, const char *lang, struct cf_record *base,
			 const struct cf_record *over)
{
	for (int i = 0; i < over->nfields; i++) {
		const struct cf_field *f = &over->fields[i];
		if (!f->lang || !str_eq(f->lang, lang)) {
			cl_problem(l, f->line, "[%s] %s: a translation file for %s holds only @%s texts",
				over->id, f->key, lang, lang);
			continue;
		}
		if (!cf_get(base, f->key, "en")) {
			cl_problem(l, f->line, "[%s] %s@%s translates nothing: there is no %s@en",
				over->id, f->key, lang, f->key);
			continue;
		}
		if (cf_get(base, f->key, lang)) {
			cl_problem(l, f->line, "[%s] %s@%s is also in the main file", over->id, f->key,
				lang);
			continue;
		}
		if (!cl_placeholders_ok(l, f)) /* reported here, with the translation's path */
			continue;
		if (base->nfields % 16 == 0)
			base->fields =
				xrealloc(base->fields, sizeof(*base->fields) * (size_t)(base->nfields + 16));
		/* copies: the overlay file is freed after the merge */
		base->fields[base->nfields] = *f;
		base->fields[base->nfields].key = xstrdup(f->key);
		base->fields[base->nfields].lang = xstrdup(f->lang);
		base->fields[base->nfields].value = xstrdup(f->value);
		base->nfields++;
	}
}

static cl_override_fn override_fn;
static void *override_ctx;

void cl_set_override(cl_override_fn fn, void *ctx)
{
	override_fn = fn;
	override_ctx = ctx;
}

const char *cl_override(const char *path, const char *record, const char *key, const char *lang,
			const char *english)
{
	return override_fn ? override_fn(override_ctx, path, record, key, lang, english) : NULL;
}

int cl_md_blocks(const char *md, struct cl_span *out, int max)
{
	int n = 0;
	const char *p = md;
	while (*p && n < max) {
		/* skip blank lines */
		for (;;) {
			const char *q = p;
			while (*q == ' ' || *q == '\t' || *q == '\r')
				q++;
			if (*q == '\n')
				p = q + 1;
			else if (!*q)
				return n;
			else
				break;
		}
		/* the block: up to a blank line or the end */
		const char *start = p, *end = p;
		for (;;) {
			const char *nl = strchr(p, '\n');
			const char *eol = nl ? nl : p + strlen(p);
			const char *q = p;
			while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
				q++;
			if (q == eol && p != start)
				break; /* a blank line */
			end = eol;
			if (!nl) {
				p = eol;
				break;
			}
			p = nl + 1;
		}
		while (end > start && (end[-1] == '\r' || end[-1] == ' '))
			end--;
		out[n++] = (struct cl_span){start, (size_t)(end - start)};
	}
	return n;
}

/* Puts the translations the override gives over the file's (or adds
 * them), for every English text and content language. */
static void apply_overrides(struct cf_file *f)
{
	for (int k = 0; k < f->nrecords; k++) {
		struct cf_record *r = &f->records[k];
		int n0 = r->nfields;
		for (int i = 0; i < n0; i++) {
			if (!r->fields[i].lang || !str_eq(r->fields[i].lang, "en"))
				continue;
			for (int lg = 0; lg < CONTENT_NLANGS; lg++) {
				const char *lang = content_langs[lg];
				if (str_eq(lang, "en"))
					continue;
				const char *t = override_fn(override_ctx, f->path, r->id, r->fields[i].key,
							    lang, r->fields[i].value);
				if (!t)
					continue;
				struct cf_field *have = NULL;
				for (int j = 0; j < r->nfields && !have; j++)
					if (r->fields[j].lang && str_eq(r->fields[j].lang, lang) &&
					    str_eq(r->fields[j].key, r->fields[i].key))
						have = &r->fields[j];
				if (have) {
					free(have->value);
					have->value = xstrdup(t);
					continue;
				}
				if (r->nfields % 16 == 0)
					r->fields = xrealloc(r->fields, sizeof(*r->fields) *
									(size_t)(r->nfields + 16));
				r->fields[r->nfields] = (struct cf_field){
					.key = xstrdup(r->fields[i].key),
					.lang = xstrdup(lang),
					.value = xstrdup(t),
					.line = r->fields[i].line,
				};
				r->nfields++;
			}
		}
	}
}

/* Loads play/NAME and the translations beside it in play/i18n/LANG/NAME,
 * merged into its records.  Problems in a translation are reported with
 * the translation file's path. */
struct cf_file *cl_load_file(struct loader *l, struct cf_file **files, int *nfiles, int max,
			     const char *dir, const char *name)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	struct cf_file *f = cf_load(path, l->report, l->ctx, &l->problems);
	if (!f)
		return NULL;
	if (*nfiles < max)
		files[(*nfiles)++] = f;
	for (int lg = 0; lg < CONTENT_NLANGS; lg++) {
		struct stat st;
		snprintf(path, sizeof(path), "%s/i18n/%s/%s", dir, content_langs[lg], name);
		if (stat(path, &st) < 0)
			continue;
		struct cf_file *o = cf_load(path, l->report, l->ctx, &l->problems);
		if (!o)
			continue;
		const char *saved = l->path;
		l->path = o->path;
		for (int i = 0; i < o->nrecords; i++) {
			struct cf_record *base = NULL;
			for (int k = 0; k < f->nrecords && !base; k++)
				if (str_eq(f->records[k].id, o->records[i].id))
					base = &f->records[k];
			if (!base)
				cl_problem(l, o->records[i].line, "[%s] is not in %s/%s", o->records[i].id,
					dir, name);
			else
				merge_record(l, content_langs[lg], base, &o->records[i]);
		}
		l->path = saved;
		cf_free(o);
	}
	if (override_fn)
		apply_overrides(f);
	return f;
}

const struct cf_record *cl_record(const struct cf_file *f, const char *id)
{
	for (int i = 0; f && i < f->nrecords; i++)
		if (str_eq(f->records[i].id, id))
			return &f->records[i];
	return NULL;
}

