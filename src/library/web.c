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

/* A text with the country's helpline and reporting service in place of
 * its placeholders (the template escapes the result). */
const char *library_fill(struct req *r, const char *text)
{
	if (!text || !strchr(text, '{'))
		return text;
	/* the country's values are read once per request, whatever the
	 * number of texts that use them (they live in r's arena) */
	static _Thread_local struct {
		char req[sizeof(r->id_hex)];
		struct play_fill f;
	} cache;
	if (!str_eq(cache.req, r->id_hex)) {
		/* the texts are English: so are the fill's words ("an adult
		 * you trust") whatever the page's language */
		const char *lang = r->lang;
		const struct catalog *cat = r->cat;
		const struct catalog *en = i18n_catalog("en");
		if (en) {
			r->lang = "en";
			r->cat = en;
		}
		play_site_fill(r, &cache.f);
		r->lang = lang;
		r->cat = cat;
		str_copy(cache.req, sizeof(cache.req), r->id_hex);
	}
	struct buf b;
	buf_init(&b, 1u << 16);
	play_fill_text(&b, text, &cache.f);
	const char *out = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

static const char *const c4_names[4] = {N_("Content"), N_("Contact"), N_("Conduct"),
					N_("Contract")};

static json_t *set_summary(const struct lib_set *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", jstr(s->id));
	json_object_set_new(o, "title", jstr(s->title));
	json_object_set_new(o, "summary", jstr(s->summary));
	json_object_set_new(o, "chapters", json_integer(s->nchapters));
	json_object_set_new(o, "items", json_integer(s->nitems));
	return o;
}

/* The page's language and the source's: the texts are in English until
 * the translation workflow publishes them, and the page says so. */
static void source_lang(struct req *r, json_t *d)
{
	json_object_set_new(d, "in_english", json_boolean(!str_eq(r->lang, "en")));
}

/* GET /library */
int library_index(struct req *r)
{
	json_t *d = page_data(r, N_("Guidelines"));
	json_t *list = json_array();
	for (int i = 0; lib && i < lib->nsets; i++)
		json_array_append_new(list, set_summary(&lib->sets[i]));
	json_object_set_new(d, "sets", list);
	source_lang(r, d);
	return page_render(r, "library/index", d);
}

/* GET /library/:set: its chapters and their sections */
int library_set_page(struct req *r)
{
	const struct lib_set *s = library_set(lib, req_param(r, 0));
	if (!s)
		return page_error(r, 404, N_("There is no such set of guidelines."));
	json_t *d = page_data(r, N_("Guidelines"));
	json_object_set_new(d, "set", set_summary(s));
	json_t *chs = json_array();
	for (int c = 0; c < s->nchapters; c++) {
		const struct lib_chapter *ch = &s->chapters[c];
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(ch->id));
		json_object_set_new(o, "n", json_integer(c + 1));
		json_object_set_new(o, "title", jstr(ch->title));
		json_t *secs = json_array();
		for (int k = 0; k < ch->nsections; k++) {
			json_t *x = json_object();
			json_object_set_new(x, "id", jstr(ch->sections[k].id));
			json_object_set_new(x, "chapter", jstr(ch->id));
			json_object_set_new(x, "title", jstr(ch->sections[k].title));
			json_array_append_new(secs, x);
		}
		json_object_set_new(o, "sections", secs);
		json_array_append_new(chs, o);
	}
	json_object_set_new(d, "chapters", chs);
	source_lang(r, d);
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

static json_t *item_json(struct req *r, const struct lib_item *it)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", jstr(it->id));
	json_object_set_new(o, "n", json_integer(it->n));
	json_object_set_new(o, "text", jstr(library_fill(r, it->text)));
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
	json_object_set_new(d, "set", set_summary(s));
	json_object_set_new(d, "id", jstr(ch->id));
	json_object_set_new(d, "title", jstr(ch->title));
	json_object_set_new(d, "intro", jstr(library_fill(r, ch->intro)));
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
		json_object_set_new(o, "title", jstr(x->title));
		if (x->text)
			json_object_set_new(o, "text", jstr(library_fill(r, x->text)));
		json_t *items = json_array();
		for (int i = 0; i < x->nitems; i++)
			json_array_append_new(items, item_json(r, &x->items[i]));
		json_object_set_new(o, "items", items);
		json_array_append_new(secs, o);
	}
	json_object_set_new(d, "sections", secs);
	source_lang(r, d);
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
		json_object_set_new(g, "title", jstr(sec->title));
		json_object_set_new(g, "items", cj->cur);
		json_array_append_new(cj->groups, g);
	}
	json_t *o = json_object();
	json_object_set_new(o, "id", jstr(it->id));
	json_object_set_new(o, "field", jstr(arena_printf(&cj->r->arena, "c_%s", it->id)));
	json_object_set_new(o, "text", jstr(library_fill(cj->r, it->text)));
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
	json_object_set_new(d, "set", set_summary(s));
	struct check_json cj = {.r = r, .groups = json_array()};
	each_check(s, add_check, &cj);
	json_object_set_new(d, "groups", cj.groups);
	json_object_set_new(d, "none", json_boolean(json_array_size(cj.groups) == 0));
	json_object_set_new(d, "script", jstr(static_url("library/checklist.js")));
	source_lang(r, d);
	return page_render(r, "library/checklist", d);
}

struct check_pdf {
	struct req *r;
	struct checklist_line *lines;
	int n, ticked, total;
	const struct lib_section *sec;
};

static void add_line(void *ctx, const struct lib_section *sec, const struct lib_item *it)
{
	struct check_pdf *cp = ctx;
	if (sec != cp->sec) {
		cp->sec = sec;
		cp->lines[cp->n++] = (struct checklist_line){.text = sec->title, .heading = true};
	}
	bool on = req_form(cp->r, arena_printf(&cp->r->arena, "c_%s", it->id)) != NULL;
	cp->lines[cp->n++] = (struct checklist_line){
		.text = library_fill(cp->r, it->text), .id = it->id, .ticked = on};
	cp->ticked += on;
	cp->total++;
}

/* POST /library/:set/checklist: the ticked items as a PDF, made for this
 * request and kept nowhere.  The PDF is in English, as the texts are. */
int library_checklist_pdf(struct req *r)
{
	const struct lib_set *s = library_set(lib, req_param(r, 0));
	if (!s)
		return page_error(r, 404, N_("There is no such set of guidelines."));
	struct check_pdf cp = {.r = r};
	cp.lines = arena_alloc(&r->arena, (size_t)(2 * s->nitems + 2) * sizeof(*cp.lines));
	each_check(s, add_line, &cp);
	char day[11];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	struct checklist_doc doc = {
		.lang = "en",
		.title = arena_printf(&r->arena, "Checklist: %s", s->title),
		.subtitle = arena_printf(&r->arena, "%d of %d done, %s", cp.ticked, cp.total, day),
		.notice = "A practical summary of the 2020 ITU Guidelines on Child Online "
			  "Protection; the official text is published by ITU at "
			  "itu-cop-guidelines.com.",
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
