/*
 * store.c: languages, the units' rows in the database, and the snapshot
 * of published texts (translate.h).
 */
#include "translate/translate.h"
#include "content/load.h"
#include "core/arena.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "web/i18n.h"

/* marks a message for xgettext: the page that shows it translates it */
#ifndef N_
#define N_(s) (s)
#endif

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- languages ---- */

int tr_nplurals(const char *pf)
{
	const char *p = pf ? strstr(pf, "nplurals=") : NULL;
	if (!p || !strstr(pf, "plural="))
		return -1;
	p += 9;
	int n = 0;
	if (*p < '1' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9')
		n = n * 10 + (*p++ - '0');
	return n <= 6 ? n : -1;
}

/* A plural expression may hold only what gettext's grammar allows:
 * n, numbers, the C operators it knows, parentheses, ? and :. */
static bool plural_expr_ok(const char *e)
{
	int depth = 0;
	for (const char *p = e; *p && *p != ';'; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (!strchr("n0123456789 <>=!&|%?:+-*/", *p))
			return false;
		if (depth < 0)
			return false;
	}
	return depth == 0;
}

const char *tr_language_check(const char *code, const char *name, const char *english,
			      const char *dir, const char *pf, int *nplurals)
{
	size_t n = code ? strlen(code) : 0;
	/* ISO 639-1 or -3 in lower case, then optionally "-" and a region or
	 * script of 2 to 4 letters or digits ("pt-BR", "zh-Hant", "es-419") */
	bool ok = n >= 2 && n <= 12;
	size_t i = 0;
	while (ok && i < n && code[i] >= 'a' && code[i] <= 'z')
		i++;
	ok = ok && (i == 2 || i == 3);
	if (ok && i < n) {
		ok = code[i] == '-' && n - i - 1 >= 2 && n - i - 1 <= 4;
		for (size_t k = i + 1; ok && k < n; k++)
			ok = (code[k] >= 'a' && code[k] <= 'z') || (code[k] >= 'A' && code[k] <= 'Z') ||
			     (code[k] >= '0' && code[k] <= '9');
	}
	if (!ok)
		return N_("The code must be an ISO 639 language code, such as sw, ne or pt-BR.");
	if (!name || !*name || strlen(name) > 60 || !utf8_valid_text(name, strlen(name), false) ||
	    !english || !*english || strlen(english) > 60 ||
	    !utf8_valid_text(english, strlen(english), false))
		return N_("Give the language's name in the language itself and in English (up to 60 "
			  "characters each).");
	if (!str_eq(dir, "ltr") && !str_eq(dir, "rtl"))
		return N_("Choose the direction of the script.");
	int np = tr_nplurals(pf);
	const char *eq = pf ? strstr(pf, "plural=") : NULL;
	if (np < 1 || !eq || !plural_expr_ok(eq + 7) || strlen(pf) > 250)
		return N_("The plural rule must be a gettext Plural-Forms value, such as "
			  "nplurals=2; plural=(n != 1);");
	*nplurals = np;
	return NULL;
}

static void lang_row(struct db_stmt *st, struct tr_lang *l)
{
	memset(l, 0, sizeof(*l));
	str_copy(l->code, sizeof(l->code), db_text(st, 0));
	str_copy(l->name, sizeof(l->name), db_text(st, 1));
	str_copy(l->english, sizeof(l->english), db_text(st, 2));
	l->rtl = str_eq(db_text(st, 3), "rtl");
	str_copy(l->plural_forms, sizeof(l->plural_forms), db_text(st, 4));
	l->nplurals = tr_nplurals(l->plural_forms);
	if (l->nplurals < 1)
		l->nplurals = 1;
}

int tr_languages(struct db *db, struct tr_lang **out, void *arena)
{
	struct db_stmt *st = db_q(db,
				  "SELECT code, name, english_name, dir, plural_forms FROM languages "
				  "ORDER BY CASE WHEN code = 'en' THEN 0 ELSE 1 END, code",
				  "");
	if (!st)
		return -1;
	int n = 0, cap = 16, rc;
	struct tr_lang *list = arena_alloc(arena, (size_t)cap * sizeof(*list));
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			struct tr_lang *bigger = arena_alloc(arena, (size_t)cap * 2 * sizeof(*list));
			memcpy(bigger, list, (size_t)n * sizeof(*list));
			list = bigger;
			cap *= 2;
		}
		lang_row(st, &list[n++]);
	}
	db_done(st);
	*out = list;
	return rc == DB_DONE ? n : -1;
}

int tr_language(struct db *db, const char *code, struct tr_lang *out)
{
	struct db_stmt *st = db_q(db,
				  "SELECT code, name, english_name, dir, plural_forms FROM languages "
				  "WHERE code = ?",
				  "t", code);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		lang_row(st, out);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* ---- rows ---- */

void tr_row_free(struct tr_row *row)
{
	free(row->text);
	free(row->source);
	memset(row, 0, sizeof(*row));
}

int tr_get(struct db *db, const char *set, const char *unit, const char *lang, struct tr_row *row)
{
	memset(row, 0, sizeof(*row));
	struct db_stmt *st = db_q(db,
				  "SELECT t.text, t.source, t.state, t.version, t.changed_by, "
				  "t.changed_at, u.username FROM translations t LEFT JOIN users u "
				  "ON u.id = t.changed_by WHERE t.set_name = ? AND t.unit = ? AND "
				  "t.lang = ?",
				  "ttt", set, unit, lang);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		row->exists = true;
		row->text = xstrdup(db_text(st, 0));
		row->source = xstrdup(db_text(st, 1));
		int s = tr_state_from_id(db_text(st, 2));
		row->state = s < 0 ? TR_NEEDS_EDITING : (enum tr_state)s;
		row->version = (int)db_int(st, 3);
		row->changed_by = db_int(st, 4);
		row->changed_at = db_int(st, 5);
		str_copy(row->changed_name, sizeof(row->changed_name),
			 db_text(st, 6) ? db_text(st, 6) : "");
	}
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

enum tr_state tr_effective(const struct tr_set *s, const struct tr_unit *u, const char *lang,
			   const struct tr_row *row, const char **text)
{
	const char *shipped = tr_shipped(s, u, lang);
	if (row && row->exists) {
		*text = row->text;
		if (!str_eq(row->source, u->source))
			return TR_NEEDS_EDITING;
		return row->state;
	}
	*text = shipped;
	return shipped ? TR_APPROVED : TR_UNTRANSLATED;
}

int tr_bump(struct db *db)
{
	int rc = db_x(db,
		      "INSERT INTO settings (key, value) VALUES ('translations_gen', '1') "
		      "ON CONFLICT (key) DO UPDATE SET value = "
		      "CAST(CAST(settings.value AS INTEGER) + 1 AS TEXT)",
		      "");
	return rc == DB_DONE ? 0 : -1;
}

int tr_save(struct db *db, const struct tr_set *s, const struct tr_unit *u, const char *lang,
	    const char *text, enum tr_state state, int from, int64_t user)
{
	int64_t now = now_seconds();
	const char *sid = tr_state_ids[state];
	int rc;
	if (from == 0) {
		if (db_savepoint(db) < 0)
			return TR_SAVE_ERROR;
		rc = db_x(db,
			  "INSERT INTO translations (set_name, unit, lang, source, text, state, "
			  "version, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
			  "tttttt" "ni", s->name, u->id, lang, u->source, text, sid, user, now);
		db_savepoint_end(db, rc);
		if (rc == DB_CONSTRAINT)
			return TR_CONFLICT;
	} else {
		rc = db_x(db,
			  "UPDATE translations SET source = ?, text = ?, state = ?, version = version + 1, "
			  "changed_by = ?, changed_at = ? WHERE set_name = ? AND unit = ? AND lang = ? "
			  "AND version = ?",
			  "tttnittti", u->source, text, sid, user, now, s->name, u->id, lang,
			  (int64_t)from);
		if (rc == DB_DONE && db_changes(db) == 0)
			return TR_CONFLICT;
	}
	if (rc != DB_DONE)
		return TR_SAVE_ERROR;
	if (db_x(db,
		 "INSERT INTO translation_history (set_name, unit, lang, version, text, state, "
		 "changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		 "tttittni", s->name, u->id, lang, (int64_t)from + 1, text, sid, user, now) != DB_DONE)
		return TR_SAVE_ERROR;
	/* what is published may have changed: an approval, or a change to an
	 * approved unit (which takes it back to the shipped text or English) */
	return tr_bump(db) < 0 ? TR_SAVE_ERROR : TR_SAVED;
}

/* ---- the snapshot of published texts ---- */

struct pub_lang {
	char code[16];
	char **text; /* by global unit number; owned */
};

static struct {
	pthread_rwlock_t lock;
	char gen[32];
	bool loaded;
	struct pub_lang *langs;
	int nlangs;
} P = {.lock = PTHREAD_RWLOCK_INITIALIZER};

static struct pub_lang *pub_find(const char *code)
{
	for (int i = 0; i < P.nlangs; i++)
		if (str_eq(P.langs[i].code, code))
			return &P.langs[i];
	return NULL;
}

static struct pub_lang *pub_add(const char *code)
{
	struct pub_lang *l = pub_find(code);
	if (l)
		return l;
	P.langs = xrealloc(P.langs, (size_t)(P.nlangs + 1) * sizeof(*P.langs));
	l = &P.langs[P.nlangs++];
	str_copy(l->code, sizeof(l->code), code);
	l->text = xcalloc((size_t)(tr_total_units() ? tr_total_units() : 1), sizeof(char *));
	return l;
}

static void pub_clear(void)
{
	for (int i = 0; i < P.nlangs; i++) {
		for (int k = 0; k < tr_total_units(); k++)
			free(P.langs[i].text[k]);
		free(P.langs[i].text);
	}
	free(P.langs);
	P.langs = NULL;
	P.nlangs = 0;
}

/* Builds the snapshot: the shipped texts, then the database's approved
 * rows made from the current English over them.  Under the write lock. */
static int pub_build(struct db *db)
{
	pub_clear();
	const char *const *codes;
	int nc = tr_shipped_langs(&codes);
	for (int i = 0; i < nc; i++) {
		struct pub_lang *l = pub_add(codes[i]);
		for (int s = 0; s < tr_nsets(); s++) {
			const struct tr_set *set = tr_set_at(s);
			for (int u = 0; u < set->nunits; u++) {
				const char *t = tr_shipped(set, &set->units[u], codes[i]);
				if (t)
					l->text[set->base + u] = xstrdup(t);
			}
		}
	}
	struct db_stmt *st = db_q(db,
				  "SELECT set_name, unit, lang, text, source FROM translations "
				  "WHERE state = 'approved'",
				  "");
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const struct tr_set *set = tr_set_find(db_text(st, 0));
		const struct tr_unit *u = set ? tr_unit_find(set, db_text(st, 1)) : NULL;
		if (!u || !str_eq(db_text(st, 4), u->source))
			continue;
		struct pub_lang *l = pub_add(db_text(st, 2));
		char **slot = &l->text[set->base + u->index];
		free(*slot);
		*slot = xstrdup(db_text(st, 3));
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

int tr_refresh(struct db *db)
{
	char gen[32] = "0";
	struct db_stmt *st =
		db_q(db, "SELECT value FROM settings WHERE key = 'translations_gen'", "");
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		str_copy(gen, sizeof(gen), db_text(st, 0));
	db_done(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return -1;
	pthread_rwlock_rdlock(&P.lock);
	bool fresh = P.loaded && str_eq(P.gen, gen);
	pthread_rwlock_unlock(&P.lock);
	if (fresh)
		return 0;
	pthread_rwlock_wrlock(&P.lock);
	int ret = 0;
	if (!P.loaded || !str_eq(P.gen, gen)) {
		ret = pub_build(db);
		P.loaded = ret == 0;
		str_copy(P.gen, sizeof(P.gen), gen);
	}
	pthread_rwlock_unlock(&P.lock);
	return ret;
}

const char *tr_published(const struct tr_set *s, const struct tr_unit *u, const char *lang,
			 char *(*dup)(void *ctx, const char *text), void *ctx)
{
	const char *out = NULL;
	pthread_rwlock_rdlock(&P.lock);
	struct pub_lang *l = P.loaded ? pub_find(lang) : NULL;
	if (l && l->text[s->base + u->index])
		out = dup(ctx, l->text[s->base + u->index]);
	pthread_rwlock_unlock(&P.lock);
	if (!out && !P.loaded) {
		/* no database read yet (the command line): the shipped text */
		const char *t = tr_shipped(s, u, lang);
		out = t ? dup(ctx, t) : NULL;
	}
	return out;
}

int tr_published_count(const struct tr_set *s, const char *lang)
{
	int n = 0;
	pthread_rwlock_rdlock(&P.lock);
	struct pub_lang *l = P.loaded ? pub_find(lang) : NULL;
	for (int i = 0; i < s->nunits; i++)
		n += l ? l->text[s->base + i] != NULL : tr_shipped(s, &s->units[i], lang) != NULL;
	pthread_rwlock_unlock(&P.lock);
	return n;
}

void tr_snapshot_free(void)
{
	pthread_rwlock_wrlock(&P.lock);
	pub_clear();
	P.loaded = false;
	pthread_rwlock_unlock(&P.lock);
}

/* ---- the interface's translations, into the site's catalogs ---- */

int tr_interface_publish(struct db *db, char *err, size_t errlen)
{
	const struct tr_set *s = tr_set_find(TR_INTERFACE);
	if (!s)
		return 0;
	struct db_stmt *st = db_q(db,
				  "SELECT t.unit, t.lang, t.text, t.source, l.name, l.dir, "
				  "l.plural_forms FROM translations t JOIN languages l ON l.code = "
				  "t.lang WHERE t.set_name = ? AND t.state = 'approved' AND t.lang "
				  "<> 'en' ORDER BY t.lang",
				  "t", TR_INTERFACE);
	if (!st) {
		snprintf(err, errlen, "translations: the interface's translations cannot be read");
		return -1;
	}
	int put = 0, rc;
	char lerr[256];
	while ((rc = db_step(st)) == DB_ROW) {
		const struct tr_unit *u = tr_unit_find(s, db_text(st, 0));
		const char *lang = db_text(st, 1);
		if (!u || !str_eq(db_text(st, 3), u->source))
			continue; /* made from an older English: needs editing */
		if (i18n_add_language(lang, db_text(st, 4), str_eq(db_text(st, 5), "rtl"),
				      db_text(st, 6), (size_t)s->nunits, lerr, sizeof(lerr)) < 0) {
			log_warn("translations: %s: %s; its interface is not used", lang, lerr);
			continue;
		}
		char *text = xstrdup(db_text(st, 2));
		const char *forms[TR_MAX_FORMS];
		int n = tr_forms_split(text, forms, TR_MAX_FORMS);
		if (i18n_override(lang, u->source, u->plural, forms, n) == 0)
			put++;
		else
			log_warn("translations: %s %s: the approved text does not fit the message "
				 "(forms or placeholders); English is used",
				 lang, u->id);
		free(text);
	}
	db_done(st);
	if (rc != DB_DONE) {
		snprintf(err, errlen, "translations: the interface's translations cannot be read");
		return -1;
	}
	return put;
}

/* ---- the game's and the courses' translations, into the content ---- */

struct override {
	char *key; /* "SET\x1fUNIT\x1fLANG" */
	char *text, *source;
};

static struct {
	struct override *v;
	int n;
} O;

static int override_cmp(const void *a, const void *b)
{
	return strcmp(((const struct override *)a)->key, ((const struct override *)b)->key);
}

/* The set and the file id of a content file: .../play/FILE.txt is the
 * game's FILE, .../learn/COURSE/course.txt the courses' COURSE. */
static const char *content_set_of(const char *path, char *file, size_t size)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return NULL;
	const char *base = slash + 1, *parent = slash;
	while (parent > path && parent[-1] != '/')
		parent--;
	size_t plen = (size_t)(slash - parent), blen = strlen(base);
	if (plen == 4 && strncmp(parent, "play", 4) == 0 && blen > 4 &&
	    strcmp(base + blen - 4, ".txt") == 0 && blen - 4 < size) {
		memcpy(file, base, blen - 4);
		file[blen - 4] = 0;
		return TR_GAME;
	}
	const char *grand = parent - 1;
	while (grand > path && grand[-1] != '/')
		grand--;
	if (str_eq(base, "course.txt") && parent > path && parent - 1 - grand == 5 &&
	    strncmp(grand, "learn", 5) == 0 && plen < size) {
		memcpy(file, parent, plen);
		file[plen] = 0;
		return TR_COURSES;
	}
	return NULL;
}

static const char *content_override(void *ctx, const char *path, const char *record,
				    const char *key, const char *lang, const char *english)
{
	(void)ctx;
	char file[128], k[700];
	const char *set = content_set_of(path, file, sizeof(file));
	if (!set || !O.n)
		return NULL;
	snprintf(k, sizeof(k), "%s\x1f%s:%s:%s\x1f%s", set, file, record, key, lang);
	struct override needle = {.key = k};
	const struct override *o =
		bsearch(&needle, O.v, (size_t)O.n, sizeof(*O.v), override_cmp);
	/* made from an older English: the file's translation stays */
	return o && str_eq(o->source, english) ? o->text : NULL;
}

void tr_content_publish_end(void)
{
	cl_set_override(NULL, NULL);
	for (int i = 0; i < O.n; i++) {
		free(O.v[i].key);
		free(O.v[i].text);
		free(O.v[i].source);
	}
	free(O.v);
	memset(&O, 0, sizeof(O));
}

int tr_content_publish(struct db *db, char *err, size_t errlen)
{
	tr_content_publish_end();
	struct db_stmt *st = db_q(db,
				  "SELECT set_name, unit, lang, text, source FROM translations WHERE "
				  "set_name IN (?, ?) AND state = 'approved'",
				  "tt", TR_GAME, TR_COURSES);
	if (!st) {
		snprintf(err, errlen, "translations: the game's and courses' translations cannot "
			 "be read");
		return -1;
	}
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		char k[700];
		snprintf(k, sizeof(k), "%s\x1f%s\x1f%s", db_text(st, 0), db_text(st, 1),
			 db_text(st, 2));
		O.v = xrealloc(O.v, (size_t)(O.n + 1) * sizeof(*O.v));
		O.v[O.n++] = (struct override){xstrdup(k), xstrdup(db_text(st, 3)),
					       xstrdup(db_text(st, 4))};
	}
	db_done(st);
	if (rc != DB_DONE) {
		tr_content_publish_end();
		snprintf(err, errlen, "translations: the game's and courses' translations cannot "
			 "be read");
		return -1;
	}
	if (O.n) /* no array to sort: O.v is NULL */
		qsort(O.v, (size_t)O.n, sizeof(*O.v), override_cmp);
	cl_set_override(content_override, NULL);
	return O.n;
}
