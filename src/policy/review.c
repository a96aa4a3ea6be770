/*
 * review.c: the validation of national implementation plans (policy.h).
 *
 * A coordinator submits the plan of a strategy: cophub keeps it as it
 * stands at that moment, a version numbered from 1 (the strategy's
 * sections, the actions under its objectives with their milestones, the
 * indicators), as JSON text that nothing changes afterwards.  A
 * validator, a regional or ITU reviewer, comments on the whole, on a
 * section or on an action, then returns the version to the country with
 * a note or validates it.  Validating draws the PDF of the version with
 * the day it was validated and keeps it beside the version; that PDF is
 * public.  While one version waits for a validator, no other version of
 * the same plan may be submitted; once decided, a version is frozen.
 *
 * The live plan stays the coordinators' to carry out and update; what
 * was submitted does not move with it.
 *
 * Who sees a version: validators (every country's submitted plans are
 * theirs to review), administrators, and the coordinators of its
 * country; for anyone else it does not exist.
 */
#include "policy/common.h"
#include "policy/policy.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "render/render.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/roles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SNAPSHOT_MAX (4u << 20)
#define COMMENT_MAX 4000
#define NOTE_MAX 4000
#define COMMENTS_MAX 500
#define PDF_MAX (4u << 20)

/* A version's country by its name in the reader's language: the join
 * binds the language. */
#define COUNTRY_NAME "COALESCE(l.name, e.name, v.country)"
#define COUNTRY_JOIN                                                                          \
	" LEFT JOIN country_names l ON l.code = v.country AND l.lang = ? LEFT JOIN "           \
	"country_names e ON e.code = v.country AND e.lang = 'en'"

/* ---- the plan as submitted ---- */

/* The objectives (sections but the vision) with their actions and
 * milestones, the sections' texts, the indicators: the version's JSON. */
static json_t *snapshot(struct req *r, const struct pol_strategy *s)
{
	struct db *db = req_db(r);
	json_t *o = json_object();
	json_object_set_new(o, "title", jstr(s->title));
	json_object_set_new(o, "country", jstr(s->country));
	json_t *secs = json_array(), *objs = json_array();
	struct db_stmt *st = db_q(db,
				  "SELECT key, title, body FROM strategy_sections WHERE strategy_id = "
				  "? ORDER BY position, key",
				  "i", s->id);
	if (!st)
		goto fail;
	while (db_step(st) == DB_ROW) {
		json_t *x = json_object();
		json_object_set_new(x, "key", jstr(db_text(st, 0)));
		json_object_set_new(x, "title", jstr(db_text(st, 1)));
		json_object_set_new(x, "body", jstr(db_text(st, 2)));
		json_array_append_new(secs, x);
		if (!str_eq(db_text(st, 0), "vision")) {
			json_t *ob = json_object();
			json_object_set_new(ob, "key", jstr(db_text(st, 0)));
			json_object_set_new(ob, "title", jstr(db_text(st, 1)));
			json_object_set_new(ob, "actions", json_array());
			json_array_append_new(objs, ob);
		}
	}
	db_done(st);
	st = db_q(db,
		  "SELECT id, objective, title, lead, partners, starts_on, ends_on, budget, weight, "
		  "status, progress FROM plan_actions WHERE strategy_id = ? ORDER BY starts_on, id",
		  "i", s->id);
	if (!st)
		goto fail;
	double total = 0;
	int weights = 0, nactions = 0;
	while (db_step(st) == DB_ROW) {
		json_t *a = json_object();
		json_object_set_new(a, "id", json_integer(db_int(st, 0)));
		json_object_set_new(a, "title", jstr(db_text(st, 2)));
		json_object_set_new(a, "lead", jstr(db_text(st, 3)));
		json_object_set_new(a, "partners", jstr(db_text(st, 4)));
		json_object_set_new(a, "starts", jstr(policy_day(r, db_int(st, 5))));
		json_object_set_new(a, "ends", jstr(policy_day(r, db_int(st, 6))));
		if (!db_null(st, 7))
			json_object_set_new(a, "budget", json_integer(db_int(st, 7)));
		int w = (int)db_int(st, 8), p = (int)db_int(st, 10);
		json_object_set_new(a, "weight", json_integer(w));
		json_object_set_new(a, "status", jstr(db_text(st, 9)));
		json_object_set_new(a, "progress", json_integer(p));
		json_object_set_new(a, "milestones", json_array());
		if (!str_eq(db_text(st, 9), "stopped")) {
			total += (double)w * p;
			weights += w;
		}
		nactions++;
		size_t k;
		json_t *ob;
		json_array_foreach(objs, k, ob)
		{
			if (str_eq(json_string_value(json_object_get(ob, "key")), db_text(st, 1))) {
				json_array_append(json_object_get(ob, "actions"), a);
				break;
			}
		}
		json_decref(a);
	}
	db_done(st);
	st = db_q(db,
		  "SELECT m.action_id, m.title, m.due_on, m.done_on FROM plan_milestones m JOIN "
		  "plan_actions a ON a.id = m.action_id WHERE a.strategy_id = ? ORDER BY m.due_on, m.id",
		  "i", s->id);
	if (!st)
		goto fail;
	while (db_step(st) == DB_ROW) {
		size_t k, j;
		json_t *ob, *a;
		json_array_foreach(objs, k, ob)
		{
			json_array_foreach(json_object_get(ob, "actions"), j, a)
			{
				if (json_integer_value(json_object_get(a, "id")) != db_int(st, 0))
					continue;
				json_t *m = json_object();
				json_object_set_new(m, "title", jstr(db_text(st, 1)));
				json_object_set_new(m, "due", jstr(policy_day(r, db_int(st, 2))));
				json_object_set_new(m, "done", json_boolean(!db_null(st, 3)));
				json_array_append_new(json_object_get(a, "milestones"), m);
			}
		}
	}
	db_done(st);
	/* the indicators, with their latest approved value */
	json_t *inds = json_array();
	json_object_set_new(o, "indicators", inds);
	st = db_q(db,
		  "SELECT i.id, i.title, i.unit, i.baseline, i.target, COALESCE((SELECT v.period || "
		  "' ' || CAST(v.value AS TEXT) FROM indicator_values v WHERE v.indicator_id = i.id "
		  "AND v.status = 'approved' ORDER BY v.period DESC LIMIT 1), (SELECT c.period || ' ' "
		  "|| COALESCE(CAST(c.value AS TEXT), '<5') FROM indicator_computed c WHERE "
		  "c.indicator_id = i.id ORDER BY c.period DESC LIMIT 1)) FROM plan_indicators i "
		  "WHERE i.strategy_id = ? ORDER BY i.id",
		  "i", s->id);
	if (!st)
		goto fail;
	while (db_step(st) == DB_ROW) {
		json_t *x = json_object();
		json_object_set_new(x, "title", jstr(db_text(st, 1)));
		json_object_set_new(x, "unit", jstr(db_text(st, 2)));
		json_object_set_new(x, "baseline",
				    jstr(arena_printf(&r->arena, "%g", strtod(db_text(st, 3), NULL))));
		json_object_set_new(x, "target",
				    jstr(arena_printf(&r->arena, "%g", strtod(db_text(st, 4), NULL))));
		const char *latest = db_text(st, 5);
		if (latest && strchr(latest, ' ')) {
			const char *sp = strchr(latest, ' ');
			json_object_set_new(x, "latest_period",
					    jstr(arena_strndup(&r->arena, latest, (size_t)(sp - latest))));
			/* a count of children too small to show stays "<5" */
			char *end;
			double v = strtod(sp + 1, &end);
			json_object_set_new(x, "latest",
					    jstr(end == sp + 1 ? sp + 1
							       : arena_printf(&r->arena, "%g", v)));
		}
		json_array_append_new(inds, x);
	}
	db_done(st);
	json_object_set_new(o, "sections", secs);
	json_object_set_new(o, "objectives", objs);
	json_object_set_new(o, "nactions", json_integer(nactions));
	json_object_set_new(o, "progress",
			    json_integer(weights ? (int)(total / weights + 0.5) : 0));
	return o;
fail:
	json_decref(secs);
	json_decref(objs);
	json_decref(o);
	return NULL;
}

/* ---- a version ---- */

struct version {
	int64_t id, strategy_id, number, submitted_at, decided_at;
	char country[3];
	const char *status, *snapshot, *note, *submitted_by, *decided_by, *country_name;
	bool validator, coordinator, has_pdf;
};

/* Loads the version of the path (:vid) for one who may see it: 0, or the
 * page written (404) or 500. */
static int load_version(struct req *r, struct version *v)
{
	memset(v, 0, sizeof(*v));
	if (!parse_int64(req_param(r, 0), 1, INT64_MAX, &v->id))
		return page_error(r, 404, N_("There is no such version of a plan."));
	struct db_stmt *st = db_q(
		req_db(r),
		"SELECT v.strategy_id, v.version, v.country, v.status, v.snapshot, v.submitted_at, "
		"v.decided_at, v.decision_note, COALESCE(s.username, ''), COALESCE(d.username, ''), "
		"CASE WHEN v.pdf IS NULL THEN 0 ELSE 1 END, " COUNTRY_NAME " FROM plan_versions v "
		"LEFT JOIN users s ON s.id = v.submitted_by LEFT JOIN users d ON d.id = "
		"v.decided_by" COUNTRY_JOIN " WHERE v.id = ?",
		"ti", r->lang, v->id);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("There is no such version of a plan."));
	}
	v->strategy_id = db_int(st, 0);
	v->number = db_int(st, 1);
	str_copy(v->country, sizeof(v->country), db_text(st, 2));
	v->status = arena_strdup(&r->arena, db_text(st, 3));
	v->snapshot = arena_strdup(&r->arena, db_text(st, 4));
	v->submitted_at = db_int(st, 5);
	v->decided_at = db_null(st, 6) ? 0 : db_int(st, 6);
	v->note = arena_strdup(&r->arena, db_text(st, 7));
	v->submitted_by = arena_strdup(&r->arena, db_text(st, 8));
	v->decided_by = arena_strdup(&r->arena, db_text(st, 9));
	v->has_pdf = db_int(st, 10) != 0;
	v->country_name = arena_strdup(&r->arena, db_text(st, 11));
	db_done(st);
	v->validator = r->user && r->user->role == R_VALIDATOR;
	v->coordinator = r->user && r->user->role == R_COORDINATOR &&
			 str_eq(r->user->country, v->country);
	if (!r->user || (!v->validator && !v->coordinator && r->user->role != R_ADMIN))
		return page_error(r, 404, N_("There is no such version of a plan."));
	return 0;
}

static const char *status_label(const char *status)
{
	if (str_eq(status, "submitted"))
		return N_("Waiting for a validator");
	if (str_eq(status, "returned"))
		return N_("Returned to the country");
	if (str_eq(status, "validated"))
		return N_("Validated");
	return "";
}

/* How many comments version vid has: their count, or -1. */
static int64_t comments_count(struct req *r, int64_t vid)
{
	struct db_stmt *st =
		db_q(req_db(r), "SELECT COUNT(*) FROM plan_comments WHERE version_id = ?", "i", vid);
	if (!st)
		return -1;
	int64_t n = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
	db_done(st);
	return n;
}

/* The comments of version v, by target: an object of arrays. */
static json_t *comments_of(struct req *r, int64_t vid, bool *err)
{
	json_t *by = json_object();
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT c.target, c.body, c.created_at, COALESCE(u.username, '') FROM "
				  "plan_comments c LEFT JOIN users u ON u.id = c.author WHERE "
				  "c.version_id = ? ORDER BY c.created_at, c.id",
				  "i", vid);
	if (!st) {
		*err = true;
		return by;
	}
	while (db_step(st) == DB_ROW) {
		json_t *list = json_object_get(by, db_text(st, 0));
		if (!list) {
			list = json_array();
			json_object_set_new(by, db_text(st, 0), list);
		}
		json_t *c = json_object();
		json_object_set_new(c, "paragraphs", policy_paragraphs(db_text(st, 1)));
		json_object_set_new(c, "when", jstr(policy_day(r, db_int(st, 2))));
		json_object_set_new(c, "by", jstr(db_text(st, 3)));
		json_array_append_new(list, c);
	}
	db_done(st);
	return by;
}

static int version_page(struct req *r, const struct version *v, int status, const char *error)
{
	json_t *snap = json_loads(v->snapshot, 0, NULL);
	if (!snap)
		return 500;
	bool err = false;
	json_t *by = comments_of(r, v->id, &err);
	if (err) {
		json_decref(snap);
		json_decref(by);
		return 500;
	}
	json_t *d = page_data(r, N_("A plan submitted for validation"));
	r->status = status;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	bool open = str_eq(v->status, "submitted");
	/* the page's own fields beside the plan's */
	json_t *vo = json_object();
	json_object_set_new(vo, "id", json_integer(v->id));
	json_object_set_new(vo, "n", json_integer(v->number));
	json_object_set_new(vo, "strategy_id", json_integer(v->strategy_id));
	json_object_set_new(vo, "country", jstr(v->country_name));
	json_object_set_new(vo, "status", jstr(tr(r, status_label(v->status))));
	json_object_set_new(vo, "submitted", jstr(policy_day(r, v->submitted_at)));
	json_object_set_new(vo, "submitted_by", jstr(v->submitted_by));
	if (v->decided_at) {
		json_object_set_new(vo, "decided", jstr(policy_day(r, v->decided_at)));
		json_object_set_new(vo, "decided_by", jstr(v->decided_by));
	}
	json_object_set_new(vo, "note", policy_paragraphs(v->note));
	json_object_set_new(vo, "validated", json_boolean(str_eq(v->status, "validated")));
	json_object_set_new(vo, "returned", json_boolean(str_eq(v->status, "returned")));
	json_object_set_new(vo, "open", json_boolean(open));
	json_object_set_new(vo, "has_pdf", json_boolean(v->has_pdf));
	json_object_set_new(d, "v", vo);
	json_object_set_new(d, "reviewer", json_boolean(v->validator && open));
	json_object_set_new(d, "coordinator", json_boolean(v->coordinator));
	/* each part with its comments, and the paragraphs of the texts */
	size_t i, j;
	json_t *x, *a;
	json_array_foreach(json_object_get(snap, "sections"), i, x)
	{
		const char *key = json_string_value(json_object_get(x, "key"));
		const char *target = arena_printf(&r->arena, "section:%s", key);
		json_object_set_new(x, "target", jstr(target));
		json_object_set_new(x, "paragraphs",
				    policy_paragraphs(json_string_value(json_object_get(x, "body"))));
		json_t *cs = json_object_get(by, target);
		json_object_set_new(x, "comments", cs ? json_incref(cs) : json_array());
	}
	json_array_foreach(json_object_get(snap, "objectives"), i, x)
	{
		json_array_foreach(json_object_get(x, "actions"), j, a)
		{
			const char *target = arena_printf(
				&r->arena, "action:%lld",
				(long long)json_integer_value(json_object_get(a, "id")));
			json_object_set_new(a, "target", jstr(target));
			json_object_set_new(
				a, "status_label",
				jstr(tr(r, policy_action_status(
						   json_string_value(json_object_get(a, "status"))))));
			json_t *cs = json_object_get(by, target);
			json_object_set_new(a, "comments", cs ? json_incref(cs) : json_array());
		}
	}
	json_t *cs = json_object_get(by, "plan");
	json_object_set_new(d, "plan_comments", cs ? json_incref(cs) : json_array());
	json_decref(by);
	json_object_set_new(d, "p", snap);
	json_object_set_new(d, "f_body", jstr(req_form(r, "body")));
	json_object_set_new(d, "f_note", jstr(req_form(r, "note")));
	return page_render(r, "policy/version", d);
}

/* GET /policy/plans/:vid */
int policy_version(struct req *r)
{
	struct version v;
	int rc = load_version(r, &v);
	return rc ? rc : version_page(r, &v, 200, NULL);
}

/* Loads the version of the path for its validator's work: it must still
 * wait for a decision.  0, or the page written. */
static int load_open(struct req *r, struct version *v)
{
	int rc = load_version(r, v);
	if (rc)
		return rc;
	if (!v->validator)
		return page_error(r, 403, N_("Only a validator reviews a plan."));
	if (!str_eq(v->status, "submitted")) {
		/* the page is written, and the handler must stop: not 0 */
		rc = version_page(r, v, 409, N_("This version has been decided: it is frozen, and "
						"nothing in it changes."));
		return rc ? rc : 409;
	}
	return 0;
}

/* Whether target names the whole plan, or a section or an action of the
 * version's plan. */
static bool target_ok(const struct version *v, const char *target)
{
	if (!target)
		return false;
	if (str_eq(target, "plan"))
		return true;
	json_t *snap = json_loads(v->snapshot, 0, NULL);
	if (!snap)
		return false;
	bool found = false;
	size_t i, j;
	json_t *x, *a;
	if (strncmp(target, "section:", 8) == 0) {
		json_array_foreach(json_object_get(snap, "sections"), i, x)
			found = found ||
				str_eq(json_string_value(json_object_get(x, "key")), target + 8);
	} else if (strncmp(target, "action:", 7) == 0) {
		int64_t id;
		if (parse_int64(target + 7, 1, INT64_MAX, &id))
			json_array_foreach(json_object_get(snap, "objectives"), i, x)
				json_array_foreach(json_object_get(x, "actions"), j, a)
					found = found ||
						json_integer_value(json_object_get(a, "id")) == id;
	}
	json_decref(snap);
	return found;
}

/* POST /policy/plans/:vid/comments: a validator's comment on a part. */
int policy_version_comment(struct req *r)
{
	struct version v;
	int rc = load_open(r, &v);
	if (rc)
		return rc;
	const char *target = req_form(r, "target"), *body = req_form(r, "body");
	if (!target_ok(&v, target))
		return version_page(r, &v, 400, N_("Choose the part of the plan the comment is on."));
	if (!body || !*body || !utf8_text(body, COMMENT_MAX))
		return version_page(r, &v, 400, N_("Write the comment, in at most 4000 characters."));
	int64_t have = comments_count(r, v.id);
	if (have < 0)
		return 500;
	if (have >= COMMENTS_MAX)
		return version_page(r, &v, 409, N_("A version holds at most 500 comments."));
	if (db_x(req_db(r),
		 "INSERT INTO plan_comments (version_id, country, target, body, author, created_at) "
		 "VALUES (?, ?, ?, ?, ?, ?)",
		 "itttii", v.id, v.country, target, body, r->user->id, now_seconds()) != DB_DONE)
		return 500;
	const char *anchor = str_eq(target, "plan") ? "decision"
			     : strncmp(target, "section:", 8) == 0
				     ? target + 8
				     : arena_printf(&r->arena, "action-%s", target + 7);
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/plans/%lld#%s", (long long)v.id,
					   anchor));
	return 0;
}

/* The PDF of a validated version, drawn from what was submitted, with
 * the day it was validated.  0, or -1. */
static int draw_pdf(struct req *r, const struct version *v, int64_t validated_at, struct buf *out)
{
	json_t *snap = json_loads(v->snapshot, 0, NULL);
	if (!snap)
		return -1;
	json_t *secs = json_object_get(snap, "sections"), *objs = json_object_get(snap, "objectives");
	size_t nsec = json_array_size(secs), nobj = json_array_size(objs);
	struct book_chapter *chs = arena_alloc(&r->arena, (nsec + nobj + 2) * sizeof(*chs));
	int n = 0;
	size_t i, j, k;
	json_t *x, *a, *m;
	json_array_foreach(secs, i, x)
	{
		const char *body = json_string_value(json_object_get(x, "body"));
		chs[n++] = (struct book_chapter){
			.title = arena_strdup(&r->arena, json_string_value(json_object_get(x, "title"))),
			.intro = arena_strdup(&r->arena, *body ? body : "…")};
	}
	/* the plan: a chapter an objective, a section an action */
	json_array_foreach(objs, i, x)
	{
		json_t *acts = json_object_get(x, "actions");
		if (!json_array_size(acts))
			continue;
		struct book_section *bs =
			arena_alloc(&r->arena, json_array_size(acts) * sizeof(*bs));
		int ns = 0;
		json_array_foreach(acts, j, a)
		{
			const char *partners = json_string_value(json_object_get(a, "partners"));
			json_t *budget = json_object_get(a, "budget");
			const char *text = arena_printf(
				&r->arena, "%s · %s – %s · %s · %lld %%%s%s%s%s",
				trf(r, N_("Led by {lead}"), "lead",
				    json_string_value(json_object_get(a, "lead")), (char *)NULL),
				json_string_value(json_object_get(a, "starts")),
				json_string_value(json_object_get(a, "ends")),
				tr(r, policy_action_status(json_string_value(json_object_get(a, "status")))),
				(long long)json_integer_value(json_object_get(a, "progress")),
				*partners ? " · " : "",
				*partners ? trf(r, N_("with {partners}"), "partners", partners, (char *)NULL)
					  : "",
				budget ? " · " : "",
				budget ? trf(r, N_("budget {n}"), "n",
					     arena_printf(&r->arena, "%lld",
							  (long long)json_integer_value(budget)),
					     (char *)NULL)
				       : "");
			json_t *ms = json_object_get(a, "milestones");
			struct book_item *items =
				arena_alloc(&r->arena, (json_array_size(ms) + 1) * sizeof(*items));
			int ni = 0;
			json_array_foreach(ms, k, m)
			{
				items[ni++] = (struct book_item){
					.id = arena_strdup(&r->arena,
							   json_string_value(json_object_get(m, "due"))),
					.text = arena_strdup(&r->arena,
							     json_string_value(json_object_get(m, "title")))};
			}
			bs[ns++] = (struct book_section){
				.title = arena_strdup(&r->arena,
						      json_string_value(json_object_get(a, "title"))),
				.text = text,
				.items = items,
				.nitems = ni};
		}
		chs[n++] = (struct book_chapter){
			.title = trf(r, N_("Plan: {objective}"), "objective",
				     json_string_value(json_object_get(x, "title")), (char *)NULL),
			.intro = trf(r, N_("Done: {p} %"), "p",
				     arena_printf(&r->arena, "%lld",
						  (long long)json_integer_value(
							  json_object_get(snap, "progress"))),
				     (char *)NULL),
			.sections = bs,
			.nsections = ns};
	}
	json_t *inds = json_object_get(snap, "indicators");
	if (json_array_size(inds)) {
		struct book_item *items =
			arena_alloc(&r->arena, json_array_size(inds) * sizeof(*items));
		int ni = 0;
		json_array_foreach(inds, i, x)
		{
			items[ni++] = (struct book_item){
				.text = arena_printf(
					&r->arena, "%s (%s): %s",
					json_string_value(json_object_get(x, "title")),
					json_string_value(json_object_get(x, "unit")),
					trf(r, N_("baseline {b}, target {t}"), "b",
					    json_string_value(json_object_get(x, "baseline")), "t",
					    json_string_value(json_object_get(x, "target")),
					    (char *)NULL))};
		}
		struct book_section *bs = arena_alloc(&r->arena, sizeof(*bs));
		*bs = (struct book_section){.title = tr(r, N_("Indicators")), .items = items,
					    .nitems = ni};
		chs[n++] = (struct book_chapter){.title = tr(r, N_("Indicators")), .intro = "",
						 .sections = bs, .nsections = 1};
	}
	const struct catalog *cat = i18n_catalog(r->lang);
	const char *num = arena_printf(&r->arena, "%lld", (long long)v->number);
	struct book_doc d = {
		.lang = r->lang,
		.rtl = cat && catalog_rtl(cat),
		.title = arena_strdup(&r->arena, json_string_value(json_object_get(snap, "title"))),
		.summary = trf(r, N_("Implementation plan of {country}, version {n}, validated on "
				     "{date}."),
			       "country", v->country_name, "n", num, "date", policy_day(r, validated_at),
			       (char *)NULL),
		.notice = tr(r, N_("The country's own plan, as it was submitted and validated in "
				   "cophub. It is not a text of ITU.")),
		.edition = arena_printf(&r->arena, "%s · cophub · %s", v->country,
					policy_day(r, validated_at)),
		.contents = tr(r, N_("Contents")),
		.page = tr(r, N_("Page {n} of {total}")),
		.chapters = chs,
		.nchapters = n,
	};
	char perr[256] = "";
	int rc = pdf_book(&d, out, perr, sizeof(perr));
	json_decref(snap);
	if (rc < 0)
		log_warn("plan pdf: %s", perr);
	return rc < 0 || out->overflow ? -1 : 0;
}

/* POST /policy/plans/:vid/decide: return it (with the reasons) or
 * validate it. */
int policy_version_decide(struct req *r)
{
	struct version v;
	int rc = load_open(r, &v);
	if (rc)
		return rc;
	const char *decision = req_form(r, "decision"), *note = req_form(r, "note");
	note = note ? note : "";
	bool validate = decision && str_eq(decision, "validate");
	if (!decision || (!validate && !str_eq(decision, "return")))
		return version_page(r, &v, 400, N_("Choose whether to return the plan or to "
						   "validate it."));
	if (!utf8_text(note, NOTE_MAX))
		return version_page(r, &v, 400, N_("The note is at most 4000 characters."));
	if (!validate && !*note) {
		/* a country must learn why: a note, or comments already made */
		int64_t have = comments_count(r, v.id);
		if (have < 0)
			return 500;
		if (!have)
			return version_page(r, &v, 400, N_("Say why the plan goes back to the "
							   "country: a note, or comments on its "
							   "parts."));
	}
	int64_t now = now_seconds();
	if (validate) {
		struct buf pdf;
		buf_init(&pdf, PDF_MAX);
		if (draw_pdf(r, &v, now, &pdf) < 0) {
			buf_free(&pdf);
			return 500;
		}
		rc = db_x(req_db(r),
			  "UPDATE plan_versions SET status = 'validated', decided_by = ?, decided_at "
			  "= ?, decision_note = ?, pdf = ? WHERE id = ? AND status = 'submitted'",
			  "iitbi", r->user->id, now, note, (const void *)pdf.data, pdf.len, v.id);
		buf_free(&pdf);
	} else {
		rc = db_x(req_db(r),
			  "UPDATE plan_versions SET status = 'returned', decided_by = ?, decided_at "
			  "= ?, decision_note = ? WHERE id = ? AND status = 'submitted'",
			  "iiti", r->user->id, now, note, v.id);
	}
	if (rc != DB_DONE)
		return 500;
	if (db_changes(req_db(r)) != 1)
		return version_page(r, &v, 409, N_("This version has been decided: it is frozen, "
						   "and nothing in it changes."));
	audit(req_db(r), r->user, v.country, validate ? "plan_validated" : "plan_returned",
	      arena_printf(&r->arena, "%lld", (long long)v.id));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/plans/%lld", (long long)v.id));
	return 0;
}

/* GET /policy/plans/:vid/pdf: public once validated. */
int policy_version_pdf(struct req *r)
{
	int64_t id;
	if (!parse_int64(req_param(r, 0), 1, INT64_MAX, &id))
		return page_error(r, 404, N_("There is no such validated plan."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT pdf, country, version FROM plan_versions WHERE id = ? AND "
				  "status = 'validated' AND pdf IS NOT NULL",
				  "i", id);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("There is no such validated plan."));
	}
	size_t n;
	const void *data = db_blob(st, 0, &n);
	buf_reset(&r->out);
	bool ok = data && buf_put(&r->out, data, n);
	const char *name = arena_printf(&r->arena, "plan-%s-v%lld.pdf", db_text(st, 1),
					(long long)db_int(st, 2));
	db_done(st);
	if (!ok) {
		buf_reset(&r->out);
		return 500;
	}
	resp_download(r, "application/pdf", name);
	return 0;
}

/* POST /policy/strategies/:id/plan/submit */
int policy_plan_submit(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_edit(r, &s);
	if (rc)
		return rc;
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT COALESCE(MAX(version), 0), (SELECT COUNT(*) FROM "
				  "plan_versions WHERE strategy_id = ? AND status = 'submitted'), "
				  "(SELECT COUNT(*) FROM plan_actions WHERE strategy_id = ?) FROM "
				  "plan_versions WHERE strategy_id = ?",
				  "iii", s.id, s.id, s.id);
	if (!st)
		return 500;
	int64_t last = 0, waiting = 0, actions = 0;
	if (db_step(st) == DB_ROW) {
		last = db_int(st, 0);
		waiting = db_int(st, 1);
		actions = db_int(st, 2);
	}
	db_done(st);
	if (waiting)
		return policy_plan_refused(r, &s, 409, N_("A version of this plan is already "
							  "waiting for a validator: submit again "
							  "once it has been decided."));
	if (!actions)
		return policy_plan_refused(r, &s, 400, N_("The plan has no action yet: add its "
							  "actions before submitting it."));
	json_t *snap = snapshot(r, &s);
	if (!snap)
		return 500;
	struct buf text;
	buf_init(&text, SNAPSHOT_MAX);
	json_to_buf(snap, &text, JSON_COMPACT);
	buf_putc(&text, '\0');
	json_decref(snap);
	if (text.overflow) {
		buf_free(&text);
		return policy_plan_refused(r, &s, 413, N_("The plan is too large to submit."));
	}
	int64_t vid = db_insert_id(req_db(r),
				   "INSERT INTO plan_versions (strategy_id, country, version, status, "
				   "snapshot, submitted_by, submitted_at) VALUES (?, ?, ?, "
				   "'submitted', ?, ?, ?) RETURNING id",
				   "ititii", s.id, s.country, last + 1, text.data, r->user->id,
				   now_seconds());
	buf_free(&text);
	if (!vid)
		return 500;
	audit(req_db(r), r->user, s.country, "plan_submitted",
	      arena_printf(&r->arena, "%lld", (long long)vid));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/plans/%lld", (long long)vid));
	return 0;
}

json_t *policy_versions_json(struct req *r, int64_t strategy_id, bool *under_review)
{
	*under_review = false;
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT id, version, status, submitted_at, decided_at FROM "
				  "plan_versions WHERE strategy_id = ? ORDER BY version DESC",
				  "i", strategy_id);
	if (!st)
		return NULL;
	json_t *list = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "n", json_integer(db_int(st, 1)));
		json_object_set_new(o, "status", jstr(tr(r, status_label(db_text(st, 2)))));
		json_object_set_new(o, "validated", json_boolean(str_eq(db_text(st, 2), "validated")));
		json_object_set_new(o, "submitted", jstr(policy_day(r, db_int(st, 3))));
		if (!db_null(st, 4))
			json_object_set_new(o, "decided", jstr(policy_day(r, db_int(st, 4))));
		*under_review = *under_review || str_eq(db_text(st, 2), "submitted");
		json_array_append_new(list, o);
	}
	db_done(st);
	return list;
}

/* GET /policy/reviews: the versions waiting for a validator, of every
 * country, the oldest first; and the latest decided. */
int policy_reviews(struct req *r)
{
	json_t *d = page_data(r, N_("Plans to validate"));
	static const char *const parts[] = {"waiting", "decided"};
	for (int k = 0; k < 2; k++) {
		struct db_stmt *st = db_q(
			req_db(r),
			k == 0 ? "SELECT v.id, v.version, " COUNTRY_NAME ", v.submitted_at, v.status, "
				 "s.title FROM plan_versions v JOIN strategies s ON s.id = v.strategy_id "
				 COUNTRY_JOIN " WHERE v.status = 'submitted' ORDER BY v.submitted_at, "
				 "v.id LIMIT 200"
			       : "SELECT v.id, v.version, " COUNTRY_NAME ", v.decided_at, v.status, "
				 "s.title FROM plan_versions v JOIN strategies s ON s.id = v.strategy_id "
				 COUNTRY_JOIN " WHERE v.status <> 'submitted' ORDER BY v.decided_at DESC, "
				 "v.id DESC LIMIT 50",
			"t", r->lang);
		if (!st) {
			json_decref(d);
			return 500;
		}
		json_t *list = json_array();
		while (db_step(st) == DB_ROW) {
			json_t *o = json_object();
			json_object_set_new(o, "id", json_integer(db_int(st, 0)));
			json_object_set_new(o, "n", json_integer(db_int(st, 1)));
			json_object_set_new(o, "country", jstr(db_text(st, 2)));
			json_object_set_new(o, "when", jstr(policy_day(r, db_int(st, 3))));
			json_object_set_new(o, "status", jstr(tr(r, status_label(db_text(st, 4)))));
			json_object_set_new(o, "title", jstr(db_text(st, 5)));
			json_array_append_new(list, o);
		}
		db_done(st);
		json_object_set_new(d, parts[k], list);
	}
	return page_render(r, "policy/reviews", d);
}
