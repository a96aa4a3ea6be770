/*
 * auth.c: see auth.h.
 */
#include "web/auth.h"
#include "web/i18n.h"
#include "web/roles.h"
#include "core/config.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct auth_params params;
static unsigned char secret[32];
static char dummy_hash[crypto_pwhash_STRBYTES];

/* The common-password list: a sorted array of lower-case strings. */
static char **common;
static size_t ncommon;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lower_ascii(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static int load_common(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char line[256];
	size_t cap = 0;

	if (!f) {
		snprintf(err, errlen, "%s: cannot open the common-password list: %m", path);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, "\r\n");
		line[n] = '\0';
		if (!n || str_starts(line, "#!comment:"))
			continue;
		lower_ascii(line);
		if (ncommon == cap) {
			cap = cap ? cap * 2 : 4096;
			common = xrealloc(common, cap * sizeof(*common));
		}
		common[ncommon++] = xstrdup(line);
	}
	fclose(f);
	qsort(common, ncommon, sizeof(*common), cmp_str);
	return 0;
}

int auth_init(const struct auth_params *p, const char *common_path, char *err, size_t errlen)
{
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium cannot start");
		return -1;
	}
	params = *p;
	for (size_t i = 0; i < ncommon; i++)
		free(common[i]);
	free(common);
	common = NULL;
	ncommon = 0;
	if (load_common(common_path, err, errlen) < 0)
		return -1;
	char pw[24];
	password_generate(pw);
	if (password_hash(pw, dummy_hash, sizeof(dummy_hash)) < 0) {
		snprintf(err, errlen, "argon2id: cannot allocate %d KiB", p->argon2_memory_kib);
		return -1;
	}
	return 0;
}

int auth_init_config(const struct config *c, char *err, size_t errlen)
{
	char path[1024];
	struct auth_params ap = {
		.argon2_memory_kib = c->argon2_memory_kib,
		.argon2_passes = c->argon2_passes,
		.session_idle = c->session_idle,
		.session_absolute = c->session_absolute,
		.login_max_failures = c->login_max_failures,
		.login_window = c->login_window,
	};
	snprintf(path, sizeof(path), "%s/data/common-passwords.txt", c->data_dir);
	return auth_init(&ap, path, err, errlen);
}

const struct auth_params *auth_params(void)
{
	return &params;
}

int auth_load_secret(struct db *db, char *err, size_t errlen)
{
	char hex[65];
	struct db_stmt *st = db_q(db, "SELECT value FROM settings WHERE key = 'secret'", "");
	if (!st) {
		snprintf(err, errlen, "cannot read settings: %s (run `cophub migrate` first)",
			 db_errmsg(db));
		return -1;
	}
	int rc = db_step(st);
	const char *v = rc == DB_ROW ? db_text(st, 0) : NULL;
	size_t len = 0;
	if (v && sodium_hex2bin(secret, sizeof(secret), v, strlen(v), NULL, &len, NULL) == 0 &&
	    len == sizeof(secret)) {
		db_done(st);
		return 0;
	}
	db_done(st);
	if (rc == DB_ROW) {
		snprintf(err, errlen, "the secret in settings is malformed");
		return -1;
	}
	randombytes_buf(secret, sizeof(secret));
	hex_encode(hex, secret, sizeof(secret));
	if (db_x(db, "INSERT INTO settings (key, value) VALUES ('secret', ?)", "t", hex) !=
	    DB_DONE) {
		snprintf(err, errlen, "cannot store the secret: %s", db_errmsg(db));
		return -1;
	}
	return 0;
}

int password_hash(const char *password, char *out, size_t outlen)
{
	if (outlen < crypto_pwhash_STRBYTES)
		return -1;
	return crypto_pwhash_str_alg(out, password, strlen(password),
				     (unsigned long long)params.argon2_passes,
				     (size_t)params.argon2_memory_kib * 1024,
				     crypto_pwhash_ALG_ARGON2ID13);
}

bool password_verify(const char *hash, const char *password)
{
	if (!hash || !str_starts(hash, "$argon2id$"))
		return false;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool password_verify_dummy(const char *password)
{
	/* The result does not matter; the work does. */
	if (crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
		return false;
	return false;
}

bool password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, (unsigned long long)params.argon2_passes,
					      (size_t)params.argon2_memory_kib * 1024) != 0;
}

const char *password_problem(const char *password, const char *username)
{
	size_t n = utf8_chars(password);
	if (n < PASSWORD_MIN)
		return N_("The password must have at least 8 characters.");
	if (n > PASSWORD_MAX)
		return N_("The password must have at most 128 characters.");
	if (!utf8_valid_text(password, strlen(password), false))
		return N_("The password contains characters that cannot be used.");
	char low[4 * PASSWORD_MAX + 1];
	str_copy(low, sizeof(low), password);
	lower_ascii(low);
	const char *key = low;
	if (ncommon && bsearch(&key, common, ncommon, sizeof(*common), cmp_str))
		return N_("This password is one of the most common passwords. Choose another.");
	if (username && strcasecmp(password, username) == 0)
		return N_("The password must not be the same as the username.");
	return NULL;
}

void password_generate(char out[24])
{
	/* 31 symbols without 0/o, 1/l/i: log2(31) = 4.95 bits each, 20 symbols = 99 bits */
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	int k = 0;
	for (int i = 0; i < 20; i++) {
		if (i && i % 5 == 0)
			out[k++] = '-';
		out[k++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	}
	out[k] = '\0';
}

bool username_clean(const char *in, char *out, size_t outlen)
{
	size_t n = 0;
	if (!in)
		return false;
	while (*in == ' ' || *in == '\t')
		in++;
	for (; *in && n + 1 < outlen; in++) {
		char c = *in;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		out[n++] = c;
	}
	while (n && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		n--;
	out[n] = '\0';
	return n > 0 && !*in;
}

bool username_valid(const char *name)
{
	size_t n = strlen(name);
	if (n < 3 || n > USERNAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			  (i > 0 && (c == '.' || c == '_' || c == '-' || c == '@' || c == '+'));
		if (!ok)
			return false;
	}
	return true;
}

void token_new(char out[TOKEN_LEN + 1])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void token_hash(const char *token, char out[TOKEN_HASH_LEN + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	hex_encode(out, h, sizeof(h));
}

void auth_mac(const char *purpose, const char *data, char out[TOKEN_LEN + 1])
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_init(&st, secret, sizeof(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)purpose, strlen(purpose));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)":", 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)data, strlen(data));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2base64(out, TOKEN_LEN + 1, mac, sizeof(mac),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool auth_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (!b || n != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

/* ---- users ---------------------------------------------------------------- */

#define USER_COLUMNS                                                                     \
	"id, username, display_name, role, COALESCE(country, ''), disabled, "            \
	"must_change_password, CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END, created_at"

static void user_from_row(struct db_stmt *st, int base, struct user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = db_int(st, base);
	str_copy(u->username, sizeof(u->username), db_text(st, base + 1) ? db_text(st, base + 1) : "");
	str_copy(u->display_name, sizeof(u->display_name),
		 db_text(st, base + 2) ? db_text(st, base + 2) : "");
	u->role = role_from_name(db_text(st, base + 3));
	str_copy(u->country, sizeof(u->country), db_text(st, base + 4) ? db_text(st, base + 4) : "");
	u->disabled = db_int(st, base + 5) != 0;
	u->must_change = db_int(st, base + 6) != 0;
	u->has_password = db_int(st, base + 7) != 0;
	u->created_at = db_int(st, base + 8);
}

int user_insert(struct db *db, const char *username, unsigned role, const char *country,
		const char *hash, int64_t *id)
{
	if (db_savepoint(db) < 0)
		return DB_ERROR;
	struct db_stmt *st = db_q(db,
				  "INSERT INTO users (username, role, country, password_hash, "
				  "must_change_password, created_at) VALUES (?, ?, ?, ?, 1, ?) "
				  "RETURNING id",
				  "tttti", username, role_name(role),
				  country && *country ? country : NULL, hash, now_seconds());
	int rc = st ? db_step(st) : DB_ERROR;
	if (rc == DB_ROW) {
		*id = db_int(st, 0);
		rc = DB_DONE;
		while (db_step(st) == DB_ROW)
			;
	}
	if (st)
		db_done(st);
	db_savepoint_end(db, rc);
	return rc;
}

int user_by_name(struct db *db, const char *username, struct user *u, char *hash,
		 size_t hashlen)
{
	struct db_stmt *st = db_q(db,
				  "SELECT " USER_COLUMNS ", COALESCE(password_hash, '') "
				  "FROM users WHERE username = ?",
				  "t", username);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		user_from_row(st, 0, u);
		if (hash)
			str_copy(hash, hashlen, db_text(st, 9) ? db_text(st, 9) : "");
	}
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int user_by_id(struct db *db, int64_t id, struct user *u)
{
	struct db_stmt *st = db_q(db, "SELECT " USER_COLUMNS " FROM users WHERE id = ?", "i", id);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		user_from_row(st, 0, u);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int user_set_password(struct db *db, int64_t id, const char *hash, bool must_change)
{
	return db_x(db, "UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?",
		    "tii", hash, (int64_t)must_change, id) == DB_DONE
		       ? 0
		       : -1;
}

int user_set_disabled(struct db *db, int64_t id, bool disabled)
{
	if (db_x(db, "UPDATE users SET disabled = ? WHERE id = ?", "ii", (int64_t)disabled, id) !=
	    DB_DONE)
		return -1;
	return disabled ? sessions_delete_user(db, id) : 0;
}

int64_t user_count_admins(struct db *db)
{
	struct db_stmt *st =
		db_q(db, "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0", "");
	if (!st)
		return -1;
	int64_t n = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
	db_done(st);
	return n;
}

/* ---- sessions ------------------------------------------------------------- */

int session_create(struct db *db, int64_t user_id, char token[TOKEN_LEN + 1],
		   char csrf[TOKEN_LEN + 1])
{
	char h[TOKEN_HASH_LEN + 1];
	int64_t now = now_seconds();
	token_new(token);
	token_new(csrf);
	token_hash(token, h);
	return db_x(db,
		    "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, csrf) "
		    "VALUES (?, ?, ?, ?, ?)",
		    "tiiit", h, user_id, now, now, csrf) == DB_DONE
		       ? 0
		       : -1;
}

/* Each thread remembers the last few sessions it found, with a stamp of
 * the database at that moment, and uses a remembered one only while the
 * stamp is the same and the session needs no refresh of its idle clock;
 * otherwise it asks the database.  The stamp is this process's write
 * generation (it changes after every write cophub commits: a logout, a
 * disabled account, a password change take effect at once) and, on
 * SQLite, the database's data_version, read at most every
 * SESSION_EXTERNAL_MS, which notices writes by other processes (the
 * command line, another cophub on the same file) within that time.
 * PostgreSQL offers no cheap way to notice other processes' writes, so
 * there every request asks the database. */
#define SESSION_MEMO 8
#define SESSION_EXTERNAL_MS 250

struct session_memo {
	struct db *db;
	uint64_t local, external;
	char hash[TOKEN_HASH_LEN + 1];
	int64_t created, seen;
	struct user user;
	char csrf[TOKEN_LEN + 1];
};

static _Thread_local struct session_memo memo[SESSION_MEMO];
static _Thread_local unsigned memo_next;
static _Thread_local struct {
	struct db *db;
	int64_t checked_us;
	uint64_t version;
	uint64_t generation;
} external;

/* The thread's view of other processes' writes; false when it cannot
 * tell (PostgreSQL, or the check failed). */
static bool external_generation(struct db *db, uint64_t *gen)
{
	int64_t now = mono_usec();
	if (external.db != db || now - external.checked_us >= SESSION_EXTERNAL_MS * 1000) {
		uint64_t v;
		if (db_change_stamp(db, &v) < 0)
			return false;
		if (external.db != db || v != external.version)
			external.generation++;
		external.db = db;
		external.version = v;
		external.checked_us = now;
	}
	*gen = external.generation;
	return true;
}

static bool session_fresh(int64_t now, int64_t created, int64_t seen)
{
	return now - created <= params.session_absolute && now - seen <= params.session_idle &&
	       now - seen < 60 && now - seen < params.session_idle / 2;
}

static int session_from_memo(struct db *db, const char *h, uint64_t local, uint64_t ext,
			     int64_t now, struct user *u, char csrf[TOKEN_LEN + 1])
{
	for (int i = 0; i < SESSION_MEMO; i++) {
		struct session_memo *m = &memo[i];
		if (m->db != db || m->local != local || m->external != ext ||
		    strcmp(m->hash, h) != 0)
			continue;
		if (!session_fresh(now, m->created, m->seen))
			return 0;
		*u = m->user;
		memcpy(csrf, m->csrf, TOKEN_LEN + 1);
		return 1;
	}
	return 0;
}

int session_find(struct db *db, const char *token, struct user *u, char csrf[TOKEN_LEN + 1])
{
	char h[TOKEN_HASH_LEN + 1];
	int64_t now = now_seconds();
	if (strlen(token) != TOKEN_LEN)
		return 0;
	token_hash(token, h);
	uint64_t local = db_local_generation(), ext = 0;
	bool can_memo = external_generation(db, &ext);
	if (can_memo && session_from_memo(db, h, local, ext, now, u, csrf))
		return 1;
	struct db_stmt *st = db_q(db,
				  "SELECT s.created_at, s.last_seen_at, u.id, u.username, "
				  "u.display_name, u.role, COALESCE(u.country, ''), u.disabled, "
				  "u.must_change_password, "
				  "CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END, u.created_at, "
				  "s.csrf "
				  "FROM sessions s JOIN users u ON u.id = s.user_id "
				  "WHERE s.token_hash = ?",
				  "t", h);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_done(st);
		return rc == DB_DONE ? 0 : -1;
	}
	int64_t created = db_int(st, 0), seen = db_int(st, 1);
	user_from_row(st, 2, u);
	const char *tok = db_text(st, 11);
	bool has_csrf = tok && strlen(tok) == TOKEN_LEN;
	if (has_csrf)
		memcpy(csrf, tok, TOKEN_LEN + 1);
	db_done(st);
	if (!has_csrf || u->disabled || now - created > params.session_absolute ||
	    now - seen > params.session_idle) {
		db_x(db, "DELETE FROM sessions WHERE token_hash = ?", "t", h);
		return 0;
	}
	/* Refresh the idle clock at most once a minute, not on every request. */
	if (now - seen >= 60 || now - seen >= params.session_idle / 2) {
		db_x(db, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", "it", now, h);
		return 1; /* the write changed the stamp: nothing to remember */
	}
	if (can_memo) {
		struct session_memo *m = &memo[memo_next++ % SESSION_MEMO];
		m->db = db;
		m->local = local;
		m->external = ext;
		str_copy(m->hash, sizeof(m->hash), h);
		m->created = created;
		m->seen = seen;
		m->user = *u;
		memcpy(m->csrf, csrf, TOKEN_LEN + 1);
	}
	return 1;
}

int session_delete(struct db *db, const char *token)
{
	char h[TOKEN_HASH_LEN + 1];
	token_hash(token, h);
	return db_x(db, "DELETE FROM sessions WHERE token_hash = ?", "t", h) == DB_DONE ? 0 : -1;
}

int sessions_delete_user(struct db *db, int64_t user_id)
{
	return db_x(db, "DELETE FROM sessions WHERE user_id = ?", "i", user_id) == DB_DONE ? 0 : -1;
}

/* ---- invitations ------------------------------------------------------------ */

int invitation_create_for(struct db *db, int64_t user_id, int64_t created_by, int64_t seconds,
			  char token[TOKEN_LEN + 1])
{
	char h[TOKEN_HASH_LEN + 1];
	token_new(token);
	token_hash(token, h);
	/* A new invitation replaces any earlier one for the same account. */
	if (db_x(db, "DELETE FROM invitations WHERE user_id = ?", "i", user_id) != DB_DONE)
		return -1;
	return db_x(db,
		    "INSERT INTO invitations (token_hash, user_id, created_by, expires_at) "
		    "VALUES (?, ?, ?, ?)",
		    "tini", h, user_id, created_by, now_seconds() + seconds) == DB_DONE
		       ? 0
		       : -1;
}

int invitation_create(struct db *db, int64_t user_id, int64_t created_by,
		      char token[TOKEN_LEN + 1])
{
	return invitation_create_for(db, user_id, created_by, INVITATION_DAYS * 86400, token);
}

int invitation_find(struct db *db, const char *token, int64_t *user_id)
{
	char h[TOKEN_HASH_LEN + 1];
	if (strlen(token) != TOKEN_LEN)
		return 0;
	token_hash(token, h);
	struct db_stmt *st = db_q(db,
				  "SELECT i.user_id FROM invitations i JOIN users u ON u.id = i.user_id "
				  "WHERE i.token_hash = ? AND i.used_at IS NULL AND i.expires_at > ? "
				  "AND u.disabled = 0",
				  "ti", h, now_seconds());
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		*user_id = db_int(st, 0);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int invitation_use(struct db *db, const char *token)
{
	char h[TOKEN_HASH_LEN + 1];
	token_hash(token, h);
	return db_x(db, "UPDATE invitations SET used_at = ? WHERE token_hash = ?", "it",
		    now_seconds(), h) == DB_DONE
		       ? 0
		       : -1;
}

/* ---- login throttling ------------------------------------------------------ */

int64_t login_failures(struct db *db, const char *username, const char *device)
{
	struct db_stmt *st = db_q(db,
				  "SELECT COUNT(*) FROM login_failures "
				  "WHERE username = ? AND device = ? AND at > ?",
				  "tti", username, device, now_seconds() - params.login_window);
	if (!st)
		return -1;
	int64_t n = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
	db_done(st);
	return n;
}

int login_failure_add(struct db *db, const char *username, const char *device)
{
	int64_t now = now_seconds();
	if (db_x(db, "DELETE FROM login_failures WHERE username = ? AND at <= ?", "ti", username,
		 now - params.login_window) != DB_DONE)
		return -1;
	return db_x(db, "INSERT INTO login_failures (username, device, at) VALUES (?, ?, ?)", "tti",
		    username, device, now) == DB_DONE
		       ? 0
		       : -1;
}

int login_failures_clear(struct db *db, const char *username, const char *device)
{
	return db_x(db, "DELETE FROM login_failures WHERE username = ? AND device = ?", "tt",
		    username, device) == DB_DONE
		       ? 0
		       : -1;
}

void audit(struct db *db, const struct user *actor, const char *country, const char *action,
	   const char *target)
{
	int rc;
	if (actor)
		rc = db_x(db,
			  "INSERT INTO audit_log (at, actor_id, country, action, target) "
			  "VALUES (?, ?, ?, ?, ?)",
			  "iittt", now_seconds(), actor->id, country, action, target ? target : "");
	else
		rc = db_x(db,
			  "INSERT INTO audit_log (at, country, action, target) VALUES (?, ?, ?, ?)",
			  "ittt", now_seconds(), country, action, target ? target : "");
	if (rc != DB_DONE)
		log_warn("audit: cannot record %s", action);
}
