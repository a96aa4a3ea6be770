/*
 * badges.c: certificates of completion as Open Badges 2.0 (learn.h).
 *
 * A valid certificate of completion is also a hosted Open Badges 2.0
 * assertion: public JSON-LD documents that a badge backpack fetches and
 * checks against one another (all on this site's origin):
 *
 *   /badges/issuer/CC          the Issuer Profile: cophub and a country,
 *                              or "site" (cophub alone) for certificates
 *                              without a country (administrators')
 *   /badges/class/CC/COURSE    the BadgeClass: the course, from that issuer
 *   /badges/assertion/CODE     the Assertion: the badge, the day, and the
 *                              holder's email address hashed with a salt
 *   /badges/image/COURSE       the badge's picture (SVG)
 *
 * A revoked certificate's assertion answers 410 with "revoked": true, as
 * the specification asks of hosted assertions; the reason given when it
 * was revoked stays with the coordinators.  The documents are in English,
 * the language backpacks show them in as they are.
 */
#include "learn/cert.h"
#include "learn/common.h"
#include "learn/learn.h"
#include "content/learn.h"
#include "core/util.h"
#include "db/db.h"
#include "web/app.h"
#include "web/page.h"

#include <sodium.h>
#include <string.h>

#define OB_CONTEXT "https://w3id.org/openbadges/v2"
/* the issuer of certificates without a country */
#define SITE_ISSUER "site"

/* Writes doc (which it takes over) as the JSON answer; returns 0. */
static int answer(struct req *r, int status, json_t *doc)
{
	r->status = status;
	r->content_type = "application/json; charset=utf-8";
	buf_reset(&r->out);
	json_to_buf(doc, &r->out, JSON_COMPACT);
	json_decref(doc);
	return 0;
}

static int not_found(struct req *r, const char *why)
{
	json_t *o = json_object();
	json_object_set_new(o, "error", jstr(why));
	return answer(r, 404, o);
}

/* A new Open Badges document of type at the address id. */
static json_t *ob_doc(const char *type, const char *id)
{
	json_t *o = json_object();
	json_object_set_new(o, "@context", jstr(OB_CONTEXT));
	json_object_set_new(o, "type", jstr(type));
	json_object_set_new(o, "id", jstr(id));
	return o;
}

static const char *issuer_url(struct req *r, const char *cc)
{
	return arena_printf(&r->arena, "%s/badges/issuer/%s", learn_base_url(r), cc);
}

static const char *class_url(struct req *r, const char *cc, const char *course)
{
	return arena_printf(&r->arena, "%s/badges/class/%s/%s", learn_base_url(r), cc, course);
}

/* The issuer's name for :cc ("site", or a country's code): 1 and the
 * name in *name (in r's arena), 0 when there is no such issuer, -1 when
 * the database failed. */
static int issuer_name(struct req *r, const char *cc, const char **name)
{
	if (str_eq(cc, SITE_ISSUER)) {
		*name = "cophub";
		return 1;
	}
	if (!cc || strlen(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z')
		return 0;
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT n.name FROM countries c LEFT JOIN country_names n ON "
				  "n.code = c.code AND n.lang = 'en' WHERE c.code = ?",
				  "t", cc);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		*name = arena_printf(&r->arena, "cophub · %s",
				     db_null(st, 0) ? cc : db_text(st, 0));
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* The course a badge names: 1 and the course in *c, 0 when there is none
 * to show (unknown, or a draft nobody holds a certificate of: drafts stay
 * unlisted), -1 when the database failed. */
static int badge_course(struct req *r, const char *id, const struct course **c)
{
	*c = learn_course(learn_courses, id);
	if (!*c)
		return 0;
	if ((*c)->published)
		return 1;
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT 1 FROM certificates WHERE course = ? AND kind = 'completion' "
				  "LIMIT 1",
				  "t", id);
	if (!st)
		return -1;
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* GET /badges/issuer/:cc: the Issuer Profile. */
int learn_badge_issuer(struct req *r)
{
	const char *cc = req_param(r, 0), *name = NULL;
	int rc = issuer_name(r, cc, &name);
	if (rc < 0)
		return 500;
	if (rc == 0)
		return not_found(r, "There is no such issuer.");
	json_t *o = ob_doc("Issuer", issuer_url(r, cc));
	json_object_set_new(o, "name", jstr(name));
	json_object_set_new(o, "url", jstr(arena_printf(&r->arena, "%s/learn", learn_base_url(r))));
	return answer(r, 200, o);
}

/* GET /badges/class/:cc/:course: the BadgeClass of a course's
 * certificate from one issuer. */
int learn_badge_class(struct req *r)
{
	const char *cc = req_param(r, 0), *id = req_param(r, 1), *name = NULL;
	const struct course *c = NULL;
	int rc = issuer_name(r, cc, &name);
	if (rc < 0)
		return 500;
	if (rc == 0)
		return not_found(r, "There is no such issuer.");
	rc = badge_course(r, id, &c);
	if (rc < 0)
		return 500;
	if (rc == 0)
		return not_found(r, "There is no such course.");
	const char *base = learn_base_url(r), *title = content_text(&c->title, "en");
	json_t *o = ob_doc("BadgeClass", class_url(r, cc, c->id));
	json_object_set_new(o, "name", jstr(title));
	json_object_set_new(o, "description", jstr(content_text(&c->description, "en")));
	json_object_set_new(o, "image",
			    jstr(arena_printf(&r->arena, "%s/badges/image/%s", base, c->id)));
	json_t *criteria = json_object();
	json_object_set_new(criteria, "id",
			    jstr(arena_printf(&r->arena, "%s/learn/%s", base, c->id)));
	json_object_set_new(criteria, "narrative",
			    jstr(arena_printf(&r->arena,
					      "Pass every quiz of the course \"%s\" on cophub (the "
					      "quiz of each module and the final quiz) with a score "
					      "of at least %d %%.",
					      title, c->pass)));
	json_object_set_new(o, "criteria", criteria);
	json_object_set_new(o, "issuer", jstr(issuer_url(r, cc)));
	return answer(r, 200, o);
}

/* The badge: a shield in the site's colours with a tick and the name. */
static const char badge_svg[] =
	"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 140\" width=\"240\" "
	"height=\"280\" role=\"img\" aria-labelledby=\"t\">"
	"<title id=\"t\">cophub</title>"
	"<path d=\"M60 4 114 22V64C114 99 91 123 60 136 29 123 6 99 6 64V22Z\" fill=\"#0b5563\" "
	"stroke=\"#f4d35e\" stroke-width=\"5\" stroke-linejoin=\"round\"/>"
	"<path d=\"M36 62 53 79 85 45\" fill=\"none\" stroke=\"#f4d35e\" stroke-width=\"10\" "
	"stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"
	"<text x=\"60\" y=\"112\" fill=\"#ffffff\" font-family=\"sans-serif\" font-size=\"17\" "
	"font-weight=\"bold\" text-anchor=\"middle\">cophub</text>"
	"</svg>\n";

/* GET /badges/image/:course: the picture of a course's badge. */
int learn_badge_image(struct req *r)
{
	const struct course *c = NULL;
	int rc = badge_course(r, req_param(r, 0), &c);
	if (rc < 0)
		return 500;
	if (rc == 0)
		return not_found(r, "There is no such course.");
	resp_text(r, 200, "image/svg+xml", badge_svg);
	r->cache_control = "public, max-age=86400";
	return 0;
}

/* The salt of a certificate's recipient hash: the same every time the
 * assertion is fetched, different for each certificate. */
static void salt_of(const char *code, char out[17])
{
	unsigned char h[crypto_generichash_BYTES_MIN];
	crypto_generichash(h, sizeof(h), (const unsigned char *)code, strlen(code), NULL, 0);
	hex_encode(out, h, 8);
}

/* The IdentityObject of an email address: "sha256$" and the hex of
 * SHA-256(email followed by salt), as the specification hashes it. */
static json_t *recipient(struct req *r, const char *email, const char *salt)
{
	crypto_hash_sha256_state s;
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1];
	crypto_hash_sha256_init(&s);
	crypto_hash_sha256_update(&s, (const unsigned char *)email, strlen(email));
	crypto_hash_sha256_update(&s, (const unsigned char *)salt, strlen(salt));
	crypto_hash_sha256_final(&s, h);
	hex_encode(hex, h, sizeof(h));
	json_t *o = json_object();
	json_object_set_new(o, "type", jstr("email"));
	json_object_set_new(o, "hashed", json_true());
	json_object_set_new(o, "salt", jstr(salt));
	json_object_set_new(o, "identity", jstr(arena_printf(&r->arena, "sha256$%s", hex)));
	return o;
}

/* What an assertion is made of, read from its certificate (r's arena). */
struct held {
	bool completion, revoked;
	const char *issuer; /* the country, or SITE_ISSUER */
	const char *course, *day, *email;
};

/* Reads the certificate with that code: 1, 0 when there is none, -1 when
 * the database failed. */
static int held_of(struct req *r, const char *code, struct held *h)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT c.kind, c.country, c.course, c.issued_day, c.revoked_at, "
				  "u.email FROM certificates c JOIN users u ON u.id = c.user_id "
				  "WHERE c.code = ?",
				  "t", code);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		h->completion = str_eq(db_text(st, 0), "completion");
		h->issuer = db_null(st, 1) ? SITE_ISSUER : arena_strdup(&r->arena, db_text(st, 1));
		h->course = arena_strdup(&r->arena, db_text(st, 2));
		h->day = arena_strdup(&r->arena, db_text(st, 3));
		h->revoked = !db_null(st, 4);
		h->email = db_null(st, 5) ? NULL : arena_strdup(&r->arena, db_text(st, 5));
	}
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* GET /badges/assertion/:code: the Assertion of a certificate of
 * completion (410 once revoked). */
int learn_badge_assertion(struct req *r)
{
	char code[10];
	struct held h = {0};
	if (!cert_code_clean(req_param(r, 0), code))
		return not_found(r, "There is no certificate with this code.");
	int rc = held_of(r, code, &h);
	if (rc < 0)
		return 500;
	if (rc == 0 || !h.completion)
		return not_found(r, rc == 0 ? "There is no certificate with this code."
					    : "Only certificates of completion are Open Badges.");
	const char *id = arena_printf(&r->arena, "%s/badges/assertion/%s", learn_base_url(r), code);
	if (h.revoked) {
		json_t *o = json_object();
		json_object_set_new(o, "@context", jstr(OB_CONTEXT));
		json_object_set_new(o, "id", jstr(id));
		json_object_set_new(o, "revoked", json_true());
		json_object_set_new(o, "revocationReason", jstr("The issuer revoked this certificate."));
		return answer(r, 410, o);
	}
	if (!h.email || !*h.email)
		return not_found(r, "The holder of this certificate has not given an email address, "
				    "which a badge backpack needs to recognise them.");
	char salt[17];
	salt_of(code, salt);
	json_t *o = ob_doc("Assertion", id);
	json_object_set_new(o, "recipient", recipient(r, h.email, salt));
	json_object_set_new(o, "badge", jstr(class_url(r, h.issuer, h.course)));
	json_object_set_new(o, "issuedOn", jstr(arena_printf(&r->arena, "%sT00:00:00Z", h.day)));
	json_t *verification = json_object();
	json_object_set_new(verification, "type", jstr("hosted"));
	json_object_set_new(o, "verification", verification);
	return answer(r, 200, o);
}
