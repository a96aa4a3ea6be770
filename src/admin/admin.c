/*
 * admin.c: accounts and countries (admin.h).
 */
#include "admin/admin.h"
#include "learn/totals.h"
#include "play/play.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/roles.h"
#include "db/db.h"
#include "core/util.h"

#include <stdio.h>
#include <string.h>

#define USERS_PER_PAGE 50

static bool is_admin(struct req *r)
{
	return r->user->role == R_ADMIN;
}

/* The country the signed-in manager is limited to, or NULL for admin. */
static const char *scope(struct req *r)
{
	return is_admin(r) ? NULL : r->user->country;
}

static bool country_code_ok(const char *cc)
{
	return cc && strlen(cc) == 2 && cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' &&
	       cc[1] <= 'Z';
}

/* 1 when the country exists (active or not), 0 when not, -1 on error. */
static int country_exists(struct db *db, const char *cc)
{
	struct db_stmt *st = db_q(db, "SELECT 1 FROM countries WHERE code = ?", "t", cc);
	if (!st)
		return -1;
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Countries as [{code, name, selected}] in the reader's language. */
static json_t *country_options(struct req *r, const char *selected, bool active_only)
{
	json_t *list = json_array();
	struct db_stmt *st = db_q(
		req_db(r),
		"SELECT c.code, COALESCE(n.name, e.name, c.code), c.default_lang, c.dir, c.active "
		"FROM countries c "
		"LEFT JOIN country_names n ON n.code = c.code AND n.lang = ? "
		"LEFT JOIN country_names e ON e.code = c.code AND e.lang = 'en' "
		"WHERE c.active = 1 OR ? = 0 ORDER BY 2",
		"ti", r->lang, (int64_t)active_only);
	if (!st)
		return list;
	while (db_step(st) == DB_ROW) {
		json_t *c = json_object();
		json_object_set_new(c, "code", jstr(db_text(st, 0)));
		json_object_set_new(c, "name", jstr(db_text(st, 1)));
		json_object_set_new(c, "lang", jstr(db_text(st, 2)));
		json_object_set_new(c, "rtl", json_boolean(str_eq(db_text(st, 3), "rtl")));
		json_object_set_new(c, "active", json_boolean(db_int(st, 4)));
		json_object_set_new(c, "selected", json_boolean(str_eq(db_text(st, 0), selected)));
		json_array_append_new(list, c);
	}
	db_done(st);
	return list;
}

/* Roles the signed-in manager may give, as [{name, label, selected}]. */
static json_t *role_options(struct req *r, unsigned selected)
{
	json_t *list = json_array();
	for (size_t i = 0; i < ARRAY_LEN(role_all); i++) {
		unsigned bit = role_all[i];
		if (!is_admin(r) && !role_coordinator_may_grant(bit))
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "name", jstr(role_name(bit)));
		json_object_set_new(o, "label", jstr(tr(r, role_label(bit))));
		json_object_set_new(o, "selected", json_boolean(bit == selected));
		json_array_append_new(list, o);
	}
	return list;
}

int admin_home(struct req *r)
{
	struct db *db = req_db(r);
	json_t *d = page_data(r, N_("Administration"));
	json_t *counts = json_array();
	const char *cc = scope(r);
	struct db_stmt *st = db_q(db,
				  "SELECT role, COUNT(*) FROM users "
				  "WHERE CAST(? AS TEXT) IS NULL OR country = ? "
				  "GROUP BY role ORDER BY role",
				  "tt", cc, cc);
	if (!st) {
		json_decref(d);
		json_decref(counts);
		return 500;
	}
	int64_t total = 0;
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		unsigned bit = role_from_name(db_text(st, 0));
		json_object_set_new(o, "label", jstr(tr(r, role_label(bit))));
		json_object_set_new(o, "count", json_integer(db_int(st, 1)));
		total += db_int(st, 1);
		json_array_append_new(counts, o);
	}
	db_done(st);
	json_object_set_new(d, "counts", counts);
	json_object_set_new(d, "total", json_integer(total));
	json_object_set_new(d, "country", jstr(cc));
	return page_render(r, "admin/index", d);
}

static void user_json(struct req *r, json_t *o, const struct user *u)
{
	json_object_set_new(o, "id", json_integer(u->id));
	json_object_set_new(o, "username", jstr(u->username));
	json_object_set_new(o, "role", jstr(role_name(u->role)));
	json_object_set_new(o, "role_label", jstr(tr(r, role_label(u->role))));
	json_object_set_new(o, "country", jstr(u->country));
	json_object_set_new(o, "disabled", json_boolean(u->disabled));
	json_object_set_new(o, "invited", json_boolean(!u->has_password));
}

static int users_page(struct req *r, int status, const char *error, const char *username,
		      unsigned role, const char *country)
{
	struct db *db = req_db(r);
	const char *cc = scope(r);
	const char *filter = cc ? cc : req_query(r, "country");
	int64_t page = 1;
	if (req_query(r, "page") && !parse_int64(req_query(r, "page"), 1, 100000, &page))
		page = 1;
	if (filter && !country_code_ok(filter))
		filter = NULL;

	json_t *d = page_data(r, N_("Accounts"));
	json_t *list = json_array();
	r->status = status;
	struct db_stmt *st = db_q(db,
				  "SELECT id, username, display_name, role, COALESCE(country, ''), "
				  "disabled, must_change_password, "
				  "CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END, created_at "
				  "FROM users WHERE CAST(? AS TEXT) IS NULL OR country = ? "
				  "ORDER BY username LIMIT ? OFFSET ?",
				  "ttii", filter, filter, (int64_t)USERS_PER_PAGE + 1,
				  (page - 1) * USERS_PER_PAGE);
	if (!st) {
		json_decref(d);
		json_decref(list);
		return 500;
	}
	int n = 0;
	while (db_step(st) == DB_ROW) {
		if (++n > USERS_PER_PAGE)
			break;
		struct user u = {0};
		u.id = db_int(st, 0);
		str_copy(u.username, sizeof(u.username), db_text(st, 1));
		u.role = role_from_name(db_text(st, 3));
		str_copy(u.country, sizeof(u.country), db_text(st, 4));
		u.disabled = db_int(st, 5);
		u.has_password = db_int(st, 7);
		json_t *o = json_object();
		user_json(r, o, &u);
		json_array_append_new(list, o);
	}
	db_done(st);
	json_object_set_new(d, "users", list);
	json_object_set_new(d, "filter", jstr(filter));
	if (page > 1)
		json_object_set_new(d, "prev_page", json_integer(page - 1));
	if (n > USERS_PER_PAGE)
		json_object_set_new(d, "next_page", json_integer(page + 1));
	json_object_set_new(d, "roles", role_options(r, role ? role : R_LEARNER));
	json_object_set_new(d, "countries",
			    country_options(r, country ? country : (cc ? cc : filter), true));
	json_object_set_new(d, "is_admin", json_boolean(is_admin(r)));
	json_object_set_new(d, "own_country", jstr(cc));
	json_object_set_new(d, "new_username", jstr(username));
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	return page_render(r, "admin/users", d);
}

int admin_users(struct req *r)
{
	return users_page(r, 200, NULL, "", 0, NULL);
}

/* Shows the one-time secret of a new or reset account. */
static int secret_page(struct req *r, const struct user *u, const char *password,
		       const char *token)
{
	json_t *d = page_data(r, password ? N_("Account created") : N_("Invitation link"));
	json_object_set_new(d, "target", json_object());
	user_json(r, json_object_get(d, "target"), u);
	if (password)
		json_object_set_new(d, "password", jstr(password));
	if (token) {
		const char *host = req_header(r, "Host");
		json_object_set_new(d, "link",
				    json_string(arena_printf(&r->arena, "%s://%s/invite/%s",
							     r->tls ? "https" : "http",
							     host ? host : "localhost", token)));
	}
	return page_render(r, "admin/secret", d);
}

int admin_user_create(struct req *r)
{
	struct db *db = req_db(r);
	const char *name = req_form(r, "username");
	const char *role_s = req_form(r, "role");
	const char *method = req_form(r, "method");
	const char *country = scope(r) ? scope(r) : req_form(r, "country");
	unsigned role = role_from_name(role_s);
	char username[USERNAME_MAX + 1];

	str_copy(username, sizeof(username), name ? name : "");
	for (char *p = username; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	if (!username_valid(username))
		return users_page(r, 400,
				  N_("A username has 3 to 64 characters: small letters, digits, and "
				     ". _ - @ + after the first."),
				  username, role, country);
	if (!role || (!is_admin(r) && !role_coordinator_may_grant(role)))
		return users_page(r, 400, N_("Choose one of the roles in the list."), username, 0,
				  country);
	if (role == R_ADMIN)
		country = NULL;
	else if (!country_code_ok(country) || country_exists(db, country) != 1)
		return users_page(r, 400, N_("Choose a country from the list."), username, role,
				  NULL);
	bool invite = str_eq(method, "invite");
	char password[24], hash[256], token[TOKEN_LEN + 1];
	int64_t id;
	if (!invite) {
		password_generate(password);
		if (password_hash(password, hash, sizeof(hash)) < 0)
			return 500;
	}
	int rc = user_insert(db, username, role, country, invite ? NULL : hash, &id);
	if (rc == DB_CONSTRAINT)
		return users_page(r, 409, N_("This username is taken. Choose another."), username,
				  role, country);
	if (rc != DB_DONE)
		return 500;
	if (invite && invitation_create(db, id, r->user->id, token) < 0)
		return 500;
	if (role == R_LEARNER && learn_total_add(db, country, NULL, NULL, "learners", 1) < 0)
		return 500;
	audit(db, r->user, country, "user_created", username);
	struct user u;
	if (user_by_id(db, id, &u) != 1)
		return 500;
	r->status = 201;
	return secret_page(r, &u, invite ? NULL : password, invite ? token : NULL);
}

/* Loads the account named by the path into t, if the manager may act on
 * it; otherwise writes the error page and returns its status. */
static int load_target(struct req *r, struct user *t)
{
	int64_t id;
	if (!parse_int64(req_param(r, 0), 1, INT64_MAX, &id))
		return page_error(r, 404, NULL);
	int rc = user_by_id(req_db(r), id, t);
	if (rc < 0)
		return 500;
	if (rc == 0)
		return page_error(r, 404, NULL);
	if (!is_admin(r) &&
	    (!str_eq(t->country, r->user->country) || !role_coordinator_may_grant(t->role)))
		return page_error(r, 403, N_("You may not manage this account."));
	return 0;
}

int admin_user(struct req *r)
{
	struct user t;
	int rc = load_target(r, &t);
	if (rc)
		return rc;
	json_t *d = page_data(r, N_("Account"));
	json_t *o = json_object();
	user_json(r, o, &t);
	json_object_set_new(d, "target", o);
	json_object_set_new(d, "is_admin", json_boolean(is_admin(r)));
	json_object_set_new(d, "is_self", json_boolean(t.id == r->user->id));
	if (is_admin(r)) {
		json_object_set_new(d, "roles", role_options(r, t.role));
		json_object_set_new(d, "countries", country_options(r, t.country, false));
	}
	return page_render(r, "admin/user", d);
}

static int back_to_user(struct req *r, const struct user *t)
{
	resp_redirect(r, 303, arena_printf(&r->arena, "/admin/users/%lld", (long long)t->id));
	return 0;
}

int admin_user_role(struct req *r)
{
	struct db *db = req_db(r);
	struct user t;
	int rc = load_target(r, &t);
	if (rc)
		return rc;
	unsigned role = role_from_name(req_form(r, "role"));
	const char *country = req_form(r, "country");
	if (!role)
		return page_error(r, 400, N_("Choose one of the roles in the list."));
	if (role == R_ADMIN)
		country = NULL;
	else if (!country_code_ok(country) || country_exists(db, country) != 1)
		return page_error(r, 400, N_("Choose a country from the list."));
	if (t.role == R_ADMIN && role != R_ADMIN && !t.disabled && user_count_admins(db) <= 1)
		return page_error(r, 409, N_("This is the last administrator; the role stays."));
	if (db_x(db, "UPDATE users SET role = ?, country = ? WHERE id = ?", "tti", role_name(role),
		 country, t.id) != DB_DONE)
		return 500;
	/* the learners the country reports count */
	char aud[16];
	learn_user_audience(db, t.id, aud);
	if ((t.role == R_LEARNER &&
	     learn_total_add(db, t.country, NULL, aud, "learners", -1) < 0) ||
	    (role == R_LEARNER && learn_total_add(db, country, NULL, aud, "learners", 1) < 0))
		return 500;
	audit(db, r->user, country, "user_role_changed", t.username);
	return back_to_user(r, &t);
}

static int set_disabled(struct req *r, bool disabled)
{
	struct db *db = req_db(r);
	struct user t;
	int rc = load_target(r, &t);
	if (rc)
		return rc;
	if (disabled && t.id == r->user->id)
		return page_error(r, 409, N_("You cannot disable your own account."));
	if (user_set_disabled(db, t.id, disabled) < 0)
		return 500;
	audit(db, r->user, t.country[0] ? t.country : NULL,
	      disabled ? "user_disabled" : "user_enabled", t.username);
	return back_to_user(r, &t);
}

int admin_user_disable(struct req *r)
{
	return set_disabled(r, true);
}

int admin_user_enable(struct req *r)
{
	return set_disabled(r, false);
}

/* A new invitation link; the old password stops working. */
int admin_user_invite(struct req *r)
{
	struct db *db = req_db(r);
	struct user t;
	char token[TOKEN_LEN + 1];
	int rc = load_target(r, &t);
	if (rc)
		return rc;
	if (t.id == r->user->id)
		return page_error(r, 409, N_("Change your own password from your account page."));
	if (user_set_password(db, t.id, NULL, true) < 0 || sessions_delete_user(db, t.id) < 0 ||
	    invitation_create(db, t.id, r->user->id, token) < 0)
		return 500;
	audit(db, r->user, t.country[0] ? t.country : NULL, "user_invited", t.username);
	t.has_password = false;
	return secret_page(r, &t, NULL, token);
}

int admin_countries(struct req *r)
{
	json_t *d = page_data(r, N_("Countries"));
	json_object_set_new(d, "countries", country_options(r, NULL, false));
	return page_render(r, "admin/countries", d);
}

static int country_page(struct req *r, int status, const char *error)
{
	struct db *db = req_db(r);
	const char *cc = req_param(r, 0);
	const struct catalog *const *cats;
	size_t ncat = i18n_catalogs(&cats);

	if (!country_code_ok(cc))
		return page_error(r, 404, NULL);
	struct db_stmt *st =
		db_q(db, "SELECT default_lang, dir, active, signup_open FROM countries WHERE code = ?", "t", cc);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, NULL);
	}
	json_t *d = page_data(r, N_("Country"));
	r->status = status;
	const char *lang = db_text(st, 0);
	json_object_set_new(d, "code", jstr(cc));
	json_object_set_new(d, "rtl", json_boolean(str_eq(db_text(st, 1), "rtl")));
	json_object_set_new(d, "active", json_boolean(db_int(st, 2)));
	json_object_set_new(d, "signup_open", json_boolean(db_int(st, 3)));
	json_t *langs = json_array();
	for (size_t i = 0; i < ncat; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "code", jstr(catalog_code(cats[i])));
		json_object_set_new(o, "name", jstr(catalog_name(cats[i])));
		json_object_set_new(o, "selected", json_boolean(str_eq(lang, catalog_code(cats[i]))));
		json_array_append_new(langs, o);
	}
	db_done(st);
	json_object_set_new(d, "languages", langs);
	json_t *names = json_array();
	for (size_t i = 0; i < ncat; i++) {
		const char *code = catalog_code(cats[i]);
		json_t *o = json_object();
		json_object_set_new(o, "lang", jstr(code));
		json_object_set_new(o, "lang_name", jstr(catalog_name(cats[i])));
		json_object_set_new(o, "field", json_string(arena_printf(&r->arena, "name_%s", code)));
		st = db_q(db, "SELECT name FROM country_names WHERE code = ? AND lang = ?", "tt", cc,
			  code);
		if (st && db_step(st) == DB_ROW)
			json_object_set_new(o, "name", jstr(db_text(st, 0)));
		db_done(st);
		json_array_append_new(names, o);
	}
	json_object_set_new(d, "names", names);
	json_object_set_new(d, "is_admin", json_boolean(is_admin(r)));
	json_object_set_new(d, "saved", json_boolean(req_query(r, "saved") != NULL));
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	return page_render(r, "admin/country", d);
}

int admin_country(struct req *r)
{
	return country_page(r, 200, NULL);
}

int admin_country_save(struct req *r)
{
	struct db *db = req_db(r);
	const char *cc = req_param(r, 0);
	const char *lang = req_form(r, "default_lang");
	const char *dir = req_form(r, "dir");
	const struct catalog *const *cats;
	size_t ncat = i18n_catalogs(&cats);

	if (!country_code_ok(cc))
		return page_error(r, 404, NULL);
	int ex = country_exists(db, cc);
	if (ex < 0)
		return 500;
	if (!ex)
		return page_error(r, 404, NULL);
	if (!lang || !i18n_catalog(lang))
		return country_page(r, 400, N_("Choose a language from the list."));
	if (!str_eq(dir, "ltr") && !str_eq(dir, "rtl"))
		return country_page(r, 400, N_("Choose a text direction."));
	for (size_t i = 0; i < ncat; i++) {
		const char *v = req_form(r, arena_printf(&r->arena, "name_%s", catalog_code(cats[i])));
		if (v && (utf8_chars(v) > 200 || strchr(v, '\n')))
			return country_page(r, 400, N_("A country name has at most 200 characters on one line."));
	}
	if (db_x(db, "UPDATE countries SET default_lang = ?, dir = ?, signup_open = ? WHERE code = ?",
		 "ttit", lang, dir, (int64_t)(req_form(r, "signup_open") ? 1 : 0), cc) != DB_DONE)
		return 500;
	if (is_admin(r)) {
		int64_t active = req_form(r, "active") ? 1 : 0;
		if (db_x(db, "UPDATE countries SET active = ? WHERE code = ?", "it", active, cc) !=
		    DB_DONE)
			return 500;
	}
	for (size_t i = 0; i < ncat; i++) {
		const char *code = catalog_code(cats[i]);
		const char *v = req_form(r, arena_printf(&r->arena, "name_%s", code));
		if (!v)
			continue;
		int rc = *v ? db_x(db,
				   "INSERT INTO country_names (code, lang, name) VALUES (?, ?, ?) "
				   "ON CONFLICT (code, lang) DO UPDATE SET name = excluded.name",
				   "ttt", cc, code, v)
			    : db_x(db, "DELETE FROM country_names WHERE code = ? AND lang = ?", "tt",
				   cc, code);
		if (rc != DB_DONE)
			return 500;
	}
	audit(db, r->user, cc, "country_changed", cc);
	resp_redirect(r, 303, arena_printf(&r->arena, "/admin/countries/%s?saved=1", cc));
	return 0;
}

/* ---- the country's child helpline (shown to children at /play/help) ---- */

static const struct {
	const char *field;
	size_t max;
} helpline_fields[] = {
	{"name", 300}, {"contact", 300}, {"report", 300}, {"emergency", 100}, {"note", 600},
};

static int helpline_page(struct req *r, int status, const char *error)
{
	const char *cc = req_param(r, 0);
	if (!country_code_ok(cc))
		return page_error(r, 404, NULL);
	int ex = country_exists(req_db(r), cc);
	if (ex < 0)
		return 500;
	if (!ex)
		return page_error(r, 404, NULL);
	json_t *d = page_data(r, N_("Child helpline"));
	r->status = status;
	json_object_set_new(d, "code", jstr(cc));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT name, contact, report, emergency, note FROM helplines "
				  "WHERE country = ?",
				  "t", cc);
	if (!st) {
		json_decref(d);
		return 500;
	}
	bool have = db_step(st) == DB_ROW;
	for (size_t i = 0; i < ARRAY_LEN(helpline_fields); i++) {
		const char *typed = req_form(r, helpline_fields[i].field);
		json_object_set_new(d, helpline_fields[i].field,
				    jstr(typed ? typed : have ? db_text(st, (int)i) : ""));
	}
	db_done(st);
	json_object_set_new(d, "saved", json_boolean(req_query(r, "saved") != NULL));
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	return page_render(r, "admin/helpline", d);
}

int admin_helpline(struct req *r)
{
	return helpline_page(r, 200, NULL);
}

int admin_helpline_save(struct req *r)
{
	struct db *db = req_db(r);
	const char *cc = req_param(r, 0);
	const char *v[ARRAY_LEN(helpline_fields)];

	if (!country_code_ok(cc) || country_exists(db, cc) != 1)
		return page_error(r, 404, NULL);
	for (size_t i = 0; i < ARRAY_LEN(helpline_fields); i++) {
		v[i] = req_form(r, helpline_fields[i].field);
		if (!v[i])
			v[i] = "";
		if (utf8_chars(v[i]) > helpline_fields[i].max || strchr(v[i], '\n') || strchr(v[i], '\r'))
			return helpline_page(r, 400,
					     N_("Each field is one line; the note has at most 600 characters, "
						"the emergency number 100 and the others 300."));
	}
	if (db_x(db,
		 "INSERT INTO helplines (country, name, contact, report, emergency, note, updated_at) "
		 "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (country) DO UPDATE SET "
		 "name = excluded.name, contact = excluded.contact, report = excluded.report, "
		 "emergency = excluded.emergency, note = excluded.note, updated_at = excluded.updated_at",
		 "tttttti", cc, v[0], v[1], v[2], v[3], v[4], now_seconds()) != DB_DONE)
		return 500;
	audit(db, r->user, cc, "helpline_changed", cc);
	play_helpline_changed();
	resp_redirect(r, 303, arena_printf(&r->arena, "/admin/countries/%s/helpline?saved=1", cc));
	return 0;
}
