/*
 * bundle.c: the guidelines offline (library.h), GET /library/bundle?in=LANG:
 * one zip (libarchive) of static pages in a language, for a USB stick
 * in a school without internet: the four sets, a page per chapter, the
 * style sheet, and a search page whose index is a script beside it
 * (browsers refuse to fetch files from file:// pages, but load scripts).
 * Every link is relative, nothing is loaded from elsewhere, and the pages
 * open in any browser without a server.
 *
 * The texts are those the reading pages show: approved translations, the
 * English where there is none (and the pages say so).
 */
#include "library/library.h"
#include "content/library.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/util.h"
#include "translate/translate.h"
#include "web/app.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/static.h"
#include "web/tpl.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BUNDLE_MAX (16u << 20)
#define PAGE_MAX (2u << 20)

struct bundle {
	struct req *r;
	struct archive *a;
	const char *top;                 /* "cophub-guidelines-fr/" */
	const struct catalog *cat;       /* the interface in the bundle's language */
	struct lib_text t;
	json_t *index;                   /* the search index */
	bool failed;
};

static la_ssize_t to_buf(struct archive *a, void *ctx, const void *data, size_t n)
{
	(void)a;
	return buf_put(ctx, data, n) ? (la_ssize_t)n : -1;
}

/* Adds a file of the bundle. */
static void add_file(struct bundle *b, const char *name, const char *data, size_t len)
{
	if (b->failed)
		return;
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, arena_printf(&b->r->arena, "%s%s", b->top, name));
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_mtime(e, time(NULL), 0);
	if (archive_write_header(b->a, e) != ARCHIVE_OK ||
	    archive_write_data(b->a, data, len) != (la_ssize_t)len) {
		log_error("library: the bundle: %s", archive_error_string(b->a));
		b->failed = true;
	}
	archive_entry_free(e);
}

/* Renders template tpl (bundle/...) with d (taken) as file name. */
static void add_page(struct bundle *b, const char *name, const char *tpl, json_t *d)
{
	json_object_set_new(d, "lang", jstr(b->t.code));
	json_object_set_new(d, "dir", jstr(b->t.rtl ? "rtl" : "ltr"));
	lib_text_notice(&b->t, d);
	struct buf out;
	buf_init(&out, PAGE_MAX);
	if (tpl_render(page_templates(), tpl, d, b->cat, &out) < 0) {
		log_error("library: the bundle: cannot render %s", tpl);
		b->failed = true;
	} else {
		add_file(b, name, out.data, out.len);
	}
	buf_free(&out);
	json_decref(d);
	/* the counts of translated and English texts are per page */
	b->t.translated = b->t.english = 0;
}

static void index_entry(struct bundle *b, const char *href, const char *set, const char *title,
			const char *text, const char *id)
{
	json_array_append_new(b->index, json_pack("[sssss]", href, set, title ? title : "",
						  text ? text : "", id));
}

static void add_set(struct bundle *b, const struct lib_set *s)
{
	struct req *r = b->r;
	struct lib_text *t = &b->t;
	const char *set_title = lib_text(r, t, s, "#title", s->title, NULL);
	json_t *chapters = json_array();
	for (int c = 0; c < s->nchapters; c++) {
		const struct lib_chapter *ch = &s->chapters[c];
		json_t *co = json_object();
		json_object_set_new(co, "id", jstr(ch->id));
		json_object_set_new(co, "n", json_integer(c + 1));
		json_object_set_new(co, "title",
				    jstr(lib_text(r, t, s, arena_printf(&r->arena, "%s#title", ch->id),
						  ch->title, co)));
		json_t *secs = json_array();
		for (int k = 0; k < ch->nsections; k++) {
			json_t *so = json_object();
			json_object_set_new(so, "id", jstr(ch->sections[k].id));
			json_object_set_new(so, "page",
					    jstr(arena_printf(&r->arena, "%s.html", ch->id)));
			json_object_set_new(
				so, "title",
				jstr(lib_text(r, t, s,
					      arena_printf(&r->arena, "%s#title", ch->sections[k].id),
					      ch->sections[k].title, so)));
			json_array_append_new(secs, so);
		}
		json_object_set_new(co, "sections", secs);
		json_array_append_new(chapters, co);
	}
	json_t *d = json_object();
	json_object_set_new(d, "title", jstr(set_title));
	json_object_set_new(d, "root", jstr("../"));
	json_object_set_new(d, "summary", jstr(lib_text(r, t, s, "#summary", s->summary, d)));
	json_object_set_new(d, "chapters", chapters);
	add_page(b, arena_printf(&r->arena, "%s/index.html", s->id), "bundle/set", d);

	for (int c = 0; c < s->nchapters; c++) {
		const struct lib_chapter *ch = &s->chapters[c];
		const char *page = arena_printf(&r->arena, "%s.html", ch->id);
		const char *href = arena_printf(&r->arena, "%s/%s", s->id, page);
		d = json_object();
		json_object_set_new(d, "root", jstr("../"));
		json_object_set_new(d, "set_title", jstr(set_title));
		json_object_set_new(d, "n", json_integer(c + 1));
		json_t *head = json_object();
		const char *ct = lib_text(r, t, s, arena_printf(&r->arena, "%s#title", ch->id),
					  ch->title, head);
		json_t *ia = json_object();
		const char *intro = lib_text(r, t, s, arena_printf(&r->arena, "%s#intro", ch->id),
					     ch->intro, ia);
		json_object_set(head, "itl", json_object_get(ia, "tl"));
		json_object_set(head, "itdir", json_object_get(ia, "tdir"));
		json_decref(ia);
		json_object_set_new(head, "title", jstr(ct));
		json_object_set_new(head, "intro", jstr(intro));
		json_object_set_new(d, "chapter", head);
		json_object_set_new(d, "title", jstr(ct));
		index_entry(b, href, set_title, ct, intro, ch->id);
		if (c > 0)
			json_object_set_new(d, "prev", jstr(arena_printf(&r->arena, "%s.html",
									 s->chapters[c - 1].id)));
		if (c + 1 < s->nchapters)
			json_object_set_new(d, "next", jstr(arena_printf(&r->arena, "%s.html",
									 s->chapters[c + 1].id)));
		json_t *secs = json_array();
		for (int k = 0; k < ch->nsections; k++) {
			const struct lib_section *x = &ch->sections[k];
			json_t *so = json_object();
			json_object_set_new(so, "id", jstr(x->id));
			const char *xt = lib_text(r, t, s, arena_printf(&r->arena, "%s#title", x->id),
						  x->title, so);
			json_object_set_new(so, "title", jstr(xt));
			const char *xtext = NULL;
			if (x->text) {
				json_t *a = json_object();
				xtext = lib_text(r, t, s, arena_printf(&r->arena, "%s#text", x->id),
						 x->text, a);
				json_object_set_new(so, "text", jstr(xtext));
				json_object_set(so, "itl", json_object_get(a, "tl"));
				json_object_set(so, "itdir", json_object_get(a, "tdir"));
				json_decref(a);
			}
			index_entry(b, arena_printf(&r->arena, "%s#%s", href, x->id), set_title, xt,
				    xtext, x->id);
			json_t *items = json_array();
			for (int i = 0; i < x->nitems; i++) {
				json_t *io = json_object();
				const char *it = lib_text(r, t, s, x->items[i].id, x->items[i].text, io);
				json_object_set_new(io, "id", jstr(x->items[i].id));
				json_object_set_new(io, "text", jstr(it));
				json_array_append_new(items, io);
				index_entry(b, arena_printf(&r->arena, "%s#%s", href, x->items[i].id),
					    set_title, xt, it, x->items[i].id);
			}
			json_object_set_new(so, "items", items);
			json_array_append_new(secs, so);
		}
		json_object_set_new(d, "sections", secs);
		add_page(b, arena_printf(&r->arena, "%s/%s", s->id, page), "bundle/chapter", d);
	}
}

/* The bundle's own copy of a file of static/. */
static void add_static(struct bundle *b, const char *name, const char *from)
{
	size_t len;
	const char *data = static_data(from, &len);
	if (!data) {
		log_error("library: the bundle: static/%s is not loaded", from);
		b->failed = true;
		return;
	}
	add_file(b, name, data, len);
}

/* GET /library/bundle?in=LANG */
int library_bundle(struct req *r)
{
	const struct library *lib = library_content();
	if (!lib)
		return 500;
	struct bundle b = {.r = r};
	lib_text_lang(r, &b.t);
	b.cat = i18n_catalog(b.t.code);
	b.top = arena_printf(&r->arena, "cophub-guidelines-%s/", b.t.code);
	b.index = json_array();
	struct buf zip;
	buf_init(&zip, BUNDLE_MAX);
	b.a = archive_write_new();
	archive_write_set_format_zip(b.a);
	archive_write_set_bytes_in_last_block(b.a, 1); /* no padding after the zip */
	/* a zip, not a zip64: what every system's own unzip opens */
	archive_write_set_option(b.a, "zip", "zip64", NULL);
	if (archive_write_open(b.a, &zip, NULL, to_buf, NULL) != ARCHIVE_OK) {
		log_error("library: the bundle: %s", archive_error_string(b.a));
		b.failed = true;
	}
	/* the first page: the sets */
	json_t *sets = json_array();
	for (int i = 0; i < lib->nsets; i++) {
		const struct lib_set *s = &lib->sets[i];
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(s->id));
		json_object_set_new(o, "title", jstr(lib_text(r, &b.t, s, "#title", s->title, o)));
		json_object_set_new(o, "summary", jstr(lib_text(r, &b.t, s, "#summary", s->summary,
								 NULL)));
		json_array_append_new(sets, o);
	}
	json_t *d = json_object();
	json_object_set_new(d, "root", jstr(""));
	json_object_set_new(d, "title", jstr(i18n_gettext(b.cat, N_("Guidelines"))));
	json_object_set_new(d, "sets", sets);
	json_object_set_new(d, "language", jstr(b.t.name[0] ? b.t.name : "English"));
	add_page(&b, "index.html", "bundle/index", d);
	for (int i = 0; i < lib->nsets; i++)
		add_set(&b, &lib->sets[i]);
	d = json_object();
	json_object_set_new(d, "root", jstr(""));
	json_object_set_new(d, "title", jstr(i18n_gettext(b.cat, N_("Search the guidelines"))));
	add_page(&b, "search.html", "bundle/search", d);
	/* the index, as a script */
	struct buf js;
	buf_init(&js, BUNDLE_MAX);
	buf_puts(&js, "window.COPHUB_INDEX = ");
	json_to_buf(b.index, &js, JSON_COMPACT | JSON_ENSURE_ASCII);
	buf_puts(&js, ";\n");
	if (js.overflow)
		b.failed = true;
	else
		add_file(&b, "search-index.js", js.data, js.len);
	buf_free(&js);
	json_decref(b.index);
	add_static(&b, "search.js", "library/bundle-search.js");
	add_static(&b, "style.css", "style.css");
	if (archive_write_close(b.a) != ARCHIVE_OK)
		b.failed = true;
	archive_write_free(b.a);
	if (b.failed || zip.overflow) {
		buf_free(&zip);
		return 500;
	}
	buf_reset(&r->out);
	bool ok = buf_put(&r->out, zip.data, zip.len);
	buf_free(&zip);
	if (!ok)
		return 500;
	struct db *db = req_db(r);
	if (r->method == M_GET && db)
		library_count_download(db, "all", b.t.code, "bundle");
	resp_download(r, "application/zip",
		      arena_printf(&r->arena, "cophub-guidelines-%s.zip", b.t.code));
	return 0;
}
