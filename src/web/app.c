/*
 * app.c: the request pipeline (app.h).
 */
#include "web/app.h"
#include "content/library.h"
#include "library/library.h"
#include "translate/translate.h"
#include "core/mem.h"
#include "site/site.h"
#include "content/learn.h"
#include "content/policy.h"
#include "dashboard/dashboard.h"
#include "policy/policy.h"
#include "learn/learn.h"
#include "render/render.h"
#include "content/play.h"
#include "play/play.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/roles.h"
#include "web/static.h"
#include "web/tpl.h"

#include <stdatomic.h>

/* Requests whose writes were committed (not the children's answers, which
 * are written outside a request's transaction): what pages kept for a
 * while compare to know whether they may still be shown. */
static atomic_uint_fast64_t writes_committed;

uint64_t app_writes(void)
{
	return (uint64_t)atomic_load(&writes_committed);
}
#include "db/db.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#define SESSION_COOKIE "cophub_session"
#define PRE_COOKIE "cophub_pre"
#define LANG_COOKIE "lang"

static struct {
	char default_lang[16];
	struct tpl_set *templates;
	struct play_content *play;
	struct learn_content *learn;
	struct library *library;
	struct pol_framework *framework;
} app;

static void report_content(void *ctx, const char *path, int line, const char *msg)
{
	int *shown = ctx;
	if ((*shown)++ < 20)
		log_error("%s:%d: %s", path, line, msg);
}

int app_init(const struct config *cfg, char *err, size_t errlen)
{
	char path[1024];
	int warnings = 0;

	json_mem_init();
	str_copy(app.default_lang, sizeof(app.default_lang), cfg->default_lang);
	snprintf(path, sizeof(path), "%s/po", cfg->data_dir);
	if (i18n_load(path, &warnings, err, errlen) < 0)
		return -1;
	if (!i18n_catalog(app.default_lang)) {
		snprintf(err, errlen, "default_lang: no translation for \"%s\" in %s",
			 app.default_lang, path);
		return -1;
	}
	app.templates = tpl_set_new();
	snprintf(path, sizeof(path), "%s/templates", cfg->data_dir);
	if (tpl_load_dir(app.templates, path, err, errlen) < 0)
		return -1;
	static const char *const required[] = {"layout", "error", "home", "login"};
	for (size_t i = 0; i < ARRAY_LEN(required); i++) {
		if (!tpl_has(app.templates, required[i])) {
			snprintf(err, errlen, "%s/%s.html: missing", path, required[i]);
			return -1;
		}
	}
	page_set_templates(app.templates);
	snprintf(path, sizeof(path), "%s/static", cfg->data_dir);
	if (static_load(path, err, errlen) < 0)
		return -1;
	/* the passphrase game's meter knows the common passwords too */
	snprintf(path, sizeof(path), "%s/data/common-passwords.txt", cfg->data_dir);
	if (static_add(path, "play/common-passwords.txt", err, errlen) < 0)
		return -1;
	if (auth_init_config(cfg, err, errlen) < 0)
		return -1;
	site_reset_configure(cfg->public_url, cfg->mail_command, cfg->mail_from);
	char content_dir[1024], static_dir[1024];
	snprintf(content_dir, sizeof(content_dir), "%s/content", cfg->data_dir);
	snprintf(static_dir, sizeof(static_dir), "%s/static", cfg->data_dir);
	unsigned langs = PLAY_ALL_LANGS;
	if (cfg->play_draft[0]) {
		int li = content_lang_index(cfg->play_draft);
		if (li < 0) {
			snprintf(err, errlen, "play.draft: %s is not a content language", cfg->play_draft);
			return -1;
		}
		langs = 1u << li;
		log_warn("content: draft mode, only %s is required", cfg->play_draft);
	}
	/* the game's and the courses' texts approved in the translation
	 * workflow, put over the files' as they load */
	struct db *cdb;
	if (db_open(cfg->db_url, &cdb, err, errlen) < 0)
		return -1;
	int over = tr_content_publish(cdb, err, errlen);
	db_close(cdb);
	if (over < 0)
		return -1;
	int shown = 0;
	int problems = play_load(content_dir, static_dir, langs, &app.play, report_content, &shown);
	if (problems) {
		snprintf(err, errlen, "%s: %d problems in the content (the first are above; "
			 "`cophub content check` lists them all)", content_dir, problems);
		return -1;
	}
	play_set_content(app.play, cfg->play_country);
	play_audio_init(cfg->data_dir);
	problems = learn_load(content_dir, report_content, &shown, &app.learn);
	tr_content_publish_end();
	if (over)
		log_info("translations: %d texts of the game and the courses approved in the "
			 "database", over);
	if (problems) {
		snprintf(err, errlen, "%s/learn: %d problems in the courses (the first are above; "
			 "`cophub content check` lists them all)", content_dir, problems);
		return -1;
	}
	learn_set_content(app.learn);
	/* the guidelines library, whose links name the game's topics and the
	 * courses */
	{
		const char **topics = xcalloc((size_t)app.play->ntopics + 1, sizeof(char *));
		const char **courses = xcalloc((size_t)app.learn->ncourses + 1, sizeof(char *));
		for (int i = 0; i < app.play->ntopics; i++)
			topics[i] = app.play->topics[i].id;
		for (int i = 0; i < app.learn->ncourses; i++)
			courses[i] = app.learn->courses[i].id;
		struct lib_targets tg = {topics, app.play->ntopics, courses, app.learn->ncourses};
		problems = library_load(content_dir, &tg, report_content, &shown, &app.library);
		free(topics);
		free(courses);
		if (problems) {
			snprintf(err, errlen, "%s/library: %d problems in the guidelines (the first are "
				 "above; `cophub content check` lists them all)", content_dir, problems);
			return -1;
		}
		library_set_content(app.library);
		/* the policy module's maturity framework, whose links name the
		 * guidelines */
		problems = policy_load(content_dir, app.library, report_content, &shown,
				       &app.framework);
		if (problems) {
			snprintf(err, errlen, "%s/policy: %d problems in the framework (the first are "
				 "above; `cophub content check` lists them all)", content_dir, problems);
			return -1;
		}
		policy_set_content(app.framework, app.library);
		/* its translation units and the translations shipped with it */
		int stale;
		snprintf(path, sizeof(path), "%s/po", cfg->data_dir);
		problems = tr_load(app.library, content_dir, path, report_content, &shown, &stale);
		if (problems) {
			snprintf(err, errlen, "%s/library/translations: %d problems (the first are "
				 "above; `cophub content check` lists them all)", content_dir, problems);
			return -1;
		}
		if (stale)
			log_info("library: %d shipped translations were made from an older English "
				 "text and are not used", stale);
	}
	/* the courses' images, served as static files at
	 * /static/learn/COURSE/NAME (checked by learn_load) */
	for (int i = 0; i < app.learn->ncourses; i++) {
		const char *id = app.learn->courses[i].id;
		char dir[1200];
		snprintf(dir, sizeof(dir), "%s/learn/%s/images", content_dir, id);
		DIR *d = opendir(dir);
		if (!d)
			continue;
		struct dirent *e;
		int rc = 0;
		while (rc == 0 && (e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			char file[1500], rel[300];
			snprintf(file, sizeof(file), "%s/%s", dir, e->d_name);
			snprintf(rel, sizeof(rel), "learn/%s/%s", id, e->d_name);
			rc = static_add(file, rel, err, errlen);
		}
		closedir(d);
		if (rc < 0)
			return -1;
	}
	if (warnings)
		log_warn("translations: %d entries refused (see above); English is used for them",
			 warnings);
	/* the interface's texts approved in the translation workflow, before
	 * the pages are rendered in each language */
	struct db *db;
	if (db_open(cfg->db_url, &db, err, errlen) < 0)
		return -1;
	int put = tr_interface_publish(db, err, errlen);
	db_close(db);
	if (put < 0)
		return -1;
	if (put)
		log_info("translations: %d texts of the interface approved in the database are used",
			 put);
	const struct catalog *const *cats;
	size_t ncats = i18n_catalogs(&cats);
	snprintf(path, sizeof(path), "%s/templates", cfg->data_dir);
	if (tpl_warm(app.templates, cats, ncats) < 0) {
		snprintf(err, errlen, "%s: a template without values does not render", path);
		return -1;
	}
	if (page_init(err, errlen) < 0)
		return -1;
	return 0;
}

void app_drain(void)
{
	play_events_stop();
}

void app_free(void)
{
	page_free();
	play_set_content(NULL, NULL);
	play_audio_free();
	play_free(app.play);
	app.play = NULL;
	learn_set_content(NULL);
	learn_free(app.learn);
	library_set_content(NULL);
	policy_set_content(NULL, NULL);
	dashboard_free();
	dashboard_country_free();
	policy_free(app.framework);
	app.framework = NULL;
	tr_content_publish_end();
	tr_snapshot_free();
	tr_memory_free();
	library_book_free();
	tr_free();
	library_free(app.library);
	app.library = NULL;
	app.learn = NULL;
	render_free(); /* what fontconfig and pango keep after a certificate was drawn */
	tpl_set_free(app.templates);
	app.templates = NULL;
	page_set_templates(NULL);
	i18n_free();
	static_free();
}

struct db *req_db(struct req *r)
{
	if (!r->db)
		r->db = db_thread();
	return r->db;
}

const char *cookie_name(struct req *r, const char *base)
{
	return r->tls ? arena_printf(&r->arena, "__Host-%s", base) : base;
}

void cookie_set(struct req *r, const char *base, const char *value, int max_age,
		bool http_only, const char *same_site, const char *path)
{
	/* __Host- cookies must have Path=/; others may be narrower. */
	const char *p = r->tls ? "/" : path;
	char age[48] = "";
	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%d", max_age);
	resp_header(r, "Set-Cookie",
		    arena_printf(&r->arena, "%s=%s; Path=%s%s%s; SameSite=%s%s",
				 cookie_name(r, base), value, p, age,
				 http_only ? "; HttpOnly" : "", same_site,
				 r->tls ? "; Secure" : ""));
}

void cookie_clear(struct req *r, const char *base, const char *path)
{
	cookie_set(r, base, "", 0, true, "Lax", path);
}

static void choose_language(struct req *r)
{
	const char *q = req_query(r, "lang");
	const char *c = req_cookie(r, LANG_COOKIE);
	const char *lang = NULL;

	if (q && i18n_catalog(q)) {
		lang = q;
		if (!c || !str_eq(c, q))
			cookie_set(r, LANG_COOKIE, q, 365 * 86400, true, "Lax", "/");
	} else if (c && i18n_catalog(c)) {
		lang = c;
	} else {
		lang = i18n_negotiate(req_header(r, "Accept-Language"));
	}
	if (!lang)
		lang = app.default_lang;
	r->cat = i18n_catalog(lang);
	r->lang = catalog_code(r->cat);
}

const char *csrf_for_visitor(struct req *r)
{
	char mac[TOKEN_LEN + 1];
	const char *pre = req_cookie(r, cookie_name(r, PRE_COOKIE));
	if (!pre || strlen(pre) != TOKEN_LEN) {
		char tok[TOKEN_LEN + 1];
		token_new(tok);
		pre = arena_strdup(&r->arena, tok);
		cookie_set(r, PRE_COOKIE, pre, 86400, true, "Lax", "/");
	}
	auth_mac("pre", pre, mac);
	r->csrf = arena_strdup(&r->arena, mac);
	return r->csrf;
}

static const char *expected_csrf(struct req *r)
{
	char mac[TOKEN_LEN + 1];
	if (r->session_token) {
		return r->session_csrf;
	} else {
		const char *pre = req_cookie(r, cookie_name(r, PRE_COOKIE));
		if (!pre)
			return NULL;
		auth_mac("pre", pre, mac);
	}
	return arena_strdup(&r->arena, mac);
}

void resp_download(struct req *r, const char *content_type, const char *filename)
{
	r->status = 200;
	r->content_type = content_type;
	r->no_store = true;
	resp_header(r, "Content-Disposition",
		    arena_printf(&r->arena, "attachment; filename=\"%s\"", filename));
}

int app_sign_in(struct req *r, const struct user *u)
{
	char token[TOKEN_LEN + 1], csrf[TOKEN_LEN + 1];
	if (session_create(req_db(r), u->id, token, csrf) < 0)
		return -1;
	r->session_token = arena_strdup(&r->arena, token);
	r->session_csrf = arena_strdup(&r->arena, csrf);
	r->user = arena_alloc(&r->arena, sizeof(*r->user));
	*r->user = *u;
	r->csrf = r->session_csrf;
	cookie_set(r, SESSION_COOKIE, token, -1, true, "Lax", "/");
	return 0;
}

/* Decodes a form body; false (and an error page) when it is unusable. */
static bool decode_body(struct req *r)
{
	if (r->body.len == 0)
		return true;
	const char *ct = req_header(r, "Content-Type");
	if (ct && r->route && (r->route->flags & ROUTE_UPLOAD) &&
	    strncasecmp(ct, "multipart/form-data", 19) == 0) {
		if (form_parse_multipart(&r->arena, r->conn, r->body.data, r->body.len, &r->form) < 0) {
			page_error(r, 400, N_("The form could not be read. Reload the page and try again."));
			return false;
		}
		return true;
	}
	if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0 ||
	    (ct[33] && ct[33] != ';' && ct[33] != ' ')) {
		page_error(r, 415, N_("Send the form as application/x-www-form-urlencoded."));
		return false;
	}
	if (form_parse(&r->arena, r->body.data, r->body.len, &r->form) < 0) {
		page_error(r, 400, N_("The form could not be read. Reload the page and try again."));
		return false;
	}
	return true;
}

/* Finds the session; false (and a 503 page) when the database is down. */
static bool find_session(struct req *r)
{
	const char *name = cookie_name(r, SESSION_COOKIE);
	const char *tok = req_cookie(r, name);
	if (!tok)
		return true;
	struct db *db = req_db(r);
	if (!db) {
		page_error(r, 503, NULL);
		return false;
	}
	struct user u;
	char csrf[TOKEN_LEN + 1];
	int rc = session_find(db, tok, &u, csrf);
	if (rc < 0) {
		page_error(r, 503, NULL);
		return false;
	}
	if (rc == 0) {
		cookie_clear(r, SESSION_COOKIE, "/");
		return true;
	}
	r->user = arena_alloc(&r->arena, sizeof(*r->user));
	*r->user = u;
	r->session_token = tok;
	r->session_csrf = arena_strdup(&r->arena, csrf);
	r->csrf = r->session_csrf;
	r->no_store = true;
	return true;
}

/* Applies the route's roles and country scope; false when refused (and
 * the answer is written). */
static bool allowed(struct req *r)
{
	const struct route *rt = r->route;
	unsigned role = r->user ? r->user->role : R_ANON;

	if (!(rt->roles & role)) {
		if (!r->user && (r->method == M_GET || r->method == M_HEAD)) {
			resp_redirect(r, 303, arena_printf(&r->arena, "/login?next=%s", r->path));
			return false;
		}
		page_error(r, 403, NULL);
		return false;
	}
	if ((rt->flags & ROUTE_OWN_COUNTRY) && r->user && r->user->role != R_ADMIN) {
		const char *cc = req_param(r, 0);
		if (!cc || !str_eq(cc, r->user->country)) {
			page_error(r, 403, N_("This page belongs to another country."));
			return false;
		}
	}
	return true;
}

/* Routes open to a user who must first choose a new password. */
static bool password_change_route(const struct route *rt)
{
	return str_eq(rt->pattern, "/account/password") || str_eq(rt->pattern, "/logout") ||
	       (rt->flags & ROUTE_STATIC);
}

static void run_handler(struct req *r)
{
	/* a post runs in one transaction, taken before the handler, so it
	 * writes all or nothing; a route that queues its writes instead
	 * (the children's answers) needs no lock */
	bool writes = r->method != M_GET && r->method != M_HEAD && !(r->route->flags & ROUTE_NO_TX);
	struct db *db = NULL;
	int rc;

	if (writes) {
		db = req_db(r);
		if (!db || db_begin(db, true) < 0) {
			page_error(r, 503, NULL);
			return;
		}
	}
	rc = r->route->handler(r);
	if (r->db && db_in_transaction(r->db)) {
		if (rc == 0 && r->status < 500) {
			if (db_commit(r->db) < 0) {
				r->nheaders = 0;
				page_error(r, 500, NULL);
			} else {
				atomic_fetch_add(&writes_committed, 1);
			}
		} else {
			db_rollback(r->db);
		}
	}
	if (rc != 0 && (r->status < 400 || !r->out.len)) {
		r->nheaders = 0;
		page_error(r, r->status >= 400 ? r->status : 500, NULL);
	}
}

static void handle(struct req *r);

void app_handle(struct req *r)
{
	arena_set_current(&r->arena);
	handle(r);
	arena_set_current(NULL);
}

static void handle(struct req *r)
{
	choose_language(r);
	if (r->edge_status) {
		page_error(r, r->edge_status, NULL);
		return;
	}
	if (r->route->flags & ROUTE_STATIC) {
		/* Files need no session and no database. */
		r->route->handler(r);
		return;
	}
	if (!decode_body(r) || !find_session(r))
		return;
	if (r->user && r->user->must_change && !password_change_route(r->route)) {
		resp_redirect(r, 303, "/account/password");
		return;
	}
	if (!allowed(r))
		return;
	if (r->method != M_GET && r->method != M_HEAD && !(r->route->flags & ROUTE_NO_CSRF)) {
		const char *want = expected_csrf(r);
		const char *got = req_form(r, "csrf");
		if (!want || !got || !auth_equal(want, got)) {
			page_error(r, 403,
				   N_("This form has expired. Go back, reload the page and try again."));
			return;
		}
	}
	if (!r->csrf && r->method != M_GET && r->method != M_HEAD)
		r->csrf = expected_csrf(r);
	resp_header(r, "Vary", "Cookie, Accept-Language");
	run_handler(r);
}
