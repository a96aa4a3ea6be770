/*
 * plan.c: the implementation plan of a national strategy (policy.h).
 *
 * Its actions sit under the strategy's objectives (its sections), each
 * with a lead institution, partners, first and last day, budget, weight,
 * status and progress, and milestones.  Progress rolls up from the
 * actions to each objective and to the plan, weighted; an action past its
 * last day and not done is late, and the Gantt chart shows it so.
 *
 * The plan is its country's coordinators' (administrators read it); for
 * anyone else it does not exist.
 */
#include "policy/common.h"
#include "policy/policy.h"
#include "core/buf.h"
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
#include <time.h>

#define TITLE_MAX 200
#define NAME_MAX_CHARS 160
#define PARTNERS_MAX 500
#define ACTIONS_MAX 300
#define MILESTONES_MAX 20
#define BUDGET_MAX 1000000000000000LL

static const char *const statuses[] = {"planned", "ongoing", "done", "stopped"};
static const char *const status_names[] = {N_("Planned"), N_("Ongoing"), N_("Done"),
					   N_("Stopped")};

static int status_ix(const char *s);

const char *policy_action_status(const char *key)
{
	int k = status_ix(key);
	return k < 0 ? "" : status_names[k];
}

static int status_ix(const char *s)
{
	for (size_t i = 0; i < ARRAY_LEN(statuses); i++)
		if (s && str_eq(s, statuses[i]))
			return (int)i;
	return -1;
}

static int64_t today(void)
{
	int64_t t = now_seconds();
	return t - t % 86400;
}

/* ---- the plan's page ---- */

struct action {
	int64_t id, starts, ends, budget;
	const char *objective, *title, *lead, *partners;
	int weight, status, progress;
	bool has_budget;
};

static bool late(const struct action *a)
{
	return a->ends < today() && a->status != 2 && a->status != 3 && a->progress < 100;
}

/* A strategy's objectives: its sections' keys and titles, in order. */
struct objective {
	const char *key, *title;
	double weighted;
	int weights;
};

static int objectives_of(struct req *r, int64_t id, struct objective **out)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT key, title FROM strategy_sections WHERE strategy_id = ? AND "
				  "key <> 'vision' ORDER BY position, key",
				  "i", id);
	if (!st)
		return -1;
	int n = 0;
	struct objective *v = arena_alloc(&r->arena, 64 * sizeof(*v));
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		if (n < 64)
			v[n++] = (struct objective){arena_strdup(&r->arena, db_text(st, 0)),
						    arena_strdup(&r->arena, db_text(st, 1)), 0, 0};
	db_done(st);
	*out = v;
	return rc == DB_DONE ? n : -1;
}

static json_t *status_options(struct req *r, int checked)
{
	json_t *a = json_array();
	for (size_t k = 0; k < ARRAY_LEN(statuses); k++) {
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(statuses[k]));
		json_object_set_new(o, "label", jstr(tr(r, status_names[k])));
		json_object_set_new(o, "selected", json_boolean((int)k == checked));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *indicators_json(struct req *r, int64_t sid, bool *err);

/* Where a new indicator's values may come from, the one asked for
 * selected (people by default). */
static json_t *source_options(struct req *r)
{
	json_t *a = json_array();
	const char *want = req_form(r, "source");
	const struct pol_source *src;
	for (int i = 0; (src = policy_source_at(i)); i++) {
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(src->id));
		json_object_set_new(o, "label", jstr(tr(r, src->name)));
		json_object_set_new(o, "selected", json_boolean(want ? str_eq(want, src->id) : !i));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *frequency_options(struct req *r)
{
	json_t *a = json_array();
	const char *want = req_form(r, "frequency"), *id;
	for (int i = 0; (id = policy_frequency_at(i)); i++) {
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(id));
		json_object_set_new(o, "label", jstr(tr(r, policy_frequency_name(id))));
		json_object_set_new(o, "selected",
				    json_boolean(want ? str_eq(want, id) : str_eq(id, "quarter")));
		json_array_append_new(a, o);
	}
	return a;
}

static int plan_page(struct req *r, const struct pol_strategy *s, int status, const char *error)
{
	struct objective *obj;
	int nobj = objectives_of(r, s->id, &obj);
	if (nobj < 0)
		return 500;
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT id, objective, title, lead, partners, starts_on, ends_on, "
				  "budget, weight, status, progress FROM plan_actions WHERE "
				  "strategy_id = ? ORDER BY starts_on, id",
				  "i", s->id);
	if (!st)
		return 500;
	struct action *acts = arena_alloc(&r->arena, ACTIONS_MAX * sizeof(*acts));
	int n = 0;
	while (db_step(st) == DB_ROW && n < ACTIONS_MAX) {
		struct action *a = &acts[n++];
		a->id = db_int(st, 0);
		a->objective = arena_strdup(&r->arena, db_text(st, 1));
		a->title = arena_strdup(&r->arena, db_text(st, 2));
		a->lead = arena_strdup(&r->arena, db_text(st, 3));
		a->partners = arena_strdup(&r->arena, db_text(st, 4));
		a->starts = db_int(st, 5);
		a->ends = db_int(st, 6);
		a->has_budget = !db_null(st, 7);
		a->budget = a->has_budget ? db_int(st, 7) : 0;
		a->weight = (int)db_int(st, 8);
		a->status = status_ix(db_text(st, 9));
		a->progress = (int)db_int(st, 10);
	}
	db_done(st);
	/* the milestones' days, by action */
	int64_t *ms = arena_alloc(&r->arena, (size_t)(n * MILESTONES_MAX + 1) * sizeof(int64_t));
	int *nms = arena_alloc(&r->arena, (size_t)(n + 1) * sizeof(int));
	memset(nms, 0, (size_t)(n + 1) * sizeof(int));
	json_t **mjs = arena_alloc(&r->arena, (size_t)(n + 1) * sizeof(json_t *));
	for (int i = 0; i < n; i++)
		mjs[i] = json_array();
	st = db_q(req_db(r),
		  "SELECT m.id, m.action_id, m.title, m.due_on, m.done_on FROM plan_milestones m JOIN "
		  "plan_actions a ON a.id = m.action_id WHERE a.strategy_id = ? ORDER BY m.due_on, m.id",
		  "i", s->id);
	if (!st) {
		for (int i = 0; i < n; i++)
			json_decref(mjs[i]);
		return 500;
	}
	while (db_step(st) == DB_ROW) {
		int64_t aid = db_int(st, 1);
		for (int i = 0; i < n; i++) {
			if (acts[i].id != aid)
				continue;
			if (nms[i] < MILESTONES_MAX)
				ms[i * MILESTONES_MAX + nms[i]++] = db_int(st, 3);
			json_t *o = json_object();
			json_object_set_new(o, "id", json_integer(db_int(st, 0)));
			json_object_set_new(o, "title", jstr(db_text(st, 2)));
			json_object_set_new(o, "due", jstr(policy_day(r, db_int(st, 3))));
			bool done = !db_null(st, 4);
			json_object_set_new(o, "done", json_boolean(done));
			json_object_set_new(o, "late", json_boolean(!done && db_int(st, 3) < today()));
			json_array_append_new(mjs[i], o);
		}
	}
	db_done(st);

	json_t *d = page_data(r, N_("Implementation plan"));
	r->status = status;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	json_t *so = json_object();
	json_object_set_new(so, "id", json_integer(s->id));
	json_object_set_new(so, "title", jstr(s->title));
	json_object_set_new(d, "s", so);
	json_object_set_new(d, "editor", json_boolean(s->editor));
	/* roll up: each objective, and the plan */
	double total = 0;
	int weights = 0, nlate = 0;
	for (int i = 0; i < n; i++) {
		const struct action *a = &acts[i];
		if (a->status == 3)
			continue; /* stopped: out of the sums */
		for (int k = 0; k < nobj; k++)
			if (str_eq(obj[k].key, a->objective)) {
				obj[k].weighted += (double)a->weight * a->progress;
				obj[k].weights += a->weight;
			}
		total += (double)a->weight * a->progress;
		weights += a->weight;
	}
	json_t *objs = json_array();
	for (int k = 0; k < nobj; k++) {
		json_t *o = json_object();
		json_object_set_new(o, "key", jstr(obj[k].key));
		json_object_set_new(o, "title", jstr(obj[k].title));
		int p = obj[k].weights ? (int)(obj[k].weighted / obj[k].weights + 0.5) : 0;
		json_object_set_new(o, "progress", json_integer(p));
		json_object_set_new(o, "has_actions", json_boolean(obj[k].weights > 0));
		json_t *list = json_array();
		for (int i = 0; i < n; i++) {
			const struct action *a = &acts[i];
			if (!str_eq(a->objective, obj[k].key))
				continue;
			json_t *ao = json_object();
			json_object_set_new(ao, "id", json_integer(a->id));
			json_object_set_new(ao, "title", jstr(a->title));
			json_object_set_new(ao, "lead", jstr(a->lead));
			json_object_set_new(ao, "partners", jstr(a->partners));
			json_object_set_new(ao, "starts", jstr(policy_day(r, a->starts)));
			json_object_set_new(ao, "ends", jstr(policy_day(r, a->ends)));
			if (a->has_budget)
				json_object_set_new(ao, "budget", json_integer(a->budget));
			json_object_set_new(ao, "weight", json_integer(a->weight));
			json_object_set_new(ao, "status",
					    jstr(a->status >= 0 ? tr(r, status_names[a->status]) : ""));
			json_object_set_new(ao, "progress", json_integer(a->progress));
			json_object_set_new(ao, "late", json_boolean(late(a)));
			json_object_set_new(ao, "statuses", status_options(r, a->status));
			json_object_set_new(ao, "milestones", json_incref(mjs[i]));
			json_array_append_new(list, ao);
		}
		json_object_set_new(o, "actions", list);
		json_array_append_new(objs, o);
	}
	for (int i = 0; i < n; i++) {
		nlate += late(&acts[i]);
		json_decref(mjs[i]);
	}
	json_object_set_new(d, "objectives", objs);
	json_object_set_new(d, "progress", json_integer(weights ? (int)(total / weights + 0.5) : 0));
	json_object_set_new(d, "nactions", json_integer(n));
	json_object_set_new(d, "nlate", json_integer(nlate));
	/* the Gantt chart */
	if (n) {
		struct gantt_row *rows = arena_alloc(&r->arena, (size_t)n * sizeof(*rows));
		for (int i = 0; i < n; i++)
			rows[i] = (struct gantt_row){acts[i].title, acts[i].starts, acts[i].ends,
						     acts[i].progress, late(&acts[i]),
						     &ms[i * MILESTONES_MAX], nms[i]};
		struct buf svg;
		buf_init(&svg, 512u << 10);
		if (svg_gantt(&svg, tr(r, N_("The actions on a timeline; late ones marked")), rows, n,
			      today()) == 0) {
			buf_putc(&svg, '\0');
			json_object_set_new(d, "gantt", jstr(svg.data));
		}
		buf_free(&svg);
	}
	/* the form to add one, kept when refused */
	json_t *choices = json_array();
	const char *want = req_form(r, "objective");
	for (int k = 0; k < nobj; k++) {
		json_t *o = json_object();
		json_object_set_new(o, "key", jstr(obj[k].key));
		json_object_set_new(o, "title", jstr(obj[k].title));
		json_object_set_new(o, "selected", json_boolean(want && str_eq(want, obj[k].key)));
		json_array_append_new(choices, o);
	}
	json_object_set_new(d, "choices", choices);
	json_object_set_new(d, "sources", source_options(r));
	json_object_set_new(d, "frequencies", frequency_options(r));
	bool ierr = false;
	json_t *inds = indicators_json(r, s->id, &ierr);
	size_t k;
	json_t *ind;
	json_array_foreach(inds, k, ind)
		if (json_is_true(json_object_get(ind, "computed")))
			json_object_set_new(d, "any_computed", json_true());
	json_object_set_new(d, "indicators", inds);
	if (ierr) {
		json_decref(d);
		return 500;
	}
	bool review = false;
	json_t *vs = policy_versions_json(r, s->id, &review);
	if (!vs) {
		json_decref(d);
		return 500;
	}
	json_object_set_new(d, "versions", vs);
	json_object_set_new(d, "under_review", json_boolean(review));
	const char *fields[] = {"title", "lead", "partners", "starts", "ends", "budget", "weight",
				"i_title", "unit", "baseline", "target", "min", "max"};
	/* kept under f_NAME: an indicator's own fields share some names */
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		json_object_set_new(d, arena_printf(&r->arena, "f_%s", fields[i]),
				    jstr(req_form(r, fields[i])));
	return page_render(r, "policy/plan", d);
}

int policy_plan_refused(struct req *r, const struct pol_strategy *s, int status,
			const char *error)
{
	return plan_page(r, s, status, error);
}

/* GET /policy/strategies/:id/plan: computed indicators older than an
 * hour are computed again first. */
int policy_plan(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_load(r, &s);
	if (rc)
		return rc;
	if (policy_compute(r, &s, false) < 0)
		return 500;
	return plan_page(r, &s, 200, NULL);
}

/* POST /policy/strategies/:id/plan/compute: the computed indicators
 * computed now. */
int policy_plan_compute(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_edit(r, &s);
	if (rc)
		return rc;
	if (policy_compute(r, &s, true) < 0)
		return 500;
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/strategies/%lld/plan#indicators",
					   (long long)s.id));
	return 0;
}

/* Reads an action's form: NULL, or the reason it is refused. */
static const char *read_action(struct req *r, const struct pol_strategy *s, struct action *a)
{
	memset(a, 0, sizeof(*a));
	a->objective = req_form(r, "objective");
	struct objective *obj;
	int nobj = objectives_of(r, s->id, &obj);
	bool found = false;
	for (int k = 0; k < nobj && !found; k++)
		found = a->objective && str_eq(obj[k].key, a->objective);
	if (!found)
		return N_("Choose the objective the action serves.");
	a->title = req_form(r, "title");
	if (!a->title || !*a->title || !utf8_one_line(a->title, TITLE_MAX))
		return N_("Give the action a title on one line, in at most 200 characters.");
	a->lead = req_form(r, "lead");
	if (!a->lead || !*a->lead || !utf8_one_line(a->lead, NAME_MAX_CHARS))
		return N_("Name the lead institution on one line, in at most 160 characters.");
	a->partners = req_form(r, "partners");
	a->partners = a->partners ? a->partners : "";
	if (!utf8_one_line(a->partners, PARTNERS_MAX))
		return N_("The partners are one line of at most 500 characters.");
	if (!policy_parse_day(req_form(r, "starts"), &a->starts) ||
	    !policy_parse_day(req_form(r, "ends"), &a->ends))
		return N_("Give the first and the last day as dates.");
	if (a->ends < a->starts || a->ends - a->starts > 20LL * 366 * 86400)
		return N_("The last day comes after the first, within twenty years.");
	const char *b = req_form(r, "budget");
	if (b && *b) {
		if (!parse_int64(b, 0, BUDGET_MAX, &a->budget))
			return N_("The budget is a whole amount, or nothing.");
		a->has_budget = true;
	}
	int64_t w = 1;
	const char *ws = req_form(r, "weight");
	if (ws && *ws && !parse_int64(ws, 1, 10, &w))
		return N_("The weight is a whole number from 1 to 10.");
	a->weight = (int)w;
	return NULL;
}

/* POST /policy/strategies/:id/plan/actions */
int policy_action_add(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_edit(r, &s);
	if (rc)
		return rc;
	struct action a;
	const char *why = read_action(r, &s, &a);
	if (why)
		return plan_page(r, &s, 400, why);
	struct db_stmt *st = db_q(req_db(r), "SELECT COUNT(*) FROM plan_actions WHERE strategy_id = ?",
				  "i", s.id);
	if (!st)
		return 500;
	int64_t have = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
	db_done(st);
	if (have >= ACTIONS_MAX)
		return plan_page(r, &s, 409, N_("A plan holds at most 300 actions."));
	if (db_x(req_db(r),
		 "INSERT INTO plan_actions (strategy_id, country, objective, title, lead, partners, "
		 "starts_on, ends_on, budget, weight, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, "
		 "?, ?, ?, ?, ?, ?, ?)",
		 "itttt" "tii" "tiii", s.id, s.country, a.objective, a.title, a.lead, a.partners,
		 a.starts, a.ends,
		 a.has_budget ? arena_printf(&r->arena, "%lld", (long long)a.budget) : NULL,
		 (int64_t)a.weight, r->user->id, now_seconds()) != DB_DONE)
		return 500;
	audit(req_db(r), r->user, s.country, "plan_action_added",
	      arena_printf(&r->arena, "%lld", (long long)s.id));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/strategies/%lld/plan#%s",
					   (long long)s.id, a.objective));
	return 0;
}

/* Loads the action of the path (:aid) of strategy s: 0, or 404 written. */
static int load_action(struct req *r, const struct pol_strategy *s, int64_t *aid)
{
	if (!parse_int64(req_param(r, 1), 1, INT64_MAX, aid))
		return page_error(r, 404, N_("The plan has no such action."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT 1 FROM plan_actions WHERE id = ? AND strategy_id = ?", "ii",
				  *aid, s->id);
	if (!st)
		return 500;
	bool found = db_step(st) == DB_ROW;
	db_done(st);
	return found ? 0 : page_error(r, 404, N_("The plan has no such action."));
}

/* POST /policy/strategies/:id/plan/actions/:aid: its status and progress. */
int policy_action_update(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_edit(r, &s);
	if (rc)
		return rc;
	int64_t aid;
	if ((rc = load_action(r, &s, &aid)))
		return rc;
	int sx = status_ix(req_form(r, "status"));
	int64_t p;
	if (sx < 0)
		return plan_page(r, &s, 400, N_("Choose the action's status from the list."));
	if (!parse_int64(req_form(r, "progress"), 0, 100, &p))
		return plan_page(r, &s, 400, N_("The progress is a percentage from 0 to 100."));
	if (sx == 2)
		p = 100; /* done is done */
	if (db_x(req_db(r),
		 "UPDATE plan_actions SET status = ?, progress = ?, updated_by = ?, updated_at = ? "
		 "WHERE id = ?",
		 "tiiii", statuses[sx], p, r->user->id, now_seconds(), aid) != DB_DONE)
		return 500;
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/strategies/%lld/plan#action-%lld",
					   (long long)s.id, (long long)aid));
	return 0;
}

/* POST /policy/strategies/:id/plan/actions/:aid/milestones */
int policy_milestone_add(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_edit(r, &s);
	if (rc)
		return rc;
	int64_t aid, due;
	if ((rc = load_action(r, &s, &aid)))
		return rc;
	const char *title = req_form(r, "title");
	if (!title || !*title || !utf8_one_line(title, TITLE_MAX))
		return plan_page(r, &s, 400, N_("Give the milestone a title on one line, in at most "
						"200 characters."));
	if (!policy_parse_day(req_form(r, "due"), &due))
		return plan_page(r, &s, 400, N_("Give the milestone's day as a date."));
	struct db_stmt *st = db_q(req_db(r), "SELECT COUNT(*) FROM plan_milestones WHERE action_id = ?",
				  "i", aid);
	if (!st)
		return 500;
	int64_t have = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
	db_done(st);
	if (have >= MILESTONES_MAX)
		return plan_page(r, &s, 409, N_("An action has at most 20 milestones."));
	if (db_x(req_db(r),
		 "INSERT INTO plan_milestones (action_id, country, title, due_on) VALUES (?, ?, ?, ?)",
		 "itti", aid, s.country, title, due) != DB_DONE)
		return 500;
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/strategies/%lld/plan#action-%lld",
					   (long long)s.id, (long long)aid));
	return 0;
}

/* POST /policy/strategies/:id/plan/milestones/:mid/done */
int policy_milestone_done(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_edit(r, &s);
	if (rc)
		return rc;
	int64_t mid;
	if (!parse_int64(req_param(r, 1), 1, INT64_MAX, &mid))
		return page_error(r, 404, N_("The plan has no such milestone."));
	if (db_x(req_db(r),
		 "UPDATE plan_milestones SET done_on = ? WHERE id = ? AND done_on IS NULL AND "
		 "action_id IN (SELECT id FROM plan_actions WHERE strategy_id = ?)",
		 "iii", today(), mid, s.id) != DB_DONE)
		return 500;
	if (db_changes(req_db(r)) != 1)
		return page_error(r, 404, N_("The plan has no such milestone, or it is done."));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/strategies/%lld/plan", (long long)s.id));
	return 0;
}

/* ---- indicators and their values ---- */

#define INDICATORS_MAX 200
#define UNIT_MAX 40
#define NOTE_MAX 500

/* A number typed in a form: finite, the whole text, at most 1e15. */
static bool parse_number(const char *s, double *out)
{
	if (!s || !*s || strlen(s) > 32)
		return false;
	char *end;
	double v = strtod(s, &end);
	if (*end || end == s || !(v == v) || v > 1e15 || v < -1e15)
		return false;
	*out = v;
	return true;
}

static const char *num_text(struct req *r, double v)
{
	return arena_printf(&r->arena, "%.15g", v);
}

/* A period: a year (2026), a quarter (2026-Q1) or a month (2026-03). */
static bool period_ok(const char *p)
{
	if (!p || strlen(p) < 4 || strlen(p) > 7)
		return false;
	for (int i = 0; i < 4; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	if (!p[4])
		return true;
	if (p[4] != '-')
		return false;
	if (p[5] == 'Q')
		return p[6] >= '1' && p[6] <= '4' && !p[7];
	return p[5] >= '0' && p[5] <= '1' && p[6] >= '0' && p[6] <= '9' && !p[7] &&
	       (p[5] - '0') * 10 + (p[6] - '0') >= 1 && (p[5] - '0') * 10 + (p[6] - '0') <= 12;
}

/* The latest value of an indicator for a period (entered or approved);
 * 1 found, 0 none, -1 error. */
static int latest_value(struct req *r, int64_t iid, const char *period, double *v)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT value FROM indicator_values WHERE indicator_id = ? AND "
				  "period = ? AND status <> 'replaced' ORDER BY version DESC LIMIT 1",
				  "it", iid, period);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		*v = strtod(db_text(st, 0), NULL);
	db_done(st);
	if (rc != DB_DONE)
		return rc == DB_ROW ? 1 : -1;
	/* or the value cophub computed (a hidden count is no value) */
	st = db_q(req_db(r),
		  "SELECT value FROM indicator_computed WHERE indicator_id = ? AND period = ? AND "
		  "value IS NOT NULL",
		  "it", iid, period);
	if (!st)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		*v = strtod(db_text(st, 0), NULL);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* "2026-12-02 14:05 UTC", in r's arena. */
static const char *when_text(struct req *r, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	char out[32];
	strftime(out, sizeof(out), "%Y-%m-%d %H:%M UTC", &tm);
	return arena_strdup(&r->arena, out);
}

/* The values cophub computed for the plan's indicators, newest period
 * first, into each indicator's "computed_values". */
static int computed_values(struct req *r, int64_t sid, json_t *list)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT c.indicator_id, c.period, c.value, c.computed_at FROM "
				  "indicator_computed c JOIN plan_indicators i ON i.id = c.indicator_id "
				  "WHERE i.strategy_id = ? ORDER BY c.period DESC",
				  "i", sid);
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		size_t k;
		json_t *ind;
		json_array_foreach(list, k, ind)
		{
			if (json_integer_value(json_object_get(ind, "id")) != db_int(st, 0))
				continue;
			json_t *o = json_object();
			json_object_set_new(o, "period", jstr(db_text(st, 1)));
			/* a count of children under 5: no number at all */
			json_object_set_new(o, "hidden", json_boolean(db_null(st, 2)));
			if (!db_null(st, 2))
				json_object_set_new(o, "value",
						    jstr(num_text(r, strtod(db_text(st, 2), NULL))));
			json_object_set_new(o, "computed_on", jstr(when_text(r, db_int(st, 3))));
			json_array_append_new(json_object_get(ind, "computed_values"), o);
		}
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

static json_t *indicators_json(struct req *r, int64_t sid, bool *err)
{
	json_t *list = json_array();
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT i.id, i.objective, i.title, i.unit, i.baseline, i.target, "
				  "i.min_value, i.max_value, COALESCE(o.title, ''), i.source, "
				  "COALESCE(i.frequency, '') FROM plan_indicators i "
				  "LEFT JOIN plan_indicators o ON o.id = i.not_above WHERE i.strategy_id = "
				  "? ORDER BY i.id",
				  "i", sid);
	if (!st) {
		*err = true;
		return list;
	}
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "objective", jstr(db_text(st, 1)));
		json_object_set_new(o, "title", jstr(db_text(st, 2)));
		const struct pol_source *src = policy_source(db_text(st, 9));
		bool computed = src && src->unit;
		json_object_set_new(o, "unit", jstr(computed ? tr(r, src->unit) : db_text(st, 3)));
		json_object_set_new(o, "computed", json_boolean(computed));
		if (computed) {
			json_object_set_new(o, "source", jstr(tr(r, src->name)));
			const char *fq = policy_frequency_name(db_text(st, 10));
			json_object_set_new(o, "frequency", jstr(fq ? tr(r, fq) : ""));
			json_object_set_new(o, "computed_values", json_array());
		}
		json_object_set_new(o, "baseline", jstr(num_text(r, strtod(db_text(st, 4), NULL))));
		json_object_set_new(o, "target", jstr(num_text(r, strtod(db_text(st, 5), NULL))));
		if (!db_null(st, 6))
			json_object_set_new(o, "min", jstr(num_text(r, strtod(db_text(st, 6), NULL))));
		if (!db_null(st, 7))
			json_object_set_new(o, "max", jstr(num_text(r, strtod(db_text(st, 7), NULL))));
		if (*db_text(st, 8))
			json_object_set_new(o, "not_above", jstr(db_text(st, 8)));
		json_object_set_new(o, "values", json_array());
		json_array_append_new(list, o);
	}
	db_done(st);
	if (computed_values(r, sid, list) < 0) {
		*err = true;
		return list;
	}
	/* the values, newest period first; replaced versions are history */
	st = db_q(req_db(r),
		  "SELECT v.id, v.indicator_id, v.period, v.version, v.value, v.note, v.status, "
		  "COALESCE(e.username, ''), COALESCE(a.username, '') FROM indicator_values v JOIN "
		  "plan_indicators i ON i.id = v.indicator_id LEFT JOIN users e ON e.id = v.entered_by "
		  "LEFT JOIN users a ON a.id = v.approved_by WHERE i.strategy_id = ? ORDER BY "
		  "v.period DESC, v.version DESC",
		  "i", sid);
	if (!st) {
		*err = true;
		return list;
	}
	while (db_step(st) == DB_ROW) {
		size_t k;
		json_t *ind;
		json_array_foreach(list, k, ind)
		{
			if (json_integer_value(json_object_get(ind, "id")) != db_int(st, 1))
				continue;
			json_t *o = json_object();
			json_object_set_new(o, "id", json_integer(db_int(st, 0)));
			json_object_set_new(o, "period", jstr(db_text(st, 2)));
			json_object_set_new(o, "version", json_integer(db_int(st, 3)));
			json_object_set_new(o, "value", jstr(num_text(r, strtod(db_text(st, 4), NULL))));
			json_object_set_new(o, "note", jstr(db_text(st, 5)));
			const char *status = db_text(st, 6);
			json_object_set_new(o, "entered", json_boolean(str_eq(status, "entered")));
			json_object_set_new(o, "approved", json_boolean(str_eq(status, "approved")));
			json_object_set_new(o, "replaced", json_boolean(str_eq(status, "replaced")));
			json_object_set_new(o, "by", jstr(db_text(st, 7)));
			json_object_set_new(o, "approver", jstr(db_text(st, 8)));
			json_array_append_new(json_object_get(ind, "values"), o);
		}
	}
	db_done(st);
	return list;
}

/* Loads an indicator of strategy s by id: 1, 0 (none) or -1. */
static int indicator_of(struct req *r, const struct pol_strategy *s, int64_t iid, bool *has_min,
			double *min, bool *has_max, double *max, int64_t *not_above, bool *computed)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT min_value, max_value, not_above, source FROM plan_indicators "
				  "WHERE id = ? AND strategy_id = ?",
				  "ii", iid, s->id);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*has_min = !db_null(st, 0);
		*min = *has_min ? strtod(db_text(st, 0), NULL) : 0;
		*has_max = !db_null(st, 1);
		*max = *has_max ? strtod(db_text(st, 1), NULL) : 0;
		*not_above = db_null(st, 2) ? 0 : db_int(st, 2);
		*computed = !str_eq(db_text(st, 3), "people");
	}
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* POST /policy/strategies/:id/plan/indicators */
int policy_indicator_add(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_edit(r, &s);
	if (rc)
		return rc;
	const char *objective = req_form(r, "i_objective");
	struct objective *obj;
	int nobj = objectives_of(r, s.id, &obj);
	bool found = false;
	for (int k = 0; k < nobj && !found; k++)
		found = objective && str_eq(obj[k].key, objective);
	if (!found)
		return plan_page(r, &s, 400, N_("Choose the objective the indicator measures."));
	const char *title = req_form(r, "i_title"), *unit = req_form(r, "unit");
	if (!title || !*title || !utf8_one_line(title, TITLE_MAX))
		return plan_page(r, &s, 400, N_("Give the indicator a title on one line, in at most "
						"200 characters."));
	/* people's, or one of cophub's figures: then cophub sets the unit and
	 * the values, and the rules on values do not apply */
	const char *source = req_form(r, "source");
	const struct pol_source *src = policy_source(source && *source ? source : "people");
	const char *frequency = NULL;
	if (!src)
		return plan_page(r, &s, 400, N_("Choose where the indicator's values come from."));
	if (src->unit) {
		frequency = req_form(r, "frequency");
		if (!policy_frequency_name(frequency))
			return plan_page(r, &s, 400, N_("Choose whether the values are computed per "
							"year, per quarter or per month."));
		unit = src->unit;
	}
	if (!unit || !*unit || !utf8_one_line(unit, UNIT_MAX))
		return plan_page(r, &s, 400, N_("Give the unit on one line, in at most 40 characters "
						"(%, people, schools)."));
	double baseline, target, min = 0, max = 0;
	if (!parse_number(req_form(r, "baseline"), &baseline) ||
	    !parse_number(req_form(r, "target"), &target))
		return plan_page(r, &s, 400, N_("The baseline and the target are numbers."));
	const char *mins = src->unit ? NULL : req_form(r, "min");
	const char *maxs = src->unit ? NULL : req_form(r, "max");
	bool has_min = mins && *mins, has_max = maxs && *maxs;
	if ((has_min && !parse_number(mins, &min)) || (has_max && !parse_number(maxs, &max)) ||
	    (has_min && has_max && min > max))
		return plan_page(r, &s, 400, N_("The lowest and highest values allowed are numbers, "
						"the lowest not above the highest, or nothing."));
	if ((has_min && (baseline < min || target < min)) ||
	    (has_max && (baseline > max || target > max)))
		return plan_page(r, &s, 400, N_("The baseline and the target must lie within the "
						"values allowed."));
	int64_t above = 0;
	const char *na = req_form(r, "not_above");
	if (na && *na && !str_eq(na, "none") && !src->unit) {
		bool hm, hx, hc;
		double a1, a2;
		int64_t x;
		if (!parse_int64(na, 1, INT64_MAX, &above) ||
		    indicator_of(r, &s, above, &hm, &a1, &hx, &a2, &x, &hc) != 1)
			return plan_page(r, &s, 400, N_("Choose the related indicator from the list."));
	}
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT COUNT(*) FROM plan_indicators WHERE strategy_id = ?", "i", s.id);
	if (!st)
		return 500;
	int64_t have = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
	db_done(st);
	if (have >= INDICATORS_MAX)
		return plan_page(r, &s, 409, N_("A plan holds at most 200 indicators."));
	if (db_x(req_db(r),
		 "INSERT INTO plan_indicators (strategy_id, country, objective, title, unit, "
		 "baseline, target, min_value, max_value, not_above, created_at, source, frequency) "
		 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		 "itttt" "tttt" "ni" "tt", s.id, s.country, objective, title, unit,
		 num_text(r, baseline), num_text(r, target), has_min ? num_text(r, min) : NULL,
		 has_max ? num_text(r, max) : NULL, above, now_seconds(), src->id,
		 frequency) != DB_DONE)
		return 500;
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/strategies/%lld/plan#indicators",
					   (long long)s.id));
	return 0;
}

/* POST /policy/strategies/:id/plan/indicators/:iid/values: a value for a
 * period, checked against the indicator's rules; a new version when the
 * period's value is approved, else the one entered replaced. */
int policy_value_enter(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_edit(r, &s);
	if (rc)
		return rc;
	int64_t iid, not_above;
	bool has_min, has_max, computed;
	double min, max, v;
	if (!parse_int64(req_param(r, 1), 1, INT64_MAX, &iid))
		return page_error(r, 404, N_("The plan has no such indicator."));
	rc = indicator_of(r, &s, iid, &has_min, &min, &has_max, &max, &not_above, &computed);
	if (rc < 0)
		return 500;
	if (!rc)
		return page_error(r, 404, N_("The plan has no such indicator."));
	if (computed)
		return plan_page(r, &s, 409, N_("cophub computes this indicator's values from its "
						"own figures; they cannot be entered by hand."));
	const char *period = req_form(r, "period");
	if (!period_ok(period))
		return plan_page(r, &s, 400, N_("The period is a year (2026), a quarter (2026-Q1) or "
						"a month (2026-03)."));
	const char *vs = req_form(r, "value");
	if (!vs || !*vs)
		return plan_page(r, &s, 400, N_("The value is required."));
	if (!parse_number(vs, &v))
		return plan_page(r, &s, 400, N_("The value is a number."));
	if ((has_min && v < min) || (has_max && v > max))
		return plan_page(r, &s, 400, N_("The value is outside the range this indicator "
						"allows."));
	/* consistency with related indicators, both ways, in the same period */
	double other;
	if (not_above) {
		int found = latest_value(r, not_above, period, &other);
		if (found < 0)
			return 500;
		if (found && v > other)
			return plan_page(r, &s, 400, N_("The value is above the related indicator's "
							"value for the same period."));
	}
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT id FROM plan_indicators WHERE not_above = ? AND strategy_id = ?",
				  "ii", iid, s.id);
	if (!st)
		return 500;
	int64_t below[INDICATORS_MAX];
	int nbelow = 0;
	while (db_step(st) == DB_ROW && nbelow < INDICATORS_MAX)
		below[nbelow++] = db_int(st, 0);
	db_done(st);
	for (int k = 0; k < nbelow; k++) {
		int found = latest_value(r, below[k], period, &other);
		if (found < 0)
			return 500;
		if (found && other > v)
			return plan_page(r, &s, 400, N_("The value is below the value of an indicator "
							"that may not exceed it, for the same period."));
	}
	const char *note = req_form(r, "note");
	note = note ? note : "";
	if (!utf8_one_line(note, NOTE_MAX))
		return plan_page(r, &s, 400, N_("The note is one line of at most 500 characters."));
	/* the period's latest version */
	st = db_q(req_db(r),
		  "SELECT id, version, status FROM indicator_values WHERE indicator_id = ? AND "
		  "period = ? ORDER BY version DESC LIMIT 1",
		  "it", iid, period);
	if (!st)
		return 500;
	int64_t last_id = 0, last_version = 0;
	bool last_entered = false;
	if (db_step(st) == DB_ROW) {
		last_id = db_int(st, 0);
		last_version = db_int(st, 1);
		last_entered = str_eq(db_text(st, 2), "entered");
	}
	db_done(st);
	int64_t now = now_seconds();
	if (last_entered)
		rc = db_x(req_db(r),
			  "UPDATE indicator_values SET value = ?, note = ?, entered_by = ?, entered_at = "
			  "? WHERE id = ?",
			  "ttiii", num_text(r, v), note, r->user->id, now, last_id);
	else
		rc = db_x(req_db(r),
			  "INSERT INTO indicator_values (indicator_id, country, period, version, value, "
			  "note, status, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, 'entered', ?, ?)",
			  "itti" "ttii", iid, s.country, period, last_version + 1, num_text(r, v), note,
			  r->user->id, now);
	if (rc != DB_DONE)
		return 500;
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/strategies/%lld/plan#indicator-%lld",
					   (long long)s.id, (long long)iid));
	return 0;
}

/* POST /policy/strategies/:id/plan/values/:vid/approve: the entered value
 * becomes the period's, the one approved before it replaced. */
int policy_value_approve(struct req *r)
{
	struct pol_strategy s;
	int rc = policy_strategy_edit(r, &s);
	if (rc)
		return rc;
	int64_t vid;
	if (!parse_int64(req_param(r, 1), 1, INT64_MAX, &vid))
		return page_error(r, 404, N_("The plan has no such value."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT v.indicator_id, v.period FROM indicator_values v JOIN "
				  "plan_indicators i ON i.id = v.indicator_id WHERE v.id = ? AND "
				  "i.strategy_id = ? AND v.status = 'entered' AND i.source = 'people'",
				  "ii", vid, s.id);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("The plan has no such value waiting for approval."));
	}
	int64_t iid = db_int(st, 0);
	const char *period = arena_strdup(&r->arena, db_text(st, 1));
	db_done(st);
	int64_t now = now_seconds();
	if (db_x(req_db(r),
		 "UPDATE indicator_values SET status = 'replaced' WHERE indicator_id = ? AND period = "
		 "? AND status = 'approved'",
		 "it", iid, period) != DB_DONE ||
	    db_x(req_db(r),
		 "UPDATE indicator_values SET status = 'approved', approved_by = ?, approved_at = ? "
		 "WHERE id = ?",
		 "iii", r->user->id, now, vid) != DB_DONE)
		return 500;
	audit(req_db(r), r->user, s.country, "indicator_value_approved",
	      arena_printf(&r->arena, "%lld %s", (long long)iid, period));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/strategies/%lld/plan#indicator-%lld",
					   (long long)s.id, (long long)iid));
	return 0;
}
