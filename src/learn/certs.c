/*
 * certs.c: certificates of completion (learn.h).
 *
 * Once every quiz of a course is passed, the learner asks for the
 * certificate with their name as it should appear on it.  It is stored
 * with a short code and its claims signed (cert.h); the PDF is drawn when
 * downloaded, in the certificate's language; /verify/CODE tells anyone
 * whether it is valid or revoked, and the QR code carries the signed
 * payload so that it can be checked offline too.
 */
#include "learn/cert.h"
#include "learn/common.h"
#include "learn/totals.h"
#include "learn/learn.h"
#include "content/learn.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "render/render.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/roles.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define NAME_MAX_CHARS 120

static bool manages(const struct req *r, const char *country);

static void today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The country's name in a language, or its code. */
static const char *country_name(struct req *r, const char *cc, const char *lang)
{
	if (!cc || !*cc)
		return "";
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT name FROM country_names WHERE code = ? AND lang = ?", "tt", cc,
				  lang);
	const char *name = cc;
	if (st && db_step(st) == DB_ROW)
		name = arena_strdup(&r->arena, db_text(st, 0));
	if (st)
		db_done(st);
	return name;
}

/* The issuer written on a certificate: the site and the country. */
static const char *issuer_of(struct req *r, const char *cc, const char *lang)
{
	const char *country = country_name(r, cc, lang);
	return *country ? arena_printf(&r->arena, "cophub · %s", country) : "cophub";
}

const char *learn_cert_issue(struct req *r, const struct cert_issue *in)
{
	unsigned char sk[crypto_sign_SECRETKEYBYTES], pk[crypto_sign_PUBLICKEYBYTES];
	char err[256];
	if (cert_key(req_db(r), true, sk, pk, err, sizeof(err)) < 0) {
		sodium_memzero(sk, sizeof(sk));
		return NULL;
	}
	struct cert_claims cl = {0};
	str_copy(cl.kind, sizeof(cl.kind), in->kind);
	str_copy(cl.name, sizeof(cl.name), in->name);
	str_copy(cl.course, sizeof(cl.course), in->what);
	today(cl.date);
	str_copy(cl.lang, sizeof(cl.lang), in->lang);
	str_copy(cl.issuer, sizeof(cl.issuer), issuer_of(r, in->country, in->lang));
	char payload[CERT_PAYLOAD_MAX];
	const char *out = NULL;
	const char *country = in->country && *in->country ? in->country : NULL;
	for (int attempt = 0; attempt < 5 && !out; attempt++) {
		cert_new_code(cl.code);
		if (cert_sign(&cl, sk, payload, sizeof(payload), err, sizeof(err)) < 0)
			break;
		if (db_savepoint(req_db(r)) < 0)
			break;
		int rc = db_x(req_db(r),
			      "INSERT INTO certificates (code, user_id, enrolment_id, training_id, "
			      "country, course, kind, name, lang, issued_day, payload) VALUES (?, ?, ?, "
			      "?, ?, ?, ?, ?, ?, ?, ?)",
			      "tinntttt" "ttt", cl.code, in->user_id, in->enrolment_id,
			      in->training_id, country, in->course, in->kind, cl.name, cl.lang, cl.date,
			      payload);
		db_savepoint_end(req_db(r), rc);
		if (rc == DB_DONE &&
		    learn_total_add(req_db(r), country, in->course, NULL,
				    str_eq(in->kind, "completion") ? "certificates"
								    : in->kind,
				    1) < 0)
			break;
		if (rc == DB_DONE)
			out = arena_strdup(&r->arena, cl.code);
		else if (rc != DB_CONSTRAINT)
			break;
	}
	sodium_memzero(sk, sizeof(sk));
	return out;
}

/* Issues a certificate of completion: its code (in r's arena), or NULL
 * when the database failed. */
static const char *issue(struct req *r, int64_t user_id, int64_t enr, const char *country,
			 const struct course *c, const char *name, const char *lang)
{
	struct cert_issue in = {
		.user_id = user_id,
		.enrolment_id = enr,
		.country = country,
		.kind = "completion",
		.course = c->id,
		.what = content_text(&c->title, lang),
		.name = name,
		.lang = lang,
	};
	return learn_cert_issue(r, &in);
}

bool learn_name_ok(const char *name)
{
	return name && *name && utf8_chars(name) <= NAME_MAX_CHARS &&
	       utf8_valid_text(name, strlen(name), false);
}

/* POST /learn/:course/certificate: the certificate of a completed course,
 * issued once (asking again leads to the one issued). */
int learn_certificate_issue(struct req *r)
{
	const struct course *c = learn_course_of_path(r);
	if (!c)
		return page_error(r, 404, N_("There is no such course."));
	int64_t enr = learn_enrolment(r, c);
	if (enr < 0)
		return 500;
	struct db_stmt *st = db_q(req_db(r), "SELECT completed_at FROM enrolments WHERE id = ?", "i",
				  enr);
	if (!st)
		return 500;
	bool done = db_step(st) == DB_ROW && !db_null(st, 0);
	db_done(st);
	if (!done)
		return page_error(r, 403, N_("The certificate comes when every quiz of the course is passed."));
	st = db_q(req_db(r),
		  "SELECT code FROM certificates WHERE enrolment_id = ? AND revoked_at IS NULL", "i",
		  enr);
	if (!st)
		return 500;
	if (db_step(st) == DB_ROW) {
		const char *code = arena_strdup(&r->arena, db_text(st, 0));
		db_done(st);
		resp_redirect(r, 303, arena_printf(&r->arena, "/learn/certificates#%s", code));
		return 0;
	}
	db_done(st);
	const char *name = req_form(r, "name");
	if (!learn_name_ok(name))
		return page_error(r, 400, N_("Write your name on one line, in at most 120 characters."));
	const char *lang = content_lang_index(r->lang) >= 0 ? r->lang : "en";
	const char *code = issue(r, r->user->id, enr, r->user->country, c, name, lang);
	if (!code)
		return 500;
	resp_redirect(r, 303, arena_printf(&r->arena, "/learn/certificates#%s", code));
	return 0;
}

/* What a certificate is for, for people: its kind, and the course (or,
 * for a certificate of attendance, the training's title when it still
 * exists). */
static void what_json(struct req *r, json_t *o, const char *kind, const char *course,
		      const char *training)
{
	const struct course *c = learn_course(learn_courses, course);
	const char *label = N_("Certificate of completion");
	if (str_eq(kind, "attendance"))
		label = N_("Certificate of attendance");
	else if (str_eq(kind, "trainer"))
		label = N_("Certified trainer");
	json_object_set_new(o, "kind", jstr(tr(r, label)));
	json_object_set_new(o, "course", jstr(training && *training ? training
						 : c ? learn_text(r, &c->title) : course));
}

/* GET /learn/certificates: the signed-in person's certificates. */
int learn_certificates(struct req *r)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT c.code, c.course, c.name, c.issued_day, c.revoked_at, c.kind, "
				  "u.email, t.title FROM certificates c JOIN users u ON u.id = c.user_id "
				  "LEFT JOIN trainings t ON t.id = c.training_id "
				  "WHERE c.user_id = ? ORDER BY c.id DESC",
				  "i", r->user->id);
	if (!st)
		return 500;
	json_t *d = page_data(r, N_("My certificates"));
	r->no_store = true;
	json_t *list = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "code", jstr(db_text(st, 0)));
		what_json(r, o, db_text(st, 5), db_text(st, 1), db_text(st, 7));
		json_object_set_new(o, "name", jstr(db_text(st, 2)));
		json_object_set_new(o, "day", jstr(db_text(st, 3)));
		json_object_set_new(o, "revoked", json_boolean(!db_null(st, 4)));
		/* a valid certificate of completion is also an Open Badge, which
		 * a backpack matches to its holder by email address (badges.c) */
		if (db_null(st, 4) && str_eq(db_text(st, 5), "completion")) {
			bool email = !db_null(st, 6) && *db_text(st, 6);
			json_object_set_new(o, email ? "badge" : "no_email", json_true());
		}
		json_array_append_new(list, o);
	}
	db_done(st);
	json_object_set_new(d, "certificates", list);
	json_object_set_new(d, "none", json_boolean(json_array_size(list) == 0));
	return page_render(r, "learn/certificates", d);
}

/* The absolute address of a certificate's check, for the QR code. */
static const char *verify_url(struct req *r, const char *code)
{
	return arena_printf(&r->arena, "%s/verify/%s", learn_base_url(r), code);
}

/* GET /learn/certificates/:code/pdf: the holder's certificate as PDF, in
 * the language it was issued in. */
int learn_certificate_pdf(struct req *r)
{
	char code[10];
	if (!cert_code_clean(req_param(r, 0), code))
		return page_error(r, 404, N_("There is no certificate with this code."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT payload, revoked_at FROM certificates WHERE code = ? AND "
				  "user_id = ?",
				  "ti", code, r->user->id);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("There is no certificate with this code."));
	}
	const char *payload = arena_strdup(&r->arena, db_text(st, 0));
	bool revoked = !db_null(st, 1);
	db_done(st);
	if (revoked)
		return page_error(r, 410, N_("This certificate was revoked."));
	/* the claims as signed: what the PDF shows is what the code says */
	unsigned char sk[crypto_sign_SECRETKEYBYTES], pk[crypto_sign_PUBLICKEYBYTES];
	char err[256];
	struct cert_claims cl;
	int rc = cert_key(req_db(r), false, sk, pk, err, sizeof(err));
	sodium_memzero(sk, sizeof(sk));
	if (rc < 0 || cert_verify(payload, strlen(payload), pk, &cl, err, sizeof(err)) < 0)
		return 500;
	const struct catalog *cat = i18n_catalog(cl.lang);
	const char *title = N_("Certificate of completion"), *outro = N_("has completed the course");
	if (str_eq(cl.kind, "attendance")) {
		title = N_("Certificate of attendance");
		outro = N_("has attended the training");
	} else if (str_eq(cl.kind, "trainer")) {
		title = N_("Certified trainer");
		outro = N_("has completed the three phases of the train-the-trainer path and is a certified trainer in");
	}
	struct cert_doc doc = {
		.lang = cl.lang,
		.rtl = cat && catalog_rtl(cat),
		.title = i18n_gettext(cat, title),
		.intro = i18n_gettext(cat, N_("This certifies that")),
		.name = cl.name,
		.outro = i18n_gettext(cat, outro),
		.course = cl.course,
		.date = cl.date,
		.issuer = cl.issuer,
		.code = arena_printf(&r->arena, "%s %s", i18n_gettext(cat, N_("Verification code:")), cl.code),
		.check = verify_url(r, cl.code),
		.payload = payload,
	};
	doc.qr = arena_printf(&r->arena, "%s?c=%s", doc.check, payload);
	buf_reset(&r->out);
	if (pdf_certificate(&doc, &r->out, err, sizeof(err)) < 0) {
		buf_reset(&r->out);
		return 500;
	}
	resp_download(r, "application/pdf", arena_printf(&r->arena, "certificate-%s.pdf", cl.code));
	return 0;
}

/* GET /verify/:code: whether a certificate is valid, for anyone. */
int learn_verify(struct req *r)
{
	char code[10];
	json_t *d = page_data(r, N_("Check a certificate"));
	const char *asked = req_param(r, 0);
	json_object_set_new(d, "asked", jstr(asked));
	if (!cert_code_clean(asked, code)) {
		r->status = 404;
		json_object_set_new(d, "unknown", json_true());
		return page_render(r, "learn/verify", d);
	}
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT c.name, c.course, c.issued_day, c.revoked_at, c.country, c.lang, "
				  "c.payload, c.revoked_reason, c.kind, t.title FROM certificates c "
				  "LEFT JOIN trainings t ON t.id = c.training_id WHERE c.code = ?",
				  "t", code);
	if (!st) {
		json_decref(d);
		return 500;
	}
	if (db_step(st) != DB_ROW) {
		db_done(st);
		r->status = 404;
		json_object_set_new(d, "unknown", json_true());
		return page_render(r, "learn/verify", d);
	}
	json_object_set_new(d, "code", jstr(code));
	json_object_set_new(d, "name", jstr(db_text(st, 0)));
	what_json(r, d, db_text(st, 8), db_text(st, 1), db_text(st, 9));
	json_object_set_new(d, "day", jstr(db_text(st, 2)));
	json_object_set_new(d, "revoked", json_boolean(!db_null(st, 3)));
	json_object_set_new(d, "valid", json_boolean(db_null(st, 3)));
	json_object_set_new(d, "issuer", jstr(issuer_of(r, db_text(st, 4), r->lang)));
	if (manages(r, db_text(st, 4))) {
		json_object_set_new(d, "manage", json_true());
		if (!db_null(st, 3))
			json_object_set_new(d, "reason", jstr(db_text(st, 7)));
	}
	db_done(st);
	return page_render(r, "learn/verify", d);
}

/* Whether the signed-in person manages certificates of that country. */
static bool manages(const struct req *r, const char *country)
{
	if (!r->user)
		return false;
	if (r->user->role == R_ADMIN)
		return true;
	return r->user->role == R_COORDINATOR && country && str_eq(r->user->country, country);
}

static int revoke(struct req *r, const char *code, const char *reason, const char *country,
		  const char *course)
{
	if (db_x(req_db(r),
		 "UPDATE certificates SET revoked_at = ?, revoked_reason = ? WHERE code = ? AND "
		 "revoked_at IS NULL",
		 "itt", now_seconds(), reason, code) != DB_DONE)
		return -1;
	if (db_changes(req_db(r)) == 0)
		return 0;
	return learn_total_add(req_db(r), country, course, NULL, "certificates", -1);
}

/* POST /verify/:code/revoke (reason) and /verify/:code/reissue: a
 * coordinator of the certificate's country, or an administrator. */
static int manage(struct req *r, bool reissue)
{
	char code[10];
	if (!cert_code_clean(req_param(r, 0), code))
		return page_error(r, 404, N_("There is no certificate with this code."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT user_id, enrolment_id, country, course, name, lang, revoked_at "
				  "FROM certificates WHERE code = ?",
				  "t", code);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("There is no certificate with this code."));
	}
	int64_t user_id = db_int(st, 0), enr = db_null(st, 1) ? 0 : db_int(st, 1);
	const char *country = db_null(st, 2) ? NULL : arena_strdup(&r->arena, db_text(st, 2));
	const char *course = arena_strdup(&r->arena, db_text(st, 3));
	const char *name = arena_strdup(&r->arena, db_text(st, 4));
	const char *lang = arena_strdup(&r->arena, db_text(st, 5));
	bool revoked = !db_null(st, 6);
	db_done(st);
	if (!manages(r, country))
		return page_error(r, 403, N_("Only a coordinator of the certificate's country can do this."));
	if (!reissue) {
		const char *reason = req_form(r, "reason");
		if (!reason || !*reason || utf8_chars(reason) > 200 ||
		    !utf8_valid_text(reason, strlen(reason), false))
			return page_error(r, 400, N_("Give the reason on one line, in at most 200 characters."));
		if (!revoked && revoke(r, code, reason, country, course) < 0)
			return 500;
		audit(req_db(r), r->user, country, "certificate_revoked", code);
		resp_redirect(r, 303, arena_printf(&r->arena, "/verify/%s", code));
		return 0;
	}
	/* a new certificate for the same person and course; the old one is
	 * revoked first if it was not */
	const struct course *c = learn_course(learn_courses, course);
	if (!c)
		return page_error(r, 409, N_("This course no longer exists; its certificates cannot be issued again."));
	if (!revoked && revoke(r, code, "re-issued", country, course) < 0)
		return 500;
	const char *fresh = issue(r, user_id, enr, country, c, name, lang);
	if (!fresh)
		return 500;
	audit(req_db(r), r->user, country, "certificate_reissued", fresh);
	resp_redirect(r, 303, arena_printf(&r->arena, "/verify/%s", fresh));
	return 0;
}

int learn_certificate_revoke(struct req *r)
{
	return manage(r, false);
}

int learn_certificate_reissue(struct req *r)
{
	return manage(r, true);
}
