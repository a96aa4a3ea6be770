/*
 * tpl.c: the template compiler and renderer (tpl.h).
 *
 * Hand-written because the template libraries Debian ships (mustach,
 * ctemplate) escape only for HTML text: they cannot tell an attribute
 * from a URL from a <script> body, and refusing the dangerous places at
 * compile time is the point of this engine.
 *
 * A template compiles to a tree of nodes.  While compiling, a small HTML
 * tokenizer (enum hstate) runs over the literal text so that every {{ }}
 * knows its context; blocks must leave the tokenizer in the state they
 * found it, so both branches of an {{#if}} agree on where they are.
 */
#include "web/tpl.h"
#include "web/i18n.h"
#include "core/escape.h"
#include "core/file.h"
#include "core/mem.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TPL_MAX_ARGS 6
#define TPL_MAX_SEGS 6
#define TPL_MAX_DEPTH 16
#define HTTP_PURE_MAX (1u << 20) /* the largest pure output kept */

enum ctx { CTX_TEXT, CTX_ATTR, CTX_URL, CTX_URL_PART };

enum kind { N_TEXT, N_VAR, N_RAW, N_TRANS, N_PLURAL, N_IF, N_UNLESS, N_EACH, N_INCLUDE };

struct path {
	int nseg;
	char *seg[TPL_MAX_SEGS];
};

struct tnode {
	enum kind kind;
	enum ctx ctx;
	int line;
	char *text;		/* N_TEXT: literal; N_TRANS/N_PLURAL: msgid; N_INCLUDE: name */
	size_t len;
	char *plural;		/* N_PLURAL: msgid_plural */
	char *text_html;	/* N_TRANS/N_PLURAL: msgid, HTML-escaped */
	char *plural_html;	/* N_PLURAL: msgid_plural, HTML-escaped */
	struct path path;	/* value, condition, list or count */
	int nargs;
	char *arg_name[TPL_MAX_ARGS];
	struct path arg_path[TPL_MAX_ARGS];
	struct tnode *body, *alt;
	struct tnode *next;
};

/* A template whose output depends only on the language (text and
 * messages without values, and includes of such templates) is "pure": its
 * output is rendered once per language by tpl_warm() and kept. */
struct tpl_cached {
	const struct catalog *cat;
	char *html;
	size_t len;
};

struct tpl {
	char *name;
	struct tnode *root;
	struct tpl *next;
	bool pure;
	struct tpl_cached cache[I18N_MAX_LANGS];
	int ncache;
};

struct tpl_set {
	struct tpl *list;
	size_t count;
};

/* ---- HTML tokenizer state ------------------------------------------------ */

enum hstate {
	H_DATA, H_TAG_OPEN, H_TAG_NAME, H_END_TAG, H_IN_TAG, H_ATTR_NAME, H_AFTER_ATTR_NAME,
	H_BEFORE_VALUE, H_VALUE_DQ, H_VALUE_SQ, H_VALUE_UNQ, H_COMMENT, H_RAWTEXT, H_BANG
};

struct hstate_full {
	enum hstate st;
	char tag[16];
	char attr[24];
	int value_len;	/* characters of the current attribute value so far */
	int dashes;	/* for "-->" */
	int close_match; /* for </script> / </style> in raw text */
};

static void lower_append(char *dst, size_t size, char c)
{
	size_t n = strlen(dst);
	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	if (n + 1 < size) {
		dst[n] = c;
		dst[n + 1] = '\0';
	}
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void end_of_tag(struct hstate_full *h)
{
	if (str_eq(h->tag, "script") || str_eq(h->tag, "style")) {
		h->st = H_RAWTEXT;
		h->close_match = 0;
	} else {
		h->st = H_DATA;
	}
}

/* Advances the tokenizer over literal text. */
static void html_feed(struct hstate_full *h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		switch (h->st) {
		case H_DATA:
			if (c == '<')
				h->st = H_TAG_OPEN;
			break;
		case H_TAG_OPEN:
			if (c == '!') {
				h->st = H_BANG;
				h->dashes = 0;
			} else if (c == '/') {
				h->st = H_END_TAG;
			} else if (is_alpha(c)) {
				h->tag[0] = '\0';
				lower_append(h->tag, sizeof(h->tag), c);
				h->st = H_TAG_NAME;
			} else {
				h->st = H_DATA;
			}
			break;
		case H_BANG:
			/* "<!--" opens a comment; "<!DOCTYPE ...>" is skipped to '>' */
			if (c == '-' && ++h->dashes == 2) {
				h->st = H_COMMENT;
				h->dashes = 0;
			} else if (c == '>') {
				h->st = H_DATA;
			}
			break;
		case H_COMMENT:
			if (c == '-')
				h->dashes++;
			else if (c == '>' && h->dashes >= 2)
				h->st = H_DATA;
			else
				h->dashes = 0;
			break;
		case H_END_TAG:
			if (c == '>')
				h->st = H_DATA;
			break;
		case H_TAG_NAME:
			if (is_space(c))
				h->st = H_IN_TAG;
			else if (c == '>')
				end_of_tag(h);
			else if (c == '/')
				h->st = H_IN_TAG;
			else
				lower_append(h->tag, sizeof(h->tag), c);
			break;
		case H_IN_TAG:
			if (c == '>')
				end_of_tag(h);
			else if (!is_space(c) && c != '/') {
				h->attr[0] = '\0';
				lower_append(h->attr, sizeof(h->attr), c);
				h->st = H_ATTR_NAME;
			}
			break;
		case H_ATTR_NAME:
			if (c == '=')
				h->st = H_BEFORE_VALUE;
			else if (is_space(c))
				h->st = H_AFTER_ATTR_NAME;
			else if (c == '>')
				end_of_tag(h);
			else if (c == '/')
				h->st = H_IN_TAG;
			else
				lower_append(h->attr, sizeof(h->attr), c);
			break;
		case H_AFTER_ATTR_NAME:
			if (c == '=')
				h->st = H_BEFORE_VALUE;
			else if (c == '>')
				end_of_tag(h);
			else if (!is_space(c) && c != '/') {
				h->attr[0] = '\0';
				lower_append(h->attr, sizeof(h->attr), c);
				h->st = H_ATTR_NAME;
			}
			break;
		case H_BEFORE_VALUE:
			h->value_len = 0;
			if (c == '"')
				h->st = H_VALUE_DQ;
			else if (c == '\'')
				h->st = H_VALUE_SQ;
			else if (c == '>')
				end_of_tag(h);
			else if (!is_space(c)) {
				h->st = H_VALUE_UNQ;
				h->value_len = 1;
			}
			break;
		case H_VALUE_DQ:
		case H_VALUE_SQ:
			if (c == (h->st == H_VALUE_DQ ? '"' : '\''))
				h->st = H_IN_TAG;
			else
				h->value_len++;
			break;
		case H_VALUE_UNQ:
			if (is_space(c))
				h->st = H_IN_TAG;
			else if (c == '>')
				end_of_tag(h);
			else
				h->value_len++;
			break;
		case H_RAWTEXT: {
			/* look for "</script" or "</style" */
			char want[16];
			snprintf(want, sizeof(want), "</%s", h->tag);
			char lc = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
			if (lc == want[h->close_match]) {
				h->close_match++;
				if (!want[h->close_match]) {
					h->st = H_END_TAG;
					h->close_match = 0;
				}
			} else {
				h->close_match = lc == '<' ? 1 : 0;
			}
			break;
		}
		}
	}
}

static bool is_url_attr(const char *a)
{
	static const char *const names[] = {"href",   "src",	"action", "formaction",
					    "poster", "cite",	"data",   "srcset",
					    "manifest", "background", "xlink:href", "ping"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (str_eq(a, names[i]))
			return true;
	return false;
}

/* The context of an expression at the tokenizer's state, or an error. */
static const char *context_of(const struct hstate_full *h, enum ctx *ctx)
{
	switch (h->st) {
	case H_DATA:
		*ctx = CTX_TEXT;
		return NULL;
	case H_VALUE_DQ:
	case H_VALUE_SQ:
		if (str_starts(h->attr, "on"))
			return "a value inside an event-handler attribute";
		if (str_eq(h->attr, "style"))
			return "a value inside a style attribute";
		if (is_url_attr(h->attr))
			*ctx = h->value_len == 0 ? CTX_URL : CTX_URL_PART;
		else
			*ctx = CTX_ATTR;
		return NULL;
	case H_VALUE_UNQ:
	case H_BEFORE_VALUE:
		return "a value in an unquoted attribute (put it in double quotes)";
	case H_RAWTEXT:
		return "a value inside <script> or <style>";
	case H_COMMENT:
	case H_BANG:
		return "a value inside an HTML comment";
	default:
		return "a value inside a tag (only attribute values may hold values)";
	}
}

/* ---- Compiler ------------------------------------------------------------ */

struct compiler {
	const char *name;
	const char *p, *end;
	int line;
	struct hstate_full h;
	char *err;
	size_t errlen;
	int depth;
	/* Inside a tag, a block's text must not glue onto a name: each branch
	 * of a block opened right after a name starts with a blank
	 * (need_blank), and after a block that ends inside a name the text
	 * goes on with a blank, '>' or '/' (no_glue).  Otherwise
	 * <a {{#if x}}on{{/if}}click="..."> would build a name the compiler
	 * never saw. */
	bool need_blank;
	bool no_glue;
};

static int cerror(struct compiler *c, int line, const char *fmt, const char *arg)
{
	char msg[256];
	snprintf(msg, sizeof(msg), fmt, arg ? arg : "");
	snprintf(c->err, c->errlen, "%s:%d: %s", c->name, line, msg);
	return -1;
}

static struct tnode *node_new(enum kind k, int line)
{
	struct tnode *n = xcalloc(1, sizeof(*n));
	n->kind = k;
	n->line = line;
	return n;
}

static void path_free(struct path *p)
{
	for (int i = 0; i < p->nseg; i++)
		free(p->seg[i]);
	p->nseg = 0;
}

static void node_free(struct tnode *n)
{
	while (n) {
		struct tnode *next = n->next;
		free(n->text);
		free(n->plural);
		free(n->text_html);
		free(n->plural_html);
		path_free(&n->path);
		for (int i = 0; i < n->nargs; i++) {
			free(n->arg_name[i]);
			path_free(&n->arg_path[i]);
		}
		node_free(n->body);
		node_free(n->alt);
		free(n);
		n = next;
	}
}

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && is_space(*p))
		p++;
	return p;
}

/* Parses a dotted name ("user.name", "this") into path. */
static const char *parse_path(struct compiler *c, int line, const char *p, const char *end,
			      struct path *out)
{
	out->nseg = 0;
	for (;;) {
		const char *s = p;
		while (p < end && ident_char(*p))
			p++;
		if (p == s) {
			cerror(c, line, "expected a name", NULL);
			return NULL;
		}
		if (out->nseg == TPL_MAX_SEGS) {
			cerror(c, line, "name with too many dots", NULL);
			return NULL;
		}
		out->seg[out->nseg++] = xstrndup(s, (size_t)(p - s));
		if (p < end && *p == '.') {
			p++;
			continue;
		}
		return p;
	}
}

/* Parses a "..." literal with \" \\ \n escapes into a new string. */
static const char *parse_string(struct compiler *c, int line, const char *p, const char *end,
				char **out)
{
	struct buf b;
	if (p >= end || *p != '"') {
		cerror(c, line, "expected a quoted message", NULL);
		return NULL;
	}
	buf_init(&b, 1u << 16);
	for (p++; p < end && *p != '"'; p++) {
		if (*p == '\\' && p + 1 < end) {
			p++;
			buf_putc(&b, *p == 'n' ? '\n' : *p);
		} else {
			buf_putc(&b, *p);
		}
	}
	if (p >= end) {
		buf_free(&b);
		cerror(c, line, "message without a closing quote", NULL);
		return NULL;
	}
	*out = buf_steal(&b, NULL);
	return p + 1;
}

/* Parses `_("msg", a=x.y)` or `n_("one", "many", count, a=b)`. */
static int parse_trans(struct compiler *c, int line, const char *p, const char *end,
		       struct tnode *n)
{
	bool plural = n->kind == N_PLURAL;
	p = skip_ws(p, end);
	if (p >= end || *p != '(')
		return cerror(c, line, "expected ( after _ or n_", NULL);
	p = skip_ws(p + 1, end);
	if (!(p = parse_string(c, line, p, end, &n->text)))
		return -1;
	if (plural) {
		p = skip_ws(p, end);
		if (p >= end || *p != ',')
			return cerror(c, line, "n_ needs a plural message and a count", NULL);
		p = skip_ws(p + 1, end);
		if (!(p = parse_string(c, line, p, end, &n->plural)))
			return -1;
		p = skip_ws(p, end);
		if (p >= end || *p != ',')
			return cerror(c, line, "n_ needs a count", NULL);
		p = skip_ws(p + 1, end);
		if (!(p = parse_path(c, line, p, end, &n->path)))
			return -1;
	}
	for (;;) {
		p = skip_ws(p, end);
		if (p < end && *p == ')')
			break;
		if (p >= end || *p != ',')
			return cerror(c, line, "expected , or ) in a message", NULL);
		p = skip_ws(p + 1, end);
		const char *s = p;
		while (p < end && ident_char(*p))
			p++;
		if (p == s || p >= end || *p != '=')
			return cerror(c, line, "expected name=value in a message", NULL);
		if (n->nargs == TPL_MAX_ARGS)
			return cerror(c, line, "too many values in a message", NULL);
		/* counted at once, so node_free() frees it on every path */
		n->arg_name[n->nargs++] = xstrndup(s, (size_t)(p - s));
		p = skip_ws(p + 1, end);
		if (!(p = parse_path(c, line, p, end, &n->arg_path[n->nargs - 1])))
			return -1;
	}
	p = skip_ws(p + 1, end);
	if (p != end)
		return cerror(c, line, "unexpected text after a message", NULL);
	return 0;
}

/* Between attributes, a name just read ("selected") ends where the next
 * attribute or the '>' begins, so it counts as being between attributes. */
static enum hstate settled(enum hstate st)
{
	return st == H_ATTR_NAME || st == H_AFTER_ATTR_NAME ? H_IN_TAG : st;
}

static bool hstate_equal(const struct hstate_full *a, const struct hstate_full *b)
{
	if (settled(a->st) != settled(b->st))
		return false;
	return (a->st != H_VALUE_DQ && a->st != H_VALUE_SQ) || str_eq(a->attr, b->attr);
}

/* Compiles nodes until {{else}} or {{/close}} (or the end when close is
 * NULL).  *stop tells which ended the list: 0 end, 1 else, 2 close. */
static struct tnode *compile_list(struct compiler *c, const char *close, int *stop);

static bool mid_name(enum hstate st)
{
	return st == H_TAG_NAME || st == H_ATTR_NAME;
}

static int compile_block(struct compiler *c, struct tnode *n, const char *close, int line,
			 bool after_name)
{
	int stop;
	struct hstate_full before = c->h;
	bool glue;

	if (++c->depth > TPL_MAX_DEPTH)
		return cerror(c, line, "blocks nested too deeply", NULL);
	c->need_blank = after_name;
	n->body = compile_list(c, close, &stop);
	c->need_blank = false;
	if (stop < 0)
		return -1;
	glue = mid_name(c->h.st);
	if (stop == 1) {
		if (!hstate_equal(&before, &c->h))
			return cerror(c, line, "the {{#%s}} branch ends in a different HTML context than it began", close);
		c->h = before;
		c->need_blank = after_name;
		n->alt = compile_list(c, close, &stop);
		c->need_blank = false;
		if (stop < 0)
			return -1;
		if (stop == 1)
			return cerror(c, line, "two {{else}} in one {{#%s}}", close);
		glue = glue || mid_name(c->h.st);
	}
	if (stop != 2)
		return cerror(c, line, "{{#%s}} is never closed", close);
	if (!hstate_equal(&before, &c->h))
		return cerror(c, line, "{{#%s}} ends in a different HTML context than it began", close);
	c->no_glue = glue;
	c->depth--;
	return 0;
}

/* Compiles one {{ tag }} whose inside is [s, e). */
static struct tnode *compile_tag(struct compiler *c, const char *s, const char *e, int line,
				 const char *close, int *stop)
{
	enum ctx ctx = CTX_TEXT;
	const char *why;
	struct tnode *n = NULL;

	s = skip_ws(s, e);
	while (e > s && is_space(e[-1]))
		e--;
	*stop = -1;
	if (s == e) {
		cerror(c, line, "empty {{ }}", NULL);
		return NULL;
	}
	if (*s == '!') {
		*stop = 3; /* comment: no node */
		return NULL;
	}
	if (*s == '/') {
		size_t l = (size_t)(e - s - 1);
		if (!close || strlen(close) != l || strncmp(s + 1, close, l) != 0) {
			char what[64];
			snprintf(what, sizeof(what), "%.*s", (int)(l < 40 ? l : 40), s + 1);
			cerror(c, line, "{{/%s}} does not close the open block", what);
			return NULL;
		}
		*stop = 2;
		return NULL;
	}
	if ((size_t)(e - s) == 4 && strncmp(s, "else", 4) == 0) {
		if (!close || str_eq(close, "each")) {
			cerror(c, line, "{{else}} outside {{#if}} or {{#unless}}", NULL);
			return NULL;
		}
		*stop = 1;
		return NULL;
	}
	*stop = 0;
	if (*s == '#') {
		static const struct {
			const char *word;
			enum kind kind;
		} blocks[] = {{"if", N_IF}, {"unless", N_UNLESS}, {"each", N_EACH}};
		const char *w = s + 1, *we = w;
		while (we < e && ident_char(*we))
			we++;
		for (size_t i = 0; i < ARRAY_LEN(blocks); i++) {
			if ((size_t)(we - w) == strlen(blocks[i].word) &&
			    strncmp(w, blocks[i].word, (size_t)(we - w)) == 0) {
				/* "<option{{#if s}} selected{{/if}}>": the tag or
				 * attribute name ends where the block begins */
				bool after_name = mid_name(c->h.st) || c->h.st == H_AFTER_ATTR_NAME;
				if (after_name)
					c->h.st = H_IN_TAG;
				if (c->h.st != H_DATA && c->h.st != H_IN_TAG &&
				    c->h.st != H_VALUE_DQ && c->h.st != H_VALUE_SQ) {
					cerror(c, line, "a block here would break the HTML", NULL);
					*stop = -1;
					return NULL;
				}
				n = node_new(blocks[i].kind, line);
				const char *p = parse_path(c, line, skip_ws(we, e), e, &n->path);
				if (!p || skip_ws(p, e) != e) {
					if (p)
						cerror(c, line, "unexpected text after the block name", NULL);
					node_free(n);
					*stop = -1;
					return NULL;
				}
				if (compile_block(c, n, blocks[i].word, line, after_name) < 0) {
					node_free(n);
					*stop = -1;
					return NULL;
				}
				return n;
			}
		}
		cerror(c, line, "unknown block (use #if, #unless or #each)", NULL);
		*stop = -1;
		return NULL;
	}
	if (*s == '>') {
		if (c->h.st != H_DATA) {
			cerror(c, line, "an include must stand in text", NULL);
			*stop = -1;
			return NULL;
		}
		const char *p = skip_ws(s + 1, e);
		for (const char *q = p; q < e; q++) {
			if (!ident_char(*q) && *q != '/' && *q != '-') {
				cerror(c, line, "malformed template name", NULL);
				*stop = -1;
				return NULL;
			}
		}
		n = node_new(N_INCLUDE, line);
		n->text = xstrndup(p, (size_t)(e - p));
		return n;
	}
	why = context_of(&c->h, &ctx);
	if (why) {
		cerror(c, line, "refused: %s", why);
		*stop = -1;
		return NULL;
	}
	if ((size_t)(e - s) > 4 && strncmp(s, "raw:", 4) == 0) {
		if (ctx != CTX_TEXT) {
			cerror(c, line, "{{raw:}} is allowed in text only", NULL);
			*stop = -1;
			return NULL;
		}
		n = node_new(N_RAW, line);
		const char *p = parse_path(c, line, skip_ws(s + 4, e), e, &n->path);
		if (!p || p != e) {
			if (p)
				cerror(c, line, "unexpected text after the name", NULL);
			node_free(n);
			*stop = -1;
			return NULL;
		}
		return n;
	}
	if ((e - s > 2 && strncmp(s, "_(", 2) == 0) || (e - s > 3 && strncmp(s, "n_(", 3) == 0)) {
		if (ctx == CTX_URL || ctx == CTX_URL_PART) {
			cerror(c, line, "a message cannot stand in a URL", NULL);
			*stop = -1;
			return NULL;
		}
		n = node_new(*s == 'n' ? N_PLURAL : N_TRANS, line);
		n->ctx = ctx;
		if (parse_trans(c, line, s + (*s == 'n' ? 2 : 1), e, n) < 0) {
			node_free(n);
			*stop = -1;
			return NULL;
		}
		n->text_html = html_escape_dup(n->text);
		if (n->plural)
			n->plural_html = html_escape_dup(n->plural);
		if (c->h.st == H_VALUE_DQ || c->h.st == H_VALUE_SQ)
			c->h.value_len++;
		return n;
	}
	n = node_new(N_VAR, line);
	n->ctx = ctx;
	const char *p = parse_path(c, line, s, e, &n->path);
	if (!p || p != e) {
		if (p)
			cerror(c, line, "unexpected text after the name", NULL);
		node_free(n);
		*stop = -1;
		return NULL;
	}
	if (c->h.st == H_VALUE_DQ || c->h.st == H_VALUE_SQ)
		c->h.value_len++;
	return n;
}

static struct tnode *compile_list(struct compiler *c, const char *close, int *stop)
{
	struct tnode *head = NULL, **tail = &head;

	*stop = 0;
	while (c->p < c->end) {
		const char *open = NULL;
		for (const char *q = c->p; q + 1 < c->end; q++) {
			if (q[0] == '{' && q[1] == '{') {
				open = q;
				break;
			}
		}
		const char *text_end = open ? open : c->end;
		if (text_end > c->p && (c->need_blank || c->no_glue)) {
			char first = *c->p;
			bool ok = is_space(first) || (c->no_glue && (first == '>' || first == '/'));
			if (!ok) {
				cerror(c, c->line,
				       c->need_blank ? "inside a tag, a block must start with a space"
						     : "a name inside a tag must not go on after a block",
				       NULL);
				*stop = -1;
				node_free(head);
				return NULL;
			}
		}
		if (open != c->p) {
			c->need_blank = false;
			c->no_glue = false;
		}
		if (text_end > c->p) {
			struct tnode *t = node_new(N_TEXT, c->line);
			t->text = xstrndup(c->p, (size_t)(text_end - c->p));
			t->len = (size_t)(text_end - c->p);
			html_feed(&c->h, c->p, t->len);
			for (const char *q = c->p; q < text_end; q++)
				c->line += *q == '\n';
			*tail = t;
			tail = &t->next;
		}
		if (!open) {
			c->p = c->end;
			break;
		}
		const char *inner = open + 2, *shut = NULL;
		for (const char *q = inner; q + 1 < c->end; q++) {
			if (q[0] == '}' && q[1] == '}') {
				shut = q;
				break;
			}
		}
		if (!shut) {
			cerror(c, c->line, "{{ without }}", NULL);
			*stop = -1;
			node_free(head);
			return NULL;
		}
		int line = c->line;
		for (const char *q = open; q < shut; q++)
			c->line += *q == '\n';
		c->p = shut + 2;
		int st;
		struct tnode *n = compile_tag(c, inner, shut, line, close, &st);
		if (st < 0) {
			*stop = -1;
			node_free(head);
			return NULL;
		}
		if (st == 1 || st == 2) {
			*stop = st;
			return head;
		}
		if (n) {
			*tail = n;
			tail = &n->next;
		}
	}
	if (close) {
		*stop = 0; /* end reached inside a block: the caller reports it */
	}
	return head;
}

int tpl_add(struct tpl_set *set, const char *name, const char *text, size_t len, char *err,
	    size_t errlen)
{
	struct compiler c = {
		.name = name, .p = text, .end = text + len, .line = 1, .err = err, .errlen = errlen,
	};
	int stop;

	if (memchr(text, '\0', len)) {
		snprintf(err, errlen, "%s: NUL byte in template", name);
		return -1;
	}
	struct tnode *root = compile_list(&c, NULL, &stop);
	if (stop < 0)
		return -1;
	if (stop != 0) {
		node_free(root);
		snprintf(err, errlen, "%s:%d: {{else}} or {{/...}} without an open block", name,
			 c.line);
		return -1;
	}
	if (c.h.st != H_DATA) {
		node_free(root);
		snprintf(err, errlen, "%s:%d: the template ends inside a tag, comment or script",
			 name, c.line);
		return -1;
	}
	struct tpl *t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name);
	t->root = root;
	t->next = set->list;
	set->list = t;
	set->count++;
	return 0;
}

struct tpl_set *tpl_set_new(void)
{
	return xcalloc(1, sizeof(struct tpl_set));
}

void tpl_set_free(struct tpl_set *set)
{
	if (!set)
		return;
	struct tpl *t = set->list;
	while (t) {
		struct tpl *next = t->next;
		for (int i = 0; i < t->ncache; i++)
			free(t->cache[i].html);
		node_free(t->root);
		free(t->name);
		free(t);
		t = next;
	}
	free(set);
}

size_t tpl_count(const struct tpl_set *set)
{
	return set->count;
}

static const struct tpl *tpl_find(const struct tpl_set *set, const char *name)
{
	for (const struct tpl *t = set->list; t; t = t->next)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

int tpl_warm(struct tpl_set *set, const struct catalog *const *cats, size_t n)
{
	for (struct tpl *t = set->list; t; t = t->next) {
		if (!t->pure)
			continue;
		for (size_t i = 0; i < n && t->ncache < I18N_MAX_LANGS; i++) {
			struct buf b;
			buf_init(&b, HTTP_PURE_MAX);
			if (tpl_render(set, t->name, NULL, cats[i], &b) < 0) {
				buf_free(&b);
				return -1;
			}
			t->cache[t->ncache].cat = cats[i];
			t->cache[t->ncache].html = buf_steal(&b, &t->cache[t->ncache].len);
			t->ncache++;
		}
	}
	return 0;
}

bool tpl_has(const struct tpl_set *set, const char *name)
{
	return tpl_find(set, name) != NULL;
}

static int check_nodes(struct tpl_set *set, const struct tpl *t, const struct tnode *n,
		       char *err, size_t errlen)
{
	for (; n; n = n->next) {
		if (n->kind == N_INCLUDE && !tpl_find(set, n->text)) {
			snprintf(err, errlen, "%s:%d: includes \"%s\", which does not exist", t->name,
				 n->line, n->text);
			return -1;
		}
		if (check_nodes(set, t, n->body, err, errlen) < 0 ||
		    check_nodes(set, t, n->alt, err, errlen) < 0)
			return -1;
	}
	return 0;
}

static bool nodes_pure(const struct tpl_set *set, const struct tnode *n, int depth)
{
	for (; n; n = n->next) {
		if (n->kind == N_TEXT || (n->kind == N_TRANS && n->nargs == 0))
			continue;
		if (n->kind != N_INCLUDE || depth > TPL_MAX_DEPTH)
			return false;
		const struct tpl *inc = tpl_find(set, n->text);
		if (!inc || !nodes_pure(set, inc->root, depth + 1))
			return false;
	}
	return true;
}

int tpl_check(struct tpl_set *set, char *err, size_t errlen)
{
	for (const struct tpl *t = set->list; t; t = t->next)
		if (check_nodes(set, t, t->root, err, errlen) < 0)
			return -1;
	for (struct tpl *t = set->list; t; t = t->next)
		t->pure = nodes_pure(set, t->root, 0);
	return 0;
}

struct load_ctx {
	struct tpl_set *set;
	char *err;
	size_t errlen;
};

/* Compiles one file under its name (the path without ".html"); errors
 * name the file rather than the template. */
static int load_one(void *ctx, const char *path, const char *rel)
{
	struct load_ctx *lc = ctx;
	char name[600];
	size_t nl = strlen(rel), len;
	bool too_big;

	if (nl < 6 || strcmp(rel + nl - 5, ".html") != 0 || nl - 5 >= sizeof(name))
		return 0;
	memcpy(name, rel, nl - 5);
	name[nl - 5] = '\0';
	char *text = file_read(path, 1u << 20, &len, &too_big);
	if (!text) {
		snprintf(lc->err, lc->errlen, too_big ? "%s: larger than 1 MiB" : "%s: cannot read",
			 path);
		return -1;
	}
	int rc = tpl_add(lc->set, name, text, len, lc->err, lc->errlen);
	free(text);
	if (rc < 0) {
		char tmperr[1300];
		const char *colon = strchr(lc->err, ':');
		snprintf(tmperr, sizeof(tmperr), "%s%s", path, colon ? colon : "");
		str_copy(lc->err, lc->errlen, tmperr);
	}
	return rc;
}

int tpl_load_dir(struct tpl_set *set, const char *dir, char *err, size_t errlen)
{
	struct load_ctx lc = {set, err, errlen};
	if (dir_walk(dir, 4, load_one, &lc, "templates", err, errlen) < 0)
		return -1;
	return tpl_check(set, err, errlen);
}

/* ---- Renderer ------------------------------------------------------------ */

struct render {
	const struct tpl_set *set;
	const struct catalog *cat;
	struct buf *out;
	const struct tpl_slot *slots;
	int nslots;
	json_t *scope[TPL_MAX_DEPTH + 2];
	int nscope;
	int depth;
};

static json_t *lookup(struct render *r, const struct path *p)
{
	json_t *v = NULL;
	if (str_eq(p->seg[0], "this")) {
		v = r->scope[r->nscope - 1];
	} else {
		for (int i = r->nscope - 1; i >= 0 && !v; i--)
			if (json_is_object(r->scope[i]))
				v = json_object_get(r->scope[i], p->seg[0]);
	}
	for (int i = 1; i < p->nseg && v; i++)
		v = json_object_get(v, p->seg[i]);
	return v;
}

static bool truthy(json_t *v)
{
	if (!v)
		return false;
	switch (json_typeof(v)) {
	case JSON_NULL:
	case JSON_FALSE: return false;
	case JSON_TRUE: return true;
	case JSON_INTEGER: return json_integer_value(v) != 0;
	case JSON_REAL: return json_real_value(v) != 0;
	case JSON_STRING: return json_string_length(v) > 0;
	case JSON_ARRAY: return json_array_size(v) > 0;
	case JSON_OBJECT: return json_object_size(v) > 0;
	}
	return false;
}

/* Writes s escaped for ctx. */
static void emit(struct buf *out, enum ctx ctx, const char *s, size_t n)
{
	switch (ctx) {
	case CTX_TEXT:
	case CTX_ATTR:
		html_escape(out, s, n);
		break;
	case CTX_URL:
		if (url_is_safe(s, n))
			html_escape(out, s, n);
		else
			buf_putc(out, '#');
		break;
	case CTX_URL_PART:
		url_component_escape(out, s, n);
		break;
	}
}

static void emit_value(struct buf *out, enum ctx ctx, json_t *v)
{
	char tmp[64];
	if (!v)
		return;
	switch (json_typeof(v)) {
	case JSON_STRING:
		emit(out, ctx, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		snprintf(tmp, sizeof(tmp), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		emit(out, ctx, tmp, strlen(tmp));
		break;
	case JSON_REAL:
		snprintf(tmp, sizeof(tmp), "%g", json_real_value(v));
		emit(out, ctx, tmp, strlen(tmp));
		break;
	case JSON_TRUE:
		emit(out, ctx, "true", 4);
		break;
	case JSON_FALSE:
		emit(out, ctx, "false", 5);
		break;
	default:
		break;
	}
}

/* Writes a translated message that is already HTML-escaped (messages
 * stand only in text and quoted attributes, where the escaping is the
 * same), replacing {name} by the node's values, escaped as they go. */
static void emit_message(struct render *r, const struct tnode *n, const char *msg, json_t *count)
{
	const char *p = msg, *start = msg;
	while ((p = strchr(p, '{'))) {
		const char *e = p + 1;
		while (ident_char(*e))
			e++;
		if (*e != '}' || e == p + 1) {
			p++;
			continue;
		}
		size_t nl = (size_t)(e - p - 1);
		json_t *v = NULL;
		bool found = false;
		if (count && nl == 1 && p[1] == 'n') {
			v = count;
			found = true;
		}
		for (int i = 0; i < n->nargs && !found; i++) {
			if (strlen(n->arg_name[i]) == nl && strncmp(n->arg_name[i], p + 1, nl) == 0) {
				v = lookup(r, &n->arg_path[i]);
				found = true;
			}
		}
		if (!found) {
			p++;
			continue;
		}
		buf_put(r->out, start, (size_t)(p - start));
		emit_value(r->out, n->ctx, v);
		p = e + 1;
		start = p;
	}
	buf_puts(r->out, start);
}

static int render_nodes(struct render *r, const struct tnode *n);

static int render_node(struct render *r, const struct tnode *n)
{
	json_t *v;
	switch (n->kind) {
	case N_TEXT:
		buf_put(r->out, n->text, n->len);
		return 0;
	case N_VAR:
		emit_value(r->out, n->ctx, lookup(r, &n->path));
		return 0;
	case N_RAW:
		for (int i = 0; i < r->nslots && n->path.nseg == 1; i++) {
			if (str_eq(n->path.seg[0], r->slots[i].name)) {
				buf_put(r->out, r->slots[i].data, r->slots[i].len);
				return 0;
			}
		}
		v = lookup(r, &n->path);
		if (json_is_string(v))
			buf_put(r->out, json_string_value(v), json_string_length(v));
		return 0;
	case N_TRANS: {
		const char *h = i18n_gettext_html(r->cat, n->text);
		emit_message(r, n, h ? h : n->text_html, NULL);
		return 0;
	}
	case N_PLURAL: {
		v = lookup(r, &n->path);
		json_int_t cnt = json_is_integer(v) ? json_integer_value(v) : 0;
		/* the size of the count, without overflowing on the most negative */
		unsigned long un = cnt < 0 ? 0UL - (unsigned long)cnt : (unsigned long)cnt;
		const char *h = i18n_ngettext_html(r->cat, n->text, un);
		emit_message(r, n, h ? h : un == 1 ? n->text_html : n->plural_html, v);
		return 0;
	}
	case N_IF:
		return render_nodes(r, truthy(lookup(r, &n->path)) ? n->body : n->alt);
	case N_UNLESS:
		return render_nodes(r, truthy(lookup(r, &n->path)) ? n->alt : n->body);
	case N_EACH: {
		v = lookup(r, &n->path);
		size_t i;
		json_t *item;
		if (!json_is_array(v) || r->nscope >= (int)ARRAY_LEN(r->scope))
			return 0;
		json_array_foreach(v, i, item)
		{
			r->scope[r->nscope++] = item;
			int rc = render_nodes(r, n->body);
			r->nscope--;
			if (rc < 0)
				return rc;
		}
		return 0;
	}
	case N_INCLUDE: {
		const struct tpl *t = tpl_find(r->set, n->text);
		if (!t || ++r->depth > TPL_MAX_DEPTH)
			return -1; /* missing or recursive include */
		for (int i = 0; t->pure && i < t->ncache; i++) {
			if (t->cache[i].cat == r->cat) {
				buf_put(r->out, t->cache[i].html, t->cache[i].len);
				r->depth--;
				return 0;
			}
		}
		int rc = render_nodes(r, t->root);
		r->depth--;
		return rc;
	}
	}
	return 0;
}

static int render_nodes(struct render *r, const struct tnode *n)
{
	for (; n; n = n->next) {
		if (render_node(r, n) < 0)
			return -1;
		if (r->out->overflow)
			return -1;
	}
	return 0;
}

int tpl_render(const struct tpl_set *set, const char *name, json_t *data,
	       const struct catalog *cat, struct buf *out)
{
	return tpl_render_slots(set, name, data, cat, out, NULL, 0);
}

int tpl_render_slots(const struct tpl_set *set, const char *name, json_t *data,
		     const struct catalog *cat, struct buf *out, const struct tpl_slot *slots,
		     int nslots)
{
	struct tpl *t = (struct tpl *)tpl_find(set, name);
	if (!t)
		return -1;
	/* the outputs of pure templates are made by tpl_warm() before any
	 * request, so reading them needs no lock */
	for (int i = 0; t->pure && i < t->ncache; i++) {
		if (t->cache[i].cat == cat) {
			buf_put(out, t->cache[i].html, t->cache[i].len);
			return out->overflow ? -1 : 0;
		}
	}
	struct render r = {.set = set, .cat = cat, .out = out, .slots = slots,
			   .nslots = nslots};
	r.scope[r.nscope++] = data;
	if (render_nodes(&r, t->root) < 0 || out->overflow)
		return -1;
	return 0;
}
