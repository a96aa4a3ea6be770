/*
 * reset.c: a forgotten password, reset by email, for the accounts that
 * gave an email address (site.h).
 *
 * Off unless the deployment names both its public address ([server]
 * public_url) and a program that sends mail ([mail] command, such as
 * sendmail -t -i): the link in the message is built from public_url, never
 * from the request's Host header, which anyone can forge to send a
 * victim a link to their own site.
 *
 * Asking always gets the same answer, whether or not the account exists
 * or has an address, so the form tells no one which accounts exist.  The
 * link is a one-hour invitation (the same page as a coordinator's
 * invitation: choose a password); a second request within ten minutes
 * sends nothing.
 */
#include "site/site.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define RESET_SECONDS 3600
#define RESET_QUIET 600 /* no second message within this many seconds */

static struct {
	char url[256], command[256], from[256];
} mail;

void site_reset_configure(const char *public_url, const char *command, const char *from)
{
	str_copy(mail.url, sizeof(mail.url), public_url ? public_url : "");
	size_t n = strlen(mail.url);
	while (n && mail.url[n - 1] == '/')
		mail.url[--n] = '\0';
	str_copy(mail.command, sizeof(mail.command), command ? command : "");
	str_copy(mail.from, sizeof(mail.from), from ? from : "");
}

bool site_reset_on(void)
{
	return mail.url[0] && mail.command[0];
}

static int reset_page(struct req *r, int status, bool sent)
{
	if (!r->csrf)
		csrf_for_visitor(r);
	json_t *d = page_data(r, N_("Forgot your password?"));
	r->status = status;
	json_object_set_new(d, "on", json_boolean(site_reset_on()));
	json_object_set_new(d, "sent", json_boolean(sent));
	return page_render(r, "account/reset", d);
}

/* GET /reset */
int site_reset_form(struct req *r)
{
	return reset_page(r, 200, false);
}

/* A header value in RFC 2047 form when it is not plain ASCII. */
static const char *header_text(struct req *r, const char *s)
{
	bool ascii = true;
	for (const char *p = s; *p; p++)
		ascii = ascii && (unsigned char)*p < 0x80;
	if (ascii)
		return s;
	size_t n = strlen(s);
	char *b64 = arena_alloc(&r->arena, sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL));
	sodium_bin2base64(b64, sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL),
			  (const unsigned char *)s, n, sodium_base64_VARIANT_ORIGINAL);
	return arena_printf(&r->arena, "=?UTF-8?B?%s?=", b64);
}

/* Hands the message to the mail program: 0, or -1 (logged). */
static int send_mail(struct req *r, const char *to, const char *subject, const char *body)
{
	FILE *f = popen(mail.command, "w");
	if (!f) {
		log_error("req=%s mail: cannot run the mail command: %m", r->id_hex);
		return -1;
	}
	if (mail.from[0])
		fprintf(f, "From: %s\n", mail.from);
	fprintf(f, "To: %s\nSubject: %s\nMIME-Version: 1.0\n"
		   "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n%s\n",
		to, header_text(r, subject), body);
	int st = pclose(f);
	if (st != 0) {
		log_error("req=%s mail: the mail command failed (status %d)", r->id_hex, st);
		return -1;
	}
	return 0;
}

/* POST /reset (username or email) */
int site_reset(struct req *r)
{
	struct db *db = req_db(r);
	const char *who = req_form(r, "who");
	if (!site_reset_on())
		return reset_page(r, 404, false);
	if (!who || !*who || strlen(who) > 254)
		return reset_page(r, 400, false);
	char name[EMAIL_MAX + 1];
	if (!username_clean(who, name, sizeof(name)))
		return reset_page(r, 200, true); /* the same answer as for anyone */
	/* by username, or by the address (when one account has it) */
	struct db_stmt *st = db_q(db,
				  "SELECT id, email FROM users WHERE (username = ? OR lower(email) = ?) "
				  "AND email IS NOT NULL AND disabled = 0 LIMIT 2",
				  "tt", name, name);
	if (!st)
		return 500;
	int64_t id = 0;
	const char *email = NULL;
	int rows = 0;
	while (db_step(st) == DB_ROW) {
		rows++;
		id = db_int(st, 0);
		email = arena_strdup(&r->arena, db_text(st, 1));
	}
	db_done(st);
	if (rows == 1 && email_plausible(email)) {
		/* quiet for ten minutes after a message */
		st = db_q(db, "SELECT 1 FROM invitations WHERE user_id = ? AND expires_at > ?", "ii",
			  id, now_seconds() + RESET_SECONDS - RESET_QUIET);
		if (!st)
			return 500;
		bool recent = db_step(st) == DB_ROW;
		db_done(st);
		char token[TOKEN_LEN + 1];
		if (!recent) {
			if (invitation_create_for(db, id, 0, RESET_SECONDS, token) < 0)
				return 500;
			const char *link = arena_printf(&r->arena, "%s/invite/%s", mail.url, token);
			const char *body = arena_printf(
				&r->arena, "%s\n\n%s\n\n%s\n",
				tr(r, N_("Someone, probably you, asked to reset the password of your "
					 "cophub account. To choose a new password, open this link "
					 "within an hour:")),
				link,
				tr(r, N_("If you did not ask, you can ignore this message: your password "
					 "stays as it is.")));
			/* a message that could not go: no link waits for it, and the
			 * answer stays the same (the log says why) */
			if (send_mail(r, email, tr(r, N_("Choose a new cophub password")), body) < 0) {
				if (db_x(db, "DELETE FROM invitations WHERE user_id = ?", "i", id) !=
				    DB_DONE)
					return 500;
			} else {
				audit(db, NULL, NULL, "password_reset_sent", "");
			}
		}
	}
	return reset_page(r, 200, true);
}
