/*
 * path.c: the train-the-trainer path of a person and its certificate, a
 * country's cascade (a tree drawn as SVG on the server) and its report
 * (learn.h).  The cascade and the report read the totals kept as things
 * happen (cascade.h, totals.h), so their cost does not grow with the
 * number of learners or events.
 */
#include "learn/cascade.h"
#include "learn/common.h"
#include "learn/learn.h"
#include "content/learn.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/roles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* GET /learn/trainer-path */
int learn_trainer_path(struct req *r)
{
	struct path p;
	const char *course = learn_trainers_course();
	if (path_of(req_db(r), r->user->id, course, &p) < 0)
		return 500;
	json_t *d = page_data(r, N_("Becoming a certified trainer"));
	json_object_set_new(d, "course_id", jstr(course));
	const struct course *c = learn_course(learn_courses, course);
	json_object_set_new(d, "course_title", jstr(c ? learn_text(r, &c->title) : course));
	json_object_set_new(d, "phase1", json_boolean(p.course_done));
	json_object_set_new(d, "phase2", json_boolean(p.tot_training != 0));
	json_object_set_new(d, "phase3", json_boolean(p.supervised_confirmed));
	if (p.supervised)
		json_object_set_new(d, "supervised_id", json_integer(p.supervised));
	json_object_set_new(d, "supervised_attendees", json_integer(p.supervised_attendees));
	json_object_set_new(d, "min_attendees", json_integer(SUPERVISED_MIN_ATTENDEES));
	json_object_set_new(d, "may_schedule", json_boolean(p.course_done && p.tot_training &&
							     !p.certified && !p.supervised));
	json_object_set_new(d, "certified", json_boolean(p.certified));
	if (p.certified) {
		struct db_stmt *st = db_q(req_db(r),
					  "SELECT code FROM certificates WHERE user_id = ? AND kind = "
					  "'trainer' AND revoked_at IS NULL",
					  "i", r->user->id);
		if (!st) {
			json_decref(d);
			return 500;
		}
		if (db_step(st) == DB_ROW)
			json_object_set_new(d, "certificate", jstr(db_text(st, 0)));
		db_done(st);
	}
	return page_render(r, "learn/trainer-path", d);
}

/* POST /learn/trainer-path/certificate (name): the certified trainer's
 * certificate, once. */
int learn_trainer_certificate(struct req *r)
{
	struct path p;
	const char *course = learn_trainers_course();
	if (path_of(req_db(r), r->user->id, course, &p) < 0)
		return 500;
	if (!p.certified)
		return page_error(r, 403, N_("The certificate comes when the three phases of the path are done."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT code FROM certificates WHERE user_id = ? AND kind = 'trainer' "
				  "AND revoked_at IS NULL",
				  "i", r->user->id);
	if (!st)
		return 500;
	bool has = db_step(st) == DB_ROW;
	db_done(st);
	if (has) {
		resp_redirect(r, 303, "/learn/certificates");
		return 0;
	}
	const char *name = req_form(r, "name");
	if (!learn_name_ok(name))
		return page_error(r, 400, N_("Write your name on one line, in at most 120 characters."));
	const char *lang = content_lang_index(r->lang) >= 0 ? r->lang : "en";
	const struct catalog *cat = i18n_catalog(lang);
	const char *what = N_("Child online protection");
	struct cert_issue in = {
		.user_id = r->user->id,
		.country = r->user->country,
		.kind = "trainer",
		.course = course,
		.what = i18n_gettext(cat, what), /* the msgid without a catalog */
		.name = name,
		.lang = lang,
	};
	const char *code = learn_cert_issue(r, &in);
	if (!code)
		return 500;
	resp_redirect(r, 303, arena_printf(&r->arena, "/learn/certificates#%s", code));
	return 0;
}

/* ---- the cascade ---- */

#define TREE_CHILDREN 6 /* children drawn under a node; the rest counted */
#define TREE_LEVELS 3   /* levels drawn from the chosen node */
/* nodes drawn in all, breadth first: the page costs the same for a
 * country of 200 trainers or of 20,000; deeper and wider parts are one
 * click away (?from=) */
#define TREE_NODES 30
#define NODE_W 200
#define NODE_H 46
#define COL_W 240
#define ROW_H 56

struct node {
	int64_t id;
	const char *name;
	int64_t reached, below, trainers, sessions;
	int depth;      /* in the drawing */
	int parent;     /* index, -1 for the top */
	int more;       /* children not drawn */
	double y;
};

struct tree {
	struct node *n;
	int len, cap;
};

/* The children of a node (0: the country's roots), the TREE_CHILDREN
 * that reached most first; how many there are in all. */
static int children(struct req *r, const char *cc, int64_t parent, struct tree *t, int depth,
		    int pidx, int room)
{
	struct db_stmt *st = parent
				     ? db_q(req_db(r),
					    "SELECT c.user_id, u.username, c.reached, c.reached_below, "
					    "c.trainers_below, c.sessions FROM cascade c JOIN users u ON "
					    "u.id = c.user_id WHERE c.country = ? AND c.parent_id = ? "
					    "ORDER BY c.reached + c.reached_below DESC, c.user_id",
					    "ti", cc, parent)
				     : db_q(req_db(r),
					    "SELECT c.user_id, u.username, c.reached, c.reached_below, "
					    "c.trainers_below, c.sessions FROM cascade c JOIN users u ON "
					    "u.id = c.user_id WHERE c.country = ? AND c.parent_id IS NULL "
					    "ORDER BY c.reached + c.reached_below DESC, c.user_id",
					    "t", cc);
	if (!st)
		return -1;
	int all = 0;
	while (db_step(st) == DB_ROW) {
		if (all++ >= TREE_CHILDREN || all > room)
			continue;
		if (t->len == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 64;
			struct node *bigger = arena_alloc(&r->arena, (size_t)t->cap * sizeof(*bigger));
			if (t->len)
				memcpy(bigger, t->n, (size_t)t->len * sizeof(*bigger));
			t->n = bigger;
		}
		struct node *n = &t->n[t->len++];
		memset(n, 0, sizeof(*n));
		n->id = db_int(st, 0);
		n->name = arena_strdup(&r->arena, db_text(st, 1));
		n->reached = db_int(st, 2);
		n->below = db_int(st, 3);
		n->trainers = db_int(st, 4);
		n->sessions = db_int(st, 5);
		n->depth = depth;
		n->parent = pidx;
	}
	db_done(st);
	return all;
}

/* Builds the tree under `from` (0: the country's roots) breadth first,
 * TREE_LEVELS deep. */
static int build(struct req *r, const char *cc, int64_t from, struct tree *t, int *top_more)
{
	int all = children(r, cc, from, t, 0, -1, TREE_NODES);
	if (all < 0)
		return -1;
	*top_more = all - t->len;
	for (int i = 0; i < t->len; i++) {
		if (t->n[i].depth + 1 >= TREE_LEVELS || t->len >= TREE_NODES)
			continue;
		int before = t->len;
		all = children(r, cc, t->n[i].id, t, t->n[i].depth + 1, i, TREE_NODES - t->len);
		if (all < 0)
			return -1;
		t->n[i].more = all - (t->len - before);
	}
	return 0;
}

/* Lays the tree out left to right: leaves one under the other, each
 * parent level with the middle of its children. */
static double place(struct tree *t, int i, double *next_y)
{
	double sum = 0;
	int kids = 0;
	for (int k = i + 1; k < t->len; k++)
		if (t->n[k].parent == i) {
			sum += place(t, k, next_y);
			kids++;
		}
	if (!kids) {
		t->n[i].y = *next_y;
		*next_y += ROW_H;
	} else {
		t->n[i].y = sum / kids;
	}
	return t->n[i].y;
}

/* The country's totals by audience (the running totals): trainings,
 * people reached directly (by the cascade's roots) and through the
 * trainers they trained; and the trainers certified. */
static int cascade_totals(struct req *r, const char *cc, json_t *d)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT audience, metric, n FROM learn_totals WHERE country = ? AND "
				  "course = '' AND metric IN ('sessions', 'reached_direct', "
				  "'reached_through', 'trainers')",
				  "t", cc);
	if (!st)
		return -1;
	int64_t v[NAUDIENCES][3] = {{0}}, sum[3] = {0}, trainers = 0;
	while (db_step(st) == DB_ROW) {
		const char *m = db_text(st, 1);
		int64_t n = db_int(st, 2);
		if (str_eq(m, "trainers")) {
			trainers += n;
			continue;
		}
		int k = str_eq(m, "sessions") ? 0 : str_eq(m, "reached_direct") ? 1 : 2;
		int a = audience_from_id(db_text(st, 0));
		sum[k] += n;
		if (a >= 0)
			v[a][k] += n;
	}
	db_done(st);
	json_t *rows = json_array();
	for (int a = 0; a < NAUDIENCES; a++) {
		json_t *o = json_object();
		json_object_set_new(o, "label", jstr(tr(r, learn_audience_names[a])));
		json_object_set_new(o, "sessions", json_integer(v[a][0]));
		json_object_set_new(o, "direct", json_integer(v[a][1]));
		json_object_set_new(o, "through", json_integer(v[a][2]));
		json_array_append_new(rows, o);
	}
	json_object_set_new(d, "by_audience", rows);
	json_t *all = json_object();
	json_object_set_new(all, "sessions", json_integer(sum[0]));
	json_object_set_new(all, "direct", json_integer(sum[1]));
	json_object_set_new(all, "through", json_integer(sum[2]));
	json_object_set_new(all, "trainers", json_integer(trainers));
	json_object_set_new(d, "totals", all);
	return 0;
}

/* GET /learn/cascade/:cc[?from=USER]: the tree from the roots (or from a
 * trainer) and the totals by audience. */
int learn_cascade(struct req *r)
{
	const char *cc = req_param(r, 0);
	int64_t from = 0;
	const char *f = req_query(r, "from");
	if (f && !parse_int64(f, 1, INT64_MAX, &from))
		return page_error(r, 404, N_("There is no such trainer in this country's cascade."));
	json_t *d = page_data(r, N_("The train-the-trainer cascade"));
	json_object_set_new(d, "cc", jstr(cc));
	if (from) {
		struct db_stmt *st = db_q(req_db(r),
					  "SELECT u.username, c.parent_id, c.reached, c.reached_below, "
					  "c.trainers_below FROM cascade c JOIN users u ON u.id = "
					  "c.user_id WHERE c.user_id = ? AND c.country = ?",
					  "it", from, cc);
		if (!st) {
			json_decref(d);
			return 500;
		}
		if (db_step(st) != DB_ROW) {
			db_done(st);
			json_decref(d);
			return page_error(r, 404, N_("There is no such trainer in this country's cascade."));
		}
		json_t *o = json_object();
		json_object_set_new(o, "name", jstr(db_text(st, 0)));
		if (!db_null(st, 1))
			json_object_set_new(o, "parent", json_integer(db_int(st, 1)));
		json_object_set_new(o, "reached", json_integer(db_int(st, 2)));
		json_object_set_new(o, "below", json_integer(db_int(st, 3)));
		json_object_set_new(o, "trainers", json_integer(db_int(st, 4)));
		json_object_set_new(d, "from", o);
		db_done(st);
	}
	if (cascade_totals(r, cc, d) < 0) {
		json_decref(d);
		return 500;
	}
	struct tree t = {0};
	int top_more = 0;
	if (build(r, cc, from, &t, &top_more) < 0) {
		json_decref(d);
		return 500;
	}
	double next_y = 10;
	for (int i = 0; i < t.len; i++)
		if (t.n[i].parent < 0)
			place(&t, i, &next_y);
	json_t *nodes = json_array(), *edges = json_array(), *list = json_array();
	for (int i = 0; i < t.len; i++) {
		const struct node *n = &t.n[i];
		json_t *o = json_object();
		double x = 10 + n->depth * COL_W;
		json_object_set_new(o, "id", json_integer(n->id));
		json_object_set_new(o, "name", jstr(n->name));
		json_object_set_new(o, "x", json_integer((int)x));
		json_object_set_new(o, "y", json_integer((int)n->y));
		json_object_set_new(o, "tx", json_integer((int)x + 8));
		json_object_set_new(o, "ty1", json_integer((int)n->y + 18));
		json_object_set_new(o, "ty2", json_integer((int)n->y + 36));
		json_object_set_new(o, "reached", json_integer(n->reached));
		json_object_set_new(o, "below", json_integer(n->below));
		json_object_set_new(o, "trainers", json_integer(n->trainers));
		json_object_set_new(o, "sessions", json_integer(n->sessions));
		json_object_set_new(o, "depth", json_integer(n->depth));
		if (n->more)
			json_object_set_new(o, "more", json_integer(n->more));
		json_array_append_new(nodes, o);
		json_array_append_new(list, json_incref(o));
		if (n->parent >= 0) {
			const struct node *p = &t.n[n->parent];
			double px = 10 + p->depth * COL_W + NODE_W, py = p->y + NODE_H / 2.0;
			double cy = n->y + NODE_H / 2.0;
			json_array_append_new(
				edges, jstr(arena_printf(&r->arena, "M%d %d C%d %d %d %d %d %d", (int)px,
							 (int)py, (int)(px + 20), (int)py,
							 (int)(x - 20), (int)cy, (int)x, (int)cy)));
		}
	}
	json_object_set_new(d, "nodes", nodes);
	json_object_set_new(d, "node_list", list);
	json_object_set_new(d, "edges", edges);
	json_object_set_new(d, "empty", json_boolean(t.len == 0));
	if (top_more)
		json_object_set_new(d, "top_more", json_integer(top_more));
	json_object_set_new(d, "width", json_integer(20 + TREE_LEVELS * COL_W));
	json_object_set_new(d, "height", json_integer((int)next_y + 10));
	json_object_set_new(d, "node_w", json_integer(NODE_W));
	json_object_set_new(d, "node_h", json_integer(NODE_H));
	return page_render(r, "learn/cascade", d);
}
