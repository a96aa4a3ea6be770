/*
 * figures.c: the figures of a country's programme, all time or per span
 * of time (figures.h).  Each figure is a row of the tables below: the
 * query of its total, and the query of its rows counted by day.
 */
#include "dashboard/figures.h"
#include "translate/translate.h"
#include "core/arena.h"
#include "core/util.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

const char *const fig_keys[FIG_COUNT] = {
	[FIG_ANSWERS] = "game_answers",
	[FIG_LEARNERS] = "learners",
	[FIG_CERTIFICATES] = "certificates",
	[FIG_ATTENDED] = "trained_face_to_face",
	[FIG_TRAINERS] = "certified_trainers",
	[FIG_REACH] = "cascade_reach",
};

/* Totals per country: for every country ([0], no parameter), or for one
 * ([1], the country), from the running totals kept as things happen: a
 * few rows a country, whatever its size. */
static const char *const total_sql[FIG_COUNT][2] = {
	[FIG_ANSWERS] = {"SELECT country, SUM(n) FROM play_totals GROUP BY country",
			 "SELECT country, SUM(n) FROM play_totals WHERE country = ? GROUP BY country"},
#define LEARN_TOTAL(metrics)                                                                      \
	{"SELECT country, SUM(n) FROM learn_totals WHERE metric IN (" metrics ") GROUP BY country",  \
	 "SELECT country, SUM(n) FROM learn_totals WHERE metric IN (" metrics ") AND country = ? "   \
	 "GROUP BY country"}
	[FIG_LEARNERS] = LEARN_TOTAL("'learners'"),
	[FIG_CERTIFICATES] = LEARN_TOTAL("'certificates'"),
	[FIG_ATTENDED] = LEARN_TOTAL("'attended'"),
	[FIG_TRAINERS] = LEARN_TOTAL("'trainers'"),
	[FIG_REACH] = LEARN_TOTAL("'reached_direct', 'reached_through'"),
#undef LEARN_TOTAL
};

/* Counts by day of one country between two bounds: the parameters are
 * the country, then the bounds as days ("YYYY-MM-DD", text_day) or as
 * seconds; the first column is the day (text, or days since 1970). */
static const struct {
	const char *sql;
	bool text_day;
} span_sql[FIG_COUNT] = {
	[FIG_ANSWERS] = {"SELECT day, COUNT(*) FROM play_events WHERE country = ? AND day >= ? AND "
			 "day < ? GROUP BY day",
			 true},
	[FIG_CERTIFICATES] = {"SELECT issued_day, COUNT(*) FROM certificates WHERE country = ? AND "
			      "kind = 'completion' AND revoked_at IS NULL AND issued_day >= ? AND "
			      "issued_day < ? GROUP BY issued_day",
			      true},
	[FIG_ATTENDED] = {"SELECT starts_at / 86400, SUM(attendees) FROM trainings WHERE country = "
			  "? AND cancelled_at IS NULL AND starts_at >= ? AND starts_at < ? GROUP BY 1",
			  false},
	[FIG_TRAINERS] = {"SELECT certified_at / 86400, COUNT(*) FROM cascade WHERE country = ? AND "
			  "certified_at >= ? AND certified_at < ? GROUP BY 1",
			  false},
	/* what cascade_reach() counts: attendances at the trainings of
	 * someone in the cascade */
	[FIG_REACH] = {"SELECT t.starts_at / 86400, SUM(t.attendees) FROM trainings t JOIN cascade c "
		       "ON c.user_id = t.trainer_id WHERE t.country = ? AND t.cancelled_at IS NULL "
		       "AND t.starts_at >= ? AND t.starts_at < ? GROUP BY 1",
		       false},
};

int fig_totals(struct db *db, enum figure f, const char *country,
	       void (*cb)(void *ctx, const char *country, int64_t n), void *ctx)
{
	if (f < 0 || f >= FIG_COUNT)
		return -1;
	bool one = country && *country;
	struct db_stmt *st = one ? db_q(db, total_sql[f][1], "t", country)
				 : db_q(db, total_sql[f][0], "");
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		if (!db_null(st, 0))
			cb(ctx, db_text(st, 0), db_int(st, 1));
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

/* "YYYY-MM-DD" as seconds at 00:00 UTC; -1 when it is not a day. */
static int64_t day_seconds(const char *s)
{
	struct tm tm = {0};
	const char *end = s ? strptime(s, "%Y-%m-%d", &tm) : NULL;
	return end && !*end ? (int64_t)timegm(&tm) : -1;
}

static void day_text(int64_t t, char out[16])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

int fig_spans(struct db *db, enum figure f, const char *country, struct fig_span *spans, int n)
{
	if (f < 0 || f >= FIG_COUNT || !span_sql[f].sql)
		return -1;
	if (n <= 0)
		return 0;
	int64_t from = spans[0].from, to = spans[0].to;
	for (int i = 0; i < n; i++) {
		spans[i].n = 0;
		from = spans[i].from < from ? spans[i].from : from;
		to = spans[i].to > to ? spans[i].to : to;
	}
	struct db_stmt *st;
	if (span_sql[f].text_day) {
		/* spans start at 00:00, so days compare as text */
		char a[16], b[16];
		day_text(from, a);
		day_text(to, b);
		st = db_q(db, span_sql[f].sql, "ttt", country, a, b);
	} else {
		st = db_q(db, span_sql[f].sql, "tii", country, from, to);
	}
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t t = span_sql[f].text_day ? day_seconds(db_text(st, 0)) : db_int(st, 0) * 86400;
		for (int i = 0; t >= 0 && i < n; i++)
			if (t >= spans[i].from && t < spans[i].to)
				spans[i].n += db_int(st, 1);
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

int fig_guideline_languages(struct db *db, struct arena *a, const char ***codes)
{
	struct tr_lang *langs;
	int n = db && tr_refresh(db) == 0 ? tr_languages(db, &langs, a) : -1;
	if (n < 0)
		return -1;
	const char **out = arena_alloc(a, (size_t)(n + 1) * sizeof(*out));
	int k = 0;
	for (int i = 0; i < n; i++) {
		bool all = true;
		for (int j = 0; all && j < tr_nsets(); j++) {
			const struct tr_set *s = tr_set_at(j);
			if (s->guidelines && !str_eq(langs[i].code, "en"))
				all = tr_published_count(s, langs[i].code) == s->nunits;
		}
		if (all)
			out[k++] = arena_strdup(a, langs[i].code);
	}
	*codes = out;
	return k;
}
