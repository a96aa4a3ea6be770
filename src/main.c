/*
 * main.c: the command line.
 *
 *   cophub serve     run the web server
 *   cophub migrate   bring the database schema up to date
 *   cophub user      add, list, disable and enable accounts
 *   cophub country   list countries
 *   cophub demo      the demo administrator and accounts for `make run`
 *   cophub routes    print the route table
 *   cophub check     check templates, translations and static files
 *
 * Exit status: 0 success, 1 failure, 2 wrong usage.
 */
#include "core/buf.h"
#include "core/config.h"
#include "core/log.h"
#include "core/util.h"
#include "core/file.h"
#include "content/learn.h"
#include "content/library.h"
#include "content/policy.h"
#include "translate/translate.h"
#include "core/mem.h"
#include "content/play.h"
#include "content/readability.h"
#include "db/db.h"
#include "learn/cert.h"
#include "http/server.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/roles.h"
#include "web/static.h"
#include "web/tpl.h"

#include <errno.h>
#include <unistd.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef COPHUB_VERSION
#define COPHUB_VERSION "0.1.0"
#endif

#define MAX_OPTS 16

struct opts {
	int n;
	char name[MAX_OPTS][32];
	const char *value[MAX_OPTS];
	const char *positional[4];
	int npositional;
};

static const char usage[] =
	"Usage: cophub COMMAND [OPTIONS]\n"
	"\n"
	"Commands:\n"
	"  serve [--config FILE] [--listen HOST:PORT] [--db URL] [--threads N] [--data DIR]\n"
	"      Run the web server until SIGTERM or SIGINT; requests in flight finish first.\n"
	"  migrate [--db URL]\n"
	"      Apply the database migrations that are not applied yet.\n"
	"  user add --username NAME --role ROLE [--country CC] [--db URL]\n"
	"      Create an account; its generated password is the last line printed.\n"
	"  user list [--country CC] [--db URL]\n"
	"  user show --username NAME [--db URL]\n"
	"  user disable --username NAME [--db URL]\n"
	"  user enable --username NAME [--db URL]\n"
	"  country list [--db URL]\n"
	"  demo [--db URL]\n"
	"      Create the demo accounts; print the demo administrator's one-time password.\n"
	"  content check [--data DIR] [--lang LANG]\n"
	"      Check the content files: every problem with its file and line; counts and\n"
	"      readability per band and language.  --lang checks a draft in one language.\n"
	"  content narration [--data DIR] [--lang LANG]\n"
	"      Print the under-9 stories' lines to be read aloud: LANG, NAME, TEXT.\n"
	"  certificate key [--db URL]\n"
	"      Print the public key that checks this deployment's certificates (made the\n"
	"      first time it is needed).\n"
	"  certificate verify FILE-OR-CODE (--public-key HEX | [--db URL])\n"
	"      Check a certificate offline: a PDF, a file or text holding its signed code\n"
	"      (the QR code's text, starting CPH1.); exit 0 and its claims when the\n"
	"      signature holds, 1 with the reason when not.\n"
	"  translations sets [--data DIR]\n"
	"      List the guideline sets, whose units are translated: name, units, title.\n"
	"  translations export --set SET --lang LANG [--format po|xliff] --out FILE [--db URL]\n"
	"      Write a set's translation in a language as PO (the default) or XLIFF 2.0,\n"
	"      every unit with its id, state, note and comments; --out - for stdout.\n"
	"  translations import FILE [--db URL]\n"
	"      Read a PO or XLIFF file made by export (and edited in any tool) and save\n"
	"      what changed, approvals included; a file with any problem is refused with\n"
	"      its line, and nothing is saved.\n"
	"  routes\n"
	"      Print the route table: method, path, roles.\n"
	"  check [--data DIR]\n"
	"      Check templates, translations and static files; exit 1 on any problem.\n"
	"\n"
	"Roles: admin, coordinator, trainer, translator, reviewer, validator, moderator,\n"
	"learner.  Every role but admin needs --country (ISO 3166-1 alpha-2, e.g. KE).\n"
	"Database URL: sqlite:PATH or postgresql://USER@HOST/DB (any libpq URI).\n"
	"\n"
	"Settings, each later source overriding the earlier ones:\n"
	"  1. built-in defaults\n"
	"  2. the config file: --config FILE, or COPHUB_CONFIG (INI, sections below)\n"
	"  3. environment variables\n"
	"  4. command-line flags\n"
	"\n"
	"  setting              environment, flag\n";

static void print_help(void)
{
	fputs(usage, stdout);
	config_print_help();
	printf("\nOther options: --help, --version.\n");
}

static int parse_opts(int argc, char **argv, int start, struct opts *o)
{
	memset(o, 0, sizeof(*o));
	for (int i = start; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0) {
			if (o->npositional == (int)ARRAY_LEN(o->positional)) {
				fprintf(stderr, "cophub: too many arguments\n");
				return -1;
			}
			o->positional[o->npositional++] = a;
			continue;
		}
		if (o->n == MAX_OPTS) {
			fprintf(stderr, "cophub: too many options\n");
			return -1;
		}
		const char *eq = strchr(a, '=');
		size_t nl = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		if (nl >= sizeof(o->name[0])) {
			fprintf(stderr, "cophub: unknown option %s\n", a);
			return -1;
		}
		memcpy(o->name[o->n], a + 2, nl);
		o->name[o->n][nl] = '\0';
		if (eq) {
			o->value[o->n] = eq + 1;
		} else {
			if (i + 1 >= argc) {
				fprintf(stderr, "cophub: %s needs a value\n", a);
				return -1;
			}
			o->value[o->n] = argv[++i];
		}
		o->n++;
	}
	return 0;
}

static const char *opt(const struct opts *o, const char *name)
{
	for (int i = 0; i < o->n; i++)
		if (str_eq(o->name[i], name))
			return o->value[i];
	return NULL;
}

/* Refuses options the command does not know. */
static int check_opts(const struct opts *o, const char *const *allowed)
{
	for (int i = 0; i < o->n; i++) {
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = str_eq(*a, o->name[i]);
		if (!ok) {
			fprintf(stderr, "cophub: unknown option --%s (see cophub --help)\n", o->name[i]);
			return -1;
		}
	}
	return 0;
}

/* Builds the settings: defaults, config file, environment, flags. */
static int load_config(struct config *c, const struct opts *o)
{
	char err[1024];
	static const char *const flags[] = {"listen", "db", "threads", "data"};
	const char *file = opt(o, "config");

	config_defaults(c);
	if (!file)
		file = getenv("COPHUB_CONFIG");
	if (file && config_load_file(c, file, err, sizeof(err)) < 0)
		goto fail;
	if (config_load_env(c, err, sizeof(err)) < 0)
		goto fail;
	for (size_t i = 0; i < ARRAY_LEN(flags); i++) {
		const char *v = opt(o, flags[i]);
		if (v && config_set_flag(c, flags[i], v, err, sizeof(err)) < 0)
			goto fail;
	}
	log_set_level(str_eq(c->log_level, "debug")  ? LOG_DEBUG
		      : str_eq(c->log_level, "warn") ? LOG_WARN
		      : str_eq(c->log_level, "error") ? LOG_ERROR
						       : LOG_INFO);
	return 0;
fail:
	fprintf(stderr, "cophub: %s\n", err);
	return -1;
}

static struct db *open_db(const struct config *c)
{
	char err[1024];
	struct db *db;
	if (db_open(c->db_url, &db, err, sizeof(err)) < 0) {
		fprintf(stderr, "cophub: database: %s\n", err);
		return NULL;
	}
	return db;
}

static int cmd_migrate(const struct config *c)
{
	char err[1024], dir[1024];
	struct db *db = open_db(c);
	if (!db)
		return 1;
	snprintf(dir, sizeof(dir), "%s/db/migrations", c->data_dir);
	int rc = db_migrate(db, dir, true, err, sizeof(err));
	if (rc == 0 && auth_load_secret(db, err, sizeof(err)) < 0)
		rc = -1;
	db_close(db);
	if (rc < 0) {
		fprintf(stderr, "cophub: migrate: %s\n", err);
		return 1;
	}
	return 0;
}

static int cmd_serve(const struct config *c)
{
	char err[1024], dir[1024];
	sigset_t set;
	int sig;

	struct db *db = open_db(c);
	if (!db)
		return 1;
	snprintf(dir, sizeof(dir), "%s/db/migrations", c->data_dir);
	int pending = db_migrations_pending(db, dir, err, sizeof(err));
	if (pending != 0) {
		if (pending > 0)
			fprintf(stderr, "cophub: %d migrations are not applied; run `cophub migrate`\n",
				pending);
		else
			fprintf(stderr, "cophub: %s\n", err);
		db_close(db);
		return 1;
	}
	if (auth_load_secret(db, err, sizeof(err)) < 0) {
		fprintf(stderr, "cophub: %s\n", err);
		db_close(db);
		return 1;
	}
	db_close(db);
	if (app_init(c, err, sizeof(err)) < 0) {
		fprintf(stderr, "cophub: %s\n", err);
		app_free();
		return 1;
	}
	db_pool_init(c->db_url);

	/* Every connection is a file descriptor: allow as many as the hard
	 * limit does, so max_connections is not cut short by a soft 1024. */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}

	/* Block the signals before the worker threads start, so only this
	 * thread receives them, in sigwait(). */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct server_config sc = {
		.host = c->host,
		.port = c->port,
		.threads = c->threads,
		.max_connections = c->max_connections,
		.timeout = c->timeout,
		.tls = c->tls,
		.routes = app_routes,
		.nroutes = app_nroutes,
		.handle = app_handle,
	};
	log_buffering_start();
	if (server_start(&sc, err, sizeof(err)) < 0) {
		log_buffering_stop();
		fprintf(stderr, "cophub: %s\n", err);
		app_free();
		return 1;
	}
	bool v6 = strchr(c->host, ':') != NULL;
	printf("cophub %s listening on http://%s%s%s:%d\n", COPHUB_VERSION, v6 ? "[" : "", c->host,
	       v6 ? "]" : "", server_port());
	fflush(stdout);
	log_info("serving with database %s", str_starts(c->db_url, "sqlite:") ? c->db_url
										 : "postgresql");
	sigwait(&set, &sig);
	log_info("%s: finishing requests in flight", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	server_stop(10000);
	app_drain();
	log_buffering_stop();
	db_pool_close_all();
	app_free();
	log_info("stopped");
	return 0;
}

static int init_auth_cli(const struct config *c)
{
	char err[1024];
	if (auth_init_config(c, err, sizeof(err)) < 0) {
		fprintf(stderr, "cophub: %s\n", err);
		return -1;
	}
	return 0;
}

static int cmd_user_add(const struct config *c, const struct opts *o)
{
	const char *name = opt(o, "username"), *role_s = opt(o, "role"), *cc = opt(o, "country");
	unsigned role = role_from_name(role_s);
	char password[24], hash[256];
	int64_t id;

	if (!name || !role_s) {
		fprintf(stderr, "cophub: user add needs --username and --role\n");
		return 2;
	}
	if (!username_valid(name)) {
		fprintf(stderr, "cophub: --username: 3 to 64 characters: small letters, digits, and . _ - @ + after the first\n");
		return 2;
	}
	if (!role) {
		fprintf(stderr, "cophub: --role: unknown role \"%s\" (see cophub --help)\n", role_s);
		return 2;
	}
	if (role == R_ADMIN && cc) {
		fprintf(stderr, "cophub: --country: an admin is not tied to a country\n");
		return 2;
	}
	if (role != R_ADMIN && (!cc || strlen(cc) != 2)) {
		fprintf(stderr, "cophub: --country: role %s needs a two-letter country code\n", role_s);
		return 2;
	}
	if (init_auth_cli(c) < 0)
		return 1;
	struct db *db = open_db(c);
	if (!db)
		return 1;
	password_generate(password);
	int rc = password_hash(password, hash, sizeof(hash)) < 0 ? DB_ERROR
		 : user_insert(db, name, role, cc, hash, &id);
	db_close(db);
	if (rc == DB_CONSTRAINT) {
		fprintf(stderr, "cophub: user add: \"%s\" exists already, or the country \"%s\" is unknown\n",
			name, cc ? cc : "");
		return 1;
	}
	if (rc != DB_DONE) {
		fprintf(stderr, "cophub: user add: the database refused the account\n");
		return 1;
	}
	printf("created %s (%s%s%s); the password below works once: a new one is chosen at first sign-in\n",
	       name, role_s, cc ? ", " : "", cc ? cc : "");
	printf("%s\n", password);
	return 0;
}

static int cmd_user_list(const struct config *c, const struct opts *o)
{
	const char *cc = opt(o, "country");
	struct db *db = open_db(c);
	if (!db)
		return 1;
	struct db_stmt *st = db_q(db,
				  "SELECT id, username, role, COALESCE(country, '-'), disabled, "
				  "CASE WHEN password_hash IS NULL THEN 1 ELSE 0 END "
				  "FROM users WHERE CAST(? AS TEXT) IS NULL OR country = ? ORDER BY id",
				  "tt", cc, cc);
	if (!st) {
		db_close(db);
		return 1;
	}
	printf("%-6s %-32s %-12s %-7s %s\n", "ID", "USERNAME", "ROLE", "COUNTRY", "STATUS");
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		printf("%-6lld %-32s %-12s %-7s %s\n", (long long)db_int(st, 0), db_text(st, 1),
		       db_text(st, 2), db_text(st, 3),
		       db_int(st, 4) ? "disabled" : db_int(st, 5) ? "invited" : "active");
	db_done(st);
	db_close(db);
	return rc == DB_DONE ? 0 : 1;
}

static int cmd_user_disable(const struct config *c, const struct opts *o, bool disabled)
{
	const char *name = opt(o, "username");
	struct user u;
	if (!name) {
		fprintf(stderr, "cophub: user %s needs --username\n", disabled ? "disable" : "enable");
		return 2;
	}
	struct db *db = open_db(c);
	if (!db)
		return 1;
	int rc = user_by_name(db, name, &u, NULL, 0);
	if (rc == 1)
		rc = user_set_disabled(db, u.id, disabled) < 0 ? -1 : 1;
	db_close(db);
	if (rc == 0) {
		fprintf(stderr, "cophub: no account \"%s\"\n", name);
		return 1;
	}
	if (rc < 0) {
		fprintf(stderr, "cophub: the database refused the change\n");
		return 1;
	}
	printf("%s %s\n", name, disabled ? "disabled; its sessions have ended" : "enabled");
	return 0;
}

/* Shows one account, with the cost its password hash was made at, so an
 * operator can see who still has a hash from before a cost increase. */
static int cmd_user_show(const struct config *c, const struct opts *o)
{
	const char *name = opt(o, "username");
	struct user u;
	char hash[256];
	if (!name) {
		fprintf(stderr, "cophub: user show needs --username\n");
		return 2;
	}
	struct db *db = open_db(c);
	if (!db)
		return 1;
	int rc = user_by_name(db, name, &u, hash, sizeof(hash));
	db_close(db);
	if (rc <= 0) {
		fprintf(stderr, rc == 0 ? "cophub: no account \"%s\"\n" : "cophub: cannot read \"%s\"\n",
			name);
		return 1;
	}
	/* "$argon2id$v=19$m=19456,t=2,p=1$salt$hash": print up to the salt */
	char params[64] = "none";
	if (hash[0]) {
		const char *m = strstr(hash, "$m=");
		const char *end = m ? strchr(m + 1, '$') : NULL;
		if (m && end && (size_t)(end - m) < sizeof(params))
			snprintf(params, sizeof(params), "argon2id %.*s", (int)(end - m - 1), m + 1);
	}
	printf("id: %lld\nusername: %s\nrole: %s\ncountry: %s\nstatus: %s\npassword: %s\n",
	       (long long)u.id, u.username, role_name(u.role), u.country[0] ? u.country : "-",
	       u.disabled ? "disabled" : !u.has_password ? "invited" : u.must_change ? "must change password" : "active",
	       params);
	return 0;
}

static int cmd_country_list(const struct config *c)
{
	struct db *db = open_db(c);
	if (!db)
		return 1;
	struct db_stmt *st = db_q(db,
				  "SELECT c.code, c.default_lang, c.dir, c.active, COALESCE(n.name, '') "
				  "FROM countries c LEFT JOIN country_names n "
				  "ON n.code = c.code AND n.lang = 'en' ORDER BY c.code",
				  "");
	if (!st) {
		db_close(db);
		return 1;
	}
	printf("%-4s %-5s %-4s %-8s %s\n", "CODE", "LANG", "DIR", "STATUS", "NAME");
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		printf("%-4s %-5s %-4s %-8s %s\n", db_text(st, 0), db_text(st, 1), db_text(st, 2),
		       db_int(st, 3) ? "active" : "inactive", db_text(st, 4));
	db_done(st);
	db_close(db);
	return rc == DB_DONE ? 0 : 1;
}

/* Demo data for `make run`: the administrator "admin" (its one-time
 * password is new on every run) and a few accounts in two countries. */
static int cmd_demo(const struct config *c)
{
	static const struct {
		const char *name;
		unsigned role;
		const char *cc;
	} demo[] = {
		{"coordinator.ke", R_COORDINATOR, "KE"}, {"trainer.ke", R_TRAINER, "KE"},
		{"learner.ke", R_LEARNER, "KE"},	 {"coordinator.fr", R_COORDINATOR, "FR"},
		{"translator.fr", R_TRANSLATOR, "FR"},	 {"validator.fr", R_VALIDATOR, "FR"},
	};
	char password[24], hash[256];
	struct user u;
	int64_t id;
	int rc = 1;

	if (init_auth_cli(c) < 0)
		return 1;
	struct db *db = open_db(c);
	if (!db)
		return 1;
	if (db_begin(db, true) < 0)
		goto out;
	for (size_t i = 0; i < ARRAY_LEN(demo); i++) {
		int found = user_by_name(db, demo[i].name, &u, NULL, 0);
		if (found < 0)
			goto out_rollback;
		if (found)
			continue;
		/* No password: the administrator sends an invitation when needed. */
		if (user_insert(db, demo[i].name, demo[i].role, demo[i].cc, NULL, &id) != DB_DONE)
			goto out_rollback;
	}
	password_generate(password);
	if (password_hash(password, hash, sizeof(hash)) < 0)
		goto out_rollback;
	int found = user_by_name(db, "admin", &u, NULL, 0);
	if (found < 0)
		goto out_rollback;
	if (found) {
		if (user_set_password(db, u.id, hash, true) < 0 || user_set_disabled(db, u.id, false) < 0 ||
		    sessions_delete_user(db, u.id) < 0)
			goto out_rollback;
	} else if (user_insert(db, "admin", R_ADMIN, NULL, hash, &id) != DB_DONE) {
		goto out_rollback;
	}
	if (db_commit(db) < 0)
		goto out;
	printf("\n  Demo administrator\n    username: admin\n    password: %s\n"
	       "  This password works once: you choose your own at the first sign-in.\n\n",
	       password);
	rc = 0;
	goto out;
out_rollback:
	db_rollback(db);
	fprintf(stderr, "cophub: demo: %s\n", db_errmsg(db));
out:
	db_close(db);
	return rc;
}

static const char *roles_text(unsigned roles)
{
	static char out[256];
	if ((roles & R_ANY) == R_ANY)
		return "anyone";
	out[0] = '\0';
	if (roles & R_ANON)
		snprintf(out, sizeof(out), "visitor,");
	for (size_t i = 0; i < ARRAY_LEN(role_all); i++) {
		if (roles & role_all[i]) {
			size_t n = strlen(out);
			snprintf(out + n, sizeof(out) - n, "%s,", role_name(role_all[i]));
		}
	}
	size_t n = strlen(out);
	if (n)
		out[n - 1] = '\0';
	return out;
}

static int cmd_routes(void)
{
	for (size_t i = 0; i < app_nroutes; i++) {
		const struct route *rt = &app_routes[i];
		printf("%-5s %-32s %s%s\n", rt->method, rt->pattern, roles_text(rt->roles),
		       rt->flags & ROUTE_OWN_COUNTRY ? " (own country)" : "");
	}
	return 0;
}

static void report_problem(void *ctx, const char *path, int line, const char *msg)
{
	(void)ctx;
	if (line > 0)
		fprintf(stderr, "%s:%d: %s\n", path, line, msg);
	else
		fprintf(stderr, "%s: %s\n", path, msg);
}

struct stats_ctx {
	struct text_stats st;
	const char *lang;
};

static void count_text(void *ctx, const char *text)
{
	struct stats_ctx *sc = ctx;
	readability_count(&sc->st, text, sc->lang);
}

/* Loads DATA/content for a `content` command (every problem printed);
 * NULL after printing "cophub: content WHAT: N problems". */
static struct play_content *load_content(const struct config *c, unsigned langs, const char *what)
{
	char content[1024], stat_dir[1024];
	struct play_content *pc;
	snprintf(content, sizeof(content), "%s/content", c->data_dir);
	snprintf(stat_dir, sizeof(stat_dir), "%s/static", c->data_dir);
	int problems = play_load(content, stat_dir, langs, &pc, report_problem, NULL);
	if (problems) {
		fprintf(stderr, "cophub: content %s: %d problem%s\n", what, problems,
			problems == 1 ? "" : "s");
		return NULL;
	}
	return pc;
}

/* Loads the guidelines library of content_dir, whose links name the
 * game's topics and the courses; NULL after printing its problems. */
static struct library *load_library(const char *content_dir, const struct play_content *pc,
				    const struct learn_content *lc)
{
	struct library *lib = NULL;
	const char **topics = xcalloc((size_t)pc->ntopics + 1, sizeof(char *));
	const char **courses = xcalloc((size_t)lc->ncourses + 1, sizeof(char *));
	for (int i = 0; i < pc->ntopics; i++)
		topics[i] = pc->topics[i].id;
	for (int i = 0; i < lc->ncourses; i++)
		courses[i] = lc->courses[i].id;
	struct lib_targets tg = {topics, pc->ntopics, courses, lc->ncourses};
	int problems = library_load(content_dir, &tg, report_problem, NULL, &lib);
	free(topics);
	free(courses);
	if (problems) {
		fprintf(stderr, "cophub: guidelines: %d problem%s\n", problems,
			problems == 1 ? "" : "s");
		library_free(lib);
		return NULL;
	}
	return lib;
}

/* `cophub content check`: every problem with its file and line (exit 1),
 * then counts per band, topic and language, and readability per band and
 * language with a warning for each scenario harder than its band. */
static int cmd_content_check(const struct config *c, const struct opts *o)
{
	struct play_content *pc;
	unsigned langs = PLAY_ALL_LANGS;
	const char *only = opt(o, "lang");

	if (only) {
		int i = content_lang_index(only);
		if (i < 0) {
			fprintf(stderr, "cophub: --lang: one of ar, en, es, fr, ru, zh\n");
			return 2;
		}
		langs = 1u << i; /* a draft: only this language is required */
	}
	/* the courses are checked whatever the game's content holds */
	char content_dir[1024];
	struct learn_content *lc = NULL;
	snprintf(content_dir, sizeof(content_dir), "%s/content", c->data_dir);
	int lproblems = learn_load(content_dir, report_problem, NULL, &lc);
	if (lproblems)
		fprintf(stderr, "cophub: courses: %d problem%s\n", lproblems,
			lproblems == 1 ? "" : "s");
	pc = load_content(c, langs, "check");
	if (!pc || lproblems) {
		if (pc)
			play_free(pc);
		learn_free(lc);
		return 1;
	}
	/* the guidelines library, whose links name topics and courses */
	struct library *lib = load_library(content_dir, pc, lc);
	if (!lib) {
		play_free(pc);
		learn_free(lc);
		return 1;
	}
	printf("scenarios per band:");
	for (int b = 0; b < NBANDS; b++) {
		int n = 0;
		for (int i = 0; i < pc->nscenarios; i++)
			n += pc->scenarios[i].band == (enum band)b;
		printf(" %s %d", band_ids[b], n);
	}
	printf(" (all %d)\n", pc->nscenarios);
	printf("scenarios per topic and band:\n");
	for (int t = 0; t < pc->ntopics; t++) {
		printf("  %-16s", pc->topics[t].id);
		for (int b = 0; b < NBANDS; b++) {
			int n = 0;
			for (int i = 0; i < pc->nscenarios; i++)
				n += pc->scenarios[i].topic == t && pc->scenarios[i].band == (enum band)b;
			printf(" %s %-3d", band_ids[b], n);
		}
		printf("\n");
	}
	printf("texts per language:");
	for (int lg = 0; lg < CONTENT_NLANGS; lg++) {
		long n = 0;
		for (int f = 0; f < pc->nfiles; f++)
			for (int r = 0; r < pc->files[f]->nrecords; r++)
				for (int k = 0; k < pc->files[f]->records[r].nfields; k++)
					n += str_eq(pc->files[f]->records[r].fields[k].lang, content_langs[lg]);
		printf(" %s %ld", content_langs[lg], n);
	}
	printf("\nreadability per band (language: score, the band's minimum):\n");
	int warnings = 0;
	for (int b = 0; b < NBANDS; b++) {
		printf("  %-6s", band_ids[b]);
		for (int lg = 0; lg < CONTENT_NLANGS; lg++) {
			struct stats_ctx all = {.lang = content_langs[lg]};
			double score, min;
			for (int i = 0; i < pc->nscenarios; i++) {
				const struct scenario *s = &pc->scenarios[i];
				if (s->band != (enum band)b)
					continue;
				play_scenario_texts(s, lg, count_text, &all);
				struct stats_ctx one = {.lang = content_langs[lg]};
				play_scenario_texts(s, lg, count_text, &one);
				if (readability_score(&one.st, content_langs[lg], &score) &&
				    readability_target(content_langs[lg], b, &min) && score < min) {
					fprintf(stderr,
						"warning: %s:%d: [%s] %s reading ease %.0f, harder than "
						"%s (%.0f or more)\n",
						s->path, s->line, s->id, content_langs[lg], score, band_ids[b], min);
					warnings++;
				}
			}
			if (!readability_score(&all.st, content_langs[lg], &score))
				printf("  %s -", content_langs[lg]);
			else if (readability_target(content_langs[lg], b, &min))
				printf("  %s %.0f (%.0f)", content_langs[lg], score, min);
			else
				printf("  %s %.0f", content_langs[lg], score);
		}
		printf("\n");
	}
	printf("  (ar: the guide's formula needs diacritised text; zh: no formula)\n");
	printf("courses: %d\n", lc->ncourses);
	for (int i = 0; i < lc->ncourses; i++) {
		const struct course *co = &lc->courses[i];
		int lessons = 0, bank = 0, words = 0;
		for (int m = 0; m < co->nmodules; m++) {
			lessons += co->modules[m].nlessons;
			bank += co->modules[m].bank.nqs;
			for (int k = 0; k < co->modules[m].nlessons; k++)
				words += co->modules[m].lessons[k].words;
		}
		printf("  %-16s %-10s %-9s %d modules, %d lessons (%d words in English), %d + %d "
		       "questions, text in",
		       co->id, audience_ids[co->audience], co->published ? "published" : "draft",
		       co->nmodules, lessons, words, bank, co->final.nqs);
		for (int lg = 0; lg < CONTENT_NLANGS; lg++)
			if (co->langs & (1u << lg))
				printf(" %s", content_langs[lg]);
		printf("\n");
	}
	printf("guideline sets: %d\n", lib->nsets);
	for (int i = 0; i < lib->nsets; i++) {
		const struct lib_set *s = &lib->sets[i];
		int sections = 0, checklist = 0;
		for (int ch = 0; ch < s->nchapters; ch++) {
			sections += s->chapters[ch].nsections;
			for (int k = 0; k < s->chapters[ch].nsections; k++)
				for (int j = 0; j < s->chapters[ch].sections[k].nitems; j++)
					checklist += s->chapters[ch].sections[k].items[j].checklist;
		}
		printf("  %-10s %-9s %d chapters, %d sections, %d items (%d checklist)\n", s->id,
		       lib_audience_ids[s->audience], s->nchapters, sections, s->nitems, checklist);
	}
	/* the policy module's maturity framework, whose links name the
	 * guidelines */
	struct pol_framework *fw = NULL;
	int pproblems = policy_load(content_dir, lib, report_problem, NULL, &fw);
	if (pproblems) {
		fprintf(stderr, "cophub: framework: %d problem%s\n", pproblems,
			pproblems == 1 ? "" : "s");
		play_free(pc);
		learn_free(lc);
		library_free(lib);
		return 1;
	}
	printf("framework: %d domains, %d capabilities, %d areas, text in", fw->ndomains,
	       fw->ncaps, fw->nareas);
	for (int lg = 0; lg < CONTENT_NLANGS; lg++) {
		bool all = fw->title.s[lg] != NULL;
		for (int i = 0; all && i < fw->ncaps; i++)
			for (int k = 0; all && k < POL_NLEVELS; k++)
				all = fw->caps[i].level[k].s[lg] && fw->caps[i].about.s[lg];
		if (all)
			printf(" %s", content_langs[lg]);
	}
	printf("\n");
	policy_free(fw);
	/* the shipped translations of the guidelines */
	int stale = 0;
	char po_dir[1024];
	snprintf(po_dir, sizeof(po_dir), "%s/po", c->data_dir);
	int tproblems = tr_load(lib, content_dir, po_dir, report_problem, NULL, &stale);
	if (tproblems) {
		fprintf(stderr, "cophub: guideline translations: %d problem%s\n", tproblems,
			tproblems == 1 ? "" : "s");
		tr_free();
		play_free(pc);
		learn_free(lc);
		library_free(lib);
		return 1;
	}
	const char *const *codes;
	int ncodes = tr_shipped_langs(&codes);
	int gtotal = 0;
	for (int i = 0; i < tr_nsets(); i++)
		gtotal += tr_set_at(i)->guidelines ? tr_set_at(i)->nunits : 0;
	printf("guideline translations (units translated of %d):", gtotal);
	for (int lg = 0; lg < ncodes; lg++) {
		int n = 0;
		for (int i = 0; i < tr_nsets(); i++)
			if (tr_set_at(i)->guidelines)
				n += tr_published_count(tr_set_at(i), codes[lg]);
		if (n)
			printf(" %s %d", codes[lg], n);
	}
	printf("%s\n", stale ? "" : "");
	if (stale)
		printf("  %d shipped translations were made from an older English text (not used)\n",
		       stale);
	tr_free();
	printf("content check: ok, %d warning%s\n", warnings, warnings == 1 ? "" : "s");
	play_free(pc);
	learn_free(lc);
	library_free(lib);
	return 0;
}

struct narration_ctx {
	const char *lang;
	const struct play_fill *fills;
	int nfills;
};

/* One line of `content narration`: "LANG<TAB>NAME<TAB>TEXT", once for each
 * different way its placeholders can be filled. */
static void narration_line(void *ctx, const char *key, const char *text)
{
	const struct narration_ctx *n = ctx;
	(void)key;
	char name[PLAY_NARRATION_NAME_LEN + 1], seen[8][PLAY_NARRATION_NAME_LEN + 1];
	int nseen = 0;
	for (int i = 0; i < n->nfills && i < 8; i++) {
		struct buf b;
		buf_init(&b, 1u << 16);
		play_fill_text(&b, text, &n->fills[i]);
		const char *spoken = b.data ? b.data : "";
		play_narration_name(n->lang, spoken, name);
		bool dup = false;
		for (int k = 0; k < nseen; k++)
			dup = dup || str_eq(seen[k], name);
		if (!dup) {
			memcpy(seen[nseen++], name, sizeof(name));
			printf("%s\t%s\t", n->lang, name);
			for (const char *p = spoken; *p; p++)
				putchar(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
			putchar('\n');
		}
		buf_free(&b);
	}
}

/* `cophub content narration`: the lines of the under-9 stories to be read
 * aloud, as the build's scripts/narrate wants them. */
static int cmd_content_narration(const struct config *c, const struct opts *o)
{
	char po[1024], err[1024];
	struct play_content *pc;
	int warnings = 0;
	const char *only = opt(o, "lang");

	if (only && content_lang_index(only) < 0) {
		fprintf(stderr, "cophub: --lang: one of ar, en, es, fr, ru, zh\n");
		return 2;
	}
	snprintf(po, sizeof(po), "%s/po", c->data_dir);
	if (i18n_load(po, &warnings, err, sizeof(err)) < 0) {
		fprintf(stderr, "cophub: %s\n", err);
		return 1;
	}
	if (!(pc = load_content(c, PLAY_ALL_LANGS, "narration"))) {
		i18n_free();
		return 1;
	}
	for (int lg = 0; lg < CONTENT_NLANGS; lg++) {
		if (only && !str_eq(only, content_langs[lg]))
			continue;
		const struct catalog *cat = i18n_catalog(content_langs[lg]);
		const char *adult = i18n_gettext(cat, "an adult you trust");
		/* as the server fills them: nothing known of the country, or a
		 * shipped helpline; a coordinator's own text is not read aloud
		 * until the build runs again */
		struct play_fill fills[8];
		int nfills = 0;
		fills[nfills++] = (struct play_fill){
			adult, adult, adult, i18n_gettext(cat, "the emergency services"),
			i18n_gettext(cat, "the rules where you live")};
		for (int h = 0; h < pc->nhelplines && nfills < 8; h++) {
			struct play_fill f = fills[0];
			f.helpline = i18n_gettext(cat, "Child helpline");
			f.contact = pc->helplines[h].contact;
			fills[nfills++] = f;
		}
		struct narration_ctx n = {content_langs[lg], fills, nfills};
		for (int i = 0; i < pc->nscenarios; i++)
			if (pc->scenarios[i].band == BAND_U9)
				play_scenario_lines(&pc->scenarios[i], lg, narration_line, &n);
	}
	play_free(pc);
	i18n_free();
	return 0;
}

/* ---- translations of the guidelines ---- */

/* The guidelines and their translation units, for a `translations`
 * command: 0, or 1 after printing the problems. */
struct guidelines {
	struct play_content *pc;
	struct learn_content *lc;
	struct library *lib;
};

static void guidelines_free(struct guidelines *g)
{
	tr_free();
	library_free(g->lib);
	learn_free(g->lc);
	if (g->pc)
		play_free(g->pc);
	memset(g, 0, sizeof(*g));
}

static int guidelines_load(const struct config *c, struct guidelines *g)
{
	char content_dir[1024], po_dir[1024];
	int stale;
	memset(g, 0, sizeof(*g));
	snprintf(content_dir, sizeof(content_dir), "%s/content", c->data_dir);
	snprintf(po_dir, sizeof(po_dir), "%s/po", c->data_dir);
	if (learn_load(content_dir, report_problem, NULL, &g->lc) ||
	    !(g->pc = load_content(c, PLAY_ALL_LANGS, "translations")) ||
	    !(g->lib = load_library(content_dir, g->pc, g->lc)) ||
	    tr_load(g->lib, content_dir, po_dir, report_problem, NULL, &stale)) {
		fprintf(stderr, "cophub: the content has problems (see cophub content check)\n");
		guidelines_free(g);
		return 1;
	}
	return 0;
}

/* `cophub translations sets`: NAME, units, title; one set a line */
static int cmd_translations_sets(const struct config *c)
{
	struct guidelines g;
	if (guidelines_load(c, &g))
		return 1;
	for (int i = 0; i < tr_nsets(); i++) {
		const struct tr_set *s = tr_set_at(i);
		printf("%-10s %4d units  %s\n", s->name, s->nunits, s->title);
	}
	guidelines_free(&g);
	return 0;
}

/* Writes data to path through a temporary file renamed over it, so a
 * reader never sees half a file; "-" is standard output.  0 or -1. */
static int write_whole(const char *path, const char *data, size_t len)
{
	if (str_eq(path, "-"))
		return fwrite(data, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : -1;
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%s.tmp%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	if (!f)
		return -1;
	bool ok = fwrite(data, 1, len, f) == len;
	ok = fclose(f) == 0 && ok;
	if (ok && rename(tmp, path) == 0)
		return 0;
	unlink(tmp);
	return -1;
}

/* `cophub translations export --set SET --lang LANG --format po|xliff --out FILE` */
static int cmd_translations_export(const struct config *c, const struct opts *o)
{
	const char *set = opt(o, "set"), *lang = opt(o, "lang"), *format = opt(o, "format"),
		   *out = opt(o, "out");
	if (!set || !lang || !out) {
		fprintf(stderr, "cophub: translations export needs --set, --lang and --out "
				"(see cophub --help)\n");
		return 2;
	}
	if (!format)
		format = "po";
	if (!str_eq(format, "po") && !str_eq(format, "xliff")) {
		fprintf(stderr, "cophub: --format: po or xliff\n");
		return 2;
	}
	struct guidelines g;
	if (guidelines_load(c, &g))
		return 1;
	int rc = 1;
	struct db *db = NULL;
	const struct tr_set *s = tr_set_find(set);
	struct tr_lang L;
	struct buf b;
	buf_init(&b, 64u << 20);
	if (!s) {
		fprintf(stderr, "cophub: no set \"%s\" (cophub translations sets lists them)\n",
			set);
		rc = 2;
		goto out;
	}
	if (!(db = open_db(c)))
		goto out;
	int found = tr_language(db, lang, &L);
	if (found <= 0 || str_eq(lang, "en")) {
		fprintf(stderr, found < 0 ? "cophub: the database cannot be read\n"
					  : "cophub: no language \"%s\" to translate into\n",
			lang);
		rc = found < 0 ? 1 : 2;
		goto out;
	}
	if (tr_export(db, s, &L, str_eq(format, "po") ? TR_PO : TR_XLIFF, &b) < 0) {
		fprintf(stderr, "cophub: the export failed (see the log above)\n");
		goto out;
	}
	if (write_whole(out, b.data, b.len) < 0) {
		fprintf(stderr, "cophub: %s: %s\n", out, strerror(errno));
		goto out;
	}
	if (!str_eq(out, "-"))
		fprintf(stderr, "cophub: %s: %d units of %s in %s (%s)\n", out, s->nunits, s->name,
			L.code, format);
	rc = 0;
out:
	buf_free(&b);
	if (db)
		db_close(db);
	guidelines_free(&g);
	return rc;
}

/* A progress bar on standard error, when it is a terminal. */
static void import_progress(void *ctx, int done, int total)
{
	int *last = ctx;
	int width = 40, filled = total ? done * width / total : width;
	if (filled == *last && done != total)
		return;
	*last = filled;
	fprintf(stderr, "\r  [%.*s%*s] %d/%d", filled, "########################################",
		width - filled, "", done, total);
	if (done == total)
		fputc('\n', stderr);
}

/* `cophub translations import FILE`: as the command line, which may
 * approve; the whole file or nothing. */
static int cmd_translations_import(const struct config *c, const struct opts *o)
{
	const char *path = o->positional[0];
	size_t len;
	bool too_big;
	char *data = file_read(path, 64u << 20, &len, &too_big);
	if (!data) {
		fprintf(stderr, "cophub: %s: %s\n", path,
			too_big ? "larger than 64 MiB" : strerror(errno));
		return 1;
	}
	struct guidelines g;
	if (guidelines_load(c, &g)) {
		free(data);
		return 1;
	}
	int rc = 1, last = -1;
	struct tr_import_result res;
	memset(&res, 0, sizeof(res));
	struct db *db = open_db(c);
	if (db && db_begin(db, true) == 0) {
		bool tty = isatty(STDERR_FILENO);
		if (tr_import(db, data, len, 0, true, NULL, NULL, tty ? import_progress : NULL,
			      &last, &res) == 0 &&
		    db_commit(db) == 0) {
			printf("%s: %d units: %d changed, %d unchanged, %d skipped\n", path,
			       res.units, res.changed, res.unchanged, res.skipped);
			rc = 0;
		} else {
			db_rollback(db);
			const char *why = res.err[0] ? res.err : "The database refused the import.";
			size_t wl = strlen(why);
			fprintf(stderr, "cophub: %s: %s%s\n", path, why,
				wl && why[wl - 1] == '.' ? " Nothing was imported."
							 : "; nothing was imported.");
		}
	}
	if (db)
		db_close(db);
	guidelines_free(&g);
	free(data);
	return rc;
}

static int cmd_certificate_key(const struct config *c)
{
	char err[256], hex[crypto_sign_PUBLICKEYBYTES * 2 + 1];
	unsigned char sk[crypto_sign_SECRETKEYBYTES], pk[crypto_sign_PUBLICKEYBYTES];
	struct db *db = open_db(c);
	if (!db)
		return 1;
	int rc = cert_key(db, true, sk, pk, err, sizeof(err));
	sodium_memzero(sk, sizeof(sk));
	db_close(db);
	if (rc < 0) {
		fprintf(stderr, "cophub: %s\n", err);
		return 1;
	}
	sodium_bin2hex(hex, sizeof(hex), pk, sizeof(pk));
	printf("%s\n", hex);
	return 0;
}

/* cophub certificate verify FILE-OR-CODE: the public key from
 * --public-key, or else this deployment's (from the database). */
static int cmd_certificate_verify(const struct config *c, const struct opts *o)
{
	char err[256];
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	const char *arg = o->positional[0], *hexkey = opt(o, "public-key");
	if (hexkey) {
		size_t len = 0;
		if (sodium_hex2bin(pk, sizeof(pk), hexkey, strlen(hexkey), NULL, &len, NULL) != 0 ||
		    len != sizeof(pk) || strlen(hexkey) != 2 * sizeof(pk)) {
			fprintf(stderr, "cophub: --public-key: 64 hexadecimal digits expected\n");
			return 2;
		}
	} else {
		unsigned char sk[crypto_sign_SECRETKEYBYTES];
		struct db *db = open_db(c);
		if (!db)
			return 1;
		int rc = cert_key(db, false, sk, pk, err, sizeof(err));
		sodium_memzero(sk, sizeof(sk));
		db_close(db);
		if (rc < 0) {
			fprintf(stderr, "cophub: %s (or give --public-key)\n", err);
			return 1;
		}
	}
	/* a file when one has that name, else the text itself */
	size_t len = 0;
	bool too_big = false;
	char *data = NULL;
	struct stat sb;
	if (stat(arg, &sb) == 0) {
		data = file_read(arg, 16u << 20, &len, &too_big);
		if (!data) {
			fprintf(stderr, "cophub: %s: %s\n", arg,
				too_big ? "larger than 16 MiB" : "cannot read it");
			return 1;
		}
	}
	struct cert_claims cl;
	int rc = data ? cert_verify(data, len, pk, &cl, err, sizeof(err))
		      : cert_verify(arg, strlen(arg), pk, &cl, err, sizeof(err));
	free(data);
	if (rc < 0) {
		printf("not valid: %s\n", err);
		return 1;
	}
	printf("valid: signed with this key\n"
	       "code: %s\nkind: %s\nname: %s\ncourse: %s\ndate: %s\nissuer: %s\nlanguage: %s\n",
	       cl.code, cl.kind, cl.name, cl.course, cl.date, cl.issuer, cl.lang);
	return 0;
}

static int cmd_check(const struct config *c)
{
	char err[1024], path[1024];
	int warnings = 0, problems = 0;

	snprintf(path, sizeof(path), "%s/po", c->data_dir);
	if (i18n_load(path, &warnings, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		problems++;
	} else {
		const struct catalog *const *cats;
		size_t n = i18n_catalogs(&cats);
		for (size_t i = 0; i < n; i++)
			printf("translation %-3s %-10s %3d%%\n", catalog_code(cats[i]),
			       catalog_name(cats[i]), catalog_percent(cats[i]));
		problems += warnings;
	}
	struct tpl_set *set = tpl_set_new();
	snprintf(path, sizeof(path), "%s/templates", c->data_dir);
	if (tpl_load_dir(set, path, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		problems++;
	} else {
		printf("templates %zu\n", tpl_count(set));
	}
	tpl_set_free(set);
	snprintf(path, sizeof(path), "%s/static", c->data_dir);
	if (static_load(path, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		problems++;
	}
	static_free();
	i18n_free();
	if (problems) {
		fprintf(stderr, "cophub: check: %d problems\n", problems);
		return 1;
	}
	printf("check: ok\n");
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct config c;
	static const char *const serve_opts[] = {"config", "listen", "db", "threads", "data", NULL};
	static const char *const db_opts[] = {"config", "db", "data", NULL};
	static const char *const user_opts[] = {"config", "db", "data", "username", "role",
						"country", NULL};
	static const char *const data_opts[] = {"config", "data", NULL};
	static const char *const content_opts[] = {"config", "data", "lang", NULL};
	static const char *const cert_opts[] = {"config", "db", "data", "public-key", NULL};
	static const char *const tr_opts[] = {"config", "db", "data", "set", "lang", "format",
					      "out", NULL};

	if (argc < 2 || str_eq(argv[1], "--help") || str_eq(argv[1], "-h") ||
	    str_eq(argv[1], "help")) {
		print_help();
		return argc < 2 ? 2 : 0;
	}
	if (str_eq(argv[1], "--version")) {
#ifdef COPHUB_FAULTS
		printf("cophub %s (test build with fault injection)\n", COPHUB_VERSION);
#else
		printf("cophub %s\n", COPHUB_VERSION);
#endif
		return 0;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "cophub: libsodium cannot start\n");
		return 1;
	}
	const char *cmd = argv[1];
	const char *sub = NULL;
	int start = 2;
	if ((str_eq(cmd, "user") || str_eq(cmd, "country") || str_eq(cmd, "content") ||
	     str_eq(cmd, "certificate") || str_eq(cmd, "translations")) && argc > 2 &&
	    argv[2][0] != '-') {
		sub = argv[2];
		start = 3;
	}
	if (parse_opts(argc, argv, start, &o) < 0)
		return 2;
	/* certificate verify takes one: the file or code; translations import
	 * the file */
	int want_args = (str_eq(cmd, "certificate") && str_eq(sub, "verify")) ||
					(str_eq(cmd, "translations") && str_eq(sub, "import"))
				? 1
				: 0;
	if (o.npositional > want_args) {
		fprintf(stderr, "cophub: unexpected argument \"%s\" (see cophub --help)\n",
			o.positional[want_args]);
		return 2;
	}
	if (o.npositional < want_args) {
		fprintf(stderr, "cophub: %s needs a file%s (see cophub --help)\n",
			str_eq(cmd, "certificate") ? "certificate verify" : "translations import",
			str_eq(cmd, "certificate") ? " or a code" : "");
		return 2;
	}
	const char *const *allowed = db_opts;
	if (str_eq(cmd, "serve"))
		allowed = serve_opts;
	else if (str_eq(cmd, "user"))
		allowed = user_opts;
	else if (str_eq(cmd, "check") || str_eq(cmd, "routes"))
		allowed = data_opts;
	else if (str_eq(cmd, "content"))
		allowed = content_opts;
	else if (str_eq(cmd, "certificate"))
		allowed = cert_opts;
	else if (str_eq(cmd, "translations"))
		allowed = tr_opts;
	if (check_opts(&o, allowed) < 0 || load_config(&c, &o) < 0)
		return 2;

	if (str_eq(cmd, "serve"))
		return cmd_serve(&c);
	if (str_eq(cmd, "migrate"))
		return cmd_migrate(&c);
	if (str_eq(cmd, "demo"))
		return cmd_demo(&c);
	if (str_eq(cmd, "routes"))
		return cmd_routes();
	if (str_eq(cmd, "check"))
		return cmd_check(&c);
	if (str_eq(cmd, "content") && str_eq(sub, "check"))
		return cmd_content_check(&c, &o);
	if (str_eq(cmd, "content") && str_eq(sub, "narration"))
		return cmd_content_narration(&c, &o);
	if (str_eq(cmd, "certificate") && str_eq(sub, "key"))
		return cmd_certificate_key(&c);
	if (str_eq(cmd, "certificate") && str_eq(sub, "verify"))
		return cmd_certificate_verify(&c, &o);
	if (str_eq(cmd, "translations") && str_eq(sub, "sets"))
		return cmd_translations_sets(&c);
	if (str_eq(cmd, "translations") && str_eq(sub, "export"))
		return cmd_translations_export(&c, &o);
	if (str_eq(cmd, "translations") && str_eq(sub, "import"))
		return cmd_translations_import(&c, &o);
	if (str_eq(cmd, "country") && str_eq(sub, "list"))
		return cmd_country_list(&c);
	if (str_eq(cmd, "user") && str_eq(sub, "add"))
		return cmd_user_add(&c, &o);
	if (str_eq(cmd, "user") && str_eq(sub, "show"))
		return cmd_user_show(&c, &o);
	if (str_eq(cmd, "user") && str_eq(sub, "list"))
		return cmd_user_list(&c, &o);
	if (str_eq(cmd, "user") && str_eq(sub, "disable"))
		return cmd_user_disable(&c, &o, true);
	if (str_eq(cmd, "user") && str_eq(sub, "enable"))
		return cmd_user_disable(&c, &o, false);
	fprintf(stderr, "cophub: unknown command \"%s%s%s\" (see cophub --help)\n", cmd,
		sub ? " " : "", sub ? sub : "");
	return 2;
}
