/*
 * offline.c: the installable children's app (play.h): the service worker
 * and the answers given offline.
 *
 * The service worker keeps a band's pages once visited (the list comes
 * from play_offline_list) and answers the story forms itself: it shows the
 * feedback page (play_feedback, which stores nothing) and queues the
 * answer in the browser.  Queued answers travel in batches, each with a
 * random id chosen once in the browser; the batch and its answers are
 * stored in one transaction, and a batch id seen before is answered
 * "stored" without storing anything again.  So a batch sent twice (the
 * answer to the first try lost on the way) is counted once.
 */
#include "play/play.h"
#include "content/play.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "web/app.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/static.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define BATCH_MAX 200

struct answer {
	const struct scenario *s;
	int step, choice;
	char lang[8], day[11];
};

static bool day_ok(const char *d)
{
	int y, m, dd;
	char tail;
	return strlen(d) == 10 && sscanf(d, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) == 3 &&
	       d[4] == '-' && d[7] == '-' && y >= 1970 && y <= 9999 && m >= 1 && m <= 12 &&
	       dd >= 1 && dd <= 31;
}

/* One line "BAND SCENARIO STEP CHOICE LANG DAY"; NULL, or what is wrong. */
static const char *parse_answer(const char *line, struct answer *a)
{
	char band[16], id[128], step[64], choice[4], lang[8], day[16];
	char extra;
	if (sscanf(line, "%15s %127s %63s %3s %7s %15s %c", band, id, step, choice, lang, day,
		   &extra) != 6)
		return "six fields: band, story, step, choice, language, day";
	const struct play_content *c = play_get_content();
	a->s = c ? play_scenario(c, id) : NULL;
	if (!a->s || band_from_id(band) != (int)a->s->band)
		return "no such story in this band";
	a->step = -1;
	for (int i = 0; i < a->s->nsteps; i++)
		if (str_eq(a->s->steps[i].id, step))
			a->step = i;
	if (a->step < 0)
		return "no such step";
	const struct step *st = &a->s->steps[a->step];
	a->choice = strlen(choice) == 1 ? choice[0] - 'a' : -1;
	if (a->choice < 0 || a->choice >= st->nchoices)
		return "no such choice";
	if (content_lang_index(lang) < 0)
		return "not a language of the game";
	if (!day_ok(day))
		return "the day is not YYYY-MM-DD";
	str_copy(a->lang, sizeof(a->lang), lang);
	str_copy(a->day, sizeof(a->day), day);
	return NULL;
}

/* A day from a device's clock: kept when it is within the last 60 days,
 * else (a clock set wrong) today. */
static void clamp_day(char day[11])
{
	char today[11], oldest[11];
	time_t t = time(NULL), o = t - 60 * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	gmtime_r(&o, &tm);
	strftime(oldest, sizeof(oldest), "%Y-%m-%d", &tm);
	if (strcmp(day, today) > 0 || strcmp(day, oldest) < 0)
		memcpy(day, today, 11);
}

static int plain(struct req *r, int status, const char *text)
{
	resp_text(r, status, "text/plain; charset=utf-8", text);
	r->no_store = true;
	return 0;
}

/* POST /play/sync: batch=<32 hex digits>&answers=<one answer a line>.
 * 200 "stored N" or "stored before"; 400 naming the first bad answer,
 * and then nothing of the batch is stored. */
int play_sync(struct req *r)
{
	if (!play_same_origin(r))
		return plain(r, 403, "answers are sent from this site's own pages\n");
	const char *batch = req_form(r, "batch");
	const char *lines = req_form(r, "answers");
	if (!batch || strlen(batch) != 32 || strspn(batch, "0123456789abcdef") != 32)
		return plain(r, 400, "batch: 32 hexadecimal digits\n");
	if (!lines || !*lines)
		return plain(r, 400, "answers: one answer a line\n");
	struct answer *a = arena_alloc(&r->arena, sizeof(*a) * BATCH_MAX);
	int n = 0;
	char *copy = arena_strdup(&r->arena, lines), *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[len - 1] = '\0';
		if (!*line)
			continue;
		if (n == BATCH_MAX)
			return plain(r, 400, "a batch holds at most 200 answers\n");
		const char *why = parse_answer(line, &a[n]);
		if (why)
			return plain(r, 400, arena_printf(&r->arena, "answer %d: %s\n", n + 1, why));
		clamp_day(a[n].day);
		n++;
	}
	if (!n)
		return plain(r, 400, "answers: one answer a line\n");

	struct db *db = req_db(r);
	int64_t cid = 0, mid = 0;
	int member = play_member(r, &cid, &mid, NULL);
	if (!db || member < 0)
		return 503;
	char today[11];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if (db_savepoint(db) < 0)
		return 500;
	int rc = db_x(db, "INSERT INTO play_batches (id, day) VALUES (?, ?)", "tt", batch, today);
	db_savepoint_end(db, rc);
	if (rc == DB_CONSTRAINT)
		return plain(r, 200, "stored before\n");
	if (rc != DB_DONE)
		return 500;
	const char *country = play_home_country();
	for (int i = 0; i < n; i++) {
		const struct step *st = &a[i].s->steps[a[i].step];
		char letter[2] = {(char)('a' + a[i].choice), 0};
		int64_t safe = (int64_t)st->choices[a[i].choice].safe;
		const char *cc = country && *country ? country : NULL;
		if (member)
			rc = db_x(db,
				  "INSERT INTO play_events (day, country, lang, band, scenario, step, "
				  "choice, safe, class_id, member_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				  "tttttttiii", a[i].day, cc, a[i].lang, band_ids[a[i].s->band], a[i].s->id,
				  st->id, letter, safe, cid, mid);
		else
			rc = db_x(db,
				  "INSERT INTO play_events (day, country, lang, band, scenario, step, "
				  "choice, safe) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				  "ttttttti", a[i].day, cc, a[i].lang, band_ids[a[i].s->band], a[i].s->id,
				  st->id, letter, safe);
		if (rc != DB_DONE || play_total_add(db, cc, a[i].day) < 0)
			return 500; /* the request's transaction is rolled back: nothing stored */
	}
	return plain(r, 200, arena_printf(&r->arena, "stored %d\n", n));
}

/* GET /play/sw.js: the service worker, served from /play/ so that its
 * scope is the children's area. */
int play_sw(struct req *r)
{
	static_serve(r, "play/sw.js");
	if (r->status != 200)
		return page_error(r, 404, NULL);
	r->cache_control = "no-cache";
	/* its scope is /play: the index and everything below it */
	resp_header(r, "Service-Worker-Allowed", "/play");
	return 0;
}

/* GET /play/manifest.webmanifest: what a browser needs to install the
 * children's area as an app, named in the reader's language. */
int play_manifest(struct req *r)
{
	json_t *m = json_object();
	json_object_set_new(m, "name", json_string(arena_printf(&r->arena, "cophub: %s",
							  tr(r, "Play and learn"))));
	json_object_set_new(m, "short_name", json_string(tr(r, "Play and learn")));
	json_object_set_new(m, "lang", json_string(r->lang));
	json_object_set_new(m, "dir", json_string(catalog_rtl(r->cat) ? "rtl" : "ltr"));
	json_object_set_new(m, "start_url", json_string("/play"));
	json_object_set_new(m, "scope", json_string("/play"));
	json_object_set_new(m, "display", json_string("standalone"));
	json_object_set_new(m, "background_color", json_string("#ffffff"));
	json_object_set_new(m, "theme_color", json_string("#1d5fa8"));
	json_t *icons = json_array();
	static const struct {
		const char *file, *sizes, *type, *purpose;
	} icon[] = {
		{"play/icon-192.png", "192x192", "image/png", "any maskable"},
		{"play/icon-512.png", "512x512", "image/png", "any maskable"},
		{"play/icon.svg", "any", "image/svg+xml", "any"},
	};
	for (size_t i = 0; i < ARRAY_LEN(icon); i++) {
		json_t *o = json_object();
		json_object_set_new(o, "src", json_string(static_url(icon[i].file)));
		json_object_set_new(o, "sizes", json_string(icon[i].sizes));
		json_object_set_new(o, "type", json_string(icon[i].type));
		json_object_set_new(o, "purpose", json_string(icon[i].purpose));
		json_array_append_new(icons, o);
	}
	json_object_set_new(m, "icons", icons);
	r->status = 200;
	r->content_type = "application/manifest+json; charset=utf-8";
	json_to_buf(m, &r->out, JSON_COMPACT);
	json_decref(m);
	return 0;
}
