/*
 * classes.c: classes in the game.
 *
 * An educator (any adult account) creates a class and gets its code.  A
 * child joins with the code and picks one of a few generated nicknames;
 * nothing else is asked.  The child's browser then holds a random token
 * (the only identifier the game ever sets, and only after joining), and
 * answers are kept under the member's pseudonymous id.  The educator sees
 * the class's answers per topic as totals, with counts under five hidden,
 * and can delete the class with everything in it.
 */
#include "play/play.h"
#include "core/buf.h"
#include "content/play.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/roles.h"
#include "db/db.h"
#include "core/util.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define CLASS_COOKIE "cophub_class"
#define SMALL_COUNT 5 /* counts under this are not shown */

/* Nicknames are a colour, an animal and a number; stored as keys
 * ("blue-otter-27") and shown in the reader's language. */
static const char *const colours[][2] = {
	{"blue", N_("Blue")}, {"green", N_("Green")}, {"gold", N_("Golden")},
	{"red", N_("Red")},   {"silver", N_("Silver")}, {"purple", N_("Purple")},
	{"orange", N_("Orange")}, {"teal", N_("Teal")},
};
static const char *const animals[][2] = {
	{"otter", N_("Otter")},   {"panda", N_("Panda")},   {"falcon", N_("Falcon")},
	{"turtle", N_("Turtle")}, {"dolphin", N_("Dolphin")}, {"fox", N_("Fox")},
	{"owl", N_("Owl")},       {"zebra", N_("Zebra")},   {"koala", N_("Koala")},
	{"lion", N_("Lion")},     {"whale", N_("Whale")},   {"hedgehog", N_("Hedgehog")},
};

/* The nickname key "colour-animal-NN" shown in the reader's language;
 * NULL when the key is not one we make. */
static const char *nickname_label(struct req *r, const char *key)
{
	char c[16], a[16];
	int n;
	if (!key || sscanf(key, "%15[a-z]-%15[a-z]-%d", c, a, &n) != 3 || n < 10 || n > 99)
		return NULL;
	const char *cl = NULL, *al = NULL;
	for (size_t i = 0; i < ARRAY_LEN(colours); i++)
		if (str_eq(colours[i][0], c))
			cl = colours[i][1];
	for (size_t i = 0; i < ARRAY_LEN(animals); i++)
		if (str_eq(animals[i][0], a))
			al = animals[i][1];
	if (!cl || !al)
		return NULL;
	/* TRANSLATORS: a child's nickname, e.g. "Blue Otter 27"; put the three
	 * parts in your language's order (for example "{animal} {colour} {number}") */
	const char *pattern = tr(r, "{colour} {animal} {number}");
	char num[8];
	snprintf(num, sizeof num, "%d", n);
	const char *names[] = {"{colour}", "{animal}", "{number}"};
	const char *vals[] = {tr(r, cl), tr(r, al), num};
	struct buf b;
	buf_init(&b, 256);
	for (const char *p = pattern; *p;) {
		size_t i = 0;
		while (i < ARRAY_LEN(names) && !str_starts(p, names[i]))
			i++;
		if (i < ARRAY_LEN(names)) {
			buf_puts(&b, vals[i]);
			p += strlen(names[i]);
		} else {
			buf_putc(&b, *p++);
		}
	}
	const char *out = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

static void nickname_new(char out[40])
{
	snprintf(out, 40, "%s-%s-%u", colours[randombytes_uniform(ARRAY_LEN(colours))][0],
		 animals[randombytes_uniform(ARRAY_LEN(animals))][0],
		 10 + randombytes_uniform(90));
}

/* A class code: 8 symbols without look-alikes, shown as XXXX-XXXX. */
static void class_code_new(char out[10])
{
	static const char alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
	for (int i = 0, k = 0; i < 8; i++) {
		if (i == 4)
			out[k++] = '-';
		out[k++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
		out[k] = '\0';
	}
}

/* Normalises a typed code ("k7m2 p9qx" -> "K7M2-P9QX"); false if not one. */
static bool class_code_clean(const char *in, char out[10])
{
	char sym[8];
	int n = 0;
	for (const char *p = in ? in : ""; *p; p++) {
		char c = *p;
		if (c == '-' || c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) || n == 8)
			return false;
		sym[n++] = c;
	}
	if (n != 8)
		return false;
	memcpy(out, sym, 4);
	out[4] = '-';
	memcpy(out + 5, sym + 4, 4);
	out[9] = '\0';
	return true;
}

/* ---- the child's side ---------------------------------------------------- */

/* The member the browser's class token names: 1 found, 0 none, -1 error. */
int play_member(struct req *r, int64_t *class_id, int64_t *member_id, const char **nickname)
{
	const char *tok = req_cookie(r, cookie_name(r, CLASS_COOKIE));
	char h[TOKEN_HASH_LEN + 1];
	if (!tok || strlen(tok) != TOKEN_LEN)
		return 0;
	struct db *db = req_db(r);
	if (!db)
		return -1;
	token_hash(tok, h);
	struct db_stmt *st = db_q(db, "SELECT id, class_id, nickname FROM class_members "
				      "WHERE token_hash = ?",
				  "t", h);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*member_id = db_int(st, 0);
		*class_id = db_int(st, 1);
		if (nickname)
			*nickname = arena_strdup(&r->arena, db_text(st, 2));
	}
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static int join_page(struct req *r, int status, const char *error, const char *code,
		     json_t *nicknames)
{
	json_t *d = page_data(r, N_("Join your class"));
	r->status = status;
	r->no_store = true;
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	json_object_set_new(d, "code", jstr(code));
	if (nicknames)
		json_object_set_new(d, "nicknames", nicknames);
	int64_t cid, mid;
	const char *nick;
	if (play_member(r, &cid, &mid, &nick) == 1)
		json_object_set_new(d, "member", jstr(nickname_label(r, nick)));
	return page_render(r, "play/join", d);
}

int play_join_form(struct req *r)
{
	return join_page(r, 200, NULL, "", NULL);
}

/* The class a code names: its id, or 0 when there is none. */
static int64_t class_by_code(struct req *r, const char *code)
{
	struct db_stmt *st = db_q(req_db(r), "SELECT id FROM classes WHERE code = ?", "t", code);
	if (!st)
		return -1;
	int64_t id = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
	db_done(st);
	return id;
}

int play_join(struct req *r)
{
	char code[10];
	if (!play_same_origin(r))
		return page_error(r, 403, N_("Please join from the class page."));
	if (!req_db(r))
		return page_error(r, 503, NULL);
	if (!class_code_clean(req_form(r, "code"), code))
		return join_page(r, 400, N_("A class code has 8 letters and numbers. Check it with your teacher."),
				 req_form(r, "code"), NULL);
	int64_t cid = class_by_code(r, code);
	if (cid < 0)
		return 500;
	if (cid == 0)
		return join_page(r, 404, N_("There is no class with this code. Check it with your teacher."),
				 code, NULL);
	const char *nick = req_form(r, "nickname");
	if (!nick) {
		/* step two: choose a nickname among a few made up here */
		json_t *list = json_array();
		for (int i = 0; i < 4; i++) {
			char key[40];
			nickname_new(key);
			json_t *o = json_object();
			json_object_set_new(o, "key", jstr(key));
			json_object_set_new(o, "label", jstr(nickname_label(r, key)));
			json_object_set_new(o, "n", json_integer(i + 1));
			json_array_append_new(list, o);
		}
		return join_page(r, 200, NULL, code, list);
	}
	if (!nickname_label(r, nick))
		return join_page(r, 400, N_("Choose one of the nicknames."), code, NULL);
	char tok[TOKEN_LEN + 1], h[TOKEN_HASH_LEN + 1], day[11];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	token_new(tok);
	token_hash(tok, h);
	struct db *db = req_db(r);
	if (db_savepoint(db) < 0)
		return 500;
	int rc = db_x(db,
		      "INSERT INTO class_members (class_id, token_hash, nickname, joined_day) "
		      "VALUES (?, ?, ?, ?)",
		      "ittt", cid, h, nick, day);
	db_savepoint_end(db, rc);
	if (rc == DB_CONSTRAINT)
		return join_page(r, 409, N_("Someone in your class has this nickname. Choose another one."),
				 code, NULL);
	if (rc != DB_DONE)
		return 500;
	cookie_set(r, CLASS_COOKIE, tok, 365 * 86400, true, "Lax", "/");
	resp_redirect(r, 303, "/play/join?joined=1");
	return 0;
}

/* Leaving: the member and all their answers are deleted. */
int play_leave(struct req *r)
{
	int64_t cid, mid;
	if (!play_same_origin(r))
		return page_error(r, 403, NULL);
	int rc = play_member(r, &cid, &mid, NULL);
	if (rc < 0)
		return 500;
	if (rc == 1 &&
	    db_x(req_db(r), "DELETE FROM class_members WHERE id = ?", "i", mid) != DB_DONE)
		return 500;
	cookie_clear(r, CLASS_COOKIE, "/");
	resp_redirect(r, 303, "/play");
	return 0;
}

/* ---- the educator's side --------------------------------------------------- */

static int classes_page(struct req *r, int status, const char *error, const char *name)
{
	json_t *d = page_data(r, N_("My classes"));
	r->status = status;
	json_t *list = json_array();
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT c.id, c.name, c.code, c.country, "
				  "(SELECT COUNT(*) FROM class_members m WHERE m.class_id = c.id) "
				  "FROM classes c WHERE c.owner_id = ? ORDER BY c.created_at DESC",
				  "i", r->user->id);
	if (!st) {
		json_decref(d);
		json_decref(list);
		return 500;
	}
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "name", jstr(db_text(st, 1)));
		json_object_set_new(o, "code", jstr(db_text(st, 2)));
		json_object_set_new(o, "country", jstr(db_text(st, 3)));
		int64_t n = db_int(st, 4);
		json_object_set_new(o, "members", n < SMALL_COUNT ? json_null() : json_integer(n));
		json_object_set_new(o, "few", json_boolean(n < SMALL_COUNT));
		json_array_append_new(list, o);
	}
	db_done(st);
	json_object_set_new(d, "classes", list);
	json_object_set_new(d, "new_name", jstr(name));
	json_object_set_new(d, "needs_country", json_boolean(r->user->role == R_ADMIN));
	if (error)
		json_object_set_new(d, "error", jstr(tr(r, error)));
	return page_render(r, "play/classes", d);
}

int classes_list(struct req *r)
{
	return classes_page(r, 200, NULL, "");
}

int classes_create(struct req *r)
{
	const char *name = req_form(r, "name");
	const char *cc = r->user->role == R_ADMIN ? req_form(r, "country") : r->user->country;
	char code[10];

	if (!name || !*name || strlen(name) > 80 || strchr(name, '\n'))
		return classes_page(r, 400, N_("Give the class a name of up to 80 characters on one line."),
				    name ? name : "");
	if (!cc || strlen(cc) != 2)
		return classes_page(r, 400, N_("Choose a country from the list."), name);
	for (int attempt = 0; attempt < 5; attempt++) {
		class_code_new(code);
		if (db_savepoint(req_db(r)) < 0)
			return 500;
		int rc = db_x(req_db(r),
			      "INSERT INTO classes (code, name, country, owner_id, created_at) "
			      "VALUES (?, ?, ?, ?, ?)",
			      "tttii", code, name, cc, r->user->id, now_seconds());
		db_savepoint_end(req_db(r), rc);
		if (rc == DB_DONE) {
			audit(req_db(r), r->user, cc, "class_created", code);
			resp_redirect(r, 303, "/classes");
			return 0;
		}
		if (rc != DB_CONSTRAINT)
			return 500;
		if (class_by_code(r, code) == 0) /* not the code: the country */
			return classes_page(r, 400, N_("Choose a country from the list."), name);
	}
	return 500;
}

/* Loads the signed-in educator's class of the path into *id. */
static int own_class(struct req *r, int64_t *id, json_t *d)
{
	if (!parse_int64(req_param(r, 0), 1, INT64_MAX, id))
		return page_error(r, 404, NULL);
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT name, code, owner_id FROM classes WHERE id = ?", "i", *id);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, NULL);
	}
	bool mine = db_int(st, 2) == r->user->id || r->user->role == R_ADMIN;
	if (mine && d) {
		json_object_set_new(d, "name", jstr(db_text(st, 0)));
		json_object_set_new(d, "code", jstr(db_text(st, 1)));
	}
	db_done(st);
	if (!mine)
		return page_error(r, 403, N_("Only the class's educator sees it."));
	return 0;
}

static json_t *count_json(int64_t n)
{
	return n > 0 && n < SMALL_COUNT ? json_null() : json_integer(n);
}

int classes_report(struct req *r)
{
	int64_t id;
	json_t *d = page_data(r, N_("Class report"));
	int rc = own_class(r, &id, d);
	if (rc) {
		json_decref(d);
		return rc;
	}
	const struct play_content *c = play_get_content();
	/* the answers given until now, also those still queued */
	play_events_flush(2000);
	json_t *topics = json_array();
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT scenario, COUNT(*), SUM(CASE WHEN safe = 2 THEN 1 ELSE 0 END), "
				  "COUNT(DISTINCT member_id) FROM play_events WHERE class_id = ? "
				  "GROUP BY scenario",
				  "i", id);
	if (!st) {
		json_decref(d);
		json_decref(topics);
		return 500;
	}
	/* totals per topic, from the totals per scenario */
	int64_t answers[64] = {0}, safe[64] = {0}, kids[64] = {0};
	while (db_step(st) == DB_ROW) {
		const struct scenario *s = c ? play_scenario(c, db_text(st, 0)) : NULL;
		if (!s || s->topic >= 64)
			continue;
		answers[s->topic] += db_int(st, 1);
		safe[s->topic] += db_int(st, 2);
		if (db_int(st, 3) > kids[s->topic])
			kids[s->topic] = db_int(st, 3);
	}
	db_done(st);
	for (int t = 0; c && t < c->ntopics && t < 64; t++) {
		json_t *o = json_object();
		json_object_set_new(o, "name", jstr(content_text(&c->topics[t].name, r->lang)));
		json_object_set_new(o, "answers", count_json(answers[t]));
		json_object_set_new(o, "answers_hidden", json_boolean(answers[t] > 0 && answers[t] < SMALL_COUNT));
		json_object_set_new(o, "children", count_json(kids[t]));
		json_object_set_new(o, "children_hidden", json_boolean(kids[t] > 0 && kids[t] < SMALL_COUNT));
		if (answers[t] >= SMALL_COUNT)
			json_object_set_new(o, "safe_percent",
					    json_integer(safe[t] * 100 / answers[t]));
		json_array_append_new(topics, o);
	}
	json_object_set_new(d, "topics", topics);
	json_object_set_new(d, "class_id", json_integer(id));
	return page_render(r, "play/class", d);
}

int classes_delete(struct req *r)
{
	int64_t id;
	int rc = own_class(r, &id, NULL);
	if (rc)
		return rc;
	if (db_x(req_db(r), "DELETE FROM classes WHERE id = ?", "i", id) != DB_DONE)
		return 500;
	audit(req_db(r), r->user, NULL, "class_deleted", req_param(r, 0));
	resp_redirect(r, 303, "/classes");
	return 0;
}
