/*
 * play.c: loading and checking the game's content (play.h).
 *
 * The checks follow content/README.md.  They go on after a problem, so
 * one run lists every problem, each with its file and line.
 */
#include "content/play.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/util.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *const band_ids[NBANDS] = {"u9", "9-12", "13-18"};

int band_from_id(const char *id)
{
	for (int i = 0; i < NBANDS; i++)
		if (str_eq(id, band_ids[i]))
			return i;
	return -1;
}

/* play/NAME with its translations, kept in c to be freed with it */
static struct cf_file *load_file(struct loader *l, struct play_content *c, const char *dir,
				 const char *name)
{
	return cl_load_file(l, c->files, &c->nfiles, (int)ARRAY_LEN(c->files), dir, name);
}

/* ---- topics and characters -------------------------------------------- */

static void load_topics(struct loader *l, struct play_content *c, const struct cf_file *f)
{
	static const char *const categories[] = {"content", "contact", "conduct", "contract",
						 "cross-cutting"};
	l->path = f->path;
	c->topics = xcalloc((size_t)f->nrecords + 1, sizeof(*c->topics));
	for (int i = 0; i < f->nrecords; i++) {
		const struct cf_record *r = &f->records[i];
		struct topic *t = &c->topics[c->ntopics++];
		t->id = r->id;
		cl_check_langs(l, r);
		t->category = cl_get_value(l, r, "category");
		bool known = false;
		for (size_t k = 0; t->category && k < ARRAY_LEN(categories); k++)
			known = known || str_eq(t->category, categories[k]);
		if (t->category && !known)
			cl_problem(l, cf_get(r, "category", NULL)->line,
				"[%s] category must be content, contact, conduct, contract or "
				"cross-cutting",
				r->id);
		const char *bands = cl_get_value(l, r, "bands");
		if (bands) {
			char tmp[64];
			str_copy(tmp, sizeof(tmp), bands);
			char *save = NULL;
			for (char *w = strtok_r(tmp, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
				int b = band_from_id(w);
				if (b < 0)
					cl_problem(l, cf_get(r, "bands", NULL)->line,
						"[%s] bands: \"%s\" is not u9, 9-12 or 13-18", r->id, w);
				else
					t->bands |= 1u << b;
			}
		}
		cl_get_text(l, r, "name", &t->name);
		t->ntips = cl_count_numbered(r, "tip", "");
		if (t->ntips > PLAY_MAX_TIPS)
			t->ntips = PLAY_MAX_TIPS;
		char key[32];
		for (int k = 0; k < t->ntips; k++) {
			snprintf(key, sizeof(key), "tip.%d", k + 1);
			cl_get_text(l, r, key, &t->tips[k]);
		}
	}
}

static void load_characters(struct loader *l, struct play_content *c, const struct cf_file *f,
			    const char *static_dir)
{
	l->path = f->path;
	c->characters = xcalloc((size_t)f->nrecords + 1, sizeof(*c->characters));
	for (int i = 0; i < f->nrecords; i++) {
		const struct cf_record *r = &f->records[i];
		struct character *ch = &c->characters[c->ncharacters++];
		ch->id = r->id;
		cl_check_langs(l, r);
		cl_get_text(l, r, "name", &ch->name);
		cl_get_text(l, r, "about", &ch->about);
		ch->image = cl_get_value(l, r, "image");
		if (ch->image) {
			char path[1024];
			struct stat st;
			snprintf(path, sizeof(path), "%s/play/%s", static_dir, ch->image);
			if (strchr(ch->image, '/') || stat(path, &st) < 0)
				cl_problem(l, cf_get(r, "image", NULL)->line,
					"[%s] image %s is not in static/play/", r->id, ch->image);
		}
	}
}

static int find_topic(const struct play_content *c, const char *id)
{
	for (int i = 0; id && i < c->ntopics; i++)
		if (str_eq(c->topics[i].id, id))
			return i;
	return -1;
}

static int find_character(const struct play_content *c, const char *id)
{
	for (int i = 0; id && i < c->ncharacters; i++)
		if (str_eq(c->characters[i].id, id))
			return i;
	return -1;
}

/* ---- scenarios -------------------------------------------------------- */

static const char *const scenario_keys[] = {"band",  "topic", "character", "title",
					    "safe",  "help",  "reflect",   "people"};

static bool is_scenario_key(const char *key)
{
	for (size_t i = 0; i < ARRAY_LEN(scenario_keys); i++)
		if (str_eq(key, scenario_keys[i]))
			return true;
	return str_starts(key, "person.");
}

/* The step ids a scenario uses, in order of first appearance. */
static int collect_steps(const struct cf_record *r, const char **ids, int max)
{
	int n = 0;
	for (int i = 0; i < r->nfields; i++) {
		const char *key = r->fields[i].key;
		if (is_scenario_key(key))
			continue;
		const char *dot = strchr(key, '.');
		size_t len = dot ? (size_t)(dot - key) : strlen(key);
		bool seen = false;
		for (int k = 0; k < n && !seen; k++)
			seen = strlen(ids[k]) == len && strncmp(ids[k], key, len) == 0;
		if (!seen && n < max)
			ids[n++] = xstrndup(key, len);
	}
	return n;
}

static int step_index(const struct scenario *s, const char *id)
{
	for (int i = 0; i < s->nsteps; i++)
		if (str_eq(s->steps[i].id, id))
			return i;
	return -1;
}

/* Checks every field of a step is one the format knows. */
static void check_step_keys(struct loader *l, const struct cf_record *r, const char *step)
{
	size_t sl = strlen(step);
	for (int i = 0; i < r->nfields; i++) {
		const struct cf_field *f = &r->fields[i];
		if (strncmp(f->key, step, sl) != 0 || f->key[sl] != '.')
			continue;
		const char *rest = f->key + sl + 1;
		bool ok = str_eq(rest, "text");
		if (!ok && str_starts(rest, "msg.")) {
			const char *n = rest + 4;
			while (*n >= '0' && *n <= '9')
				n++;
			ok = n > rest + 4 && (!*n || str_eq(n, ".from"));
		}
		if (!ok && rest[0] >= 'a' && rest[0] <= 'd')
			ok = !rest[1] || str_eq(rest + 1, ".safe") || str_eq(rest + 1, ".feedback") ||
			     str_eq(rest + 1, ".next");
		if (!ok)
			cl_problem(l, f->line, "[%s] unknown field %s", r->id, f->key);
	}
}

static void load_step(struct loader *l, struct scenario *s, const struct cf_record *r,
		      struct step *st)
{
	char key[128];
	check_step_keys(l, r, st->id);
	snprintf(key, sizeof(key), "%s.text", st->id);
	if (s->band != BAND_13_18) {
		cl_get_text(l, r, key, &st->text);
	} else {
		if (cf_has(r, key))
			cl_problem(l, r->line, "[%s] %s: a 13-18 story speaks in msg.N, not text",
				r->id, key);
		snprintf(key, sizeof(key), "%s.msg", st->id);
		st->nmsgs = cl_count_numbered(r, key, ".from");
		if (st->nmsgs == 0)
			cl_problem(l, r->line, "[%s] step %s has no %s.msg.1.from and text", r->id,
				st->id, st->id);
		st->msgs = xcalloc((size_t)st->nmsgs + 1, sizeof(*st->msgs));
		for (int m = 0; m < st->nmsgs; m++) {
			snprintf(key, sizeof(key), "%s.msg.%d.from", st->id, m + 1);
			const struct cf_field *from = cf_get(r, key, NULL);
			st->msgs[m].person = -1;
			if (from && !str_eq(from->value, "you")) {
				int p = -2;
				for (int k = 0; k < s->npeople; k++)
					if (str_eq(s->people[k].id, from->value))
						p = k;
				if (p == -2)
					cl_problem(l, from->line, "[%s] %s: %s is not in people:", r->id, key,
						from->value);
				st->msgs[m].person = p < 0 ? -1 : p;
			}
			snprintf(key, sizeof(key), "%s.msg.%d", st->id, m + 1);
			cl_get_text(l, r, key, &st->msgs[m].text);
		}
	}
	for (int k = 0; k < PLAY_MAX_CHOICES; k++) {
		snprintf(key, sizeof(key), "%s.%c", st->id, 'a' + k);
		if (!cf_has(r, key))
			break;
		struct choice *ch = &st->choices[st->nchoices++];
		cl_get_text(l, r, key, &ch->label);
		snprintf(key, sizeof(key), "%s.%c.feedback", st->id, 'a' + k);
		cl_get_text(l, r, key, &ch->feedback);
		snprintf(key, sizeof(key), "%s.%c.safe", st->id, 'a' + k);
		const struct cf_field *sf = cf_get(r, key, NULL);
		if (!sf)
			cl_problem(l, r->line, "[%s] lacks %s:", r->id, key);
		else if (str_eq(sf->value, "yes"))
			ch->safe = SAFE_YES;
		else if (str_eq(sf->value, "partly"))
			ch->safe = SAFE_PARTLY;
		else if (str_eq(sf->value, "no"))
			ch->safe = SAFE_NO;
		else
			cl_problem(l, sf->line, "[%s] %s must be yes, no or partly", r->id, key);
		ch->next = -1;
	}
	for (char x = (char)('a' + st->nchoices + 1); x <= 'd'; x++) {
		snprintf(key, sizeof(key), "%s.%c", st->id, x);
		if (cf_has(r, key))
			cl_problem(l, r->line, "[%s] choice %s follows a gap: letters go a, b, c, d",
				r->id, key);
	}
}

/* Resolves next: references, then checks reachability and loops. */
static void link_steps(struct loader *l, const struct cf_record *r, struct scenario *s)
{
	char key[128];
	for (int i = 0; i < s->nsteps; i++) {
		struct step *st = &s->steps[i];
		for (int k = 0; k < st->nchoices; k++) {
			snprintf(key, sizeof(key), "%s.%c.next", st->id, 'a' + k);
			const struct cf_field *nf = cf_get(r, key, NULL);
			if (!nf)
				continue;
			int to = step_index(s, nf->value);
			if (to < 0)
				cl_problem(l, nf->line, "[%s] %s: no step \"%s\"", r->id, key, nf->value);
			else if (to == 0)
				cl_problem(l, nf->line, "[%s] %s: no choice may lead back to start", r->id,
					key);
			else
				st->choices[k].next = to;
		}
	}
	/* depth-first from start: 0 unseen, 1 on the path, 2 done */
	int *state = xcalloc((size_t)s->nsteps, sizeof(int));
	int *stack = xcalloc((size_t)s->nsteps * (PLAY_MAX_CHOICES + 1) + 1, sizeof(int));
	int *choice = xcalloc((size_t)s->nsteps, sizeof(int));
	int sp = 0;
	if (s->nsteps) {
		stack[sp++] = 0;
		state[0] = 1;
	}
	while (sp) {
		int at = stack[sp - 1];
		struct step *st = &s->steps[at];
		if (choice[at] < st->nchoices) {
			int to = st->choices[choice[at]++].next;
			if (to < 0)
				continue;
			if (state[to] == 1) {
				cl_problem(l, r->line, "[%s] step %s leads back to %s: a story may not loop",
					r->id, st->id, s->steps[to].id);
				st->choices[choice[at] - 1].next = -1;
			} else if (state[to] == 0) {
				state[to] = 1;
				stack[sp++] = to;
			}
		} else {
			state[at] = 2;
			sp--;
		}
	}
	for (int i = 0; i < s->nsteps; i++)
		if (!state[i])
			cl_problem(l, r->line, "[%s] step %s cannot be reached from start", r->id,
				s->steps[i].id);
	free(state);
	free(stack);
	free(choice);
}

static void check_band_rules(struct loader *l, const struct cf_record *r, const struct scenario *s)
{
	for (int i = 0; i < s->nsteps; i++) {
		const struct step *st = &s->steps[i];
		int yes = 0;
		for (int k = 0; k < st->nchoices; k++)
			yes += st->choices[k].safe == SAFE_YES;
		switch (s->band) {
		case BAND_U9:
			if (st->nchoices != 2 || yes != 1)
				cl_problem(l, r->line, "[%s] an under-9 scene has exactly 2 choices, one safe",
					r->id);
			break;
		case BAND_9_12:
			if (st->nchoices != 3 || yes < 1)
				cl_problem(l, r->line,
					"[%s] a 9-12 card has exactly 3 choices, at least one safe", r->id);
			break;
		case BAND_13_18:
			if (st->nchoices < 2)
				cl_problem(l, r->line, "[%s] step %s needs 2 to 4 choices", r->id, st->id);
			break;
		case NBANDS:
			break;
		}
	}
	if (s->band != BAND_13_18 && s->nsteps != 1)
		cl_problem(l, r->line, "[%s] a %s scenario has one step, start", r->id,
			band_ids[s->band]);
	if (s->band == BAND_13_18 && s->nsteps < 2)
		cl_problem(l, r->line, "[%s] a 13-18 story has 2 steps or more", r->id);
}

static void load_scenario(struct loader *l, struct play_content *c, const struct cf_record *r,
			  enum band file_band)
{
	struct scenario *s = &c->scenarios[c->nscenarios++];
	const char *ids[32];
	s->id = r->id;
	s->path = l->path;
	s->line = r->line;
	s->band = file_band;
	s->topic = -1;
	s->character = -1;
	cl_check_langs(l, r);
	const char *band = cl_get_value(l, r, "band");
	if (band && band_from_id(band) != (int)file_band)
		cl_problem(l, cf_get(r, "band", NULL)->line, "[%s] band %s does not match the file (%s)",
			r->id, band, band_ids[file_band]);
	const char *topic = cl_get_value(l, r, "topic");
	s->topic = find_topic(c, topic);
	if (topic && s->topic < 0)
		cl_problem(l, cf_get(r, "topic", NULL)->line, "[%s] no topic \"%s\"", r->id, topic);
	else if (s->topic >= 0 && !(c->topics[s->topic].bands & (1u << file_band)))
		cl_problem(l, cf_get(r, "topic", NULL)->line, "[%s] topic %s is not for %s", r->id,
			topic, band_ids[file_band]);
	if (file_band == BAND_U9) {
		/* a picture story: the scene is drawn for those who cannot read yet */
		char path[1200];
		struct stat st;
		snprintf(path, sizeof(path), "%s/play/scenes/%s.svg", l->static_dir, r->id);
		if (stat(path, &st) < 0)
			cl_problem(l, r->line, "[%s] has no picture: static/play/scenes/%s.svg", r->id,
				r->id);
	}
	const struct cf_field *chf = cf_get(r, "character", NULL);
	if (chf) {
		s->character = find_character(c, chf->value);
		if (s->character < 0)
			cl_problem(l, chf->line, "[%s] no character \"%s\"", r->id, chf->value);
	} else if (file_band != BAND_13_18) {
		cl_problem(l, r->line, "[%s] lacks character:", r->id);
	}
	cl_get_text(l, r, "title", &s->title);
	cl_get_text(l, r, "safe", &s->safe);
	cl_get_text(l, r, "help", &s->help);
	if (file_band == BAND_13_18)
		cl_get_text(l, r, "reflect", &s->reflect);

	/* people (13-18) */
	const struct cf_field *pf = cf_get(r, "people", NULL);
	if (pf) {
		char tmp[256], key[128];
		str_copy(tmp, sizeof(tmp), pf->value);
		s->people = xcalloc(16, sizeof(*s->people));
		char *save = NULL;
		for (char *w = strtok_r(tmp, " ", &save); w && s->npeople < 16;
		     w = strtok_r(NULL, " ", &save)) {
			struct person *p = &s->people[s->npeople++];
			const struct cf_field *any = NULL;
			snprintf(key, sizeof(key), "person.%s", w);
			for (int i = 0; i < r->nfields && !any; i++)
				if (str_eq(r->fields[i].key, key))
					any = &r->fields[i];
			p->id = any ? any->key + 7 : "";
			if (!any)
				cl_problem(l, pf->line, "[%s] people: %s has no person.%s@LANG names", r->id,
					w, w);
			else
				cl_get_text(l, r, key, &p->name);
		}
	} else if (file_band == BAND_13_18) {
		cl_problem(l, r->line, "[%s] lacks people:", r->id);
	}

	int n = collect_steps(r, ids, (int)ARRAY_LEN(ids));
	int start = -1;
	for (int i = 0; i < n; i++) {
		if (str_eq(ids[i], "start"))
			start = i;
		if (strlen(ids[i]) > 32)
			cl_problem(l, r->line, "[%s] step %.32s...: a step id has at most 32 characters",
				r->id, ids[i]);
	}
	if (start < 0)
		cl_problem(l, r->line, "[%s] has no start step", r->id);
	s->steps = xcalloc((size_t)n + 1, sizeof(*s->steps));
	/* start first, then the others in file order */
	if (start >= 0) {
		const char *tmp = ids[0];
		ids[0] = ids[start];
		ids[start] = tmp;
	}
	for (int i = 0; i < n; i++) {
		struct step *st = &s->steps[s->nsteps++];
		st->id = ids[i]; /* owned: freed in play_free */
		load_step(l, s, r, st);
	}
	link_steps(l, r, s);
	check_band_rules(l, r, s);
}

static void load_scenarios(struct loader *l, struct play_content *c, const struct cf_file *f,
			   enum band band)
{
	l->path = f->path;
	c->scenarios = xrealloc(c->scenarios, sizeof(*c->scenarios) *
						      (size_t)(c->nscenarios + f->nrecords + 1));
	memset(c->scenarios + c->nscenarios, 0, sizeof(*c->scenarios) * (size_t)(f->nrecords + 1));
	int first = c->nscenarios; /* twice in one file: cf_parse says so */
	for (int i = 0; i < f->nrecords; i++) {
		for (int k = 0; k < first; k++)
			if (str_eq(c->scenarios[k].id, f->records[i].id))
				cl_problem(l, f->records[i].line, "[%s] is also in another file",
					f->records[i].id);
		load_scenario(l, c, &f->records[i], band);
	}
}

/* ---- mini-games and the app ---------------------------------------------- */

static void load_minigames(struct loader *l, struct play_content *c, const struct cf_file *f)
{
	char key[64];
	l->path = f->path;
	const struct cf_record *r = cl_record(f, "scam-sort");
	if (!r) {
		cl_problem(l, 1, "lacks [scam-sort]");
	} else {
		cl_check_langs(l, r);
		cl_get_text(l, r, "title", &c->sort_title);
		cl_get_text(l, r, "intro", &c->sort_intro);
		c->nsort = cl_count_numbered(r, "msg", ".kind");
		if (c->nsort < 6)
			cl_problem(l, r->line, "[scam-sort] needs at least 6 messages");
		c->sort = xcalloc((size_t)c->nsort + 1, sizeof(*c->sort));
		for (int i = 0; i < c->nsort; i++) {
			snprintf(key, sizeof(key), "msg.%d", i + 1);
			cl_get_text(l, r, key, &c->sort[i].text);
			snprintf(key, sizeof(key), "msg.%d.why", i + 1);
			cl_get_text(l, r, key, &c->sort[i].why);
			snprintf(key, sizeof(key), "msg.%d.kind", i + 1);
			const char *kind = cl_get_value(l, r, key);
			if (kind && !str_eq(kind, "safe") && !str_eq(kind, "scam"))
				cl_problem(l, cf_get(r, key, NULL)->line, "[scam-sort] %s must be safe or scam",
					key);
			c->sort[i].scam = str_eq(kind, "scam");
		}
	}
	r = cl_record(f, "passphrase");
	if (!r) {
		cl_problem(l, 1, "lacks [passphrase]");
		return;
	}
	cl_check_langs(l, r);
	cl_get_text(l, r, "title", &c->pass_title);
	cl_get_text(l, r, "intro", &c->pass_intro);
	cl_get_text(l, r, "weak", &c->pass_weak);
	cl_get_text(l, r, "fair", &c->pass_fair);
	cl_get_text(l, r, "strong", &c->pass_strong);
	c->npass_tips = cl_count_numbered(r, "tip", "");
	if (c->npass_tips > PLAY_MAX_TIPS)
		c->npass_tips = PLAY_MAX_TIPS;
	for (int i = 0; i < c->npass_tips; i++) {
		snprintf(key, sizeof(key), "tip.%d", i + 1);
		cl_get_text(l, r, key, &c->pass_tips[i]);
	}
}

static void load_help(struct loader *l, struct play_content *c, const struct cf_file *f)
{
	char key[64];
	l->path = f->path;
	c->help = xcalloc((size_t)f->nrecords + 1, sizeof(*c->help));
	for (int i = 0; i < f->nrecords; i++) {
		const struct cf_record *r = &f->records[i];
		struct helpflow *h = &c->help[c->nhelp++];
		h->id = r->id;
		cl_check_langs(l, r);
		cl_get_text(l, r, "title", &h->title);
		cl_get_text(l, r, "intro", &h->intro);
		cl_get_text(l, r, "reassure", &h->reassure);
		h->nsteps = cl_count_numbered(r, "step", "");
		if (h->nsteps > (int)ARRAY_LEN(h->steps))
			h->nsteps = (int)ARRAY_LEN(h->steps);
		if (h->nsteps < 2)
			cl_problem(l, r->line, "[%s] needs at least 2 steps", r->id);
		for (int k = 0; k < h->nsteps; k++) {
			snprintf(key, sizeof(key), "step.%d", k + 1);
			cl_get_text(l, r, key, &h->steps[k]);
		}
	}
	static const char *const required[] = {"bullied", "photo-asked", "upsetting", "meet"};
	for (size_t i = 0; i < ARRAY_LEN(required); i++)
		if (!cl_record(f, required[i]))
			cl_problem(l, 1, "lacks the help flow [%s]", required[i]);
}

static void load_checkup(struct loader *l, struct play_content *c, const struct cf_file *f)
{
	char key[64];
	l->path = f->path;
	const struct cf_record *r = cl_record(f, "privacy-checkup");
	if (!r) {
		cl_problem(l, 1, "lacks [privacy-checkup]");
		return;
	}
	cl_check_langs(l, r);
	cl_get_text(l, r, "title", &c->checkup_title);
	cl_get_text(l, r, "intro", &c->checkup_intro);
	c->ncheckup = cl_count_numbered(r, "item", "");
	if (c->ncheckup > (int)ARRAY_LEN(c->checkup))
		c->ncheckup = (int)ARRAY_LEN(c->checkup);
	for (int i = 0; i < c->ncheckup; i++) {
		snprintf(key, sizeof(key), "item.%d", i + 1);
		cl_get_text(l, r, key, &c->checkup[i]);
	}
}

static void load_helplines(struct loader *l, struct play_content *c, const struct cf_file *f)
{
	l->path = f->path;
	c->helplines = xcalloc((size_t)f->nrecords + 1, sizeof(*c->helplines));
	for (int i = 0; i < f->nrecords; i++) {
		const struct cf_record *r = &f->records[i];
		if (strlen(r->id) != 2 || r->id[0] < 'a' || r->id[0] > 'z' || r->id[1] < 'a' ||
		    r->id[1] > 'z') {
			cl_problem(l, r->line, "[%s] a helpline's id is its country's two-letter code", r->id);
			continue;
		}
		struct helpline_default *h = &c->helplines[c->nhelplines++];
		h->country[0] = (char)(r->id[0] - 'a' + 'A');
		h->country[1] = (char)(r->id[1] - 'a' + 'A');
		h->contact = cl_get_value(l, r, "contact");
		h->source = cl_get_value(l, r, "source");
	}
}

/* ---- the whole -------------------------------------------------------------- */

int play_load(const char *content_dir, const char *static_dir, unsigned langs,
	      struct play_content **out, cf_report_fn report, void *ctx)
{
	struct loader l = {.report = report, .ctx = ctx, .langs = langs, .static_dir = static_dir};
	struct play_content *c = xcalloc(1, sizeof(*c));
	char dir[1024];

	*out = NULL;
	snprintf(dir, sizeof(dir), "%s/play", content_dir);
	struct cf_file *topics = load_file(&l, c, dir, "topics.txt");
	struct cf_file *characters = load_file(&l, c, dir, "characters.txt");
	if (topics)
		load_topics(&l, c, topics);
	if (characters)
		load_characters(&l, c, characters, static_dir);
	for (int b = 0; b < NBANDS; b++) {
		char name[32];
		snprintf(name, sizeof(name), "%s.txt", band_ids[b]);
		struct cf_file *f = load_file(&l, c, dir, name);
		if (f)
			load_scenarios(&l, c, f, (enum band)b);
	}
	struct cf_file *mg = load_file(&l, c, dir, "minigames.txt");
	if (mg)
		load_minigames(&l, c, mg);
	struct cf_file *help = load_file(&l, c, dir, "help.txt");
	if (help)
		load_help(&l, c, help);
	struct cf_file *checkup = load_file(&l, c, dir, "checkup.txt");
	if (checkup)
		load_checkup(&l, c, checkup);
	snprintf(dir, sizeof(dir), "%s/help", content_dir);
	struct cf_file *helplines = load_file(&l, c, dir, "helplines.txt");
	if (helplines)
		load_helplines(&l, c, helplines);
	if (l.problems) {
		play_free(c);
		return l.problems;
	}
	*out = c;
	return 0;
}

void play_free(struct play_content *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->nscenarios; i++) {
		struct scenario *s = &c->scenarios[i];
		for (int k = 0; k < s->nsteps; k++) {
			free((char *)s->steps[k].id);
			free(s->steps[k].msgs);
		}
		free(s->steps);
		free(s->people);
	}
	free(c->scenarios);
	free(c->topics);
	free(c->characters);
	free(c->sort);
	free(c->help);
	free(c->helplines);
	for (int i = 0; i < c->nfiles; i++)
		cf_free(c->files[i]);
	free(c);
}

void play_scenario_texts(const struct scenario *s, int lang, void (*fn)(void *ctx, const char *text),
			 void *ctx)
{
	const struct text *top[] = {&s->title, &s->safe, &s->help, &s->reflect};
	for (size_t i = 0; i < ARRAY_LEN(top); i++)
		if (top[i]->s[lang])
			fn(ctx, top[i]->s[lang]);
	for (int k = 0; k < s->nsteps; k++) {
		const struct step *st = &s->steps[k];
		if (st->text.s[lang])
			fn(ctx, st->text.s[lang]);
		for (int m = 0; m < st->nmsgs; m++)
			if (st->msgs[m].text.s[lang])
				fn(ctx, st->msgs[m].text.s[lang]);
		for (int c = 0; c < st->nchoices; c++) {
			if (st->choices[c].label.s[lang])
				fn(ctx, st->choices[c].label.s[lang]);
			if (st->choices[c].feedback.s[lang])
				fn(ctx, st->choices[c].feedback.s[lang]);
		}
	}
}

void play_scenario_lines(const struct scenario *s, int lang,
			 void (*fn)(void *ctx, const char *key, const char *text), void *ctx)
{
	char key[128];
	const struct {
		const char *key;
		const struct text *t;
	} top[] = {{"title", &s->title}, {"safe", &s->safe}, {"help", &s->help},
		   {"reflect", &s->reflect}};
	for (size_t i = 0; i < ARRAY_LEN(top); i++)
		if (top[i].t->s[lang])
			fn(ctx, top[i].key, top[i].t->s[lang]);
	for (int k = 0; k < s->nsteps; k++) {
		const struct step *st = &s->steps[k];
		if (st->text.s[lang]) {
			snprintf(key, sizeof(key), "%s.text", st->id);
			fn(ctx, key, st->text.s[lang]);
		}
		for (int c = 0; c < st->nchoices; c++) {
			if (st->choices[c].label.s[lang]) {
				snprintf(key, sizeof(key), "%s.%c", st->id, 'a' + c);
				fn(ctx, key, st->choices[c].label.s[lang]);
			}
			if (st->choices[c].feedback.s[lang]) {
				snprintf(key, sizeof(key), "%s.%c.feedback", st->id, 'a' + c);
				fn(ctx, key, st->choices[c].feedback.s[lang]);
			}
		}
	}
}

void play_fill_text(struct buf *b, const char *s, const struct play_fill *f)
{
	const struct {
		const char *name, *value;
	} ph[] = {{"{helpline}", f->helpline},
		  {"{helpline_contact}", f->contact},
		  {"{report}", f->report},
		  {"{emergency}", f->emergency},
		  {"{law}", f->law}};
	while (*s) {
		size_t i = 0;
		while (i < ARRAY_LEN(ph) && !str_starts(s, ph[i].name))
			i++;
		if (i < ARRAY_LEN(ph)) {
			buf_puts(b, ph[i].value ? ph[i].value : "");
			s += strlen(ph[i].name);
		} else {
			buf_putc(b, *s++);
		}
	}
}

void play_narration_name(const char *lang, const char *text, char out[PLAY_NARRATION_NAME_LEN + 1])
{
	unsigned char h[crypto_generichash_BYTES_MIN]; /* 16; the name keeps the first 8 */
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)lang, strlen(lang) + 1);
	crypto_generichash_update(&st, (const unsigned char *)text, strlen(text));
	crypto_generichash_final(&st, h, sizeof(h));
	hex_encode(out, h, PLAY_NARRATION_NAME_LEN / 2);
}

const struct helpline_default *play_helpline(const struct play_content *c, const char *country)
{
	for (int i = 0; country && i < c->nhelplines; i++)
		if (str_eq(c->helplines[i].country, country))
			return &c->helplines[i];
	return NULL;
}

const struct topic *play_topic(const struct play_content *c, const char *id)
{
	int i = find_topic(c, id);
	return i < 0 ? NULL : &c->topics[i];
}

const struct scenario *play_scenario(const struct play_content *c, const char *id)
{
	for (int i = 0; id && i < c->nscenarios; i++)
		if (str_eq(c->scenarios[i].id, id))
			return &c->scenarios[i];
	return NULL;
}
