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

#include <jansson.h>

struct learn_content;

/* The audiences of content/learn.h (enum audience) named for people,
 * marked for translation: "Parents and carers", ... */
extern const char *const learn_audience_names[];
/* Those audiences for a form: id, label, selected (the one chosen). */
json_t *learn_audience_options(struct req *r, const char *chosen);

/* The courses the handlers serve (loaded and checked by app_init). */
void learn_set_content(const struct learn_content *c);

int learn_catalogue(struct req *r);   /* GET /learn */
int learn_course_page(struct req *r); /* GET /learn/:course */
int learn_lesson_page(struct req *r); /* GET /learn/:course/:lesson */
int learn_enrol(struct req *r);       /* POST /learn/:course/enrol */
int learn_enrol_others(struct req *r); /* POST /learn/:course/enrol-others */
int learn_quiz_page(struct req *r);   /* GET /learn/:course/quiz/:quiz */
int learn_quiz_answer(struct req *r); /* POST /learn/:course/quiz/:quiz */
int learn_certificate_issue(struct req *r); /* POST /learn/:course/certificate */
int learn_certificates(struct req *r);      /* GET /learn/certificates */
int learn_certificate_pdf(struct req *r);   /* GET /learn/certificates/:code/pdf */
int learn_verify(struct req *r);            /* GET /verify/:code */
int learn_certificate_revoke(struct req *r);  /* POST /verify/:code/revoke */
int learn_certificate_reissue(struct req *r); /* POST /verify/:code/reissue */

/* Open Badges 2.0 */
int learn_badge_issuer(struct req *r);    /* GET /badges/issuer/:cc */
int learn_badge_class(struct req *r);     /* GET /badges/class/:cc/:course */
int learn_badge_image(struct req *r);     /* GET /badges/image/:course */
int learn_badge_assertion(struct req *r); /* GET /badges/assertion/:code */

/* Face-to-face trainings (trainings.c) */
int learn_trainings(struct req *r);            /* GET /learn/trainings */
int learn_training_form(struct req *r);        /* GET /learn/trainings/new */
int learn_training_create(struct req *r);      /* POST /learn/trainings */
int learn_training_page(struct req *r);        /* GET /learn/trainings/:id */
int learn_training_register(struct req *r);    /* POST /learn/trainings/:id/register */
int learn_training_cancel(struct req *r);      /* POST /learn/trainings/:id/cancel */
int learn_training_add(struct req *r);         /* POST /learn/trainings/:id/add */
int learn_training_attendance(struct req *r);  /* POST /learn/trainings/:id/attendance */
int learn_training_sheet(struct req *r);       /* GET /learn/trainings/:id/sheet */
int learn_training_feedback(struct req *r);    /* POST /learn/trainings/:id/feedback */
int learn_training_certificate(struct req *r); /* POST /learn/trainings/:id/certificate */
int learn_training_confirm(struct req *r);     /* POST /learn/trainings/:id/confirm */
int learn_training_call_off(struct req *r);    /* POST /learn/trainings/:id/call-off */

/* The train-the-trainer path, the cascade, the reports (path.c, report.c) */
int learn_trainer_path(struct req *r);        /* GET /learn/trainer-path */
int learn_trainer_certificate(struct req *r); /* POST /learn/trainer-path/certificate */
int learn_cascade(struct req *r);             /* GET /learn/cascade/:cc */
int learn_report(struct req *r);              /* GET /learn/reports/:cc */
int learn_report_csv(struct req *r);          /* GET /learn/reports/:cc/csv */

#endif
