/*
 * computed.c: the indicators of an implementation plan that cophub fills
 * in itself, from its own figures (common.h).
 *
 * A computed indicator has a source (the children who played, the adults
 * trained or certified, the trainers certified, the cascade's reach, the
 * languages of the guidelines) and a frequency.  Its values are computed
 * for every period of the plan up to the current one, each from the
 * figures of that period (the languages: as they stand when computed, so
 * only the current period's is written), and kept with the time they were
 * computed.  Counts of children under 5 are kept as "hidden", never as the
 * number.  People neither enter nor approve these values.
 */
#include "policy/common.h"
#include "dashboard/figures.h"
#include "core/util.h"
#include "db/db.h"
#include "web/app.h"
#include "web/i18n.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define PERIODS_MAX 240       /* twenty years of months */
#define COMPUTED_MAX 200      /* a plan's indicators */

/* Values older than this are computed again when the plan is shown. */
#define COMPUTED_MAX_AGE 3600

static const struct pol_source sources[] = {
	{"people", N_("Entered by people, then approved"), NULL, -1, false},
	{"children_played", N_("Children who played: answers in the children's game"),
	 N_("answers"), FIG_ANSWERS, true},
	{"adults_trained", N_("Adults trained face to face: attendances"), N_("people"),
	 FIG_ATTENDED, false},
	{"adults_certified", N_("Adults certified: course certificates"), N_("certificates"),
	 FIG_CERTIFICATES, false},
	{"trainers_certified", N_("Trainers certified"), N_("trainers"), FIG_TRAINERS, false},
	{"cascade_reach", N_("Cascade reach: people trained by the cascade's trainers"),
	 N_("people"), FIG_REACH, false},
	{"guideline_languages", N_("Languages in which the whole guidelines are published"),
	 N_("languages"), POL_FIG_LANGUAGES, false},
};

static const char *const frequencies[] = {"year", "quarter", "month"};
static const char *const frequency_names[] = {N_("Per year"), N_("Per quarter"),
					      N_("Per month")};

const struct pol_source *policy_source(const char *id)
{
	for (size_t i = 0; i < ARRAY_LEN(sources); i++)
		if (id && str_eq(id, sources[i].id))
			return &sources[i];
	return NULL;
}

const struct pol_source *policy_source_at(int i)
{
	return i >= 0 && (size_t)i < ARRAY_LEN(sources) ? &sources[i] : NULL;
}

const char *policy_frequency_name(const char *id)
{
	for (size_t i = 0; i < ARRAY_LEN(frequencies); i++)
		if (id && str_eq(id, frequencies[i]))
			return frequency_names[i];
	return NULL;
}

const char *policy_frequency_at(int i)
{
	return i >= 0 && (size_t)i < ARRAY_LEN(frequencies) ? frequencies[i] : NULL;
}

/* A period of the plan: its name (2026, 2026-Q1, 2026-03) and its span. */
struct period {
	char name[8];
	struct fig_span span;
};

static int64_t month_start(int months) /* months since year 0 */
{
	struct tm tm = {0};
	tm.tm_year = months / 12 - 1900;
	tm.tm_mon = months % 12;
	tm.tm_mday = 1;
	return (int64_t)timegm(&tm);
}

static int month_of(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	return (tm.tm_year + 1900) * 12 + tm.tm_mon;
}

/* The periods of a frequency from the one holding `first` to the one
 * holding `last`: their count, at most max (the latest kept). */
static int periods_of(const char *freq, int64_t first, int64_t last, struct period *out, int max)
{
	int step = str_eq(freq, "year") ? 12 : str_eq(freq, "month") ? 1 : 3;
	if (last < first)
		return 0;
	int a = month_of(first), b = month_of(last);
	a -= a % step;
	b -= b % step;
	if ((b - a) / step + 1 > max)
		a = b - (max - 1) * step;
	int n = 0;
	for (int m = a; m <= b && n < max; m += step, n++) {
		int y = m / 12;
		if (step == 12)
			snprintf(out[n].name, sizeof(out[n].name), "%04d", y);
		else if (step == 3)
			snprintf(out[n].name, sizeof(out[n].name), "%04d-Q%d", y, m % 12 / 3 + 1);
		else
			snprintf(out[n].name, sizeof(out[n].name), "%04d-%02d", y, m % 12 + 1);
		out[n].span = (struct fig_span){month_start(m), month_start(m + step), 0};
	}
	return n;
}

/* The plan's first day and the last one that counts now: from its first
 * action (or the strategy's start) to its last action's end or today,
 * whichever comes first.  -1 when the database fails. */
static int plan_span(struct req *r, const struct pol_strategy *s, int64_t now, int64_t *first,
		     int64_t *last)
{
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT MIN(starts_on), MAX(ends_on) FROM plan_actions WHERE "
				  "strategy_id = ?",
				  "i", s->id);
	if (!st)
		return -1;
	int rc = db_step(st);
	*first = s->created_at;
	*last = now;
	if (rc == DB_ROW && !db_null(st, 0)) {
		*first = db_int(st, 0);
		*last = db_int(st, 1) < now ? db_int(st, 1) : now;
	}
	db_done(st);
	return rc == DB_ROW ? 0 : -1;
}

static int store(struct req *r, int64_t iid, const char *country, const char *period,
		 const char *value, int64_t now)
{
	return db_x(req_db(r),
		    "INSERT INTO indicator_computed (indicator_id, country, period, value, "
		    "computed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (indicator_id, period) DO UPDATE "
		    "SET value = excluded.value, computed_at = excluded.computed_at",
		    "ittti", iid, country, period, value, now) == DB_DONE
		       ? 0
		       : -1;
}

/* One indicator's values, for each of the n periods. */
static int compute_one(struct req *r, const struct pol_strategy *s, int64_t iid,
		       const struct pol_source *src, struct period *p, int n, int64_t now)
{
	if (src->figure == POL_FIG_LANGUAGES) {
		/* what stands now: the current period's value, if the plan
		 * still runs; past periods keep what was computed then */
		if (n == 0 || now < p[n - 1].span.from || now >= p[n - 1].span.to)
			return 0;
		const char **codes;
		int k = fig_guideline_languages(req_db(r), &r->arena, &codes);
		if (k < 0)
			return -1;
		return store(r, iid, s->country, p[n - 1].name, arena_printf(&r->arena, "%d", k), now);
	}
	struct fig_span *spans = arena_alloc(&r->arena, (size_t)(n + 1) * sizeof(*spans));
	for (int i = 0; i < n; i++)
		spans[i] = p[i].span;
	if (fig_spans(req_db(r), (enum figure)src->figure, s->country, spans, n) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		bool hidden = src->children && spans[i].n < FIG_SMALL_COUNT;
		const char *v = hidden ? NULL : arena_printf(&r->arena, "%lld", (long long)spans[i].n);
		if (store(r, iid, s->country, p[i].name, v, now) < 0)
			return -1;
	}
	return 0;
}

struct due {
	int64_t id;
	const struct pol_source *src;
	const char *frequency;
};

static int compute_all(struct req *r, const struct pol_strategy *s, const struct due *d, int nd,
		       int64_t now)
{
	int64_t first, last;
	if (plan_span(r, s, now, &first, &last) < 0)
		return -1;
	struct period *p = arena_alloc(&r->arena, PERIODS_MAX * sizeof(*p));
	for (int i = 0; i < nd; i++) {
		int n = periods_of(d[i].frequency, first, last, p, PERIODS_MAX);
		if (compute_one(r, s, d[i].id, d[i].src, p, n, now) < 0 ||
		    db_x(req_db(r), "UPDATE plan_indicators SET computed_at = ? WHERE id = ?", "ii",
			 now, d[i].id) != DB_DONE)
			return -1;
	}
	return 0;
}

int policy_compute(struct req *r, const struct pol_strategy *s, bool force)
{
	struct db *db = req_db(r);
	int64_t now = now_seconds();
	struct db_stmt *st = db_q(db,
				  "SELECT id, source, COALESCE(frequency, 'quarter') FROM "
				  "plan_indicators WHERE strategy_id = ? AND source <> 'people' AND (? = 1 "
				  "OR computed_at IS NULL OR computed_at < ?) ORDER BY id",
				  "iii", s->id, (int64_t)force, now - COMPUTED_MAX_AGE);
	if (!st)
		return -1;
	struct due *d = arena_alloc(&r->arena, COMPUTED_MAX * sizeof(*d));
	int nd = 0, rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const struct pol_source *src = policy_source(db_text(st, 1));
		if (nd < COMPUTED_MAX && src && src->figure >= 0)
			d[nd++] = (struct due){db_int(st, 0), src,
					       arena_strdup(&r->arena, db_text(st, 2))};
	}
	db_done(st);
	if (rc != DB_DONE)
		return -1;
	if (!nd)
		return 0;
	/* a page that is read (GET) writes in a transaction of its own */
	bool own = !db_in_transaction(db);
	if (own && db_begin(db, true) < 0)
		return -1;
	rc = compute_all(r, s, d, nd, now);
	if (own && (rc < 0 ? db_rollback(db) : db_commit(db)) < 0)
		rc = -1;
	return rc;
}
