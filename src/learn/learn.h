/*
 * learn.h: the adults' learning area, /learn: the course catalogue, each
 * course's page and its lessons, served from the content (content/learn/,
 * see content/learn.h).
 *
 * The catalogue is public.  A course in draft (its translations not yet
 * done) is shown only to the people who prepare it: administrators,
 * coordinators, translators and reviewers.
 */
#ifndef COPHUB_LEARN_H
#define COPHUB_LEARN_H

#include "http/http.h"

struct learn_content;

/* The courses the handlers serve (loaded and checked by app_init). */
void learn_set_content(const struct learn_content *c);

int learn_catalogue(struct req *r);   /* GET /learn */
int learn_course_page(struct req *r); /* GET /learn/:course */
int learn_lesson_page(struct req *r); /* GET /learn/:course/:lesson */
int learn_enrol(struct req *r);       /* POST /learn/:course/enrol */
int learn_quiz_page(struct req *r);   /* GET /learn/:course/quiz/:quiz */
int learn_quiz_answer(struct req *r); /* POST /learn/:course/quiz/:quiz */
int learn_certificate_issue(struct req *r); /* POST /learn/:course/certificate */
int learn_certificates(struct req *r);      /* GET /learn/certificates */
int learn_certificate_pdf(struct req *r);   /* GET /learn/certificates/:code/pdf */
int learn_verify(struct req *r);            /* GET /verify/:code */
int learn_certificate_revoke(struct req *r);  /* POST /verify/:code/revoke */
int learn_certificate_reissue(struct req *r); /* POST /verify/:code/reissue */

#endif
