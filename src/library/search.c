/*
 * search.c: full-text search of the guidelines (library.h), GET
 * /library/search?q=...: SQLite's FTS5 or PostgreSQL's text search over
 * every chapter, section and item of the four sets, each result linking
 * to the exact item.
 *
 * The index is derived from the content, so it is not a migration: the
 * first search of a process makes the table if it is missing and fills it
 * again when the content changed (a hash of it is kept in settings), in
 * one write transaction, so two processes never fill it twice.
 */
#include "library/library.h"
#include "content/library.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "translate/translate.h"
#include "web/app.h"
#include "web/i18n.h"
#include "web/page.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define QUERY_MAX 200
#define RESULTS_MAX 30

static const struct library *lib;
static char content_hash[17];
/* the key of the index this process last saw: the content's hash, the
 * translations' generation and the number of languages */
static char ready_key[96];
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;

static char *fill_dup(void *ctx, const char *text)
{
	return arena_strdup(ctx, text);
}

static void hash_text(uint64_t *h, const char *s)
{
	for (; s && *s; s++)
		*h = (*h ^ (unsigned char)*s) * 1099511628211ull;
	*h = (*h ^ 0xff) * 1099511628211ull;
}

void library_search_content(const struct library *l)
{
	lib = l;
	uint64_t h = 14695981039346656037ull;
	for (int i = 0; l && i < l->nsets; i++) {
		const struct lib_set *s = &l->sets[i];
		hash_text(&h, s->id);
		for (int c = 0; c < s->nchapters; c++) {
			const struct lib_chapter *ch = &s->chapters[c];
			hash_text(&h, ch->id);
			hash_text(&h, ch->title);
			hash_text(&h, ch->intro);
			for (int k = 0; k < ch->nsections; k++) {
				const struct lib_section *x = &ch->sections[k];
				hash_text(&h, x->id);
				hash_text(&h, x->title);
				hash_text(&h, x->text);
				for (int j = 0; j < x->nitems; j++) {
					hash_text(&h, x->items[j].id);
					hash_text(&h, x->items[j].text);
				}
			}
		}
	}
	snprintf(content_hash, sizeof(content_hash), "%016llx", (unsigned long long)h);
	pthread_mutex_lock(&build_lock);
	ready_key[0] = 0;
	pthread_mutex_unlock(&build_lock);
}

static int make_table(struct db *db)
{
	if (db_kind(db) == DB_SQLITE)
		return db_exec(db, "CREATE VIRTUAL TABLE IF NOT EXISTS library_fts USING fts5("
				   "set_id UNINDEXED, chapter UNINDEXED, item UNINDEXED, lang UNINDEXED, "
				   "title, body, tokenize = 'unicode61 remove_diacritics 2')");
	if (db_exec(db, "CREATE TABLE IF NOT EXISTS library_fts (set_id TEXT NOT NULL, chapter "
			"TEXT NOT NULL, item TEXT NOT NULL, lang TEXT NOT NULL, title TEXT NOT NULL, "
			"body TEXT NOT NULL, doc tsvector NOT NULL)") != 0)
		return -1;
	return db_exec(db, "CREATE INDEX IF NOT EXISTS library_fts_doc ON library_fts USING gin "
			   "(doc)");
}

/* True for the code points of scripts written without spaces between
 * words (CJK ideographs, kana, Hangul): each is indexed as a word of its
 * own and a query searches them as a phrase, so that any run of
 * characters is found, as no Debian tokenizer segments Chinese. */
static bool unspaced(unsigned c)
{
	return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) ||
	       (c >= 0xf900 && c <= 0xfaff);
}

/* text with a space after every such character (copied into a). */
static const char *spaced(struct arena *a, const char *text)
{
	if (!text)
		return "";
	size_t n = strlen(text);
	char *out = arena_alloc(a, 2 * n + 1), *o = out;
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		unsigned c = *p;
		int len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		unsigned cp = len == 3 ? ((c & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f) : 0;
		for (int i = 0; i < len && *p; i++)
			*o++ = (char)*p++;
		if (len == 3 && unspaced(cp))
			*o++ = ' ';
	}
	*o = 0;
	return out;
}

static int add_row(struct db *db, struct arena *a, const char *lang, const char *set,
		   const char *chapter, const char *item, const char *title, const char *body)
{
	const char *st = spaced(a, title), *sb = spaced(a, body);
	const char *sql = db_kind(db) == DB_SQLITE
				  ? "INSERT INTO library_fts (set_id, chapter, item, lang, title, body) "
				    "VALUES (?, ?, ?, ?, ?, ?)"
				  : "INSERT INTO library_fts (set_id, chapter, item, lang, title, body, doc) "
				    "VALUES (?, ?, ?, ?, ?, ?, to_tsvector('simple', ? || ' ' || ?))";
	int rc = db_kind(db) == DB_SQLITE
			 ? db_x(db, sql, "tttttt", set, chapter, item, lang, st, sb)
			 : db_x(db, sql, "tttttttt", set, chapter, item, lang, st, sb, st, sb);
	return rc == DB_DONE ? 0 : -1;
}

struct fill_ctx {
	struct db *db;
	struct arena *a;
	struct lib_text t;
	const struct lib_set *s;
};

/* A unit's text as the reader of the language sees it: published, or the
 * English the page shows in its place. */
static const char *seen(struct fill_ctx *f, const char *unit, const char *english)
{
	if (str_eq(f->t.code, "en"))
		return english;
	const struct tr_set *ts = tr_set_find(f->s->id);
	const struct tr_unit *u = ts ? tr_unit_find(ts, unit) : NULL;
	const char *t = u ? tr_published(ts, u, f->t.code, fill_dup, f->a) : NULL;
	return t ? t : english;
}

static int fill_lang(struct fill_ctx *f)
{
	const char *lang = f->t.code;
	for (int i = 0; lib && i < lib->nsets; i++) {
		const struct lib_set *s = &lib->sets[i];
		f->s = s;
		for (int c = 0; c < s->nchapters; c++) {
			const struct lib_chapter *ch = &s->chapters[c];
			const char *ct = seen(f, arena_printf(f->a, "%s#title", ch->id), ch->title);
			if (add_row(f->db, f->a, lang, s->id, ch->id, ch->id, ct,
				    seen(f, arena_printf(f->a, "%s#intro", ch->id), ch->intro)) < 0)
				return -1;
			for (int k = 0; k < ch->nsections; k++) {
				const struct lib_section *x = &ch->sections[k];
				const char *xt =
					seen(f, arena_printf(f->a, "%s#title", x->id), x->title);
				const char *body =
					x->text ? seen(f, arena_printf(f->a, "%s#text", x->id), x->text)
						: NULL;
				if (add_row(f->db, f->a, lang, s->id, ch->id, x->id, xt, body) < 0)
					return -1;
				for (int j = 0; j < x->nitems; j++)
					if (add_row(f->db, f->a, lang, s->id, ch->id, x->items[j].id, xt,
						    seen(f, x->items[j].id, x->items[j].text)) < 0)
						return -1;
			}
		}
	}
	return 0;
}

/* Fills the index again for every language: English and each language of
 * the library (what its reader sees, translated or not). */
static int fill(struct db *db, const char *key)
{
	if (db_x(db, "DELETE FROM library_fts", "") != DB_DONE)
		return -1;
	struct arena a;
	arena_init(&a);
	struct tr_lang *langs;
	int n = tr_languages(db, &langs, &a);
	int rc = n < 0 ? -1 : 0;
	for (int i = 0; i < n && rc == 0; i++) {
		struct fill_ctx f = {.db = db, .a = &a};
		str_copy(f.t.code, sizeof(f.t.code), langs[i].code);
		rc = fill_lang(&f);
	}
	arena_free(&a);
	if (rc < 0)
		return -1;
	return db_x(db,
		    "INSERT INTO settings (key, value) VALUES ('library_index', ?) ON CONFLICT (key) "
		    "DO UPDATE SET value = excluded.value",
		    "t", key) == DB_DONE
		       ? 0
		       : -1;
}

/* The key the index must have now: the content, the published
 * translations and the languages.  0 or -1. */
static int wanted_key(struct db *db, char *key, size_t size)
{
	struct db_stmt *st = db_q(db,
				  "SELECT (SELECT value FROM settings WHERE key = 'translations_gen'), "
				  "(SELECT count(*) FROM languages)",
				  "");
	if (!st || db_step(st) != DB_ROW) {
		db_done(st);
		return -1;
	}
	snprintf(key, size, "%s.%s.%lld", content_hash, db_text(st, 0) ? db_text(st, 0) : "0",
		 (long long)db_int(st, 1));
	db_done(st);
	return 0;
}

/* Makes sure the index holds this content and its published
 * translations: 0, or -1 (logged).  One query when nothing changed. */
static int ensure_index(struct db *db)
{
	char key[96];
	if (wanted_key(db, key, sizeof(key)) < 0)
		return -1;
	pthread_mutex_lock(&build_lock);
	int rc = 0;
	if (!str_eq(ready_key, key)) {
		rc = make_table(db) == 0 && tr_refresh(db) == 0 && db_begin(db, true) == 0 ? 0 : -1;
		if (rc == 0) {
			/* the settings row is the lock between processes */
			struct db_stmt *st = db_q(db, "SELECT value FROM settings WHERE key = "
						      "'library_index'", "");
			bool same = st && db_step(st) == DB_ROW && str_eq(db_text(st, 0), key);
			if (st)
				db_done(st);
			rc = !st ? -1 : same ? 0 : fill(db, key);
			if (rc == 0)
				rc = db_commit(db) == 0 ? 0 : -1;
			else
				db_rollback(db);
		}
		if (rc == 0)
			str_copy(ready_key, sizeof(ready_key), key);
	}
	pthread_mutex_unlock(&build_lock);
	return rc;
}

/* out (n bytes used) with room for more, in the arena. */
static char *grow_query(struct req *r, char *out, size_t n, size_t more)
{
	char *bigger = arena_alloc(&r->arena, n + more + 8);
	memcpy(bigger, out, n);
	return bigger;
}

/* The words of q as an FTS5 query: each word quoted (so no word is read
 * as an operator) and matched as a prefix; "" when q has no word. */
static const char *fts_query(struct req *r, const char *q)
{
	char *out = arena_alloc(&r->arena, strlen(q) * 4 + 8);
	size_t n = 0;
	const char *p = q;
	while (*p) {
		while (*p && (unsigned char)*p < 0x80 && !((*p >= 'a' && *p <= 'z') ||
							   (*p >= 'A' && *p <= 'Z') ||
							   (*p >= '0' && *p <= '9')))
			p++;
		const char *w = p;
		while (*p && ((unsigned char)*p >= 0x80 || (*p >= 'a' && *p <= 'z') ||
			      (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			p++;
		if (p == w)
			continue;
		if (n)
			out[n++] = ' ';
		/* a run of Chinese characters is a phrase of one-character words */
		const char *sp = spaced(&r->arena, arena_strndup(&r->arena, w, (size_t)(p - w)));
		size_t sl = strlen(sp);
		while (sl && sp[sl - 1] == ' ')
			sl--;
		out = grow_query(r, out, n, sl + 4);
		out[n++] = '"';
		memcpy(out + n, sp, sl);
		n += sl;
		out[n++] = '"';
		out[n++] = '*';
	}
	out[n] = '\0';
	return out;
}

/* The words of q as a PostgreSQL tsquery: each word quoted (a run of
 * Chinese characters becoming a phrase of its characters), matched as a
 * prefix, all of them required; "" when q has no word. */
static const char *pg_query(struct req *r, const char *q)
{
	struct buf b;
	buf_init(&b, 16 * QUERY_MAX + 64);
	const char *p = q;
	while (*p) {
		while (*p && (unsigned char)*p < 0x80 && !((*p >= 'a' && *p <= 'z') ||
							   (*p >= 'A' && *p <= 'Z') ||
							   (*p >= '0' && *p <= '9')))
			p++;
		const char *w = p;
		while (*p && ((unsigned char)*p >= 0x80 || (*p >= 'a' && *p <= 'z') ||
			      (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			p++;
		if (p == w)
			continue;
		const char *sp = spaced(&r->arena, arena_strndup(&r->arena, w, (size_t)(p - w)));
		buf_puts(&b, b.len ? " & '" : "'");
		buf_puts(&b, sp); /* no quote in it: only letters, digits and non-ASCII */
		buf_puts(&b, "':*");
	}
	const char *out = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/* The text without the spaces the index put after Chinese characters. */
static const char *unspace(struct req *r, const char *text)
{
	if (!text)
		return "";
	char *out = arena_strdup(&r->arena, text), *o = out;
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		unsigned c = *p;
		int len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		unsigned cp = len == 3 ? ((c & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f) : 0;
		for (int i = 0; i < len && *p; i++)
			*o++ = (char)*p++;
		if (len == 3 && unspaced(cp) && *p == ' ')
			p++;
	}
	*o = 0;
	return out;
}

/* GET /library/search?q=WORDS&in=LANG */
int library_search(struct req *r)
{
	struct db *db = req_db(r);
	const char *q = req_query(r, "q");
	json_t *d = page_data(r, N_("Search the guidelines"));
	json_object_set_new(d, "q", jstr(q ? q : ""));
	struct lib_text t;
	lib_text_lang(r, &t);
	lib_text_notice(&t, d);
	json_object_set_new(d, "rdir", jstr(t.rtl ? "rtl" : "ltr"));
	if (!q || !*q)
		return page_render(r, "library/search", d);
	if (utf8_chars(q) > QUERY_MAX || !utf8_valid_text(q, strlen(q), false)) {
		r->status = 400;
		json_object_set_new(d, "error",
				    jstr(tr(r, N_("Search for at most 200 characters, on one line."))));
		return page_render(r, "library/search", d);
	}
	if (!db || ensure_index(db) < 0) {
		json_decref(d);
		return 500;
	}
	struct db_stmt *st;
	if (db_kind(db) == DB_SQLITE) {
		const char *fq = fts_query(r, q);
		if (!*fq) {
			json_object_set_new(d, "searched", json_true());
			json_object_set_new(d, "results", json_array());
			return page_render(r, "library/search", d);
		}
		st = db_q(db,
			  "SELECT set_id, chapter, item, title, body FROM library_fts WHERE "
			  "library_fts MATCH ? AND lang = ? ORDER BY rank LIMIT 30",
			  "tt", fq, t.code);
	} else {
		const char *pq = pg_query(r, q);
		if (!*pq) {
			json_object_set_new(d, "searched", json_true());
			json_object_set_new(d, "results", json_array());
			return page_render(r, "library/search", d);
		}
		st = db_q(db,
			  "SELECT set_id, chapter, item, title, body FROM library_fts, "
			  "to_tsquery('simple', ?) query WHERE lang = ? AND doc @@ query ORDER "
			  "BY ts_rank(doc, query) DESC, item LIMIT 30",
			  "tt", pq, t.code);
	}
	if (!st) {
		json_decref(d);
		return 500;
	}
	json_t *results = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		const struct lib_set *s = library_set(lib, db_text(st, 0));
		const char *set_title = s ? s->title : db_text(st, 0);
		if (s && !str_eq(t.code, "en")) {
			struct fill_ctx f = {.db = db, .a = &r->arena, .t = t, .s = s};
			set_title = seen(&f, "#title", s->title);
		}
		json_object_set_new(o, "set", jstr(set_title));
		json_object_set_new(o, "href",
				    jstr(arena_printf(&r->arena, "/library/%s/%s%s%s#%s", db_text(st, 0),
						      db_text(st, 1), str_eq(t.code, "en") ? "" : "?in=",
						      str_eq(t.code, "en") ? "" : t.code,
						      db_text(st, 2))));
		json_object_set_new(o, "id", jstr(db_text(st, 2)));
		json_object_set_new(o, "title",
				    jstr(library_fill_in(r, unspace(r, db_text(st, 3)), t.code)));
		json_object_set_new(o, "body",
				    jstr(library_fill_in(r, unspace(r, db_text(st, 4)), t.code)));
		json_array_append_new(results, o);
	}
	db_done(st);
	json_object_set_new(d, "searched", json_true());
	json_object_set_new(d, "count", json_integer((json_int_t)json_array_size(results)));
	json_object_set_new(d, "results", results);
	return page_render(r, "library/search", d);
}
