/*
 * config.h: the server's settings.
 *
 * Settings come from built-in defaults, then a config file (INI), then
 * environment variables, then command-line flags; each later source
 * overrides the earlier ones.  One table (config.c) names every setting
 * with its section, key, environment variable, type and range, so the
 * file, the environment and the flags are all checked the same way.
 */
#ifndef COPHUB_CONFIG_H
#define COPHUB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_STR 256

struct config {
	/* [server] */
	char listen[CONFIG_STR];   /* HOST:PORT as given */
	char host[CONFIG_STR];     /* parsed from listen */
	int port;                  /* parsed from listen; 0 = ephemeral */
	int threads;               /* 0 = one per core */
	int max_connections;
	int timeout;               /* seconds of inactivity per connection */
	bool tls;                  /* served over TLS by a reverse proxy */
	char public_url[CONFIG_STR]; /* https://HOST as people reach it; "" unknown */
	/* [database] */
	char db_url[CONFIG_STR];
	/* [paths] */
	char data_dir[CONFIG_STR]; /* templates/, static/, po/, db/, data/ */
	/* [i18n] */
	char default_lang[16];
	/* [play] */
	char play_country[3];      /* the country whose helplines children see first; "" none */
	char play_draft[16];       /* content writers: require only this language; "" all */
	/* [security] */
	int session_idle;          /* seconds */
	int session_absolute;      /* seconds */
	int login_max_failures;    /* per account per window */
	int login_window;          /* seconds */
	int argon2_memory_kib;
	int argon2_passes;
	/* [mail] */
	char mail_command[CONFIG_STR]; /* reads a message on stdin; "" no mail */
	char mail_from[CONFIG_STR];
	/* [log] */
	char log_level[16];
};

void config_defaults(struct config *c);

/* Each returns 0, or -1 with a message in err ("FILE:LINE: reason" for
 * files, "COPHUB_X: reason" for the environment, "--flag: reason"). */
int config_load_file(struct config *c, const char *path, char *err, size_t errlen);
int config_load_env(struct config *c, char *err, size_t errlen);
/* Sets one value by its command-line flag name ("listen", "db", ...). */
int config_set_flag(struct config *c, const char *flag, const char *value, char *err,
		    size_t errlen);
/* Parses "HOST:PORT" or "[V6]:PORT" into host and port. */
int config_parse_listen(const char *s, char *host, size_t hostlen, int *port);

/* The documentation of every setting, for `cophub --help`. */
void config_print_help(void);

#endif
