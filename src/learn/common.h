/*
 * common.h: what the learning area's pages share (web.c, quiz.c, certs.c,
 * badges.c).
 */
#ifndef COPHUB_LEARN_COMMON_H
#define COPHUB_LEARN_COMMON_H

#include "content/learn.h"
#include "http/http.h"

#include <stdbool.h>
#include <stdint.h>

struct db;

extern const struct learn_content *learn_courses;

/* The course named in the path (:course), if this reader may see it. */
const struct course *learn_course_of_path(struct req *r);
/* Drafts are for administrators, coordinators, translators, reviewers. */
bool learn_sees_drafts(const struct req *r);
/* The index of the reader's language in struct text (English if none). */
static inline int learn_lang_ix(const struct req *r)
{
	return content_lang_or_en(r->lang);
}
/* A text in the reader's language, or in English. */
static inline const char *learn_text(const struct req *r, const struct text *t)
{
	return content_text(t, r->lang);
}

/* The site's absolute address as this request reached it ("https://host",
 * no trailing slash), for links that leave the page: a certificate's QR
 * code, the Open Badges documents.  In r's arena. */
static inline const char *learn_base_url(struct req *r)
{
	const char *host = req_header(r, "Host");
	return arena_printf(&r->arena, "%s://%s", r->tls ? "https" : "http",
			    host ? host : "localhost");
}

/* The signed-in reader's enrolment in a course: its id, 0 when not
 * enrolled (or not signed in), -1 when the database failed. */
int64_t learn_enrolment(struct req *r, const struct course *c);

/* Adds one to a running total (totals.h) of the signed-in reader's
 * country, for the course and the reader's audience.  0 or -1. */
int learn_count(struct req *r, const char *course, const char *metric);

/* A certificate to issue (certs.c). */
struct cert_issue {
	int64_t user_id;
	int64_t enrolment_id; /* 0: none */
	int64_t training_id;  /* 0: none */
	const char *country;  /* NULL or "": none (administrators) */
	const char *kind;     /* "completion", "attendance", "trainer" */
	const char *course;   /* the course's id */
	const char *what;     /* the course or training, in the certificate's language */
	const char *name;     /* the holder's name as they typed it */
	const char *lang;
};
/* Whether a name typed for a certificate will do: one line, 1 to 120
 * characters. */
bool learn_name_ok(const char *name);
/* Issues it, signed: its code (in r's arena), or NULL when the database
 * failed. */
const char *learn_cert_issue(struct req *r, const struct cert_issue *in);

/* The id of the trainers' online course, phase 1 of the train-the-trainer
 * path, or "" (trainings.c). */
const char *learn_trainers_course(void);

/* Whether the signed-in person may enrol others (trainers, coordinators,
 * administrators). */
bool learn_enrols_others(const struct req *r);

/* Enrols a person (by themselves or by `by`): 1 when new, 0 when they
 * were already enrolled, -1 when the database failed. */
int learn_enrol_user(struct db *db, int64_t user_id, const char *country, const struct course *c,
		     int64_t by);

#endif
