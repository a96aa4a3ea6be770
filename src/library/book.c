/*
 * book.c: a set of guidelines as a PDF in a language (library.h),
 * GET /library/:set/pdf?in=LANG: a cover, the contents with page numbers,
 * every chapter, drawn by render/pdf.c with the approved translations
 * (the English where there is none).  The download is counted per set,
 * language and kind for the dashboards.
 *
 * Drawing a book takes a good part of a second, so the last file of each
 * set and language is kept, with a hash of every text that went into it:
 * a change of a translation, of the content or of the country's helpline
 * makes a new one.
 */
#include "library/library.h"
#include "content/library.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "render/render.h"
#include "translate/translate.h"
#include "web/app.h"
#include "web/i18n.h"
#include "web/page.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BOOK_MAX (8u << 20)
#define CACHED 32

static struct cached_book {
	char set[32], lang[16];
	uint64_t hash;
	char *data;
	size_t len;
	unsigned used; /* when it was last served, in lookups */
} cache[CACHED];
static unsigned clock_ticks;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static void hash_str(uint64_t *h, const char *s)
{
	for (; s && *s; s++)
		*h = (*h ^ (unsigned char)*s) * 1099511628211ull;
	*h = (*h ^ 0xff) * 1099511628211ull;
}

void library_book_free(void)
{
	pthread_mutex_lock(&cache_lock);
	for (int i = 0; i < CACHED; i++) {
		free(cache[i].data);
		memset(&cache[i], 0, sizeof(cache[i]));
	}
	pthread_mutex_unlock(&cache_lock);
}

/* The kept file for (set, lang, hash) copied into out: true when found. */
static bool cache_get(const char *set, const char *lang, uint64_t hash, struct buf *out)
{
	bool found = false;
	pthread_mutex_lock(&cache_lock);
	for (int i = 0; i < CACHED && !found; i++) {
		struct cached_book *c = &cache[i];
		if (c->data && c->hash == hash && str_eq(c->set, set) && str_eq(c->lang, lang)) {
			found = buf_put(out, c->data, c->len);
			c->used = ++clock_ticks;
		}
	}
	pthread_mutex_unlock(&cache_lock);
	return found;
}

static void cache_put(const char *set, const char *lang, uint64_t hash, const struct buf *b)
{
	char *copy = malloc(b->len);
	if (!copy)
		return;
	memcpy(copy, b->data, b->len);
	pthread_mutex_lock(&cache_lock);
	/* the same set and language, else the one served longest ago */
	int slot = 0;
	for (int i = 0; i < CACHED; i++) {
		if (str_eq(cache[i].set, set) && str_eq(cache[i].lang, lang)) {
			slot = i;
			break;
		}
		if (cache[i].used < cache[slot].used)
			slot = i;
	}
	struct cached_book *c = &cache[slot];
	free(c->data);
	str_copy(c->set, sizeof(c->set), set);
	str_copy(c->lang, sizeof(c->lang), lang);
	c->hash = hash;
	c->data = copy;
	c->len = b->len;
	c->used = ++clock_ticks;
	pthread_mutex_unlock(&cache_lock);
}

int library_count_download(struct db *db, const char *set, const char *lang, const char *kind)
{
	return db_x(db,
		    "INSERT INTO library_downloads (set_name, lang, kind, count) VALUES (?, ?, ?, 1) "
		    "ON CONFLICT (set_name, lang, kind) DO UPDATE SET count = "
		    "library_downloads.count + 1",
		    "ttt", set, lang, kind) == DB_DONE
		       ? 0
		       : -1;
}

/* A message of the interface in the book's language (English when the
 * interface has no translation into it). */
static const char *in_lang(const char *lang, const char *msgid)
{
	const struct catalog *c = i18n_catalog(lang);
	return c ? i18n_gettext(c, msgid) : msgid;
}

/* GET /library/:set/pdf?in=LANG */
int library_book(struct req *r)
{
	const struct library *lib = library_content();
	const struct lib_set *s = library_set(lib, req_param(r, 0));
	if (!s)
		return page_error(r, 404, N_("There is no such set of guidelines."));
	struct lib_text t;
	lib_text_lang(r, &t);
	uint64_t h = 14695981039346656037ull;
	hash_str(&h, t.code);
	struct book_chapter *chs = arena_alloc(&r->arena, (size_t)s->nchapters * sizeof(*chs));
	for (int c = 0; c < s->nchapters; c++) {
		const struct lib_chapter *ch = &s->chapters[c];
		struct book_chapter *bc = &chs[c];
		bc->title = lib_text(r, &t, s, arena_printf(&r->arena, "%s#title", ch->id), ch->title,
				     NULL);
		bc->intro = lib_text(r, &t, s, arena_printf(&r->arena, "%s#intro", ch->id), ch->intro,
				     NULL);
		hash_str(&h, bc->title);
		hash_str(&h, bc->intro);
		struct book_section *secs =
			arena_alloc(&r->arena, (size_t)(ch->nsections + 1) * sizeof(*secs));
		for (int k = 0; k < ch->nsections; k++) {
			const struct lib_section *x = &ch->sections[k];
			struct book_section *bs = &secs[k];
			bs->title = lib_text(r, &t, s, arena_printf(&r->arena, "%s#title", x->id),
					     x->title, NULL);
			bs->text = x->text ? lib_text(r, &t, s,
						      arena_printf(&r->arena, "%s#text", x->id),
						      x->text, NULL)
					   : NULL;
			hash_str(&h, bs->title);
			hash_str(&h, bs->text);
			struct book_item *items =
				arena_alloc(&r->arena, (size_t)(x->nitems + 1) * sizeof(*items));
			for (int i = 0; i < x->nitems; i++) {
				items[i].id = x->items[i].id;
				items[i].text = lib_text(r, &t, s, x->items[i].id, x->items[i].text, NULL);
				hash_str(&h, items[i].text);
			}
			bs->items = items;
			bs->nitems = x->nitems;
		}
		bc->sections = secs;
		bc->nsections = ch->nsections;
	}
	char day[11];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	const char *lang = t.code;
	struct book_doc d = {
		.lang = lang,
		.rtl = t.rtl,
		.title = lib_text(r, &t, s, "#title", s->title, NULL),
		.summary = lib_text(r, &t, s, "#summary", s->summary, NULL),
		.notice = in_lang(lang, N_("This is a practical summary, in our own words, of the 2020 "
					   "ITU Guidelines on Child Online Protection. It is not the "
					   "official text, which ITU publishes at "
					   "itu-cop-guidelines.com.")),
		.edition = arena_printf(&r->arena, "%s · cophub · %s",
					t.name[0] ? t.name : "English", day),
		.contents = in_lang(lang, N_("Contents")),
		.page = in_lang(lang, N_("Page {n} of {total}")),
		.chapters = chs,
		.nchapters = s->nchapters,
	};
	hash_str(&h, d.title);
	hash_str(&h, d.summary);
	hash_str(&h, d.notice);
	hash_str(&h, d.edition); /* a new day, a new edition */
	buf_reset(&r->out);
	if (!cache_get(s->id, lang, h, &r->out)) {
		struct buf b;
		buf_init(&b, BOOK_MAX);
		char err[256] = "the PDF is too large";
		int rc = pdf_book(&d, &b, err, sizeof(err));
		if (rc == 0 && buf_put(&r->out, b.data, b.len))
			cache_put(s->id, lang, h, &b);
		else
			rc = -1;
		buf_free(&b);
		if (rc < 0) {
			buf_reset(&r->out);
			log_error("library: the PDF of %s in %s: %s", s->id, lang, err);
			return 500;
		}
	}
	struct db *db = req_db(r);
	if (r->method == M_GET && db)
		library_count_download(db, s->id, lang, "pdf"); /* a count lost is only a count */
	resp_download(r, "application/pdf", arena_printf(&r->arena, "%s-%s.pdf", s->id, lang));
	return 0;
}
