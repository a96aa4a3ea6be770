/*
 * form.c: see form.h.
 *
 * Written here rather than taken from libmicrohttpd's post processor,
 * which hands values over in pieces as they arrive: cophub reads a body
 * whole (it is capped per route) and wants one strict decoder for bodies
 * and query strings that can be unit-tested and fuzzed on its own.
 */
#include "http/form.h"
#include "core/buf.h"
#include "core/util.h"

#include <microhttpd.h>
#include <string.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long url_decode(char *s, size_t len, bool plus)
{
	size_t i = 0, o = 0;
	while (i < len) {
		char c = s[i];
		if (c == '%') {
			if (len - i < 3)
				return -1;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			s[o++] = (char)(hi * 16 + lo);
			i += 3;
		} else {
			s[o++] = (plus && c == '+') ? ' ' : c;
			i++;
		}
	}
	s[o] = '\0';
	return (long)o;
}

int form_parse(struct arena *a, const char *data, size_t len, struct form *out)
{
	size_t i = 0;
	int count = 0, cap = 0;
	struct form_field *fields = NULL;

	out->fields = NULL;
	out->count = 0;
	while (i < len) {
		size_t start = i;
		while (i < len && data[i] != '&')
			i++;
		size_t n = i - start;
		i++; /* skip '&' */
		if (n == 0)
			continue; /* "a=1&&b=2" */
		if (count == FORM_MAX_FIELDS)
			return -1;
		char *pair = arena_strndup(a, data + start, n);
		char *eq = memchr(pair, '=', n);
		char *value = pair + n; /* "name" without '=': the empty string */
		size_t nlen = n, vlen = 0;
		if (eq) {
			*eq = '\0';
			nlen = (size_t)(eq - pair);
			value = eq + 1;
			vlen = n - nlen - 1;
		}
		long dn = url_decode(pair, nlen, true);
		long dv = url_decode(value, vlen, true);
		if (dn <= 0 || dv < 0)
			return -1;
		/* Values may hold newlines (a textarea); names may not. */
		if (!utf8_valid_text(pair, (size_t)dn, false) ||
		    !utf8_valid_text(value, (size_t)dv, true))
			return -1;
		if (count == cap) {
			int ncap = cap ? cap * 2 : 8;
			struct form_field *nf = arena_alloc(a, sizeof(*nf) * (size_t)ncap);
			if (count)
				memcpy(nf, fields, sizeof(*nf) * (size_t)count);
			fields = nf;
			cap = ncap;
		}
		fields[count] = (struct form_field){.name = pair, .value = value, .len = strlen(value)};
		count++;
	}
	out->fields = fields;
	out->count = count;
	return 0;
}

const char *form_get(const struct form *f, const char *name)
{
	for (int i = 0; i < f->count; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return f->fields[i].value;
	return NULL;
}

const struct form_field *form_file(const struct form *f, const char *name)
{
	for (int i = 0; i < f->count; i++)
		if (f->fields[i].filename && strcmp(f->fields[i].name, name) == 0)
			return &f->fields[i];
	return NULL;
}

int form_count(const struct form *f, const char *name)
{
	int n = 0;
	for (int i = 0; i < f->count; i++)
		n += strcmp(f->fields[i].name, name) == 0;
	return n;
}

/* RFC 6265 token characters for a cookie name. */
static bool cookie_name_char(unsigned char c)
{
	if (c <= 32 || c >= 127)
		return false;
	return !strchr("()<>@,;:\\\"/[]?={}", c);
}

/* cookie-octet: printable ASCII except space, quote, comma, semicolon, backslash */
static bool cookie_value_char(unsigned char c)
{
	return c > 32 && c < 127 && c != '"' && c != ',' && c != ';' && c != '\\';
}

int cookie_parse(struct arena *a, const char *header, struct form *out)
{
	const char *p = header;
	struct form_field tmp[64];
	int count = 0;

	out->fields = NULL;
	out->count = 0;
	while (*p && count < (int)ARRAY_LEN(tmp)) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		if (!*p)
			break;
		const char *name = p;
		while (*p && *p != '=' && *p != ';')
			p++;
		size_t nlen = (size_t)(p - name);
		while (nlen && (name[nlen - 1] == ' ' || name[nlen - 1] == '\t'))
			nlen--;
		if (*p != '=') {
			continue; /* no value: skip the pair */
		}
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		const char *value = p;
		while (*p && *p != ';')
			p++;
		size_t vlen = (size_t)(p - value);
		while (vlen && (value[vlen - 1] == ' ' || value[vlen - 1] == '\t'))
			vlen--;
		if (vlen >= 2 && value[0] == '"' && value[vlen - 1] == '"') {
			value++;
			vlen -= 2;
		}
		bool ok = nlen > 0;
		for (size_t i = 0; ok && i < nlen; i++)
			ok = cookie_name_char((unsigned char)name[i]);
		for (size_t i = 0; ok && i < vlen; i++)
			ok = cookie_value_char((unsigned char)value[i]);
		if (!ok)
			continue;
		bool dup = false;
		for (int i = 0; i < count && !dup; i++)
			dup = strlen(tmp[i].name) == nlen && memcmp(tmp[i].name, name, nlen) == 0;
		if (dup)
			continue;
		tmp[count] = (struct form_field){.name = arena_strndup(a, name, nlen),
						 .value = arena_strndup(a, value, vlen), .len = vlen};
		count++;
	}
	if (count) {
		out->fields = arena_alloc(a, sizeof(tmp[0]) * (size_t)count);
		memcpy(out->fields, tmp, sizeof(tmp[0]) * (size_t)count);
	}
	out->count = count;
	return count;
}

struct mp {
	struct arena *a;
	struct form *out;
	struct buf cur;
	char *name;
	char *filename; /* of the field being read, when it is a file */
	bool bad;
};

static void mp_flush(struct mp *m)
{
	if (!m->name)
		return;
	if (m->cur.overflow || m->out->count == FORM_MAX_FIELDS ||
	    (!m->filename && m->cur.len && memchr(m->cur.data, 0, m->cur.len))) {
		m->bad = true;
	} else {
		m->out->fields[m->out->count] = (struct form_field){
			.name = m->name,
			.value = arena_strndup(m->a, m->cur.data ? m->cur.data : "", m->cur.len),
			.filename = m->filename,
			.len = m->cur.len,
		};
		m->out->count++;
	}
	m->name = NULL;
	m->filename = NULL;
	buf_reset(&m->cur);
}

static enum MHD_Result mp_iter(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *filename, const char *content_type,
			       const char *transfer_encoding, const char *data, uint64_t off,
			       size_t size)
{
	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	struct mp *m = cls;
	if (!key)
		return MHD_YES;
	if (off == 0 || !m->name || strcmp(m->name, key) != 0) {
		mp_flush(m);
		m->name = arena_strdup(m->a, key);
		m->filename = filename ? arena_strdup(m->a, filename) : NULL;
	}
	if (size)
		buf_put(&m->cur, data, size);
	return m->bad ? MHD_NO : MHD_YES;
}

int form_parse_multipart(struct arena *a, struct MHD_Connection *c, const char *data, size_t len,
			 struct form *out)
{
	out->fields = arena_alloc(a, FORM_MAX_FIELDS * sizeof(*out->fields));
	out->count = 0;
	struct mp m = {.a = a, .out = out};
	buf_init(&m.cur, len + 1);
	struct MHD_PostProcessor *pp = MHD_create_post_processor(c, 65536, mp_iter, &m);
	if (!pp) {
		buf_free(&m.cur);
		return -1;
	}
	enum MHD_Result rc = MHD_post_process(pp, data, len);
	mp_flush(&m);
	if (MHD_destroy_post_processor(pp) != MHD_YES)
		m.bad = true;
	buf_free(&m.cur);
	for (int i = 0; i < out->count && !m.bad; i++)
		if (!utf8_valid_text(out->fields[i].name, strlen(out->fields[i].name), false))
			m.bad = true;
	return rc == MHD_YES && !m.bad ? 0 : -1;
}
