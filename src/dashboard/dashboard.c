/*
 * dashboard.c: the public global dashboard, /dashboard, and its figures
 * as /dashboard.csv and /dashboard.json (dashboard.h).
 *
 * Per country whose programme has begun: the answers children gave in the game (anonymous
 * events; a count under 5 is never shown), the adults who learn, their
 * certificates, the people trained face to face, the certified trainers
 * and the people their cascade reached (the learning module's running
 * totals), and the maturity of the country's latest closed
 * self-assessment, overall and per domain.  For the world: the sums, and
 * the languages in which the whole of the guidelines is published.  Only
 * aggregates, computed when asked, with the time they were computed.
 */
#include "dashboard/dashboard.h"
#include "dashboard/figures.h"
#include "policy/common.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "web/app.h"
#include "web/i18n.h"
#include "web/page.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SMALL_COUNT FIG_SMALL_COUNT /* children's counts under this are not shown */
#define MAX_COUNTRIES 300

struct country {
	char code[3];
	const char *name;
	int64_t m[FIG_COUNT]; /* by enum figure */
	bool published;       /* its policy figures are public */
	int64_t adopted_on;   /* of its latest strategy; 0: none adopted */
	bool has_strategy;
	int64_t validated_on; /* its latest validated plan; 0: none */
	int64_t assessed_at; /* 0: no closed assessment */
	double mean;
	double domain[POL_MAX_DOMAINS];
	int domain_n[POL_MAX_DOMAINS];
};

static struct country *find(struct country *cs, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (str_eq(cs[i].code, code))
			return &cs[i];
	return NULL;
}

/* Where fig_totals() hands each country's count of one figure. */
struct collecting {
	struct country *cs;
	int n;
	enum figure f;
};

static void collect_one(void *ctx, const char *code, int64_t count)
{
	struct collecting *k = ctx;
	struct country *c = find(k->cs, k->n, code);
	if (c)
		c->m[k->f] = count;
}

/* Everything the dashboard shows; -1 when the database fails. */
static int collect(struct req *r, struct country **out)
{
	struct db *db = req_db(r);
	struct country *cs = arena_alloc(&r->arena, MAX_COUNTRIES * sizeof(*cs));
	memset(cs, 0, MAX_COUNTRIES * sizeof(*cs));
	int n = 0;
	struct db_stmt *st = db_q(db,
				  "SELECT c.code, COALESCE(l.name, e.name, c.code), c.publish_policy "
				  "FROM countries c "
				  "LEFT JOIN country_names l ON l.code = c.code AND l.lang = ? LEFT JOIN "
				  "country_names e ON e.code = c.code AND e.lang = 'en' WHERE c.active = 1 "
				  "ORDER BY c.code",
				  "t", r->lang);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW && n < MAX_COUNTRIES) {
		str_copy(cs[n].code, sizeof(cs[n].code), db_text(st, 0));
		cs[n].name = arena_strdup(&r->arena, db_text(st, 1));
		cs[n].published = db_int(st, 2) == 1;
		n++;
	}
	db_done(st);
	for (int f = 0; f < FIG_COUNT; f++) {
		struct collecting k = {cs, n, (enum figure)f};
		if (fig_totals(db, (enum figure)f, NULL, collect_one, &k) < 0)
			return -1;
	}
	/* the strategies (adopted or not) and the validated plans of the
	 * countries that publish them */
	st = db_q(db,
		  "SELECT s.country, MAX(COALESCE(s.adopted_on, 0)), (SELECT MAX(v.decided_at) FROM "
		  "plan_versions v WHERE v.country = s.country AND v.status = 'validated') FROM "
		  "strategies s JOIN countries c ON c.code = s.country AND c.publish_policy = 1 GROUP "
		  "BY s.country",
		  "");
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		struct country *c = find(cs, n, db_text(st, 0));
		if (!c)
			continue;
		c->has_strategy = true;
		c->adopted_on = db_int(st, 1);
		c->validated_on = db_null(st, 2) ? 0 : db_int(st, 2);
	}
	db_done(st);
	/* the latest closed assessment of each country, its decided levels */
	const struct pol_framework *fw = policy_fw();
	st = db_q(db,
		  "SELECT a.country, a.closed_at, x.capability, x.level FROM assessments a JOIN "
		  "assessment_results x ON x.assessment_id = a.id WHERE a.closed_at IS NOT NULL AND "
		  "NOT EXISTS (SELECT 1 FROM assessments b WHERE b.country = a.country AND b.closed_at "
		  "IS NOT NULL AND (b.closed_at > a.closed_at OR (b.closed_at = a.closed_at AND b.id > "
		  "a.id)))",
		  "");
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		struct country *c = find(cs, n, db_text(st, 0));
		const struct pol_cap *cap = fw ? policy_cap(fw, db_text(st, 2)) : NULL;
		if (!c || !cap || !c->published)
			continue;
		c->assessed_at = db_int(st, 1);
		c->domain[cap->domain] += (double)db_int(st, 3);
		c->domain_n[cap->domain]++;
	}
	db_done(st);
	for (int i = 0; fw && i < n; i++) {
		double sum = 0;
		int k = 0;
		for (int g = 0; g < fw->ndomains; g++) {
			if (!cs[i].domain_n[g])
				continue;
			sum += cs[i].domain[g];
			k += cs[i].domain_n[g];
			cs[i].domain[g] /= cs[i].domain_n[g];
		}
		cs[i].mean = k ? sum / k : 0;
	}
	*out = cs;
	return n;
}

/* The languages in which every guideline set is wholly published. */
static json_t *complete_languages(struct req *r)
{
	json_t *a = json_array();
	const char **codes;
	int n = fig_guideline_languages(req_db(r), &r->arena, &codes);
	for (int i = 0; i < n; i++)
		json_array_append_new(a, jstr(codes[i]));
	return a;
}

static json_t *count_json(int64_t n, bool child)
{
	return child && n < SMALL_COUNT ? json_null() : json_integer(n);
}

/* The figures as JSON: for the page, the CSV and /dashboard.json. */
static json_t *compute(struct req *r)
{
	struct country *cs;
	int n = collect(r, &cs);
	if (n < 0)
		return NULL;
	const struct pol_framework *fw = policy_fw();
	json_t *o = json_object();
	time_t now = (time_t)now_seconds();
	struct tm tm;
	gmtime_r(&now, &tm);
	char when[32];
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_set_new(o, "computed_at", jstr(when));
	json_object_set_new(o, "small_counts_hidden_below", json_integer(SMALL_COUNT));
	json_t *list = json_array();
	int64_t tot_answers = 0, tot[FIG_COUNT] = {0};
	int assessed = 0, adopted = 0, validated = 0;
	int shown = 0;
	for (int i = 0; i < n; i++) {
		const struct country *c = &cs[i];
		/* a country appears once its programme has begun: some figure or
		 * a closed assessment (every country of ISO 3166 is active) */
		bool any = c->assessed_at || c->has_strategy;
		for (int k = 0; k < FIG_COUNT; k++)
			any = any || c->m[k];
		if (!any)
			continue;
		shown++;
		json_t *x = json_object();
		json_object_set_new(x, "code", jstr(c->code));
		json_object_set_new(x, "name", jstr(c->name));
		for (int k = 0; k < FIG_COUNT; k++)
			json_object_set_new(x, fig_keys[k], count_json(c->m[k], k == FIG_ANSWERS));
		json_object_set_new(x, "published", json_boolean(c->published));
		json_object_set_new(x, "strategy_adopted_on",
				    c->adopted_on ? jstr(policy_day(r, c->adopted_on)) : json_null());
		json_object_set_new(x, "plan_validated_on",
				    c->validated_on ? jstr(policy_day(r, c->validated_on)) : json_null());
		adopted += c->adopted_on != 0;
		validated += c->validated_on != 0;
		if (c->assessed_at) {
			assessed++;
			json_t *a = json_object();
			json_object_set_new(a, "closed_on", jstr(policy_day(r, c->assessed_at)));
			json_object_set_new(a, "mean_level",
					    json_real((double)(int)(c->mean * 10 + 0.5) / 10));
			json_t *doms = json_object();
			for (int g = 0; fw && g < fw->ndomains; g++)
				json_object_set_new(
					doms, fw->domains[g].id,
					c->domain_n[g] ? json_real((double)(int)(c->domain[g] * 10 + 0.5) / 10)
						       : json_null());
			json_object_set_new(a, "domains", doms);
			json_object_set_new(x, "assessment", a);
		} else {
			json_object_set_new(x, "assessment", json_null());
		}
		json_array_append_new(list, x);
		/* the world's sum leaves out what is hidden: else a subtraction
		 * would show it */
		tot_answers += c->m[FIG_ANSWERS] >= SMALL_COUNT ? c->m[FIG_ANSWERS] : 0;
		for (int k = 0; k < FIG_COUNT; k++)
			if (k != FIG_ANSWERS)
				tot[k] += c->m[k];
	}
	json_object_set_new(o, "countries", list);
	json_t *w = json_object();
	json_object_set_new(w, "countries", json_integer(shown));
	json_object_set_new(w, "countries_assessed", json_integer(assessed));
	json_object_set_new(w, "strategies_adopted", json_integer(adopted));
	json_object_set_new(w, "plans_validated", json_integer(validated));
	tot[FIG_ANSWERS] = tot_answers;
	for (int k = 0; k < FIG_COUNT; k++)
		json_object_set_new(w, fig_keys[k], count_json(tot[k], k == FIG_ANSWERS));
	json_object_set_new(w, "guideline_languages", complete_languages(r));
	json_object_set_new(o, "world", w);
	return o;
}

/* The figures, computed at most once a minute per language (the page is
 * public and counting every answer of a large country takes a while):
 * a value for the caller to json_decref, or NULL.  They are kept as text,
 * since a jansson value made in a request lives in its arena. */
#define CACHE_SECONDS 60
#define CACHE_LANGS 16
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	char lang[16];
	int64_t at;
	char *f;   /* JSON text, malloc'ed */
	bool busy; /* a request is computing them again */
} cache[CACHE_LANGS];

/* Keeps f as the figures of lang (computed at `at`), and ends the
 * computing of them. */
static void keep(const char *lang, int64_t at, json_t *f)
{
	char *kept = NULL;
	if (f) {
		struct buf text;
		buf_init(&text, 4u << 20);
		json_to_buf(f, &text, JSON_COMPACT);
		buf_putc(&text, '\0');
		kept = text.overflow ? NULL : buf_steal(&text, NULL);
		buf_free(&text);
	}
	pthread_mutex_lock(&cache_lock);
	int slot = 0; /* the same language's, else the oldest */
	for (int i = 0; i < CACHE_LANGS; i++) {
		if (str_eq(cache[i].lang, lang)) {
			slot = i;
			break;
		}
		if (cache[i].at < cache[slot].at)
			slot = i;
	}
	if (str_eq(cache[slot].lang, lang))
		cache[slot].busy = false;
	if (kept) {
		free(cache[slot].f);
		str_copy(cache[slot].lang, sizeof(cache[slot].lang), lang);
		cache[slot].at = at;
		cache[slot].f = kept;
		cache[slot].busy = false;
	}
	pthread_mutex_unlock(&cache_lock);
}

static json_t *figures(struct req *r)
{
	int64_t now = now_seconds();
	json_t *hit = NULL;
	pthread_mutex_lock(&cache_lock);
	for (int i = 0; i < CACHE_LANGS; i++) {
		if (!cache[i].f || !str_eq(cache[i].lang, r->lang))
			continue;
		/* fresh, or being computed again by another request: these
		 * (one computing at a time; the others do not wait) */
		if (now - cache[i].at < CACHE_SECONDS || cache[i].busy)
			hit = json_loads(cache[i].f, 0, NULL);
		else
			cache[i].busy = true;
		break;
	}
	pthread_mutex_unlock(&cache_lock);
	if (hit)
		return hit;
	json_t *f = compute(r);
	keep(r->lang, now, f);
	return f;
}

void dashboard_free(void)
{
	pthread_mutex_lock(&cache_lock);
	for (int i = 0; i < CACHE_LANGS; i++) {
		free(cache[i].f);
		cache[i].f = NULL;
		cache[i].lang[0] = 0;
		cache[i].at = 0;
		cache[i].busy = false;
	}
	pthread_mutex_unlock(&cache_lock);
}

/* GET /dashboard */
int dashboard_page(struct req *r)
{
	json_t *f = figures(r);
	if (!f)
		return 500;
	json_t *d = page_data(r, N_("Dashboard"));
	const struct pol_framework *fw = policy_fw();
	json_t *doms = json_array();
	for (int g = 0; fw && g < fw->ndomains; g++) {
		json_t *x = json_object();
		json_object_set_new(x, "id", jstr(fw->domains[g].id));
		json_object_set_new(x, "title", jstr(content_text(&fw->domains[g].title, r->lang)));
		json_array_append_new(doms, x);
	}
	json_object_set_new(d, "domains", doms);
	json_object_set_new(d, "ndomains", json_integer(fw ? fw->ndomains + 2 : 2));
	/* the page shows "–" for what is hidden or missing */
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(f, "countries"), i, c)
	{
		json_t *a = json_object_get(c, "assessment");
		if (json_is_object(a)) {
			json_object_set_new(c, "mean", jstr(arena_printf(&r->arena, "%.1f",
					   json_real_value(json_object_get(a, "mean_level")))));
			json_t *cells = json_array();
			for (int g = 0; fw && g < fw->ndomains; g++) {
				json_t *v = json_object_get(json_object_get(a, "domains"), fw->domains[g].id);
				json_array_append_new(cells, jstr(json_is_real(v) ? arena_printf(&r->arena, "%.1f",
										   json_real_value(v))
									     : "–"));
			}
			json_object_set_new(c, "cells", cells);
		}
	}
	json_object_set_new(d, "f", f);
	return page_render(r, "dashboard/index", d);
}

/* GET /dashboard.json */
int dashboard_json(struct req *r)
{
	json_t *f = figures(r);
	if (!f)
		return 500;
	buf_reset(&r->out);
	json_to_buf(f, &r->out, JSON_INDENT(1) | JSON_SORT_KEYS);
	buf_putc(&r->out, '\n');
	json_decref(f);
	if (r->out.overflow)
		return 500;
	r->status = 200;
	r->content_type = "application/json; charset=utf-8";
	return 0;
}

/* A CSV field: quoted when it holds a comma, quote or line end (RFC 4180). */
static void csv_field(struct buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

static void csv_value(struct buf *b, json_t *v)
{
	buf_putc(b, ',');
	if (json_is_integer(v))
		buf_printf(b, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		buf_printf(b, "%.1f", json_real_value(v));
	else if (json_is_string(v))
		csv_field(b, json_string_value(v));
	/* null: an empty field */
}

/* GET /dashboard.csv: a row a country. */
int dashboard_csv(struct req *r)
{
	json_t *f = figures(r);
	if (!f)
		return 500;
	const struct pol_framework *fw = policy_fw();
	struct buf *b = &r->out;
	buf_reset(b);
	buf_puts(b, "code,name");
	for (int k = 0; k < FIG_COUNT; k++)
		buf_printf(b, ",%s", fig_keys[k]);
	buf_puts(b, ",strategy_adopted_on,plan_validated_on,assessment_closed_on,mean_level");
	for (int g = 0; fw && g < fw->ndomains; g++)
		buf_printf(b, ",level_%s", fw->domains[g].id);
	buf_puts(b, ",computed_at\r\n");
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(f, "countries"), i, c)
	{
		csv_field(b, json_string_value(json_object_get(c, "code")));
		csv_value(b, json_object_get(c, "name"));
		for (int k = 0; k < FIG_COUNT; k++)
			csv_value(b, json_object_get(c, fig_keys[k]));
		csv_value(b, json_object_get(c, "strategy_adopted_on"));
		csv_value(b, json_object_get(c, "plan_validated_on"));
		json_t *a = json_object_get(c, "assessment");
		csv_value(b, json_object_get(a, "closed_on"));
		csv_value(b, json_object_get(a, "mean_level"));
		for (int g = 0; fw && g < fw->ndomains; g++)
			csv_value(b, json_object_get(json_object_get(a, "domains"), fw->domains[g].id));
		csv_value(b, json_object_get(f, "computed_at"));
		buf_puts(b, "\r\n");
	}
	json_decref(f);
	if (b->overflow)
		return 500;
	resp_download(r, "text/csv; charset=utf-8", "dashboard.csv");
	return 0;
}
