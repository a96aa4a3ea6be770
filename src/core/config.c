/*
 * config.c: settings table, INI loading (libinih), environment and flags.
 *
 * libinih does the INI syntax.  It reports only the line of the first
 * error, so the file is fed to it through a reader that counts lines;
 * that way a setting the handler refuses is reported with its own line
 * and the reason, and a line inih cannot parse with its line.
 */
#include "core/config.h"
#include "core/util.h"

#include <ini.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum setting_type { T_STR, T_INT, T_BOOL, T_LISTEN, T_LANG, T_LEVEL, T_DBURL, T_COUNTRY, T_DRAFT,
		    T_URL, T_OPT };

struct setting {
	const char *section;
	const char *key;
	const char *env;
	const char *flag; /* NULL: no command-line flag */
	enum setting_type type;
	size_t offset;
	size_t size; /* for strings */
	int min, max;
	const char *help;
};

#define STR(f) offsetof(struct config, f), sizeof(((struct config *)0)->f)
#define NUM(f) offsetof(struct config, f), 0

static const struct setting settings[] = {
	{"server", "listen", "COPHUB_LISTEN", "listen", T_LISTEN, STR(listen), 0, 0,
	 "address to listen on, HOST:PORT (default 127.0.0.1:8080)"},
	{"server", "threads", "COPHUB_THREADS", "threads", T_INT, NUM(threads), 0, 256,
	 "worker threads, 0 = one per core (default 0)"},
	{"server", "max_connections", "COPHUB_MAX_CONNECTIONS", NULL, T_INT,
	 NUM(max_connections), 16, 1000000, "open connections at most (default 4096)"},
	{"server", "timeout", "COPHUB_TIMEOUT", NULL, T_INT, NUM(timeout), 1, 3600,
	 "seconds a connection may stay idle or slow (default 15)"},
	{"server", "tls", "COPHUB_TLS", NULL, T_BOOL, NUM(tls), 0, 1,
	 "true when a reverse proxy serves the site over HTTPS (default false)"},
	{"server", "public_url", "COPHUB_PUBLIC_URL", NULL, T_URL, STR(public_url), 0, 0,
	 "the site's address as people reach it, https://HOST, for the links sent by email "
	 "(default none)"},
	{"mail", "command", "COPHUB_MAIL_COMMAND", NULL, T_OPT, STR(mail_command), 0, 0,
	 "a program that sends the message on its standard input, such as /usr/sbin/sendmail "
	 "-t -i; with public_url, it turns on password resets by email (default none)"},
	{"mail", "from", "COPHUB_MAIL_FROM", NULL, T_OPT, STR(mail_from), 0, 0,
	 "the From address of the messages sent (default none)"},
	{"database", "url", "COPHUB_DB", "db", T_DBURL, STR(db_url), 0, 0,
	 "sqlite:PATH or postgresql://... (default sqlite:var/cophub.db)"},
	{"paths", "data", "COPHUB_DATA", "data", T_STR, STR(data_dir), 0, 0,
	 "folder with templates/, static/, po/, db/ and data/"},
	{"i18n", "default_lang", "COPHUB_DEFAULT_LANG", NULL, T_LANG, STR(default_lang), 0, 0,
	 "language when the browser states none we have (default en)"},
	{"play", "country", "COPHUB_PLAY_COUNTRY", NULL, T_COUNTRY, STR(play_country), 0, 0,
	 "ISO code of the country whose helplines children see first (default none)"},
	{"play", "draft", "COPHUB_PLAY_DRAFT", NULL, T_DRAFT, STR(play_draft), 0, 0,
	 "for content writers: serve content complete only in this language (default: all six)"},
	{"security", "session_idle", "COPHUB_SESSION_IDLE", NULL, T_INT, NUM(session_idle), 1,
	 86400 * 30, "seconds a session lives without use (default 1800)"},
	{"security", "session_absolute", "COPHUB_SESSION_ABSOLUTE", NULL, T_INT,
	 NUM(session_absolute), 1, 86400 * 90, "seconds a session lives at most (default 43200)"},
	{"security", "login_max_failures", "COPHUB_LOGIN_MAX_FAILURES", NULL, T_INT,
	 NUM(login_max_failures), 1, 100, "failed logins per account per window (default 100)"},
	{"security", "login_window", "COPHUB_LOGIN_WINDOW", NULL, T_INT, NUM(login_window), 1,
	 86400, "seconds of the failed-login window (default 3600)"},
	{"security", "argon2_memory_kib", "COPHUB_ARGON2_MEMORY_KIB", NULL, T_INT,
	 NUM(argon2_memory_kib), 19456, 4194304, "argon2id memory in KiB (default 19456)"},
	{"security", "argon2_passes", "COPHUB_ARGON2_PASSES", NULL, T_INT, NUM(argon2_passes), 2,
	 64, "argon2id passes (default 2)"},
	{"log", "level", "COPHUB_LOG_LEVEL", NULL, T_LEVEL, STR(log_level), 0, 0,
	 "debug, info, warn or error (default info)"},
};

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	str_copy(c->listen, sizeof(c->listen), "127.0.0.1:8080");
	str_copy(c->host, sizeof(c->host), "127.0.0.1");
	c->port = 8080;
	c->threads = 0;
	c->max_connections = 4096;
	c->timeout = 15;
	c->tls = false;
	str_copy(c->db_url, sizeof(c->db_url), "sqlite:var/cophub.db");
#ifdef COPHUB_DATADIR
	str_copy(c->data_dir, sizeof(c->data_dir), COPHUB_DATADIR);
#else
	str_copy(c->data_dir, sizeof(c->data_dir), ".");
#endif
	str_copy(c->default_lang, sizeof(c->default_lang), "en");
	c->session_idle = 1800;
	c->session_absolute = 43200;
	c->login_max_failures = 100;
	c->login_window = 3600;
	c->argon2_memory_kib = 19456;
	c->argon2_passes = 2;
	str_copy(c->log_level, sizeof(c->log_level), "info");
}

int config_parse_listen(const char *s, char *host, size_t hostlen, int *port)
{
	const char *colon;
	size_t hl;
	int64_t p;

	if (s[0] == '[') {
		const char *end = strchr(s, ']');
		if (!end || end[1] != ':')
			return -1;
		hl = (size_t)(end - s - 1);
		s++;
		colon = end + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			return -1;
		hl = (size_t)(colon - s);
	}
	if (hl == 0 || hl >= hostlen || !parse_int64(colon + 1, 0, 65535, &p))
		return -1;
	memcpy(host, s, hl);
	host[hl] = '\0';
	*port = (int)p;
	return 0;
}

static bool is_lang_code(const char *v)
{
	size_t n = strlen(v);
	if (n < 2 || n > 8)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] == '-' && i > 1)))
			return false;
	return true;
}

/* Checks and stores one value; on error writes the reason (no location). */
static int setting_store(struct config *c, const struct setting *s, const char *value,
			 char *err, size_t errlen)
{
	char *base = (char *)c + s->offset;
	int64_t n;

	switch (s->type) {
	case T_INT:
		if (!parse_int64(value, s->min, s->max, &n)) {
			snprintf(err, errlen, "%s must be a whole number from %d to %d, not \"%s\"",
				 s->key, s->min, s->max, value);
			return -1;
		}
		*(int *)base = (int)n;
		return 0;
	case T_BOOL:
		if (str_eq(value, "true") || str_eq(value, "yes") || str_eq(value, "1"))
			*(bool *)base = true;
		else if (str_eq(value, "false") || str_eq(value, "no") || str_eq(value, "0"))
			*(bool *)base = false;
		else {
			snprintf(err, errlen, "%s must be true or false, not \"%s\"", s->key, value);
			return -1;
		}
		return 0;
	case T_LISTEN:
		if (config_parse_listen(value, c->host, sizeof(c->host), &c->port) < 0) {
			snprintf(err, errlen, "%s must be HOST:PORT with a port from 0 to 65535, not \"%s\"",
				 s->key, value);
			return -1;
		}
		break;
	case T_LANG:
		if (!is_lang_code(value)) {
			snprintf(err, errlen, "%s must be a language code such as en, not \"%s\"", s->key,
				 value);
			return -1;
		}
		break;
	case T_LEVEL:
		if (!str_eq(value, "debug") && !str_eq(value, "info") && !str_eq(value, "warn") &&
		    !str_eq(value, "error")) {
			snprintf(err, errlen, "%s must be debug, info, warn or error, not \"%s\"",
				 s->key, value);
			return -1;
		}
		break;
	case T_DBURL:
		if (!str_starts(value, "sqlite:") && !str_starts(value, "postgresql://") &&
		    !str_starts(value, "postgres://")) {
			snprintf(err, errlen,
				 "%s must start with sqlite: or postgresql://, not \"%s\"", s->key, value);
			return -1;
		}
		break;
	case T_DRAFT:
		if (*value && !is_lang_code(value)) {
			snprintf(err, errlen, "%s must be a language code such as en, not \"%s\"", s->key,
				 value);
			return -1;
		}
		break;
	case T_COUNTRY:
		if (*value && !(strlen(value) == 2 && value[0] >= 'A' && value[0] <= 'Z' &&
				value[1] >= 'A' && value[1] <= 'Z')) {
			snprintf(err, errlen, "%s must be a two-letter country code such as KE, not \"%s\"",
				 s->key, value);
			return -1;
		}
		break;
	case T_URL:
		if (*value && !str_starts(value, "https://") && !str_starts(value, "http://")) {
			snprintf(err, errlen, "%s must start with https:// or http://, not \"%s\"",
				 s->key, value);
			return -1;
		}
		if (strpbrk(value, " \t\r\n\"<>")) {
			snprintf(err, errlen, "%s must be an address without spaces or quotes", s->key);
			return -1;
		}
		break;
	case T_OPT:
		if (strpbrk(value, "\r\n")) {
			snprintf(err, errlen, "%s must be one line", s->key);
			return -1;
		}
		break;
	case T_STR:
		if (!*value) {
			snprintf(err, errlen, "%s must not be empty", s->key);
			return -1;
		}
		break;
	}
	if (!str_copy(base, s->size, value)) {
		snprintf(err, errlen, "%s is longer than %zu bytes", s->key, s->size - 1);
		return -1;
	}
	return 0;
}

struct ini_state {
	struct config *c;
	FILE *f;
	int line;       /* line the reader last returned */
	int err_line;   /* first line the handler refused */
	char reason[512];
};

/* inih asks for at most num - 1 bytes.  A longer line would reach it in
 * pieces (a cut value, then the rest as a line of its own, and every
 * later line number one off), so the rest is skipped and the line
 * refused; a line of exactly num - 1 bytes has its newline eaten here. */
static char *cfg_reader(char *str, int num, void *stream)
{
	struct ini_state *st = stream;
	char *r = fgets(str, num, st->f);
	if (!r)
		return NULL;
	st->line++;
	size_t n = strlen(str);
	if (n > 0 && str[n - 1] != '\n') {
		int ch = fgetc(st->f);
		if (ch != EOF && ch != '\n') {
			while (ch != EOF && ch != '\n')
				ch = fgetc(st->f);
			if (!st->err_line) {
				st->err_line = st->line;
				snprintf(st->reason, sizeof(st->reason),
					 "line longer than %d characters", num - 1);
			}
			str_copy(str, (size_t)num, "!\n"); /* a line inih refuses */
		}
	}
	return r;
}

static int cfg_handler(void *user, const char *section, const char *key, const char *value)
{
	struct ini_state *st = user;
	char reason[512];

	for (size_t i = 0; i < ARRAY_LEN(settings); i++) {
		const struct setting *s = &settings[i];
		if (!str_eq(s->section, section) || !str_eq(s->key, key))
			continue;
		if (setting_store(st->c, s, value, reason, sizeof(reason)) == 0)
			return 1;
		goto refuse;
	}
	if (!*section)
		snprintf(reason, sizeof(reason), "\"%s\" is outside any [section]", key);
	else
		snprintf(reason, sizeof(reason), "unknown setting \"%s\" in [%s]", key, section);
refuse:
	if (!st->err_line) {
		st->err_line = st->line;
		str_copy(st->reason, sizeof(st->reason), reason);
	}
	return 0;
}

int config_load_file(struct config *c, const char *path, char *err, size_t errlen)
{
	struct ini_state st = {.c = c};
	int rc;

	st.f = fopen(path, "r");
	if (!st.f) {
		snprintf(err, errlen, "%s: cannot open: %m", path);
		return -1;
	}
	rc = ini_parse_stream(cfg_reader, &st, cfg_handler, &st);
	fclose(st.f);
	if (rc == 0)
		return 0;
	if (rc < 0) {
		snprintf(err, errlen, "%s: cannot read", path);
		return -1;
	}
	if (st.err_line && st.err_line <= rc)
		snprintf(err, errlen, "%s:%d: %s", path, st.err_line, st.reason);
	else
		snprintf(err, errlen, "%s:%d: expected \"key = value\", \"[section]\" or a comment",
			 path, rc);
	return -1;
}

int config_load_env(struct config *c, char *err, size_t errlen)
{
	char reason[512];
	for (size_t i = 0; i < ARRAY_LEN(settings); i++) {
		const char *v = getenv(settings[i].env);
		if (!v)
			continue;
		if (setting_store(c, &settings[i], v, reason, sizeof(reason)) < 0) {
			snprintf(err, errlen, "%s: %s", settings[i].env, reason);
			return -1;
		}
	}
	return 0;
}

int config_set_flag(struct config *c, const char *flag, const char *value, char *err,
		    size_t errlen)
{
	char reason[512];
	for (size_t i = 0; i < ARRAY_LEN(settings); i++) {
		if (!settings[i].flag || !str_eq(settings[i].flag, flag))
			continue;
		if (setting_store(c, &settings[i], value, reason, sizeof(reason)) < 0) {
			snprintf(err, errlen, "--%s: %s", flag, reason);
			return -1;
		}
		return 0;
	}
	snprintf(err, errlen, "--%s: unknown option", flag);
	return -1;
}

void config_print_help(void)
{
	const char *section = "";
	for (size_t i = 0; i < ARRAY_LEN(settings); i++) {
		const struct setting *s = &settings[i];
		if (!str_eq(section, s->section)) {
			printf("  [%s]\n", s->section);
			section = s->section;
		}
		char flag[64] = "";
		if (s->flag)
			snprintf(flag, sizeof(flag), ", --%s", s->flag);
		printf("    %-20s %s%s\n", s->key, s->env, flag);
		printf("    %-20s %s\n", "", s->help);
		if (s->type == T_STR && str_eq(s->key, "data")) {
			struct config d;
			config_defaults(&d);
			printf("    %-20s (default %s)\n", "", d.data_dir);
		}
	}
}
