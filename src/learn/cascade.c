/*
 * cascade.c: the train-the-trainer path and its cascade (cascade.h).
 */
#include "learn/cascade.h"
#include "learn/totals.h"
#include "core/util.h"
#include "db/db.h"

#include <string.h>

/* The deepest cascade followed upwards; deeper chains stop counting at
 * this many ancestors (a country would need a hundred generations). */
#define MAX_DEPTH 100

int cascade_root(struct db *db, int64_t user_id, const char *country)
{
	return db_x(db,
		    "INSERT INTO cascade (user_id, country) VALUES (?, ?) ON CONFLICT (user_id) DO "
		    "NOTHING",
		    "it", user_id, country) == DB_DONE
		       ? 0
		       : -1;
}

/* The parent of a node: 1 and *parent (0 for a root), 0 when the person
 * is not a node, -1 on error. */
static int node_parent(struct db *db, int64_t user_id, int64_t *parent, int64_t *depth)
{
	struct db_stmt *st = db_q(db, "SELECT parent_id, depth FROM cascade WHERE user_id = ?", "i",
				  user_id);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*parent = db_null(st, 0) ? 0 : db_int(st, 0);
		if (depth)
			*depth = db_int(st, 1);
	}
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Adds to reached_below and trainers_below of every node above user_id. */
static int add_above(struct db *db, int64_t user_id, int64_t reached, int64_t trainers)
{
	int64_t at = user_id, parent = 0;
	for (int i = 0; i < MAX_DEPTH; i++) {
		int rc = node_parent(db, at, &parent, NULL);
		if (rc < 0)
			return -1;
		if (rc == 0 || parent == 0)
			return 0;
		if (db_x(db,
			 "UPDATE cascade SET reached_below = reached_below + ?, trainers_below = "
			 "trainers_below + ? WHERE user_id = ?",
			 "iii", reached, trainers, parent) != DB_DONE)
			return -1;
		at = parent;
	}
	return 0;
}

int cascade_reach(struct db *db, int64_t user_id, const char *country, const char *audience,
		  int64_t delta)
{
	if (delta == 0)
		return 0;
	if (learn_total_add(db, country, NULL, audience, "attended", delta) < 0)
		return -1;
	int64_t parent = 0, depth = 0;
	int rc = node_parent(db, user_id, &parent, &depth);
	if (rc <= 0)
		return rc; /* a candidate's delivery counts once they are certified */
	if (db_x(db, "UPDATE cascade SET reached = reached + ? WHERE user_id = ?", "ii", delta,
		 user_id) != DB_DONE)
		return -1;
	if (learn_total_add(db, country, NULL, audience, depth == 0 ? "reached_direct"
								  : "reached_through",
			    delta) < 0)
		return -1;
	return add_above(db, user_id, delta, 0);
}

int path_of(struct db *db, int64_t user_id, const char *trainers_course, struct path *p)
{
	memset(p, 0, sizeof(*p));
	struct db_stmt *st = db_q(db,
				  "SELECT 1 FROM enrolments WHERE user_id = ? AND course = ? AND "
				  "completed_at IS NOT NULL",
				  "it", user_id, trainers_course ? trainers_course : "");
	if (!st)
		return -1;
	p->course_done = db_step(st) == DB_ROW;
	db_done(st);
	st = db_q(db,
		  "SELECT t.id, t.trainer_id FROM registrations r JOIN trainings t ON t.id = "
		  "r.training_id WHERE r.user_id = ? AND r.attended = 1 AND t.kind = 'tot' AND "
		  "t.cancelled_at IS NULL AND t.trainer_id IS NOT NULL ORDER BY t.starts_at DESC, "
		  "t.id DESC",
		  "i", user_id);
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW) {
		p->tot_training = db_int(st, 0);
		p->tot_trainer = db_int(st, 1);
	}
	db_done(st);
	st = db_q(db,
		  "SELECT id, attendees, confirmed_at FROM trainings WHERE trainer_id = ? AND kind = "
		  "'supervised' AND cancelled_at IS NULL ORDER BY confirmed_at IS NULL, "
		  "starts_at DESC, id DESC",
		  "i", user_id);
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW) {
		p->supervised = db_int(st, 0);
		p->supervised_attendees = (int)db_int(st, 1);
		p->supervised_confirmed = !db_null(st, 2);
	}
	db_done(st);
	st = db_q(db, "SELECT certified_at FROM cascade WHERE user_id = ?", "i", user_id);
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW && !db_null(st, 0)) {
		p->certified = true;
		p->certified_at = db_int(st, 0);
	}
	db_done(st);
	return 0;
}

int cascade_certify(struct db *db, int64_t user_id, const char *country, const struct path *p)
{
	if (p->certified)
		return 0;
	if (!p->course_done || !p->tot_training || !p->supervised || !p->supervised_confirmed)
		return 0;
	int64_t parent = p->tot_trainer, grand = 0, pdepth = 0;
	if (cascade_root(db, parent, country) < 0 || node_parent(db, parent, &grand, &pdepth) < 0)
		return -1;
	/* what the candidate reached before (their supervised delivery) */
	struct db_stmt *st = db_q(db,
				  "SELECT COALESCE(SUM(attendees), 0), COUNT(*) FROM trainings WHERE "
				  "trainer_id = ? AND cancelled_at IS NULL",
				  "i", user_id);
	if (!st)
		return -1;
	int64_t reached = 0, sessions = 0;
	if (db_step(st) == DB_ROW) {
		reached = db_int(st, 0);
		sessions = db_int(st, 1);
	}
	db_done(st);
	/* a root that had trained nobody yet may still join under its
	 * trainer; a node with trainers below it keeps its place */
	int64_t old_parent = 0, old_depth = 0;
	int was = node_parent(db, user_id, &old_parent, &old_depth);
	if (was < 0)
		return -1;
	int64_t now = now_seconds();
	if (was) {
		if (db_x(db,
			 "UPDATE cascade SET parent_id = ?, depth = ?, certified_at = ?, tot_training = "
			 "?, supervised_training = ? WHERE user_id = ? AND parent_id IS NULL AND "
			 "trainers_below = 0",
			 "iiiiii", parent, pdepth + 1, now, p->tot_training, p->supervised,
			 user_id) != DB_DONE)
			return -1;
		if (db_changes(db) == 0 &&
		    db_x(db, "UPDATE cascade SET certified_at = ? WHERE user_id = ?", "ii", now,
			 user_id) != DB_DONE)
			return -1;
	} else if (db_x(db,
			"INSERT INTO cascade (user_id, country, parent_id, depth, certified_at, "
			"tot_training, supervised_training, sessions, reached) VALUES (?, ?, ?, ?, ?, "
			"?, ?, ?, ?)",
			"itiiiiiii", user_id, country, parent, pdepth + 1, now, p->tot_training,
			p->supervised, sessions, reached) != DB_DONE) {
		return -1;
	}
	int64_t check_parent = 0;
	if (node_parent(db, user_id, &check_parent, NULL) < 0)
		return -1;
	if (check_parent == parent && add_above(db, user_id, reached, 1) < 0)
		return -1;
	if (learn_total_add(db, country, NULL, NULL, "trainers", 1) < 0)
		return -1;
	/* their reach so far now counts as reached through the cascade */
	st = db_q(db,
		  "SELECT audience, SUM(attendees) FROM trainings WHERE trainer_id = ? AND "
		  "cancelled_at IS NULL GROUP BY audience",
		  "i", user_id);
	if (!st)
		return -1;
	struct {
		char aud[16];
		int64_t n;
	} by[8];
	int nby = 0;
	while (db_step(st) == DB_ROW && nby < 8) {
		str_copy(by[nby].aud, sizeof(by[nby].aud), db_text(st, 0));
		by[nby++].n = db_int(st, 1);
	}
	db_done(st);
	for (int i = 0; check_parent == parent && i < nby; i++)
		if (learn_total_add(db, country, NULL, by[i].aud, "reached_through", by[i].n) < 0 ||
		    (was && learn_total_add(db, country, NULL, by[i].aud, "reached_direct",
					    -by[i].n) < 0))
			return -1;
	/* a learner becomes a trainer, who may schedule trainings */
	char aud[16];
	learn_user_audience(db, user_id, aud);
	if (db_x(db, "UPDATE users SET role = 'trainer' WHERE id = ? AND role = 'learner'", "i",
		 user_id) != DB_DONE)
		return -1;
	if (db_changes(db) == 1 && learn_total_add(db, country, NULL, aud, "learners", -1) < 0)
		return -1;
	return 1;
}
