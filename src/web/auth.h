/*
 * auth.h: adult accounts: passwords, tokens, sessions, CSRF and device
 * cookies, and the store of users.
 *
 * Passwords are hashed with argon2id (libsodium, PHC string format) at
 * the configured cost, at least 19 MiB and 2 passes; a hash made with a
 * lower cost is replaced at the next successful login.  Session and
 * invitation tokens are 256 random bits; only their SHA-256 is stored.
 * Tokens bound to something (a CSRF token to a session, a device cookie
 * to an account) are HMAC-SHA-256 under the deployment's secret, which
 * `cophub migrate` creates and the settings table keeps.
 */
#ifndef COPHUB_AUTH_H
#define COPHUB_AUTH_H

#include "db/db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TOKEN_LEN 43	   /* base64url of 32 bytes, no padding */
#define TOKEN_HASH_LEN 64  /* hex SHA-256 */
#define USERNAME_MAX 64
#define PASSWORD_MIN 8	   /* characters */
#define PASSWORD_MAX 128   /* characters */

struct user {
	int64_t id;
	char username[USERNAME_MAX + 1];
	char display_name[129];
	unsigned role;
	char country[3];	/* "" for admin */
	bool disabled;
	bool must_change;
	bool has_password;
	int64_t created_at;
};

struct auth_params {
	int argon2_memory_kib;
	int argon2_passes;
	int session_idle;
	int session_absolute;
	int login_max_failures;
	int login_window;
};

/* Sets the cost and timeouts, loads the common-password list (one per
 * line) and prepares the dummy hash used to answer unknown accounts in
 * the same time as known ones. */
int auth_init(const struct auth_params *p, const char *common_passwords_path, char *err,
	      size_t errlen);
/* auth_init with the settings' costs and timeouts and the data folder's
 * data/common-passwords.txt. */
struct config;
int auth_init_config(const struct config *c, char *err, size_t errlen);
const struct auth_params *auth_params(void);
/* Loads (creating on first use) the deployment secret from settings. */
int auth_load_secret(struct db *db, char *err, size_t errlen);

/* Passwords. */
int password_hash(const char *password, char *out, size_t outlen);
bool password_verify(const char *hash, const char *password);
bool password_verify_dummy(const char *password); /* always false, same cost */
bool password_needs_rehash(const char *hash);
/* NULL when acceptable, otherwise the reason (a translatable msgid). */
const char *password_problem(const char *password, const char *username);
/* A new random password of about 99 bits, "xxxxx-xxxxx-xxxxx-xxxxx". */
void password_generate(char out[24]);
bool username_valid(const char *name);
/* A typed username (or email address) lower-cased and trimmed into out;
 * false when it is empty or does not fit. */
bool username_clean(const char *in, char *out, size_t outlen);

/* Random tokens and their stored form. */
void token_new(char out[TOKEN_LEN + 1]);
void token_hash(const char *token, char out[TOKEN_HASH_LEN + 1]);
/* base64url(HMAC-SHA-256(secret, purpose ":" data)) into out. */
void auth_mac(const char *purpose, const char *data, char out[TOKEN_LEN + 1]);
/* Constant-time comparison of two NUL-terminated strings. */
bool auth_equal(const char *a, const char *b);

/* Users (store). */
int user_insert(struct db *db, const char *username, unsigned role, const char *country,
		const char *password_hash, int64_t *id);
/* 1 found, 0 not found, -1 error.  hash (may be NULL) receives the
 * password hash, or "" when the account has none. */
int user_by_name(struct db *db, const char *username, struct user *u, char *hash,
		 size_t hashlen);
int user_by_id(struct db *db, int64_t id, struct user *u);
int user_set_password(struct db *db, int64_t id, const char *hash, bool must_change);
int user_set_disabled(struct db *db, int64_t id, bool disabled);
int64_t user_count_admins(struct db *db);

/* Sessions. */
int session_create(struct db *db, int64_t user_id, char token[TOKEN_LEN + 1],
		   char csrf[TOKEN_LEN + 1]);
/* 1 and the user when the token names a live session of an enabled
 * account; 0 otherwise (an expired session is deleted); -1 on error.
 * csrf receives the session's CSRF token. */
int session_find(struct db *db, const char *token, struct user *u, char csrf[TOKEN_LEN + 1]);
int session_delete(struct db *db, const char *token);
int sessions_delete_user(struct db *db, int64_t user_id);

/* Invitations: a link that lets a new user choose a password. */
#define INVITATION_DAYS 7
int invitation_create(struct db *db, int64_t user_id, int64_t created_by,
		      char token[TOKEN_LEN + 1]);
/* The same, valid for `seconds` (a password reset: an hour); created_by
 * 0 when the person asked for it themselves. */
int invitation_create_for(struct db *db, int64_t user_id, int64_t created_by, int64_t seconds,
			  char token[TOKEN_LEN + 1]);
/* 1 and the user's id for a live, unused invitation; 0 otherwise. */
int invitation_find(struct db *db, const char *token, int64_t *user_id);
int invitation_use(struct db *db, const char *token);

/* Failed logins: how many in the window for (username, device). */
int64_t login_failures(struct db *db, const char *username, const char *device);
int login_failure_add(struct db *db, const char *username, const char *device);
int login_failures_clear(struct db *db, const char *username, const char *device);

/* Audit trail. */
void audit(struct db *db, const struct user *actor, const char *country, const char *action,
	   const char *target);

#endif
