/*
 * web.c: the policy module's pages (policy.h).
 *
 * An assessment belongs to its country: its coordinators and the
 * stakeholders they invite see it and answer; administrators read it;
 * for anyone else it does not exist.  Once closed, nothing in it changes.
 */
#include "policy/policy.h"
#include "policy/common.h"
#include "content/library.h"
#include "content/policy.h"
#include "core/buf.h"
#include "core/escape.h"
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
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TITLE_MAX 160
#define EVIDENCE_MAX 4000
#define LINKS_MAX 10
#define LINK_MAX 500
#define DOC_MAX (3u << 20)    /* a document's bytes: a response holds 4 MiB */
#define DOC_NAME_MAX 120      /* characters of its file name */
#define DOCS_MAX 20           /* documents per capability and contributor */

static const struct pol_framework *fw;
static const struct library *lib;

void policy_set_content(const struct pol_framework *f, const struct library *l)
{
	fw = f;
	lib = l;
}

const struct pol_framework *policy_fw(void)
{
	return fw;
}

const struct library *policy_lib(void)
{
	return lib;
}

static const char *const confidences[] = {"low", "medium", "high"};
static const char *const confidence_names[] = {N_("Low"), N_("Medium"), N_("High")};

static int confidence_ix(const char *s)
{
	for (size_t i = 0; i < ARRAY_LEN(confidences); i++)
		if (s && str_eq(s, confidences[i]))
			return (int)i;
	return -1;
}

static const char *text(struct req *r, const struct text *t)
{
	return content_text(t, r->lang);
}

const char *policy_day(struct req *r, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	char out[16];
	strftime(out, sizeof(out), "%Y-%m-%d", &tm);
	return arena_strdup(&r->arena, out);
}

bool policy_parse_day(const char *s, int64_t *out)
{
	struct tm tm = {0};
	if (!s)
		return false;
	const char *end = strptime(s, "%Y-%m-%d", &tm);
	if (!end || *end || tm.tm_year < 100 || tm.tm_year > 300)
		return false;
	/* strptime takes 2026-02-30; timegm would make it 2 March */
	int mday = tm.tm_mday, mon = tm.tm_mon;
	time_t t = timegm(&tm);
	if (tm.tm_mday != mday || tm.tm_mon != mon)
		return false;
	*out = (int64_t)t;
	return true;
}

static int cap_ix(const struct pol_cap *c)
{
	return (int)(c - fw->caps);
}

/* ---- an assessment and who may do what with it ---- */

struct assessment {
	int64_t id, created_at, closed_at;
	char country[3];
	const char *title;
	bool coordinator; /* the reader coordinates its country */
	bool contributor; /* the reader answers: a coordinator or invited */
};

static bool is_invited(struct req *r, int64_t id, bool *err)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT 1 FROM assessment_contributors WHERE assessment_id = ? AND "
				  "user_id = ?",
				  "ii", id, r->user->id);
	if (!st) {
		*err = true;
		return false;
	}
	bool yes = db_step(st) == DB_ROW;
	db_done(st);
	return yes;
}

/* Loads the assessment of the path for one who may see it: 0, or the page
 * written (404) or 500. */
static int load(struct req *r, struct assessment *a)
{
	int64_t id;
	memset(a, 0, sizeof(*a));
	if (!parse_int64(req_param(r, 0), 1, INT64_MAX, &id))
		return page_error(r, 404, N_("There is no such assessment."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT id, country, title, created_at, closed_at FROM assessments "
				  "WHERE id = ?",
				  "i", id);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("There is no such assessment."));
	}
	a->id = db_int(st, 0);
	str_copy(a->country, sizeof(a->country), db_text(st, 1));
	a->title = arena_strdup(&r->arena, db_text(st, 2));
	a->created_at = db_int(st, 3);
	a->closed_at = db_null(st, 4) ? 0 : db_int(st, 4);
	db_done(st);
	if (r->user->role == R_ADMIN)
		return 0;
	if (!str_eq(r->user->country, a->country))
		return page_error(r, 404, N_("There is no such assessment."));
	a->coordinator = r->user->role == R_COORDINATOR;
	bool err = false;
	a->contributor = a->coordinator || is_invited(r, a->id, &err);
	if (err)
		return 500;
	if (!a->contributor)
		return page_error(r, 404, N_("There is no such assessment."));
	return 0;
}

/* The decided answers of an assessment, by capability index: level 0
 * where none is decided. */
struct decided {
	int level[POL_MAX_CAPS];
	int confidence[POL_MAX_CAPS];
	const char *evidence[POL_MAX_CAPS];
	int n;
};

static int load_decided(struct req *r, int64_t id, struct decided *d)
{
	memset(d, 0, sizeof(*d));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT capability, level, confidence, evidence FROM "
				  "assessment_results WHERE assessment_id = ?",
				  "i", id);
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const struct pol_cap *c = policy_cap(fw, db_text(st, 0));
		if (!c)
			continue; /* a capability the framework no longer has */
		int i = cap_ix(c);
		d->level[i] = (int)db_int(st, 1);
		d->confidence[i] = confidence_ix(db_text(st, 2));
		d->evidence[i] = arena_strdup(&r->arena, db_text(st, 3));
		d->n++;
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

static json_t *level_json(struct req *r, int level)
{
	json_t *o = json_object();
	json_object_set_new(o, "n", json_integer(level));
	json_object_set_new(o, "name", jstr(level ? text(r, &fw->level_name[level - 1]) : ""));
	return o;
}

static json_t *assessment_json(struct req *r, const struct assessment *a)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "title", jstr(a->title));
	json_object_set_new(o, "created", jstr(policy_day(r, a->created_at)));
	json_object_set_new(o, "closed", jstr(a->closed_at ? policy_day(r, a->closed_at) : ""));
	return o;
}

/* ---- the area's home and the framework ---- */

/* GET /policy: what the area is; for people of a country, its
 * assessments they take part in, and for coordinators a new one. */
int policy_index(struct req *r)
{
	json_t *d = page_data(r, N_("Policy support"));
	json_object_set_new(d, "framework_title", jstr(text(r, &fw->title)));
	json_object_set_new(d, "framework_summary", jstr(text(r, &fw->summary)));
	json_object_set_new(d, "ncaps", json_integer(fw->ncaps));
	json_object_set_new(d, "ndomains", json_integer(fw->ndomains));
	if (r->user && (r->user->country[0] || r->user->role == R_ADMIN)) {
		bool coord = r->user->role == R_COORDINATOR;
		struct db_stmt *st = db_q(
			req_db(r),
			"SELECT a.id, a.title, a.created_at, a.closed_at, a.country, (SELECT COUNT(*) "
			"FROM assessment_results x WHERE x.assessment_id = a.id) FROM assessments a "
			"WHERE ? = 1 OR (a.country = ? AND (? = 1 OR EXISTS (SELECT 1 FROM "
			"assessment_contributors c WHERE c.assessment_id = a.id AND c.user_id = ?))) "
			"ORDER BY a.created_at DESC, a.id DESC LIMIT 100",
			"itii", (int64_t)(r->user->role == R_ADMIN), r->user->country, (int64_t)coord,
			r->user->id);
		if (!st) {
			json_decref(d);
			return 500;
		}
		json_t *list = json_array();
		while (db_step(st) == DB_ROW) {
			struct assessment a = {.id = db_int(st, 0),
					       .title = arena_strdup(&r->arena, db_text(st, 1)),
					       .created_at = db_int(st, 2),
					       .closed_at = db_null(st, 3) ? 0 : db_int(st, 3)};
			json_t *o = assessment_json(r, &a);
			json_object_set_new(o, "country", jstr(db_text(st, 4)));
			json_object_set_new(o, "decided", json_integer(db_int(st, 5)));
			json_array_append_new(list, o);
		}
		db_done(st);
		json_object_set_new(d, "assessments", list);
		json_object_set_new(d, "signed_in", json_true());
		json_object_set_new(d, "may_create", json_boolean(coord));
		/* the country's taskforce: for its coordinators, and its members */
		st = db_q(req_db(r),
			  "SELECT 1 FROM taskforces t WHERE t.country = ? AND (? = 1 OR EXISTS "
			  "(SELECT 1 FROM taskforce_members m WHERE m.taskforce_id = t.id AND "
			  "m.user_id = ?))",
			  "tii", r->user->country, (int64_t)coord, r->user->id);
		if (!st) {
			json_decref(d);
			return 500;
		}
		bool member = db_step(st) == DB_ROW;
		db_done(st);
		if (coord || member)
			json_object_set_new(d, "taskforce_href",
					    jstr(arena_printf(&r->arena, "/policy/taskforce/%s",
							      r->user->country)));
		json_object_set_new(d, "total", json_integer(fw->ncaps));
		if (coord) {
			struct db_stmt *pt = db_q(req_db(r),
						  "SELECT publish_policy FROM countries WHERE code = ?",
						  "t", r->user->country);
			if (!pt) {
				json_decref(d);
				return 500;
			}
			bool pub = db_step(pt) == DB_ROW && db_int(pt, 0) == 1;
			db_done(pt);
			json_object_set_new(d, "published", json_boolean(pub));
			json_object_set_new(d, "country", jstr(r->user->country));
		}
	}
	json_object_set_new(d, "validator",
			    json_boolean(r->user && (r->user->role == R_VALIDATOR ||
						     r->user->role == R_ADMIN)));
	return page_render(r, "policy/index", d);
}

/* POST /policy/publish: whether the country's policy figures appear on
 * the public dashboard (publish=1 or 0). */
int policy_publish(struct req *r)
{
	const char *p = req_form(r, "publish");
	if (!p || (!str_eq(p, "1") && !str_eq(p, "0")))
		return page_error(r, 400, N_("Choose whether to publish the figures or not."));
	if (db_x(req_db(r), "UPDATE countries SET publish_policy = ? WHERE code = ?", "it",
		 (int64_t)(*p == '1'), r->user->country) != DB_DONE)
		return 500;
	audit(req_db(r), r->user, r->user->country, *p == '1' ? "policy_published" : "policy_unpublished",
	      r->user->country);
	resp_redirect(r, 303, "/policy#publish");
	return 0;
}

/* Where a capability's see: link leads in the library, and its title in
 * the reader's language. */
static json_t *see_json(struct req *r, struct lib_text *t, const char *see)
{
	json_t *o = json_object();
	const char *slash = strchr(see, '/');
	const char *set = arena_strndup(&r->arena, see, (size_t)(slash - see));
	const char *id = slash + 1;
	const char *dot = strchr(id, '.');
	const char *chapter = dot ? arena_strndup(&r->arena, id, (size_t)(dot - id)) : id;
	json_object_set_new(o, "href",
			    jstr(arena_printf(&r->arena, "/library/%s/%s#%s", set, chapter, id)));
	const struct lib_set *s = library_set(lib, set);
	const struct lib_chapter *ch = NULL;
	const struct lib_section *sec = NULL;
	const struct lib_item *it = NULL;
	const char *label = id;
	if (s && library_find(s, id, &ch, &sec, &it)) {
		if (sec && !it)
			label = lib_text(r, t, s, arena_printf(&r->arena, "%s#title", sec->id),
					 sec->title, o);
		else if (!sec)
			label = lib_text(r, t, s, arena_printf(&r->arena, "%s#title", ch->id),
					 ch->title, o);
		json_object_set_new(o, "set", jstr(lib_text(r, t, s, "#title", s->title, NULL)));
	}
	json_object_set_new(o, "label", jstr(label));
	return o;
}

static json_t *cap_json(struct req *r, const struct pol_cap *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", jstr(c->id));
	json_object_set_new(o, "number", json_integer(c->number));
	json_object_set_new(o, "title", jstr(text(r, &c->title)));
	json_object_set_new(o, "about", jstr(text(r, &c->about)));
	return o;
}

/* GET /policy/framework: the whole framework, for anyone. */
int policy_framework_page(struct req *r)
{
	json_t *d = page_data(r, N_("National response maturity framework"));
	json_object_set_new(d, "title", jstr(text(r, &fw->title)));
	json_object_set_new(d, "summary", jstr(text(r, &fw->summary)));
	json_object_set_new(d, "source", jstr(text(r, &fw->source)));
	json_t *levels = json_array();
	for (int k = 0; k < POL_NLEVELS; k++) {
		json_t *o = level_json(r, k + 1);
		json_object_set_new(o, "about", jstr(text(r, &fw->level_about[k])));
		json_array_append_new(levels, o);
	}
	json_object_set_new(d, "levels", levels);
	struct lib_text t;
	lib_text_lang(r, &t);
	json_t *doms = json_array();
	for (int g = 0; g < fw->ndomains; g++) {
		json_t *dom = json_object();
		json_object_set_new(dom, "title", jstr(text(r, &fw->domains[g].title)));
		json_object_set_new(dom, "outcome", jstr(text(r, &fw->domains[g].outcome)));
		json_object_set_new(dom, "id", jstr(fw->domains[g].id));
		json_t *caps = json_array();
		for (int i = 0; i < fw->ncaps; i++) {
			const struct pol_cap *c = &fw->caps[i];
			if (c->domain != g)
				continue;
			json_t *o = cap_json(r, c);
			json_t *ls = json_array();
			for (int k = 0; k < POL_NLEVELS; k++) {
				json_t *l = level_json(r, k + 1);
				json_object_set_new(l, "about", jstr(text(r, &c->level[k])));
				json_array_append_new(ls, l);
			}
			json_object_set_new(o, "levels", ls);
			json_t *areas = json_array();
			for (int a = 0; a < fw->nareas; a++)
				if (c->areas & (1u << a))
					json_array_append_new(areas, jstr(text(r, &fw->areas[a].title)));
			json_object_set_new(o, "areas", areas);
			json_t *see = json_array();
			for (int k = 0; k < c->nsee; k++)
				json_array_append_new(see, see_json(r, &t, c->see[k]));
			json_object_set_new(o, "see", see);
			json_array_append_new(caps, o);
		}
		json_object_set_new(dom, "caps", caps);
		json_array_append_new(doms, dom);
	}
	json_object_set_new(d, "domains", doms);
	return page_render(r, "policy/framework", d);
}

/* ---- starting one ---- */


static int index_error(struct req *r, int status, const char *msgid)
{
	r->status = status;
	json_t *d = page_data(r, N_("Policy support"));
	json_object_set_new(d, "error", jstr(tr(r, msgid)));
	json_object_set_new(d, "title_value", jstr(req_form(r, "title")));
	json_object_set_new(d, "framework_title", jstr(text(r, &fw->title)));
	json_object_set_new(d, "framework_summary", jstr(text(r, &fw->summary)));
	json_object_set_new(d, "signed_in", json_true());
	json_object_set_new(d, "may_create", json_true());
	json_object_set_new(d, "assessments", json_array());
	return page_render(r, "policy/index", d);
}

/* POST /policy/assessments (coordinators): a new assessment of their
 * country. */
int policy_assessment_create(struct req *r)
{
	const char *title = req_form(r, "title");
	if (!title || !*title || !utf8_one_line(title, TITLE_MAX))
		return index_error(r, 400, N_("Give the assessment a title on one line, in at most "
					      "160 characters."));
	int64_t id = db_insert_id(req_db(r),
				  "INSERT INTO assessments (country, title, created_by, created_at) "
				  "VALUES (?, ?, ?, ?) RETURNING id",
				  "ttii", r->user->country, title, r->user->id, now_seconds());
	if (!id)
		return 500;
	audit(req_db(r), r->user, r->user->country, "assessment_created",
	      arena_printf(&r->arena, "%lld", (long long)id));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/assessments/%lld", (long long)id));
	return 0;
}

/* ---- an assessment's page ---- */

static int assessment_page(struct req *r, const struct assessment *a, int status,
			   const char *error)
{
	struct decided dec;
	if (load_decided(r, a->id, &dec) < 0)
		return 500;
	/* how many answered each capability, and the reader's own */
	int answers[POL_MAX_CAPS] = {0}, mine[POL_MAX_CAPS] = {0};
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT capability, user_id, level FROM assessment_answers WHERE "
				  "assessment_id = ?",
				  "i", a->id);
	if (!st)
		return 500;
	while (db_step(st) == DB_ROW) {
		const struct pol_cap *c = policy_cap(fw, db_text(st, 0));
		if (!c)
			continue;
		answers[cap_ix(c)]++;
		if (db_int(st, 1) == r->user->id)
			mine[cap_ix(c)] = (int)db_int(st, 2);
	}
	db_done(st);
	json_t *d = page_data(r, N_("Self-assessment"));
	r->status = status;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	json_object_set_new(d, "a", assessment_json(r, a));
	json_object_set_new(d, "open", json_boolean(!a->closed_at));
	json_object_set_new(d, "coordinator", json_boolean(a->coordinator && !a->closed_at));
	json_object_set_new(d, "contributor", json_boolean(a->contributor));
	int answered = 0;
	json_t *doms = json_array();
	for (int g = 0; g < fw->ndomains; g++) {
		json_t *dom = json_object();
		json_object_set_new(dom, "title", jstr(text(r, &fw->domains[g].title)));
		json_object_set_new(dom, "id", jstr(fw->domains[g].id));
		json_t *caps = json_array();
		for (int i = 0; i < fw->ncaps; i++) {
			if (fw->caps[i].domain != g)
				continue;
			json_t *o = cap_json(r, &fw->caps[i]);
			json_object_set_new(o, "decided", level_json(r, dec.level[i]));
			json_object_set_new(o, "mine", level_json(r, mine[i]));
			json_object_set_new(o, "answers", json_integer(answers[i]));
			answered += mine[i] > 0;
			json_array_append_new(caps, o);
		}
		json_object_set_new(dom, "caps", caps);
		json_array_append_new(doms, dom);
	}
	json_object_set_new(d, "domains", doms);
	json_object_set_new(d, "decided", json_integer(dec.n));
	json_object_set_new(d, "answered", json_integer(answered));
	json_object_set_new(d, "total", json_integer(fw->ncaps));
	/* who contributes */
	st = db_q(req_db(r),
		  "SELECT u.username, u.display_name FROM assessment_contributors c JOIN users u ON "
		  "u.id = c.user_id WHERE c.assessment_id = ? ORDER BY u.username",
		  "i", a->id);
	if (!st) {
		json_decref(d);
		return 500;
	}
	json_t *people = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "username", jstr(db_text(st, 0)));
		json_object_set_new(o, "name", jstr(db_text(st, 1)));
		json_array_append_new(people, o);
	}
	db_done(st);
	json_object_set_new(d, "contributors", people);
	json_object_set_new(d, "username", jstr(req_form(r, "username")));
	return page_render(r, "policy/assessment", d);
}

/* GET /policy/assessments/:id */
int policy_assessment(struct req *r)
{
	struct assessment a;
	int rc = load(r, &a);
	return rc ? rc : assessment_page(r, &a, 200, NULL);
}

/* Loads the assessment of the path for its country's coordinator: 0, or
 * the page written or 500.  *closed: it is closed, and its page (409)
 * written. */
static int load_coordinated(struct req *r, struct assessment *a, bool *closed)
{
	*closed = false;
	int rc = load(r, a);
	if (rc)
		return rc;
	if (!a->coordinator)
		return page_error(r, 403, N_("Only a coordinator of the country can do this."));
	if (a->closed_at) {
		*closed = true;
		return assessment_page(r, a, 409, N_("This assessment is closed: nothing in it "
						     "changes."));
	}
	return 0;
}

/* POST /policy/assessments/:id/invite: an account of the country joins
 * the contributors. */
int policy_invite(struct req *r)
{
	struct assessment a;
	bool closed;
	int rc = load_coordinated(r, &a, &closed);
	if (rc || closed)
		return rc;
	char clean[USERNAME_MAX + 1];
	struct user u;
	int found = username_clean(req_form(r, "username"), clean, sizeof(clean))
			    ? user_by_name(req_db(r), clean, &u, NULL, 0)
			    : 0;
	if (found < 0)
		return 500;
	if (!found || u.disabled || !str_eq(u.country, a.country))
		return assessment_page(r, &a, 400,
				       N_("There is no account of this country with that username."));
	if (u.role == R_COORDINATOR)
		return assessment_page(r, &a, 409, N_("Coordinators of the country take part "
						      "without an invitation."));
	if (db_x(req_db(r),
		 "INSERT INTO assessment_contributors (assessment_id, user_id, country, invited_by, "
		 "invited_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
		 "iitii", a.id, u.id, a.country, r->user->id, now_seconds()) != DB_DONE)
		return 500;
	audit(req_db(r), r->user, a.country, "assessment_invited",
	      arena_printf(&r->arena, "%lld %s", (long long)a.id, u.username));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/assessments/%lld", (long long)a.id));
	return 0;
}

/* POST /policy/assessments/:id/close */
int policy_close(struct req *r)
{
	struct assessment a;
	bool closed;
	int rc = load_coordinated(r, &a, &closed);
	if (rc || closed)
		return rc;
	struct decided dec;
	if (load_decided(r, a.id, &dec) < 0)
		return 500;
	if (dec.n < fw->ncaps)
		return assessment_page(r, &a, 409, N_("Decide the answer for every capability "
						      "before you close the assessment."));
	if (db_x(req_db(r), "UPDATE assessments SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
		 "ii", now_seconds(), a.id) != DB_DONE)
		return 500;
	audit(req_db(r), r->user, a.country, "assessment_closed",
	      arena_printf(&r->arena, "%lld", (long long)a.id));
	resp_redirect(r, 303,
		      arena_printf(&r->arena, "/policy/assessments/%lld/result", (long long)a.id));
	return 0;
}

/* ---- one capability ---- */

static const struct pol_cap *path_cap(struct req *r)
{
	return policy_cap(fw, req_param(r, 1));
}

/* A form's links: one http(s) URL a line, at most LINKS_MAX; normalised
 * into out ("\n" between them).  False when one is not. */
static bool links_ok(const char *in, struct buf *out)
{
	int n = 0;
	const char *p = in ? in : "";
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *s = p;
		size_t k = len;
		while (k && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++, k--;
		while (k && (s[k - 1] == ' ' || s[k - 1] == '\t' || s[k - 1] == '\r'))
			k--;
		if (k) {
			if (++n > LINKS_MAX || k > LINK_MAX)
				return false;
			if (!(k > 8 && strncmp(s, "https://", 8) == 0) &&
			    !(k > 7 && strncmp(s, "http://", 7) == 0))
				return false;
			for (size_t i = 0; i < k; i++)
				if ((unsigned char)s[i] <= ' ')
					return false;
			if (out->len)
				buf_putc(out, '\n');
			buf_put(out, s, k);
		}
		p += len + (nl ? 1 : 0);
	}
	buf_putc(out, '\0');
	return !out->overflow;
}

static json_t *links_json(const char *links)
{
	json_t *a = json_array();
	const char *p = links ? links : "";
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len) {
			char *one = strndup(p, len);
			json_array_append_new(a, jstr(one));
			free(one);
		}
		p += len + (nl ? 1 : 0);
	}
	return a;
}

static json_t *level_options(struct req *r, const struct pol_cap *c, int checked)
{
	json_t *ls = json_array();
	for (int k = 0; k < POL_NLEVELS; k++) {
		json_t *l = level_json(r, k + 1);
		json_object_set_new(l, "about", jstr(text(r, &c->level[k])));
		json_object_set_new(l, "checked", json_boolean(checked == k + 1));
		json_array_append_new(ls, l);
	}
	return ls;
}

static json_t *confidence_options(struct req *r, int checked)
{
	json_t *cs = json_array();
	for (size_t k = 0; k < ARRAY_LEN(confidences); k++) {
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(confidences[k]));
		json_object_set_new(o, "label", jstr(tr(r, confidence_names[k])));
		json_object_set_new(o, "checked", json_boolean(checked == (int)k));
		json_array_append_new(cs, o);
	}
	return cs;
}

/* The median of the answers' levels (the lower of the two middle ones),
 * proposed to the coordinator when nothing is decided yet. */
static int median(int *levels, int n)
{
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0 && levels[k - 1] > levels[k]; k--) {
			int t = levels[k];
			levels[k] = levels[k - 1];
			levels[k - 1] = t;
		}
	return n ? levels[(n - 1) / 2] : 0;
}

static json_t *documents_json(struct req *r, const struct assessment *a, const char *cap,
			      bool *err);

static int capability_page(struct req *r, const struct assessment *a, const struct pol_cap *c,
			   int status, const char *error)
{
	int i = cap_ix(c);
	struct decided dec;
	if (load_decided(r, a->id, &dec) < 0)
		return 500;
	json_t *d = page_data(r, N_("Self-assessment"));
	r->status = status;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	json_object_set_new(d, "a", assessment_json(r, a));
	json_t *co = cap_json(r, c);
	json_object_set_new(co, "domain", jstr(text(r, &fw->domains[c->domain].title)));
	json_object_set_new(d, "cap", co);
	bool open = !a->closed_at;
	json_object_set_new(d, "may_answer", json_boolean(open && a->contributor));
	json_object_set_new(d, "may_decide", json_boolean(open && a->coordinator));
	/* every answer, the reader's first in its form */
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT s.user_id, u.username, u.display_name, s.level, "
				  "s.confidence, s.evidence, s.links, s.updated_at FROM "
				  "assessment_answers s JOIN users u ON u.id = s.user_id WHERE "
				  "s.assessment_id = ? AND s.capability = ? ORDER BY s.updated_at, "
				  "u.username",
				  "it", a->id, c->id);
	if (!st) {
		json_decref(d);
		return 500;
	}
	int my_level = 0, my_conf = -1, levels[256], nlevels = 0;
	const char *my_evidence = "", *my_links = "";
	json_t *others = json_array();
	while (db_step(st) == DB_ROW) {
		int lv = (int)db_int(st, 3);
		if (nlevels < (int)ARRAY_LEN(levels))
			levels[nlevels++] = lv;
		if (db_int(st, 0) == r->user->id) {
			my_level = lv;
			my_conf = confidence_ix(db_text(st, 4));
			my_evidence = arena_strdup(&r->arena, db_text(st, 5));
			my_links = arena_strdup(&r->arena, db_text(st, 6));
		}
		json_t *o = json_object();
		json_object_set_new(o, "username", jstr(db_text(st, 1)));
		json_object_set_new(o, "name", jstr(db_text(st, 2)));
		json_object_set_new(o, "level", level_json(r, lv));
		int ci = confidence_ix(db_text(st, 4));
		json_object_set_new(o, "confidence", jstr(ci >= 0 ? tr(r, confidence_names[ci]) : ""));
		json_object_set_new(o, "evidence", jstr(db_text(st, 5)));
		json_object_set_new(o, "links", links_json(db_text(st, 6)));
		json_object_set_new(o, "when", jstr(policy_day(r, db_int(st, 7))));
		json_array_append_new(others, o);
	}
	db_done(st);
	json_object_set_new(d, "answers", others);
	/* a form sent back with an error keeps what was typed */
	if (error && req_form(r, "evidence") && !req_form(r, "decide")) {
		int64_t lv = 0;
		parse_int64(req_form(r, "level"), 1, POL_NLEVELS, &lv);
		my_level = (int)lv;
		my_conf = confidence_ix(req_form(r, "confidence"));
		my_evidence = req_form(r, "evidence");
		my_links = req_form(r, "links") ? req_form(r, "links") : "";
	}
	json_object_set_new(d, "levels", level_options(r, c, my_level));
	json_object_set_new(d, "confidences", confidence_options(r, my_conf));
	json_object_set_new(d, "evidence", jstr(my_evidence));
	json_object_set_new(d, "links", jstr(my_links));
	/* the decision, or a proposal: the median of the answers */
	int dl = dec.level[i] ? dec.level[i] : median(levels, nlevels);
	json_object_set_new(d, "decided", level_json(r, dec.level[i]));
	json_object_set_new(d, "decided_confidence",
			    jstr(dec.level[i] && dec.confidence[i] >= 0
					 ? tr(r, confidence_names[dec.confidence[i]])
					 : ""));
	json_object_set_new(d, "decided_evidence", jstr(dec.evidence[i] ? dec.evidence[i] : ""));
	json_object_set_new(d, "decide_levels", level_options(r, c, dl));
	json_object_set_new(d, "decide_confidences",
			    confidence_options(r, dec.level[i] ? dec.confidence[i] : 1));
	/* the documents of evidence */
	bool derr = false;
	json_object_set_new(d, "documents", documents_json(r, a, c->id, &derr));
	if (derr) {
		json_decref(d);
		return 500;
	}
	json_object_set_new(d, "uploaded", json_boolean(req_query(r, "uploaded") != NULL));
	/* the guidelines that address it */
	struct lib_text t;
	lib_text_lang(r, &t);
	json_t *see = json_array();
	for (int k = 0; k < c->nsee; k++)
		json_array_append_new(see, see_json(r, &t, c->see[k]));
	json_object_set_new(d, "see", see);
	/* the capabilities before and after */
	if (i > 0)
		json_object_set_new(d, "prev", cap_json(r, &fw->caps[i - 1]));
	if (i + 1 < fw->ncaps)
		json_object_set_new(d, "next", cap_json(r, &fw->caps[i + 1]));
	return page_render(r, "policy/capability", d);
}

static int load_cap(struct req *r, struct assessment *a, const struct pol_cap **c)
{
	int rc = load(r, a);
	if (rc)
		return rc;
	*c = path_cap(r);
	if (!*c)
		return page_error(r, 404, N_("The framework has no such capability."));
	return 0;
}

/* load_cap for one who answers: a contributor (else 403); *closed when
 * the assessment is closed and its capability's page (409) written. */
static int load_cap_answering(struct req *r, struct assessment *a, const struct pol_cap **c,
			      bool *closed)
{
	*closed = false;
	int rc = load_cap(r, a, c);
	if (rc)
		return rc;
	if (!a->contributor)
		return page_error(r, 403, N_("Only the assessment's contributors answer."));
	if (a->closed_at) {
		*closed = true;
		return capability_page(r, a, *c, 409,
				       N_("This assessment is closed: nothing in it changes."));
	}
	return 0;
}

/* GET /policy/assessments/:id/:cap */
int policy_capability(struct req *r)
{
	struct assessment a;
	const struct pol_cap *c;
	int rc = load_cap(r, &a, &c);
	return rc ? rc : capability_page(r, &a, c, 200, NULL);
}

/* Reads the level, confidence and evidence of a form: NULL, or the reason
 * it is refused. */
static const char *read_answer(struct req *r, int *level, int *conf, const char **evidence)
{
	int64_t lv;
	if (!parse_int64(req_form(r, "level"), 1, POL_NLEVELS, &lv))
		return N_("Choose the level that describes the capability today.");
	*level = (int)lv;
	*conf = confidence_ix(req_form(r, "confidence"));
	if (*conf < 0)
		return N_("Say how sure you are: low, medium or high.");
	const char *ev = req_form(r, "evidence");
	ev = ev ? ev : "";
	if (utf8_chars(ev) > EVIDENCE_MAX || !utf8_valid_text(ev, strlen(ev), true))
		return N_("The evidence is text of at most 4000 characters.");
	*evidence = ev;
	return NULL;
}

/* POST /policy/assessments/:id/:cap: the reader's answer. */
int policy_answer(struct req *r)
{
	struct assessment a;
	const struct pol_cap *c;
	bool closed;
	int rc = load_cap_answering(r, &a, &c, &closed);
	if (rc || closed)
		return rc;
	int level, conf;
	const char *evidence;
	const char *why = read_answer(r, &level, &conf, &evidence);
	if (why)
		return capability_page(r, &a, c, 400, why);
	struct buf links;
	buf_init(&links, LINKS_MAX * (LINK_MAX + 1) + 1);
	if (!links_ok(req_form(r, "links"), &links)) {
		buf_free(&links);
		return capability_page(r, &a, c, 400,
				       N_("Links: one address a line, starting with https:// or "
					  "http://, at most 10."));
	}
	int64_t now = now_seconds();
	rc = db_x(req_db(r),
		  "INSERT INTO assessment_answers (assessment_id, capability, user_id, country, "
		  "level, confidence, evidence, links, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
		  "?) ON CONFLICT (assessment_id, capability, user_id) DO UPDATE SET level = "
		  "excluded.level, confidence = excluded.confidence, evidence = excluded.evidence, "
		  "links = excluded.links, updated_at = excluded.updated_at",
		  "itit" "itt" "ti", a.id, c->id, r->user->id, a.country, (int64_t)level,
		  confidences[conf], evidence, links.data, now);
	buf_free(&links);
	if (rc != DB_DONE)
		return 500;
	int i = cap_ix(c);
	const char *next = i + 1 < fw->ncaps
				   ? arena_printf(&r->arena, "/policy/assessments/%lld/%s?saved=1",
						  (long long)a.id, fw->caps[i + 1].id)
				   : arena_printf(&r->arena, "/policy/assessments/%lld?saved=1",
						  (long long)a.id);
	resp_redirect(r, 303, next);
	return 0;
}

/* POST /policy/assessments/:id/:cap/decide: the assessment's answer. */
int policy_decide(struct req *r)
{
	struct assessment a;
	const struct pol_cap *c;
	int rc = load_cap(r, &a, &c);
	if (rc)
		return rc;
	if (!a.coordinator)
		return page_error(r, 403, N_("Only a coordinator of the country can do this."));
	if (a.closed_at)
		return capability_page(r, &a, c, 409,
				       N_("This assessment is closed: nothing in it changes."));
	int level, conf;
	const char *evidence;
	const char *why = read_answer(r, &level, &conf, &evidence);
	if (why)
		return capability_page(r, &a, c, 400, why);
	rc = db_x(req_db(r),
		  "INSERT INTO assessment_results (assessment_id, capability, country, level, "
		  "confidence, evidence, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
		  "ON CONFLICT (assessment_id, capability) DO UPDATE SET level = excluded.level, "
		  "confidence = excluded.confidence, evidence = excluded.evidence, decided_by = "
		  "excluded.decided_by, decided_at = excluded.decided_at",
		  "ittitt" "ii", a.id, c->id, a.country, (int64_t)level, confidences[conf], evidence,
		  r->user->id, now_seconds());
	if (rc != DB_DONE)
		return 500;
	audit(req_db(r), r->user, a.country, "assessment_decided",
	      arena_printf(&r->arena, "%lld %s %d", (long long)a.id, c->id, level));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/assessments/%lld/%s?decided=1",
					   (long long)a.id, c->id));
	return 0;
}

/* ---- documents as evidence ---- */

/* What a file is, from its first bytes and, for the zip-based office
 * formats, its name's extension: the type it is served with, or NULL for
 * a kind not taken.  The browser's word for it is never used. */
static const char *doc_type(const unsigned char *p, size_t n, const char *name)
{
	static const struct {
		const char *ext, *type;
	} zips[] = {
		{".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
		{".odt", "application/vnd.oasis.opendocument.text"},
		{".ods", "application/vnd.oasis.opendocument.spreadsheet"},
		{".odp", "application/vnd.oasis.opendocument.presentation"},
	};
	if (n >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && memcmp(p, "\xff\xd8\xff", 3) == 0)
		return "image/jpeg";
	if (n >= 4 && memcmp(p, "PK\x03\x04", 4) == 0) {
		size_t ln = strlen(name);
		for (size_t i = 0; i < ARRAY_LEN(zips); i++) {
			size_t le = strlen(zips[i].ext);
			if (ln > le && strcasecmp(name + ln - le, zips[i].ext) == 0)
				return zips[i].type;
		}
		return NULL;
	}
	/* text: UTF-8 with no NUL, named .txt or .csv */
	size_t ln = strlen(name);
	if (!memchr(p, 0, n) && utf8_valid_text((const char *)p, n, true) && ln > 4 &&
	    (strcasecmp(name + ln - 4, ".txt") == 0 || strcasecmp(name + ln - 4, ".csv") == 0))
		return strcasecmp(name + ln - 4, ".csv") == 0 ? "text/csv; charset=utf-8"
							    : "text/plain; charset=utf-8";
	return NULL;
}

/* A file name fit to keep and to send back: its last path part, without
 * control characters, quotes or backslashes, at most DOC_NAME_MAX
 * characters; NULL when nothing is left or it is not UTF-8. */
static char *doc_name(struct req *r, const char *sent)
{
	const char *base = sent;
	for (const char *p = sent; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	if (!utf8_valid_text(base, strlen(base), false))
		return NULL;
	char *out = arena_strdup(&r->arena, base);
	size_t k = 0;
	for (const char *p = base; *p; p++)
		if ((unsigned char)*p >= 0x20 && *p != '"' && *p != 0x7f)
			out[k++] = *p;
	out[k] = 0;
	while (k && (out[k - 1] == ' ' || out[k - 1] == '.'))
		out[--k] = 0;
	if (!k || utf8_chars(out) > DOC_NAME_MAX)
		return NULL;
	return out;
}

static const char *size_text(struct req *r, int64_t n)
{
	if (n < 1024)
		return arena_printf(&r->arena, "%lld B", (long long)n);
	if (n < 1024 * 1024)
		return arena_printf(&r->arena, "%.0f KB", (double)n / 1024);
	return arena_printf(&r->arena, "%.1f MB", (double)n / (1024 * 1024));
}

/* The documents of a capability, for its page. */
static json_t *documents_json(struct req *r, const struct assessment *a, const char *cap,
			      bool *err)
{
	json_t *list = json_array();
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT d.id, d.filename, d.size, d.uploaded_at, d.user_id, "
				  "COALESCE(u.username, '') FROM assessment_documents d LEFT JOIN "
				  "users u ON u.id = d.user_id WHERE d.assessment_id = ? AND "
				  "d.capability = ? ORDER BY d.uploaded_at, d.id",
				  "it", a->id, cap);
	if (!st) {
		*err = true;
		return list;
	}
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "name", jstr(db_text(st, 1)));
		json_object_set_new(o, "size", jstr(size_text(r, db_int(st, 2))));
		json_object_set_new(o, "when", jstr(policy_day(r, db_int(st, 3))));
		json_object_set_new(o, "by", jstr(db_text(st, 5)));
		bool mine = !db_null(st, 4) && db_int(st, 4) == r->user->id;
		json_object_set_new(o, "may_delete",
				    json_boolean(!a->closed_at && (mine || a->coordinator)));
		json_array_append_new(list, o);
	}
	db_done(st);
	return list;
}

/* POST /policy/assessments/:id/:cap/documents: a file of evidence. */
int policy_document_upload(struct req *r)
{
	struct assessment a;
	const struct pol_cap *c;
	bool closed;
	int rc = load_cap_answering(r, &a, &c, &closed);
	if (rc || closed)
		return rc;
	const struct form_field *f = form_file(&r->form, "document");
	if (!f || !f->len)
		return capability_page(r, &a, c, 400, N_("Choose a file to upload."));
	if (f->len > DOC_MAX)
		return capability_page(r, &a, c, 413, N_("A document is at most 3 MB."));
	const char *name = doc_name(r, f->filename);
	if (!name)
		return capability_page(r, &a, c, 400,
				       N_("The file's name must be text of at most 120 characters."));
	const char *type = doc_type((const unsigned char *)f->value, f->len, name);
	if (!type)
		return capability_page(r, &a, c, 415,
				       N_("Upload a PDF, a Word, Excel, PowerPoint or OpenDocument "
					  "file, a PNG or JPEG image, or a text or CSV file."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT COUNT(*) FROM assessment_documents WHERE assessment_id = ? "
				  "AND capability = ? AND user_id = ?",
				  "iti", a.id, c->id, r->user->id);
	if (!st)
		return 500;
	int64_t have = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
	db_done(st);
	if (have >= DOCS_MAX)
		return capability_page(r, &a, c, 409,
				       N_("You have uploaded 20 documents for this capability: "
					  "delete one before you add another."));
	if (db_x(req_db(r),
		 "INSERT INTO assessment_documents (assessment_id, capability, user_id, country, "
		 "filename, content_type, size, data, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		 "itit" "tti" "bi", a.id, c->id, r->user->id, a.country, name, type,
		 (int64_t)f->len, (const void *)f->value, (size_t)f->len, now_seconds()) != DB_DONE)
		return 500;
	audit(req_db(r), r->user, a.country, "assessment_document_added",
	      arena_printf(&r->arena, "%lld %s", (long long)a.id, c->id));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/assessments/%lld/%s?uploaded=1",
					   (long long)a.id, c->id));
	return 0;
}

/* Loads a document of the path's assessment (:doc) for its page: 0, or
 * the page written (404) or 500. */
static int load_document(struct req *r, const struct assessment *a, int64_t *id, char *cap,
			 size_t caplen, int64_t *owner)
{
	if (!parse_int64(req_param(r, 1), 1, INT64_MAX, id))
		return page_error(r, 404, N_("There is no such document."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT capability, user_id FROM assessment_documents WHERE id = ? "
				  "AND assessment_id = ?",
				  "ii", *id, a->id);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("There is no such document."));
	}
	str_copy(cap, caplen, db_text(st, 0));
	*owner = db_null(st, 1) ? 0 : db_int(st, 1);
	db_done(st);
	return 0;
}

/* GET /policy/assessments/:id/documents/:doc: the file, as an attachment. */
int policy_document(struct req *r)
{
	struct assessment a;
	int rc = load(r, &a);
	if (rc)
		return rc;
	int64_t id;
	if (!parse_int64(req_param(r, 1), 1, INT64_MAX, &id))
		return page_error(r, 404, N_("There is no such document."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT filename, content_type, data FROM assessment_documents WHERE "
				  "id = ? AND assessment_id = ?",
				  "ii", id, a.id);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("There is no such document."));
	}
	size_t n;
	const void *data = db_blob(st, 2, &n);
	const char *name = arena_strdup(&r->arena, db_text(st, 0));
	const char *type = arena_strdup(&r->arena, db_text(st, 1));
	buf_reset(&r->out);
	bool ok = data && buf_put(&r->out, data, n);
	db_done(st);
	if (!ok)
		return 500;
	/* the name as sent, percent-encoded (RFC 6266), and a plain one */
	struct buf enc;
	buf_init(&enc, 4 * strlen(name) + 1);
	url_component_escape(&enc, name, strlen(name));
	buf_putc(&enc, '\0');
	r->status = 200;
	r->content_type = type;
	r->no_store = true;
	resp_header(r, "Content-Disposition",
		    arena_printf(&r->arena, "attachment; filename=\"document\"; filename*=UTF-8''%s",
				 enc.data));
	buf_free(&enc);
	return 0;
}

/* POST /policy/assessments/:id/documents/:doc/delete: its uploader, or a
 * coordinator, while the assessment is open. */
int policy_document_delete(struct req *r)
{
	struct assessment a;
	int rc = load(r, &a);
	if (rc)
		return rc;
	int64_t id = 0, owner = 0;
	char cap[64];
	rc = load_document(r, &a, &id, cap, sizeof(cap), &owner);
	if (rc)
		return rc;
	const struct pol_cap *c = policy_cap(fw, cap);
	if (!a.coordinator && owner != r->user->id)
		return page_error(r, 403, N_("Only the person who uploaded a document, or a "
					     "coordinator, deletes it."));
	if (a.closed_at)
		return c ? capability_page(r, &a, c, 409,
					   N_("This assessment is closed: nothing in it changes."))
			 : page_error(r, 409, N_("This assessment is closed: nothing in it changes."));
	if (db_x(req_db(r), "DELETE FROM assessment_documents WHERE id = ?", "i", id) != DB_DONE)
		return 500;
	audit(req_db(r), r->user, a.country, "assessment_document_deleted",
	      arena_printf(&r->arena, "%lld %s", (long long)a.id, cap));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/assessments/%lld/%s",
					   (long long)a.id, cap));
	return 0;
}

/* ---- the result ---- */

static int by_gap(const void *x, const void *y)
{
	const struct pol_gap *a = x, *b = y;
	if (a->level != b->level)
		return a->level - b->level; /* the lowest level first */
	if (a->confidence != b->confidence)
		return b->confidence - a->confidence; /* the surer first */
	return a->cap - b->cap;
}

int policy_gaps(struct req *r, int64_t assessment_id, struct pol_gap *out, int max)
{
	struct decided d;
	if (load_decided(r, assessment_id, &d) < 0)
		return -1;
	int n = 0;
	for (int i = 0; i < fw->ncaps && n < max; i++)
		if (d.level[i] && d.level[i] < POL_NLEVELS)
			out[n++] = (struct pol_gap){i, d.level[i], d.confidence[i]};
	if (n)
		qsort(out, (size_t)n, sizeof(*out), by_gap);
	return n;
}

/* GET /policy/assessments/:id/result */
int policy_result(struct req *r)
{
	struct assessment a;
	int rc = load(r, &a);
	if (rc)
		return rc;
	struct decided now, before;
	if (load_decided(r, a.id, &now) < 0)
		return 500;
	/* the country's assessment before this one, to compare */
	struct assessment prev = {0};
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT id, title, created_at, closed_at FROM assessments WHERE "
				  "country = ? AND (created_at < ? OR (created_at = ? AND id < ?)) "
				  "ORDER BY created_at DESC, id DESC LIMIT 1",
				  "tiii", a.country, a.created_at, a.created_at, a.id);
	if (!st)
		return 500;
	if (db_step(st) == DB_ROW) {
		prev.id = db_int(st, 0);
		prev.title = arena_strdup(&r->arena, db_text(st, 1));
		prev.created_at = db_int(st, 2);
		prev.closed_at = db_null(st, 3) ? 0 : db_int(st, 3);
	}
	db_done(st);
	if (load_decided(r, prev.id, &before) < 0)
		return 500;
	bool compare = prev.id && before.n > 0;

	json_t *d = page_data(r, N_("Result of the self-assessment"));
	json_object_set_new(d, "a", assessment_json(r, &a));
	if (compare)
		json_object_set_new(d, "prev", assessment_json(r, &prev));
	json_object_set_new(d, "decided", json_integer(now.n));
	json_object_set_new(d, "total", json_integer(fw->ncaps));
	json_object_set_new(d, "partial", json_boolean(now.n < fw->ncaps));

	/* the domains: the mean level of their decided capabilities */
	struct radar_axis ax[POL_MAX_DOMAINS];
	json_t *doms = json_array();
	for (int g = 0; g < fw->ndomains; g++) {
		double sum = 0, psum = 0;
		int n = 0, pn = 0;
		for (int i = 0; i < fw->ncaps; i++) {
			if (fw->caps[i].domain != g)
				continue;
			if (now.level[i])
				sum += now.level[i], n++;
			if (before.level[i])
				psum += before.level[i], pn++;
		}
		ax[g].label = text(r, &fw->domains[g].title);
		ax[g].value = n ? sum / n : 0;
		ax[g].previous = pn ? psum / pn : 0;
		json_t *o = json_object();
		json_object_set_new(o, "title", jstr(ax[g].label));
		json_object_set_new(o, "mean", jstr(n ? arena_printf(&r->arena, "%.1f", ax[g].value) : ""));
		json_object_set_new(o, "before", jstr(pn ? arena_printf(&r->arena, "%.1f", ax[g].previous)
							 : ""));
		json_array_append_new(doms, o);
	}
	json_object_set_new(d, "domains", doms);
	struct buf svg;
	buf_init(&svg, 64u << 10);
	if (svg_radar(&svg, tr(r, N_("The mean level of each domain")), ax, fw->ndomains,
		      POL_NLEVELS, compare) == 0) {
		buf_putc(&svg, '\0');
		json_object_set_new(d, "radar", jstr(svg.data));
	}
	buf_free(&svg);

	/* the capabilities, and the gaps ranked */
	struct lib_text t;
	lib_text_lang(r, &t);
	struct pol_gap gaps[POL_MAX_CAPS];
	int ngaps = 0;
	json_t *caps = json_array(), *open = json_array();
	for (int i = 0; i < fw->ncaps; i++) {
		json_t *o = cap_json(r, &fw->caps[i]);
		json_object_set_new(o, "domain", jstr(text(r, &fw->domains[fw->caps[i].domain].title)));
		json_object_set_new(o, "level", level_json(r, now.level[i]));
		json_object_set_new(o, "before", level_json(r, before.level[i]));
		int ci = now.confidence[i];
		json_object_set_new(o, "confidence",
				    jstr(now.level[i] && ci >= 0 ? tr(r, confidence_names[ci]) : ""));
		int change = now.level[i] && before.level[i] ? now.level[i] - before.level[i] : 0;
		json_object_set_new(o, "up", json_boolean(change > 0));
		json_object_set_new(o, "down", json_boolean(change < 0));
		json_array_append_new(caps, o);
		if (!now.level[i])
			json_array_append_new(open, cap_json(r, &fw->caps[i]));
		else if (now.level[i] < POL_NLEVELS)
			gaps[ngaps++] = (struct pol_gap){i, now.level[i], ci};
	}
	json_object_set_new(d, "caps", caps);
	json_object_set_new(d, "undecided", open);
	if (ngaps)
		qsort(gaps, (size_t)ngaps, sizeof(*gaps), by_gap);
	json_t *gl = json_array();
	for (int k = 0; k < ngaps; k++) {
		const struct pol_cap *c = &fw->caps[gaps[k].cap];
		json_t *o = cap_json(r, c);
		json_object_set_new(o, "rank", json_integer(k + 1));
		json_object_set_new(o, "level", level_json(r, gaps[k].level));
		json_object_set_new(o, "next", jstr(text(r, &c->level[gaps[k].level])));
		json_object_set_new(o, "next_level", level_json(r, gaps[k].level + 1));
		json_t *see = json_array();
		for (int s = 0; s < c->nsee; s++)
			json_array_append_new(see, see_json(r, &t, c->see[s]));
		json_object_set_new(o, "see", see);
		json_array_append_new(gl, o);
	}
	json_object_set_new(d, "gaps", gl);
	return page_render(r, "policy/result", d);
}
