/*
 * i18n.c: see i18n.h.  A catalog is an open-addressing hash table from
 * msgid (or msgid_plural's singular) to its translated forms.
 */
#include "web/i18n.h"
#include "web/plural.h"
#include "web/po.h"
#include "core/buf.h"
#include "core/escape.h"
#include "core/file.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct msg {
	char *id;
	char **forms;
	char **forms_html; /* the same, HTML-escaped once at load */
	int nforms;
};

struct catalog {
	char code[16];
	char name[64];
	bool rtl;
	struct plural *plural;
	struct msg *table;
	size_t size; /* power of two */
	size_t count;
	size_t total; /* entries in the file, translated or not */
	int percent;
};

static struct catalog *catalogs[I18N_MAX_LANGS];
static size_t ncatalogs;

static unsigned long fnv(const char *s)
{
	unsigned long h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void table_put(struct catalog *c, const char *id, const char *const *forms, int n,
		      bool replace)
{
	if ((c->count + 1) * 2 > c->size) {
		size_t nsize = c->size ? c->size * 2 : 256;
		struct msg *nt = xcalloc(nsize, sizeof(*nt));
		for (size_t i = 0; i < c->size; i++) {
			if (!c->table[i].id)
				continue;
			size_t k = fnv(c->table[i].id) & (nsize - 1);
			while (nt[k].id)
				k = (k + 1) & (nsize - 1);
			nt[k] = c->table[i];
		}
		free(c->table);
		c->table = nt;
		c->size = nsize;
	}
	size_t k = fnv(id) & (c->size - 1);
	while (c->table[k].id) {
		if (strcmp(c->table[k].id, id) == 0) {
			if (!replace)
				return; /* first one wins */
			for (int i = 0; i < c->table[k].nforms; i++) {
				free(c->table[k].forms[i]);
				free(c->table[k].forms_html[i]);
			}
			free(c->table[k].forms);
			free(c->table[k].forms_html);
			c->count--;
			break;
		}
		k = (k + 1) & (c->size - 1);
	}
	if (!c->table[k].id)
		c->table[k].id = xstrdup(id);
	c->table[k].forms = xcalloc((size_t)n, sizeof(char *));
	c->table[k].forms_html = xcalloc((size_t)n, sizeof(char *));
	for (int i = 0; i < n; i++) {
		c->table[k].forms[i] = xstrdup(forms[i]);
		c->table[k].forms_html[i] = html_escape_dup(forms[i]);
	}
	c->table[k].nforms = n;
	c->count++;
}

static const struct msg *table_get(const struct catalog *c, const char *id)
{
	if (!c->size)
		return NULL;
	size_t k = fnv(id) & (c->size - 1);
	while (c->table[k].id) {
		if (strcmp(c->table[k].id, id) == 0)
			return &c->table[k];
		k = (k + 1) & (c->size - 1);
	}
	return NULL;
}

/* Collects the {name} placeholders of s, as "|a|b|" in out. */
static void placeholders(const char *s, struct buf *out)
{
	buf_reset(out);
	buf_putc(out, '|');
	for (const char *p = s; *p; p++) {
		if (*p != '{')
			continue;
		const char *e = p + 1;
		while ((*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9') || *e == '_')
			e++;
		if (*e == '}' && e > p + 1) {
			buf_put(out, p + 1, (size_t)(e - p - 1));
			buf_putc(out, '|');
			p = e;
		}
	}
}

/* True when every placeholder of t also appears in one of the sources. */
static bool placeholders_ok(const char *t, const char *src1, const char *src2)
{
	struct buf pt, ps;
	bool ok = true;

	buf_init(&pt, 4096);
	buf_init(&ps, 8192);
	placeholders(t, &pt);
	placeholders(src1, &ps);
	if (src2) {
		struct buf p2;
		buf_init(&p2, 4096);
		placeholders(src2, &p2);
		buf_puts(&ps, p2.data);
		buf_free(&p2);
	}
	const char *p = pt.data + 1;
	while (*p) {
		const char *bar = strchr(p, '|');
		char name[80];
		size_t n = (size_t)(bar - p);
		if (n + 3 > sizeof(name)) {
			ok = false;
			break;
		}
		name[0] = '|';
		memcpy(name + 1, p, n);
		name[n + 1] = '|';
		name[n + 2] = '\0';
		if (!strstr(ps.data, name)) {
			ok = false;
			break;
		}
		p = bar + 1;
	}
	buf_free(&pt);
	buf_free(&ps);
	return ok;
}

struct load_ctx {
	struct catalog *c;
	const char *path;
	int *warnings;
	char header_err[256];
};

/* Reads "Field: value" from a PO header into out. */
static void header_field(const char *header, const char *field, char *out, size_t outlen)
{
	size_t fl = strlen(field);
	out[0] = '\0';
	for (const char *p = header; p && *p;) {
		if (strncmp(p, field, fl) == 0 && p[fl] == ':') {
			const char *v = p + fl + 1;
			while (*v == ' ')
				v++;
			const char *e = strchr(v, '\n');
			size_t n = e ? (size_t)(e - v) : strlen(v);
			if (n >= outlen)
				n = outlen - 1;
			memcpy(out, v, n);
			out[n] = '\0';
			return;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
}

static int load_entry(void *ctx, const struct po_entry *e)
{
	struct load_ctx *lc = ctx;
	struct catalog *c = lc->c;
	char err[256], value[256];

	if (e->msgctxt)
		return 0; /* cophub's sources use no contexts */
	if (!*e->msgid) {
		header_field(e->msgstr[0], "Plural-Forms", value, sizeof(value));
		c->plural = value[0] ? plural_compile(value, err, sizeof(err)) : NULL;
		if (!c->plural) {
			snprintf(lc->header_err, sizeof(lc->header_err), "%s:%d: %s", lc->path,
				 e->line, value[0] ? err : "the header has no Plural-Forms");
			return 1;
		}
		header_field(e->msgstr[0], "X-Native-Name", c->name, sizeof(c->name));
		header_field(e->msgstr[0], "X-Text-Direction", value, sizeof(value));
		c->rtl = str_eq(value, "rtl");
		return 0;
	}
	c->total++;
	if (!c->plural) {
		snprintf(lc->header_err, sizeof(lc->header_err),
			 "%s:%d: the header entry must come first", lc->path, e->line);
		return 1;
	}
	if (e->fuzzy)
		return 0;
	for (int i = 0; i < e->nstr; i++)
		if (!*e->msgstr[i])
			return 0; /* untranslated: English is used */
	if (e->msgid_plural && e->nstr != plural_count(c->plural)) {
		log_warn("%s:%d: \"%s\" has %d plural forms, the header says %d", lc->path, e->line,
			 e->msgid, e->nstr, plural_count(c->plural));
		(*lc->warnings)++;
		return 0;
	}
	for (int i = 0; i < e->nstr; i++) {
		if (!placeholders_ok(e->msgstr[i], e->msgid, e->msgid_plural)) {
			log_warn("%s:%d: the translation of \"%s\" has a {placeholder} the source "
				 "does not have",
				 lc->path, e->line, e->msgid);
			(*lc->warnings)++;
			return 0;
		}
	}
	table_put(c, e->msgid, e->msgstr, e->nstr, false);
	return 0;
}

static void catalog_free(struct catalog *c)
{
	for (size_t i = 0; i < c->size; i++) {
		if (!c->table[i].id)
			continue;
		free(c->table[i].id);
		for (int k = 0; k < c->table[i].nforms; k++) {
			free(c->table[i].forms[k]);
			free(c->table[i].forms_html[k]);
		}
		free(c->table[i].forms);
		free(c->table[i].forms_html);
	}
	free(c->table);
	plural_free(c->plural);
	free(c);
}

static int load_file(const char *dir, const char *file, int *warnings, char *err, size_t errlen)
{
	char path[1024];
	size_t len;
	struct catalog *c = xcalloc(1, sizeof(*c));
	struct load_ctx lc = {.c = c, .path = path, .warnings = warnings};

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	size_t clen = strlen(file) - 3;
	if (clen >= sizeof(c->code))
		clen = sizeof(c->code) - 1;
	memcpy(c->code, file, clen);
	c->code[clen] = '\0';
	bool too_big;
	char *text = file_read(path, 32u << 20, &len, &too_big);
	if (!text) {
		snprintf(err, errlen, too_big ? "%s: larger than 32 MiB" : "%s: cannot read", path);
		catalog_free(c);
		return -1;
	}
	int rc = po_parse(text, len, path, load_entry, &lc, err, errlen);
	free(text);
	if (rc == 0 && lc.header_err[0]) {
		str_copy(err, errlen, lc.header_err);
		rc = -1;
	}
	if (rc == 0 && !c->plural) {
		snprintf(err, errlen, "%s: no header entry with Plural-Forms", path);
		rc = -1;
	}
	if (rc == 0 && !c->name[0]) {
		snprintf(err, errlen, "%s: the header has no X-Native-Name", path);
		rc = -1;
	}
	if (rc < 0 || ncatalogs == I18N_MAX_LANGS) {
		if (rc == 0)
			snprintf(err, errlen, "%s: more than %d languages", path, I18N_MAX_LANGS);
		catalog_free(c);
		return -1;
	}
	c->percent = c->total ? (int)(c->count * 100 / c->total) : 0;
	catalogs[ncatalogs++] = c;
	return 0;
}

static int catalog_cmp(const void *a, const void *b)
{
	const struct catalog *x = *(const struct catalog *const *)a;
	const struct catalog *y = *(const struct catalog *const *)b;
	return strcmp(x->code, y->code);
}

static bool is_code(const char *s, size_t n)
{
	if (n < 2 || n > 8)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (i >= 2 && (s[i] == '_' || s[i] == '-'))))
			return false;
	return true;
}

int i18n_load(const char *po_dir, int *warnings, char *err, size_t errlen)
{
	char buf[256];
	DIR *d;
	struct dirent *e;

	i18n_free();
	*warnings = 0;
	struct catalog *en = xcalloc(1, sizeof(*en));
	str_copy(en->code, sizeof(en->code), "en");
	str_copy(en->name, sizeof(en->name), "English");
	en->plural = plural_compile("nplurals=2; plural=(n != 1);", buf, sizeof(buf));
	en->percent = 100;
	catalogs[ncatalogs++] = en;

	d = opendir(po_dir);
	if (!d) {
		snprintf(err, errlen, "%s: cannot open the translations folder: %m", po_dir);
		return -1;
	}
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 4 || strcmp(e->d_name + n - 3, ".po") != 0 || str_eq(e->d_name, "en.po"))
			continue;
		if (!is_code(e->d_name, n - 3)) {
			log_warn("%s/%s: not a language code, skipped", po_dir, e->d_name);
			continue;
		}
		if (load_file(po_dir, e->d_name, warnings, err, errlen) < 0) {
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	qsort(catalogs, ncatalogs, sizeof(catalogs[0]), catalog_cmp);
	return 0;
}

void i18n_free(void)
{
	for (size_t i = 0; i < ncatalogs; i++)
		catalog_free(catalogs[i]);
	ncatalogs = 0;
}

const struct catalog *i18n_catalog(const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < ncatalogs; i++)
		if (strcmp(catalogs[i]->code, code) == 0)
			return catalogs[i];
	return NULL;
}

size_t i18n_catalogs(const struct catalog *const **list)
{
	*list = (const struct catalog *const *)catalogs;
	return ncatalogs;
}

const char *catalog_code(const struct catalog *c)
{
	return c->code;
}

const char *catalog_name(const struct catalog *c)
{
	return c->name;
}

bool catalog_rtl(const struct catalog *c)
{
	return c->rtl;
}

int catalog_percent(const struct catalog *c)
{
	return c->percent;
}

int i18n_add_language(const char *code, const char *name, bool rtl, const char *plural_forms,
		      size_t total, char *err, size_t errlen)
{
	if (i18n_catalog(code))
		return 0;
	if (ncatalogs == I18N_MAX_LANGS) {
		snprintf(err, errlen, "%s: more than %d languages", code, I18N_MAX_LANGS);
		return -1;
	}
	struct plural *pl = plural_compile(plural_forms, err, errlen);
	if (!pl)
		return -1;
	struct catalog *c = xcalloc(1, sizeof(*c));
	str_copy(c->code, sizeof(c->code), code);
	str_copy(c->name, sizeof(c->name), name);
	c->rtl = rtl;
	c->plural = pl;
	c->total = total;
	catalogs[ncatalogs++] = c;
	qsort(catalogs, ncatalogs, sizeof(catalogs[0]), catalog_cmp);
	return 0;
}

int i18n_override(const char *code, const char *msgid, const char *msgid_plural,
		  const char *const *forms, int n)
{
	struct catalog *c = NULL;
	for (size_t i = 0; i < ncatalogs; i++)
		if (strcmp(catalogs[i]->code, code) == 0)
			c = catalogs[i];
	if (!c || str_eq(code, "en") || n < 1 || !*msgid)
		return -1;
	if (msgid_plural ? n != plural_count(c->plural) : n != 1)
		return -1;
	for (int i = 0; i < n; i++)
		if (!*forms[i] || !placeholders_ok(forms[i], msgid, msgid_plural))
			return -1;
	table_put(c, msgid, forms, n, true);
	if (c->total < c->count)
		c->total = c->count;
	c->percent = c->total ? (int)(c->count * 100 / c->total) : 0;
	return 0;
}

const char *i18n_gettext(const struct catalog *c, const char *msgid)
{
	const struct msg *m = c ? table_get(c, msgid) : NULL;
	return m ? m->forms[0] : msgid;
}

const char *i18n_ngettext(const struct catalog *c, const char *one, const char *many,
			  unsigned long n)
{
	const struct msg *m = c ? table_get(c, one) : NULL;
	if (m) {
		int k = plural_eval(c->plural, n);
		if (k < m->nforms)
			return m->forms[k];
	}
	return n == 1 ? one : many;
}

const char *i18n_gettext_html(const struct catalog *c, const char *msgid)
{
	const struct msg *m = c ? table_get(c, msgid) : NULL;
	return m ? m->forms_html[0] : NULL;
}

const char *i18n_ngettext_html(const struct catalog *c, const char *one, unsigned long n)
{
	const struct msg *m = c ? table_get(c, one) : NULL;
	if (m) {
		int k = plural_eval(c->plural, n);
		if (k < m->nforms)
			return m->forms_html[k];
	}
	return NULL;
}

/* Maps a language tag ("fr-CH", "zh-Hant-TW") to a catalog we have. */
static const struct catalog *match_tag(const char *tag, size_t n)
{
	char primary[9];
	size_t k = 0;
	while (k < n && k < sizeof(primary) - 1 && tag[k] != '-' && tag[k] != '_') {
		char ch = tag[k];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		primary[k++] = ch;
	}
	primary[k] = '\0';
	return i18n_catalog(primary);
}

const char *i18n_negotiate(const char *header)
{
	const struct catalog *best = NULL;
	int best_q = 0;
	const char *p = header;

	if (!header)
		return NULL;
	for (int items = 0; *p && items < 32; items++) {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		const char *tag = p;
		while (*p && *p != ';' && *p != ',' && *p != ' ')
			p++;
		size_t tlen = (size_t)(p - tag);
		int q = 1000;
		while (*p == ' ')
			p++;
		if (*p == ';') {
			p++;
			while (*p == ' ')
				p++;
			if (p[0] == 'q' && p[1] == '=') {
				p += 2;
				/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) */
				int whole = *p == '1' ? 1 : 0;
				if (*p == '0' || *p == '1')
					p++;
				q = whole * 1000;
				if (*p == '.') {
					p++;
					int scale = 100;
					while (*p >= '0' && *p <= '9') {
						if (scale)
							q += (*p - '0') * scale;
						scale /= 10;
						p++;
					}
				}
				if (q > 1000)
					q = 1000;
			}
			while (*p && *p != ',')
				p++;
		}
		if (!tlen || q <= 0)
			continue;
		const struct catalog *c = match_tag(tag, tlen);
		if (c && q > best_q) {
			best = c;
			best_q = q;
		}
	}
	return best ? best->code : NULL;
}
