/*
 * signup.c: adults sign themselves up as learners of a country, at
 * /signup, unless the country's coordinator switched it off: a username,
 * a password, the audience they belong to and, only if they want password
 * resets by email or Open Badges, an email address.  Nothing else is
 * asked.
 *
 * Children do not sign up: the page says accounts are for adults, and the
 * play area never links to it.
 */
#include "site/site.h"
#include "content/learn.h"
#include "core/util.h"
#include "db/db.h"
#include "learn/learn.h"
#include "learn/totals.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/roles.h"

#include <string.h>


/* A plausible email address: one @, something on both sides, a dot in
 * the domain, no spaces or controls.  Whether it is real is learnt only
 * by writing to it. */
bool email_plausible(const char *e)
{
	size_t n = strlen(e);
	const char *at = strchr(e, '@');
	if (n < 5 || n > EMAIL_MAX || !at || at == e || strchr(at + 1, '@'))
		return false;
	const char *dot = strrchr(at, '.');
	if (!dot || dot == at + 1 || !dot[1])
		return false;
	for (const char *p = e; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '<' || *p == '>' || *p == '"')
			return false;
	return true;
}

/* The countries open to sign-up, named in the reader's language. */
static json_t *open_countries(struct req *r, const char *chosen)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT c.code, COALESCE(n.name, e.name, c.code) FROM countries c "
				  "LEFT JOIN country_names n ON n.code = c.code AND n.lang = ? "
				  "LEFT JOIN country_names e ON e.code = c.code AND e.lang = 'en' "
				  "WHERE c.active = 1 AND c.signup_open = 1 ORDER BY 2",
				  "t", r->lang);
	json_t *list = json_array();
	if (!st)
		return list;
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "code", jstr(db_text(st, 0)));
		json_object_set_new(o, "name", jstr(db_text(st, 1)));
		json_object_set_new(o, "selected", json_boolean(str_eq(chosen, db_text(st, 0))));
		json_array_append_new(list, o);
	}
	db_done(st);
	return list;
}

static int signup_page(struct req *r, int status, const char *error)
{
	if (!r->csrf)
		csrf_for_visitor(r);
	json_t *d = page_data(r, N_("Sign up as a learner"));
	r->status = status;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	const char *country = req_form(r, "country");
	if (!country)
		country = req_query(r, "country");
	json_object_set_new(d, "countries", open_countries(r, country));
	json_object_set_new(d, "audiences", learn_audience_options(r, req_form(r, "audience")));
	json_object_set_new(d, "username", jstr(req_form(r, "username")));
	json_object_set_new(d, "email", jstr(req_form(r, "email")));
	return page_render(r, "account/signup", d);
}

/* GET /signup */
int site_signup_form(struct req *r)
{
	if (r->user) {
		resp_redirect(r, 303, "/learn");
		return 0;
	}
	return signup_page(r, 200, NULL);
}

/* Whether adults may sign up for the country: 1, 0, -1 on error. */
static int signup_open(struct db *db, const char *cc)
{
	struct db_stmt *st = db_q(db,
				  "SELECT 1 FROM countries WHERE code = ? AND active = 1 AND "
				  "signup_open = 1",
				  "t", cc);
	if (!st)
		return -1;
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* POST /signup */
int site_signup(struct req *r)
{
	struct db *db = req_db(r);
	if (r->user) {
		resp_redirect(r, 303, "/learn");
		return 0;
	}
	const char *cc = req_form(r, "country");
	const char *username = req_form(r, "username");
	const char *pw = req_form(r, "new_password");
	const char *again = req_form(r, "new_password_again");
	const char *aud = req_form(r, "audience");
	const char *email = req_form(r, "email");

	if (!cc || !*cc)
		return signup_page(r, 400, N_("Choose your country."));
	int open = signup_open(db, cc);
	if (open < 0)
		return 500;
	if (!open)
		return signup_page(r, 403,
				   N_("Signing up is not open for this country. Ask your national "
				      "coordinator or a trainer for an account."));
	if (!username || !username_valid(username))
		return signup_page(r, 400,
				   N_("A username has 3 to 64 characters: small letters a to z, "
				      "digits, and . _ - @ + after the first."));
	if (!aud || audience_from_id(aud) < 0)
		return signup_page(r, 400, N_("Choose the group you belong to."));
	if (email && *email && !email_plausible(email))
		return signup_page(r, 400,
				   N_("This email address does not look right. You may leave it empty."));
	if (!pw || !again || !*pw)
		return signup_page(r, 400, N_("Enter the new password twice."));
	if (strcmp(pw, again) != 0)
		return signup_page(r, 400, N_("The two new passwords are not the same."));
	const char *problem = password_problem(pw, username);
	if (problem)
		return signup_page(r, 400, problem);

	char hash[256];
	int64_t id;
	if (password_hash(pw, hash, sizeof(hash)) < 0)
		return 500;
	int rc = user_insert(db, username, R_LEARNER, cc, hash, &id);
	if (rc == DB_CONSTRAINT)
		return signup_page(r, 409, N_("This username is taken. Choose another."));
	if (rc != DB_DONE)
		return 500;
	if (db_x(db,
		 "UPDATE users SET audience = ?, email = ?, must_change_password = 0 WHERE id = ?",
		 "tti", aud, email && *email ? email : NULL, id) != DB_DONE ||
	    learn_total_add(db, cc, NULL, aud, "learners", 1) < 0)
		return 500;
	struct user u;
	if (user_by_id(db, id, &u) != 1)
		return 500;
	if (r->session_token && session_delete(db, r->session_token) < 0)
		return 500;
	if (app_sign_in(r, &u) < 0)
		return 500;
	audit(db, &u, cc, "signed_up", u.username);
	resp_redirect(r, 303, "/learn?welcome=1");
	return 0;
}

/* The profile part of /account: the audience and the email address. */
void site_profile_fields(struct req *r, json_t *d)
{
	struct db_stmt *st = db_q(req_db(r), "SELECT audience, email FROM users WHERE id = ?", "i",
				  r->user->id);
	const char *aud = NULL;
	if (st && db_step(st) == DB_ROW) {
		aud = db_null(st, 0) ? NULL : arena_strdup(&r->arena, db_text(st, 0));
		json_object_set_new(d, "email", jstr(db_null(st, 1) ? "" : db_text(st, 1)));
	}
	if (st)
		db_done(st);
	json_object_set_new(d, "audiences", learn_audience_options(r, aud));
	json_object_set_new(d, "profile_saved", json_boolean(req_query(r, "saved") != NULL));
}

/* POST /account/profile: the audience (may be left unset) and the email
 * address (empty removes it). */
int site_profile(struct req *r)
{
	struct db *db = req_db(r);
	const char *aud = req_form(r, "audience");
	const char *email = req_form(r, "email");
	if (aud && *aud && audience_from_id(aud) < 0)
		return page_error(r, 400, N_("Choose the group you belong to."));
	if (email && *email && !email_plausible(email))
		return page_error(r, 400,
				  N_("This email address does not look right. You may leave it empty."));
	char old[16];
	learn_user_audience(db, r->user->id, old);
	const char *fresh = aud && *aud ? aud : "";
	if (db_x(db, "UPDATE users SET audience = ?, email = ? WHERE id = ?", "tti",
		 *fresh ? fresh : NULL, email && *email ? email : NULL, r->user->id) != DB_DONE)
		return 500;
	if (r->user->role == R_LEARNER && !str_eq(old, fresh) &&
	    (learn_total_add(db, r->user->country, NULL, old, "learners", -1) < 0 ||
	     learn_total_add(db, r->user->country, NULL, fresh, "learners", 1) < 0))
		return 500;
	resp_redirect(r, 303, "/account?saved=1");
	return 0;
}
