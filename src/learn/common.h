/*
 * common.h: what the learning area's pages share (web.c, quiz.c).
 */
#ifndef COPHUB_LEARN_COMMON_H
#define COPHUB_LEARN_COMMON_H

#include "content/learn.h"
#include "http/http.h"

#include <stdbool.h>
#include <stdint.h>

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

/* The signed-in reader's enrolment in a course: its id, 0 when not
 * enrolled (or not signed in), -1 when the database failed. */
int64_t learn_enrolment(struct req *r, const struct course *c);

#endif
