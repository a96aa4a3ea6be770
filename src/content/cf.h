/*
 * cf.h: the content format (content/README.md): records of "key: value"
 * fields, with translated fields written "key@lang: value".
 *
 * The reader keeps the line of every record and field, so the checks on
 * top of it (play.c) can name file and line for each problem.
 */
#ifndef COPHUB_CF_H
#define COPHUB_CF_H

#include <stdbool.h>
#include <stddef.h>

struct cf_field {
	char *key;   /* without the language */
	char *lang;  /* NULL for a field that is not translated */
	char *value;
	int line;
};

struct cf_record {
	char *id;
	int line;
	struct cf_field *fields;
	int nfields;
};

struct cf_file {
	char *path;
	struct cf_record *records;
	int nrecords;
};

/* Reports one problem; the reader and the checks call it for each. */
typedef void (*cf_report_fn)(void *ctx, const char *path, int line, const char *msg);

/* Parses text; every malformed line is reported and skipped.  Returns
 * the file (never NULL); *problems counts what was reported. */
struct cf_file *cf_parse(const char *path, const char *text, size_t len, cf_report_fn report,
			 void *ctx, int *problems);
/* Reads and parses a file; NULL (reported) when it cannot be read. */
struct cf_file *cf_load(const char *path, cf_report_fn report, void *ctx, int *problems);
void cf_free(struct cf_file *f);

/* The field key (lang NULL: untranslated), or NULL. */
const struct cf_field *cf_get(const struct cf_record *r, const char *key, const char *lang);
/* True when the field exists in any language. */
bool cf_has(const struct cf_record *r, const char *key);

#endif
