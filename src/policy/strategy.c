/*
 * strategy.c: the national strategy built in cophub (policy.h).
 *
 * A coordinator starts a strategy of their country, from its latest
 * closed self-assessment if they choose: besides the vision and the
 * objectives, a section for each gap of that assessment, the largest
 * first, opening with where the country stands, the next level to reach
 * and the guidelines that address it.  Sections are edited one at a time;
 * every save is a new version, kept; a save made from an older version
 * than the current one is refused and the other version shown.  The
 * stakeholder map lists the institutions and their roles.  The strategy
 * is exported as Markdown and as PDF.
 *
 * A strategy is its country's coordinators' (administrators read it); for
 * anyone else it does not exist.
 */
#include "policy/common.h"
#include "policy/policy.h"
#include "content/library.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "library/library.h"
#include "render/render.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/roles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TITLE_MAX 160
#define BODY_MAX 20000
#define NAME_MAX_CHARS 160
#define ROLE_MAX 500
#define STAKEHOLDERS_MAX 100
#define EXPORT_MAX (2u << 20)

int policy_strategy_load(struct req *r, struct pol_strategy *s)
{
	int64_t id;
	memset(s, 0, sizeof(*s));
	if (!parse_int64(req_param(r, 0), 1, INT64_MAX, &id))
		return page_error(r, 404, N_("There is no such strategy."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT id, country, title, assessment_id, created_at, adopted_on "
				  "FROM strategies WHERE id = ?",
				  "i", id);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("There is no such strategy."));
	}
	s->id = db_int(st, 0);
	str_copy(s->country, sizeof(s->country), db_text(st, 1));
	s->title = arena_strdup(&r->arena, db_text(st, 2));
	s->assessment_id = db_null(st, 3) ? 0 : db_int(st, 3);
	s->created_at = db_int(st, 4);
	s->adopted_on = db_null(st, 5) ? 0 : db_int(st, 5);
	db_done(st);
	if (r->user->role == R_ADMIN)
		return 0;
	if (r->user->role != R_COORDINATOR || !str_eq(r->user->country, s->country))
		return page_error(r, 404, N_("There is no such strategy."));
	s->editor = true;
	return 0;
}

int policy_strategy_edit(struct req *r, struct pol_strategy *s)
{
	int rc = policy_strategy_load(r, s);
	if (rc == 0 && !s->editor)
		return page_error(r, 403, N_("Only a coordinator of the country can do this."));
	return rc;
}

/* ---- the list, and a new one ---- */

static int list_page(struct req *r, int status, const char *error)
{
	json_t *d = page_data(r, N_("National strategies"));
	r->status = status;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	bool admin = r->user->role == R_ADMIN;
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT id, title, country, created_at FROM strategies WHERE ? = 1 OR "
				  "country = ? ORDER BY created_at DESC, id DESC LIMIT 100",
				  "it", (int64_t)admin, r->user->country);
	if (!st) {
		json_decref(d);
		return 500;
	}
	json_t *list = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "title", jstr(db_text(st, 1)));
		json_object_set_new(o, "country", jstr(db_text(st, 2)));
		json_object_set_new(o, "created", jstr(policy_day(r, db_int(st, 3))));
		json_array_append_new(list, o);
	}
	db_done(st);
	json_object_set_new(d, "strategies", list);
	/* the closed assessments it may start from */
	st = db_q(req_db(r),
		  "SELECT id, title, closed_at FROM assessments WHERE country = ? AND closed_at IS "
		  "NOT NULL ORDER BY closed_at DESC, id DESC LIMIT 50",
		  "t", r->user->country);
	if (!st) {
		json_decref(d);
		return 500;
	}
	json_t *as = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "title", jstr(db_text(st, 1)));
		json_object_set_new(o, "closed", jstr(policy_day(r, db_int(st, 2))));
		json_object_set_new(o, "selected", json_boolean(json_array_size(as) == 0));
		json_array_append_new(as, o);
	}
	db_done(st);
	json_object_set_new(d, "assessments", as);
	json_object_set_new(d, "may_create", json_boolean(r->user->role == R_COORDINATOR));
	json_object_set_new(d, "title_value", jstr(req_form(r, "title")));
	return page_render(r, "policy/strategies", d);
}

/* GET /policy/strategies */
int policy_strategies(struct req *r)
{
	return list_page(r, 200, NULL);
}

static int add_section(struct req *r, int64_t id, const char *country, const char *key,
		       int position, const char *title, const char *body)
{
	int64_t now = now_seconds();
	if (db_x(req_db(r),
		 "INSERT INTO strategy_sections (strategy_id, key, country, position, title, body, "
		 "version, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
		 "ittitt" "ii", id, key, country, (int64_t)position, title, body, r->user->id,
		 now) != DB_DONE)
		return -1;
	return db_x(req_db(r),
		    "INSERT INTO strategy_section_history (strategy_id, key, version, country, "
		    "title, body, edited_by, edited_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?)",
		    "ittt" "tii", id, key, country, title, body, r->user->id, now) == DB_DONE
		       ? 0
		       : -1;
}

/* The opening of a gap's section: where the country stands, the next
 * level, the guidelines to read (their titles and addresses). */
static const char *gap_body(struct req *r, const struct pol_gap *g)
{
	const struct pol_framework *fw = policy_fw();
	const struct pol_cap *c = &fw->caps[g->cap];
	struct buf b;
	buf_init(&b, 16384);
	char n[8], next[8];
	snprintf(n, sizeof(n), "%d", g->level);
	snprintf(next, sizeof(next), "%d", g->level + 1);
	buf_puts(&b, trf(r, N_("Today: level {n}, {name}. {about}"), "n", n, "name",
			   content_text(&fw->level_name[g->level - 1], r->lang), "about",
			   content_text(&c->level[g->level - 1], r->lang), (char *)NULL));
	buf_puts(&b, "\n\n");
	buf_puts(&b, trf(r, N_("To reach level {n}, {name}: {about}"), "n", next, "name",
			   content_text(&fw->level_name[g->level], r->lang), "about",
			   content_text(&c->level[g->level], r->lang), (char *)NULL));
	if (c->nsee) {
		buf_puts(&b, "\n\n");
		buf_puts(&b, tr(r, N_("What the guidelines recommend:")));
		struct lib_text t;
		lib_text_lang(r, &t);
		for (int k = 0; k < c->nsee; k++) {
			const char *slash = strchr(c->see[k], '/');
			const char *id = slash + 1, *dot = strchr(id, '.');
			const char *set = arena_strndup(&r->arena, c->see[k], (size_t)(slash - c->see[k]));
			const struct lib_set *ls = library_set(policy_lib(), set);
			const struct lib_chapter *ch = NULL;
			const struct lib_section *sec = NULL;
			const struct lib_item *it = NULL;
			const char *label = id;
			if (ls && library_find(ls, id, &ch, &sec, &it) && !it)
				label = sec ? lib_text(r, &t, ls, arena_printf(&r->arena, "%s#title", sec->id),
						       sec->title, NULL)
					    : lib_text(r, &t, ls, arena_printf(&r->arena, "%s#title", ch->id),
						       ch->title, NULL);
			buf_printf(&b, "\n- %s (/library/%s/%.*s#%s)", label, set,
				   dot ? (int)(dot - id) : (int)strlen(id), id, id);
		}
	}
	buf_putc(&b, '\0');
	const char *out = arena_strdup(&r->arena, b.data);
	buf_free(&b);
	return out;
}

/* POST /policy/strategies (coordinators): a new strategy of their
 * country, from one of its closed assessments or none. */
int policy_strategy_create(struct req *r)
{
	const char *title = req_form(r, "title");
	if (!title || !*title || !utf8_one_line(title, TITLE_MAX))
		return list_page(r, 400, N_("Give the strategy a title on one line, in at most 160 "
					    "characters."));
	const char *from = req_form(r, "assessment");
	int64_t aid = 0;
	if (from && *from && !str_eq(from, "none")) {
		struct db_stmt *st = NULL;
		if (parse_int64(from, 1, INT64_MAX, &aid))
			st = db_q(req_db(r),
				  "SELECT 1 FROM assessments WHERE id = ? AND country = ? AND "
				  "closed_at IS NOT NULL",
				  "it", aid, r->user->country);
		bool found = st && db_step(st) == DB_ROW;
		if (st)
			db_done(st);
		if (!found)
			return list_page(r, 400, N_("Choose a closed self-assessment of your "
						    "country, or none."));
	}
	int64_t id = db_insert_id(req_db(r),
				  "INSERT INTO strategies (country, title, assessment_id, created_by, "
				  "created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
				  "ttnii", r->user->country, title, aid, r->user->id, now_seconds());
	if (!id)
		return 500;
	const char *cc = r->user->country;
	if (add_section(r, id, cc, "vision", 1, tr(r, N_("Vision")), "") < 0 ||
	    add_section(r, id, cc, "objectives", 2, tr(r, N_("Objectives")), "") < 0)
		return 500;
	if (aid) {
		struct pol_gap gaps[POL_MAX_CAPS];
		int n = policy_gaps(r, aid, gaps, POL_MAX_CAPS);
		if (n < 0)
			return 500;
		for (int k = 0; k < n; k++) {
			const struct pol_cap *c = &policy_fw()->caps[gaps[k].cap];
			if (add_section(r, id, cc, arena_printf(&r->arena, "gap-%s", c->id), 10 + k,
					content_text(&c->title, r->lang), gap_body(r, &gaps[k])) < 0)
				return 500;
		}
	}
	audit(req_db(r), r->user, cc, "strategy_created", arena_printf(&r->arena, "%lld", (long long)id));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/strategies/%lld", (long long)id));
	return 0;
}

/* ---- reading it ---- */

struct section {
	const char *key, *title, *body, *by;
	int version;
	int64_t at;
};

/* The sections in order, into r's arena: their count or -1. */
static int sections_of(struct req *r, int64_t id, struct section **out)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT s.key, s.title, s.body, s.version, s.updated_at, "
				  "COALESCE(u.username, '') FROM strategy_sections s LEFT JOIN users u "
				  "ON u.id = s.updated_by WHERE s.strategy_id = ? ORDER BY s.position, "
				  "s.key",
				  "i", id);
	if (!st)
		return -1;
	int n = 0, cap = 8;
	struct section *v = arena_alloc(&r->arena, (size_t)cap * sizeof(*v));
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			struct section *w = arena_alloc(&r->arena, (size_t)cap * 2 * sizeof(*v));
			memcpy(w, v, (size_t)n * sizeof(*v));
			v = w;
			cap *= 2;
		}
		v[n++] = (struct section){
			.key = arena_strdup(&r->arena, db_text(st, 0)),
			.title = arena_strdup(&r->arena, db_text(st, 1)),
			.body = arena_strdup(&r->arena, db_text(st, 2)),
			.version = (int)db_int(st, 3),
			.at = db_int(st, 4),
			.by = arena_strdup(&r->arena, db_text(st, 5)),
		};
	}
	db_done(st);
	*out = v;
	return rc == DB_DONE ? n : -1;
}

json_t *policy_paragraphs(const char *body)
{
	json_t *a = json_array();
	const char *p = body;
	while (*p) {
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		while (n && (p[n - 1] == '\n' || p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		if (n) {
			char *one = strndup(p, n);
			json_array_append_new(a, jstr(one));
			free(one);
		}
		p += end ? (size_t)(end - p) + 2 : strlen(p);
		while (*p == '\n' || *p == '\r')
			p++;
	}
	return a;
}

static json_t *stakeholders_json(struct req *r, int64_t id, bool *err)
{
	json_t *list = json_array();
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT id, institution, role, leads FROM strategy_stakeholders WHERE "
				  "strategy_id = ? ORDER BY leads DESC, institution, id",
				  "i", id);
	if (!st) {
		*err = true;
		return list;
	}
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "institution", jstr(db_text(st, 1)));
		json_object_set_new(o, "role", jstr(db_text(st, 2)));
		json_object_set_new(o, "leads", json_boolean(db_int(st, 3) != 0));
		json_array_append_new(list, o);
	}
	db_done(st);
	(void)r;
	return list;
}

static int strategy_page(struct req *r, const struct pol_strategy *s, int status, const char *error)
{
	struct section *secs;
	int n = sections_of(r, s->id, &secs);
	if (n < 0)
		return 500;
	json_t *d = page_data(r, N_("National strategy"));
	r->status = status;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	json_t *so = json_object();
	json_object_set_new(so, "id", json_integer(s->id));
	json_object_set_new(so, "title", jstr(s->title));
	json_object_set_new(so, "country", jstr(s->country));
	json_object_set_new(so, "created", jstr(policy_day(r, s->created_at)));
	if (s->adopted_on)
		json_object_set_new(so, "adopted", jstr(policy_day(r, s->adopted_on)));
	if (s->assessment_id)
		json_object_set_new(so, "assessment_id", json_integer(s->assessment_id));
	json_object_set_new(d, "s", so);
	json_object_set_new(d, "editor", json_boolean(s->editor));
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "key", jstr(secs[i].key));
		json_object_set_new(o, "title", jstr(secs[i].title));
		json_object_set_new(o, "paragraphs", policy_paragraphs(secs[i].body));
		json_object_set_new(o, "empty", json_boolean(!*secs[i].body));
		json_object_set_new(o, "version", json_integer(secs[i].version));
		json_object_set_new(o, "by", jstr(secs[i].by));
		json_object_set_new(o, "when", jstr(policy_day(r, secs[i].at)));
		json_array_append_new(list, o);
	}
	json_object_set_new(d, "sections", list);
	bool err = false;
	json_object_set_new(d, "stakeholders", stakeholders_json(r, s->id, &err));
	if (err) {
		json_decref(d);
		return 500;
	}
	const char *fields[] = {"institution", "role"};
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		json_object_set_new(d, fields[i], jstr(req_form(r, fields[i])));
	return page_render(r, "policy/strategy", d);
}

/* GET /policy/strategies/:id */
int policy_strategy(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_load(r, &s);
	return rc ? rc : strategy_page(r, &s, 200, NULL);
}

/* ---- a section ---- */

static int section_page(struct req *r, const struct pol_strategy *s, const char *key, int status,
			const char *error, const struct section *theirs)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT title, body, version FROM strategy_sections WHERE "
				  "strategy_id = ? AND key = ?",
				  "it", s->id, key);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("The strategy has no such section."));
	}
	const char *title = arena_strdup(&r->arena, db_text(st, 0));
	const char *body = arena_strdup(&r->arena, db_text(st, 1));
	int version = (int)db_int(st, 2);
	db_done(st);
	json_t *d = page_data(r, N_("National strategy"));
	r->status = status;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	json_t *so = json_object();
	json_object_set_new(so, "id", json_integer(s->id));
	json_object_set_new(so, "title", jstr(s->title));
	json_object_set_new(d, "s", so);
	json_object_set_new(d, "key", jstr(key));
	json_object_set_new(d, "editor", json_boolean(s->editor));
	/* what was typed, when sent back; the current text otherwise */
	const char *ft = error ? req_form(r, "title") : NULL;
	const char *fb = error ? req_form(r, "body") : NULL;
	json_object_set_new(d, "title", jstr(ft ? ft : title));
	json_object_set_new(d, "body", jstr(fb ? fb : body));
	json_object_set_new(d, "current_title", jstr(title));
	json_object_set_new(d, "version", json_integer(version));
	if (theirs) {
		json_t *o = json_object();
		json_object_set_new(o, "title", jstr(theirs->title));
		json_object_set_new(o, "paragraphs", policy_paragraphs(theirs->body));
		json_object_set_new(o, "by", jstr(theirs->by));
		json_object_set_new(o, "version", json_integer(theirs->version));
		json_object_set_new(d, "theirs", o);
	}
	st = db_q(req_db(r),
		  "SELECT h.version, h.title, h.body, h.edited_at, COALESCE(u.username, '') FROM "
		  "strategy_section_history h LEFT JOIN users u ON u.id = h.edited_by WHERE "
		  "h.strategy_id = ? AND h.key = ? ORDER BY h.version DESC LIMIT 50",
		  "it", s->id, key);
	if (!st) {
		json_decref(d);
		return 500;
	}
	json_t *hist = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "version", json_integer(db_int(st, 0)));
		json_object_set_new(o, "title", jstr(db_text(st, 1)));
		json_object_set_new(o, "paragraphs", policy_paragraphs(db_text(st, 2)));
		json_object_set_new(o, "when", jstr(policy_day(r, db_int(st, 3))));
		json_object_set_new(o, "by", jstr(db_text(st, 4)));
		json_array_append_new(hist, o);
	}
	db_done(st);
	json_object_set_new(d, "history", hist);
	return page_render(r, "policy/section", d);
}

static const char *path_key(struct req *r)
{
	const char *k = req_param(r, 1);
	return k && strlen(k) < 64 ? k : "";
}

/* GET /policy/strategies/:id/sections/:key */
int policy_section(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_load(r, &s);
	return rc ? rc : section_page(r, &s, path_key(r), 200, NULL, NULL);
}

/* POST /policy/strategies/:id/sections/:key: a new version, made from
 * the version the form was opened on. */
int policy_section_save(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_edit(r, &s);
	if (rc)
		return rc;
	const char *key = path_key(r);
	const char *title = req_form(r, "title");
	const char *sent = req_form(r, "body");
	/* browsers send a textarea's lines with CRLF: kept with LF */
	char *body = arena_strdup(&r->arena, sent ? sent : "");
	size_t k = 0;
	for (const char *p = body; *p; p++)
		if (*p != '\r')
			body[k++] = *p;
	body[k] = 0;
	int64_t base;
	if (!parse_int64(req_form(r, "version"), 1, INT32_MAX, &base))
		return section_page(r, &s, key, 400, N_("The form has expired. Go back, reload the "
							 "page and try again."), NULL);
	if (!title || !*title || !utf8_one_line(title, TITLE_MAX))
		return section_page(r, &s, key, 400, N_("Give the section a title on one line, in "
							 "at most 160 characters."), NULL);
	if (utf8_chars(body) > BODY_MAX || !utf8_valid_text(body, strlen(body), true))
		return section_page(r, &s, key, 400, N_("A section's text is at most 20,000 "
							 "characters."), NULL);
	/* only over the version it was made from */
	int64_t now = now_seconds();
	int x = db_x(req_db(r),
		     "UPDATE strategy_sections SET title = ?, body = ?, version = version + 1, "
		     "updated_by = ?, updated_at = ? WHERE strategy_id = ? AND key = ? AND version = ?",
		     "ttii" "iti", title, body, r->user->id, now, s.id, key, base);
	if (x != DB_DONE)
		return 500;
	if (db_changes(req_db(r)) != 1) {
		struct section *secs;
		int n = sections_of(r, s.id, &secs);
		if (n < 0)
			return 500;
		for (int i = 0; i < n; i++)
			if (str_eq(secs[i].key, key))
				return section_page(r, &s, key, 409,
						    N_("Someone saved this section while you were "
						       "editing it: their version is below. Merge "
						       "yours into it and save again."),
						    &secs[i]);
		return page_error(r, 404, N_("The strategy has no such section."));
	}
	if (db_x(req_db(r),
		 "INSERT INTO strategy_section_history (strategy_id, key, version, country, title, "
		 "body, edited_by, edited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		 "itit" "ttii", s.id, key, base + 1, s.country, title, body, r->user->id,
		 now) != DB_DONE)
		return 500;
	audit(req_db(r), r->user, s.country, "strategy_section_saved",
	      arena_printf(&r->arena, "%lld %s", (long long)s.id, key));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/strategies/%lld#%s",
					   (long long)s.id, key));
	return 0;
}

/* POST /policy/strategies/:id/adopt: the day the government adopted it
 * (a strategy is a draft until then); given again, it is corrected. */
int policy_strategy_adopt(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_edit(r, &s);
	if (rc)
		return rc;
	int64_t day, now = now_seconds();
	if (!policy_parse_day(req_form(r, "adopted_on"), &day) || day > now ||
	    day < s.created_at - s.created_at % 86400 - 20LL * 366 * 86400)
		return strategy_page(r, &s, 400, N_("Give the day the strategy was adopted: a date "
						    "that has come."));
	if (db_x(req_db(r), "UPDATE strategies SET adopted_on = ? WHERE id = ?", "ii", day, s.id) !=
	    DB_DONE)
		return 500;
	audit(req_db(r), r->user, s.country, "strategy_adopted",
	      arena_printf(&r->arena, "%lld", (long long)s.id));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/strategies/%lld", (long long)s.id));
	return 0;
}

/* ---- the stakeholder map ---- */

/* POST /policy/strategies/:id/stakeholders */
int policy_stakeholder_add(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_edit(r, &s);
	if (rc)
		return rc;
	const char *inst = req_form(r, "institution"), *role = req_form(r, "role");
	if (!inst || !*inst || !utf8_one_line(inst, NAME_MAX_CHARS))
		return strategy_page(r, &s, 400, N_("Name the institution on one line, in at most "
						    "160 characters."));
	if (!role || !*role || !utf8_one_line(role, ROLE_MAX))
		return strategy_page(r, &s, 400, N_("Say its role on one line, in at most 500 "
						    "characters."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT COUNT(*) FROM strategy_stakeholders WHERE strategy_id = ?",
				  "i", s.id);
	if (!st)
		return 500;
	int64_t have = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
	db_done(st);
	if (have >= STAKEHOLDERS_MAX)
		return strategy_page(r, &s, 409, N_("The map holds at most 100 institutions."));
	if (db_x(req_db(r),
		 "INSERT INTO strategy_stakeholders (strategy_id, country, institution, role, leads) "
		 "VALUES (?, ?, ?, ?, ?)",
		 "ittti", s.id, s.country, inst, role,
		 (int64_t)(req_form(r, "leads") != NULL)) != DB_DONE)
		return 500;
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/strategies/%lld#stakeholders",
					   (long long)s.id));
	return 0;
}

/* POST /policy/strategies/:id/stakeholders/:sid/delete */
int policy_stakeholder_delete(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_edit(r, &s);
	if (rc)
		return rc;
	int64_t sid;
	if (!parse_int64(req_param(r, 1), 1, INT64_MAX, &sid))
		return page_error(r, 404, N_("There is no such institution in the map."));
	if (db_x(req_db(r), "DELETE FROM strategy_stakeholders WHERE id = ? AND strategy_id = ?",
		 "ii", sid, s.id) != DB_DONE)
		return 500;
	if (db_changes(req_db(r)) != 1)
		return page_error(r, 404, N_("There is no such institution in the map."));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/strategies/%lld#stakeholders",
					   (long long)s.id));
	return 0;
}

/* ---- exports ---- */

/* What an export holds: the strategy of the path, its sections and its
 * stakeholder map (*sh to json_decref).  0, or the page written or 500. */
static int export_parts(struct req *r, struct pol_strategy *s, struct section **secs, int *n,
			json_t **sh)
{
	*sh = NULL;
	int rc = policy_strategy_load(r, s);
	if (rc)
		return rc;
	*n = sections_of(r, s->id, secs);
	if (*n < 0)
		return 500;
	bool err = false;
	*sh = stakeholders_json(r, s->id, &err);
	if (err) {
		json_decref(*sh);
		*sh = NULL;
		return 500;
	}
	return 0;
}

/* GET /policy/strategies/:id/markdown */
int policy_strategy_markdown(struct req *r)
{
	struct pol_strategy s;
	struct section *secs;
	json_t *sh;
	int n, rc = export_parts(r, &s, &secs, &n, &sh);
	if (rc)
		return rc;
	struct buf *b = &r->out;
	buf_reset(b);
	buf_printf(b, "# %s\n\n", s.title);
	buf_printf(b, "%s\n", trf(r, N_("Country: {country}. Exported from cophub on {date}."),
				   "country", s.country, "date", policy_day(r, now_seconds()),
				   (char *)NULL));
	for (int i = 0; i < n; i++) {
		buf_printf(b, "\n## %s\n", secs[i].title);
		if (*secs[i].body)
			buf_printf(b, "\n%s\n", secs[i].body);
		if (i == 1) { /* the map after the objectives */
			buf_printf(b, "\n## %s\n\n| %s | %s |\n|---|---|\n", tr(r, N_("Stakeholders")),
				   tr(r, N_("Institution")), tr(r, N_("Role")));
			size_t k;
			json_t *o;
			json_array_foreach(sh, k, o)
			{
				/* a | in a cell would end it */
				const char *in = json_string_value(json_object_get(o, "institution"));
				const char *ro = json_string_value(json_object_get(o, "role"));
				buf_puts(b, "| ");
				for (const char *p = in; *p; p++)
					*p == '|' ? buf_puts(b, "\\|") : buf_putc(b, *p);
				if (json_is_true(json_object_get(o, "leads")))
					buf_printf(b, " (%s)", tr(r, N_("leads")));
				buf_puts(b, " | ");
				for (const char *p = ro; *p; p++)
					*p == '|' ? buf_puts(b, "\\|") : buf_putc(b, *p);
				buf_puts(b, " |\n");
			}
		}
	}
	json_decref(sh);
	if (b->overflow)
		return 500;
	resp_download(r, "text/markdown; charset=utf-8",
		      arena_printf(&r->arena, "strategy-%s-%lld.md", s.country, (long long)s.id));
	return 0;
}

/* GET /policy/strategies/:id/pdf */
int policy_strategy_pdf(struct req *r)
{
	struct pol_strategy s;
	struct section *secs;
	json_t *sh;
	int n, rc = export_parts(r, &s, &secs, &n, &sh);
	if (rc)
		return rc;
	/* a chapter a section, and the map as a chapter of its own */
	struct book_chapter *chs = arena_alloc(&r->arena, (size_t)(n + 1) * sizeof(*chs));
	int nch = 0;
	for (int i = 0; i < n; i++) {
		chs[nch++] = (struct book_chapter){.title = secs[i].title,
						   .intro = *secs[i].body ? secs[i].body : "…"};
		if (i == 1 || (i == n - 1 && n < 2)) {
			struct buf m;
			buf_init(&m, 65536);
			size_t k;
			json_t *o;
			json_array_foreach(sh, k, o)
			{
				buf_printf(&m, "%s%s%s: %s\n\n",
					   json_string_value(json_object_get(o, "institution")),
					   json_is_true(json_object_get(o, "leads")) ? " · " : "",
					   json_is_true(json_object_get(o, "leads")) ? tr(r, N_("leads")) : "",
					   json_string_value(json_object_get(o, "role")));
			}
			buf_putc(&m, '\0');
			chs[nch++] = (struct book_chapter){
				.title = tr(r, N_("Stakeholders")),
				.intro = arena_strdup(&r->arena, m.len > 1 ? m.data : "…")};
			buf_free(&m);
		}
	}
	json_decref(sh);
	const struct catalog *cat = i18n_catalog(r->lang);
	struct book_doc d = {
		.lang = r->lang,
		.rtl = cat && catalog_rtl(cat),
		.title = s.title,
		.summary = trf(r, N_("National strategy on child online protection: {country}"),
				 "country", s.country, (char *)NULL),
		.notice = tr(r, N_("A draft made in cophub. It is the country's own text, not a text "
				   "of ITU.")),
		.edition = arena_printf(&r->arena, "%s · cophub · %s", s.country,
					policy_day(r, now_seconds())),
		.contents = tr(r, N_("Contents")),
		.page = tr(r, N_("Page {n} of {total}")),
		.chapters = chs,
		.nchapters = nch,
	};
	buf_reset(&r->out);
	char perr[256] = "the PDF is too large";
	struct buf pdf;
	buf_init(&pdf, EXPORT_MAX);
	rc = pdf_book(&d, &pdf, perr, sizeof(perr));
	if (rc < 0 || !buf_put(&r->out, pdf.data, pdf.len)) {
		buf_free(&pdf);
		buf_reset(&r->out);
		return 500;
	}
	buf_free(&pdf);
	resp_download(r, "application/pdf",
		      arena_printf(&r->arena, "strategy-%s-%lld.pdf", s.country, (long long)s.id));
	return 0;
}
