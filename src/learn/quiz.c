/*
 * quiz.c: enrolment and quizzes (learn.h).
 *
 * A quiz is a module's question bank or the course's final quiz.  Opening
 * it starts an attempt (or resumes the one left open): the questions and
 * each question's options are shuffled once and the order kept with the
 * attempt, under a random token that the form carries.  Answers count only
 * for the signed-in person's own open attempt; an attempt is marked sent
 * in the same statement that records its score, so sending it twice
 * records nothing the second time.  A question counts as right when
 * exactly its right options are chosen.
 */
#include "learn/common.h"
#include "learn/totals.h"
#include "learn/learn.h"
#include "content/learn.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

int64_t learn_enrolment(struct req *r, const struct course *c)
{
	if (!r->user)
		return 0;
	struct db_stmt *st = db_q(req_db(r), "SELECT id FROM enrolments WHERE user_id = ? AND course = ?",
				  "it", r->user->id, c->id);
	if (!st)
		return -1;
	int rc = db_step(st);
	int64_t id = rc == DB_ROW ? db_int(st, 0) : 0;
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? id : -1;
}

int learn_enrol_user(struct db *db, int64_t user_id, const char *country, const struct course *c,
		     int64_t by)
{
	if (db_x(db,
		 "INSERT INTO enrolments (user_id, country, course, enrolled_at, enrolled_by) VALUES "
		 "(?, ?, ?, ?, ?) ON CONFLICT (user_id, course) DO NOTHING",
		 "ittii", user_id, country && *country ? country : NULL, c->id, now_seconds(),
		 by) != DB_DONE)
		return -1;
	if (db_changes(db) == 0)
		return 0;
	char aud[16];
	learn_user_audience(db, user_id, aud);
	return learn_total_add(db, country, c->id, aud, "enrolled", 1) < 0 ? -1 : 1;
}

/* POST /learn/:course/enrol: enrols the signed-in person (again: no
 * change), then back to the course. */
int learn_enrol(struct req *r)
{
	const struct course *c = learn_course_of_path(r);
	if (!c)
		return page_error(r, 404, N_("There is no such course."));
	int64_t id = learn_enrolment(r, c);
	if (id < 0)
		return 500;
	if (id == 0 && learn_enrol_user(req_db(r), r->user->id, r->user->country, c, r->user->id) < 0)
		return 500;
	resp_redirect(r, 303, arena_printf(&r->arena, "/learn/%s", c->id));
	return 0;
}

/* The quiz named in the path (:quiz): a module's bank, or "final". */
static const struct quiz *quiz_of(const struct course *c, const char *id, const char **title_key)
{
	if (str_eq(id, "final")) {
		*title_key = NULL;
		return &c->final;
	}
	for (int m = 0; m < c->nmodules; m++)
		if (str_eq(c->modules[m].id, id)) {
			*title_key = c->modules[m].id;
			return &c->modules[m].bank;
		}
	return NULL;
}

static const struct question *question_n(const struct quiz *z, int n)
{
	for (int i = 0; i < z->nqs; i++)
		if (z->qs[i].n == n)
			return &z->qs[i];
	return NULL;
}

/* A new order for an attempt: "3:bca 1:ab ...". */
static char *shuffle(struct req *r, const struct quiz *z)
{
	int ix[256];
	int n = z->nqs < 256 ? z->nqs : 256;
	for (int i = 0; i < n; i++)
		ix[i] = i;
	for (int i = n - 1; i > 0; i--) {
		int j = (int)randombytes_uniform((uint32_t)i + 1), t = ix[i];
		ix[i] = ix[j];
		ix[j] = t;
	}
	struct buf b;
	buf_init(&b, 8192);
	for (int i = 0; i < n; i++) {
		const struct question *q = &z->qs[ix[i]];
		char opts[LEARN_MAX_OPTIONS + 1];
		for (int k = 0; k < q->nopts; k++)
			opts[k] = (char)('a' + k);
		for (int k = q->nopts - 1; k > 0; k--) {
			int j = (int)randombytes_uniform((uint32_t)k + 1);
			char t = opts[k];
			opts[k] = opts[j];
			opts[j] = t;
		}
		opts[q->nopts] = '\0';
		buf_printf(&b, "%s%d:%s", i ? " " : "", q->n, opts);
	}
	char *out = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/* One shown question of an attempt's order. */
struct shown {
	const struct question *q;
	char letters[LEARN_MAX_OPTIONS + 1];
};

/* Reads an attempt's order back; the number of questions, or -1 when it
 * does not fit the quiz (the course changed since). */
static int parse_order(const struct quiz *z, const char *order, struct shown *out, int max)
{
	int n = 0;
	const char *p = order;
	while (*p && n < max) {
		int num = 0;
		while (*p >= '0' && *p <= '9')
			num = num * 10 + (*p++ - '0');
		if (*p++ != ':')
			return -1;
		const struct question *q = question_n(z, num);
		int k = 0;
		while (*p >= 'a' && *p <= 'f' && k < LEARN_MAX_OPTIONS)
			out[n].letters[k++] = *p++;
		out[n].letters[k] = '\0';
		if (!q || k != q->nopts)
			return -1;
		out[n++].q = q;
		if (*p == ' ')
			p++;
	}
	return *p ? -1 : n;
}

/* The quiz's form or its result: the questions in the attempt's order. */
static json_t *questions_json(struct req *r, const struct shown *sh, int n, const char *chosen[],
			      bool results)
{
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		const struct question *q = sh[i].q;
		json_t *o = json_object();
		json_object_set_new(o, "n", json_integer(i + 1));
		json_object_set_new(o, "field", jstr(arena_printf(&r->arena, "q%d", q->n)));
		json_object_set_new(o, "text", jstr(learn_text(r, &q->text)));
		json_object_set_new(o, "multiple", json_boolean(q->multiple));
		json_t *opts = json_array();
		bool right = true;
		for (const char *l = sh[i].letters; *l; l++) {
			const struct option *op = &q->opts[*l - 'a'];
			bool picked = results && chosen[i] && strchr(chosen[i], *l);
			right = right && picked == op->right;
			json_t *oo = json_object();
			json_object_set_new(oo, "letter", json_stringn(l, 1));
			json_object_set_new(oo, "id", jstr(arena_printf(&r->arena, "q%d-%c", q->n, *l)));
			json_object_set_new(oo, "box", jstr(arena_printf(&r->arena, "q%d_%c", q->n, *l)));
			json_object_set_new(oo, "text", jstr(learn_text(r, &op->text)));
			json_object_set_new(oo, "picked", json_boolean(picked));
			json_object_set_new(oo, "right", json_boolean(op->right));
			json_array_append_new(opts, oo);
		}
		json_object_set_new(o, "options", opts);
		if (results) {
			json_object_set_new(o, "correct", json_boolean(right));
			json_object_set_new(o, "why", jstr(learn_text(r, &q->why)));
		}
		json_array_append_new(list, o);
	}
	return list;
}

/* What the quiz page knows in every state. */
static json_t *quiz_data(struct req *r, const struct course *c, const char *quiz_id,
			 const char *module)
{
	json_t *d = page_data(r, N_("Quiz"));
	json_object_set_new(d, "course_id", jstr(c->id));
	json_object_set_new(d, "course_title", jstr(learn_text(r, &c->title)));
	json_object_set_new(d, "quiz_id", jstr(quiz_id));
	json_object_set_new(d, "pass", json_integer(c->pass));
	if (module) {
		for (int m = 0; m < c->nmodules; m++)
			if (str_eq(c->modules[m].id, module)) {
				json_object_set_new(d, "module_n", json_integer(m + 1));
				json_object_set_new(d, "module_title",
						    jstr(learn_text(r, &c->modules[m].title)));
			}
	} else {
		json_object_set_new(d, "final", json_true());
	}
	return d;
}

/* Attempts sent so far for this quiz. */
static int attempts_sent(struct req *r, int64_t enrolment, const char *quiz)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT COUNT(*) FROM quiz_attempts WHERE enrolment_id = ? AND quiz = ? "
				  "AND submitted_at IS NOT NULL",
				  "it", enrolment, quiz);
	if (!st)
		return -1;
	int n = db_step(st) == DB_ROW ? (int)db_int(st, 0) : -1;
	db_done(st);
	return n;
}

/* GET /learn/:course/quiz/:quiz: the open attempt, or a new one. */
int learn_quiz_page(struct req *r)
{
	const struct course *c = learn_course_of_path(r);
	const char *module = NULL;
	const struct quiz *z = c ? quiz_of(c, req_param(r, 1), &module) : NULL;
	if (!z)
		return page_error(r, 404, N_("There is no such quiz."));
	int64_t enr = learn_enrolment(r, c);
	if (enr < 0)
		return 500;
	if (enr == 0)
		return page_error(r, 403, N_("Enrol in the course to take its quizzes."));
	r->no_store = true;
	const char *quiz_id = req_param(r, 1);
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT token, questions FROM quiz_attempts WHERE enrolment_id = ? AND "
				  "quiz = ? AND submitted_at IS NULL ORDER BY id DESC",
				  "it", enr, quiz_id);
	if (!st)
		return 500;
	const char *token = NULL, *order = NULL;
	if (db_step(st) == DB_ROW) {
		token = arena_strdup(&r->arena, db_text(st, 0));
		order = arena_strdup(&r->arena, db_text(st, 1));
	}
	db_done(st);
	json_t *d = quiz_data(r, c, quiz_id, module);
	struct shown sh[256];
	int n = order ? parse_order(z, order, sh, 256) : -1;
	if (n < 0) {
		/* none open, or its course changed: a new attempt, if any is left */
		int sent = attempts_sent(r, enr, quiz_id);
		if (sent < 0) {
			json_decref(d);
			return 500;
		}
		if (c->attempts && sent >= c->attempts) {
			json_object_set_new(d, "used_up", json_integer(c->attempts));
			return page_render(r, "learn/quiz", d);
		}
		unsigned char raw[16];
		char hex[33];
		randombytes_buf(raw, sizeof(raw));
		hex_encode(hex, raw, sizeof(raw));
		token = arena_strdup(&r->arena, hex);
		order = shuffle(r, z);
		if (db_x(req_db(r),
			 "INSERT INTO quiz_attempts (token, enrolment_id, quiz, questions, started_at) "
			 "VALUES (?, ?, ?, ?, ?)",
			 "titti", token, enr, quiz_id, order, now_seconds()) != DB_DONE) {
			json_decref(d);
			return 500;
		}
		n = parse_order(z, order, sh, 256);
	}
	const char *none[256] = {0};
	json_object_set_new(d, "token", jstr(token));
	json_object_set_new(d, "questions", questions_json(r, sh, n, none, false));
	json_object_set_new(d, "form", json_true());
	return page_render(r, "learn/quiz", d);
}

/* Marks the enrolment complete once every quiz has a passed attempt. */
static int maybe_complete(struct req *r, const struct course *c, int64_t enr)
{
	for (int m = 0; m <= c->nmodules; m++) {
		const char *quiz = m < c->nmodules ? c->modules[m].id : "final";
		struct db_stmt *st = db_q(req_db(r),
					  "SELECT COUNT(*) FROM quiz_attempts WHERE enrolment_id = ? AND "
					  "quiz = ? AND passed = 1",
					  "it", enr, quiz);
		if (!st)
			return -1;
		int64_t n = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
		db_done(st);
		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
	}
	if (db_x(req_db(r),
		 "UPDATE enrolments SET completed_at = ? WHERE id = ? AND completed_at IS NULL", "ii",
		 now_seconds(), enr) != DB_DONE)
		return -1;
	return db_changes(req_db(r)) == 1 ? learn_count(r, c->id, "completed") : 0;
}

/* POST /learn/:course/quiz/:quiz: the answers to the person's own open
 * attempt; the result, question by question, with the reasons. */
int learn_quiz_answer(struct req *r)
{
	const struct course *c = learn_course_of_path(r);
	const char *module = NULL;
	const struct quiz *z = c ? quiz_of(c, req_param(r, 1), &module) : NULL;
	if (!z)
		return page_error(r, 404, N_("There is no such quiz."));
	const char *quiz_id = req_param(r, 1);
	const char *token = req_form(r, "attempt");
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT a.id, a.questions, a.submitted_at, a.score, a.passed, e.id "
				  "FROM quiz_attempts a JOIN enrolments e ON e.id = a.enrolment_id "
				  "WHERE a.token = ? AND a.quiz = ? AND e.user_id = ? AND e.course = ?",
				  "ttit", token ? token : "", quiz_id, r->user->id, c->id);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404,
				  N_("This quiz attempt does not exist. Open the quiz again to start one."));
	}
	int64_t attempt = db_int(st, 0), enr = db_int(st, 5);
	const char *order = arena_strdup(&r->arena, db_text(st, 1));
	bool sent = !db_null(st, 2);
	int old_score = (int)db_int(st, 3);
	bool old_passed = db_int(st, 4) != 0;
	db_done(st);
	r->no_store = true;
	json_t *d = quiz_data(r, c, quiz_id, module);
	if (sent) {
		/* sent before (twice, or from another tab): nothing more is recorded */
		json_object_set_new(d, "already", json_true());
		json_object_set_new(d, "score", json_integer(old_score));
		json_object_set_new(d, "passed", json_boolean(old_passed));
		r->status = 409;
		return page_render(r, "learn/quiz", d);
	}
	struct shown sh[256];
	int n = parse_order(z, order, sh, 256);
	if (n <= 0) {
		json_decref(d);
		return page_error(r, 409, N_("This quiz has changed since you opened it. Open it again."));
	}
	/* the answers: a letter of the question (single), or "1" for each
	 * ticked option (multiple); anything else was not sent by the form */
	const char *chosen[256];
	int right = 0;
	for (int i = 0; i < n; i++) {
		const struct question *q = sh[i].q;
		char picked[LEARN_MAX_OPTIONS + 1];
		int np = 0;
		if (!q->multiple) {
			const char *v = req_form(r, arena_printf(&r->arena, "q%d", q->n));
			if (v && *v) {
				if (strlen(v) != 1 || !strchr(sh[i].letters, v[0])) {
					json_decref(d);
					return page_error(r, 400,
							  N_("Something in the answers was not sent by the "
							     "quiz's form. Open the quiz again."));
				}
				picked[np++] = v[0];
			}
		} else {
			for (const char *l = sh[i].letters; *l; l++) {
				const char *v =
					req_form(r, arena_printf(&r->arena, "q%d_%c", q->n, *l));
				if (!v)
					continue;
				if (!str_eq(v, "1")) {
					json_decref(d);
					return page_error(r, 400,
							  N_("Something in the answers was not sent by the "
							     "quiz's form. Open the quiz again."));
				}
				picked[np++] = *l;
			}
		}
		picked[np] = '\0';
		chosen[i] = arena_strdup(&r->arena, picked);
		bool ok = true;
		for (int k = 0; k < q->nopts; k++)
			ok = ok && (strchr(picked, 'a' + k) != NULL) == q->opts[k].right;
		right += ok;
	}
	int score = (right * 100 + n / 2) / n;
	bool passed = score >= c->pass;
	if (db_x(req_db(r),
		 "UPDATE quiz_attempts SET submitted_at = ?, score = ?, passed = ? WHERE id = ? AND "
		 "submitted_at IS NULL",
		 "iiii", now_seconds(), (int64_t)score, (int64_t)passed, attempt) != DB_DONE) {
		json_decref(d);
		return 500;
	}
	if (db_changes(req_db(r)) == 0) {
		/* the same attempt, sent at the same moment: the other one counted */
		json_object_set_new(d, "already", json_true());
		r->status = 409;
		return page_render(r, "learn/quiz", d);
	}
	if (learn_count(r, c->id, "attempts") < 0 ||
	    (passed && (learn_count(r, c->id, "passed") < 0 || maybe_complete(r, c, enr) < 0))) {
		json_decref(d);
		return 500;
	}
	int sent_now = attempts_sent(r, enr, quiz_id);
	json_object_set_new(d, "results", json_true());
	json_object_set_new(d, "score", json_integer(score));
	json_object_set_new(d, "right", json_integer(right));
	json_object_set_new(d, "total", json_integer(n));
	json_object_set_new(d, "passed", json_boolean(passed));
	json_object_set_new(d, "again", json_boolean(!passed && (!c->attempts || sent_now < c->attempts)));
	json_object_set_new(d, "questions", questions_json(r, sh, n, chosen, true));
	return page_render(r, "learn/quiz", d);
}
