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
#include "core/util.h"
#include "db/db.h"
#include "web/app.h"
#include "web/i18n.h"
#include "web/page.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define QUERY_MAX 200
#define RESULTS_MAX 30

static const struct library *lib;
static char content_hash[17];
static atomic_bool ready;
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;

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
	atomic_store(&ready, false);
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

static int add_row(struct db *db, const char *set, const char *chapter, const char *item,
		   const char *title, const char *body)
{
	const char *sql = db_kind(db) == DB_SQLITE
				  ? "INSERT INTO library_fts (set_id, chapter, item, lang, title, body) "
				    "VALUES (?, ?, ?, 'en', ?, ?)"
				  : "INSERT INTO library_fts (set_id, chapter, item, lang, title, body, doc) "
				    "VALUES (?, ?, ?, 'en', ?, ?, to_tsvector('simple', ? || ' ' || ?))";
	int rc = db_kind(db) == DB_SQLITE
			 ? db_x(db, sql, "ttttt", set, chapter, item, title, body ? body : "")
			 : db_x(db, sql, "ttttttt", set, chapter, item, title, body ? body : "", title,
				body ? body : "");
	return rc == DB_DONE ? 0 : -1;
}

static int fill(struct db *db)
{
	if (db_x(db, "DELETE FROM library_fts WHERE lang = 'en'", "") != DB_DONE)
		return -1;
	for (int i = 0; lib && i < lib->nsets; i++) {
		const struct lib_set *s = &lib->sets[i];
		for (int c = 0; c < s->nchapters; c++) {
			const struct lib_chapter *ch = &s->chapters[c];
			if (add_row(db, s->id, ch->id, ch->id, ch->title, ch->intro) < 0)
				return -1;
			for (int k = 0; k < ch->nsections; k++) {
				const struct lib_section *x = &ch->sections[k];
				if (add_row(db, s->id, ch->id, x->id, x->title, x->text) < 0)
					return -1;
				for (int j = 0; j < x->nitems; j++)
					if (add_row(db, s->id, ch->id, x->items[j].id, x->title,
						    x->items[j].text) < 0)
						return -1;
			}
		}
	}
	return db_x(db,
		    "INSERT INTO settings (key, value) VALUES ('library_index', ?) ON CONFLICT (key) "
		    "DO UPDATE SET value = excluded.value",
		    "t", content_hash) == DB_DONE
		       ? 0
		       : -1;
}

/* Makes sure the index holds this content: 0, or -1 (logged). */
static int ensure_index(struct db *db)
{
	if (atomic_load(&ready))
		return 0;
	pthread_mutex_lock(&build_lock);
	int rc = 0;
	if (!atomic_load(&ready)) {
		rc = make_table(db) == 0 && db_begin(db, true) == 0 ? 0 : -1;
		if (rc == 0) {
			/* the settings row is the lock between processes */
			struct db_stmt *st = db_q(db, "SELECT value FROM settings WHERE key = "
						      "'library_index'", "");
			bool same = st && db_step(st) == DB_ROW && str_eq(db_text(st, 0), content_hash);
			if (st)
				db_done(st);
			rc = !st ? -1 : same ? 0 : fill(db);
			if (rc == 0)
				rc = db_commit(db) == 0 ? 0 : -1;
			else
				db_rollback(db);
		}
		if (rc == 0)
			atomic_store(&ready, true);
	}
	pthread_mutex_unlock(&build_lock);
	return rc;
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
		out[n++] = '"';
		memcpy(out + n, w, (size_t)(p - w));
		n += (size_t)(p - w);
		out[n++] = '"';
		out[n++] = '*';
	}
	out[n] = '\0';
	return out;
}

/* GET /library/search?q=WORDS */
int library_search(struct req *r)
{
	struct db *db = req_db(r);
	const char *q = req_query(r, "q");
	json_t *d = page_data(r, N_("Search the guidelines"));
	json_object_set_new(d, "q", jstr(q ? q : ""));
	json_object_set_new(d, "in_english", json_boolean(!str_eq(r->lang, "en")));
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
			  "library_fts MATCH ? AND lang = 'en' ORDER BY rank LIMIT 30",
			  "t", fq);
	} else {
		st = db_q(db,
			  "SELECT set_id, chapter, item, title, body FROM library_fts, "
			  "plainto_tsquery('simple', ?) query WHERE lang = 'en' AND doc @@ query ORDER "
			  "BY ts_rank(doc, query) DESC, item LIMIT 30",
			  "t", q);
	}
	if (!st) {
		json_decref(d);
		return 500;
	}
	json_t *results = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		const struct lib_set *s = library_set(lib, db_text(st, 0));
		json_object_set_new(o, "set", jstr(s ? s->title : db_text(st, 0)));
		json_object_set_new(o, "href", jstr(arena_printf(&r->arena, "/library/%s/%s#%s",
								 db_text(st, 0), db_text(st, 1),
								 db_text(st, 2))));
		json_object_set_new(o, "id", jstr(db_text(st, 2)));
		json_object_set_new(o, "title", jstr(library_fill(r, db_text(st, 3))));
		json_object_set_new(o, "body", jstr(library_fill(r, db_text(st, 4))));
		json_array_append_new(results, o);
	}
	db_done(st);
	json_object_set_new(d, "searched", json_true());
	json_object_set_new(d, "count", json_integer((json_int_t)json_array_size(results)));
	json_object_set_new(d, "results", results);
	return page_render(r, "library/search", d);
}
