/*
 * web.c: the learning area's pages (learn.h).
 *
 * Lessons are Markdown, rendered by libcmark with raw HTML and unsafe
 * links left out (its default); the placeholders ({helpline}, ...) are
 * filled after rendering, with HTML-escaped values, so nothing a
 * coordinator types can become markup.
 */
#include "learn/learn.h"
#include "learn/common.h"
#include "learn/totals.h"
#include "content/learn.h"
#include "content/play.h"
#include "core/buf.h"
#include "core/escape.h"
#include "core/util.h"
#include "play/play.h"
#include "db/db.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/roles.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

const struct learn_content *learn_courses;

void learn_set_content(const struct learn_content *c)
{
	learn_courses = c;
}

const char *const learn_audience_names[NAUDIENCES] = {
	N_("Parents and carers"),
	N_("Educators and social workers"),
	N_("ICT professionals"),
	N_("Policy-makers and government staff"),
	N_("Trainers"),
};

int learn_count(struct req *r, const char *course, const char *metric)
{
	char aud[16];
	if (!r->user || !r->user->country[0])
		return 0;
	learn_user_audience(req_db(r), r->user->id, aud);
	return learn_total_add(req_db(r), r->user->country, course, aud, metric, 1);
}

json_t *learn_audience_options(struct req *r, const char *chosen)
{
	json_t *list = json_array();
	for (int a = 0; a < NAUDIENCES; a++) {
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(audience_ids[a]));
		json_object_set_new(o, "label", jstr(tr(r, learn_audience_names[a])));
		json_object_set_new(o, "selected", json_boolean(str_eq(chosen, audience_ids[a])));
		json_array_append_new(list, o);
	}
	return list;
}

/* Drafts are for the people who prepare the courses. */
bool learn_sees_drafts(const struct req *r)
{
	return r->user && (r->user->role & (R_ADMIN | R_COORDINATOR | R_TRANSLATOR | R_REVIEWER));
}

static bool visible(const struct req *r, const struct course *c)
{
	return c->published || learn_sees_drafts(r);
}

/* A lesson's title in the reader's language, or in English. */
static const char *lesson_title(const struct req *r, const struct lesson *l)
{
	const char *t = l->title[learn_lang_ix(r)];
	return t ? t : l->title[content_lang_index("en")];
}

/* Whether the course's whole text is in the reader's language. */
static bool in_reader_lang(const struct req *r, const struct course *c)
{
	return (c->langs >> learn_lang_ix(r)) & 1;
}

static json_t *course_summary(struct req *r, const struct course *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", jstr(c->id));
	json_object_set_new(o, "title", jstr(learn_text(r, &c->title)));
	json_object_set_new(o, "description", jstr(learn_text(r, &c->description)));
	json_object_set_new(o, "audience", jstr(tr(r, learn_audience_names[c->audience])));
	json_object_set_new(o, "modules", json_integer(c->nmodules));
	json_object_set_new(o, "draft", json_boolean(!c->published));
	json_object_set_new(o, "in_lang", json_boolean(in_reader_lang(r, c)));
	return o;
}

int learn_catalogue(struct req *r)
{
	json_t *d = page_data(r, N_("Courses"));
	json_t *list = json_array();
	for (int i = 0; learn_courses && i < learn_courses->ncourses; i++)
		if (visible(r, &learn_courses->courses[i]))
			json_array_append_new(list, course_summary(r, &learn_courses->courses[i]));
	json_object_set_new(d, "none", json_boolean(json_array_size(list) == 0));
	json_object_set_new(d, "courses", list);
	json_object_set_new(d, "signed_in", json_boolean(r->user != NULL));
	json_object_set_new(d, "welcome", json_boolean(r->user && req_query(r, "welcome")));
	if (r->user && r->user->country[0] && (r->user->role & (R_ADMIN | R_COORDINATOR)))
		json_object_set_new(d, "report_cc", jstr(r->user->country));
	return page_render(r, "learn/catalogue", d);
}

const struct course *learn_course_of_path(struct req *r)
{
	const struct course *c = learn_course(learn_courses, req_param(r, 0));
	return c && visible(r, c) ? c : NULL;
}

/* The signed-in reader's progress in a course: enrolled or not, the
 * lessons opened, each quiz's best score, where to go on. */
static int progress_json(struct req *r, const struct course *c, json_t *d, json_t *mods)
{
	json_object_set_new(d, "signed_in", json_true());
	int64_t enr = learn_enrolment(r, c);
	if (enr <= 0)
		return (int)enr;
	json_object_set_new(d, "enrolled", json_true());
	struct db *db = req_db(r);
	struct db_stmt *st = db_q(db, "SELECT completed_at FROM enrolments WHERE id = ?", "i", enr);
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW && !db_null(st, 0)) {
		json_object_set_new(d, "completed", json_true());
		json_object_set_new(d, "cert_name", jstr(r->user->display_name[0] ? r->user->display_name
										  : r->user->username));
	}
	db_done(st);
	/* lessons opened */
	json_t *seen = json_object();
	st = db_q(db, "SELECT lesson FROM lesson_views WHERE enrolment_id = ?", "i", enr);
	if (!st) {
		json_decref(seen);
		return -1;
	}
	while (db_step(st) == DB_ROW)
		json_object_set_new(seen, db_text(st, 0), json_true());
	db_done(st);
	/* each quiz's best attempt */
	json_t *best = json_object();
	st = db_q(db,
		  "SELECT quiz, MAX(score), MAX(passed) FROM quiz_attempts WHERE enrolment_id = ? "
		  "AND submitted_at IS NOT NULL GROUP BY quiz",
		  "i", enr);
	if (!st) {
		json_decref(seen);
		json_decref(best);
		return -1;
	}
	while (db_step(st) == DB_ROW) {
		json_t *q = json_object();
		json_object_set_new(q, "score", json_integer(db_int(st, 1)));
		json_object_set_new(q, "passed", json_boolean(db_int(st, 2) != 0));
		json_object_set_new(best, db_text(st, 0), q);
	}
	db_done(st);
	const char *resume = NULL;
	for (int m = 0; m < c->nmodules; m++) {
		json_t *mo = json_array_get(mods, (size_t)m);
		json_t *ls = json_object_get(mo, "lessons");
		for (int k = 0; k < c->modules[m].nlessons; k++) {
			const char *id = c->modules[m].lessons[k].id;
			bool was = json_object_get(seen, id) != NULL;
			json_object_set_new(json_array_get(ls, (size_t)k), "seen", json_boolean(was));
			if (!was && !resume)
				resume = id;
		}
		json_object_set_new(mo, "quiz_id", jstr(c->modules[m].id));
		json_t *q = json_object_get(best, c->modules[m].id);
		if (q)
			json_object_set(mo, "quiz", q);
	}
	json_t *fq = json_object_get(best, "final");
	if (fq)
		json_object_set(d, "final_quiz", fq);
	if (resume)
		json_object_set_new(d, "resume_id", jstr(resume));
	json_decref(seen);
	json_decref(best);
	return 0;
}

int learn_course_page(struct req *r)
{
	const struct course *c = learn_course_of_path(r);
	if (!c)
		return page_error(r, 404, N_("There is no such course."));
	json_t *d = page_data(r, N_("Course"));
	json_t *o = course_summary(r, c);
	json_object_set_new(o, "pass", json_integer(c->pass));
	json_object_set_new(o, "attempts", json_integer(c->attempts));
	json_object_set_new(o, "final_questions", json_integer(c->final.nqs));
	json_t *mods = json_array();
	for (int m = 0; m < c->nmodules; m++) {
		const struct module *md = &c->modules[m];
		json_t *mo = json_object();
		json_object_set_new(mo, "n", json_integer(m + 1));
		json_object_set_new(mo, "title", jstr(learn_text(r, &md->title)));
		json_object_set_new(mo, "summary", jstr(learn_text(r, &md->summary)));
		json_object_set_new(mo, "questions", json_integer(md->bank.nqs));
		json_t *ls = json_array();
		for (int k = 0; k < md->nlessons; k++) {
			const struct lesson *l = &md->lessons[k];
			json_t *lo = json_object();
			json_object_set_new(lo, "id", jstr(l->id));
			json_object_set_new(lo, "title", jstr(lesson_title(r, l)));
			json_array_append_new(ls, lo);
		}
		json_object_set_new(mo, "lessons", ls);
		json_array_append_new(mods, mo);
	}
	json_object_set_new(o, "module_list", mods);
	json_object_set_new(d, "course", o);
	json_object_set_new(d, "enrols_others", json_boolean(learn_enrols_others(r)));
	int64_t added;
	if (learn_enrols_others(r) && parse_int64(req_query(r, "enrolled"), 0, 1000, &added))
		json_object_set_new(d, "enrolled_now", json_integer(added));
	if (r->user && progress_json(r, c, d, mods) < 0) {
		json_decref(d);
		return 500;
	}
	return page_render(r, "learn/course", d);
}

/* Points the lesson's images (src="images/NAME", checked by the loader)
 * at the course's static files, /static/learn/COURSE/NAME. */
static const char *images_html(struct req *r, const struct course *c, const char *html)
{
	static const char from[] = "src=\"images/";
	if (!strstr(html, from))
		return html;
	const char *to = arena_printf(&r->arena, "src=\"/static/learn/%s/", c->id);
	struct buf b;
	buf_init(&b, 1u << 20);
	for (const char *p = html, *hit; *p; p = hit + sizeof(from) - 1) {
		hit = strstr(p, from);
		if (!hit) {
			buf_puts(&b, p);
			break;
		}
		buf_put(&b, p, (size_t)(hit - p));
		buf_puts(&b, to);
	}
	const char *out = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/* Replaces the placeholders in html with the escaped fill values. */
static const char *fill_html(struct req *r, const char *html)
{
	if (!strchr(html, '{'))
		return html;
	struct play_fill raw, esc;
	play_site_fill(r, &raw);
	const char **from[] = {&raw.helpline, &raw.contact, &raw.report, &raw.emergency, &raw.law};
	const char **to[] = {&esc.helpline, &esc.contact, &esc.report, &esc.emergency, &esc.law};
	for (size_t i = 0; i < ARRAY_LEN(from); i++) {
		char *e = html_escape_dup(*from[i]);
		*to[i] = arena_strdup(&r->arena, e);
		free(e);
	}
	struct buf b;
	buf_init(&b, 1u << 20);
	play_fill_text(&b, html, &esc);
	const char *out = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

int learn_lesson_page(struct req *r)
{
	const struct course *c = learn_course_of_path(r);
	if (!c)
		return page_error(r, 404, N_("There is no such course."));
	const char *id = req_param(r, 1);
	int mi = -1, li = -1;
	for (int m = 0; m < c->nmodules && mi < 0; m++)
		for (int k = 0; k < c->modules[m].nlessons; k++)
			if (str_eq(c->modules[m].lessons[k].id, id)) {
				mi = m;
				li = k;
				break;
			}
	if (mi < 0)
		return page_error(r, 404, N_("There is no such lesson in this course."));
	const struct module *md = &c->modules[mi];
	const struct lesson *l = &md->lessons[li];
	int lg = learn_lang_ix(r), en = content_lang_index("en");
	bool fallback = !l->body[lg];
	if (fallback)
		lg = en;
	const char *body = l->body[lg] ? l->body[lg] : "";
	char *html = cmark_markdown_to_html(body, strlen(body), CMARK_OPT_DEFAULT);
	/* an enrolled reader's progress: this lesson has been opened */
	int64_t enr = learn_enrolment(r, c);
	if (enr < 0)
		return 500;
	if (enr > 0 && db_x(req_db(r),
			    "INSERT INTO lesson_views (enrolment_id, lesson, viewed_at) VALUES (?, ?, ?) "
			    "ON CONFLICT (enrolment_id, lesson) DO NOTHING",
			    "iti", enr, l->id, now_seconds()) != DB_DONE)
		return 500;
	if (enr > 0 && db_changes(req_db(r)) == 1 && learn_count(r, c->id, "lessons") < 0)
		return 500;
	json_t *d = page_data(r, N_("Lesson"));
	json_object_set_new(d, "course_id", jstr(c->id));
	json_object_set_new(d, "course_title", jstr(learn_text(r, &c->title)));
	json_object_set_new(d, "module_title", jstr(learn_text(r, &md->title)));
	json_object_set_new(d, "module_n", json_integer(mi + 1));
	json_object_set_new(d, "lesson_title", jstr(l->title[lg] ? l->title[lg] : ""));
	json_object_set_new(d, "lesson_html",
			    jstr(fill_html(r, images_html(r, c, html ? html : ""))));
	free(html);
	/* shown in English: the article says so to screen readers */
	json_object_set_new(d, "fallback", json_boolean(fallback));
	/* the lessons before and after, across modules */
	const struct lesson *prev = NULL, *next = NULL;
	if (li > 0)
		prev = &md->lessons[li - 1];
	else if (mi > 0)
		prev = &c->modules[mi - 1].lessons[c->modules[mi - 1].nlessons - 1];
	if (li + 1 < md->nlessons)
		next = &md->lessons[li + 1];
	else if (mi + 1 < c->nmodules)
		next = &c->modules[mi + 1].lessons[0];
	if (prev) {
		json_object_set_new(d, "prev_id", jstr(prev->id));
		json_object_set_new(d, "prev_title", jstr(lesson_title(r, prev)));
	}
	if (next) {
		json_object_set_new(d, "next_id", jstr(next->id));
		json_object_set_new(d, "next_title", jstr(lesson_title(r, next)));
	}
	return page_render(r, "learn/lesson", d);
}
