/*
 * web.c: the translation workflow's pages, /translate (translate.h).
 *
 * Who may do what, per language: a translator or reviewer works on the
 * languages their coordinator gave them (language_staff); a reviewer also
 * approves and keeps the glossary; a coordinator sees every language's
 * progress, adds languages and gives languages to the translators and
 * reviewers of their country; an admin may do everything.
 */
#include "translate/web.h"
#include "translate/translate.h"
#include "core/buf.h"
#include "core/escape.h"
#include "core/util.h"
#include "db/db.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/plural.h"
#include "web/roles.h"
#include "web/static.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- access ---- */

static bool works_on(struct req *r, const char *lang)
{
	if (!r->user || !(r->user->role & (R_TRANSLATOR | R_REVIEWER)))
		return false;
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT 1 FROM language_staff WHERE user_id = ? AND lang = ?", "it",
				  r->user->id, lang);
	bool yes = st && db_step(st) == DB_ROW;
	db_done(st);
	return yes;
}

static bool may_view(struct req *r, const char *lang)
{
	return r->user && ((r->user->role & R_MANAGERS) || works_on(r, lang));
}

static bool may_edit(struct req *r, const char *lang)
{
	return r->user && ((r->user->role & R_ADMIN) || works_on(r, lang));
}

static bool may_review(struct req *r, const char *lang)
{
	return r->user && ((r->user->role & R_ADMIN) ||
			   ((r->user->role & R_REVIEWER) && works_on(r, lang)));
}

static bool may_keep_glossary(struct req *r, const char *lang)
{
	return r->user && ((r->user->role & R_MANAGERS) || may_review(r, lang));
}

/* The language of the path, checked: 1 found and allowed; else the
 * error page was written and its status is returned. */
static int path_lang(struct req *r, struct tr_lang *L)
{
	const char *code = req_param(r, 0);
	int found = tr_language(req_db(r), code, L);
	if (found < 0)
		return 500;
	if (!found || str_eq(code, "en"))
		return page_error(r, 404, N_("There is no such language to translate into."));
	if (!may_view(r, code))
		return page_error(r, 403, N_("You do not work on this language."));
	return 1;
}

static json_t *lang_json(const struct tr_lang *L)
{
	json_t *o = json_object();
	json_object_set_new(o, "code", jstr(L->code));
	json_object_set_new(o, "name", jstr(L->name));
	json_object_set_new(o, "english", jstr(L->english));
	json_object_set_new(o, "dir", jstr(L->rtl ? "rtl" : "ltr"));
	return o;
}

/* ---- progress ---- */

struct counts {
	int n[TR_NSTATES];
	int total;
};

/* The states of a set's units in lang: each unit's row as tr_effective
 * sees it; one query. */
static int set_counts(struct db *db, const struct tr_set *s, const char *lang,
		      enum tr_state *states, struct counts *c)
{
	memset(c, 0, sizeof(*c));
	for (int i = 0; i < s->nunits; i++)
		states[i] = tr_shipped(s, &s->units[i], lang) ? TR_APPROVED : TR_UNTRANSLATED;
	struct db_stmt *st = db_q(db,
				  "SELECT unit, state, source FROM translations WHERE set_name = ? "
				  "AND lang = ?",
				  "tt", s->name, lang);
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const struct tr_unit *u = tr_unit_find(s, db_text(st, 0));
		if (!u)
			continue;
		int state = tr_state_from_id(db_text(st, 1));
		if (state < 0 || !str_eq(db_text(st, 2), u->source))
			state = TR_NEEDS_EDITING;
		states[u->index] = (enum tr_state)state;
	}
	db_done(st);
	for (int i = 0; i < s->nunits; i++)
		c->n[states[i]]++;
	c->total = s->nunits;
	return rc == DB_DONE ? 0 : -1;
}

static int percent(int part, int whole)
{
	return whole ? (100 * part) / whole : 0;
}

static json_t *counts_json(struct req *r, const struct counts *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "approved", json_integer(c->n[TR_APPROVED]));
	json_object_set_new(o, "waiting", json_integer(c->n[TR_WAITING]));
	json_object_set_new(o, "needs", json_integer(c->n[TR_NEEDS_EDITING]));
	json_object_set_new(o, "untranslated", json_integer(c->n[TR_UNTRANSLATED]));
	json_object_set_new(o, "total", json_integer(c->total));
	int p = percent(c->n[TR_APPROVED], c->total);
	json_object_set_new(o, "percent", json_integer(p));
	json_object_set_new(o, "bar", jstr(arena_printf(&r->arena, "p%d", (p + 2) / 5 * 5)));
	return o;
}

/* How often the set was downloaded in lang (PDF and offline bundle). */
static int64_t downloads(struct db *db, const char *set, const char *lang)
{
	struct db_stmt *st = db_q(db,
				  "SELECT COALESCE(SUM(count), 0) FROM library_downloads WHERE "
				  "set_name = ? AND lang = ?",
				  "tt", set, lang);
	int64_t n = st && db_step(st) == DB_ROW ? db_int(st, 0) : 0;
	db_done(st);
	return n;
}

/* The progress of lang in every set, as a list for the templates. */
static json_t *lang_progress(struct req *r, const char *lang, struct counts *sum)
{
	json_t *list = json_array();
	if (sum)
		memset(sum, 0, sizeof(*sum));
	for (int i = 0; i < tr_nsets(); i++) {
		const struct tr_set *s = tr_set_at(i);
		enum tr_state *states = arena_alloc(&r->arena, (size_t)s->nunits * sizeof(*states));
		struct counts c;
		if (set_counts(req_db(r), s, lang, states, &c) < 0)
			return list;
		json_t *o = counts_json(r, &c);
		json_object_set_new(o, "set", jstr(s->name));
		json_object_set_new(o, "title", jstr(s->title));
		if (s->guidelines)
			json_object_set_new(o, "downloads",
					    json_integer(downloads(req_db(r), s->name, lang)));
		else
			json_object_set_new(o, "downloads", jstr("—"));
		json_array_append_new(list, o);
		for (int k = 0; sum && k < TR_NSTATES; k++)
			sum->n[k] += c.n[k];
		if (sum)
			sum->total += c.total;
	}
	return list;
}

/* GET /translate */
int translate_home(struct req *r)
{
	struct db *db = req_db(r);
	struct tr_lang *langs;
	int n = tr_languages(db, &langs, &r->arena);
	if (n < 0)
		return 500;
	json_t *d = page_data(r, N_("Translations"));
	json_t *list = json_array();
	bool manager = (r->user->role & R_MANAGERS) != 0;
	for (int i = 0; i < n; i++) {
		if (str_eq(langs[i].code, "en") || !may_view(r, langs[i].code))
			continue;
		json_t *o = lang_json(&langs[i]);
		struct counts sum;
		json_object_set_new(o, "sets", lang_progress(r, langs[i].code, &sum));
		json_object_set_new(o, "sum", counts_json(r, &sum));
		json_object_set_new(o, "bundles", json_integer(downloads(db, "all", langs[i].code)));
		json_object_set_new(o, "may_review", json_boolean(may_keep_glossary(r, langs[i].code)));
		json_array_append_new(list, o);
	}
	json_object_set_new(d, "langs", list);
	json_object_set_new(d, "none", json_boolean(json_array_size(list) == 0));
	json_object_set_new(d, "manager", json_boolean(manager));
	const char *added = req_query(r, "added");
	if (added)
		json_object_set_new(d, "added", jstr(added));
	return page_render(r, "translate/home", d);
}

static char *dup_in_arena(void *ctx, const char *text)
{
	return arena_strdup(ctx, text);
}

/* GET /library/languages: for anyone, which sets are published in which
 * language and how completely (approved units only, as the reader sees). */
int translate_public(struct req *r)
{
	struct db *db = req_db(r);
	struct tr_lang *langs;
	int n = db && tr_refresh(db) == 0 ? tr_languages(db, &langs, &r->arena) : -1;
	if (n < 0)
		return 500;
	json_t *d = page_data(r, N_("Languages of the guidelines"));
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		const char *code = langs[i].code;
		json_t *o = lang_json(&langs[i]);
		json_t *sets = json_array();
		int done = 0, total = 0;
		for (int k = 0; k < tr_nsets(); k++) {
			const struct tr_set *s = tr_set_at(k);
			if (!s->guidelines)
				continue; /* the interface: the language menu shows it */
			bool en = str_eq(code, "en");
			int c = en ? s->nunits : tr_published_count(s, code);
			const struct tr_unit *tu = tr_unit_find(s, "#title");
			const char *title = !en && tu ? tr_published(s, tu, code, dup_in_arena,
								      &r->arena)
						      : NULL;
			json_t *x = json_object();
			json_object_set_new(x, "set", jstr(s->name));
			json_object_set_new(x, "title", jstr(title ? title : s->title));
			json_object_set_new(x, "tl", jstr(title ? code : "en"));
			json_object_set_new(x, "tdir", jstr(title && langs[i].rtl ? "rtl" : "ltr"));
			json_object_set_new(x, "done", json_integer(c));
			json_object_set_new(x, "total", json_integer(s->nunits));
			json_object_set_new(x, "percent", json_integer(percent(c, s->nunits)));
			json_array_append_new(sets, x);
			done += c;
			total += s->nunits;
		}
		json_object_set_new(o, "sets", sets);
		json_object_set_new(o, "source", json_boolean(str_eq(code, "en")));
		json_object_set_new(o, "percent", json_integer(percent(done, total)));
		json_array_append_new(list, o);
	}
	json_object_set_new(d, "langs", list);
	return page_render(r, "translate/public", d);
}

/* POST /translate/languages: a coordinator or admin adds a language */
int translate_language_add(struct req *r)
{
	const char *code = req_form(r, "code"), *name = req_form(r, "name"),
		   *english = req_form(r, "english"), *dir = req_form(r, "dir"),
		   *pf = req_form(r, "plural_forms");
	int np;
	const char *why = tr_language_check(code, name, english, dir, pf, &np);
	struct db *db = req_db(r);
	struct tr_lang L;
	if (!why) {
		int found = tr_language(db, code, &L);
		if (found < 0)
			return 500;
		if (found)
			why = N_("This language is already there.");
	}
	if (why) {
		r->status = 400;
		return page_error(r, 400, why);
	}
	if (db_x(db,
		 "INSERT INTO languages (code, name, english_name, dir, plural_forms, added_by, "
		 "added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		 "tttttni", code, name, english, dir, pf, r->user->id, now_seconds()) != DB_DONE)
		return 500;
	audit(db, r->user, r->user->country[0] ? r->user->country : NULL, "language_added", code);
	resp_redirect(r, 303, arena_printf(&r->arena, "/translate?added=%s", code));
	return 0;
}

/* ---- staff ---- */

/* GET /translate/staff: the translators and reviewers of the country
 * (admin: of every country) and their languages */
int translate_staff(struct req *r)
{
	struct db *db = req_db(r);
	struct tr_lang *langs;
	int n = tr_languages(db, &langs, &r->arena);
	if (n < 0)
		return 500;
	bool admin = (r->user->role & R_ADMIN) != 0;
	struct db_stmt *st = db_q(db,
				  "SELECT id, username, role, country FROM users WHERE role IN "
				  "('translator', 'reviewer') AND (? = 1 OR country = ?) AND "
				  "disabled = 0 ORDER BY username LIMIT 500",
				  "it", (int64_t)admin, r->user->country);
	if (!st)
		return 500;
	json_t *people = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "username", jstr(db_text(st, 1)));
		json_object_set_new(o, "role", jstr(tr(r, role_label(role_from_name(db_text(st, 2))))));
		json_object_set_new(o, "country", jstr(db_text(st, 3)));
		json_array_append_new(people, o);
	}
	db_done(st);
	size_t i;
	json_t *p;
	json_array_foreach(people, i, p)
	{
		json_t *ls = json_array();
		for (int k = 0; k < n; k++) {
			if (str_eq(langs[k].code, "en"))
				continue;
			struct db_stmt *q = db_q(db,
						 "SELECT 1 FROM language_staff WHERE user_id = ? AND "
						 "lang = ?",
						 "it", (int64_t)json_integer_value(json_object_get(p, "id")),
						 langs[k].code);
			bool on = q && db_step(q) == DB_ROW;
			db_done(q);
			json_t *o = lang_json(&langs[k]);
			json_object_set_new(o, "on", json_boolean(on));
			json_object_set_new(o, "field", jstr(arena_printf(
				&r->arena, "u%lld-%s",
				(long long)json_integer_value(json_object_get(p, "id")), langs[k].code)));
			json_array_append_new(ls, o);
		}
		json_object_set_new(p, "langs", ls);
	}
	json_t *d = page_data(r, N_("Translators and reviewers"));
	json_object_set_new(d, "people", people);
	json_object_set_new(d, "none", json_boolean(json_array_size(people) == 0));
	json_object_set_new(d, "saved", json_boolean(req_query(r, "saved") != NULL));
	return page_render(r, "translate/staff", d);
}

/* POST /translate/staff: user=ID and a box per language ("lang") */
int translate_staff_save(struct req *r)
{
	struct db *db = req_db(r);
	int64_t id;
	if (!parse_int64(req_form(r, "user"), 1, INT64_MAX, &id))
		return page_error(r, 400, N_("Choose a person."));
	struct db_stmt *st = db_q(db, "SELECT role, country, username FROM users WHERE id = ?", "i",
				  id);
	if (!st)
		return 500;
	int rc = db_step(st);
	bool ok = rc == DB_ROW &&
		  (str_eq(db_text(st, 0), "translator") || str_eq(db_text(st, 0), "reviewer")) &&
		  ((r->user->role & R_ADMIN) || str_eq(db_text(st, 1), r->user->country));
	char name[80] = "";
	if (rc == DB_ROW)
		str_copy(name, sizeof(name), db_text(st, 2));
	char country[3] = "";
	if (rc == DB_ROW && db_text(st, 1))
		str_copy(country, sizeof(country), db_text(st, 1));
	db_done(st);
	if (!ok)
		return page_error(r, 404, N_("There is no such translator or reviewer in your country."));
	struct tr_lang *langs;
	int n = tr_languages(db, &langs, &r->arena);
	if (n < 0 || db_x(db, "DELETE FROM language_staff WHERE user_id = ?", "i", id) != DB_DONE)
		return 500;
	for (int f = 0; f < r->form.count; f++) {
		if (!str_eq(r->form.fields[f].name, "lang"))
			continue;
		const char *code = r->form.fields[f].value;
		bool known = false;
		for (int k = 0; k < n && !known; k++)
			known = str_eq(langs[k].code, code) && !str_eq(code, "en");
		if (!known)
			return page_error(r, 400, N_("There is no such language to translate into."));
		if (db_x(db,
			 "INSERT INTO language_staff (user_id, lang) VALUES (?, ?) ON CONFLICT DO "
			 "NOTHING",
			 "it", id, code) != DB_DONE)
			return 500;
	}
	audit(db, r->user, country[0] ? country : NULL, "languages_given", name);
	resp_redirect(r, 303, "/translate/staff?saved=1");
	return 0;
}

/* ---- a set's units ---- */

static const struct tr_set *path_set(struct req *r)
{
	return tr_set_find(req_param(r, 1));
}

static const char *const state_labels[TR_NSTATES] = {N_("Untranslated"), N_("Needs editing"),
						     N_("Waiting for review"), N_("Approved")};

/* GET /translate/:lang/:set?state= */
int translate_set(struct req *r)
{
	struct tr_lang L;
	int ok = path_lang(r, &L);
	if (ok != 1)
		return ok;
	const struct tr_set *s = path_set(r);
	if (!s)
		return page_error(r, 404, N_("There is no such set of guidelines."));
	const char *filter = req_query(r, "state");
	int want = filter && *filter ? tr_state_from_id(filter) : -1;
	if (filter && *filter && want < 0)
		return page_error(r, 400, N_("There is no such state."));
	enum tr_state *states = arena_alloc(&r->arena, (size_t)s->nunits * sizeof(*states));
	struct counts c;
	if (set_counts(req_db(r), s, L.code, states, &c) < 0)
		return 500;
	json_t *d = page_data(r, N_("Translations"));
	json_object_set_new(d, "target", lang_json(&L));
	json_object_set_new(d, "set", jstr(s->name));
	json_object_set_new(d, "set_title", jstr(s->title));
	json_object_set_new(d, "counts", counts_json(r, &c));
	json_t *units = json_array();
	for (int i = 0; i < s->nunits; i++) {
		if (want >= 0 && (int)states[i] != want)
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(s->units[i].id));
		json_object_set_new(o, "source", jstr(s->units[i].source));
		json_object_set_new(o, "state", jstr(tr_state_ids[states[i]]));
		json_object_set_new(o, "state_label", jstr(tr(r, state_labels[states[i]])));
		json_array_append_new(units, o);
	}
	json_object_set_new(d, "units", units);
	json_t *filters = json_array();
	for (int k = -1; k < TR_NSTATES; k++) {
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(k < 0 ? "" : tr_state_ids[k]));
		json_object_set_new(o, "label", jstr(k < 0 ? tr(r, N_("All")) : tr(r, state_labels[k])));
		json_object_set_new(o, "count", json_integer(k < 0 ? c.total : c.n[k]));
		json_object_set_new(o, "current", json_boolean(k == want));
		json_array_append_new(filters, o);
	}
	json_object_set_new(d, "filters", filters);
	json_object_set_new(d, "may_edit", json_boolean(may_edit(r, L.code)));
	json_object_set_new(d, "filter", jstr(want >= 0 ? tr_state_ids[want] : ""));
	const char *imported = req_query(r, "imported");
	if (imported)
		json_object_set_new(d, "imported", jstr(imported));
	return page_render(r, "translate/set", d);
}

/* ---- the editor ---- */

struct glossary {
	struct tr_glossary_term *terms;
	int n;
};

static int glossary_read(struct req *r, const char *lang, struct glossary *g)
{
	g->n = 0;
	g->terms = NULL;
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT term, translation FROM glossary WHERE lang = ? ORDER BY term "
				  "LIMIT 2000",
				  "t", lang);
	if (!st)
		return -1;
	int cap = 0, rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (g->n == cap) {
			cap = cap ? 2 * cap : 32;
			struct tr_glossary_term *t = arena_alloc(&r->arena, (size_t)cap * sizeof(*t));
			if (g->n)
				memcpy(t, g->terms, (size_t)g->n * sizeof(*t));
			g->terms = t;
		}
		g->terms[g->n].term = arena_strdup(&r->arena, db_text(st, 0));
		g->terms[g->n].translation = arena_strdup(&r->arena, db_text(st, 1));
		g->n++;
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

struct found_ctx {
	struct req *r;
	json_t *list;
	const char *source, *own; /* the unit's English and its translation now */
};

static void tm_found(void *ctx, const char *source, const char *text, int similarity)
{
	struct found_ctx *fc = ctx;
	/* the unit's own translation is no suggestion for itself */
	if (fc->own && str_eq(source, fc->source) && str_eq(text, fc->own))
		return;
	json_t *o = json_object();
	json_object_set_new(o, "source", jstr(source));
	json_object_set_new(o, "text", jstr(text));
	json_object_set_new(o, "similarity", json_integer(similarity));
	json_object_set_new(o, "exact", json_boolean(similarity == 100));
	json_array_append_new(fc->list, o);
}

static const char *issue_text(struct req *r, const struct tr_issue *is)
{
	const char *t = tr(r, is->msgid);
	const char *p = strstr(t, "{detail}");
	if (!p)
		return t;
	return arena_printf(&r->arena, "%.*s%s%s", (int)(p - t), t, is->detail, p + 8);
}

static json_t *issues_json(struct req *r, const struct tr_issue *is, int n)
{
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "error", json_boolean(is[i].error));
		json_object_set_new(o, "text", jstr(issue_text(r, &is[i])));
		json_array_append_new(list, o);
	}
	return list;
}

static const char *when(struct req *r, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	char s[32];
	strftime(s, sizeof(s), "%Y-%m-%d %H:%M UTC", &tm);
	return arena_strdup(&r->arena, s);
}

/* The unit of ?id=, or NULL (404 written to *status). */
static const struct tr_unit *query_unit(struct req *r, const struct tr_set *s)
{
	return tr_unit_find(s, req_query(r, "id"));
}

/* A translation as a person reads it: the forms of a plural one on
 * lines of their own. */
static const char *shown(struct req *r, const char *text)
{
	if (!text || !strchr(text, TR_FORM_SEP))
		return text;
	char *t = arena_strdup(&r->arena, text);
	for (char *p = t; *p; p++)
		if (*p == TR_FORM_SEP)
			*p = '\n';
	return t;
}

/* The boxes of a plural unit's forms: each with the numbers it is used
 * for ("1, 21, 31…"), from the language's plural rule. */
static json_t *forms_json(struct req *r, const struct tr_lang *L, const char *text)
{
	json_t *list = json_array();
	const char *forms[TR_MAX_FORMS];
	int n = 0;
	if (text)
		n = tr_forms_split(arena_strdup(&r->arena, text), forms, TR_MAX_FORMS);
	char err[200];
	struct plural *pl = plural_compile(L->plural_forms, err, sizeof(err));
	int np = L->nplurals < TR_MAX_FORMS ? L->nplurals : TR_MAX_FORMS;
	for (int i = 0; i < np; i++) {
		struct buf ex;
		buf_init(&ex, 256);
		int count = 0;
		for (unsigned long k = 0; pl && k < 1000 && count < 5; k++) {
			if (plural_eval(pl, k) != i)
				continue;
			buf_printf(&ex, "%s%lu", count ? ", " : "", k);
			count++;
		}
		if (count == 5)
			buf_puts(&ex, "…");
		json_t *o = json_object();
		json_object_set_new(o, "i", json_integer(i + 1));
		json_object_set_new(o, "name", jstr(arena_printf(&r->arena, "form%d", i)));
		json_object_set_new(o, "box",
				    jstr(i == 0 ? "text" : arena_printf(&r->arena, "text%d", i)));
		json_object_set_new(o, "numbers",
				    jstr(ex.len ? arena_strdup(&r->arena, ex.data) : "—"));
		json_object_set_new(o, "text", jstr(i < n ? forms[i] : ""));
		json_array_append_new(list, o);
		buf_free(&ex);
	}
	plural_free(pl);
	return list;
}

static int editor(struct req *r, const struct tr_lang *L, const struct tr_set *s,
		  const struct tr_unit *u, int status, const char *draft, const struct tr_issue *is,
		  int nis, bool conflict)
{
	struct db *db = req_db(r);
	struct tr_row row;
	if (tr_get(db, s->name, u->id, L->code, &row) < 0)
		return 500;
	const char *text;
	enum tr_state state = tr_effective(s, u, L->code, &row, &text);
	/* the translation now, as the memory holds it (of a plural one, the
	 * first form), kept beyond the row */
	const char *own = NULL;
	if (text)
		own = arena_printf(&r->arena, "%.*s", (int)strcspn(text, "\x1e"), text);
	json_t *d = page_data(r, N_("Translate"));
	json_object_set_new(d, "target", lang_json(L));
	json_object_set_new(d, "set", jstr(s->name));
	json_object_set_new(d, "set_title", jstr(s->title));
	json_object_set_new(d, "id", jstr(u->id));
	json_object_set_new(d, "note", jstr(u->note));
	json_object_set_new(d, "source", jstr(u->source));
	json_object_set_new(d, "state", jstr(tr_state_ids[state]));
	json_object_set_new(d, "state_label", jstr(tr(r, state_labels[state])));
	json_object_set_new(d, "text", jstr(draft ? draft : text ? text : ""));
	json_object_set_new(d, "current", jstr(text ? shown(r, text) : ""));
	if (u->plural) {
		json_object_set_new(d, "plural", jstr(u->plural));
		json_object_set_new(d, "forms", forms_json(r, L, draft ? draft : text));
		json_object_set_new(d, "text", jstr(shown(r, draft ? draft : text ? text : "")));
	}
	json_object_set_new(d, "version", json_integer(row.exists ? row.version : 0));
	json_object_set_new(d, "multiline", json_boolean(u->kind != TR_HEADING));
	if (row.exists) {
		json_object_set_new(d, "changed_by", jstr(row.changed_name));
		json_object_set_new(d, "changed_at", jstr(when(r, row.changed_at)));
		if (!str_eq(row.source, u->source))
			json_object_set_new(d, "old_source", jstr(row.source));
	} else if (text) {
		json_object_set_new(d, "shipped", json_true());
	}
	json_object_set_new(d, "conflict", json_boolean(conflict));
	tr_row_free(&row);
	int idx = u->index;
	const char *filter = req_query(r, "state");
	const char *fq = filter && tr_state_from_id(filter) >= 0 ? filter : "";
	json_object_set_new(d, "filter", jstr(fq));
	if (idx > 0)
		json_object_set_new(d, "prev", jstr(s->units[idx - 1].id));
	if (idx + 1 < s->nunits)
		json_object_set_new(d, "next", jstr(s->units[idx + 1].id));
	json_object_set_new(d, "position", json_integer(idx + 1));
	json_object_set_new(d, "count", json_integer(s->nunits));
	json_object_set_new(d, "may_edit", json_boolean(may_edit(r, L->code)));
	json_object_set_new(d, "may_review", json_boolean(may_review(r, L->code)));
	if (is)
		json_object_set_new(d, "issues", issues_json(r, is, nis));
	/* the memory's matches and the glossary's terms of this source */
	struct found_ctx fc = {r, json_array(), u->source, own};
	if (tr_memory_lookup(db, L->code, u->source, 6, tm_found, &fc) < 0) {
		json_decref(fc.list);
		return 500;
	}
	json_object_set_new(d, "memory", fc.list);
	struct glossary g;
	if (glossary_read(r, L->code, &g) < 0)
		return 500;
	json_t *terms = json_array();
	for (int i = 0; i < g.n; i++) {
		if (tr_glossary_applies(u->source, g.terms[i].term)) {
			json_t *o = json_object();
			json_object_set_new(o, "term", jstr(g.terms[i].term));
			json_object_set_new(o, "translation", jstr(g.terms[i].translation));
			json_array_append_new(terms, o);
		}
	}
	json_object_set_new(d, "terms", terms);
	/* comments and history */
	json_t *comments = json_array();
	struct db_stmt *st = db_q(db,
				  "SELECT c.text, c.at, u.username FROM translation_comments c LEFT "
				  "JOIN users u ON u.id = c.user_id WHERE c.set_name = ? AND c.unit = ? "
				  "AND c.lang = ? ORDER BY c.at, c.id LIMIT 200",
				  "ttt", s->name, u->id, L->code);
	if (!st)
		return 500;
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "text", jstr(db_text(st, 0)));
		json_object_set_new(o, "at", jstr(when(r, db_int(st, 1))));
		json_object_set_new(o, "by", jstr(db_text(st, 2) ? db_text(st, 2) : "—"));
		json_array_append_new(comments, o);
	}
	db_done(st);
	json_object_set_new(d, "comments", comments);
	json_t *history = json_array();
	st = db_q(db,
		  "SELECT h.version, h.text, h.state, h.changed_at, u.username FROM "
		  "translation_history h LEFT JOIN users u ON u.id = h.changed_by WHERE h.set_name "
		  "= ? AND h.unit = ? AND h.lang = ? ORDER BY h.version DESC LIMIT 50",
		  "ttt", s->name, u->id, L->code);
	if (!st)
		return 500;
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "version", json_integer(db_int(st, 0)));
		json_object_set_new(o, "text", jstr(shown(r, db_text(st, 1))));
		int hs = tr_state_from_id(db_text(st, 2));
		json_object_set_new(o, "state", jstr(hs >= 0 ? tr(r, state_labels[hs]) : ""));
		json_object_set_new(o, "at", jstr(when(r, db_int(st, 3))));
		json_object_set_new(o, "by", jstr(db_text(st, 4) ? db_text(st, 4) : "—"));
		json_array_append_new(history, o);
	}
	db_done(st);
	json_object_set_new(d, "history", history);
	json_object_set_new(d, "script", jstr(static_url("translate/editor.js")));
	/* saved: after the redirect, or at once when the save had warnings */
	json_object_set_new(d, "saved", json_boolean(req_query(r, "saved") != NULL ||
						     (status == 200 && nis > 0)));
	r->status = status;
	return page_render(r, "translate/unit", d);
}

/* GET /translate/:lang/:set/unit?id= */
int translate_unit(struct req *r)
{
	struct tr_lang L;
	int ok = path_lang(r, &L);
	if (ok != 1)
		return ok;
	const struct tr_set *s = path_set(r);
	const struct tr_unit *u = s ? query_unit(r, s) : NULL;
	if (!u)
		return page_error(r, 404, N_("There is no such unit."));
	return editor(r, &L, s, u, 200, NULL, NULL, 0, false);
}

/* POST /translate/:lang/:set/unit?id=: action save (waiting for review),
 * draft (needs editing), approve or reject (reviewers), with the version
 * the form was made from */
int translate_unit_save(struct req *r)
{
	struct tr_lang L;
	int ok = path_lang(r, &L);
	if (ok != 1)
		return ok;
	const struct tr_set *s = path_set(r);
	const struct tr_unit *u = s ? query_unit(r, s) : NULL;
	if (!u)
		return page_error(r, 404, N_("There is no such unit."));
	if (!may_edit(r, L.code))
		return page_error(r, 403, N_("You do not translate this language."));
	const char *action = req_form(r, "action");
	const char *text = req_form(r, "text");
	/* a unit with plural forms: a box per form, kept as one text */
	int nforms = 1;
	if (u->plural) {
		struct buf all;
		buf_init(&all, 64u << 10);
		nforms = L.nplurals < TR_MAX_FORMS ? L.nplurals : TR_MAX_FORMS;
		text = "";
		for (int i = 0; i < nforms && text; i++) {
			const char *f = req_form(r, arena_printf(&r->arena, "form%d", i));
			if (!f || strchr(f, TR_FORM_SEP)) {
				text = NULL;
			} else {
				if (i)
					buf_putc(&all, TR_FORM_SEP);
				buf_puts(&all, f);
			}
		}
		if (text)
			text = arena_strdup(&r->arena, all.data ? all.data : "");
		buf_free(&all);
	}
	int64_t from;
	if (!text || !parse_int64(req_form(r, "version"), 0, INT32_MAX, &from))
		return page_error(r, 400, N_("The form could not be read. Reload the page and try again."));
	enum tr_state state;
	if (str_eq(action, "save"))
		state = TR_WAITING;
	else if (str_eq(action, "draft") || str_eq(action, "reject"))
		state = TR_NEEDS_EDITING;
	else if (str_eq(action, "approve"))
		state = TR_APPROVED;
	else
		return page_error(r, 400, N_("The form could not be read. Reload the page and try again."));
	if ((state == TR_APPROVED || str_eq(action, "reject")) && !may_review(r, L.code))
		return page_error(r, 403, N_("Only a reviewer of this language may approve."));
	/* the text as typed, without the line ends a browser adds */
	char *t = arena_strdup(&r->arena, text);
	for (char *p = t, *q = t;; p++) {
		if (*p != '\r')
			*q++ = *p;
		if (!*p)
			break;
	}
	/* each form without the spaces and line ends typed after it */
	const char *forms[TR_MAX_FORMS];
	int nf = tr_forms_split(t, forms, TR_MAX_FORMS);
	bool valid = true;
	struct buf joined;
	buf_init(&joined, 64u << 10);
	for (int i = 0; i < nf; i++) {
		char *f = (char *)forms[i];
		size_t fl = strlen(f);
		while (fl && (f[fl - 1] == '\n' || f[fl - 1] == ' '))
			f[--fl] = 0;
		valid = valid && utf8_valid_text(f, fl, true);
		if (i)
			buf_putc(&joined, TR_FORM_SEP);
		buf_puts(&joined, f);
	}
	t = arena_strdup(&r->arena, joined.data ? joined.data : "");
	buf_free(&joined);
	size_t tl = strlen(t);
	struct glossary g;
	if (glossary_read(r, L.code, &g) < 0)
		return 500;
	struct tr_issue is[TR_MAX_ISSUES];
	int nis = 0;
	if (!valid || tl > 8000 || nf != nforms) {
		nis = 1;
		is[0] = (struct tr_issue){.error = true};
		is[0].msgid = N_("The translation must be text of up to 8000 characters.");
	} else {
		nis = tr_check(u->source, u->plural, forms, nf, u->plural ? nforms : 1, u->kind, g.terms, g.n,
			       is, TR_MAX_ISSUES);
	}
	if (tr_issues_block(is, nis))
		return editor(r, &L, s, u, 422, t, is, nis, false);
	struct db *db = req_db(r);
	int rc = tr_save(db, s, u, L.code, t, state, (int)from, r->user->id);
	if (rc == TR_CONFLICT)
		return editor(r, &L, s, u, 409, t, NULL, 0, true);
	if (rc != TR_SAVED)
		return 500;
	const char *filter = req_query(r, "state");
	const char *fq = filter && tr_state_from_id(filter) >= 0 ? filter : "";
	const char *go = u->id;
	bool next = str_eq(req_form(r, "next"), "1") && nis == 0;
	if (next && u->index + 1 < s->nunits)
		go = s->units[u->index + 1].id;
	struct buf loc;
	buf_init(&loc, 4096);
	buf_printf(&loc, "/translate/%s/%s/unit?id=", L.code, s->name);
	url_component_escape(&loc, go, strlen(go));
	if (*fq)
		buf_printf(&loc, "&state=%s", fq);
	if (go == u->id)
		buf_puts(&loc, "&saved=1");
	const char *where = arena_strdup(&r->arena, loc.data);
	buf_free(&loc);
	if (go == u->id && nis) {
		/* saved with warnings: show them */
		return editor(r, &L, s, u, 200, NULL, is, nis, false);
	}
	resp_redirect(r, 303, where);
	return 0;
}

/* POST /translate/:lang/:set/comment?id= */
int translate_comment(struct req *r)
{
	struct tr_lang L;
	int ok = path_lang(r, &L);
	if (ok != 1)
		return ok;
	const struct tr_set *s = path_set(r);
	const struct tr_unit *u = s ? query_unit(r, s) : NULL;
	if (!u)
		return page_error(r, 404, N_("There is no such unit."));
	const char *text = req_form(r, "comment");
	size_t n = text ? strlen(text) : 0;
	if (!n || n > 2000 || !utf8_valid_text(text, n, true))
		return page_error(r, 400, N_("Write a comment of up to 2000 characters."));
	if (db_x(req_db(r),
		 "INSERT INTO translation_comments (set_name, unit, lang, user_id, at, text) "
		 "VALUES (?, ?, ?, ?, ?, ?)",
		 "tttiit", s->name, u->id, L.code, r->user->id, now_seconds(), text) != DB_DONE)
		return 500;
	struct buf loc;
	buf_init(&loc, 4096);
	buf_printf(&loc, "/translate/%s/%s/unit?id=", L.code, s->name);
	url_component_escape(&loc, u->id, strlen(u->id));
	buf_puts(&loc, "#comments");
	resp_redirect(r, 303, arena_strdup(&r->arena, loc.data));
	buf_free(&loc);
	return 0;
}

/* ---- glossary ---- */

/* GET /translate/:lang/glossary */
int translate_glossary(struct req *r)
{
	struct tr_lang L;
	int ok = path_lang(r, &L);
	if (ok != 1)
		return ok;
	struct glossary g;
	if (glossary_read(r, L.code, &g) < 0)
		return 500;
	json_t *d = page_data(r, N_("Glossary"));
	json_object_set_new(d, "target", lang_json(&L));
	json_t *terms = json_array();
	for (int i = 0; i < g.n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "term", jstr(g.terms[i].term));
		json_object_set_new(o, "translation", jstr(g.terms[i].translation));
		json_array_append_new(terms, o);
	}
	json_object_set_new(d, "terms", terms);
	json_object_set_new(d, "may_keep", json_boolean(may_keep_glossary(r, L.code)));
	return page_render(r, "translate/glossary", d);
}

/* POST /translate/:lang/glossary: add or change (term, translation), or
 * remove (remove=TERM) */
int translate_glossary_save(struct req *r)
{
	struct tr_lang L;
	int ok = path_lang(r, &L);
	if (ok != 1)
		return ok;
	if (!may_keep_glossary(r, L.code))
		return page_error(r, 403, N_("Only a reviewer of this language keeps its glossary."));
	struct db *db = req_db(r);
	const char *remove = req_form(r, "remove");
	if (remove) {
		if (db_x(db, "DELETE FROM glossary WHERE lang = ? AND term = ?", "tt", L.code,
			 remove) != DB_DONE)
			return 500;
	} else {
		const char *term = req_form(r, "term"), *t = req_form(r, "translation");
		size_t a = term ? strlen(term) : 0, b = t ? strlen(t) : 0;
		if (!a || !b || a > 100 || b > 100 || !utf8_valid_text(term, a, false) ||
		    !utf8_valid_text(t, b, false))
			return page_error(r, 400, N_("Give the term and its translation, up to 100 "
						     "characters each."));
		if (db_x(db,
			 "INSERT INTO glossary (lang, term, translation) VALUES (?, ?, ?) ON CONFLICT "
			 "(lang, term) DO UPDATE SET translation = excluded.translation",
			 "ttt", L.code, term, t) != DB_DONE)
			return 500;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/translate/%s/glossary", L.code));
	return 0;
}

/* ---- files ---- */

/* GET /translate/:lang/:set/export?format=po|xliff */
int translate_export(struct req *r)
{
	struct tr_lang L;
	int ok = path_lang(r, &L);
	if (ok != 1)
		return ok;
	const struct tr_set *s = path_set(r);
	if (!s)
		return page_error(r, 404, N_("There is no such set of guidelines."));
	const char *f = req_query(r, "format");
	if (!str_eq(f, "po") && !str_eq(f, "xliff"))
		return page_error(r, 400, N_("Choose PO or XLIFF."));
	buf_reset(&r->out);
	if (tr_export(req_db(r), s, &L, str_eq(f, "po") ? TR_PO : TR_XLIFF, &r->out) < 0)
		return 500;
	resp_download(r, str_eq(f, "po") ? "text/x-gettext-translation; charset=utf-8"
					 : "application/xliff+xml",
		      arena_printf(&r->arena, "%s-%s.%s", s->name, L.code,
				   str_eq(f, "po") ? "po" : "xlf"));
	return 0;
}

/* Why a file was refused, in the reader's language: "Line 12: " and the
 * reason (the reader's parser's own words, in English, when it has no
 * form of ours). */
static const char *import_error(struct req *r, const struct tr_import_result *res)
{
	if (!res->msgid)
		return res->err[0] ? res->err : tr(r, N_("The database refused the import."));
	const char *line = trf(r, N_("Line {n}:"), "n", arena_printf(&r->arena, "%d", res->line),
			       (char *)NULL);
	const char *why = trf(r, res->msgid, "detail", res->detail, (char *)NULL);
	return arena_printf(&r->arena, "%s %s%s", line, res->unit, why);
}

static bool import_allowed(void *ctx, const char *lang)
{
	return may_edit(ctx, lang);
}

/* POST /translate/:lang/:set/import: a PO or XLIFF file (field "file") */
int translate_import(struct req *r)
{
	struct tr_lang L;
	int ok = path_lang(r, &L);
	if (ok != 1)
		return ok;
	const struct tr_set *s = path_set(r);
	if (!s)
		return page_error(r, 404, N_("There is no such set of guidelines."));
	if (!may_edit(r, L.code))
		return page_error(r, 403, N_("You do not translate this language."));
	const struct form_field *ff = form_file(&r->form, "file");
	const char *file = ff ? ff->value : req_form(r, "file");
	size_t flen = ff ? ff->len : file ? strlen(file) : 0;
	if (!file || !flen)
		return page_error(r, 400, N_("Choose a PO or XLIFF file."));
	/* a PO or XLIFF file is text: a NUL byte would cut it short */
	if (memchr(file, 0, flen))
		return page_error(r, 400, N_("The form could not be read. Reload the page and try again."));
	struct tr_import_result res;
	struct db *db = req_db(r);
	if (tr_import(db, file, flen, r->user->id, may_review(r, L.code), import_allowed, r,
		      NULL, NULL, &res) < 0) {
		json_t *d = page_data(r, N_("The file was not imported"));
		json_object_set_new(d, "target", lang_json(&L));
		json_object_set_new(d, "set", jstr(s->name));
		json_object_set_new(d, "error", jstr(import_error(r, &res)));
		r->status = 400;
		/* nothing of the file is kept */
		return page_render(r, "translate/import-error", d) == 0 ? 400 : 500;
	}
	audit(db, r->user, r->user->country[0] ? r->user->country : NULL, "translations_imported",
	      arena_printf(&r->arena, "%s/%s: %d changed", s->name, L.code, res.changed));
	resp_redirect(r, 303, arena_printf(&r->arena, "/translate/%s/%s?imported=%d", L.code,
					   s->name, res.changed));
	return 0;
}
