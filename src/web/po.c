/*
 * po.c: see po.h.  A line-oriented state machine; each string is
 * unescaped into a growing buffer with a hard cap (1 MiB per string).
 */
#include "web/po.h"
#include "core/buf.h"
#include "core/util.h"

#include <stdio.h>
#include <string.h>

enum po_field { F_NONE, F_CTXT, F_ID, F_PLURAL, F_STR };

struct po_state {
	const char *name;
	char *err;
	size_t errlen;
	int line;
	struct buf ctxt, id, plural, str[PO_MAX_PLURALS];
	bool has_ctxt, has_id, has_plural;
	int nstr;
	bool fuzzy, next_fuzzy;
	struct buf comments, next_comments; /* translator comments, by line */
	int entry_line;
	enum po_field field;
	int field_index;
};

static int po_error(struct po_state *s, const char *reason)
{
	snprintf(s->err, s->errlen, "%s:%d: %s", s->name, s->line, reason);
	return -1;
}

/* Appends the C-escaped string starting at p (just after the opening
 * quote) to b; p must end with the closing quote and nothing but
 * blanks after it. */
static int unescape(struct po_state *s, const char *p, const char *end, struct buf *b)
{
	while (p < end && *p != '"') {
		char c = *p++;
		if (c != '\\') {
			buf_putc(b, c);
			continue;
		}
		if (p >= end)
			return po_error(s, "backslash at end of line");
		c = *p++;
		switch (c) {
		case 'n': buf_putc(b, '\n'); break;
		case 't': buf_putc(b, '\t'); break;
		case 'r': buf_putc(b, '\r'); break;
		case 'a': buf_putc(b, '\a'); break;
		case 'b': buf_putc(b, '\b'); break;
		case 'f': buf_putc(b, '\f'); break;
		case 'v': buf_putc(b, '\v'); break;
		case '\\': buf_putc(b, '\\'); break;
		case '"': buf_putc(b, '"'); break;
		case '\'': buf_putc(b, '\''); break;
		case '?': buf_putc(b, '?'); break;
		default:
			return po_error(s, "unknown escape sequence");
		}
	}
	if (p >= end)
		return po_error(s, "string without a closing quote");
	for (p++; p < end; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return po_error(s, "text after the closing quote");
	if (b->overflow)
		return po_error(s, "string longer than 1 MiB");
	return 0;
}

static void entry_reset(struct po_state *s)
{
	buf_reset(&s->ctxt);
	buf_reset(&s->id);
	buf_reset(&s->plural);
	for (int i = 0; i < PO_MAX_PLURALS; i++)
		buf_reset(&s->str[i]);
	s->has_ctxt = s->has_id = s->has_plural = false;
	s->nstr = 0;
	s->fuzzy = false;
	buf_reset(&s->comments);
	s->field = F_NONE;
}

static const char *text_of(struct buf *b)
{
	return b->data ? b->data : "";
}

static int entry_flush(struct po_state *s, po_entry_fn fn, void *ctx)
{
	if (!s->has_id) {
		if (s->has_ctxt || s->nstr)
			return po_error(s, "entry without msgid");
		return 0;
	}
	if (s->nstr == 0)
		return po_error(s, "msgid without msgstr");
	struct po_entry e = {
		.line = s->entry_line,
		.msgctxt = s->has_ctxt ? text_of(&s->ctxt) : NULL,
		.msgid = text_of(&s->id),
		.msgid_plural = s->has_plural ? text_of(&s->plural) : NULL,
		.nstr = s->nstr,
		.fuzzy = s->fuzzy,
		.comments = s->comments.len ? text_of(&s->comments) : NULL,
	};
	for (int i = 0; i < s->nstr; i++)
		e.msgstr[i] = text_of(&s->str[i]);
	int rc = fn(ctx, &e);
	entry_reset(s);
	return rc ? 1 : 0;
}

/* The flags and comments read before an entry's first keyword are its. */
static void take_next(struct po_state *s)
{
	s->fuzzy = s->next_fuzzy;
	s->next_fuzzy = false;
	buf_reset(&s->comments);
	if (s->next_comments.len)
		buf_put(&s->comments, s->next_comments.data, s->next_comments.len);
	buf_reset(&s->next_comments);
}

/* Handles "keyword "string"" lines. */
static int keyword_line(struct po_state *s, const char *p, const char *end, po_entry_fn fn,
			void *ctx)
{
	static const struct {
		const char *word;
		enum po_field field;
	} words[] = {{"msgctxt", F_CTXT}, {"msgid_plural", F_PLURAL}, {"msgid", F_ID},
		     {"msgstr", F_STR}};
	enum po_field field = F_NONE;
	size_t wl = 0;

	for (size_t i = 0; i < ARRAY_LEN(words); i++) {
		wl = strlen(words[i].word);
		if ((size_t)(end - p) > wl && memcmp(p, words[i].word, wl) == 0 &&
		    (p[wl] == ' ' || p[wl] == '\t' || p[wl] == '[')) {
			field = words[i].field;
			break;
		}
	}
	if (field == F_NONE)
		return po_error(s, "expected msgctxt, msgid, msgid_plural, msgstr or a string");
	p += wl;
	int index = -1;
	if (*p == '[') {
		if (field != F_STR)
			return po_error(s, "only msgstr takes an index");
		p++;
		index = 0;
		while (p < end && *p >= '0' && *p <= '9' && index < 100)
			index = index * 10 + (*p++ - '0');
		if (p >= end || *p != ']')
			return po_error(s, "malformed msgstr index");
		p++;
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p != '"')
		return po_error(s, "expected a quoted string");
	p++;

	/* A keyword that starts a new entry flushes the previous one. */
	if ((field == F_CTXT || (field == F_ID && !s->has_ctxt)) && s->has_id) {
		int rc = entry_flush(s, fn, ctx);
		if (rc)
			return rc;
	}
	struct buf *b = NULL;
	switch (field) {
	case F_CTXT:
		if (s->has_ctxt || s->has_id)
			return po_error(s, "misplaced msgctxt");
		s->has_ctxt = true;
		take_next(s);
		b = &s->ctxt;
		break;
	case F_ID:
		if (s->has_id)
			return po_error(s, "second msgid in one entry");
		s->has_id = true;
		if (!s->has_ctxt)
			take_next(s);
		s->entry_line = s->line;
		b = &s->id;
		break;
	case F_PLURAL:
		if (!s->has_id || s->has_plural || s->nstr)
			return po_error(s, "misplaced msgid_plural");
		s->has_plural = true;
		b = &s->plural;
		break;
	case F_STR:
		if (!s->has_id)
			return po_error(s, "msgstr before msgid");
		if (index < 0) {
			if (s->has_plural)
				return po_error(s, "plural entry needs msgstr[N]");
			if (s->nstr)
				return po_error(s, "second msgstr in one entry");
		} else {
			if (!s->has_plural)
				return po_error(s, "msgstr[N] without msgid_plural");
			if (index != s->nstr)
				return po_error(s, "msgstr[N] out of order");
			if (index >= PO_MAX_PLURALS)
				return po_error(s, "too many plural forms");
		}
		b = &s->str[s->nstr++];
		break;
	case F_NONE:
		break;
	}
	s->field = field;
	s->field_index = index;
	return unescape(s, p, end, b);
}

int po_parse(const char *text, size_t len, const char *name, po_entry_fn fn, void *ctx,
	     char *err, size_t errlen)
{
	struct po_state s = {.name = name, .err = err, .errlen = errlen};
	const char *p = text, *end = text + len;
	int rc = 0;

	buf_init(&s.ctxt, 1u << 20);
	buf_init(&s.id, 1u << 20);
	buf_init(&s.plural, 1u << 20);
	buf_init(&s.comments, 1u << 20);
	buf_init(&s.next_comments, 1u << 20);
	for (int i = 0; i < PO_MAX_PLURALS; i++)
		buf_init(&s.str[i], 1u << 20);
	entry_reset(&s);

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && rc == 0) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *le = eol ? eol : end;
		s.line++;
		if (memchr(p, '\0', (size_t)(le - p))) {
			rc = po_error(&s, "NUL byte");
			break;
		}
		const char *q = p;
		while (q < le && (*q == ' ' || *q == '\t'))
			q++;
		if (q == le || (le - q == 1 && *q == '\r')) {
			/* blank line: ends an entry */
			rc = entry_flush(&s, fn, ctx);
		} else if (*q == '#') {
			if (q + 1 < le && q[1] == '~') {
				/* obsolete entry: ignored */
			} else if (q + 1 < le && q[1] == ',') {
				if (s.has_id) {
					rc = entry_flush(&s, fn, ctx);
					if (rc)
						break;
				}
				const char *f = q;
				while (f + 5 <= le && !s.next_fuzzy) {
					if (memcmp(f, "fuzzy", 5) == 0)
						s.next_fuzzy = true;
					f++;
				}
			} else {
				if (s.has_id && s.nstr)
					rc = entry_flush(&s, fn, ctx);
				if (rc == 0 && (q + 1 == le || q[1] == ' ' || q[1] == '\r')) {
					/* "# text": a translator's comment */
					const char *c = q + 1 < le && q[1] == ' ' ? q + 2 : q + 1;
					const char *ce = le > c && le[-1] == '\r' ? le - 1 : le;
					if (s.next_comments.len)
						buf_putc(&s.next_comments, '\n');
					buf_put(&s.next_comments, c, (size_t)(ce - c));
				}
			}
		} else if (*q == '"') {
			struct buf *b = NULL;
			switch (s.field) {
			case F_CTXT: b = &s.ctxt; break;
			case F_ID: b = &s.id; break;
			case F_PLURAL: b = &s.plural; break;
			case F_STR: b = &s.str[s.nstr - 1]; break;
			case F_NONE: break;
			}
			if (!b)
				rc = po_error(&s, "string without a keyword");
			else
				rc = unescape(&s, q + 1, le, b);
		} else {
			rc = keyword_line(&s, q, le, fn, ctx);
		}
		p = eol ? eol + 1 : end;
	}
	if (rc == 0)
		rc = entry_flush(&s, fn, ctx);
	buf_free(&s.ctxt);
	buf_free(&s.id);
	buf_free(&s.plural);
	buf_free(&s.comments);
	buf_free(&s.next_comments);
	for (int i = 0; i < PO_MAX_PLURALS; i++)
		buf_free(&s.str[i]);
	return rc < 0 ? -1 : 0;
}
