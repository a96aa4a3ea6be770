/*
 * load.h: what the content loaders (play.c, learn.c) share: the six
 * content languages, texts held in all of them, and a loader that checks
 * records field by field and reports each problem with file and line.
 */
#ifndef COPHUB_CONTENT_LOAD_H
#define COPHUB_CONTENT_LOAD_H

#include "content/cf.h"

#include <stdbool.h>

#define CONTENT_NLANGS 6

/* The content languages, in the order of struct text. */
extern const char *const content_langs[CONTENT_NLANGS];
int content_lang_index(const char *code); /* -1 when not a content language */
/* The index of lang, or of English when lang is not a content language. */
int content_lang_or_en(const char *lang);

struct text {
	const char *s[CONTENT_NLANGS];
};

/* t in lang, else in English, else "". */
const char *content_text(const struct text *t, const char *lang);

/* The state of one load: where to report, and how often it did. */
struct loader {
	cf_report_fn report;
	void *ctx;
	int problems;
	const char *path; /* the file being checked */
	unsigned langs;   /* the languages required: 1 << index */
	const char *static_dir;
};

void cl_problem(struct loader *l, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Whether a text uses only the placeholders content/README.md names. */
bool cl_placeholders_ok(struct loader *l, const struct cf_field *f);
/* Fills t with key in every language; reports each one required and
 * missing (at the English text's line). */
bool cl_get_text(struct loader *l, const struct cf_record *r, const char *key, struct text *t);
/* An untranslated field's value; reported when missing or empty. */
const char *cl_get_value(struct loader *l, const struct cf_record *r, const char *key);
/* Reports fields in languages other than the six. */
void cl_check_langs(struct loader *l, const struct cf_record *r);
/* Counts numbered keys prefix.1 ... prefix.N (in any language). */
int cl_count_numbered(const struct cf_record *r, const char *prefix, const char *suffix);
/* Loads dir/name and merges into its records the translations in
 * dir/i18n/LANG/name; adds the file to files (at most max) to be freed
 * with the content.  NULL when it cannot be read (reported). */
struct cf_file *cl_load_file(struct loader *l, struct cf_file **files, int *nfiles, int max,
			     const char *dir, const char *name);
/* Translations made in the translation workflow and approved, put by
 * cl_load_file over the files' own: for the main file at path, a record,
 * a key, a content language and the English text, the approved
 * translation or NULL.  NULL fn: none (the default). */
typedef const char *(*cl_override_fn)(void *ctx, const char *path, const char *record,
				      const char *key, const char *lang, const char *english);
void cl_set_override(cl_override_fn fn, void *ctx);
/* The override's text for a text of path, or NULL (none set, or none). */
const char *cl_override(const char *path, const char *record, const char *key, const char *lang,
			const char *english);

/* A lesson's Markdown as the translation units see it: its blocks, the
 * runs of lines between blank lines. */
struct cl_span {
	const char *s;
	size_t n;
};
#define CL_MAX_BLOCKS 400
/* The blocks of md (at most max), in order; their count. */
int cl_md_blocks(const char *md, struct cl_span *out, int max);
/* The record with that id, or NULL. */
const struct cf_record *cl_record(const struct cf_file *f, const char *id);

#endif
