/*
 * country.c: a country's public page, /dashboard/:cc (dashboard.h).
 *
 * Always: the reach of its digital-skills work (totals only; children's
 * answers under 5 hidden) and its validated implementation plans, which
 * validation publishes.  When its coordinators chose to publish their
 * policy figures: the maturity of its latest closed self-assessment (a
 * radar per domain), its national strategy (a draft, or adopted and
 * when), the progress of its plan, and its indicators against their
 * targets.
 */
#include "dashboard/dashboard.h"
#include "dashboard/figures.h"
#include "policy/common.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "render/render.h"
#include "web/app.h"
#include "web/i18n.h"
#include "web/page.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INDICATORS_MAX 200

static void keep_count(void *ctx, const char *country, int64_t n)
{
	(void)country;
	*(int64_t *)ctx = n;
}

/* The reach: the same figures as the global page's, for one country. */
static int reach(struct req *r, const char *cc, json_t *d)
{
	for (int f = 0; f < FIG_COUNT; f++) {
		int64_t n = 0;
		if (fig_totals(req_db(r), (enum figure)f, cc, keep_count, &n) < 0)
			return -1;
		json_object_set_new(d, fig_keys[f],
				    f == FIG_ANSWERS && n < FIG_SMALL_COUNT ? json_null()
									 : json_integer(n));
	}
	return 0;
}

/* The validated versions of its plans, the newest first. */
static json_t *validated(struct req *r, const char *cc, bool *err)
{
	json_t *list = json_array();
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT v.id, v.version, v.decided_at, s.title FROM plan_versions v "
				  "JOIN strategies s ON s.id = v.strategy_id WHERE v.country = ? AND "
				  "v.status = 'validated' ORDER BY v.decided_at DESC, v.id DESC LIMIT 20",
				  "t", cc);
	if (!st) {
		*err = true;
		return list;
	}
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(db_int(st, 0)));
		json_object_set_new(o, "n", json_integer(db_int(st, 1)));
		json_object_set_new(o, "validated", jstr(policy_day(r, db_int(st, 2))));
		json_object_set_new(o, "title", jstr(db_text(st, 3)));
		json_array_append_new(list, o);
	}
	db_done(st);
	return list;
}

/* The maturity of the latest closed assessment: a radar and the means. */
static int maturity(struct req *r, const char *cc, json_t *d)
{
	const struct pol_framework *fw = policy_fw();
	if (!fw)
		return 0;
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT id, closed_at FROM assessments WHERE country = ? AND "
				  "closed_at IS NOT NULL ORDER BY closed_at DESC, id DESC LIMIT 1",
				  "t", cc);
	if (!st)
		return -1;
	int64_t aid = 0, closed = 0;
	if (db_step(st) == DB_ROW) {
		aid = db_int(st, 0);
		closed = db_int(st, 1);
	}
	db_done(st);
	if (!aid)
		return 0;
	double sum[POL_MAX_DOMAINS] = {0};
	int n[POL_MAX_DOMAINS] = {0};
	st = db_q(req_db(r),
		  "SELECT capability, level FROM assessment_results WHERE assessment_id = ?", "i",
		  aid);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		const struct pol_cap *cap = policy_cap(fw, db_text(st, 0));
		if (cap) {
			sum[cap->domain] += (double)db_int(st, 1);
			n[cap->domain]++;
		}
	}
	db_done(st);
	struct radar_axis ax[POL_MAX_DOMAINS];
	json_t *doms = json_array();
	double all = 0;
	int alln = 0;
	for (int g = 0; g < fw->ndomains; g++) {
		const char *title = content_text(&fw->domains[g].title, r->lang);
		double mean = n[g] ? sum[g] / n[g] : 0;
		ax[g] = (struct radar_axis){title, mean, 0};
		all += sum[g];
		alln += n[g];
		json_t *o = json_object();
		json_object_set_new(o, "title", jstr(title));
		json_object_set_new(o, "level", jstr(n[g] ? arena_printf(&r->arena, "%.1f", mean) : "–"));
		json_array_append_new(doms, o);
	}
	json_t *m = json_object();
	json_object_set_new(m, "closed_on", jstr(policy_day(r, closed)));
	json_object_set_new(m, "mean", jstr(arena_printf(&r->arena, "%.1f", alln ? all / alln : 0)));
	json_object_set_new(m, "domains", doms);
	struct buf svg;
	buf_init(&svg, 64u << 10);
	if (svg_radar(&svg, tr(r, N_("The mean level of each domain")), ax, fw->ndomains,
		      POL_NLEVELS, false) == 0) {
		buf_putc(&svg, '\0');
		json_object_set_new(m, "radar", jstr(svg.data));
	}
	buf_free(&svg);
	json_object_set_new(d, "maturity", m);
	return 0;
}

/* The latest strategy, its state, its plan's progress and its
 * indicators against their targets. */
static int strategy(struct req *r, const char *cc, json_t *d)
{
	struct db *db = req_db(r);
	struct db_stmt *st = db_q(db,
				  "SELECT id, title, adopted_on FROM strategies WHERE country = ? "
				  "ORDER BY COALESCE(adopted_on, 0) DESC, created_at DESC, id DESC "
				  "LIMIT 1",
				  "t", cc);
	if (!st)
		return -1;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return 0;
	}
	int64_t sid = db_int(st, 0);
	json_t *s = json_object();
	json_object_set_new(s, "title", jstr(db_text(st, 1)));
	if (!db_null(st, 2))
		json_object_set_new(s, "adopted", jstr(policy_day(r, db_int(st, 2))));
	db_done(st);
	json_object_set_new(d, "strategy", s);
	/* the plan's progress, weighted as on the plan's page */
	st = db_q(db,
		  "SELECT COUNT(*), SUM(weight * progress), SUM(weight), SUM(CASE WHEN ends_on < ? "
		  "AND status NOT IN ('done', 'stopped') AND progress < 100 THEN 1 ELSE 0 END) FROM "
		  "plan_actions WHERE strategy_id = ? AND status <> 'stopped'",
		  "ii", now_seconds() - now_seconds() % 86400, sid);
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW && db_int(st, 0) > 0) {
		int64_t w = db_int(st, 2);
		json_object_set_new(s, "actions", json_integer(db_int(st, 0)));
		json_object_set_new(s, "progress",
				    json_integer(w ? (db_int(st, 1) + w / 2) / w : 0));
		json_object_set_new(s, "late", json_integer(db_int(st, 3)));
	}
	db_done(st);
	/* each indicator, its latest approved value */
	st = db_q(db,
		  "SELECT i.title, i.unit, i.baseline, i.target, COALESCE(v.period, c.period), "
		  "COALESCE(v.value, c.value), i.source FROM plan_indicators i LEFT JOIN "
		  "indicator_values v ON v.indicator_id = i.id AND v.status = 'approved' AND v.period "
		  "= (SELECT MAX(w.period) FROM indicator_values w WHERE w.indicator_id = i.id AND "
		  "w.status = 'approved') LEFT JOIN indicator_computed c ON c.indicator_id = i.id AND "
		  "c.period = (SELECT MAX(k.period) FROM indicator_computed k WHERE k.indicator_id = "
		  "i.id) WHERE i.strategy_id = ? ORDER BY i.id LIMIT 200",
		  "i", sid);
	if (!st)
		return -1;
	json_t *inds = json_array();
	while (db_step(st) == DB_ROW) {
		double base = strtod(db_text(st, 2), NULL), target = strtod(db_text(st, 3), NULL);
		json_t *o = json_object();
		json_object_set_new(o, "title", jstr(db_text(st, 0)));
		json_object_set_new(o, "unit", jstr(db_text(st, 1)));
		json_object_set_new(o, "computed", json_boolean(!str_eq(db_text(st, 6), "people")));
		json_object_set_new(o, "baseline", jstr(arena_printf(&r->arena, "%g", base)));
		json_object_set_new(o, "target", jstr(arena_printf(&r->arena, "%g", target)));
		if (db_null(st, 5) && !db_null(st, 4)) {
			/* a count of children too small to show */
			json_object_set_new(o, "period", jstr(db_text(st, 4)));
			json_object_set_new(o, "few", json_true());
		} else if (!db_null(st, 5)) {
			double v = strtod(db_text(st, 5), NULL);
			json_object_set_new(o, "period", jstr(db_text(st, 4)));
			json_object_set_new(o, "value", jstr(arena_printf(&r->arena, "%g", v)));
			/* the way from the baseline to the target, whichever its
			 * direction, 0 to 100 */
			double way = target != base ? (v - base) / (target - base) * 100 : 100;
			way = way < 0 ? 0 : way > 100 ? 100 : way;
			json_object_set_new(o, "way", jstr(arena_printf(&r->arena, "%d", (int)(way + 0.5))));
		}
		json_array_append_new(inds, o);
	}
	db_done(st);
	json_object_set_new(d, "indicators", inds);
	return 0;
}

/* A country's figures are kept a minute per language while nothing has
 * been written through cophub (app_writes()): the page is public, and
 * counting a large country's answers takes a while.  The children's
 * answers, written in the background, show within that minute.  Kept as
 * JSON text: a jansson value made in a request lives in its arena. */
#define CACHE_SECONDS 60
#define CACHE_PAGES 64
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	char cc[3], lang[16];
	int64_t at;
	uint64_t writes;
	char *f; /* malloc'ed */
} cache[CACHE_PAGES];

/* The figures kept for the country in lang, still right: a value to
 * json_decref, or NULL. */
static json_t *kept(const char *cc, const char *lang)
{
	int64_t now = now_seconds();
	uint64_t writes = app_writes();
	json_t *hit = NULL;
	pthread_mutex_lock(&cache_lock);
	for (int i = 0; i < CACHE_PAGES && !hit; i++)
		if (cache[i].f && str_eq(cache[i].cc, cc) && str_eq(cache[i].lang, lang) &&
		    now - cache[i].at < CACHE_SECONDS && cache[i].writes == writes)
			hit = json_loads(cache[i].f, 0, NULL);
	pthread_mutex_unlock(&cache_lock);
	return hit;
}

/* Keeps f, read when app_writes() was `writes` (taken before reading,
 * so that a write in between makes it old at once). */
static void keep(const char *cc, const char *lang, uint64_t writes, json_t *f)
{
	struct buf text;
	buf_init(&text, 1u << 20);
	json_to_buf(f, &text, JSON_COMPACT);
	buf_putc(&text, '\0');
	char *t = text.overflow ? NULL : buf_steal(&text, NULL);
	buf_free(&text);
	if (!t)
		return;
	pthread_mutex_lock(&cache_lock);
	int slot = 0; /* the same page's, else the oldest */
	for (int i = 0; i < CACHE_PAGES; i++) {
		if (str_eq(cache[i].cc, cc) && str_eq(cache[i].lang, lang)) {
			slot = i;
			break;
		}
		if (cache[i].at < cache[slot].at)
			slot = i;
	}
	free(cache[slot].f);
	str_copy(cache[slot].cc, sizeof(cache[slot].cc), cc);
	str_copy(cache[slot].lang, sizeof(cache[slot].lang), lang);
	cache[slot].at = now_seconds();
	cache[slot].writes = writes;
	cache[slot].f = t;
	pthread_mutex_unlock(&cache_lock);
}

/* GET /dashboard/:cc */
int dashboard_country(struct req *r)
{
	const char *cc = req_param(r, 0);
	if (!cc || strlen(cc) != 2)
		return page_error(r, 404, N_("There is no such country."));
	struct db_stmt *st = db_q(req_db(r),
				  "SELECT c.code, COALESCE(l.name, e.name, c.code), c.publish_policy "
				  "FROM countries c LEFT JOIN country_names l ON l.code = c.code AND "
				  "l.lang = ? LEFT JOIN country_names e ON e.code = c.code AND e.lang = "
				  "'en' WHERE c.code = ? AND c.active = 1",
				  "tt", r->lang, cc);
	if (!st)
		return 500;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return page_error(r, 404, N_("There is no such country."));
	}
	char code[3];
	str_copy(code, sizeof(code), db_text(st, 0));
	const char *name = arena_strdup(&r->arena, db_text(st, 1));
	bool published = db_int(st, 2) == 1;
	db_done(st);
	json_t *d = page_data(r, name);
	json_object_set_new(d, "code", jstr(code));
	json_object_set_new(d, "name", jstr(name));
	json_object_set_new(d, "published", json_boolean(published));
	json_object_set_new(d, "small", json_integer(FIG_SMALL_COUNT));
	json_t *f = kept(code, r->lang);
	if (!f) {
		uint64_t writes = app_writes();
		f = json_object();
		bool err = false;
		json_object_set_new(f, "plans", validated(r, code, &err));
		if (err || reach(r, code, f) < 0 ||
		    (published && (maturity(r, code, f) < 0 || strategy(r, code, f) < 0))) {
			json_decref(f);
			json_decref(d);
			return 500;
		}
		keep(code, r->lang, writes, f);
	}
	json_object_update(d, f);
	json_decref(f);
	return page_render(r, "dashboard/country", d);
}

void dashboard_country_free(void)
{
	pthread_mutex_lock(&cache_lock);
	for (int i = 0; i < CACHE_PAGES; i++) {
		free(cache[i].f);
		memset(&cache[i], 0, sizeof(cache[i]));
	}
	pthread_mutex_unlock(&cache_lock);
}
