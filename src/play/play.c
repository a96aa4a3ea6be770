/*
 * play.c: the children's area (play.h).
 *
 * Every page works without JavaScript: a choice is a form that posts to
 * the server, which answers with the feedback.  State-changing posts here
 * carry no CSRF token (a child has no session and gets no cookie): the
 * browser's Origin and Sec-Fetch-Site headers must name this site instead,
 * and the only state they change is an anonymous count.
 */
#include "play/play.h"
#include "content/play.h"
#include "web/app.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/static.h"
#include "db/db.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const struct play_content *content;
static char home_country[3];

static void play_pages_free(void);

/* At start-up and at the end, with no request running. */
void play_set_content(const struct play_content *c, const char *country)
{
	play_pages_free();
	content = c;
	str_copy(home_country, sizeof(home_country), country ? country : "");
}

const struct play_content *play_get_content(void)
{
	return content;
}

const char *play_home_country(void)
{
	return home_country;
}

/* ---- texts ------------------------------------------------------------- */

/* A country's helpline, as its coordinator entered it (or the shipped
 * data); fields are "" when unknown. */
struct helpline {
	char country[3];
	/* bytes: the limits are in characters, up to 4 bytes each */
	char name[1201], contact[1201], report[1201], emergency[401], note[2401];
	bool known, shipped;
};

/* From the database, or the shipped number (h->shipped, its name left
 * for the caller to translate). */
static void helpline_read(struct req *r, const char *country, struct helpline *h)
{
	memset(h, 0, sizeof(*h));
	str_copy(h->country, sizeof(h->country), country ? country : "");
	struct db *db = country && *country ? req_db(r) : NULL;
	if (!db)
		return;
	struct db_stmt *st = db_q(db,
				  "SELECT name, contact, report, emergency, note FROM helplines "
				  "WHERE country = ?",
				  "t", country);
	if (!st)
		return;
	if (db_step(st) == DB_ROW) {
		str_copy(h->name, sizeof(h->name), db_text(st, 0));
		str_copy(h->contact, sizeof(h->contact), db_text(st, 1));
		str_copy(h->report, sizeof(h->report), db_text(st, 2));
		str_copy(h->emergency, sizeof(h->emergency), db_text(st, 3));
		str_copy(h->note, sizeof(h->note), db_text(st, 4));
		h->known = h->name[0] || h->contact[0];
		db_done(st);
		return;
	}
	db_done(st);
	/* nothing entered by the coordinator: the shipped number, if any */
	const struct helpline_default *def = content ? play_helpline(content, country) : NULL;
	if (def) {
		str_copy(h->contact, sizeof(h->contact), def->contact);
		h->known = h->shipped = true;
	}
}

/* The site's own country's helpline is on every story page: it is kept
 * for 2 s, and forgotten at once when a coordinator of this process
 * saves it (other processes see the change within the 2 s). */
static struct {
	pthread_mutex_t lock;
	struct helpline h;
	int64_t at;
	unsigned gen;
	bool valid;
} hl_cache = {.lock = PTHREAD_MUTEX_INITIALIZER};
static atomic_uint hl_gen;

void play_helpline_changed(void)
{
	atomic_fetch_add(&hl_gen, 1);
}

static void helpline_load(struct req *r, const char *country, struct helpline *h)
{
	bool home = country && str_eq(country, home_country);
	unsigned gen = atomic_load(&hl_gen);
	int64_t now = mono_usec();
	bool hit = false;
	if (home) {
		pthread_mutex_lock(&hl_cache.lock);
		hit = hl_cache.valid && hl_cache.gen == gen && now - hl_cache.at < 2000000;
		if (hit)
			*h = hl_cache.h;
		pthread_mutex_unlock(&hl_cache.lock);
	}
	if (!hit) {
		helpline_read(r, country, h);
		if (home) {
			pthread_mutex_lock(&hl_cache.lock);
			hl_cache.h = *h;
			hl_cache.at = now;
			hl_cache.gen = gen;
			hl_cache.valid = true;
			pthread_mutex_unlock(&hl_cache.lock);
		}
	}
	if (h->shipped)
		str_copy(h->name, sizeof(h->name), tr(r, "Child helpline"));
}

/* What {helpline}, {report}, ... become for the reader: the country's
 * entries, or "an adult you trust" and the like. */
static struct play_fill fill_of(struct req *r, const struct helpline *h)
{
	const char *adult = tr(r, "an adult you trust");
	struct play_fill f = {
		.helpline = h->name[0] ? h->name : adult,
		.contact = h->contact[0] ? h->contact : adult,
		.report = h->report[0] ? h->report : adult,
		.emergency = h->emergency[0] ? h->emergency : tr(r, "the emergency services"),
		.law = h->note[0] ? h->note : tr(r, "the rules where you live"),
	};
	return f;
}

void play_site_fill(struct req *r, struct play_fill *f)
{
	struct helpline h;
	helpline_load(r, home_country, &h);
	*f = fill_of(r, &h);
	/* h lives on this stack: keep what the fill points to */
	f->helpline = arena_strdup(&r->arena, f->helpline);
	f->contact = arena_strdup(&r->arena, f->contact);
	f->report = arena_strdup(&r->arena, f->report);
	f->emergency = arena_strdup(&r->arena, f->emergency);
	f->law = arena_strdup(&r->arena, f->law);
}

/* The text in the reader's language with {helpline}, {report}, ...
 * replaced for the site's country, or by "an adult you trust". */
static const char *ctext(struct req *r, const struct text *t, const struct helpline *h)
{
	const char *s = content_text(t, r->lang);
	if (!strchr(s, '{'))
		return s;
	struct play_fill f = fill_of(r, h);
	struct buf b;
	buf_init(&b, 1u << 16);
	play_fill_text(&b, s, &f);
	const char *out = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

static const char *ptext(struct req *r, const struct text *t)
{
	return content_text(t, r->lang);
}

static int band_of_path(struct req *r)
{
	return band_from_id(req_param(r, 0));
}

/* What the page template knows about the band. */
static void band_json(struct req *r, json_t *d, int band)
{
	static const char *const names[NBANDS] = {N_("Under 9"), N_("9 to 12"), N_("13 to 18")};
	json_object_set_new(d, "band", jstr(band_ids[band]));
	json_object_set_new(d, "band_name", jstr(tr(r, names[band])));
	json_object_set_new(d, "is_u9", json_boolean(band == BAND_U9));
	json_object_set_new(d, "is_9_12", json_boolean(band == BAND_9_12));
	json_object_set_new(d, "is_13_18", json_boolean(band == BAND_13_18));
}

static json_t *character_json(struct req *r, int ix)
{
	json_t *o = json_object();
	if (ix < 0 || !content)
		return o;
	const struct character *ch = &content->characters[ix];
	json_object_set_new(o, "name", jstr(ptext(r, &ch->name)));
	json_object_set_new(o, "about", jstr(ptext(r, &ch->about)));
	json_object_set_new(o, "image", json_string(arena_printf(&r->arena, "/static/play/%s",
								  ch->image)));
	return o;
}

/* Children's pages: never cached; they load the area's small script. */
static void child_page(struct req *r, json_t *d)
{
	r->no_store = true;
	json_object_set_new(d, "script", jstr(static_url("play/play.js")));
	json_object_set_new(d, "manifest", json_true());
}

/* ---- the index and the bands --------------------------------------------- */

int play_index(struct req *r)
{
	json_t *d = page_data(r, N_("Play and learn"));
	child_page(r, d);
	if (content) {
		json_object_set_new(d, "lumo", character_json(r, 0));
		for (int i = 0; i < content->ncharacters; i++)
			if (str_eq(content->characters[i].id, "kiri"))
				json_object_set_new(d, "kiri", character_json(r, i));
	}
	return page_render(r, "play/index", d);
}

int play_band(struct req *r)
{
	int band = band_of_path(r);
	if (band < 0 || !content)
		return page_error(r, 404, NULL);
	json_t *d = page_data(r, N_("Play and learn"));
	child_page(r, d);
	band_json(r, d, band);
	json_t *levels = json_array();
	for (int t = 0; t < content->ntopics; t++) {
		const struct topic *tp = &content->topics[t];
		if (!(tp->bands & (1u << band)))
			continue;
		json_t *cards = json_array();
		for (int i = 0; i < content->nscenarios; i++) {
			const struct scenario *s = &content->scenarios[i];
			if (s->band != (enum band)band || s->topic != t)
				continue;
			json_t *o = json_object();
			json_object_set_new(o, "id", jstr(s->id));
			json_object_set_new(o, "title", jstr(ptext(r, &s->title)));
			json_array_append_new(cards, o);
		}
		if (!json_array_size(cards)) {
			json_decref(cards);
			continue;
		}
		json_t *lv = json_object();
		json_object_set_new(lv, "topic", jstr(tp->id));
		json_object_set_new(lv, "name", jstr(ptext(r, &tp->name)));
		json_object_set_new(lv, "cards", cards);
		json_array_append_new(levels, lv);
	}
	json_object_set_new(d, "levels", levels);
	int guide = band == BAND_U9 ? 0 : 1;
	if (guide < content->ncharacters && band != BAND_13_18)
		json_object_set_new(d, "guide", character_json(r, guide));
	return page_render(r, "play/band", d);
}

static const struct scenario *scenario_of_path(struct req *r, int *band)
{
	*band = band_of_path(r);
	if (*band < 0 || !content)
		return NULL;
	const struct scenario *s = play_scenario(content, req_param(r, 1));
	return s && s->band == (enum band)*band ? s : NULL;
}

static int step_of(const struct scenario *s, const char *id)
{
	if (!id)
		return 0;
	for (int i = 0; i < s->nsteps; i++)
		if (str_eq(s->steps[i].id, id))
			return i;
	return -1;
}

/* The scenario's data for a step page or a feedback page. */
static json_t *scenario_json(struct req *r, const struct scenario *s, int step,
			     const struct helpline *h)
{
	json_t *d = page_data(r, N_("Play and learn"));
	band_json(r, d, s->band);
	json_object_set_new(d, "id", jstr(s->id));
	json_object_set_new(d, "scenario_title", jstr(ptext(r, &s->title)));
	json_object_set_new(d, "topic", jstr(ptext(r, &content->topics[s->topic].name)));
	json_object_set_new(d, "character", character_json(r, s->character));
	const struct step *st = &s->steps[step];
	json_object_set_new(d, "step", jstr(st->id));
	const char *text = s->band != BAND_13_18 ? ctext(r, &st->text, h) : "";
	json_object_set_new(d, "text", jstr(text));
	bool say = s->band == BAND_U9; /* the picture stories, read aloud */
	if (say) {
		json_object_set_new(
			d, "picture",
			jstr(static_url(arena_printf(&r->arena, "play/scenes/%s.svg", s->id))));
		json_object_set_new(d, "title_audio",
				    jstr(play_audio_url(r, s->id, "title", ptext(r, &s->title))));
		json_object_set_new(d, "text_audio",
				    jstr(play_audio_url(r, s->id, arena_printf(&r->arena, "%s.text", st->id),
							text)));
	}
	json_t *msgs = json_array();
	for (int m = 0; m < st->nmsgs; m++) {
		json_t *o = json_object();
		const struct message *msg = &st->msgs[m];
		bool me = msg->person < 0;
		json_object_set_new(o, "me", json_boolean(me));
		json_object_set_new(o, "who", jstr(me ? tr(r, "You")
						      : ptext(r, &s->people[msg->person].name)));
		json_object_set_new(o, "text", jstr(ctext(r, &msg->text, h)));
		json_array_append_new(msgs, o);
	}
	json_object_set_new(d, "messages", msgs);
	json_t *choices = json_array();
	for (int k = 0; k < st->nchoices; k++) {
		json_t *o = json_object();
		char letter[2] = {(char)('a' + k), 0};
		json_object_set_new(o, "letter", jstr(letter));
		const char *label = ctext(r, &st->choices[k].label, h);
		json_object_set_new(o, "label", jstr(label));
		if (say)
			json_object_set_new(
				o, "audio",
				jstr(play_audio_url(r, s->id,
						    arena_printf(&r->arena, "%s.%s", st->id, letter), label)));
		json_array_append_new(choices, o);
	}
	json_object_set_new(d, "choices", choices);
	return d;
}

/* ---- story pages, kept rendered ------------------------------------------ */

/* A story's step and a choice's feedback look the same to every reader
 * who is not signed in: they depend on the language, the story, the step,
 * the choice and the site country's helpline, nothing else.  So each is
 * rendered once and kept for 2 s, or until a coordinator of this process
 * saves the helpline: a class of thirty children on the same story costs
 * one rendering.  (A change of the helpline shows at once in this
 * process, within 4 s in others.)  A slot per hash of the key, a lock per
 * 64 slots; pages of at most PAGE_MAX bytes (about 4 KiB in practice),
 * PAGE_BYTES in all. */
#define PAGE_SLOTS 1024
#define PAGE_LOCKS 16
#define PAGE_MAX (16u << 10)
#define PAGE_BYTES (4u << 20)
#define PAGE_TTL_USEC 2000000

struct kept_page {
	uint64_t hash;
	int64_t at;
	unsigned gen;
	size_t len;
	char key[96];
	char *body;
};
static struct kept_page *kept[PAGE_SLOTS];
static atomic_size_t kept_bytes;
static pthread_mutex_t kept_lock[PAGE_LOCKS] = {
	[0 ... PAGE_LOCKS - 1] = PTHREAD_MUTEX_INITIALIZER,
};

/* FNV-1a: a slot number, not a secret (the whole key is compared) */
static uint64_t page_hash(const char *k)
{
	uint64_t h = 1469598103934665603ull;
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211ull;
	return h;
}

/* The key of a story page, or NULL when it is not to be kept. */
static const char *page_key(struct req *r, const struct scenario *s, int step, int choice)
{
	if (r->user)
		return NULL;
	char *k = arena_printf(&r->arena, "%s|%s|%d|%d", r->lang, s->id, step, choice);
	return strlen(k) < sizeof(((struct kept_page *)0)->key) ? k : NULL;
}

/* Answers r from a kept page, as page_render and child_page would. */
static bool page_from_cache(struct req *r, const char *key)
{
	if (!key)
		return false;
	uint64_t h = page_hash(key);
	size_t slot = h % PAGE_SLOTS;
	pthread_mutex_t *lock = &kept_lock[slot % PAGE_LOCKS];
	bool hit = false;
	pthread_mutex_lock(lock);
	const struct kept_page *p = kept[slot];
	if (p && p->hash == h && p->gen == atomic_load(&hl_gen) &&
	    mono_usec() - p->at < PAGE_TTL_USEC && str_eq(p->key, key)) {
		buf_reset(&r->out);
		buf_put(&r->out, p->body, p->len);
		hit = true;
	}
	pthread_mutex_unlock(lock);
	if (hit) {
		r->no_store = true;
		r->status = 200;
		r->content_type = "text/html; charset=utf-8";
		resp_header(r, "Content-Language", catalog_code(r->cat));
	}
	return hit;
}

/* Keeps the page just rendered; gen: the helpline's generation before. */
static void page_keep(struct req *r, const char *key, unsigned gen)
{
	if (!key || r->status != 200 || r->out.len > PAGE_MAX)
		return;
	uint64_t h = page_hash(key);
	size_t slot = h % PAGE_SLOTS;
	pthread_mutex_t *lock = &kept_lock[slot % PAGE_LOCKS];
	pthread_mutex_lock(lock);
	struct kept_page *p = kept[slot];
	size_t had = p ? p->len : 0;
	if (atomic_load(&kept_bytes) - had + r->out.len <= PAGE_BYTES) {
		if (!p)
			p = kept[slot] = xcalloc(1, sizeof(*p));
		if (!p->body || r->out.len > had)
			p->body = xrealloc(p->body, r->out.len ? r->out.len : 1);
		atomic_fetch_add(&kept_bytes, r->out.len);
		atomic_fetch_sub(&kept_bytes, had);
		p->hash = h;
		p->at = mono_usec();
		p->gen = gen;
		p->len = r->out.len;
		str_copy(p->key, sizeof(p->key), key);
		memcpy(p->body, r->out.data, r->out.len);
	}
	pthread_mutex_unlock(lock);
}

static void play_pages_free(void)
{
	for (size_t i = 0; i < PAGE_SLOTS; i++) {
		if (kept[i])
			free(kept[i]->body);
		free(kept[i]);
		kept[i] = NULL;
	}
	atomic_store(&kept_bytes, 0);
}

int play_scenario_page(struct req *r)
{
	int band;
	const struct scenario *s = scenario_of_path(r, &band);
	if (!s)
		return page_error(r, 404, N_("This story does not exist. Choose another one."));
	int step = step_of(s, req_query(r, "step"));
	if (step < 0)
		return page_error(r, 404, N_("This part of the story does not exist. Start again."));
	const char *pkey = page_key(r, s, step, -1);
	if (page_from_cache(r, pkey))
		return 0;
	unsigned gen = atomic_load(&hl_gen);
	struct helpline h;
	helpline_load(r, home_country, &h);
	json_t *d = scenario_json(r, s, step, &h);
	child_page(r, d);
	int rc = page_render(r, "play/scenario", d);
	if (rc == 0)
		page_keep(r, pkey, gen);
	return rc;
}

bool play_same_origin(struct req *r)
{
	const char *site = req_header(r, "Sec-Fetch-Site");
	if (site && !str_eq(site, "same-origin") && !str_eq(site, "none"))
		return false;
	const char *origin = req_header(r, "Origin");
	const char *host = req_header(r, "Host");
	if (!origin || str_eq(origin, "null"))
		return !origin;
	const char *o = strstr(origin, "://");
	return o && host && str_eq(o + 3, host);
}

static void today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Records one answer: anonymous (no identifier, no time of day), or in
 * a class under the member's pseudonymous id. */
static int record_answer(struct req *r, const struct scenario *s, const struct step *st,
			 int choice)
{
	char day[11];
	int64_t cid = 0, mid = 0;
	today(day);
	int member = play_member(r, &cid, &mid, NULL);
	if (member < 0)
		return -1;
	/* a full queue (the database away for long) loses the count, not
	 * the child's feedback */
	play_event_add(day, home_country, r->lang, band_ids[s->band], s->id, st->id,
		       (char)('a' + choice), (int)st->choices[choice].safe, member ? cid : 0,
		       member ? mid : 0);
	return 0;
}

/* The choice letter "a".."d" of a step, or -1. */
static int choice_of(const struct step *st, const char *c)
{
	int k = c && c[0] >= 'a' && c[0] <= 'd' && !c[1] ? c[0] - 'a' : -1;
	return k < st->nchoices ? k : -1;
}

static int feedback_page(struct req *r, const struct scenario *s, int step, int choice);

int play_answer(struct req *r)
{
	int band;
	const struct scenario *s = scenario_of_path(r, &band);
	if (!s)
		return page_error(r, 404, N_("This story does not exist. Choose another one."));
	if (!play_same_origin(r))
		return page_error(r, 403, N_("Please answer from the story's own page."));
	int step = step_of(s, req_form(r, "step"));
	int choice = step < 0 ? -1 : choice_of(&s->steps[step], req_form(r, "choice"));
	if (choice < 0)
		return page_error(r, 400, N_("Something was wrong with that answer. Go back and choose again."));
	if (record_answer(r, s, &s->steps[step], choice) < 0)
		return 500;
	return feedback_page(r, s, step, choice);
}

/* GET /play/:band/:id/feedback?step=S&choice=C: the feedback page of a
 * choice, storing nothing: what the offline game shows (the answer itself
 * travels in a batch, see play_sync). */
int play_feedback(struct req *r)
{
	int band;
	const struct scenario *s = scenario_of_path(r, &band);
	if (!s)
		return page_error(r, 404, N_("This story does not exist. Choose another one."));
	int step = step_of(s, req_query(r, "step"));
	int choice = step < 0 ? -1 : choice_of(&s->steps[step], req_query(r, "choice"));
	if (choice < 0)
		return page_error(r, 404, N_("This part of the story does not exist. Start again."));
	return feedback_page(r, s, step, choice);
}

static int feedback_page(struct req *r, const struct scenario *s, int step, int choice)
{
	const struct step *st = &s->steps[step];
	const struct choice *ch = &st->choices[choice];
	const char *pkey = page_key(r, s, step, choice);
	if (page_from_cache(r, pkey))
		return 0;
	unsigned gen = atomic_load(&hl_gen);
	struct helpline h;
	helpline_load(r, home_country, &h);
	json_t *d = scenario_json(r, s, step, &h);
	child_page(r, d);
	const char *chosen = ctext(r, &ch->label, &h), *feedback = ctext(r, &ch->feedback, &h);
	json_object_set_new(d, "chosen", jstr(chosen));
	json_object_set_new(d, "feedback", jstr(feedback));
	bool say = s->band == BAND_U9;
	if (say) {
		const char *key = arena_printf(&r->arena, "%s.%c", st->id, 'a' + choice);
		json_object_set_new(d, "chosen_audio", jstr(play_audio_url(r, s->id, key, chosen)));
		json_object_set_new(
			d, "feedback_audio",
			jstr(play_audio_url(r, s->id, arena_printf(&r->arena, "%s.feedback", key),
					    feedback)));
	}
	json_object_set_new(d, "safe_yes", json_boolean(ch->safe == SAFE_YES));
	json_object_set_new(d, "safe_partly", json_boolean(ch->safe == SAFE_PARTLY));
	json_object_set_new(d, "safe_no", json_boolean(ch->safe == SAFE_NO));
	json_object_set_new(d, "points", json_integer(ch->safe == SAFE_YES ? 10
						     : ch->safe == SAFE_PARTLY ? 5 : 0));
	if (ch->next >= 0) {
		json_object_set_new(d, "next_step", jstr(s->steps[ch->next].id));
	} else {
		json_object_set_new(d, "end", json_true());
		const char *safe = ctext(r, &s->safe, &h), *help = ctext(r, &s->help, &h);
		json_object_set_new(d, "safe_action", jstr(safe));
		json_object_set_new(d, "help", jstr(help));
		if (say) {
			json_object_set_new(d, "safe_audio", jstr(play_audio_url(r, s->id, "safe", safe)));
			json_object_set_new(d, "help_audio", jstr(play_audio_url(r, s->id, "help", help)));
		}
		if (s->band == BAND_13_18)
			json_object_set_new(d, "reflect", jstr(ctext(r, &s->reflect, &h)));
		/* the next scenario of the band, for "next story" */
		const struct scenario *next = NULL;
		bool after = false;
		for (int i = 0; i < content->nscenarios && !next; i++) {
			const struct scenario *o = &content->scenarios[i];
			if (o == s)
				after = true;
			else if (after && o->band == s->band)
				next = o;
		}
		if (next)
			json_object_set_new(d, "next_id", jstr(next->id));
	}
	int rc = page_render(r, "play/feedback", d);
	if (rc == 0)
		page_keep(r, pkey, gen);
	return rc;
}

/* ---- the app ------------------------------------------------------------- */

int play_tips(struct req *r)
{
	if (!content)
		return page_error(r, 404, NULL);
	json_t *d = page_data(r, N_("Tips"));
	child_page(r, d);
	json_t *topics = json_array();
	for (int t = 0; t < content->ntopics; t++) {
		const struct topic *tp = &content->topics[t];
		json_t *o = json_object(), *tips = json_array();
		json_object_set_new(o, "id", jstr(tp->id));
		json_object_set_new(o, "name", jstr(ptext(r, &tp->name)));
		for (int k = 0; k < tp->ntips; k++)
			json_array_append_new(tips, jstr(ptext(r, &tp->tips[k])));
		json_object_set_new(o, "tips", tips);
		json_array_append_new(topics, o);
	}
	json_object_set_new(d, "topics", topics);
	return page_render(r, "play/tips", d);
}

/* The get-help box: the country's helpline, or a trusted adult. */
static void get_help_json(json_t *d, const struct helpline *h)
{
	json_object_set_new(d, "help_known", json_boolean(h->known));
	json_object_set_new(d, "help_name", jstr(h->name));
	json_object_set_new(d, "help_contact", jstr(h->contact));
	json_object_set_new(d, "help_report", jstr(h->report));
	json_object_set_new(d, "help_emergency", jstr(h->emergency));
	json_object_set_new(d, "help_note", jstr(h->note));
	json_object_set_new(d, "help_country", jstr(h->country));
}

int play_help_index(struct req *r)
{
	if (!content)
		return page_error(r, 404, NULL);
	const char *cc = req_query(r, "country");
	if (!cc || strlen(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z')
		cc = home_country;
	struct helpline h;
	helpline_load(r, cc, &h);
	json_t *d = page_data(r, N_("Get help"));
	child_page(r, d);
	get_help_json(d, &h);
	json_t *flows = json_array();
	for (int i = 0; i < content->nhelp; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(content->help[i].id));
		json_object_set_new(o, "title", jstr(ptext(r, &content->help[i].title)));
		json_array_append_new(flows, o);
	}
	json_object_set_new(d, "flows", flows);
	json_object_set_new(d, "quick_exit", json_true());
	return page_render(r, "play/help", d);
}

int play_help_flow(struct req *r)
{
	const struct helpflow *f = NULL;
	for (int i = 0; content && i < content->nhelp && !f; i++)
		if (str_eq(content->help[i].id, req_param(r, 0)))
			f = &content->help[i];
	if (!f)
		return page_error(r, 404, NULL);
	struct helpline h;
	helpline_load(r, home_country, &h);
	json_t *d = page_data(r, f->title.s[0] ? N_("What do I do if...") : N_("Get help"));
	child_page(r, d);
	get_help_json(d, &h);
	json_object_set_new(d, "flow_title", jstr(ptext(r, &f->title)));
	json_object_set_new(d, "intro", jstr(ctext(r, &f->intro, &h)));
	json_object_set_new(d, "reassure", jstr(ctext(r, &f->reassure, &h)));
	json_t *steps = json_array();
	for (int k = 0; k < f->nsteps; k++)
		json_array_append_new(steps, jstr(ctext(r, &f->steps[k], &h)));
	json_object_set_new(d, "steps", steps);
	json_object_set_new(d, "quick_exit", json_true());
	return page_render(r, "play/flow", d);
}

int play_checkup(struct req *r)
{
	if (!content)
		return page_error(r, 404, NULL);
	json_t *d = page_data(r, N_("Privacy check-up"));
	child_page(r, d);
	json_object_set_new(d, "checkup_title", jstr(ptext(r, &content->checkup_title)));
	json_object_set_new(d, "intro", jstr(ptext(r, &content->checkup_intro)));
	json_t *items = json_array();
	for (int i = 0; i < content->ncheckup; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "n", json_integer(i + 1));
		json_object_set_new(o, "text", jstr(ptext(r, &content->checkup[i])));
		json_array_append_new(items, o);
	}
	json_object_set_new(d, "items", items);
	return page_render(r, "play/checkup", d);
}

/* ---- mini-games ---------------------------------------------------------- */

static json_t *sort_json(struct req *r, bool with_answers)
{
	json_t *d = page_data(r, N_("Safe or scam?"));
	child_page(r, d);
	json_object_set_new(d, "game_title", jstr(ptext(r, &content->sort_title)));
	json_object_set_new(d, "intro", jstr(ptext(r, &content->sort_intro)));
	json_t *msgs = json_array();
	int right = 0;
	for (int i = 0; i < content->nsort; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "n", json_integer(i + 1));
		json_object_set_new(o, "field", json_string(arena_printf(&r->arena, "m%d", i + 1)));
		json_object_set_new(o, "text", jstr(ptext(r, &content->sort[i].text)));
		if (with_answers) {
			const char *a = req_form(r, arena_printf(&r->arena, "m%d", i + 1));
			bool said_scam = str_eq(a, "scam");
			bool ok = a && said_scam == content->sort[i].scam;
			right += ok;
			json_object_set_new(o, "answered", json_boolean(a != NULL));
			json_object_set_new(o, "right", json_boolean(ok));
			json_object_set_new(o, "scam", json_boolean(content->sort[i].scam));
			json_object_set_new(o, "why", jstr(ptext(r, &content->sort[i].why)));
		}
		json_array_append_new(msgs, o);
	}
	json_object_set_new(d, "messages", msgs);
	if (with_answers) {
		json_object_set_new(d, "results", json_true());
		json_object_set_new(d, "right", json_integer(right));
		json_object_set_new(d, "total", json_integer(content->nsort));
	}
	return d;
}

int play_sort(struct req *r)
{
	if (!content)
		return page_error(r, 404, NULL);
	return page_render(r, "play/sort", sort_json(r, false));
}

int play_sort_answer(struct req *r)
{
	if (!content)
		return page_error(r, 404, NULL);
	if (!play_same_origin(r))
		return page_error(r, 403, N_("Please answer from the game's own page."));
	return page_render(r, "play/sort", sort_json(r, true));
}

int play_passphrase(struct req *r)
{
	if (!content)
		return page_error(r, 404, NULL);
	json_t *d = page_data(r, N_("Make a strong passphrase"));
	child_page(r, d);
	json_object_set_new(d, "game_title", jstr(ptext(r, &content->pass_title)));
	json_object_set_new(d, "intro", jstr(ptext(r, &content->pass_intro)));
	json_t *tips = json_array();
	for (int i = 0; i < content->npass_tips; i++)
		json_array_append_new(tips, jstr(ptext(r, &content->pass_tips[i])));
	json_object_set_new(d, "tips", tips);
	json_object_set_new(d, "weak", jstr(ptext(r, &content->pass_weak)));
	json_object_set_new(d, "fair", jstr(ptext(r, &content->pass_fair)));
	json_object_set_new(d, "strong", jstr(ptext(r, &content->pass_strong)));
	json_object_set_new(d, "words_url", json_string(static_url("play/common-passwords.txt")));
	return page_render(r, "play/passphrase", d);
}

/* Where the quick-exit button leads: a plain page about nothing in
 * particular, in the reader's language, with no trace of the site's name. */
int play_exit(struct req *r)
{
	json_t *d = page_data(r, N_("Times tables"));
	r->no_store = true;
	json_t *rows = json_array();
	for (int a = 2; a <= 9; a++) {
		json_t *row = json_array();
		for (int b = 1; b <= 10; b++)
			json_array_append_new(row, json_string(arena_printf(&r->arena, "%d × %d = %d", a,
									 b, a * b)));
		json_array_append_new(rows, row);
	}
	json_object_set_new(d, "rows", rows);
	return page_render_bare(r, "play/exit", d);
}

/* ---- offline ------------------------------------------------------------- */

static void add_url(json_t *urls, struct req *r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void add_url(json_t *urls, struct req *r, const char *fmt, ...)
{
	char url[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(url, sizeof(url), fmt, ap);
	va_end(ap);
	(void)r;
	json_array_append_new(urls, json_string(url));
}

static void add_audio(json_t *urls, struct req *r, const struct scenario *s, const char *key,
		      const char *spoken)
{
	const char *u = play_audio_url(r, s->id, key, spoken);
	if (u)
		json_array_append_new(urls, json_string(u));
}

/* GET /play/offline/:band: every address a child of this band may visit,
 * in the reader's language, for the service worker to keep: the band's
 * pages, every step and every feedback of its stories, the app's pages,
 * the files they use and, for the under-9s, the recordings. */
int play_offline_list(struct req *r)
{
	int band = band_from_id(req_param(r, 0));
	if (band < 0 || !content)
		return page_error(r, 404, NULL);
	struct helpline h;
	helpline_load(r, home_country, &h);
	json_t *urls = json_array();
	add_url(urls, r, "/play");
	add_url(urls, r, "/play/%s", band_ids[band]);
	add_url(urls, r, "/play/tips");
	add_url(urls, r, "/play/help");
	for (int i = 0; i < content->nhelp; i++)
		add_url(urls, r, "/play/help/%s", content->help[i].id);
	add_url(urls, r, "/play/checkup");
	add_url(urls, r, "/play/join");
	add_url(urls, r, "/exit");
	if (band == BAND_9_12) {
		add_url(urls, r, "/play/9-12/passphrase");
		json_array_append_new(urls, jstr(static_url("play/common-passwords.txt")));
	}
	json_array_append_new(urls, jstr(static_url("style.css")));
	json_array_append_new(urls, jstr(static_url("play/play.js")));
	json_array_append_new(urls, jstr(static_url("favicon.svg")));
	json_array_append_new(urls, jstr(static_url("play/listen.svg")));
	for (int i = 0; i < content->ncharacters; i++)
		if (content->characters[i].image)
			add_url(urls, r, "/static/play/%s", content->characters[i].image);
	for (int i = 0; i < content->nscenarios; i++) {
		const struct scenario *s = &content->scenarios[i];
		if (s->band != (enum band)band)
			continue;
		if (band == BAND_U9) {
			json_array_append_new(
				urls, jstr(static_url(arena_printf(&r->arena, "play/scenes/%s.svg", s->id))));
			add_audio(urls, r, s, "title", ptext(r, &s->title));
			add_audio(urls, r, s, "safe", ctext(r, &s->safe, &h));
			add_audio(urls, r, s, "help", ctext(r, &s->help, &h));
		}
		for (int k = 0; k < s->nsteps; k++) {
			const struct step *st = &s->steps[k];
			if (k == 0)
				add_url(urls, r, "/play/%s/%s", band_ids[band], s->id);
			else
				add_url(urls, r, "/play/%s/%s?step=%s", band_ids[band], s->id, st->id);
			if (band == BAND_U9)
				add_audio(urls, r, s, arena_printf(&r->arena, "%s.text", st->id),
					  ctext(r, &st->text, &h));
			for (int c = 0; c < st->nchoices; c++) {
				add_url(urls, r, "/play/%s/%s/feedback?step=%s&choice=%c", band_ids[band],
					s->id, st->id, 'a' + c);
				if (band != BAND_U9)
					continue;
				const char *key = arena_printf(&r->arena, "%s.%c", st->id, 'a' + c);
				add_audio(urls, r, s, key, ctext(r, &st->choices[c].label, &h));
				add_audio(urls, r, s, arena_printf(&r->arena, "%s.feedback", key),
					  ctext(r, &st->choices[c].feedback, &h));
			}
		}
	}
	json_t *d = json_object();
	json_object_set_new(d, "band", jstr(band_ids[band]));
	json_object_set_new(d, "lang", jstr(r->lang));
	json_object_set_new(d, "urls", urls);
	r->status = 200;
	r->content_type = "application/json; charset=utf-8";
	r->no_store = true;
	json_to_buf(d, &r->out, JSON_COMPACT);
	json_decref(d);
	return 0;
}
