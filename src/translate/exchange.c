/*
 * exchange.c: a set's translations as PO or XLIFF 2.0 files, out and
 * back in (translate.h).
 *
 * PO: msgctxt is the unit's id, msgid the English, msgstr the
 * translation; "#." the unit's note; "# " lines the comments, and one
 * "# state: approved" or "# state: waiting-review" line; "#, fuzzy" a
 * unit that needs editing.  Translation tools and msgmerge keep all of
 * these.  XLIFF 2.0: one <file> named by the set, a <unit> per unit with
 * its id, <notes> (category "description" for the note, "comment" for
 * comments) and a <segment> whose state is initial (with subState
 * cophub:needs-editing when there is a text), translated or final.
 *
 * An import reads and checks the whole file before it saves anything:
 * the language must exist and be one the importer may translate, every
 * id must name a unit of the set, no unit twice, every translation must
 * pass the checks that refuse a save.  A problem is reported with its
 * line and nothing is saved.
 */
#include "translate/translate.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "web/po.h"

/* marks a message for xgettext: the import page translates it */
#ifndef N_
#define N_(s) (s)
#endif

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define XLIFF_NS "urn:oasis:names:tc:xliff:document:2.0"

/* ---- export ---- */

struct comment {
	char *unit, *text;
};

struct export_rows {
	struct tr_row *rows; /* by unit index */
	struct comment *comments;
	int ncomments;
};

static int read_rows(struct db *db, const struct tr_set *s, const char *lang,
		     struct export_rows *x)
{
	x->rows = xcalloc((size_t)(s->nunits ? s->nunits : 1), sizeof(*x->rows));
	x->comments = NULL;
	x->ncomments = 0;
	struct db_stmt *st = db_q(db,
				  "SELECT unit, text, source, state, version FROM translations "
				  "WHERE set_name = ? AND lang = ?",
				  "tt", s->name, lang);
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const struct tr_unit *u = tr_unit_find(s, db_text(st, 0));
		if (!u)
			continue;
		struct tr_row *r = &x->rows[u->index];
		r->exists = true;
		r->text = xstrdup(db_text(st, 1));
		r->source = xstrdup(db_text(st, 2));
		int state = tr_state_from_id(db_text(st, 3));
		r->state = state < 0 ? TR_NEEDS_EDITING : (enum tr_state)state;
		r->version = (int)db_int(st, 4);
	}
	db_done(st);
	if (rc != DB_DONE)
		return -1;
	st = db_q(db,
		  "SELECT unit, text FROM translation_comments WHERE set_name = ? AND lang = ? "
		  "ORDER BY at, id",
		  "tt", s->name, lang);
	if (!st)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		x->comments = xrealloc(x->comments, (size_t)(x->ncomments + 1) * sizeof(*x->comments));
		x->comments[x->ncomments++] =
			(struct comment){xstrdup(db_text(st, 0)), xstrdup(db_text(st, 1))};
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

static void free_rows(const struct tr_set *s, struct export_rows *x)
{
	for (int i = 0; x->rows && i < s->nunits; i++)
		tr_row_free(&x->rows[i]);
	free(x->rows);
	for (int i = 0; i < x->ncomments; i++) {
		free(x->comments[i].unit);
		free(x->comments[i].text);
	}
	free(x->comments);
}

static void po_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (const char *p = s; *p; p++) {
		switch (*p) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\r': buf_puts(b, "\\r"); break;
		default: buf_putc(b, *p);
		}
	}
	buf_puts(b, "\"\n");
}

/* A comment's lines, each as "# line". */
static void po_comment(struct buf *b, const char *text)
{
	const char *p = text;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		buf_printf(b, "# %.*s\n", (int)n, p);
		if (!nl)
			break;
		p = nl + 1;
	}
}

static void export_po(const struct tr_set *s, const struct tr_lang *L, struct export_rows *x,
		      struct buf *out)
{
	buf_printf(out, "# %s: %s\n", s->title, L->english);
	buf_puts(out, "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: cophub library\\n\"\n");
	char when[32];
	time_t now = time(NULL);
	struct tm tmv;
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M+0000", gmtime_r(&now, &tmv));
	buf_printf(out, "\"PO-Revision-Date: %s\\n\"\n\"Last-Translator: cophub\\n\"\n"
		   "\"Language-Team: %s\\n\"\n", when, L->english);
	buf_printf(out,
		   "\"Language: %s\\n\"\n\"MIME-Version: 1.0\\n\"\n"
		   "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
		   "\"Content-Transfer-Encoding: 8bit\\n\"\n\"Plural-Forms: %s\\n\"\n"
		   "\"X-Cophub-Set: %s\\n\"\n",
		   L->code, L->plural_forms, s->name);
	for (int i = 0; i < s->nunits; i++) {
		const struct tr_unit *u = &s->units[i];
		const char *text;
		enum tr_state st = tr_effective(s, u, L->code, &x->rows[i], &text);
		buf_putc(out, '\n');
		for (int c = 0; c < x->ncomments; c++)
			if (str_eq(x->comments[c].unit, u->id))
				po_comment(out, x->comments[c].text);
		if (st == TR_WAITING || st == TR_APPROVED)
			buf_printf(out, "# state: %s\n", tr_state_ids[st]);
		buf_printf(out, "#. %s\n", u->note);
		if (st == TR_NEEDS_EDITING)
			buf_puts(out, "#, fuzzy\n");
		buf_puts(out, "msgctxt ");
		po_string(out, u->id);
		buf_puts(out, "msgid ");
		po_string(out, u->source);
		if (!u->plural) {
			buf_puts(out, "msgstr ");
			po_string(out, st == TR_UNTRANSLATED || !text ? "" : text);
			continue;
		}
		buf_puts(out, "msgid_plural ");
		po_string(out, u->plural);
		const char *forms[TR_MAX_FORMS];
		char *copy = xstrdup(st == TR_UNTRANSLATED || !text ? "" : text);
		int nf = tr_forms_split(copy, forms, TR_MAX_FORMS);
		for (int f = 0; f < L->nplurals && f < TR_MAX_FORMS; f++) {
			buf_printf(out, "msgstr[%d] ", f);
			po_string(out, f < nf ? forms[f] : "");
		}
		free(copy);
	}
}

static int export_xliff(const struct tr_set *s, const struct tr_lang *L, struct export_rows *x,
			struct buf *out)
{
	xmlBufferPtr xb = xmlBufferCreate();
	xmlTextWriterPtr w = xb ? xmlNewTextWriterMemory(xb, 0) : NULL;
	if (!w) {
		if (xb)
			xmlBufferFree(xb);
		return -1;
	}
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	int rc = xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	rc |= xmlTextWriterStartElement(w, BAD_CAST "xliff");
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST XLIFF_NS);
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "2.0");
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "srcLang", BAD_CAST "en");
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "trgLang", BAD_CAST L->code);
	rc |= xmlTextWriterStartElement(w, BAD_CAST "file");
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST s->name);
	for (int i = 0; i < s->nunits && rc >= 0; i++) {
		const struct tr_unit *u = &s->units[i];
		const char *text;
		enum tr_state st = tr_effective(s, u, L->code, &x->rows[i], &text);
		rc |= xmlTextWriterStartElement(w, BAD_CAST "unit");
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST u->id);
		rc |= xmlTextWriterStartElement(w, BAD_CAST "notes");
		rc |= xmlTextWriterStartElement(w, BAD_CAST "note");
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "category", BAD_CAST "description");
		rc |= xmlTextWriterWriteString(w, BAD_CAST u->note);
		rc |= xmlTextWriterEndElement(w);
		for (int c = 0; c < x->ncomments; c++)
			if (str_eq(x->comments[c].unit, u->id)) {
				rc |= xmlTextWriterStartElement(w, BAD_CAST "note");
				rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "category",
								  BAD_CAST "comment");
				rc |= xmlTextWriterWriteString(w, BAD_CAST x->comments[c].text);
				rc |= xmlTextWriterEndElement(w);
			}
		rc |= xmlTextWriterEndElement(w); /* notes */
		const char *state = st == TR_APPROVED ? "final" : st == TR_WAITING ? "translated"
										      : "initial";
		/* a message with plural forms: a segment per form of the
		 * language, the first with the English singular */
		const char *forms[TR_MAX_FORMS] = {text};
		char *copy = NULL;
		int nseg = 1, nf = text ? 1 : 0;
		if (u->plural) {
			nseg = L->nplurals < TR_MAX_FORMS ? L->nplurals : TR_MAX_FORMS;
			copy = xstrdup(text ? text : "");
			nf = text ? tr_forms_split(copy, forms, TR_MAX_FORMS) : 0;
		}
		for (int f = 0; f < nseg; f++) {
			rc |= xmlTextWriterStartElement(w, BAD_CAST "segment");
			if (u->plural) {
				char sid[16];
				snprintf(sid, sizeof(sid), "form%d", f);
				rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST sid);
			}
			rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "state", BAD_CAST state);
			if (st == TR_NEEDS_EDITING)
				rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "subState",
								  BAD_CAST "cophub:needs-editing");
			rc |= xmlTextWriterWriteElement(w, BAD_CAST "source",
							BAD_CAST(f ? u->plural : u->source));
			if (st != TR_UNTRANSLATED && f < nf)
				rc |= xmlTextWriterWriteElement(w, BAD_CAST "target",
								BAD_CAST forms[f]);
			rc |= xmlTextWriterEndElement(w); /* segment */
		}
		free(copy);
		rc |= xmlTextWriterEndElement(w); /* unit */
	}
	rc |= xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	if (rc >= 0)
		buf_put(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
	return rc < 0 ? -1 : 0;
}

int tr_export(struct db *db, const struct tr_set *s, const struct tr_lang *L, enum tr_format fmt,
	      struct buf *out)
{
	struct export_rows x;
	int rc = read_rows(db, s, L->code, &x);
	if (rc == 0) {
		if (fmt == TR_PO)
			export_po(s, L, &x, out);
		else
			rc = export_xliff(s, L, &x, out);
	}
	free_rows(s, &x);
	return rc < 0 || out->overflow ? -1 : 0;
}

/* ---- import ---- */

enum mark { M_NONE, M_FUZZY, M_TRANSLATED, M_APPROVED };

struct imp_unit {
	const struct tr_unit *u;
	char *source, *text, *comments;
	enum mark mark;
	int line;
	int nforms; /* of a unit with plural forms; 0: untranslated */
};

struct imp {
	const struct tr_set *set;
	char lang[16];
	bool have_lang, have_set;
	struct imp_unit *list;
	int n;
	struct tr_import_result *res;
	int line; /* of the header, for its problems */
};

/* The file is refused: msgid (with {detail}) is kept for the page to
 * translate, and written out in English into res->err for the command
 * line. */
static int imp_fail(struct imp *im, int line, const char *msgid, const char *detail)
{
	struct tr_import_result *res = im->res;
	res->line = line;
	res->msgid = msgid;
	str_copy(res->detail, sizeof(res->detail), detail ? detail : "");
	const char *p = strstr(msgid, "{detail}");
	if (p)
		snprintf(res->err, sizeof(res->err), "line %d: %s%.*s%s%s", line, res->unit,
			 (int)(p - msgid), msgid, res->detail, p + 8);
	else
		snprintf(res->err, sizeof(res->err), "line %d: %s%s", line, res->unit, msgid);
	return -1;
}

/* The file is refused for a translation that fails a check. */
static int imp_fail_check(struct imp *im, int line, const char *unit, const struct tr_issue *is)
{
	snprintf(im->res->unit, sizeof(im->res->unit), "%s: ", unit);
	return imp_fail(im, line, is->msgid, is->detail);
}

/* A unit of the file; text holds nforms forms (TR_FORM_SEP between them)
 * for a unit with plural forms, checked once the language is known. */
static int imp_add(struct imp *im, int line, const char *id, const char *source,
		   const char *text, int nforms, bool plural_entry, const char *comments,
		   enum mark mark)
{
	if (!im->set)
		return imp_fail(im, line, N_("The file does not name its set."), NULL);
	const struct tr_unit *u = tr_unit_find(im->set, id);
	if (!u)
		return imp_fail(im, line, N_("There is no unit \"{detail}\" in this set."), id ? id : "");
	for (int i = 0; i < im->n; i++)
		if (im->list[i].u == u)
			return imp_fail(im, line, N_("The unit \"{detail}\" is in the file twice."), id);
	if (plural_entry && !u->plural)
		return imp_fail(im, line, N_("The unit \"{detail}\" has no plural forms."), id);
	if (!plural_entry && u->plural)
		return imp_fail(im, line, N_("The unit \"{detail}\" needs its plural forms (msgid_plural)."),
				id);
	if (text && *text && !u->plural) {
		if (!utf8_valid_text(text, strlen(text), true))
			return imp_fail(im, line, N_("The translation of \"{detail}\" is not valid UTF-8 text."),
					id);
		struct tr_issue is[TR_MAX_ISSUES];
		int ni = tr_check(u->source, NULL, &text, 1, 1, u->kind, NULL, 0, is,
				  TR_MAX_ISSUES);
		for (int i = 0; i < ni; i++)
			if (is[i].error)
				return imp_fail_check(im, line, id, &is[i]);
	}
	im->list = xrealloc(im->list, (size_t)(im->n + 1) * sizeof(*im->list));
	im->list[im->n++] = (struct imp_unit){
		.u = u,
		.source = xstrdup(source ? source : ""),
		.text = xstrdup(text ? text : ""),
		.comments = comments ? xstrdup(comments) : NULL,
		.mark = mark,
		.line = line,
		.nforms = nforms,
	};
	return 0;
}

/* A header field's value ("Language: fr\n"), copied. */
static bool header_field(const char *header, const char *name, char *out, size_t size)
{
	size_t n = strlen(name);
	for (const char *p = header; p && *p;) {
		if (strncmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1;
			while (*v == ' ')
				v++;
			const char *e = strchr(v, '\n');
			size_t len = e ? (size_t)(e - v) : strlen(v);
			if (len >= size)
				return false;
			memcpy(out, v, len);
			out[len] = 0;
			return true;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return false;
}

static int po_import_entry(void *ctx, const struct po_entry *e)
{
	struct imp *im = ctx;
	if (!*e->msgid && !e->msgctxt) {
		char set[64];
		im->line = e->line;
		im->have_lang = header_field(e->msgstr[0], "Language", im->lang, sizeof(im->lang));
		im->have_set = header_field(e->msgstr[0], "X-Cophub-Set", set, sizeof(set));
		if (!im->have_lang)
			return imp_fail(im, e->line, N_("The header does not name the Language."), NULL);
		if (!im->have_set)
			return imp_fail(im, e->line, N_("The header does not name the set (X-Cophub-Set)."), NULL);
		im->set = tr_set_find(set);
		if (!im->set)
			return imp_fail(im, e->line, N_("There is no set \"{detail}\"."), set);
		return 0;
	}
	/* the forms of a plural entry, as one text; all empty: untranslated */
	struct buf forms;
	buf_init(&forms, 1u << 20);
	bool any = false;
	for (int i = 0; i < e->nstr; i++) {
		if (strchr(e->msgstr[i], TR_FORM_SEP) ||
		    !utf8_valid_text(e->msgstr[i], strlen(e->msgstr[i]), true)) {
			buf_free(&forms);
			return imp_fail(im, e->line, N_("The translation of \"{detail}\" is not valid UTF-8 text."), e->msgctxt ? e->msgctxt : "");
		}
		if (i)
			buf_putc(&forms, TR_FORM_SEP);
		buf_puts(&forms, e->msgstr[i]);
		any = any || *e->msgstr[i];
	}
	enum mark mark = M_TRANSLATED;
	char *comments = NULL;
	if (e->comments) {
		/* the state line is ours; the other lines are comments */
		struct buf b;
		buf_init(&b, 1u << 20);
		const char *p = e->comments;
		while (*p) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			if (n == 15 && strncmp(p, "state: approved", 15) == 0)
				mark = M_APPROVED;
			else if (n >= 7 && strncmp(p, "state: ", 7) == 0)
				; /* waiting-review: translated */
			else if (n) {
				if (b.len)
					buf_putc(&b, '\n');
				buf_put(&b, p, n);
			}
			p = nl ? nl + 1 : p + n;
		}
		if (b.len)
			comments = buf_steal(&b, NULL);
		buf_free(&b);
	}
	if (e->fuzzy)
		mark = M_FUZZY;
	int rc = imp_add(im, e->line, e->msgctxt, e->msgid,
			 e->msgid_plural ? (any ? forms.data : "") : e->msgstr[0],
			 e->msgid_plural ? (any ? e->nstr : 0) : 1, e->msgid_plural != NULL, comments,
			 mark);
	free(comments);
	buf_free(&forms);
	return rc < 0 ? 1 : 0;
}

static char *node_text(xmlNodePtr n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s = xstrdup(c ? (const char *)c : "");
	xmlFree(c);
	return s;
}

static bool is_el(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0 && n->ns &&
	       xmlStrcmp(n->ns->href, BAD_CAST XLIFF_NS) == 0;
}

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *s = v ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static int xliff_unit(struct imp *im, xmlNodePtr unit)
{
	int line = (int)xmlGetLineNo(unit);
	char *id = attr(unit, "id");
	char *source = NULL, *state = NULL, *sub = NULL;
	struct buf comments, target;
	buf_init(&comments, 1u << 20);
	buf_init(&target, 1u << 20);
	int segments = 0, targets = 0;
	bool bad = false;
	for (xmlNodePtr c = unit->children; c; c = c->next) {
		if (is_el(c, "notes")) {
			for (xmlNodePtr nt = c->children; nt; nt = nt->next) {
				if (!is_el(nt, "note"))
					continue;
				char *cat = attr(nt, "category");
				if (!str_eq(cat, "description")) {
					char *t = node_text(nt);
					if (comments.len)
						buf_putc(&comments, '\n');
					buf_puts(&comments, t);
					free(t);
				}
				free(cat);
			}
		} else if (is_el(c, "segment")) {
			/* the state is the first segment's; each segment's target is
			 * a form (a unit with plural forms has a segment per form) */
			if (!segments++) {
				state = attr(c, "state");
				sub = attr(c, "subState");
			}
			bool has_target = false;
			for (xmlNodePtr s = c->children; s; s = s->next) {
				if (is_el(s, "source") && !source) {
					source = node_text(s);
				} else if (is_el(s, "target") && !has_target) {
					char *tt = node_text(s);
					bad = bad || strchr(tt, TR_FORM_SEP);
					if (segments > 1)
						buf_putc(&target, TR_FORM_SEP);
					buf_puts(&target, tt);
					free(tt);
					has_target = true;
					targets++;
				}
			}
			if (!has_target && segments > 1)
				buf_putc(&target, TR_FORM_SEP);
		}
	}
	const struct tr_unit *u = im->set ? tr_unit_find(im->set, id) : NULL;
	int rc;
	if (bad)
		rc = imp_fail(im, line, N_("The translation of \"{detail}\" is not valid UTF-8 text."), id);
	else if (segments < 1 || (segments > 1 && !(u && u->plural)))
		rc = imp_fail(im, line, N_("The unit \"{detail}\" must have one segment."), id);
	else {
		enum mark mark = M_TRANSLATED;
		if (str_eq(sub, "cophub:needs-editing") || !state || str_eq(state, "initial"))
			mark = M_FUZZY;
		else if (str_eq(state, "final") || str_eq(state, "reviewed"))
			mark = M_APPROVED;
		if (state && !str_eq(state, "initial") && !str_eq(state, "translated") &&
		    !str_eq(state, "reviewed") && !str_eq(state, "final"))
			rc = imp_fail(im, line, N_("Unknown segment state \"{detail}\"."), state);
		else
			rc = imp_add(im, line, id, source, targets ? target.data : NULL,
				     targets ? segments : 0, u && u->plural,
				     comments.len ? comments.data : NULL, mark);
	}
	free(id);
	free(source);
	buf_free(&target);
	free(state);
	free(sub);
	buf_free(&comments);
	return rc;
}

static int xliff_read(struct imp *im, const char *data, size_t len)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return imp_fail(im, 0, N_("Out of memory."), NULL);
	/* no network, no DTD loaded, no entity substituted; errors come back
	 * to us instead of going to stderr */
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, "import.xlf", "UTF-8",
					  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	int rc = 0;
	if (!doc) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[200];
		snprintf(msg, sizeof(msg), "%s", e && e->message ? e->message : "not well-formed XML");
		size_t n = strlen(msg);
		while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = 0;
		rc = imp_fail(im, e ? e->line : 0, N_("Not well-formed XML: {detail}."), msg);
		xmlFreeParserCtxt(ctxt);
		return rc;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (doc->intSubset) {
		rc = imp_fail(im, (int)xmlGetLineNo((xmlNodePtr)doc->intSubset),
			      N_("A DOCTYPE is not allowed in XLIFF."), NULL);
	} else if (!root || !is_el(root, "xliff")) {
		rc = imp_fail(im, root ? (int)xmlGetLineNo(root) : 1,
			      N_("The root element must be XLIFF 2.0's <xliff>."), NULL);
	} else {
		char *version = attr(root, "version"), *src = attr(root, "srcLang"),
		     *trg = attr(root, "trgLang");
		int line = (int)xmlGetLineNo(root);
		if (!str_eq(version, "2.0"))
			rc = imp_fail(im, line, N_("Only XLIFF version 2.0 is read."), NULL);
		else if (!str_eq(src, "en"))
			rc = imp_fail(im, line, N_("The source language must be en."), NULL);
		else if (!trg || !str_copy(im->lang, sizeof(im->lang), trg))
			rc = imp_fail(im, line, N_("The file does not name its trgLang."), NULL);
		im->have_lang = rc == 0;
		free(version);
		free(src);
		free(trg);
		int files = 0;
		for (xmlNodePtr f = root->children; f && rc == 0; f = f->next) {
			if (!is_el(f, "file"))
				continue;
			if (files++) {
				rc = imp_fail(im, (int)xmlGetLineNo(f), N_("One <file> (one set) per import."), NULL);
				break;
			}
			char *set = attr(f, "id");
			im->set = tr_set_find(set);
			if (!im->set)
				rc = imp_fail(im, (int)xmlGetLineNo(f), N_("There is no set \"{detail}\"."), set);
			free(set);
			for (xmlNodePtr u = f->children; u && rc == 0; u = u->next)
				if (is_el(u, "unit"))
					rc = xliff_unit(im, u);
		}
		if (rc == 0 && !files)
			rc = imp_fail(im, line, N_("The file has no <file> element."), NULL);
	}
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return rc;
}

/* Adds the comments of the file the unit does not have yet. */
static int add_comments(struct db *db, const struct imp *im, const struct imp_unit *iu,
			int64_t user)
{
	if (!iu->comments)
		return 0;
	const char *p = iu->comments;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, n);
		struct db_stmt *st = db_q(db,
					  "SELECT 1 FROM translation_comments WHERE set_name = ? AND "
					  "unit = ? AND lang = ? AND text = ?",
					  "tttt", im->set->name, iu->u->id, im->lang, line);
		int rc = st ? db_step(st) : DB_ERROR;
		db_done(st);
		if (rc == DB_DONE && *line)
			rc = db_x(db,
				  "INSERT INTO translation_comments (set_name, unit, lang, user_id, at, "
				  "text) VALUES (?, ?, ?, ?, ?, ?)",
				  "tttnit", im->set->name, iu->u->id, im->lang, user, now_seconds(), line);
		free(line);
		if (rc != DB_ROW && rc != DB_DONE)
			return -1;
		p = nl ? nl + 1 : p + n;
	}
	return 0;
}

static int apply(struct db *db, struct imp *im, int64_t user, bool may_approve,
		 void (*progress)(void *ctx, int done, int total), void *pctx)
{
	struct tr_import_result *res = im->res;
	for (int i = 0; i < im->n; i++) {
		struct imp_unit *iu = &im->list[i];
		res->units++;
		if (progress)
			progress(pctx, i + 1, im->n);
		if (add_comments(db, im, iu, user) < 0)
			return imp_fail(im, iu->line, N_("The database refused a comment."), NULL);
		if (!*iu->text) {
			res->skipped++;
			continue;
		}
		struct tr_row row;
		if (tr_get(db, im->set->name, iu->u->id, im->lang, &row) < 0)
			return imp_fail(im, iu->line, N_("The database could not be read."), NULL);
		const char *cur;
		enum tr_state now = tr_effective(im->set, iu->u, im->lang, &row, &cur);
		enum tr_state want;
		bool same_text = str_eq(cur, iu->text);
		if (iu->mark == M_FUZZY || !str_eq(iu->source, iu->u->source))
			want = TR_NEEDS_EDITING; /* or made from another English */
		else if (iu->mark == M_APPROVED && may_approve)
			want = TR_APPROVED;
		else if (same_text && (now == TR_APPROVED || now == TR_WAITING))
			want = now;
		else
			want = TR_WAITING;
		if (same_text && want == now) {
			res->unchanged++;
			tr_row_free(&row);
			continue;
		}
		int rc = tr_save(db, im->set, iu->u, im->lang, iu->text, want,
				 row.exists ? row.version : 0, user);
		tr_row_free(&row);
		if (rc != TR_SAVED)
			return imp_fail(im, iu->line, N_("The unit \"{detail}\" could not be saved."), iu->u->id);
		res->changed++;
	}
	return 0;
}

/* The units with plural forms, once the language is known: a form for
 * each of its plural forms, each passing the checks. */
static int check_forms(struct imp *im, const struct tr_lang *L)
{
	for (int i = 0; i < im->n; i++) {
		struct imp_unit *iu = &im->list[i];
		if (!iu->u->plural || !*iu->text)
			continue;
		if (iu->nforms != L->nplurals)
			return imp_fail(im, iu->line,
					N_("The unit \"{detail}\" does not have as many plural forms as "
					   "the language has."),
					iu->u->id);
		char *copy = xstrdup(iu->text);
		const char *forms[TR_MAX_FORMS];
		int nf = tr_forms_split(copy, forms, TR_MAX_FORMS);
		struct tr_issue is[TR_MAX_ISSUES];
		int ni = tr_check(iu->u->source, iu->u->plural, forms, nf, L->nplurals, iu->u->kind,
				  NULL, 0, is, TR_MAX_ISSUES);
		free(copy);
		for (int k = 0; k < ni; k++)
			if (is[k].error)
				return imp_fail_check(im, iu->line, iu->u->id, &is[k]);
	}
	return 0;
}

int tr_import(struct db *db, const char *data, size_t len, int64_t user, bool may_approve,
	      bool (*allowed)(void *ctx, const char *lang), void *actx,
	      void (*progress)(void *ctx, int done, int total), void *pctx,
	      struct tr_import_result *res)
{
	memset(res, 0, sizeof(*res));
	struct imp im = {.res = res};
	int rc;
	size_t skip = 0;
	while (skip < len && (data[skip] == ' ' || data[skip] == '\n' || data[skip] == '\r' ||
			      data[skip] == '\t'))
		skip++;
	if (len - skip >= 5 && (data[skip] == '<' || memcmp(data + skip, "\xef\xbb\xbf<", 4) == 0)) {
		rc = xliff_read(&im, data, len);
	} else {
		char err[320];
		rc = po_parse(data, len, "import", po_import_entry, &im, err, sizeof(err));
		if (rc < 0 && !res->err[0]) {
			/* the parser's own message: "import:LINE: reason" */
			snprintf(res->err, sizeof(res->err), "line %s",
				 str_starts(err, "import:") ? err + 7 : err);
		}
		if (rc == 0 && res->err[0])
			rc = -1;
		if (rc == 0 && !im.have_lang)
			rc = imp_fail(&im, 1, N_("The file has no PO header naming its language."), NULL);
	}
	struct tr_lang L;
	if (rc == 0) {
		int found = tr_language(db, im.lang, &L);
		if (found < 0)
			rc = imp_fail(&im, im.line, N_("The database could not be read."), NULL);
		else if (!found || str_eq(im.lang, "en"))
			rc = imp_fail(&im, im.line ? im.line : 1,
				      N_("\"{detail}\" is not a language to translate into here."), im.lang);
		else if (allowed && !allowed(actx, im.lang))
			rc = imp_fail(&im, im.line ? im.line : 1,
				      N_("You may not translate into \"{detail}\"."), im.lang);
	}
	if (rc == 0)
		rc = check_forms(&im, &L);
	if (rc == 0)
		rc = apply(db, &im, user, may_approve, progress, pctx);
	for (int i = 0; i < im.n; i++) {
		free(im.list[i].source);
		free(im.list[i].text);
		free(im.list[i].comments);
	}
	free(im.list);
	return rc < 0 ? -1 : 0;
}
