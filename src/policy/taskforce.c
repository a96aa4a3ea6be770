/*
 * taskforce.c: a country's national child taskforce (policy.h).
 *
 * A coordinator creates the country's taskforce, its meetings (agenda,
 * minutes, who came) and its members.  Adult members are accounts of the
 * country.  A child member is a nickname and an age band, admitted only
 * with the record of their guardian's consent (who, the day, how), and
 * removed with everything that refers to them.  The taskforce's
 * recommendations are answered by the government side with a status and a
 * response, and linked to the plan action they changed.
 *
 * Who sees what: the country's coordinators change everything and see the
 * consent records; adult members and administrators read the pages
 * without them; for anyone else the taskforce does not exist (404).  The
 * children's page, /taskforce/CC, is public and shows the recommendations,
 * their status in children's words and the government's answer, and
 * nothing about any person.
 */
#include "policy/common.h"
#include "policy/policy.h"
#include "core/util.h"
#include "db/db.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/roles.h"

#include <string.h>

#define NAME_MAX_CHARS 160
#define MANDATE_MAX 4000
#define NICK_MIN 2
#define NICK_MAX 30
#define GUARDIAN_MAX 120
#define TITLE_MAX 200
#define TEXT_MAX 20000
#define REC_MAX 2000
#define RESPONSE_MAX 4000
#define LIST_MAX 500
#define ACTIONS_MAX 300

static const char *const bands[] = {"9-12", "13-17"};

static const char *const ways[] = {"paper", "in-person", "message", "email", "phone"};
static const char *const way_names[] = {N_("on paper"), N_("in person"), N_("by message"),
					N_("by email"), N_("by phone")};

static const char *const statuses[] = {"received", "considering", "accepted",
				       "partly",   "done",        "declined"};
static const char *const status_names[] = {N_("Received"),        N_("Under consideration"),
					   N_("Accepted"),        N_("Partly accepted"),
					   N_("Done"),            N_("Not taken up")};
/* the same, as the children's page says it */
static const char *const status_words[] = {
	N_("We have your idea. We will answer soon."), N_("We are thinking about it."),
	N_("Yes! We will do it."),                    N_("We will do part of it."),
	N_("Done! We did it."),                       N_("Not this time. Here is why."),
};

/* What replaces a removed child's nickname in the taskforce's texts. */
#define NICK_GONE "[…]"

static int index_of(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (s && str_eq(s, v[i]))
			return (int)i;
	return -1;
}

static const char *form_or_empty(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	return v ? v : "";
}

/* ---- loading, and who may do what ---- */

struct taskforce {
	int64_t id; /* 0: the country has none yet */
	char country[3];
	const char *name, *mandate;
	bool editor; /* a coordinator of its country */
};

/* Loads the taskforce of the path's country (:cc) for one who may read it:
 * its country's coordinators, its adult members and administrators.  With
 * allow_none, a coordinator gets 0 and t->id 0 when the country has none.
 * Returns 0, or the page written (404) or 500. */
static int taskforce_load(struct req *r, struct taskforce *t, bool allow_none)
{
	memset(t, 0, sizeof(*t));
	const char *cc = req_param(r, 0);
	if (!cc || strlen(cc) != 2)
		return page_error(r, 404, N_("There is no such taskforce."));
	str_copy(t->country, sizeof(t->country), cc);
	bool coordinator = r->user->role == R_COORDINATOR && str_eq(r->user->country, cc);
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT id, name, mandate FROM taskforces WHERE country = ?", "t", cc);
	if (!st)
		return 500;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		t->id = db_int(st, 0);
		t->name = arena_strdup(&r->arena, db_text(st, 1));
		t->mandate = arena_strdup(&r->arena, db_text(st, 2));
	}
	db_done(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return 500;
	if (!t->id) {
		if (allow_none && coordinator) {
			t->editor = true;
			return 0;
		}
		return page_error(r, 404, N_("There is no such taskforce."));
	}
	if (coordinator) {
		t->editor = true;
		return 0;
	}
	if (r->user->role == R_ADMIN)
		return 0;
	if (!str_eq(r->user->country, cc))
		return page_error(r, 404, N_("There is no such taskforce."));
	st = db_q(req_db(r), "SELECT 1 FROM taskforce_members WHERE taskforce_id = ? AND user_id = ?",
		  "ii", t->id, r->user->id);
	if (!st)
		return 500;
	bool member = db_step(st) == DB_ROW;
	db_done(st);
	return member ? 0 : page_error(r, 404, N_("There is no such taskforce."));
}

/* The same for one who may change it, its country's coordinators: also
 * 403. */
static int taskforce_edit(struct req *r, struct taskforce *t)
{
	int rc = taskforce_load(r, t, false);
	if (rc == 0 && !t->editor)
		return page_error(r, 403, N_("Only a coordinator of the country can do this."));
	return rc;
}

static void redirect_to(struct req *r, const struct taskforce *t, const char *anchor)
{
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/taskforce/%s%s", t->country, anchor));
}

/* ---- the taskforce's page ---- */

static json_t *options(struct req *r, const char *const *ids, const char *const *labels,
		       size_t n, const char *chosen)
{
	json_t *a = json_array();
	for (size_t k = 0; k < n; k++) {
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(ids[k]));
		json_object_set_new(o, "label", jstr(labels ? tr(r, labels[k]) : ids[k]));
		json_object_set_new(o, "selected", json_boolean(chosen && str_eq(chosen, ids[k])));
		json_array_append_new(a, o);
	}
	return a;
}

/* A text of several lines as a list of its non-empty lines. */
static json_t *lines_json(struct req *r, const char *s)
{
	json_t *a = json_array();
	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		while (n && (s[n - 1] == '\r' || s[n - 1] == ' '))
			n--;
		if (n)
			json_array_append_new(a, jstr(arena_strndup(&r->arena, s, n)));
		s = nl ? nl + 1 : s + strlen(s);
	}
	return a;
}

static int add_members(struct req *r, const struct taskforce *t, json_t *d)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT m.id, u.username, u.display_name FROM taskforce_members m "
				  "JOIN users u ON u.id = m.user_id WHERE m.taskforce_id = ? ORDER BY "
				  "u.username LIMIT 500",
				  "i", t->id);
	if (!st)
		return -1;
	json_t *list = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "username", jstr(db_text(st, 1)));
		json_object_set_new(o, "display_name", jstr(db_text(st, 2)));
		json_array_append_new(list, o);
	}
	db_done(st);
	json_object_set_new(d, "members", list);
	/* the children: the consent record for coordinators only */
	st = db_q(req_db(r),
		  "SELECT c.id, c.nickname, c.age_band, k.guardian, k.given_on, k.given_how FROM "
		  "taskforce_children c JOIN taskforce_consents k ON k.child_id = c.id WHERE "
		  "c.taskforce_id = ? ORDER BY c.nickname LIMIT 500",
		  "i", t->id);
	if (!st)
		return -1;
	list = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "nickname", jstr(db_text(st, 1)));
		json_object_set_new(o, "band", jstr(db_text(st, 2)));
		if (t->editor) {
			int w = index_of(ways, ARRAY_LEN(ways), db_text(st, 5));
			json_object_set_new(o, "guardian", jstr(db_text(st, 3)));
			json_object_set_new(o, "given_on", jstr(policy_day(r, db_int(st, 4))));
			json_object_set_new(o, "given_how", jstr(w >= 0 ? tr(r, way_names[w]) : ""));
		}
		json_array_append_new(list, o);
	}
	db_done(st);
	json_object_set_new(d, "children", list);
	return 0;
}

static int add_meetings(struct req *r, const struct taskforce *t, json_t *d)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT id, held_on, title FROM taskforce_meetings WHERE "
				  "taskforce_id = ? ORDER BY held_on DESC, id DESC LIMIT 500",
				  "i", t->id);
	if (!st)
		return -1;
	json_t *list = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "day", jstr(policy_day(r, db_int(st, 1))));
		json_object_set_new(o, "title", jstr(db_text(st, 2)));
		json_array_append_new(list, o);
	}
	db_done(st);
	json_object_set_new(d, "meetings", list);
	return 0;
}

/* The plan actions of the country's strategies, to link an answer to. */
static json_t *action_choices(struct req *r, const struct taskforce *t, int64_t chosen, bool *err)
{
	json_t *list = json_array();
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT a.id, a.title, s.title FROM plan_actions a JOIN strategies s "
				  "ON s.id = a.strategy_id WHERE a.country = ? AND s.country = ? ORDER "
				  "BY s.id, a.id LIMIT 300",
				  "tt", t->country, t->country);
	if (!st) {
		*err = true;
		return list;
	}
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "title", jstr(db_text(st, 1)));
		json_object_set_new(o, "strategy", jstr(db_text(st, 2)));
		json_object_set_new(o, "selected", json_boolean(db_int(st, 0) == chosen));
		json_array_append_new(list, o);
	}
	db_done(st);
	return list;
}

static int add_recommendations(struct req *r, const struct taskforce *t, json_t *d)
{
	struct db_stmt *st = db_q(
		req_db(r),
		"SELECT x.id, x.body, x.status, x.response, COALESCE(x.action_id, 0), "
		"COALESCE(a.title, ''), COALESCE(a.strategy_id, 0), COALESCE(m.title, ''), "
		"x.created_at, x.answered_at FROM taskforce_recommendations x LEFT JOIN plan_actions "
		"a ON a.id = x.action_id LEFT JOIN taskforce_meetings m ON m.id = x.meeting_id "
		"WHERE x.taskforce_id = ? ORDER BY x.created_at DESC, x.id DESC LIMIT 500",
		"i", t->id);
	if (!st)
		return -1;
	json_t *list = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		int s = index_of(statuses, ARRAY_LEN(statuses), db_text(st, 2));
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "body", lines_json(r, db_text(st, 1)));
		json_object_set_new(o, "status", jstr(s >= 0 ? tr(r, status_names[s]) : ""));
		json_object_set_new(o, "statuses", options(r, statuses, status_names,
							   ARRAY_LEN(statuses), db_text(st, 2)));
		json_object_set_new(o, "response", lines_json(r, db_text(st, 3)));
		json_object_set_new(o, "response_text", jstr(db_text(st, 3)));
		json_object_set_new(o, "action_id", json_integer(db_int(st, 4)));
		if (db_int(st, 4)) {
			json_object_set_new(o, "action", jstr(db_text(st, 5)));
			json_object_set_new(o, "strategy_id", json_integer(db_int(st, 6)));
		}
		json_object_set_new(o, "meeting", jstr(db_text(st, 7)));
		json_object_set_new(o, "created", jstr(policy_day(r, db_int(st, 8))));
		if (!db_null(st, 9))
			json_object_set_new(o, "answered", jstr(policy_day(r, db_int(st, 9))));
		json_object_set_new(o, "proposers", json_array());
		json_array_append_new(list, o);
	}
	db_done(st);
	if (t->editor) {
		/* who proposed them: the coordinators' business only */
		st = db_q(req_db(r),
			  "SELECT p.recommendation_id, c.nickname FROM taskforce_proposers p JOIN "
			  "taskforce_children c ON c.id = p.child_id WHERE c.taskforce_id = ? ORDER BY "
			  "c.nickname",
			  "i", t->id);
		if (!st) {
			json_decref(list);
			return -1;
		}
		while (db_step(st) == DB_ROW) {
			size_t k;
			json_t *o;
			json_array_foreach(list, k, o)
			{
				if (json_integer_value(json_object_get(o, "id")) == db_int(st, 0))
					json_array_append_new(json_object_get(o, "proposers"),
							      jstr(db_text(st, 1)));
			}
		}
		db_done(st);
		/* each answer form lists the actions, its own chosen */
		size_t k;
		json_t *o;
		bool err = false;
		json_array_foreach(list, k, o)
		{
			int64_t chosen = json_integer_value(json_object_get(o, "action_id"));
			json_object_set_new(o, "actions", action_choices(r, t, chosen, &err));
		}
		if (err) {
			json_decref(list);
			return -1;
		}
	}
	json_object_set_new(d, "recommendations", list);
	return 0;
}

static int taskforce_page(struct req *r, const struct taskforce *t, int status, const char *error)
{
	json_t *d = page_data(r, N_("National child taskforce"));
	r->status = status;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	json_object_set_new(d, "cc", jstr(t->country));
	json_object_set_new(d, "editor", json_boolean(t->editor));
	json_object_set_new(d, "exists", json_boolean(t->id != 0));
	json_object_set_new(d, "name", jstr(t->name));
	json_object_set_new(d, "mandate", lines_json(r, t->mandate));
	json_object_set_new(d, "mandate_text", jstr(t->mandate));
	if (t->id && (add_members(r, t, d) < 0 || add_meetings(r, t, d) < 0 ||
		      add_recommendations(r, t, d) < 0)) {
		json_decref(d);
		return 500;
	}
	json_object_set_new(d, "bands", options(r, bands, NULL, ARRAY_LEN(bands),
						req_form(r, "band")));
	json_object_set_new(d, "ways", options(r, ways, way_names, ARRAY_LEN(ways),
					       req_form(r, "consent_how")));
	/* what was typed, kept when refused */
	const char *fields[] = {"tf_name",  "tf_mandate", "username", "nickname",
				"guardian", "consent_on", "held_on",  "m_title",
				"agenda",   "minutes",    "body"};
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		json_object_set_new(d, arena_printf(&r->arena, "f_%s", fields[i]),
				    jstr(req_form(r, fields[i])));
	return page_render(r, "policy/taskforce", d);
}

/* GET /policy/taskforce/:cc */
int policy_taskforce(struct req *r)
{
	struct taskforce t;
	int rc = taskforce_load(r, &t, true);
	return rc ? rc : taskforce_page(r, &t, 200, NULL);
}

/* POST /policy/taskforce/:cc: creates the country's taskforce, or renames
 * it and changes its mandate. */
int policy_taskforce_save(struct req *r)
{
	struct taskforce t;
	int rc = taskforce_load(r, &t, true);
	if (rc)
		return rc;
	if (!t.editor)
		return page_error(r, 403, N_("Only a coordinator of the country can do this."));
	const char *name = form_or_empty(r, "tf_name");
	const char *mandate = form_or_empty(r, "tf_mandate");
	if (!*name || !utf8_one_line(name, NAME_MAX_CHARS))
		return taskforce_page(r, &t, 400, N_("Give the taskforce a name on one line, in at "
						     "most 160 characters."));
	if (!utf8_text(mandate, MANDATE_MAX))
		return taskforce_page(r, &t, 400, N_("The mandate is text of at most 4000 "
						     "characters."));
	if (t.id) {
		if (db_x(req_db(r), "UPDATE taskforces SET name = ?, mandate = ? WHERE id = ?", "tti",
			 name, mandate, t.id) != DB_DONE)
			return 500;
	} else {
		t.id = db_insert_id(req_db(r),
				    "INSERT INTO taskforces (country, name, mandate, created_by, "
				    "created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
				    "tttii", t.country, name, mandate, r->user->id, now_seconds());
		if (!t.id)
			return 500;
		audit(req_db(r), r->user, t.country, "taskforce_created",
		      arena_printf(&r->arena, "taskforce %lld", (long long)t.id));
	}
	redirect_to(r, &t, "");
	return 0;
}

/* ---- members ---- */

/* POST /policy/taskforce/:cc/members: an account of the country. */
int policy_taskforce_member_add(struct req *r)
{
	struct taskforce t;
	int rc = taskforce_edit(r, &t);
	if (rc)
		return rc;
	const char *username = form_or_empty(r, "username");
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT id FROM users WHERE username = ? AND country = ? AND "
				  "disabled = 0",
				  "tt", username, t.country);
	if (!st)
		return 500;
	int64_t uid = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
	db_done(st);
	if (!uid)
		return taskforce_page(r, &t, 400, N_("There is no account of that name in your "
						     "country."));
	st = db_q(req_db(r),
		  "SELECT (SELECT COUNT(*) FROM taskforce_members WHERE taskforce_id = ?), (SELECT "
		  "COUNT(*) FROM taskforce_members WHERE taskforce_id = ? AND user_id = ?)",
		  "iii", t.id, t.id, uid);
	if (!st)
		return 500;
	int64_t have = 0, already = 0;
	if (db_step(st) == DB_ROW) {
		have = db_int(st, 0);
		already = db_int(st, 1);
	}
	db_done(st);
	if (already)
		return taskforce_page(r, &t, 409, N_("That account is already a member."));
	if (have >= LIST_MAX)
		return taskforce_page(r, &t, 409, N_("A taskforce has at most 500 adult members."));
	if (db_x(req_db(r),
		 "INSERT INTO taskforce_members (taskforce_id, country, user_id, added_at) VALUES "
		 "(?, ?, ?, ?)",
		 "itii", t.id, t.country, uid, now_seconds()) != DB_DONE)
		return 500;
	audit(req_db(r), r->user, t.country, "taskforce_member_added", username);
	redirect_to(r, &t, "#members");
	return 0;
}

/* POST /policy/taskforce/:cc/members/:mid/delete */
int policy_taskforce_member_remove(struct req *r)
{
	struct taskforce t;
	int rc = taskforce_edit(r, &t);
	if (rc)
		return rc;
	int64_t mid;
	if (!parse_int64(req_param(r, 1), 1, INT64_MAX, &mid))
		return page_error(r, 404, N_("The taskforce has no such member."));
	if (db_x(req_db(r), "DELETE FROM taskforce_attendance WHERE member_id = ? AND country = ?",
		 "it", mid, t.country) != DB_DONE ||
	    db_x(req_db(r), "DELETE FROM taskforce_members WHERE id = ? AND taskforce_id = ?", "ii",
		 mid, t.id) != DB_DONE)
		return 500;
	if (db_changes(req_db(r)) != 1)
		return page_error(r, 404, N_("The taskforce has no such member."));
	audit(req_db(r), r->user, t.country, "taskforce_member_removed",
	      arena_printf(&r->arena, "taskforce %lld", (long long)t.id));
	redirect_to(r, &t, "#members");
	return 0;
}

/* Reads a child's form, the guardian's consent included: NULL, or the
 * reason it is refused. */
static const char *read_child(struct req *r, const struct taskforce *t, const char **nickname,
			      const char **band, const char **guardian, int64_t *given_on,
			      const char **how)
{
	*nickname = form_or_empty(r, "nickname");
	size_t n = utf8_chars(*nickname);
	if (!utf8_one_line(*nickname, NICK_MAX) || n < NICK_MIN)
		return N_("Give the child a nickname on one line, of 2 to 30 characters (not their "
			  "real name).");
	int b = index_of(bands, ARRAY_LEN(bands), req_form(r, "band"));
	if (b < 0)
		return N_("Choose the child's age group from the list.");
	*band = bands[b];
	const char *consent = req_form(r, "consent");
	*guardian = form_or_empty(r, "guardian");
	if (!consent || !str_eq(consent, "yes") || !**guardian)
		return N_("A child joins only with their parent's or guardian's consent: record "
			  "who gave it, the day and how, and tick the box.");
	if (!utf8_one_line(*guardian, GUARDIAN_MAX))
		return N_("Write who gave the consent on one line, in at most 120 characters.");
	if (!policy_parse_day(req_form(r, "consent_on"), given_on))
		return N_("Give the day the consent was given as a date.");
	if (*given_on > now_seconds())
		return N_("The day the consent was given cannot be in the future.");
	int w = index_of(ways, ARRAY_LEN(ways), req_form(r, "consent_how"));
	if (w < 0)
		return N_("Choose from the list how the consent was given.");
	*how = ways[w];
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT (SELECT COUNT(*) FROM taskforce_children WHERE taskforce_id = "
				  "?), (SELECT COUNT(*) FROM taskforce_children WHERE taskforce_id = ? "
				  "AND nickname = ?)",
				  "iit", t->id, t->id, *nickname);
	if (!st)
		return "";
	int64_t have = 0, taken = 0;
	if (db_step(st) == DB_ROW) {
		have = db_int(st, 0);
		taken = db_int(st, 1);
	}
	db_done(st);
	if (taken)
		return N_("Another child member has this nickname: choose another.");
	if (have >= LIST_MAX)
		return N_("A taskforce has at most 500 child members.");
	return NULL;
}

/* POST /policy/taskforce/:cc/children: a child admitted, with the record
 * of the guardian's consent, in one go. */
int policy_taskforce_child_add(struct req *r)
{
	struct taskforce t;
	int rc = taskforce_edit(r, &t);
	if (rc)
		return rc;
	const char *nickname, *band, *guardian, *how;
	int64_t given_on;
	const char *why = read_child(r, &t, &nickname, &band, &guardian, &given_on, &how);
	if (why && !*why)
		return 500;
	if (why)
		return taskforce_page(r, &t, 400, why);
	int64_t now = now_seconds();
	int64_t cid = db_insert_id(req_db(r),
				   "INSERT INTO taskforce_children (taskforce_id, country, nickname, "
				   "age_band, admitted_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
				   "itttii", t.id, t.country, nickname, band, now);
	if (!cid)
		return 500;
	/* a failure here is a 500: the transaction takes the child back */
	if (db_x(req_db(r),
		 "INSERT INTO taskforce_consents (child_id, country, guardian, given_on, given_how, "
		 "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		 "ittitii", cid, t.country, guardian, given_on, how, r->user->id, now) != DB_DONE)
		return 500;
	/* no nickname and no child's id in the trail */
	audit(req_db(r), r->user, t.country, "taskforce_child_admitted",
	      arena_printf(&r->arena, "taskforce %lld", (long long)t.id));
	redirect_to(r, &t, "#children");
	return 0;
}

/* POST /policy/taskforce/:cc/children/:kid/delete: the child and all
 * their data.  Their attendance, the consent record and the links to the
 * recommendations they proposed go; the recommendations stay as the
 * taskforce's own; their nickname is cut out of the meetings' agendas and
 * minutes and the recommendations' texts. */
int policy_taskforce_child_remove(struct req *r)
{
	struct taskforce t;
	int rc = taskforce_edit(r, &t);
	if (rc)
		return rc;
	int64_t kid;
	if (!parse_int64(req_param(r, 1), 1, INT64_MAX, &kid))
		return page_error(r, 404, N_("The taskforce has no such child member."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT nickname FROM taskforce_children WHERE id = ? AND "
				  "taskforce_id = ?",
				  "ii", kid, t.id);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("The taskforce has no such child member."));
	}
	const char *nick = arena_strdup(&r->arena, db_text(st, 0));
	db_done(st);
	struct db *db = req_db(r);
	if (db_x(db, "DELETE FROM taskforce_attendance WHERE child_id = ?", "i", kid) != DB_DONE ||
	    db_x(db, "DELETE FROM taskforce_proposers WHERE child_id = ?", "i", kid) != DB_DONE ||
	    db_x(db, "DELETE FROM taskforce_consents WHERE child_id = ?", "i", kid) != DB_DONE ||
	    db_x(db, "DELETE FROM taskforce_children WHERE id = ?", "i", kid) != DB_DONE ||
	    db_x(db,
		 "UPDATE taskforce_meetings SET agenda = REPLACE(agenda, ?, ?), minutes = "
		 "REPLACE(minutes, ?, ?), title = REPLACE(title, ?, ?) WHERE taskforce_id = ?",
		 "tttttti", nick, NICK_GONE, nick, NICK_GONE, nick, NICK_GONE, t.id) != DB_DONE ||
	    db_x(db,
		 "UPDATE taskforce_recommendations SET body = REPLACE(body, ?, ?), response = "
		 "REPLACE(response, ?, ?) WHERE taskforce_id = ?",
		 "tttti", nick, NICK_GONE, nick, NICK_GONE, t.id) != DB_DONE)
		return 500;
	audit(db, r->user, t.country, "taskforce_child_removed",
	      arena_printf(&r->arena, "taskforce %lld", (long long)t.id));
	redirect_to(r, &t, "#children");
	return 0;
}

/* ---- meetings ---- */

/* Reads a meeting's form: NULL, or the reason it is refused. */
static const char *read_meeting(struct req *r, int64_t *held_on, const char **title,
				const char **agenda, const char **minutes)
{
	if (!policy_parse_day(req_form(r, "held_on"), held_on))
		return N_("Give the day of the meeting as a date.");
	*title = form_or_empty(r, "m_title");
	if (!**title || !utf8_one_line(*title, TITLE_MAX))
		return N_("Give the meeting a title on one line, in at most 200 characters.");
	*agenda = form_or_empty(r, "agenda");
	*minutes = form_or_empty(r, "minutes");
	if (!utf8_text(*agenda, TEXT_MAX) || !utf8_text(*minutes, TEXT_MAX))
		return N_("The agenda and the minutes are texts of at most 20,000 characters each.");
	return NULL;
}

/* POST /policy/taskforce/:cc/meetings */
int policy_taskforce_meeting_add(struct req *r)
{
	struct taskforce t;
	int rc = taskforce_edit(r, &t);
	if (rc)
		return rc;
	int64_t held_on;
	const char *title, *agenda, *minutes;
	const char *why = read_meeting(r, &held_on, &title, &agenda, &minutes);
	if (why)
		return taskforce_page(r, &t, 400, why);
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT COUNT(*) FROM taskforce_meetings WHERE taskforce_id = ?", "i",
				  t.id);
	if (!st)
		return 500;
	int64_t have = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
	db_done(st);
	if (have >= LIST_MAX)
		return taskforce_page(r, &t, 409, N_("A taskforce keeps at most 500 meetings."));
	int64_t mid = db_insert_id(req_db(r),
				   "INSERT INTO taskforce_meetings (taskforce_id, country, held_on, "
				   "title, agenda, minutes, updated_by, updated_at) VALUES (?, ?, ?, ?, "
				   "?, ?, ?, ?) RETURNING id",
				   "itittt" "ii", t.id, t.country, held_on, title, agenda, minutes,
				   r->user->id, now_seconds());
	if (!mid)
		return 500;
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/taskforce/%s/meetings/%lld",
					   t.country, (long long)mid));
	return 0;
}

/* Whether meeting mid is one of t's: 1, 0 or -1. */
static int meeting_of(struct req *r, const struct taskforce *t, int64_t mid)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT 1 FROM taskforce_meetings WHERE id = ? AND taskforce_id = ?",
				  "ii", mid, t->id);
	if (!st)
		return -1;
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static int meeting_page(struct req *r, const struct taskforce *t, int64_t mid, int status,
			const char *error)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT held_on, title, agenda, minutes FROM taskforce_meetings "
				  "WHERE id = ? AND taskforce_id = ?",
				  "ii", mid, t->id);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("The taskforce has no such meeting."));
	}
	json_t *d = page_data(r, N_("Taskforce meeting"));
	r->status = status;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	json_object_set_new(d, "cc", jstr(t->country));
	json_object_set_new(d, "name", jstr(t->name));
	json_object_set_new(d, "editor", json_boolean(t->editor));
	json_object_set_new(d, "id", json_integer(mid));
	json_object_set_new(d, "day", jstr(policy_day(r, db_int(st, 0))));
	json_object_set_new(d, "title", jstr(db_text(st, 1)));
	json_object_set_new(d, "agenda", lines_json(r, db_text(st, 2)));
	json_object_set_new(d, "minutes", lines_json(r, db_text(st, 3)));
	/* the form: what was typed when refused, else what is kept */
	json_object_set_new(d, "f_held_on", jstr(error ? req_form(r, "held_on")
						       : policy_day(r, db_int(st, 0))));
	json_object_set_new(d, "f_m_title", jstr(error ? req_form(r, "m_title") : db_text(st, 1)));
	json_object_set_new(d, "f_agenda", jstr(error ? req_form(r, "agenda") : db_text(st, 2)));
	json_object_set_new(d, "f_minutes", jstr(error ? req_form(r, "minutes") : db_text(st, 3)));
	db_done(st);
	/* who was there: every member, adult or child, ticked or not */
	st = db_q(req_db(r),
		  "SELECT 'm', m.id, u.username, CASE WHEN EXISTS (SELECT 1 FROM taskforce_attendance "
		  "a WHERE a.meeting_id = ? AND a.member_id = m.id) THEN 1 ELSE 0 END FROM taskforce_members m JOIN users u ON "
		  "u.id = m.user_id WHERE m.taskforce_id = ? UNION ALL SELECT 'c', c.id, c.nickname, "
		  "CASE WHEN EXISTS (SELECT 1 FROM taskforce_attendance a WHERE a.meeting_id = ? AND "
		  "a.child_id = c.id) THEN 1 ELSE 0 END FROM taskforce_children c WHERE c.taskforce_id = ? ORDER BY 1 DESC, 3",
		  "iiii", mid, t->id, mid, t->id);
	if (!st) {
		json_decref(d);
		return 500;
	}
	json_t *people = json_array();
	int came = 0;
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		bool child = str_eq(db_text(st, 0), "c");
		bool there = db_int(st, 3) != 0;
		json_object_set_new(o, "key", jstr(arena_printf(&r->arena, "%s_%lld", db_text(st, 0),
								 (long long)db_int(st, 1))));
		json_object_set_new(o, "name", jstr(db_text(st, 2)));
		json_object_set_new(o, "child", json_boolean(child));
		json_object_set_new(o, "there", json_boolean(there));
		came += there;
		json_array_append_new(people, o);
	}
	db_done(st);
	json_object_set_new(d, "people", people);
	json_object_set_new(d, "came", json_integer(came));
	return page_render(r, "policy/taskforce-meeting", d);
}

/* GET /policy/taskforce/:cc/meetings/:mid */
int policy_taskforce_meeting(struct req *r)
{
	struct taskforce t;
	int rc = taskforce_load(r, &t, false);
	if (rc)
		return rc;
	int64_t mid;
	if (!parse_int64(req_param(r, 1), 1, INT64_MAX, &mid))
		return page_error(r, 404, N_("The taskforce has no such meeting."));
	return meeting_page(r, &t, mid, 200, NULL);
}

/* POST /policy/taskforce/:cc/meetings/:mid: its day, title, agenda,
 * minutes, and who came. */
int policy_taskforce_meeting_save(struct req *r)
{
	struct taskforce t;
	int rc = taskforce_edit(r, &t);
	if (rc)
		return rc;
	int64_t mid;
	if (!parse_int64(req_param(r, 1), 1, INT64_MAX, &mid) || (rc = meeting_of(r, &t, mid)) == 0)
		return page_error(r, 404, N_("The taskforce has no such meeting."));
	if (rc < 0)
		return 500;
	int64_t held_on;
	const char *title, *agenda, *minutes;
	const char *why = read_meeting(r, &held_on, &title, &agenda, &minutes);
	if (why)
		return meeting_page(r, &t, mid, 400, why);
	struct db *db = req_db(r);
	if (db_x(db,
		 "UPDATE taskforce_meetings SET held_on = ?, title = ?, agenda = ?, minutes = ?, "
		 "updated_by = ?, updated_at = ? WHERE id = ?",
		 "itttiii", held_on, title, agenda, minutes, r->user->id, now_seconds(),
		 mid) != DB_DONE ||
	    db_x(db, "DELETE FROM taskforce_attendance WHERE meeting_id = ?", "i", mid) != DB_DONE)
		return 500;
	/* the ticked boxes, for members of this taskforce only */
	struct db_stmt *st = db_q(db,
				  "SELECT 'm', id FROM taskforce_members WHERE taskforce_id = ? UNION "
				  "ALL SELECT 'c', id FROM taskforce_children WHERE taskforce_id = ?",
				  "ii", t.id, t.id);
	if (!st)
		return 500;
	int64_t *ids = arena_alloc(&r->arena, 2 * LIST_MAX * sizeof(*ids));
	bool *child = arena_alloc(&r->arena, 2 * LIST_MAX * sizeof(*child));
	int n = 0;
	while (db_step(st) == DB_ROW && n < 2 * LIST_MAX) {
		child[n] = str_eq(db_text(st, 0), "c");
		ids[n++] = db_int(st, 1);
	}
	db_done(st);
	for (int i = 0; i < n; i++) {
		const char *key = arena_printf(&r->arena, "%s_%lld", child[i] ? "c" : "m",
					       (long long)ids[i]);
		if (!req_form(r, key))
			continue;
		if (db_x(db,
			 "INSERT INTO taskforce_attendance (meeting_id, country, member_id, child_id) "
			 "VALUES (?, ?, ?, ?)",
			 "itnn", mid, t.country, child[i] ? 0 : ids[i], child[i] ? ids[i] : 0) != DB_DONE)
			return 500;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/taskforce/%s/meetings/%lld",
					   t.country, (long long)mid));
	return 0;
}

/* ---- recommendations, and the government's answers ---- */

/* POST /policy/taskforce/:cc/recommendations: its text, the meeting it
 * came from (or none) and the child members who proposed it. */
int policy_taskforce_recommendation_add(struct req *r)
{
	struct taskforce t;
	int rc = taskforce_edit(r, &t);
	if (rc)
		return rc;
	const char *body = form_or_empty(r, "body");
	if (!*body || !utf8_text(body, REC_MAX))
		return taskforce_page(r, &t, 400, N_("Write the recommendation, in at most 2000 "
						     "characters."));
	int64_t meeting = 0;
	const char *ms = req_form(r, "meeting");
	if (ms && *ms && !str_eq(ms, "none")) {
		if (!parse_int64(ms, 1, INT64_MAX, &meeting) || (rc = meeting_of(r, &t, meeting)) == 0)
			return taskforce_page(r, &t, 400, N_("Choose the meeting from the list, or "
							     "none."));
		if (rc < 0)
			return 500;
	}
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT COUNT(*) FROM taskforce_recommendations WHERE taskforce_id = ?",
				  "i", t.id);
	if (!st)
		return 500;
	int64_t have = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
	db_done(st);
	if (have >= LIST_MAX)
		return taskforce_page(r, &t, 409, N_("A taskforce keeps at most 500 "
						     "recommendations."));
	int64_t rid = db_insert_id(req_db(r),
				   "INSERT INTO taskforce_recommendations (taskforce_id, country, "
				   "meeting_id, body, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) "
				   "RETURNING id",
				   "itntii", t.id, t.country, meeting, body, r->user->id, now_seconds());
	if (!rid)
		return 500;
	st = db_q(req_db(r), "SELECT id FROM taskforce_children WHERE taskforce_id = ?", "i", t.id);
	if (!st)
		return 500;
	int64_t *kids = arena_alloc(&r->arena, LIST_MAX * sizeof(*kids));
	int n = 0;
	while (db_step(st) == DB_ROW && n < LIST_MAX)
		kids[n++] = db_int(st, 0);
	db_done(st);
	for (int i = 0; i < n; i++) {
		if (!req_form(r, arena_printf(&r->arena, "p_%lld", (long long)kids[i])))
			continue;
		if (db_x(req_db(r),
			 "INSERT INTO taskforce_proposers (recommendation_id, country, child_id) "
			 "VALUES (?, ?, ?)",
			 "iti", rid, t.country, kids[i]) != DB_DONE)
			return 500;
	}
	audit(req_db(r), r->user, t.country, "taskforce_recommendation_added",
	      arena_printf(&r->arena, "recommendation %lld", (long long)rid));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/taskforce/%s#rec-%lld", t.country,
					   (long long)rid));
	return 0;
}

/* POST /policy/taskforce/:cc/recommendations/:rid: the government's
 * answer: a status, the response, and the plan action it changed (one of
 * a strategy of the same country) or none. */
int policy_taskforce_recommendation_answer(struct req *r)
{
	struct taskforce t;
	int rc = taskforce_edit(r, &t);
	if (rc)
		return rc;
	int64_t rid;
	if (!parse_int64(req_param(r, 1), 1, INT64_MAX, &rid))
		return page_error(r, 404, N_("The taskforce has no such recommendation."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT 1 FROM taskforce_recommendations WHERE id = ? AND "
				  "taskforce_id = ?",
				  "ii", rid, t.id);
	if (!st)
		return 500;
	bool found = db_step(st) == DB_ROW;
	db_done(st);
	if (!found)
		return page_error(r, 404, N_("The taskforce has no such recommendation."));
	int s = index_of(statuses, ARRAY_LEN(statuses), req_form(r, "status"));
	if (s < 0)
		return taskforce_page(r, &t, 400, N_("Choose the recommendation's status from the "
						     "list."));
	const char *response = form_or_empty(r, "response");
	if (!*response || !utf8_text(response, RESPONSE_MAX))
		return taskforce_page(r, &t, 400, N_("Write the government's answer, in at most "
						     "4000 characters."));
	int64_t action = 0;
	const char *as = req_form(r, "action");
	if (as && *as && !str_eq(as, "none")) {
		bool ok = parse_int64(as, 1, INT64_MAX, &action);
		if (ok) {
			st = db_q(req_db(r),
				  "SELECT 1 FROM plan_actions a JOIN strategies s ON s.id = "
				  "a.strategy_id WHERE a.id = ? AND a.country = ? AND s.country = ?",
				  "itt", action, t.country, t.country);
			if (!st)
				return 500;
			ok = db_step(st) == DB_ROW;
			db_done(st);
		}
		if (!ok)
			return taskforce_page(r, &t, 400, N_("Choose an action of your country's "
							     "implementation plans, or none."));
	}
	if (db_x(req_db(r),
		 "UPDATE taskforce_recommendations SET status = ?, response = ?, action_id = ?, "
		 "answered_by = ?, answered_at = ? WHERE id = ?",
		 "ttniii", statuses[s], response, action, r->user->id, now_seconds(), rid) != DB_DONE)
		return 500;
	audit(req_db(r), r->user, t.country, "taskforce_recommendation_answered",
	      arena_printf(&r->arena, "recommendation %lld %s", (long long)rid, statuses[s]));
	resp_redirect(r, 303, arena_printf(&r->arena, "/policy/taskforce/%s#rec-%lld", t.country,
					   (long long)rid));
	return 0;
}

/* ---- the children's page ---- */

/* GET /taskforce/:cc: what the children asked for and what the government
 * did, in children's words.  Public: no nickname, no consent, no name of
 * anyone. */
int taskforce_public(struct req *r)
{
	const char *cc = req_param(r, 0);
	if (!cc || strlen(cc) != 2)
		return page_error(r, 404, N_("There is no such taskforce."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT t.id, COALESCE(l.name, e.name, t.country) FROM taskforces t "
				  "LEFT JOIN country_names l ON l.code = t.country AND l.lang = ? LEFT "
				  "JOIN country_names e ON e.code = t.country AND e.lang = 'en' WHERE "
				  "t.country = ?",
				  "tt", r->lang, cc);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("There is no such taskforce."));
	}
	int64_t id = db_int(st, 0);
	json_t *d = page_data(r, N_("You said, we did"));
	json_object_set_new(d, "country", jstr(db_text(st, 1)));
	db_done(st);
	st = db_q(req_db(r),
		  "SELECT id, body, status, response FROM taskforce_recommendations WHERE "
		  "taskforce_id = ? ORDER BY created_at DESC, id DESC LIMIT 500",
		  "i", id);
	if (!st) {
		json_decref(d);
		return 500;
	}
	json_t *list = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		int s = index_of(statuses, ARRAY_LEN(statuses), db_text(st, 2));
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "body", lines_json(r, db_text(st, 1)));
		json_object_set_new(o, "key", jstr(s >= 0 ? statuses[s] : ""));
		json_object_set_new(o, "words", jstr(s >= 0 ? tr(r, status_words[s]) : ""));
		json_object_set_new(o, "answered", json_boolean(s > 0));
		json_object_set_new(o, "response", lines_json(r, db_text(st, 3)));
		json_array_append_new(list, o);
	}
	db_done(st);
	json_object_set_new(d, "recommendations", list);
	return page_render(r, "policy/taskforce-children", d);
}
