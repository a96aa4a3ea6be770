/*
 * report.c: a country's learning report (learn.h): learners by audience,
 * enrolments, completions, pass rates and certificates by course,
 * trainings, attendance and people reached by audience, the cascade, the
 * survey's averages; as a page with SVG charts drawn on the server (each
 * with its figures in a table) and as CSV.
 *
 * Every figure comes from the running totals (totals.h): one indexed
 * read of a few hundred rows at most, whatever the country's size.
 */
#include "learn/common.h"
#include "learn/learn.h"
#include "content/learn.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "web/app.h"
#include "web/i18n.h"
#include "web/page.h"

#include <stdio.h>
#include <string.h>

enum { M_LEARNERS, M_ENROLLED, M_COMPLETED, M_LESSONS, M_ATTEMPTS, M_PASSED, M_CERTS,
       M_SESSIONS, M_ATTENDED, M_DIRECT, M_THROUGH, M_TRAINERS, M_ATTENDANCE_CERTS,
       M_TRAINER_CERTS, M_FB_N, M_FB_USEFUL, M_FB_CLEAR, M_FB_CONFIDENT, M_FB_RECOMMEND, NMETRICS };

static const char *const metric_ids[NMETRICS] = {
	"learners", "enrolled", "completed", "lessons", "attempts", "passed", "certificates",
	"sessions", "attended", "reached_direct", "reached_through", "trainers", "attendance",
	"trainer", "feedback_n", "feedback_useful", "feedback_clear", "feedback_confident",
	"feedback_recommend",
};

#define MAX_COURSES 64

/* The totals of a country: per course (index in learn_courses, or -1 for
 * none) and per audience (-1 for none). */
struct totals {
	int64_t course[MAX_COURSES][NMETRICS];
	int64_t audience[NAUDIENCES + 1][NMETRICS]; /* NAUDIENCES: not said */
	int64_t all[NMETRICS];
};

static int metric_ix(const char *m)
{
	for (int i = 0; i < NMETRICS; i++)
		if (str_eq(m, metric_ids[i]))
			return i;
	return -1;
}

static int read_totals(struct req *r, const char *cc, struct totals *t)
{
	memset(t, 0, sizeof(*t));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT course, audience, metric, n FROM learn_totals WHERE country "
				  "= ?",
				  "t", cc);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		int m = metric_ix(db_text(st, 2));
		if (m < 0)
			continue;
		int64_t n = db_int(st, 3);
		const char *course = db_text(st, 0), *aud = db_text(st, 1);
		t->all[m] += n;
		if (*course) {
			for (int c = 0; c < learn_courses->ncourses && c < MAX_COURSES; c++)
				if (str_eq(learn_courses->courses[c].id, course))
					t->course[c][m] += n;
		}
		int a = *aud ? audience_from_id(aud) : NAUDIENCES;
		t->audience[a < 0 ? NAUDIENCES : a][m] += n;
	}
	db_done(st);
	return 0;
}

/* A bar of a chart: its label, value and length in a 300-wide drawing. */
static json_t *bar(struct req *r, const char *label, int64_t v, int64_t max, int row,
		   const char *text)
{
	json_t *o = json_object();
	json_object_set_new(o, "label", jstr(label));
	json_object_set_new(o, "value", json_integer(v));
	json_object_set_new(o, "text", jstr(text ? text : arena_printf(&r->arena, "%lld",
									(long long)v)));
	json_object_set_new(o, "w", json_integer(max > 0 ? (int)(v * 300 / max) : 0));
	json_object_set_new(o, "y", json_integer(row * 28));
	json_object_set_new(o, "ty", json_integer(row * 28 + 15));
	json_object_set_new(o, "tx", json_integer(max > 0 ? (int)(v * 300 / max) + 6 : 6));
	return o;
}

static json_t *chart(const char *id, const char *title, json_t *bars)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", jstr(id));
	json_object_set_new(o, "title", jstr(title));
	json_object_set_new(o, "bars", bars);
	json_object_set_new(o, "height", json_integer((int)json_array_size(bars) * 28));
	return o;
}

static int64_t max_of(const int64_t *v, int n)
{
	int64_t m = 0;
	for (int i = 0; i < n; i++)
		m = v[i] > m ? v[i] : m;
	return m;
}

static const char *percent(struct req *r, int64_t part, int64_t whole)
{
	return whole ? arena_printf(&r->arena, "%lld %%", (long long)(part * 100 / whole)) : "–";
}

static const char *average(struct req *r, int64_t sum, int64_t n)
{
	return n ? arena_printf(&r->arena, "%.1f", (double)sum / (double)n) : "–";
}

/* GET /learn/reports/:cc */
int learn_report(struct req *r)
{
	const char *cc = req_param(r, 0);
	struct totals *t = arena_alloc(&r->arena, sizeof(*t));
	if (read_totals(r, cc, t) < 0)
		return 500;
	json_t *d = page_data(r, N_("Learning report"));
	json_object_set_new(d, "cc", jstr(cc));
	int nc = learn_courses->ncourses < MAX_COURSES ? learn_courses->ncourses : MAX_COURSES;

	/* learners by audience */
	int64_t v[NAUDIENCES + 1];
	for (int a = 0; a <= NAUDIENCES; a++)
		v[a] = t->audience[a][M_LEARNERS];
	json_t *bars = json_array();
	for (int a = 0; a <= NAUDIENCES; a++)
		json_array_append_new(bars, bar(r, tr(r, a < NAUDIENCES ? learn_audience_names[a]
								      : N_("Not said")),
					      v[a], max_of(v, NAUDIENCES + 1), a, NULL));
	json_t *charts = json_array();
	json_array_append_new(charts, chart("learners", tr(r, N_("Learners by audience")), bars));

	/* courses: enrolled, completed, pass rate, certificates */
	json_t *courses = json_array();
	int64_t enrolled[MAX_COURSES], rate[MAX_COURSES];
	for (int c = 0; c < nc; c++) {
		enrolled[c] = t->course[c][M_ENROLLED];
		rate[c] = t->course[c][M_ATTEMPTS] ? t->course[c][M_PASSED] * 100 /
							     t->course[c][M_ATTEMPTS]
						   : 0;
	}
	json_t *ebars = json_array(), *pbars = json_array();
	for (int c = 0; c < nc; c++) {
		const struct course *co = &learn_courses->courses[c];
		const char *title = learn_text(r, &co->title);
		json_t *o = json_object();
		json_object_set_new(o, "title", jstr(title));
		json_object_set_new(o, "enrolled", json_integer(t->course[c][M_ENROLLED]));
		json_object_set_new(o, "completed", json_integer(t->course[c][M_COMPLETED]));
		json_object_set_new(o, "completion", jstr(percent(r, t->course[c][M_COMPLETED],
								  t->course[c][M_ENROLLED])));
		json_object_set_new(o, "lessons", json_integer(t->course[c][M_LESSONS]));
		json_object_set_new(o, "attempts", json_integer(t->course[c][M_ATTEMPTS]));
		json_object_set_new(o, "pass_rate", jstr(percent(r, t->course[c][M_PASSED],
								 t->course[c][M_ATTEMPTS])));
		json_object_set_new(o, "certificates", json_integer(t->course[c][M_CERTS]));
		json_array_append_new(courses, o);
		json_array_append_new(ebars, bar(r, title, enrolled[c], max_of(enrolled, nc), c, NULL));
		json_array_append_new(pbars, bar(r, title, rate[c], 100, c,
						 percent(r, t->course[c][M_PASSED],
							 t->course[c][M_ATTEMPTS])));
	}
	json_array_append_new(charts, chart("enrolled", tr(r, N_("Enrolments by course")), ebars));
	json_array_append_new(charts, chart("pass", tr(r, N_("Quiz pass rate by course")), pbars));
	json_object_set_new(d, "courses", courses);

	/* trainings and the cascade by audience */
	json_t *auds = json_array(), *rbars = json_array();
	int64_t reached[NAUDIENCES + 1];
	for (int a = 0; a <= NAUDIENCES; a++)
		reached[a] = t->audience[a][M_ATTENDED];
	for (int a = 0; a < NAUDIENCES; a++) {
		json_t *o = json_object();
		json_object_set_new(o, "label", jstr(tr(r, learn_audience_names[a])));
		json_object_set_new(o, "sessions", json_integer(t->audience[a][M_SESSIONS]));
		json_object_set_new(o, "attended", json_integer(t->audience[a][M_ATTENDED]));
		json_object_set_new(o, "direct", json_integer(t->audience[a][M_DIRECT]));
		json_object_set_new(o, "through", json_integer(t->audience[a][M_THROUGH]));
		json_array_append_new(auds, o);
		json_array_append_new(rbars, bar(r, tr(r, learn_audience_names[a]), reached[a],
						 max_of(reached, NAUDIENCES), a, NULL));
	}
	json_array_append_new(charts, chart("reached", tr(r, N_("People reached by trainings, by audience")), rbars));
	json_object_set_new(d, "audiences", auds);
	json_object_set_new(d, "charts", charts);

	json_t *sum = json_object();
	const char *keys[] = {"learners", "enrolled", "completed", "certificates", "sessions",
			      "attended", "direct", "through", "trainers", "attendance_certs",
			      "trainer_certs"};
	int ms[] = {M_LEARNERS, M_ENROLLED, M_COMPLETED, M_CERTS, M_SESSIONS, M_ATTENDED,
		    M_DIRECT, M_THROUGH, M_TRAINERS, M_ATTENDANCE_CERTS, M_TRAINER_CERTS};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		json_object_set_new(sum, keys[i], json_integer(t->all[ms[i]]));
	json_object_set_new(sum, "feedback_n", json_integer(t->all[M_FB_N]));
	/* averages once three have answered, as on a training's page: fewer
	 * could be told apart */
	json_object_set_new(sum, "feedback_shown", json_boolean(t->all[M_FB_N] >= 3));
	json_object_set_new(sum, "useful", jstr(average(r, t->all[M_FB_USEFUL], t->all[M_FB_N])));
	json_object_set_new(sum, "clear", jstr(average(r, t->all[M_FB_CLEAR], t->all[M_FB_N])));
	json_object_set_new(sum, "confident",
			    jstr(average(r, t->all[M_FB_CONFIDENT], t->all[M_FB_N])));
	json_object_set_new(sum, "recommend",
			    jstr(average(r, t->all[M_FB_RECOMMEND], t->all[M_FB_N])));
	json_object_set_new(d, "sum", sum);
	return page_render(r, "learn/report", d);
}

/* Writes a CSV field, quoted when it needs to be; a leading = + - @ is
 * prefixed with ' so that a spreadsheet does not run it as a formula. */
static void csv_field(struct buf *b, const char *s)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_puts(b, "\"");
	if (strchr("=+-@", s[0]) && s[0])
		buf_puts(b, "'");
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_puts(b, "\"");
		buf_put(b, p, 1);
	}
	if (quote)
		buf_puts(b, "\"");
}

/* GET /learn/reports/:cc/csv: every total, one per line: course,
 * audience, metric, value (ids, not translated, for spreadsheets). */
int learn_report_csv(struct req *r)
{
	const char *cc = req_param(r, 0);
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT course, audience, metric, n FROM learn_totals WHERE country "
				  "= ? ORDER BY course, audience, metric",
				  "t", cc);
	if (!st)
		return 500;
	buf_reset(&r->out);
	buf_puts(&r->out, "country,course,audience,metric,value\r\n");
	while (db_step(st) == DB_ROW) {
		csv_field(&r->out, cc);
		for (int i = 0; i < 3; i++) {
			buf_puts(&r->out, ",");
			csv_field(&r->out, db_text(st, i));
		}
		char n[32];
		snprintf(n, sizeof(n), ",%lld\r\n", (long long)db_int(st, 3));
		buf_puts(&r->out, n);
	}
	db_done(st);
	resp_download(r, "text/csv; charset=utf-8", arena_printf(&r->arena, "learning-%s.csv", cc));
	return 0;
}
