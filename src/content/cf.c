/*
 * cf.c: the content format reader (cf.h).  Hand-written: the format is
 * a few lines of rules (content/README.md), simpler than any INI or YAML
 * library, and the checks need every line number.
 */
#include "content/cf.h"
#include "core/file.h"
#include "core/mem.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static bool key_char(char c)
{
	return id_char(c) || c == '.' || c == '_';
}

static void add_field(struct cf_record *r, char *key, char *lang, char *value, int line)
{
	if (r->nfields % 16 == 0)
		r->fields = xrealloc(r->fields, sizeof(*r->fields) * (size_t)(r->nfields + 16));
	r->fields[r->nfields++] = (struct cf_field){key, lang, value, line};
}

static struct cf_record *add_record(struct cf_file *f, char *id, int line)
{
	if (f->nrecords % 16 == 0)
		f->records = xrealloc(f->records, sizeof(*f->records) * (size_t)(f->nrecords + 16));
	struct cf_record *r = &f->records[f->nrecords++];
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->line = line;
	return r;
}

struct cf_file *cf_parse(const char *path, const char *text, size_t len, cf_report_fn report,
			 void *ctx, int *problems)
{
	struct cf_file *f = xcalloc(1, sizeof(*f));
	const char *p = text, *end = text + len;
	int line = 0;
	char msg[256];

	f->path = xstrdup(path);
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *le = eol ? eol : end;
		line++;
		size_t n = (size_t)(le - p);
		if (n && p[n - 1] == '\r')
			n--;
		const char *s = p;
		p = eol ? eol + 1 : end;
		/* trim */
		while (n && (*s == ' ' || *s == '\t')) {
			s++;
			n--;
		}
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (!n || s[0] == '#')
			continue;
		if (memchr(s, '\0', n) || !utf8_valid_text(s, n, false)) {
			report(ctx, path, line, "not valid UTF-8 text");
			(*problems)++;
			continue;
		}
		if (s[0] == '[') {
			/* an id may have parts joined by dots (the library's
			 * "chapter.section.1"), none of them empty */
			size_t k = 1;
			bool dots_ok = s[1] != '.';
			while (k < n && (id_char(s[k]) || s[k] == '.')) {
				dots_ok = dots_ok && !(s[k] == '.' && (s[k - 1] == '.' || s[k + 1] == ']'));
				k++;
			}
			if (k == 1 || k >= n || s[k] != ']' || k + 1 != n || !dots_ok) {
				report(ctx, path, line,
				       "a record starts with [id]: lower-case letters, digits and '-', "
				       "in parts joined by '.'");
				(*problems)++;
				continue;
			}
			for (int i = 0; i < f->nrecords; i++) {
				if (strlen(f->records[i].id) == k - 1 &&
				    memcmp(f->records[i].id, s + 1, k - 1) == 0) {
					snprintf(msg, sizeof(msg), "[%.*s] is already at line %d", (int)(k - 1),
						 s + 1, f->records[i].line);
					report(ctx, path, line, msg);
					(*problems)++;
				}
			}
			add_record(f, xstrndup(s + 1, k - 1), line);
			continue;
		}
		const char *colon = memchr(s, ':', n);
		if (!colon) {
			report(ctx, path, line, "expected \"key: value\", \"[id]\" or a # comment");
			(*problems)++;
			continue;
		}
		if (!f->nrecords) {
			report(ctx, path, line, "a field before the first [id]");
			(*problems)++;
			continue;
		}
		size_t kl = (size_t)(colon - s), klen = kl;
		const char *at = memchr(s, '@', kl);
		if (at)
			klen = (size_t)(at - s);
		bool ok = klen > 0;
		for (size_t i = 0; ok && i < klen; i++)
			ok = key_char(s[i]);
		size_t ll = at ? kl - klen - 1 : 0;
		if (at && (ll < 2 || ll > 8))
			ok = false;
		for (size_t i = 0; ok && at && i < ll; i++)
			ok = at[1 + i] >= 'a' && at[1 + i] <= 'z';
		if (!ok) {
			report(ctx, path, line,
			       "a key is lower-case letters, digits, '.', '-', then @lang for a text");
			(*problems)++;
			continue;
		}
		const char *v = colon + 1;
		while (v < s + n && (*v == ' ' || *v == '\t'))
			v++;
		struct cf_record *r = &f->records[f->nrecords - 1];
		char *key = xstrndup(s, klen);
		char *lang = at ? xstrndup(at + 1, ll) : NULL;
		if (cf_get(r, key, lang)) {
			snprintf(msg, sizeof(msg), "%s%s%s is given twice in [%s]", key, lang ? "@" : "",
				 lang ? lang : "", r->id);
			report(ctx, path, line, msg);
			(*problems)++;
			free(key);
			free(lang);
			continue;
		}
		add_field(r, key, lang, xstrndup(v, (size_t)(s + n - v)), line);
	}
	return f;
}

struct cf_file *cf_load(const char *path, cf_report_fn report, void *ctx, int *problems)
{
	size_t len;
	bool too_big;
	char *text = file_read(path, 4u << 20, &len, &too_big);
	if (!text) {
		report(ctx, path, 0, too_big ? "larger than 4 MiB" : "cannot be read");
		(*problems)++;
		return NULL;
	}
	struct cf_file *f = cf_parse(path, text, len, report, ctx, problems);
	free(text);
	return f;
}

void cf_free(struct cf_file *f)
{
	if (!f)
		return;
	for (int i = 0; i < f->nrecords; i++) {
		struct cf_record *r = &f->records[i];
		for (int k = 0; k < r->nfields; k++) {
			free(r->fields[k].key);
			free(r->fields[k].lang);
			free(r->fields[k].value);
		}
		free(r->fields);
		free(r->id);
	}
	free(f->records);
	free(f->path);
	free(f);
}

const struct cf_field *cf_get(const struct cf_record *r, const char *key, const char *lang)
{
	for (int i = 0; i < r->nfields; i++) {
		const struct cf_field *fl = &r->fields[i];
		if (strcmp(fl->key, key) != 0)
			continue;
		if ((!lang && !fl->lang) || (lang && fl->lang && strcmp(lang, fl->lang) == 0))
			return fl;
	}
	return NULL;
}

bool cf_has(const struct cf_record *r, const char *key)
{
	for (int i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].key, key) == 0)
			return true;
	return false;
}
