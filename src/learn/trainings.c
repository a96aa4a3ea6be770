/*
 * trainings.c: face-to-face trainings (learn.h).
 *
 * A trainer (or coordinator) schedules a training of their country: a
 * course, a title, start and end, a place or an online link, a language,
 * an audience and a capacity.  People of the country register; beyond
 * the capacity they wait, in order, and the first waiting takes the place
 * of anyone who cancels.  The trainer may add people by username, prints
 * the sign-in sheet, and marks who attended on the training's page (made
 * for a phone).  Those who attended answer an anonymous survey and get a
 * certificate of attendance.
 *
 * A training belongs to its country: only its trainer, the country's
 * coordinators and administrators manage it; people of other countries
 * do not see it.  Registrations of one training are serialised by first
 * touching the training's row, so two people cannot both take its last
 * place (SQLite writes one at a time anyway; PostgreSQL locks the row).
 */
#include "learn/cascade.h"
#include "learn/common.h"
#include "learn/learn.h"
#include "learn/totals.h"
#include "content/learn.h"
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

#define TITLE_MAX 160
#define PLACE_MAX 300
#define LINK_MAX 500
#define CAPACITY_MAX 500
#define SHEET_BLANK_ROWS 5

struct training {
	int64_t id, trainer_id, starts, ends, confirmed_at, cancelled_at;
	char country[3], kind[12], course[64], lang[8], audience[16];
	char trainer[USERNAME_MAX + 1];
	const char *title, *place, *link;
	int capacity, attendees;
};

static const char *const kinds[] = {"training", "tot", "supervised"};
static const char *const kind_names[] = {
	N_("Training"),
	N_("Train-the-trainer session"),
	N_("Supervised delivery (train-the-trainer, phase 3)"),
};

static int kind_ix(const char *k)
{
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
		if (str_eq(k, kinds[i]))
			return (int)i;
	return -1;
}

/* The id of the trainers' online course (phase 1), or "". */
const char *learn_trainers_course(void)
{
	for (int i = 0; learn_courses && i < learn_courses->ncourses; i++)
		if (learn_courses->courses[i].audience == AUD_TRAINERS &&
		    learn_courses->courses[i].published)
			return learn_courses->courses[i].id;
	return "";
}

/* "2026-12-01 09:00", in the time typed when the training was made. */
static const char *when_text(struct req *r, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	char out[32];
	strftime(out, sizeof(out), "%Y-%m-%d %H:%M", &tm);
	return arena_strdup(&r->arena, out);
}

static const char *time_only(struct req *r, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	char out[8];
	strftime(out, sizeof(out), "%H:%M", &tm);
	return arena_strdup(&r->arena, out);
}

/* Reads "YYYY-MM-DDTHH:MM" (an <input type="datetime-local">) as the
 * time of the training's place, kept as if it were UTC so that it is
 * shown back exactly as typed. */
static bool parse_when(const char *s, int64_t *out)
{
	struct tm tm = {0};
	if (!s)
		return false;
	const char *end = strptime(s, "%Y-%m-%dT%H:%M", &tm);
	if (!end || (*end && !(end[0] == ':' && strlen(end) == 3)))
		return false;
	if (tm.tm_year < 100 || tm.tm_year > 300)
		return false;
	*out = (int64_t)timegm(&tm);
	return true;
}

/* The columns a training is read from, and the join that names its
 * trainer; the list adds its own columns after them. */
#define TRAINING_COLUMNS                                                                          \
	"t.id, t.trainer_id, t.starts_at, t.ends_at, t.confirmed_at, t.cancelled_at, t.country, " \
	"t.kind, t.course, t.lang, t.audience, COALESCE(u.username, ''), t.title, t.place, "       \
	"t.link, t.capacity, t.attendees"
#define TRAINING_FROM "FROM trainings t LEFT JOIN users u ON u.id = t.trainer_id "
#define TRAINING_NCOLUMNS 17

/* Reads a row of TRAINING_COLUMNS into t (texts copied to r's arena). */
static void read_training(struct req *r, struct db_stmt *st, struct training *t)
{
	t->id = db_int(st, 0);
	t->trainer_id = db_null(st, 1) ? 0 : db_int(st, 1);
	t->starts = db_int(st, 2);
	t->ends = db_int(st, 3);
	t->confirmed_at = db_null(st, 4) ? 0 : db_int(st, 4);
	t->cancelled_at = db_null(st, 5) ? 0 : db_int(st, 5);
	str_copy(t->country, sizeof(t->country), db_text(st, 6));
	str_copy(t->kind, sizeof(t->kind), db_text(st, 7));
	str_copy(t->course, sizeof(t->course), db_text(st, 8));
	str_copy(t->lang, sizeof(t->lang), db_text(st, 9));
	str_copy(t->audience, sizeof(t->audience), db_text(st, 10));
	str_copy(t->trainer, sizeof(t->trainer), db_text(st, 11));
	t->title = arena_strdup(&r->arena, db_text(st, 12));
	t->place = arena_strdup(&r->arena, db_text(st, 13));
	t->link = arena_strdup(&r->arena, db_text(st, 14));
	t->capacity = (int)db_int(st, 15);
	t->attendees = (int)db_int(st, 16);
}

/* Loads a training into t: 0, 404 (written) or 500. */
static int load_id(struct req *r, int64_t id, struct training *t)
{
	struct db_stmt *st = db_q(req_db(r), "SELECT " TRAINING_COLUMNS " " TRAINING_FROM
					     "WHERE t.id = ?",
				  "i", id);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("There is no such training."));
	}
	read_training(r, st, t);
	db_done(st);
	/* a training of another country does not exist for its people */
	if (r->user->role != R_ADMIN && !str_eq(r->user->country, t->country))
		return page_error(r, 404, N_("There is no such training."));
	return 0;
}

/* Loads the training of the path (:id). */
static int load(struct req *r, struct training *t)
{
	int64_t id;
	if (!parse_int64(req_param(r, 0), 1, INT64_MAX, &id))
		return page_error(r, 404, N_("There is no such training."));
	return load_id(r, id, t);
}

/* Its trainer, the country's coordinators, administrators. */
static bool manages(const struct req *r, const struct training *t)
{
	if (r->user->role == R_ADMIN)
		return true;
	if (!str_eq(r->user->country, t->country))
		return false;
	return r->user->role == R_COORDINATOR || (t->trainer_id && t->trainer_id == r->user->id);
}

/* Loads the training of the path for one who manages it: 0, or the page
 * written (404, 403) or 500. */
static int load_managed(struct req *r, struct training *t)
{
	int rc = load(r, t);
	if (rc == 0 && !manages(r, t))
		return page_error(r, 403, N_("Only the training's trainer or a coordinator can do this."));
	return rc;
}

/* Which kinds of training the signed-in person may schedule: trainers and
 * coordinators any but a supervised delivery; a candidate whose phases 1
 * and 2 are done, their supervised delivery. */
static int may_schedule(struct req *r, bool allowed[3])
{
	allowed[0] = allowed[1] = allowed[2] = false;
	if (!r->user->country[0])
		return 0;
	if (r->user->role & (R_TRAINER | R_COORDINATOR))
		allowed[0] = allowed[1] = true;
	struct path p;
	if (path_of(req_db(r), r->user->id, learn_trainers_course(), &p) < 0)
		return -1;
	allowed[2] = p.course_done && p.tot_training && !p.certified;
	return 0;
}

/* ---- the list and the form ---- */

static json_t *training_json(struct req *r, const struct training *t)
{
	json_t *o = json_object();
	const struct course *c = learn_course(learn_courses, t->course);
	int k = kind_ix(t->kind);
	json_object_set_new(o, "id", json_integer(t->id));
	json_object_set_new(o, "title", jstr(t->title));
	json_object_set_new(o, "kind", jstr(tr(r, kind_names[k < 0 ? 0 : k])));
	json_object_set_new(o, "course", jstr(c ? learn_text(r, &c->title) : t->course));
	json_object_set_new(o, "course_id", jstr(t->course));
	json_object_set_new(o, "starts", jstr(when_text(r, t->starts)));
	json_object_set_new(o, "ends", jstr(time_only(r, t->ends)));
	json_object_set_new(o, "place", jstr(t->place));
	if (*t->link)
		json_object_set_new(o, "link", jstr(t->link));
	const char *ln = i18n_catalog(t->lang) ? catalog_name(i18n_catalog(t->lang)) : t->lang;
	json_object_set_new(o, "lang", jstr(ln));
	int a = audience_from_id(t->audience);
	json_object_set_new(o, "audience", jstr(a >= 0 ? tr(r, learn_audience_names[a]) : ""));
	json_object_set_new(o, "capacity", json_integer(t->capacity));
	json_object_set_new(o, "trainer", jstr(t->trainer));
	json_object_set_new(o, "cancelled", json_boolean(t->cancelled_at != 0));
	return o;
}

/* GET /learn/trainings: the country's trainings to come, and the
 * person's own (registered or run). */
int learn_trainings(struct req *r)
{
	json_t *d = page_data(r, N_("Face-to-face trainings"));
	bool allowed[3];
	if (may_schedule(r, allowed) < 0) {
		json_decref(d);
		return 500;
	}
	json_object_set_new(d, "may_schedule",
			    json_boolean(allowed[0] || allowed[1] || allowed[2]));
	/* the country's trainings to come, and the person's own, in one read */
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT " TRAINING_COLUMNS ", g.status " TRAINING_FROM
				  "LEFT JOIN registrations g ON "
				  "g.training_id = t.id AND g.user_id = ? WHERE (t.country = ? OR ? = 1) "
				  "AND (t.ends_at >= ? OR g.status IS NOT NULL OR t.trainer_id = ?) ORDER "
				  "BY t.starts_at, t.id LIMIT 200",
				  "itiii", r->user->id, r->user->country,
				  (int64_t)(r->user->role == R_ADMIN), now_seconds() - 86400,
				  r->user->id);
	if (!st) {
		json_decref(d);
		return 500;
	}
	json_t *list = json_array();
	int n = 0;
	while (db_step(st) == DB_ROW) {
		struct training t;
		read_training(r, st, &t);
		const char *status = db_null(st, TRAINING_NCOLUMNS) ? "" : db_text(st, TRAINING_NCOLUMNS);
		json_t *o = training_json(r, &t);
		json_object_set_new(o, "registered", json_boolean(str_eq(status, "registered")));
		json_object_set_new(o, "waiting", json_boolean(str_eq(status, "waiting")));
		json_object_set_new(o, "mine", json_boolean(t.trainer_id == r->user->id));
		json_array_append_new(list, o);
		n++;
	}
	db_done(st);
	json_object_set_new(d, "trainings", list);
	json_object_set_new(d, "none", json_boolean(n == 0));
	return page_render(r, "learn/trainings", d);
}

static int form_page(struct req *r, int status, const char *error, const bool allowed[3])
{
	json_t *d = page_data(r, N_("Schedule a training"));
	r->status = status;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	const char *kind = req_form(r, "kind");
	json_t *ks = json_array();
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		if (!allowed[i])
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(kinds[i]));
		json_object_set_new(o, "label", jstr(tr(r, kind_names[i])));
		json_object_set_new(o, "checked", json_boolean(kind ? str_eq(kind, kinds[i])
								    : json_array_size(ks) == 0));
		json_array_append_new(ks, o);
	}
	json_object_set_new(d, "kinds", ks);
	const char *course = req_form(r, "course");
	json_t *cs = json_array();
	for (int i = 0; i < learn_courses->ncourses; i++) {
		const struct course *c = &learn_courses->courses[i];
		if (!c->published)
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(c->id));
		json_object_set_new(o, "title", jstr(learn_text(r, &c->title)));
		json_object_set_new(o, "selected", json_boolean(str_eq(course, c->id)));
		json_array_append_new(cs, o);
	}
	json_object_set_new(d, "courses", cs);
	json_object_set_new(d, "audiences", learn_audience_options(r, req_form(r, "audience")));
	const char *lang = req_form(r, "lang");
	const struct catalog *const *cats;
	size_t ncat = i18n_catalogs(&cats);
	json_t *ls = json_array();
	for (size_t i = 0; i < ncat; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "code", jstr(catalog_code(cats[i])));
		json_object_set_new(o, "name", jstr(catalog_name(cats[i])));
		json_object_set_new(o, "selected",
				    json_boolean(str_eq(lang ? lang : r->lang, catalog_code(cats[i]))));
		json_array_append_new(ls, o);
	}
	json_object_set_new(d, "langs", ls);
	const char *fields[] = {"title", "starts", "ends", "place", "link", "capacity"};
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		json_object_set_new(d, fields[i], jstr(req_form(r, fields[i])));
	return page_render(r, "learn/training-new", d);
}

/* GET /learn/trainings/new */
int learn_training_form(struct req *r)
{
	bool allowed[3];
	if (may_schedule(r, allowed) < 0)
		return 500;
	if (!allowed[0] && !allowed[1] && !allowed[2])
		return page_error(r, 403,
				  N_("Trainers and coordinators schedule trainings; a candidate "
				     "trainer schedules their supervised delivery once the online "
				     "course and the train-the-trainer session are done."));
	return form_page(r, 200, NULL, allowed);
}


/* POST /learn/trainings */
int learn_training_create(struct req *r)
{
	struct db *db = req_db(r);
	bool allowed[3];
	if (may_schedule(r, allowed) < 0)
		return 500;
	if (!allowed[0] && !allowed[1] && !allowed[2])
		return learn_training_form(r);
	int k = kind_ix(req_form(r, "kind"));
	if (k < 0 || !allowed[k])
		return form_page(r, 400, N_("Choose the kind of training from the list."), allowed);
	const struct course *c = learn_course(learn_courses, req_form(r, "course"));
	if (!c || !c->published)
		return form_page(r, 400, N_("Choose the course from the list."), allowed);
	const char *title = req_form(r, "title");
	if (!title || !*title || !utf8_one_line(title, TITLE_MAX))
		return form_page(r, 400, N_("Give the training a title on one line, in at most 160 characters."), allowed);
	int64_t starts, ends;
	if (!parse_when(req_form(r, "starts"), &starts) || !parse_when(req_form(r, "ends"), &ends))
		return form_page(r, 400, N_("Give the start and the end as a date and a time."), allowed);
	if (ends <= starts || ends - starts > 14 * 86400)
		return form_page(r, 400, N_("The end must come after the start, within two weeks."), allowed);
	const char *place = req_form(r, "place"), *link = req_form(r, "link");
	place = place ? place : "";
	link = link ? link : "";
	if (!utf8_one_line(place, PLACE_MAX) || !utf8_one_line(link, LINK_MAX))
		return form_page(r, 400, N_("The place and the link are each one line."), allowed);
	if (!*place && !*link)
		return form_page(r, 400, N_("Give the place, or the link of an online training."), allowed);
	if (*link && strncmp(link, "https://", 8) != 0 && strncmp(link, "http://", 7) != 0)
		return form_page(r, 400, N_("An online link starts with https://."), allowed);
	const char *lang = req_form(r, "lang");
	if (!lang || !i18n_catalog(lang))
		return form_page(r, 400, N_("Choose a language from the list."), allowed);
	const char *aud = req_form(r, "audience");
	if (!aud || audience_from_id(aud) < 0)
		return form_page(r, 400, N_("Choose the audience from the list."), allowed);
	int64_t cap;
	if (!parse_int64(req_form(r, "capacity"), 1, CAPACITY_MAX, &cap))
		return form_page(r, 400, N_("The capacity is a number of places from 1 to 500."), allowed);
	int64_t id = db_insert_id(db,
				  "INSERT INTO trainings (country, trainer_id, kind, course, title, "
				  "starts_at, ends_at, place, link, lang, audience, capacity, "
				  "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
				  "tittt" "iitttt" "ii", r->user->country, r->user->id, kinds[k], c->id,
				  title, starts, ends, place, link, lang, aud, cap, now_seconds());
	if (!id)
		return 500;
	/* trainers and coordinators are nodes of the cascade from their
	 * first training; a candidate becomes one when certified */
	if (k != 2 && cascade_root(db, r->user->id, r->user->country) < 0)
		return 500;
	if (db_x(db, "UPDATE cascade SET sessions = sessions + 1 WHERE user_id = ?", "i",
		 r->user->id) != DB_DONE ||
	    learn_total_add(db, r->user->country, NULL, aud, "sessions", 1) < 0)
		return 500;
	audit(db, r->user, r->user->country, "training_scheduled",
	      arena_printf(&r->arena, "%lld", (long long)id));
	resp_redirect(r, 303, arena_printf(&r->arena, "/learn/trainings/%lld", (long long)id));
	return 0;
}

/* ---- one training ---- */

/* The person's registration: its status ("" when none), attended,
 * feedback sent, place on the waiting list.  0 or -1. */
struct reg {
	int64_t id;
	char status[12];
	bool attended, feedback_sent;
	int waiting_place;
	bool has_certificate;
};

static int reg_of(struct req *r, const struct training *t, int64_t user_id, struct reg *g)
{
	memset(g, 0, sizeof(*g));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT id, status, attended, feedback_sent, queued_at FROM "
				  "registrations WHERE training_id = ? AND user_id = ?",
				  "ii", t->id, user_id);
	if (!st)
		return -1;
	int64_t queued = 0;
	if (db_step(st) == DB_ROW) {
		g->id = db_int(st, 0);
		str_copy(g->status, sizeof(g->status), db_text(st, 1));
		g->attended = db_int(st, 2) != 0;
		g->feedback_sent = db_int(st, 3) != 0;
		queued = db_int(st, 4);
	}
	db_done(st);
	if (str_eq(g->status, "waiting")) {
		st = db_q(req_db(r),
			  "SELECT COUNT(*) FROM registrations WHERE training_id = ? AND status = "
			  "'waiting' AND (queued_at < ? OR (queued_at = ? AND id <= ?))",
			  "iiii", t->id, queued, queued, g->id);
		if (!st)
			return -1;
		if (db_step(st) == DB_ROW)
			g->waiting_place = (int)db_int(st, 0);
		db_done(st);
	}
	if (g->attended) {
		st = db_q(req_db(r),
			  "SELECT 1 FROM certificates WHERE training_id = ? AND user_id = ? AND "
			  "revoked_at IS NULL",
			  "ii", t->id, user_id);
		if (!st)
			return -1;
		g->has_certificate = db_step(st) == DB_ROW;
		db_done(st);
	}
	return 0;
}

static int count_status(struct req *r, int64_t training, const char *status)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT COUNT(*) FROM registrations WHERE training_id = ? AND status "
				  "= ?",
				  "it", training, status);
	if (!st)
		return -1;
	int n = db_step(st) == DB_ROW ? (int)db_int(st, 0) : -1;
	db_done(st);
	return n;
}

/* The registrations of a training for its managers: the registered, then
 * the waiting list in its order. */
static json_t *participants(struct req *r, const struct training *t, const char *status)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT g.id, u.username, g.attended FROM registrations g JOIN users "
				  "u ON u.id = g.user_id WHERE g.training_id = ? AND g.status = ? ORDER "
				  "BY g.queued_at, g.id",
				  "it", t->id, status);
	json_t *list = json_array();
	if (!st)
		return NULL;
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "username", jstr(db_text(st, 1)));
		json_object_set_new(o, "attended", json_boolean(db_int(st, 2) != 0));
		json_array_append_new(list, o);
	}
	db_done(st);
	return list;
}

static int training_page(struct req *r, const struct training *t, int status, const char *msg)
{
	struct reg g;
	if (reg_of(r, t, r->user->id, &g) < 0)
		return 500;
	int registered = count_status(r, t->id, "registered");
	int waiting = count_status(r, t->id, "waiting");
	if (registered < 0 || waiting < 0)
		return 500;
	json_t *d = page_data(r, N_("Training"));
	r->status = status;
	if (msg)
		json_object_set_new(d, "message", jstr(tr(r, msg)));
	json_object_set_new(d, "t", training_json(r, t));
	json_object_set_new(d, "registered_n", json_integer(registered));
	json_object_set_new(d, "waiting_n", json_integer(waiting));
	json_object_set_new(d, "places_left",
			    json_integer(registered < t->capacity ? t->capacity - registered : 0));
	json_object_set_new(d, "attendees", json_integer(t->attendees));
	json_object_set_new(d, "is_registered", json_boolean(str_eq(g.status, "registered")));
	json_object_set_new(d, "is_waiting", json_boolean(str_eq(g.status, "waiting")));
	json_object_set_new(d, "waiting_place", json_integer(g.waiting_place));
	json_object_set_new(d, "may_register",
			    json_boolean(!t->cancelled_at && !str_eq(g.status, "registered") &&
					 !str_eq(g.status, "waiting") && t->trainer_id != r->user->id &&
					 r->user->country[0]));
	json_object_set_new(d, "attended", json_boolean(g.attended));
	json_object_set_new(d, "feedback_open", json_boolean(g.attended && !g.feedback_sent));
	json_object_set_new(d, "feedback_sent", json_boolean(g.feedback_sent));
	json_object_set_new(d, "certificate_open", json_boolean(g.attended && !g.has_certificate));
	json_object_set_new(d, "has_certificate", json_boolean(g.has_certificate));
	bool manage = manages(r, t);
	json_object_set_new(d, "manage", json_boolean(manage));
	json_object_set_new(d, "may_call_off",
			    json_boolean(manage && !t->cancelled_at && t->attendees == 0));
	if (manage) {
		json_t *reg = participants(r, t, "registered");
		json_t *wait = participants(r, t, "waiting");
		if (!reg || !wait) {
			json_decref(reg);
			json_decref(wait);
			json_decref(d);
			return 500;
		}
		json_object_set_new(d, "registered", reg);
		json_object_set_new(d, "waiting", wait);
		/* the survey's averages, once three have answered (fewer could
		 * be told apart) */
		struct db_stmt *st = db_q(req_db(r),
					  "SELECT COUNT(*), AVG(useful), AVG(clear), AVG(confident), "
					  "AVG(recommend) FROM training_feedback WHERE training_id = ?",
					  "i", t->id);
		if (!st) {
			json_decref(d);
			return 500;
		}
		if (db_step(st) == DB_ROW) {
			int64_t n = db_int(st, 0);
			json_object_set_new(d, "feedback_n", json_integer(n));
			if (n >= 3) {
				json_t *f = json_object();
				const char *keys[] = {"useful", "clear", "confident", "recommend"};
				for (int i = 0; i < 4; i++) {
					const char *v = db_text(st, i + 1);
					json_object_set_new(f, keys[i],
							    jstr(arena_printf(&r->arena, "%.1f",
									      v ? strtod(v, NULL) : 0.0)));
				}
				json_object_set_new(d, "feedback", f);
			}
		}
		db_done(st);
	}
	/* phase 3: who may confirm a supervised delivery */
	bool confirmable = str_eq(t->kind, "supervised") && !t->confirmed_at &&
			   t->trainer_id != r->user->id &&
			   ((r->user->role & (R_COORDINATOR | R_TRAINER) &&
			     str_eq(r->user->country, t->country)) ||
			    r->user->role == R_ADMIN);
	json_object_set_new(d, "supervised", json_boolean(str_eq(t->kind, "supervised")));
	json_object_set_new(d, "confirmable", json_boolean(confirmable));
	json_object_set_new(d, "confirmed", json_boolean(t->confirmed_at != 0));
	json_object_set_new(d, "min_attendees", json_integer(SUPERVISED_MIN_ATTENDEES));
	return page_render(r, "learn/training", d);
}

/* GET /learn/trainings/:id */
int learn_training_page(struct req *r)
{
	struct training t;
	int rc = load(r, &t);
	return rc ? rc : training_page(r, &t, 200, NULL);
}

/* Touches the training's row so that, on PostgreSQL, registrations of one
 * training wait for each other. */
static int lock_training(struct req *r, const struct training *t)
{
	return db_x(req_db(r), "UPDATE trainings SET capacity = capacity WHERE id = ?", "i", t->id) ==
			       DB_DONE
		       ? 0
		       : -1;
}

/* Registers a person: "registered" or "waiting" (NULL on error); one
 * already registered or waiting keeps their place. */
static const char *enrol_in(struct req *r, const struct training *t, int64_t user_id,
			    const char *country, int64_t by)
{
	if (lock_training(r, t) < 0)
		return NULL;
	struct reg g;
	if (reg_of(r, t, user_id, &g) < 0)
		return NULL;
	if (str_eq(g.status, "registered") || str_eq(g.status, "waiting"))
		return arena_strdup(&r->arena, g.status);
	int registered = count_status(r, t->id, "registered");
	int waiting = count_status(r, t->id, "waiting");
	if (registered < 0 || waiting < 0)
		return NULL;
	const char *status = registered < t->capacity && waiting == 0 ? "registered" : "waiting";
	int rc = g.id ? db_x(req_db(r),
			     "UPDATE registrations SET status = ?, queued_at = ?, added_by = ? WHERE "
			     "id = ?",
			     "tini", status, now_seconds(), by, g.id)
		      : db_x(req_db(r),
			     "INSERT INTO registrations (training_id, user_id, country, status, "
			     "queued_at, added_by) VALUES (?, ?, ?, ?, ?, ?)",
			     "iitt" "in", t->id, user_id, country, status, now_seconds(), by);
	return rc == DB_DONE ? status : NULL;
}

/* POST /learn/trainings/:id/register */
int learn_training_register(struct req *r)
{
	struct training t;
	int rc = load(r, &t);
	if (rc)
		return rc;
	if (t.cancelled_at)
		return training_page(r, &t, 409, N_("This training was called off."));
	if (t.trainer_id == r->user->id)
		return training_page(r, &t, 409, N_("You run this training."));
	if (!r->user->country[0])
		return training_page(r, &t, 403, N_("Trainings are for people of their country."));
	const char *status = enrol_in(r, &t, r->user->id, r->user->country, 0);
	if (!status)
		return 500;
	resp_redirect(r, 303, arena_printf(&r->arena, "/learn/trainings/%lld", (long long)t.id));
	return 0;
}

/* POST /learn/trainings/:id/cancel: gives up a place (or a place on the
 * waiting list); the first waiting takes a freed place. */
int learn_training_cancel(struct req *r)
{
	struct training t;
	int rc = load(r, &t);
	if (rc)
		return rc;
	struct reg g;
	if (lock_training(r, &t) < 0 || reg_of(r, &t, r->user->id, &g) < 0)
		return 500;
	if (!str_eq(g.status, "registered") && !str_eq(g.status, "waiting"))
		return training_page(r, &t, 409, N_("You are not registered for this training."));
	if (g.attended)
		return training_page(r, &t, 409, N_("Your attendance is recorded; the registration stays."));
	if (db_x(req_db(r), "UPDATE registrations SET status = 'cancelled' WHERE id = ?", "i",
		 g.id) != DB_DONE)
		return 500;
	if (str_eq(g.status, "registered")) {
		struct db_stmt *st = db_q(req_db(r),
					  "SELECT id FROM registrations WHERE training_id = ? AND "
					  "status = 'waiting' ORDER BY queued_at, id LIMIT 1",
					  "i", t.id);
		if (!st)
			return 500;
		int64_t next = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
		db_done(st);
		if (next && db_x(req_db(r),
				 "UPDATE registrations SET status = 'registered' WHERE id = ?", "i",
				 next) != DB_DONE)
			return 500;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/learn/trainings/%lld", (long long)t.id));
	return 0;
}

/* POST /learn/trainings/:id/add (username): the trainer registers a
 * person of the country (on the waiting list when it is full). */
int learn_training_add(struct req *r)
{
	struct training t;
	int rc = load_managed(r, &t);
	if (rc)
		return rc;
	if (t.cancelled_at)
		return training_page(r, &t, 409, N_("This training was called off."));
	const char *name = req_form(r, "username");
	char clean[USERNAME_MAX + 1];
	struct user u;
	int found = username_clean(name, clean, sizeof(clean))
			    ? user_by_name(req_db(r), clean, &u, NULL, 0)
			    : 0;
	if (found < 0)
		return 500;
	if (!found || u.disabled || !str_eq(u.country, t.country))
		return training_page(r, &t, 400, N_("There is no account of this country with that username."));
	if (u.id == t.trainer_id)
		return training_page(r, &t, 409, N_("You run this training."));
	const char *status = enrol_in(r, &t, u.id, u.country, r->user->id);
	if (!status)
		return 500;
	audit(req_db(r), r->user, t.country, "training_participant_added", u.username);
	resp_redirect(r, 303,
		      arena_printf(&r->arena, "/learn/trainings/%lld?added=%s", (long long)t.id,
				   status));
	return 0;
}

/* POST /learn/trainings/:id/attendance (a_ID=1 for each who came): who
 * attended, among the registered. */
int learn_training_attendance(struct req *r)
{
	struct training t;
	int rc = load_managed(r, &t);
	if (rc)
		return rc;
	if (t.cancelled_at)
		return training_page(r, &t, 409, N_("This training was called off."));
	if (lock_training(r, &t) < 0)
		return 500;
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT id, attended FROM registrations WHERE training_id = ? AND "
				  "status = 'registered'",
				  "i", t.id);
	if (!st)
		return 500;
	size_t cap = (size_t)t.capacity + 1, n = 0;
	int64_t *ids = arena_alloc(&r->arena, cap * 2 * sizeof(int64_t));
	bool *was = arena_alloc(&r->arena, cap * 2 * sizeof(bool));
	while (n < cap * 2 && db_step(st) == DB_ROW) {
		ids[n] = db_int(st, 0);
		was[n++] = db_int(st, 1) != 0;
	}
	db_done(st);
	int64_t delta = 0;
	for (size_t i = 0; i < n; i++) {
		bool now = req_form(r, arena_printf(&r->arena, "a_%lld", (long long)ids[i])) != NULL;
		if (now == was[i])
			continue;
		if (db_x(req_db(r), "UPDATE registrations SET attended = ? WHERE id = ?", "ii",
			 (int64_t)now, ids[i]) != DB_DONE)
			return 500;
		delta += now ? 1 : -1;
	}
	if (delta != 0 &&
	    (db_x(req_db(r), "UPDATE trainings SET attendees = attendees + ? WHERE id = ?", "ii",
		  delta, t.id) != DB_DONE ||
	     (t.trainer_id && cascade_reach(req_db(r), t.trainer_id, t.country, t.audience, delta) < 0)))
		return 500;
	resp_redirect(r, 303,
		      arena_printf(&r->arena, "/learn/trainings/%lld?saved=1", (long long)t.id));
	return 0;
}

/* GET /learn/trainings/:id/sheet: the sign-in sheet, as PDF, in the
 * training's language. */
int learn_training_sheet(struct req *r)
{
	struct training t;
	int rc = load_managed(r, &t);
	if (rc)
		return rc;
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT u.username FROM registrations g JOIN users u ON u.id = "
				  "g.user_id WHERE g.training_id = ? AND g.status = 'registered' ORDER "
				  "BY u.username",
				  "i", t.id);
	if (!st)
		return 500;
	const char **users = arena_alloc(&r->arena, ((size_t)t.capacity + 1) * sizeof(char *));
	int n = 0;
	while (n <= t.capacity && db_step(st) == DB_ROW)
		users[n++] = arena_strdup(&r->arena, db_text(st, 0));
	db_done(st);
	const struct catalog *cat = i18n_catalog(t.lang);
	struct sheet_doc doc = {
		.lang = t.lang,
		.rtl = cat && catalog_rtl(cat),
		.title = t.title,
		.when = arena_printf(&r->arena, "%s–%s", when_text(r, t.starts), time_only(r, t.ends)),
		.where = *t.place ? t.place : t.link,
		.trainer = arena_printf(&r->arena, "%s %s", i18n_gettext(cat, N_("Trainer:")), t.trainer),
		.col_n = "#",
		.col_user = i18n_gettext(cat, N_("Username")),
		.col_name = i18n_gettext(cat, N_("Full name")),
		.col_sign = i18n_gettext(cat, N_("Signature")),
		.users = users,
		.nusers = n,
		.blank = SHEET_BLANK_ROWS,
	};
	char err[256];
	buf_reset(&r->out);
	if (pdf_sign_in_sheet(&doc, &r->out, err, sizeof(err)) < 0) {
		buf_reset(&r->out);
		return 500;
	}
	resp_download(r, "application/pdf",
		      arena_printf(&r->arena, "sign-in-%lld.pdf", (long long)t.id));
	return 0;
}

/* POST /learn/trainings/:id/feedback (useful, clear, confident,
 * recommend: 1 to 5): once per attendee, stored without who sent it. */
int learn_training_feedback(struct req *r)
{
	struct training t;
	int rc = load(r, &t);
	if (rc)
		return rc;
	const char *keys[] = {"useful", "clear", "confident", "recommend"};
	int64_t v[4];
	for (int i = 0; i < 4; i++)
		if (!parse_int64(req_form(r, keys[i]), 1, 5, &v[i]))
			return training_page(r, &t, 400, N_("Answer each question with a number from 1 to 5."));
	struct reg g;
	if (reg_of(r, &t, r->user->id, &g) < 0)
		return 500;
	if (!g.attended)
		return training_page(r, &t, 403, N_("The survey is for the people who attended."));
	if (db_x(req_db(r),
		 "UPDATE registrations SET feedback_sent = 1 WHERE id = ? AND feedback_sent = 0", "i",
		 g.id) != DB_DONE)
		return 500;
	if (db_changes(req_db(r)) == 0)
		return training_page(r, &t, 409, N_("You have already answered the survey. Thank you."));
	if (db_x(req_db(r),
		 "INSERT INTO training_feedback (training_id, country, useful, clear, confident, "
		 "recommend) VALUES (?, ?, ?, ?, ?, ?)",
		 "itiiii", t.id, t.country, v[0], v[1], v[2], v[3]) != DB_DONE)
		return 500;
	const char *metrics[] = {"feedback_useful", "feedback_clear", "feedback_confident",
				 "feedback_recommend"};
	if (learn_total_add(req_db(r), t.country, NULL, NULL, "feedback_n", 1) < 0)
		return 500;
	for (int i = 0; i < 4; i++)
		if (learn_total_add(req_db(r), t.country, NULL, NULL, metrics[i], v[i]) < 0)
			return 500;
	resp_redirect(r, 303,
		      arena_printf(&r->arena, "/learn/trainings/%lld?thanks=1", (long long)t.id));
	return 0;
}

/* POST /learn/trainings/:id/certificate (name): the certificate of
 * attendance, once. */
int learn_training_certificate(struct req *r)
{
	struct training t;
	int rc = load(r, &t);
	if (rc)
		return rc;
	struct reg g;
	if (reg_of(r, &t, r->user->id, &g) < 0)
		return 500;
	if (!g.attended)
		return training_page(r, &t, 403, N_("The certificate of attendance is for the people who attended."));
	if (g.has_certificate) {
		resp_redirect(r, 303, "/learn/certificates");
		return 0;
	}
	const char *name = req_form(r, "name");
	if (!learn_name_ok(name))
		return training_page(r, &t, 400, N_("Write your name on one line, in at most 120 characters."));
	const char *lang = content_lang_index(r->lang) >= 0 ? r->lang : "en";
	struct cert_issue in = {
		.user_id = r->user->id,
		.training_id = t.id,
		.country = t.country,
		.kind = "attendance",
		.course = t.course,
		.what = t.title,
		.name = name,
		.lang = lang,
	};
	const char *code = learn_cert_issue(r, &in);
	if (!code)
		return 500;
	resp_redirect(r, 303, arena_printf(&r->arena, "/learn/certificates#%s", code));
	return 0;
}

/* POST /learn/trainings/:id/call-off: its trainer or a coordinator calls
 * a training off before anyone is recorded as attending; the registered
 * and the waiting see it on its page, and it no longer counts. */
int learn_training_call_off(struct req *r)
{
	struct training t;
	int rc = load_managed(r, &t);
	if (rc)
		return rc;
	if (t.cancelled_at)
		return training_page(r, &t, 409, N_("This training was called off."));
	if (t.attendees)
		return training_page(r, &t, 409, N_("People are recorded as attending; the training cannot be called off."));
	if (db_x(req_db(r),
		 "UPDATE trainings SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL AND "
		 "attendees = 0",
		 "ii", now_seconds(), t.id) != DB_DONE)
		return 500;
	if (db_changes(req_db(r)) == 1 &&
	    ((t.trainer_id && db_x(req_db(r),
				   "UPDATE cascade SET sessions = sessions - 1 WHERE user_id = ?", "i",
				   t.trainer_id) != DB_DONE) ||
	     learn_total_add(req_db(r), t.country, NULL, t.audience, "sessions", -1) < 0))
		return 500;
	audit(req_db(r), r->user, t.country, "training_called_off",
	      arena_printf(&r->arena, "%lld", (long long)t.id));
	resp_redirect(r, 303, arena_printf(&r->arena, "/learn/trainings/%lld", (long long)t.id));
	return 0;
}

/* POST /learn/trainings/:id/confirm: a trainer or coordinator of the
 * country (not the candidate) confirms a supervised delivery with at
 * least five attending; the candidate is then certified if their other
 * two phases are done. */
int learn_training_confirm(struct req *r)
{
	struct training t;
	int rc = load(r, &t);
	if (rc)
		return rc;
	if (!str_eq(t.kind, "supervised"))
		return training_page(r, &t, 409, N_("Only a supervised delivery is confirmed."));
	if (t.trainer_id == r->user->id)
		return training_page(r, &t, 403, N_("Another trainer or a coordinator confirms your delivery."));
	if (!(r->user->role == R_ADMIN ||
	      ((r->user->role & (R_COORDINATOR | R_TRAINER)) && str_eq(r->user->country, t.country))))
		return training_page(r, &t, 403, N_("A trainer or a coordinator of the country confirms a supervised delivery."));
	if (t.confirmed_at)
		return training_page(r, &t, 409, N_("This delivery is already confirmed."));
	if (t.attendees < SUPERVISED_MIN_ATTENDEES)
		return training_page(r, &t, 409, N_("A supervised delivery needs at least five people recorded as attending."));
	if (db_x(req_db(r),
		 "UPDATE trainings SET confirmed_by = ?, confirmed_at = ? WHERE id = ? AND "
		 "confirmed_at IS NULL",
		 "iii", r->user->id, now_seconds(), t.id) != DB_DONE)
		return 500;
	struct path p;
	if (path_of(req_db(r), t.trainer_id, learn_trainers_course(), &p) < 0)
		return 500;
	int certified = cascade_certify(req_db(r), t.trainer_id, t.country, &p);
	if (certified < 0)
		return 500;
	audit(req_db(r), r->user, t.country, certified ? "trainer_certified" : "delivery_confirmed",
	      t.trainer);
	resp_redirect(r, 303, arena_printf(&r->arena, "/learn/trainings/%lld", (long long)t.id));
	return 0;
}
