/*
 * account.c: signing in and out, the user's own account, invitations.
 *
 * Sign-in answers an unknown account and a wrong password with the same
 * status and page, after the same argon2id work.  Failed attempts are
 * counted per account in a sliding window; a browser that signed in to
 * that account before carries a device cookie and has its own count
 * (OWASP's device-cookie scheme), so someone guessing passwords from
 * elsewhere cannot lock the owner out of their usual browser.
 */
#include "site/site.h"
#include "learn/totals.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/roles.h"
#include "db/db.h"
#include "core/log.h"
#include "core/util.h"

#include <stdio.h>
#include <string.h>

#define DEVICE_COOKIE "cophub_device"

/* The device nonce from a cookie issued to this account, or "". */
static const char *device_of(struct req *r, const char *username)
{
	const char *c = req_cookie(r, cookie_name(r, DEVICE_COOKIE));
	char data[160], mac[TOKEN_LEN + 1];
	if (!c)
		return "";
	const char *dot = strchr(c, '.');
	if (!dot || dot - c != 22)
		return "";
	char nonce[23];
	memcpy(nonce, c, 22);
	nonce[22] = '\0';
	snprintf(data, sizeof(data), "%s:%s", username, nonce);
	auth_mac("device", data, mac);
	return auth_equal(mac, dot + 1) ? arena_strdup(&r->arena, nonce) : "";
}

static void device_issue(struct req *r, const char *username)
{
	char tok[TOKEN_LEN + 1], data[160], mac[TOKEN_LEN + 1];
	token_new(tok);
	tok[22] = '\0'; /* 132 bits of the random token are enough for a nonce */
	snprintf(data, sizeof(data), "%s:%s", username, tok);
	auth_mac("device", data, mac);
	cookie_set(r, DEVICE_COOKIE, arena_printf(&r->arena, "%s.%s", tok, mac), 365 * 86400, true,
		   "Strict", "/login");
}

static int login_page(struct req *r, int status, const char *error, const char *username,
		      const char *next)
{
	if (!r->csrf)
		csrf_for_visitor(r);
	json_t *d = page_data(r, N_("Sign in"));
	r->status = status;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	json_object_set_new(d, "username", jstr(username));
	json_object_set_new(d, "next", jstr(next && *next ? safe_next(next) : ""));
	json_object_set_new(d, "reset_on", json_boolean(site_reset_on()));
	return page_render(r, "login", d);
}

int site_login_form(struct req *r)
{
	if (r->user) {
		resp_redirect(r, 303, "/account");
		return 0;
	}
	return login_page(r, 200, NULL, "", req_query(r, "next"));
}

int site_login(struct req *r)
{
	static const char bad[] = N_("The username or password is not correct.");
	char username[USERNAME_MAX + 1], hash[256];
	const char *password = req_form(r, "password");
	const char *next = req_form(r, "next");
	struct db *db = req_db(r);
	struct user u;

	if (!username_clean(req_form(r, "username"), username, sizeof(username)) || !password ||
	    !*password)
		return login_page(r, 400, N_("Enter your username and your password."), "", next);
	const char *device = device_of(r, username);
	int64_t fails = login_failures(db, username, device);
	if (fails < 0)
		return 500;
	if (fails >= auth_params()->login_max_failures) {
		log_info("req=%s sign-in refused: too many failures", r->id_hex);
		return login_page(r, 429,
				  N_("Too many failed attempts to sign in to this account. Wait an "
				     "hour and try again, or ask your coordinator for help."),
				  username, next);
	}
	int found = user_by_name(db, username, &u, hash, sizeof(hash));
	if (found < 0)
		return 500;
	bool ok;
	if (found && hash[0] && !u.disabled && strlen(password) <= 4 * PASSWORD_MAX)
		ok = password_verify(hash, password);
	else
		ok = password_verify_dummy(password);
	if (!ok) {
		if (login_failure_add(db, username, device) < 0)
			return 500;
		return login_page(r, 401, bad, username, next);
	}
	if (login_failures_clear(db, username, device) < 0)
		return 500;
	if (password_needs_rehash(hash)) {
		char fresh[256];
		if (password_hash(password, fresh, sizeof(fresh)) < 0 ||
		    user_set_password(db, u.id, fresh, u.must_change) < 0)
			return 500;
	}
	if (r->session_token && session_delete(db, r->session_token) < 0)
		return 500;
	if (app_sign_in(r, &u) < 0)
		return 500;
	device_issue(r, username);
	audit(db, &u, u.country[0] ? u.country : NULL, "login", u.username);
	resp_redirect(r, 303, u.must_change ? "/account/password" : safe_next(next));
	return 0;
}

int site_logout(struct req *r)
{
	if (session_delete(req_db(r), r->session_token) < 0)
		return 500;
	cookie_clear(r, "cophub_session", "/");
	resp_redirect(r, 303, "/");
	return 0;
}

int site_account(struct req *r)
{
	json_t *d = page_data(r, N_("My account"));
	json_object_set_new(d, "role_label", jstr(tr(r, role_label(r->user->role))));
	json_object_set_new(d, "changed", json_boolean(req_query(r, "changed") != NULL));
	site_profile_fields(r, d);
	return page_render(r, "account/index", d);
}

static int password_page(struct req *r, int status, const char *error)
{
	json_t *d = page_data(r, N_("Change your password"));
	r->status = status;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	json_object_set_new(d, "must_change", json_boolean(r->user->must_change));
	return page_render(r, "account/password", d);
}

int site_password_form(struct req *r)
{
	return password_page(r, 200, NULL);
}

/* Checks the new password pair; the reason when refused. */
static const char *new_password_problem(struct req *r, const char *username)
{
	const char *pw = req_form(r, "new_password");
	const char *again = req_form(r, "new_password_again");
	if (!pw || !again || !*pw)
		return N_("Enter the new password twice.");
	if (strcmp(pw, again) != 0)
		return N_("The two new passwords are not the same.");
	return password_problem(pw, username);
}

int site_password(struct req *r)
{
	struct db *db = req_db(r);
	struct user u;
	char hash[256], fresh[256];
	const char *current = req_form(r, "current_password");
	const char *problem;

	if (user_by_name(db, r->user->username, &u, hash, sizeof(hash)) != 1)
		return 500;
	if (!current || !password_verify(hash, current))
		return password_page(r, 400, N_("The current password is not correct."));
	if ((problem = new_password_problem(r, u.username)))
		return password_page(r, 400, problem);
	if (password_hash(req_form(r, "new_password"), fresh, sizeof(fresh)) < 0 ||
	    user_set_password(db, u.id, fresh, false) < 0)
		return 500;
	/* Every other session of this account ends; this one starts anew. */
	if (sessions_delete_user(db, u.id) < 0)
		return 500;
	u.must_change = false;
	if (app_sign_in(r, &u) < 0)
		return 500;
	audit(db, &u, u.country[0] ? u.country : NULL, "password_changed", u.username);
	resp_redirect(r, 303, "/account?changed=1");
	return 0;
}

/* "Download my data": everything cophub keeps about the account. */
int site_account_data(struct req *r)
{
	struct db *db = req_db(r);
	json_t *doc = json_object(), *acc = json_object(), *events = json_array();
	const struct user *u = r->user;

	json_object_set_new(acc, "username", jstr(u->username));
	json_object_set_new(acc, "display_name", jstr(u->display_name));
	json_object_set_new(acc, "role", jstr(role_name(u->role)));
	json_object_set_new(acc, "country", u->country[0] ? jstr(u->country) : json_null());
	json_object_set_new(acc, "created_at", json_integer(u->created_at));
	struct db_stmt *pf = db_q(db, "SELECT audience, email FROM users WHERE id = ?", "i", u->id);
	if (!pf)
		goto out_error;
	if (db_step(pf) == DB_ROW) {
		json_object_set_new(acc, "audience", db_null(pf, 0) ? json_null() : jstr(db_text(pf, 0)));
		json_object_set_new(acc, "email", db_null(pf, 1) ? json_null() : jstr(db_text(pf, 1)));
	}
	db_done(pf);
	json_object_set_new(doc, "account", acc);

	struct db_stmt *st = db_q(db, "SELECT COUNT(*) FROM sessions WHERE user_id = ?", "i", u->id);
	if (!st)
		goto out_error;
	json_object_set_new(doc, "open_sessions",
			    json_integer(db_step(st) == DB_ROW ? db_int(st, 0) : 0));
	db_done(st);
	st = db_q(db, "SELECT at, action, target FROM audit_log WHERE actor_id = ? ORDER BY id",
		  "i", u->id);
	if (!st)
		goto out_error;
	while (db_step(st) == DB_ROW) {
		json_t *e = json_object();
		json_object_set_new(e, "at", json_integer(db_int(st, 0)));
		json_object_set_new(e, "action", jstr(db_text(st, 1)));
		json_object_set_new(e, "target", jstr(db_text(st, 2)));
		json_array_append_new(events, e);
	}
	db_done(st);
	json_object_set_new(doc, "actions", events);
	/* the courses: enrolments, lessons opened, quiz attempts, certificates */
	static const struct {
		const char *key, *sql, *cols;
	} parts[] = {
		{"enrolments",
		 "SELECT course, enrolled_at, completed_at FROM enrolments WHERE user_id = ? ORDER BY id",
		 "course enrolled_at completed_at"},
		{"lessons_opened",
		 "SELECT e.course, v.lesson, v.viewed_at FROM lesson_views v JOIN enrolments e ON "
		 "e.id = v.enrolment_id WHERE e.user_id = ? ORDER BY v.viewed_at",
		 "course lesson viewed_at"},
		{"quiz_attempts",
		 "SELECT e.course, a.quiz, a.started_at, a.submitted_at, a.score, a.passed FROM "
		 "quiz_attempts a JOIN enrolments e ON e.id = a.enrolment_id WHERE e.user_id = ? "
		 "ORDER BY a.id",
		 "course quiz started_at submitted_at score passed"},
		{"certificates",
		 "SELECT code, kind, course, name, issued_day, revoked_at FROM certificates WHERE "
		 "user_id = ? ORDER BY id",
		 "code kind course name issued_day revoked_at"},
		/* face-to-face trainings: registrations (the survey's answers
		 * are anonymous: only that one was sent), and those run */
		{"training_registrations",
		 "SELECT t.title, t.starts_at, g.status, g.attended, g.feedback_sent FROM "
		 "registrations g JOIN trainings t ON t.id = g.training_id WHERE g.user_id = ? "
		 "ORDER BY g.id",
		 "training starts_at status attended survey_sent"},
		{"trainings_run",
		 "SELECT title, kind, course, starts_at, ends_at, place, link, attendees FROM "
		 "trainings WHERE trainer_id = ? ORDER BY id",
		 "title kind course starts_at ends_at place link attendees"},
		{"trainer_path",
		 "SELECT certified_at, depth, sessions, reached, reached_below, trainers_below FROM "
		 "cascade WHERE user_id = ?",
		 "certified_at generation sessions reached reached_below trainers_below"},
	};
	for (size_t p = 0; p < ARRAY_LEN(parts); p++) {
		st = db_q(db, parts[p].sql, "i", u->id);
		if (!st)
			goto out_error_doc;
		json_t *rows = json_array();
		while (db_step(st) == DB_ROW) {
			json_t *row = json_object();
			char cols[128];
			str_copy(cols, sizeof(cols), parts[p].cols);
			int c = 0;
			for (char *save, *k = strtok_r(cols, " ", &save); k; k = strtok_r(NULL, " ", &save), c++)
				json_object_set_new(row, k, db_null(st, c) ? json_null() : jstr(db_text(st, c)));
			json_array_append_new(rows, row);
		}
		db_done(st);
		json_object_set_new(doc, parts[p].key, rows);
	}
	r->status = 200;
	r->content_type = "application/json; charset=utf-8";
	resp_header(r, "Content-Disposition", "attachment; filename=\"cophub-my-data.json\"");
	json_to_buf(doc, &r->out, JSON_INDENT(2) | JSON_SORT_KEYS);
	buf_putc(&r->out, '\n');
	json_decref(doc);
	return 0;

out_error:
	json_decref(events);
out_error_doc:
	json_decref(doc);
	return 500;
}

int site_account_delete(struct req *r)
{
	struct db *db = req_db(r);
	struct user u;
	char hash[256];
	const char *pw = req_form(r, "password");

	if (user_by_name(db, r->user->username, &u, hash, sizeof(hash)) != 1)
		return 500;
	if (!pw || !password_verify(hash, pw)) {
		json_t *d = page_data(r, N_("My account"));
		r->status = 400;
		json_object_set_new(d, "role_label", jstr(tr(r, role_label(u.role))));
		json_object_set_new(d, "delete_error",
				    jstr(tr(r, N_("The password is not correct; nothing was deleted."))));
		return page_render(r, "account/index", d);
	}
	if (u.role == R_ADMIN && user_count_admins(db) <= 1)
		return page_error(r, 409,
				  N_("You are the last administrator. Make someone else an "
				     "administrator first."));
	char aud[16];
	learn_user_audience(db, u.id, aud);
	if (u.role == R_LEARNER && learn_total_add(db, u.country, NULL, aud, "learners", -1) < 0)
		return 500;
	if (db_x(db, "DELETE FROM login_failures WHERE username = ?", "t", u.username) != DB_DONE ||
	    db_x(db, "DELETE FROM users WHERE id = ?", "i", u.id) != DB_DONE)
		return 500;
	audit(db, NULL, u.country[0] ? u.country : NULL, "account_deleted", "");
	cookie_clear(r, "cophub_session", "/");
	resp_redirect(r, 303, "/?deleted=1");
	return 0;
}

static int invite_page(struct req *r, int status, const char *error, const struct user *u)
{
	if (!r->csrf)
		csrf_for_visitor(r);
	json_t *d = page_data(r, N_("Choose your password"));
	r->status = status;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	json_object_set_new(d, "invitee", jstr(u->username));
	json_object_set_new(d, "token", jstr(req_param(r, 0)));
	return page_render(r, "account/invite", d);
}

/* Finds the invitation of the path; 0 and u when valid, else the page. */
static int invite_lookup(struct req *r, struct user *u)
{
	struct db *db = req_db(r);
	int64_t uid;
	if (!db)
		return page_error(r, 503, NULL);
	int rc = invitation_find(db, req_param(r, 0), &uid);
	if (rc < 0)
		return 500;
	if (rc == 0 || user_by_id(db, uid, u) != 1)
		return page_error(r, 404,
				  N_("This invitation link is not valid. It may have been used "
				     "already or be older than seven days. Ask for a new one."));
	return 0;
}

int site_invite_form(struct req *r)
{
	struct user u;
	int rc = invite_lookup(r, &u);
	return rc ? rc : invite_page(r, 200, NULL, &u);
}

int site_invite(struct req *r)
{
	struct user u;
	char fresh[256];
	const char *problem;
	struct db *db = req_db(r);
	int rc = invite_lookup(r, &u);

	if (rc)
		return rc;
	if ((problem = new_password_problem(r, u.username)))
		return invite_page(r, 400, problem, &u);
	if (password_hash(req_form(r, "new_password"), fresh, sizeof(fresh)) < 0 ||
	    user_set_password(db, u.id, fresh, false) < 0 ||
	    invitation_use(db, req_param(r, 0)) < 0)
		return 500;
	u.must_change = false;
	/* a new password ends every session of the account */
	if (sessions_delete_user(db, u.id) < 0)
		return 500;
	if (app_sign_in(r, &u) < 0)
		return 500;
	audit(db, &u, u.country[0] ? u.country : NULL, "invitation_accepted", u.username);
	resp_redirect(r, 303, "/account");
	return 0;
}
