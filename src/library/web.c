/*
 * web.c: the library's reading pages (library.h): the sets, a set's table
 * of contents, and a chapter with its sections and their numbered items,
 * each item anchored by its stable id so that search results and links
 * can point at it ("/library/parents/talk#talk.listen.2").
 */
#include "library/library.h"
#include "content/library.h"
#include "content/play.h"
#include "core/buf.h"
#include "core/util.h"
#include "play/play.h"
#include "render/render.h"
#include "translate/translate.h"
#include "web/app.h"
#include "web/static.h"
#include "web/i18n.h"
#include "web/page.h"

#include <string.h>
#include <time.h>

static const struct library *lib;

void library_set_content(const struct library *l)
{
	lib = l;
	library_search_content(l);
}

const struct library *library_content(void)
{
	return lib;
}

/* A text with the country's helpline and reporting service in place of
 * its placeholders, with the words of the fill ("an adult you trust") in
 * the text's language when the interface has it, else in English (the
 * template escapes the result). */
const char *library_fill_in(struct req *r, const char *text, const char *lang)
{
	if (!text || !strchr(text, '{'))
		return text;
	/* the country's values are read once per request and language,
	 * whatever the number of texts that use them (in r's arena) */
	static _Thread_local struct {
		char req[sizeof(r->id_hex)];
		char lang[16];
		struct play_fill f;
	} cache;
	const struct catalog *want = i18n_catalog(lang);
	if (!want)
		want = i18n_catalog("en");
	const char *code = want ? catalog_code(want) : "en";
	if (!str_eq(cache.req, r->id_hex) || !str_eq(cache.lang, code)) {
		const char *keep_lang = r->lang;
		const struct catalog *keep_cat = r->cat;
		if (want) {
			r->lang = code;
			r->cat = want;
		}
		play_site_fill(r, &cache.f);
		r->lang = keep_lang;
		r->cat = keep_cat;
		str_copy(cache.req, sizeof(cache.req), r->id_hex);
		str_copy(cache.lang, sizeof(cache.lang), code);
	}
	struct buf b;
	buf_init(&b, 1u << 16);
	play_fill_text(&b, text, &cache.f);
	const char *out = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

const char *library_fill(struct req *r, const char *text)
{
	return library_fill_in(r, text, "en");
}

/* ---- the language of the texts ---- */

/* The language the guidelines are read in: ?in=CODE when it names a
 * language of the library (one added by a coordinator may have no
 * interface translation), else the page's language. */
void lib_text_lang(struct req *r, struct lib_text *t)
{
	memset(t, 0, sizeof(*t));
	struct db *db = req_db(r);
	const char *in = req_query(r, "in");
	const char *want = in && *in ? in : r->lang;
	str_copy(t->code, sizeof(t->code), "en");
	t->ok = db && tr_refresh(db) == 0;
	if (str_eq(want, "en") || !db)
		return;
	struct tr_lang L;
	if (tr_language(db, want, &L) == 1) {
		str_copy(t->code, sizeof(t->code), L.code);
		str_copy(t->name, sizeof(t->name), L.name);
		t->rtl = L.rtl;
	}
}

static char *arena_dup_cb(void *ctx, const char *text)
{
	return arena_strdup(ctx, text);
}

/* The published text of a unit in the reader's language, or the English
 * (noted, so the page can say so); its language and direction go on o. */
const char *lib_text(struct req *r, struct lib_text *t, const struct lib_set *s,
		     const char *unit, const char *english, json_t *o)
{
	const char *text = NULL;
	if (!str_eq(t->code, "en") && t->ok) {
		const struct tr_set *ts = tr_set_find(s->id);
		const struct tr_unit *u = ts ? tr_unit_find(ts, unit) : NULL;
		if (u)
			text = tr_published(ts, u, t->code, arena_dup_cb, &r->arena);
	}
	bool translated = text != NULL;
	if (translated)
		t->translated++;
	else if (english)
		t->english++;
	if (o) {
		json_object_set_new(o, "tl", jstr(translated ? t->code : "en"));
		json_object_set_new(o, "tdir", jstr(translated && t->rtl ? "rtl" : "ltr"));
	}
	return library_fill_in(r, translated ? text : english, translated ? t->code : "en");
}

/* lib_text for a second text of the same element: its language and
 * direction go on o as PREFIXtl and PREFIXtdir. */
static const char *lib_text_part(struct req *r, struct lib_text *t, const struct lib_set *s,
				 const char *unit, const char *english, json_t *o,
				 const char *prefix)
{
	json_t *a = json_object();
	const char *text = lib_text(r, t, s, unit, english, a);
	json_object_set(o, arena_printf(&r->arena, "%stl", prefix), json_object_get(a, "tl"));
	json_object_set(o, arena_printf(&r->arena, "%stdir", prefix), json_object_get(a, "tdir"));
	json_decref(a);
	return text;
}

/* What the page says about its language: the code for links (?in=), and
 * whether some or all of its texts are shown in English. */
void lib_text_notice(struct lib_text *t, json_t *d)
{
	json_object_set_new(d, "inl", jstr(t->code));
	json_object_set_new(d, "tl_name", jstr(t->name));
	bool other = !str_eq(t->code, "en");
	json_object_set_new(d, "in_english", json_boolean(other && t->english && !t->translated));
	json_object_set_new(d, "partly_english", json_boolean(other && t->english && t->translated));
}

static const char *const c4_names[4] = {N_("Content"), N_("Contact"), N_("Conduct"),
					N_("Contract")};

static json_t *set_summary(struct req *r, struct lib_text *t, const struct lib_set *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", jstr(s->id));
	json_object_set_new(o, "title", jstr(lib_text(r, t, s, "#title", s->title, o)));
	json_object_set_new(o, "summary", jstr(lib_text(r, t, s, "#summary", s->summary, NULL)));
	json_object_set_new(o, "chapters", json_integer(s->nchapters));
	json_object_set_new(o, "items", json_integer(s->nitems));
	return o;
}

/* GET /library */
int library_index(struct req *r)
{
	json_t *d = page_data(r, N_("Guidelines"));
	struct lib_text t;
	lib_text_lang(r, &t);
	json_t *list = json_array();
	for (int i = 0; lib && i < lib->nsets; i++)
		json_array_append_new(list, set_summary(r, &t, &lib->sets[i]));
	json_object_set_new(d, "sets", list);
	lib_text_notice(&t, d);
	return page_render(r, "library/index", d);
}

/* GET /library/:set: its chapters and their sections */
int library_set_page(struct req *r)
{
	const struct lib_set *s = library_set(lib, req_param(r, 0));
	if (!s)
		return page_error(r, 404, N_("There is no such set of guidelines."));
	json_t *d = page_data(r, N_("Guidelines"));
	struct lib_text t;
	lib_text_lang(r, &t);
	json_object_set_new(d, "set", set_summary(r, &t, s));
	json_t *chs = json_array();
	for (int c = 0; c < s->nchapters; c++) {
		const struct lib_chapter *ch = &s->chapters[c];
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(ch->id));
		json_object_set_new(o, "n", json_integer(c + 1));
		json_object_set_new(o, "title",
				    jstr(lib_text(r, &t, s, arena_printf(&r->arena, "%s#title", ch->id),
						  ch->title, o)));
		json_t *secs = json_array();
		for (int k = 0; k < ch->nsections; k++) {
			json_t *x = json_object();
			json_object_set_new(x, "id", jstr(ch->sections[k].id));
			json_object_set_new(x, "chapter", jstr(ch->id));
			json_object_set_new(
				x, "title",
				jstr(lib_text(r, &t, s,
					      arena_printf(&r->arena, "%s#title", ch->sections[k].id),
					      ch->sections[k].title, x)));
			json_array_append_new(secs, x);
		}
		json_object_set_new(o, "sections", secs);
		json_array_append_new(chs, o);
	}
	json_object_set_new(d, "chapters", chs);
	lib_text_notice(&t, d);
	return page_render(r, "library/set", d);
}

/* Where a see: link leads, and its label. */
static json_t *link_json(struct req *r, const char *see)
{
	json_t *o = json_object();
	if (str_starts(see, "play:")) {
		json_object_set_new(o, "href", jstr(arena_printf(&r->arena, "/play/tips#%s", see + 5)));
		json_object_set_new(o, "label", jstr(tr(r, N_("Tips for children"))));
	} else if (str_starts(see, "learn:")) {
		json_object_set_new(o, "href", jstr(arena_printf(&r->arena, "/learn/%s", see + 6)));
		json_object_set_new(o, "label", jstr(tr(r, N_("Course"))));
	} else {
		const char *slash = strchr(see, '/');
		const char *set = arena_strndup(&r->arena, see, (size_t)(slash - see));
		const char *id = slash + 1;
		const char *dot = strchr(id, '.');
		const char *chapter = dot ? arena_strndup(&r->arena, id, (size_t)(dot - id)) : id;
		json_object_set_new(o, "href", jstr(arena_printf(&r->arena, "/library/%s/%s#%s", set,
								 chapter, id)));
		json_object_set_new(o, "label", jstr(id));
	}
	return o;
}

static json_t *item_json(struct req *r, struct lib_text *t, const struct lib_set *s,
			 const struct lib_item *it)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", jstr(it->id));
	json_object_set_new(o, "n", json_integer(it->n));
	json_object_set_new(o, "text", jstr(lib_text(r, t, s, it->id, it->text, o)));
	json_object_set_new(o, "checklist", json_boolean(it->checklist));
	const char *topics = "";
	for (int k = 0; k < 4; k++)
		if (it->topics & (1u << k))
			topics = *topics ? arena_printf(&r->arena, "%s · %s", topics, tr(r, c4_names[k]))
					 : tr(r, c4_names[k]);
	json_object_set_new(o, "topics", jstr(topics));
	json_t *see = json_array();
	for (int e = 0; e < it->nsee; e++)
		json_array_append_new(see, link_json(r, it->see[e]));
	json_object_set_new(o, "see", see);
	return o;
}

/* GET /library/:set/:chapter */
int library_chapter(struct req *r)
{
	const struct lib_set *s = library_set(lib, req_param(r, 0));
	const struct lib_chapter *ch = NULL;
	const struct lib_section *sec;
	const struct lib_item *item;
	if (!s || !library_find(s, req_param(r, 1), &ch, &sec, &item) || sec)
		return page_error(r, 404, N_("There is no such chapter."));
	json_t *d = page_data(r, N_("Guidelines"));
	struct lib_text t;
	lib_text_lang(r, &t);
	json_object_set_new(d, "set", set_summary(r, &t, s));
	json_object_set_new(d, "id", jstr(ch->id));
	json_t *head = json_object();
	json_object_set_new(head, "title",
			    jstr(lib_text(r, &t, s, arena_printf(&r->arena, "%s#title", ch->id),
					  ch->title, head)));
	json_object_set_new(head, "intro",
			    jstr(lib_text_part(r, &t, s, arena_printf(&r->arena, "%s#intro", ch->id),
					       ch->intro, head, "i")));
	json_object_set_new(d, "chapter", head);
	int ci = (int)(ch - s->chapters);
	json_object_set_new(d, "n", json_integer(ci + 1));
	if (ci > 0)
		json_object_set_new(d, "prev", jstr(s->chapters[ci - 1].id));
	if (ci + 1 < s->nchapters)
		json_object_set_new(d, "next", jstr(s->chapters[ci + 1].id));
	json_t *secs = json_array();
	for (int k = 0; k < ch->nsections; k++) {
		const struct lib_section *x = &ch->sections[k];
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(x->id));
		json_object_set_new(o, "title",
				    jstr(lib_text(r, &t, s, arena_printf(&r->arena, "%s#title", x->id),
						  x->title, o)));
		if (x->text)
			json_object_set_new(
				o, "text",
				jstr(lib_text_part(r, &t, s, arena_printf(&r->arena, "%s#text", x->id),
						   x->text, o, "i")));
		json_t *items = json_array();
		for (int i = 0; i < x->nitems; i++)
			json_array_append_new(items, item_json(r, &t, s, &x->items[i]));
		json_object_set_new(o, "items", items);
		json_array_append_new(secs, o);
	}
	json_object_set_new(d, "sections", secs);
	lib_text_notice(&t, d);
	return page_render(r, "library/chapter", d);
}

/* ---- the checklist view ---- */

/* Calls fn for every checklist item of a set, with its section. */
static void each_check(const struct lib_set *s,
		       void (*fn)(void *ctx, const struct lib_section *sec, const struct lib_item *it),
		       void *ctx)
{
	for (int c = 0; c < s->nchapters; c++)
		for (int k = 0; k < s->chapters[c].nsections; k++) {
			const struct lib_section *sec = &s->chapters[c].sections[k];
			for (int i = 0; i < sec->nitems; i++)
				if (sec->items[i].checklist)
					fn(ctx, sec, &sec->items[i]);
		}
}

struct check_json {
	struct req *r;
	struct lib_text *t;
	const struct lib_set *s;
	json_t *groups, *cur;
	const struct lib_section *sec;
};

static void add_check(void *ctx, const struct lib_section *sec, const struct lib_item *it)
{
	struct check_json *cj = ctx;
	if (sec != cj->sec) {
		cj->sec = sec;
		cj->cur = json_array();
		json_t *g = json_object();
		json_object_set_new(
			g, "title",
			jstr(lib_text(cj->r, cj->t, cj->s,
				      arena_printf(&cj->r->arena, "%s#title", sec->id), sec->title, g)));
		json_object_set_new(g, "items", cj->cur);
		json_array_append_new(cj->groups, g);
	}
	json_t *o = json_object();
	json_object_set_new(o, "id", jstr(it->id));
	json_object_set_new(o, "field", jstr(arena_printf(&cj->r->arena, "c_%s", it->id)));
	json_object_set_new(o, "text", jstr(lib_text(cj->r, cj->t, cj->s, it->id, it->text, o)));
	json_array_append_new(cj->cur, o);
}

/* GET /library/:set/checklist: every checklist item of the set, to tick;
 * the ticks stay in this browser (static/library.js), and the form sends
 * them only to make the PDF, which is not kept. */
int library_checklist(struct req *r)
{
	const struct lib_set *s = library_set(lib, req_param(r, 0));
	if (!s)
		return page_error(r, 404, N_("There is no such set of guidelines."));
	if (!r->csrf)
		csrf_for_visitor(r);
	json_t *d = page_data(r, N_("Checklist"));
	struct lib_text t;
	lib_text_lang(r, &t);
	json_object_set_new(d, "set", set_summary(r, &t, s));
	struct check_json cj = {.r = r, .t = &t, .s = s, .groups = json_array()};
	each_check(s, add_check, &cj);
	json_object_set_new(d, "groups", cj.groups);
	json_object_set_new(d, "none", json_boolean(json_array_size(cj.groups) == 0));
	json_object_set_new(d, "script", jstr(static_url("library/checklist.js")));
	lib_text_notice(&t, d);
	return page_render(r, "library/checklist", d);
}

struct check_pdf {
	struct req *r;
	struct lib_text *t;
	const struct lib_set *s;
	struct checklist_line *lines;
	int n, ticked, total;
	const struct lib_section *sec;
};

static void add_line(void *ctx, const struct lib_section *sec, const struct lib_item *it)
{
	struct check_pdf *cp = ctx;
	if (sec != cp->sec) {
		cp->sec = sec;
		cp->lines[cp->n++] = (struct checklist_line){
			.text = lib_text(cp->r, cp->t, cp->s,
					 arena_printf(&cp->r->arena, "%s#title", sec->id), sec->title,
					 NULL),
			.heading = true};
	}
	bool on = req_form(cp->r, arena_printf(&cp->r->arena, "c_%s", it->id)) != NULL;
	cp->lines[cp->n++] = (struct checklist_line){
		.text = lib_text(cp->r, cp->t, cp->s, it->id, it->text, NULL), .id = it->id,
		.ticked = on};
	cp->ticked += on;
	cp->total++;
}

/* Replaces {name} in a translated message by value. */
static const char *with(struct req *r, const char *msg, const char *name, const char *value)
{
	const char *p = strstr(msg, name);
	if (!p)
		return msg;
	return arena_printf(&r->arena, "%.*s%s%s", (int)(p - msg), msg, value, p + strlen(name));
}

/* POST /library/:set/checklist: the ticked items as a PDF, made for this
 * request and kept nowhere, in the language of the texts (?in=). */
int library_checklist_pdf(struct req *r)
{
	const struct lib_set *s = library_set(lib, req_param(r, 0));
	if (!s)
		return page_error(r, 404, N_("There is no such set of guidelines."));
	struct lib_text t;
	lib_text_lang(r, &t);
	struct check_pdf cp = {.r = r, .t = &t, .s = s};
	cp.lines = arena_alloc(&r->arena, (size_t)(2 * s->nitems + 2) * sizeof(*cp.lines));
	each_check(s, add_line, &cp);
	char day[11];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	const char *sub = tr(r, N_("{done} of {total} done, {day}"));
	sub = with(r, sub, "{done}", arena_printf(&r->arena, "%d", cp.ticked));
	sub = with(r, sub, "{total}", arena_printf(&r->arena, "%d", cp.total));
	sub = with(r, sub, "{day}", day);
	struct checklist_doc doc = {
		.lang = t.translated ? t.code : "en",
		.title = arena_printf(&r->arena, "%s: %s", tr(r, N_("Checklist")),
				      lib_text(r, &t, s, "#title", s->title, NULL)),
		.subtitle = sub,
		.notice = tr(r, N_("A practical summary of the 2020 ITU Guidelines on Child Online "
				   "Protection; the official text is published by ITU at "
				   "itu-cop-guidelines.com.")),
		.lines = cp.lines,
		.nlines = cp.n,
	};
	char err[256];
	buf_reset(&r->out);
	if (pdf_checklist(&doc, &r->out, err, sizeof(err)) < 0) {
		buf_reset(&r->out);
		return 500;
	}
	resp_download(r, "application/pdf", arena_printf(&r->arena, "checklist-%s.pdf", s->id));
	return 0;
}
