/*
 * test_config.c: core/config.h, the server's settings.  Defaults; a good
 * INI file; every bad line reported as "FILE:LINE: reason" on its own
 * line (unknown key or section, out of range, not a number, no '=',
 * outside a section, bad listen address or database URL, a line too long
 * for the INI reader); the environment and command-line flags overriding
 * the file; config_parse_listen.
 */
#include "unit.h"

#include "core/config.h"

static char path[64];

/* Every variable config_load_env reads (`make unit` sets COPHUB_DATA). */
static const char *const env_names[] = {
	"COPHUB_LISTEN",	     "COPHUB_THREADS",		"COPHUB_MAX_CONNECTIONS",
	"COPHUB_TIMEOUT",	     "COPHUB_TLS",		"COPHUB_DB",
	"COPHUB_DATA",		     "COPHUB_DEFAULT_LANG",	"COPHUB_SESSION_IDLE",
	"COPHUB_SESSION_ABSOLUTE",   "COPHUB_LOGIN_MAX_FAILURES", "COPHUB_LOGIN_WINDOW",
	"COPHUB_ARGON2_MEMORY_KIB", "COPHUB_ARGON2_PASSES",	"COPHUB_LOG_LEVEL",
};

static int setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(env_names) / sizeof(env_names[0]); i++)
		unsetenv(env_names[i]);
	snprintf(path, sizeof(path), "/tmp/cophub-config-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(env_names) / sizeof(env_names[0]); i++)
		unsetenv(env_names[i]);
	return unlink(path);
}

/* Writes text to the test's file and loads it over the defaults. */
static int load(struct config *c, const char *text, char *err, size_t errlen)
{
	unit_write_str(NULL, path, text);
	config_defaults(c);
	err[0] = '\0';
	return config_load_file(c, path, err, errlen);
}

static void test_defaults(void **state)
{
	(void)state;
	struct config c;
	memset(&c, 0x5a, sizeof(c));
	config_defaults(&c);
	assert_string_equal(c.listen, "127.0.0.1:8080");
	assert_string_equal(c.host, "127.0.0.1");
	assert_int_equal(c.port, 8080);
	assert_int_equal(c.threads, 0);
	assert_int_equal(c.max_connections, 4096);
	assert_int_equal(c.timeout, 15);
	assert_false(c.tls);
	assert_string_equal(c.db_url, "sqlite:var/cophub.db");
	assert_string_equal(c.data_dir, COPHUB_DATADIR);
	assert_string_equal(c.default_lang, "en");
	assert_int_equal(c.session_idle, 1800);
	assert_int_equal(c.session_absolute, 43200);
	assert_int_equal(c.login_max_failures, 100);
	assert_int_equal(c.login_window, 3600);
	assert_int_equal(c.argon2_memory_kib, 19456);
	assert_int_equal(c.argon2_passes, 2);
	assert_string_equal(c.log_level, "info");

	/* with no environment, config_load_env changes nothing */
	struct config d;
	char err[256];
	config_defaults(&d);
	assert_int_equal(config_load_env(&d, err, sizeof(err)), 0);
	assert_memory_equal(&c, &d, sizeof(c));
}

static void test_good_file(void **state)
{
	(void)state;
	struct config c;
	char err[512];
	const char *text = "; a comment\n"
			   "# another comment\n"
			   "[server]\n"
			   "listen = [::1]:9000\n"
			   "threads = 4 ; an inline comment\n"
			   "max_connections = 100\n"
			   "timeout = 30\n"
			   "tls = yes\n"
			   "\n"
			   "[database]\n"
			   "url = postgresql://cophub@localhost/cophub\n"
			   "\n"
			   "[paths]\n"
			   "data = /srv/cophub\n"
			   "\n"
			   "[i18n]\n"
			   "default_lang = pt-br\n"
			   "\n"
			   "[security]\n"
			   "session_idle = 600\n"
			   "session_absolute = 7200\n"
			   "login_max_failures = 5\n"
			   "login_window = 900\n"
			   "argon2_memory_kib = 65536\n"
			   "argon2_passes = 3\n"
			   "\n"
			   "[log]\n"
			   "  level = debug  \n";
	if (load(&c, text, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	assert_string_equal(c.listen, "[::1]:9000");
	assert_string_equal(c.host, "::1");
	assert_int_equal(c.port, 9000);
	assert_int_equal(c.threads, 4);
	assert_int_equal(c.max_connections, 100);
	assert_int_equal(c.timeout, 30);
	assert_true(c.tls);
	assert_string_equal(c.db_url, "postgresql://cophub@localhost/cophub");
	assert_string_equal(c.data_dir, "/srv/cophub");
	assert_string_equal(c.default_lang, "pt-br");
	assert_int_equal(c.session_idle, 600);
	assert_int_equal(c.session_absolute, 7200);
	assert_int_equal(c.login_max_failures, 5);
	assert_int_equal(c.login_window, 900);
	assert_int_equal(c.argon2_memory_kib, 65536);
	assert_int_equal(c.argon2_passes, 3);
	assert_string_equal(c.log_level, "debug");

	/* a partial file keeps the other defaults; booleans both ways */
	assert_int_equal(load(&c, "[server]\nthreads = 2\ntls = false\n", err, sizeof(err)), 0);
	assert_int_equal(c.threads, 2);
	assert_false(c.tls);
	assert_int_equal(c.timeout, 15);
	assert_string_equal(c.listen, "127.0.0.1:8080");
	assert_int_equal(load(&c, "[server]\ntls = 1\n[database]\nurl = sqlite:/x.db\n", err,
			      sizeof(err)),
			 0);
	assert_true(c.tls);
	assert_string_equal(c.db_url, "sqlite:/x.db");
	/* an empty file is fine */
	assert_int_equal(load(&c, "", err, sizeof(err)), 0);
	assert_int_equal(c.port, 8080);
}

static const struct {
	const char *text;
	const char *err; /* after the path */
} bad_files[] = {
	{"[server]\nthreads = 4\nbogus = 1\n", ":3: unknown setting \"bogus\" in [server]"},
	{"[server]\n\n[nosuch]\nkey = 1\n", ":4: unknown setting \"key\" in [nosuch]"},
	{"[Server]\nthreads = 1\n", ":2: unknown setting \"threads\" in [Server]"},
	{"[database]\nthreads = 1\n", ":2: unknown setting \"threads\" in [database]"},
	{"[server]\n# c\ntimeout = 0\n", ":3: timeout must be a whole number from 1 to 3600, not \"0\""},
	{"[server]\ntimeout = 3601\n",
	 ":2: timeout must be a whole number from 1 to 3600, not \"3601\""},
	{"[server]\nthreads = 257\n", ":2: threads must be a whole number from 0 to 256, not \"257\""},
	{"[server]\nthreads = -1\n", ":2: threads must be a whole number from 0 to 256, not \"-1\""},
	{"[security]\nargon2_memory_kib = 19455\n",
	 ":2: argon2_memory_kib must be a whole number from 19456 to 4194304, not \"19455\""},
	{"[server]\nthreads = many\n", ":2: threads must be a whole number from 0 to 256, not \"many\""},
	{"[server]\nthreads = 4x\n", ":2: threads must be a whole number from 0 to 256, not \"4x\""},
	{"[server]\nthreads = 99999999999999999999\n",
	 ":2: threads must be a whole number from 0 to 256, not \"99999999999999999999\""},
	{"[server]\nthreads =\n", ":2: threads must be a whole number from 0 to 256, not \"\""},
	{"[server]\nthreads = 4\njust some words\n",
	 ":3: expected \"key = value\", \"[section]\" or a comment"},
	{"[server\nthreads = 1\n", ":1: expected \"key = value\", \"[section]\" or a comment"},
	{"listen = 127.0.0.1:80\n", ":1: \"listen\" is outside any [section]"},
	{"# top\n\nlisten = 127.0.0.1:80\n[server]\n", ":3: \"listen\" is outside any [section]"},
	{"[server]\nlisten = nohost\n",
	 ":2: listen must be HOST:PORT with a port from 0 to 65535, not \"nohost\""},
	{"[server]\nlisten = :80\n",
	 ":2: listen must be HOST:PORT with a port from 0 to 65535, not \":80\""},
	{"[server]\nlisten = host:99999\n",
	 ":2: listen must be HOST:PORT with a port from 0 to 65535, not \"host:99999\""},
	{"[database]\nurl = mysql://x\n",
	 ":2: url must start with sqlite: or postgresql://, not \"mysql://x\""},
	{"[server]\ntls = maybe\n", ":2: tls must be true or false, not \"maybe\""},
	{"[log]\nlevel = verbose\n", ":2: level must be debug, info, warn or error, not \"verbose\""},
	{"[i18n]\ndefault_lang = EN\n",
	 ":2: default_lang must be a language code such as en, not \"EN\""},
	{"[i18n]\ndefault_lang = -en\n",
	 ":2: default_lang must be a language code such as en, not \"-en\""},
	{"[paths]\ndata =\n", ":2: data must not be empty"},
	/* the first error is the one reported */
	{"[server]\nthreads = x\nbogus\n", ":2: threads must be a whole number from 0 to 256, not \"x\""},
	{"[server]\nbogus\nthreads = x\n", ":2: expected \"key = value\", \"[section]\" or a comment"},
	{"[server]\ntimeout = 5\n\n\n\n[log]\nlevel = loud\nlevel = louder\n",
	 ":7: level must be debug, info, warn or error, not \"loud\""},
};

static void test_bad_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_files) / sizeof(bad_files[0]); i++) {
		struct config c;
		char err[512], want[512];
		snprintf(want, sizeof(want), "%s%s", path, bad_files[i].err);
		int rc = load(&c, bad_files[i].text, err, sizeof(err));
		if (rc != -1 || strcmp(err, want) != 0)
			fail_msg("file:\n%s\n  gave %d \"%s\"\n  expected \"%s\"", bad_files[i].text,
				 rc, err, want);
	}

	struct config c;
	char err[512];
	config_defaults(&c);
	assert_int_equal(config_load_file(&c, "/nonexistent/cophub.ini", err, sizeof(err)), -1);
	assert_string_equal(err, "/nonexistent/cophub.ini: cannot open: No such file or directory");
}

/* "[paths]\ndata = /" + n letters + rest */
static char *long_line_file(int n, const char *rest)
{
	size_t len = 32 + (size_t)n + strlen(rest);
	char *s = malloc(len);
	int o = snprintf(s, len, "[paths]\ndata = /");
	memset(s + o, 'a', (size_t)n);
	snprintf(s + o + n, len - (size_t)o - (size_t)n, "\n%s", rest);
	return s;
}

/* The INI reader takes lines of up to 199 characters. */
static void test_long_lines(void **state)
{
	(void)state;
	struct config c;
	char err[512], want[512];

	/* 199 characters: read whole, and the line numbers after it stay right */
	char *text = long_line_file(191, "[server]\nthreads = 3\n");
	assert_int_equal(load(&c, text, err, sizeof(err)), 0);
	assert_int_equal(strlen(c.data_dir), 192);
	assert_int_equal(c.threads, 3);
	free(text);
	text = long_line_file(191, "[server]\nthreads = x\n");
	assert_int_equal(load(&c, text, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s:4: threads must be a whole number from 0 to 256, not \"x\"",
		 path);
	assert_string_equal(err, want);
	free(text);

	/* longer: refused on its own line, not cut into a value and a
	 * line of its own */
	static const int lengths[] = {192, 300, 5000};
	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		text = long_line_file(lengths[i], "[server]\nthreads = x\n");
		assert_int_equal(load(&c, text, err, sizeof(err)), -1);
		snprintf(want, sizeof(want), "%s:2: line longer than 199 characters", path);
		assert_string_equal(err, want);
		free(text);
	}
	/* an error before the long line still comes first */
	text = long_line_file(300, "");
	char *both = malloc(strlen(text) + 32);
	snprintf(both, strlen(text) + 32, "[server]\nthreads = x\n%s", text);
	assert_int_equal(load(&c, both, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s:2: threads must be a whole number from 0 to 256, not \"x\"",
		 path);
	assert_string_equal(err, want);
	free(both);
	free(text);
}

static void test_env_and_flags_override(void **state)
{
	(void)state;
	struct config c;
	char err[512];
	assert_int_equal(load(&c,
			      "[server]\nthreads = 4\ntimeout = 30\nlisten = 127.0.0.1:1\n"
			      "[log]\nlevel = warn\n",
			      err, sizeof(err)),
			 0);
	setenv("COPHUB_THREADS", "8", 1);
	setenv("COPHUB_LISTEN", "0.0.0.0:81", 1);
	setenv("COPHUB_TLS", "true", 1);
	setenv("COPHUB_DB", "postgres://db.example/cophub", 1);
	setenv("COPHUB_DATA", "/opt/cophub", 1);
	setenv("COPHUB_DEFAULT_LANG", "fr", 1);
	setenv("COPHUB_ARGON2_PASSES", "4", 1);
	assert_int_equal(config_load_env(&c, err, sizeof(err)), 0);
	assert_int_equal(c.threads, 8);
	assert_int_equal(c.timeout, 30);	/* from the file */
	assert_string_equal(c.log_level, "warn");
	assert_string_equal(c.listen, "0.0.0.0:81");
	assert_string_equal(c.host, "0.0.0.0");
	assert_int_equal(c.port, 81);
	assert_true(c.tls);
	assert_string_equal(c.db_url, "postgres://db.example/cophub");
	assert_string_equal(c.data_dir, "/opt/cophub");
	assert_string_equal(c.default_lang, "fr");
	assert_int_equal(c.argon2_passes, 4);

	/* flags come last */
	assert_int_equal(config_set_flag(&c, "listen", "[::1]:0", err, sizeof(err)), 0);
	assert_int_equal(config_set_flag(&c, "threads", "2", err, sizeof(err)), 0);
	assert_int_equal(config_set_flag(&c, "db", "sqlite:/tmp/x.db", err, sizeof(err)), 0);
	assert_int_equal(config_set_flag(&c, "data", "/srv/x", err, sizeof(err)), 0);
	assert_string_equal(c.listen, "[::1]:0");
	assert_string_equal(c.host, "::1");
	assert_int_equal(c.port, 0);
	assert_int_equal(c.threads, 2);
	assert_string_equal(c.db_url, "sqlite:/tmp/x.db");
	assert_string_equal(c.data_dir, "/srv/x");
}

static void test_env_errors(void **state)
{
	(void)state;
	static const struct {
		const char *name, *value, *err;
	} cases[] = {
		{"COPHUB_TIMEOUT", "0",
		 "COPHUB_TIMEOUT: timeout must be a whole number from 1 to 3600, not \"0\""},
		{"COPHUB_THREADS", "",
		 "COPHUB_THREADS: threads must be a whole number from 0 to 256, not \"\""},
		{"COPHUB_TLS", "on", "COPHUB_TLS: tls must be true or false, not \"on\""},
		{"COPHUB_LISTEN", "nohost",
		 "COPHUB_LISTEN: listen must be HOST:PORT with a port from 0 to 65535, not \"nohost\""},
		{"COPHUB_DB", "mysql://x",
		 "COPHUB_DB: url must start with sqlite: or postgresql://, not \"mysql://x\""},
		{"COPHUB_DATA", "", "COPHUB_DATA: data must not be empty"},
		{"COPHUB_LOG_LEVEL", "INFO",
		 "COPHUB_LOG_LEVEL: level must be debug, info, warn or error, not \"INFO\""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config c;
		char err[512] = "";
		config_defaults(&c);
		setenv(cases[i].name, cases[i].value, 1);
		assert_int_equal(config_load_env(&c, err, sizeof(err)), -1);
		assert_string_equal(err, cases[i].err);
		unsetenv(cases[i].name);
	}
}

static void test_flag_errors(void **state)
{
	(void)state;
	struct config c;
	char err[512];
	config_defaults(&c);
	assert_int_equal(config_set_flag(&c, "listen", "[::1]:0", err, sizeof(err)), 0);

	assert_int_equal(config_set_flag(&c, "timeout", "5", err, sizeof(err)), -1);
	assert_string_equal(err, "--timeout: unknown option");	/* no flag for it */
	assert_int_equal(c.timeout, 15);
	assert_int_equal(config_set_flag(&c, "bogus", "1", err, sizeof(err)), -1);
	assert_string_equal(err, "--bogus: unknown option");
	assert_int_equal(config_set_flag(&c, "threads", "-1", err, sizeof(err)), -1);
	assert_string_equal(err, "--threads: threads must be a whole number from 0 to 256, not \"-1\"");
	assert_int_equal(c.threads, 0);
	assert_int_equal(config_set_flag(&c, "listen", ":80", err, sizeof(err)), -1);
	assert_string_equal(err,
			    "--listen: listen must be HOST:PORT with a port from 0 to 65535, not \":80\"");
	/* a refused address leaves the last good one */
	assert_string_equal(c.host, "::1");
	assert_int_equal(c.port, 0);
	assert_int_equal(config_set_flag(&c, "db", "mysql://", err, sizeof(err)), -1);
	assert_string_equal(err, "--db: url must start with sqlite: or postgresql://, not \"mysql://\"");

	char longv[300];
	memset(longv, 'a', sizeof(longv) - 1);
	longv[0] = '/';
	longv[sizeof(longv) - 1] = '\0';
	assert_int_equal(config_set_flag(&c, "data", longv, err, sizeof(err)), -1);
	assert_string_equal(err, "--data: data is longer than 255 bytes");
}

static void test_parse_listen(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int rc;
		const char *host;
		int port;
	} cases[] = {
		{"127.0.0.1:8080", 0, "127.0.0.1", 8080},
		{"[::1]:0", 0, "::1", 0},
		{"[2001:db8::1]:443", 0, "2001:db8::1", 443},
		{"localhost:65535", 0, "localhost", 65535},
		{"0.0.0.0:1", 0, "0.0.0.0", 1},
		{":80", -1, NULL, 0},
		{"host:99999", -1, NULL, 0},
		{"host:65536", -1, NULL, 0},
		{"host:", -1, NULL, 0},
		{"host", -1, NULL, 0},
		{"", -1, NULL, 0},
		{"host:8o", -1, NULL, 0},
		{"host:-1", -1, NULL, 0},
		{"host: 80", -1, NULL, 0},
		{"host:80 ", -1, NULL, 0},
		{"[::1]", -1, NULL, 0},
		{"[::1]80", -1, NULL, 0},
		{"[::1:80", -1, NULL, 0},
		{"[]:80", -1, NULL, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char host[64] = "unchanged";
		int port = -7;
		int rc = config_parse_listen(cases[i].in, host, sizeof(host), &port);
		if (rc != cases[i].rc)
			fail_msg("config_parse_listen(\"%s\") = %d", cases[i].in, rc);
		if (rc == 0) {
			assert_string_equal(host, cases[i].host);
			assert_int_equal(port, cases[i].port);
		} else {
			assert_string_equal(host, "unchanged");
			assert_int_equal(port, -7);
		}
	}
	/* the host must fit */
	char small[4];
	int port;
	assert_int_equal(config_parse_listen("abc:1", small, sizeof(small), &port), 0);
	assert_string_equal(small, "abc");
	assert_int_equal(config_parse_listen("abcd:1", small, sizeof(small), &port), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_good_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_env_and_flags_override, setup, teardown),
		cmocka_unit_test_setup_teardown(test_env_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flag_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_listen, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
