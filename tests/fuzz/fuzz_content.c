/*
 * fuzz_content.c: libFuzzer harness for the content files of the
 * children's game and app (cf.c, play.c, readability.c).
 *
 * Every input is the text of one content file.  It is parsed from memory
 * with cf_parse, and the records must come out well formed: ids and keys
 * of the allowed characters, values trimmed, valid UTF-8 without control
 * characters, line numbers in the text, no key given twice in a record,
 * and one report for each problem counted.  Each translated value also
 * goes through the readability counts.
 *
 * The same text then goes through play_load, which reads only from a
 * folder: it is written into a scratch content folder (made once per
 * process, removed at exit) whose other files are small and valid, so
 * that every check of the loader can be reached.  Their texts are in the
 * languages required beside a content file, and in English only under a
 * translation, for its texts to merge into them:
 *   - a text with no "@en:" field but "@LANG:" fields of another content
 *     language is a translation: it becomes play/i18n/LANG/NAME for every
 *     NAME, merged into the fixed files;
 *   - otherwise the first of these it holds, in this order, names the
 *     file it replaces:
 *     "band: 13-18", "band: 9-12", "band: u9" (a scenario file),
 *     "[scam-sort]" or "[passphrase]" (minigames.txt), "[privacy-checkup]"
 *     (checkup.txt), "category:" or "bands:" (topics.txt), "image:"
 *     (characters.txt), "reassure@" or "step.1@" (help.txt), "contact:" or
 *     "source:" (help/helplines.txt); anything else is 13-18.txt.
 * The languages required are English and every content language the text
 * uses.  play_load must count one report for each problem, each naming a
 * file of the folder and a line inside it; when it finds none, the content
 * must keep the rules it checks: steps[0] is start, every next and person
 * in range, no story loops or leaves a step unreachable, the choices of
 * each band, every required text present, valid and with braces only in
 * known placeholders, and every id found again by play_scenario,
 * play_topic and play_helpline; each line of a scenario, filled in by
 * play_fill_text, keeps no '{', and gets a narration name of 16 hex
 * digits.  Everything is freed after each input.
 */
#include "content/cf.h"
#include "content/play.h"
#include "content/readability.h"
#include "core/buf.h"
#include "core/util.h"

#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the fixed content -------------------------------------------------- */

enum role { R_TOPICS, R_CHARACTERS, R_U9, R_9_12, R_13_18, R_MINIGAMES, R_HELP, R_CHECKUP,
	    R_HELPLINES, NROLES };

static const char *const role_names[NROLES] = {
	"topics.txt",	 "characters.txt", "u9.txt",	  "9-12.txt",	    "13-18.txt",
	"minigames.txt", "help.txt",	   "checkup.txt", "helplines.txt"};

static const char fixed_characters[] = "[lumo]\nname@en: Lumo\nabout@en: A firefly.\n"
				       "image: lumo.svg\n\n"
				       "[kiri]\nname@en: Kiri\nabout@en: A paper kite.\n"
				       "image: kiri.svg\n";

static const char fixed_u9[] = "[u9-fixed]\nband: u9\ntopic: privacy\ncharacter: lumo\n"
			       "title@en: Where I live\n"
			       "start.text@en: A player asks where you live.\n"
			       "start.a@en: Tell them.\nstart.a.safe: no\n"
			       "start.a.feedback@en: Where you live is private.\n"
			       "start.b@en: Ask a grown-up.\nstart.b.safe: yes\n"
			       "start.b.feedback@en: Yes!\n"
			       "safe@en: Ask a grown-up first.\nhelp@en: Call {helpline}.\n";

static const char fixed_9_12[] = "[9-12-fixed]\nband: 9-12\ntopic: scams\ncharacter: kiri\n"
				 "title@en: A prize\nstart.text@en: You won a prize, says a message.\n"
				 "start.a@en: Click.\nstart.a.safe: no\nstart.a.feedback@en: No.\n"
				 "start.b@en: Delete it.\nstart.b.safe: yes\n"
				 "start.b.feedback@en: Yes.\n"
				 "start.c@en: Ask.\nstart.c.safe: partly\nstart.c.feedback@en: Good.\n"
				 "safe@en: Delete it.\nhelp@en: {report} or {emergency}.\n";

static const char fixed_13_18[] =
	"[13-18-fixed]\nband: 13-18\ntopic: contacts\ntitle@en: New friend\n"
	"people: sam\nperson.sam@en: Sam\n"
	"start.msg.1.from: sam\nstart.msg.1@en: hey, love your drawings!\n"
	"start.msg.2.from: you\nstart.msg.2@en: thanks\n"
	"start.a@en: Reply.\nstart.a.safe: partly\nstart.a.feedback@en: Careful.\n"
	"start.a.next: end\n"
	"start.b@en: Block.\nstart.b.safe: yes\nstart.b.feedback@en: Fine.\n"
	"end.msg.1.from: sam\nend.msg.1@en: send a photo?\n"
	"end.a@en: No.\nend.a.safe: yes\nend.a.feedback@en: Right.\n"
	"end.b@en: Yes.\nend.b.safe: no\nend.b.feedback@en: No.\n"
	"safe@en: Block and tell.\nhelp@en: {helpline_contact}, {law}.\n"
	"reflect@en: Why?\n";

static const char fixed_minigames[] =
	"[scam-sort]\ntitle@en: Safe or scam?\nintro@en: Sort them.\n"
	"msg.1@en: You won!\nmsg.1.kind: scam\nmsg.1.why@en: A prize.\n"
	"msg.2@en: Homework?\nmsg.2.kind: safe\nmsg.2.why@en: A friend.\n"
	"msg.3@en: Your code?\nmsg.3.kind: scam\nmsg.3.why@en: Codes are secret.\n"
	"msg.4@en: Lunch?\nmsg.4.kind: safe\nmsg.4.why@en: Mum.\n"
	"msg.5@en: Pay now!\nmsg.5.kind: scam\nmsg.5.why@en: A rush.\n"
	"msg.6@en: Match at 5.\nmsg.6.kind: safe\nmsg.6.why@en: The coach.\n"
	"[passphrase]\ntitle@en: Passphrase\nintro@en: Try one.\nweak@en: Weak.\n"
	"fair@en: Fair.\nstrong@en: Strong.\ntip.1@en: Use words.\n";

static const char fixed_help[] =
	"[bullied]\ntitle@en: Bullied\nintro@en: Not your fault.\nreassure@en: You did well.\n"
	"step.1@en: Do not reply.\nstep.2@en: Tell {helpline}.\n"
	"[photo-asked]\ntitle@en: A photo\nintro@en: Say no.\nreassure@en: Well done.\n"
	"step.1@en: Say no.\nstep.2@en: {report}\n"
	"[upsetting]\ntitle@en: Upset\nintro@en: It happens.\nreassure@en: Fine.\n"
	"step.1@en: Close it.\nstep.2@en: Tell an adult.\n"
	"[meet]\ntitle@en: Meet\nintro@en: Careful.\nreassure@en: Good.\n"
	"step.1@en: Do not go alone.\nstep.2@en: {emergency}\n";

static const char fixed_checkup[] = "[privacy-checkup]\ntitle@en: Check-up\nintro@en: Tick.\n"
				    "item.1@en: Private profile.\nitem.2@en: Location off.\n";

static const char fixed_helplines[] = "[cz]\ncontact: 116 111\nsource: ITU news, 2008\n";

/* the pictures of the under-9 scenes: the fixed one and the seeds' */
static const char *const scene_ids[] = {"u9-fixed", "u9-ok", "u9-where-i-live"};

static const char *const topic_ids[] = {"privacy", "contacts", "images", "scams", "rights", "ai"};

static char root[256];	    /* the scratch folder */
static char content_dir[300], static_dir[300];
static char role_path[NROLES][400];
/* each file's fixed text in English, and with every "@en" line repeated
 * in each language of a mask (made when first needed) */
static char *english[NROLES];
static char *fixed[1u << CONTENT_NLANGS][NROLES];
static size_t fixed_len[1u << CONTENT_NLANGS][NROLES];
static int fixed_lines[1u << CONTENT_NLANGS][NROLES];
static unsigned en_mask; /* English only */
static unsigned mode;	 /* the languages of the fixed files on disk */
static char overlay_path[CONTENT_NLANGS][400]; /* what play/i18n/LANG/NAME link to */

static void put(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		abort();
	while (len) {
		ssize_t n = write(fd, text, len);
		if (n <= 0)
			abort();
		text += n;
		len -= (size_t)n;
	}
	close(fd);
}

static void make_dir(const char *fmt, const char *a, const char *b)
{
	char path[512];
	snprintf(path, sizeof(path), fmt, a, b);
	if (mkdir(path, 0700) < 0)
		abort();
}

static int count_lines(const char *s, size_t n)
{
	int lines = 1;
	for (size_t i = 0; i < n; i++)
		lines += s[i] == '\n';
	return lines;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void cleanup(void)
{
	if (root[0])
		nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	for (int i = 0; i < NROLES; i++) {
		free(english[i]);
		for (unsigned m = 0; m < ARRAY_LEN(fixed); m++)
			free(fixed[m][i]);
	}
}

/* The text with each "key@en: value" line given in the languages of m. */
static char *with_langs(const char *en, unsigned m)
{
	size_t len = 0;
	char *out = malloc(strlen(en) * CONTENT_NLANGS + 1);
	for (const char *p = en; *p;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) + 1 : strlen(p);
		const char *at = memmem(p, n, "@en:", 4);
		if (!at) {
			memcpy(out + len, p, n);
			len += n;
		}
		for (int lg = 0; at && lg < CONTENT_NLANGS; lg++) {
			if (!(m & (1u << lg)))
				continue;
			size_t k = (size_t)(at - p) + 1;
			memcpy(out + len, p, k);
			memcpy(out + len + k, content_langs[lg], 2);
			memcpy(out + len + k + 2, at + 3, n - k - 2);
			len += n;
		}
		p += n;
	}
	out[len] = '\0';
	return out;
}

static void make_fixed(unsigned m)
{
	for (int i = 0; i < NROLES && !fixed[m][i]; i++) {
		fixed[m][i] = with_langs(english[i], m);
		fixed_len[m][i] = strlen(fixed[m][i]);
		fixed_lines[m][i] = count_lines(fixed[m][i], fixed_len[m][i]);
	}
}


static void quiet(void *ctx, const char *path, int line, const char *msg)
{
	(void)path;
	(void)line;
	(void)msg;
	++*(int *)ctx;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *tmp = getenv("TMPDIR");
	snprintf(root, sizeof(root), "%s/fuzz_content.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root))
		abort();
	atexit(cleanup);
	snprintf(content_dir, sizeof(content_dir), "%s/content", root);
	snprintf(static_dir, sizeof(static_dir), "%s/static", root);
	make_dir("%s%s", content_dir, "");
	make_dir("%s%s", content_dir, "/play");
	make_dir("%s%s", content_dir, "/help");
	make_dir("%s%s", static_dir, "");
	make_dir("%s%s", static_dir, "/play");
	char path[512];
	snprintf(path, sizeof(path), "%s/play/lumo.svg", static_dir);
	put(path, "", 0);
	snprintf(path, sizeof(path), "%s/play/kiri.svg", static_dir);
	put(path, "", 0);
	make_dir("%s%s", static_dir, "/play/scenes");
	for (size_t i = 0; i < ARRAY_LEN(scene_ids); i++) {
		snprintf(path, sizeof(path), "%s/play/scenes/%s.svg", static_dir, scene_ids[i]);
		put(path, "", 0);
	}

	/* the topics the fixed files and the seeds use, for every band */
	size_t cap = 4096, len = 0;
	char *topics = malloc(cap);
	for (size_t i = 0; i < ARRAY_LEN(topic_ids); i++)
		len += (size_t)snprintf(topics + len, cap - len,
					"[%s]\ncategory: cross-cutting\nbands: u9 9-12 13-18\n"
					"name@en: %s\ntip.1@en: A tip.\n",
					topic_ids[i], topic_ids[i]);
	english[R_TOPICS] = topics;
	const char *texts[NROLES] = {NULL,	 fixed_characters, fixed_u9,
				     fixed_9_12, fixed_13_18,	   fixed_minigames,
				     fixed_help, fixed_checkup,	   fixed_helplines};
	for (int i = 1; i < NROLES; i++)
		english[i] = strdup(texts[i]);
	mode = PLAY_ALL_LANGS;
	make_fixed(mode);
	for (int i = 0; i < NROLES; i++) {
		snprintf(role_path[i], sizeof(role_path[i]), "%s/%s/%s", content_dir,
			 i == R_HELPLINES ? "help" : "play", role_names[i]);
		put(role_path[i], fixed[mode][i], fixed_len[mode][i]);
	}
	en_mask = 1u << content_lang_index("en");

	/* translations: play/i18n/LANG/NAME (help/i18n/LANG/helplines.txt)
	 * link to one file per language, there only while an input is one */
	make_dir("%s%s", content_dir, "/play/i18n");
	make_dir("%s%s", content_dir, "/help/i18n");
	for (int lg = 0; lg < CONTENT_NLANGS; lg++) {
		if (str_eq(content_langs[lg], "en"))
			continue;
		snprintf(overlay_path[lg], sizeof(overlay_path[lg]), "%s/overlay-%s.txt", root,
			 content_langs[lg]);
		make_dir("%s/play/i18n/%s", content_dir, content_langs[lg]);
		make_dir("%s/help/i18n/%s", content_dir, content_langs[lg]);
		for (int i = 0; i < NROLES; i++) {
			snprintf(path, sizeof(path), "%s/%s/i18n/%s/%s", content_dir,
				 i == R_HELPLINES ? "help" : "play", content_langs[lg], role_names[i]);
			if (symlink(overlay_path[lg], path) < 0)
				abort();
		}
	}

	/* the fixed files load without a problem */
	struct play_content *c;
	int reports = 0;
	if (play_load(content_dir, static_dir, PLAY_ALL_LANGS, &c, quiet, &reports) != 0 || !c)
		abort();
	play_free(c);
	return 0;
}

/* ---- the parser alone --------------------------------------------------- */

struct counter {
	int reports;
	int max_line;
	const char *path;
};

static void count_report(void *ctx, const char *path, int line, const char *msg)
{
	struct counter *k = ctx;
	if (!str_eq(path, k->path) || line < 1 || line > k->max_line || !msg || !*msg)
		abort();
	k->reports++;
}

static bool id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static void check_parse(const uint8_t *data, size_t size)
{
	struct counter k = {0, count_lines((const char *)data, size), "fuzz.txt"};
	int problems = 0;
	struct cf_file *f = cf_parse("fuzz.txt", (const char *)data, size, count_report, &k,
				     &problems);
	if (!f || problems != k.reports || !str_eq(f->path, "fuzz.txt"))
		abort();
	int last = 0;
	for (int i = 0; i < f->nrecords; i++) {
		const struct cf_record *r = &f->records[i];
		if (!r->id[0] || r->line <= last || r->line > k.max_line)
			abort();
		for (const char *p = r->id; *p; p++)
			if (!id_char(*p))
				abort();
		last = r->line;
		for (int j = 0; j < r->nfields; j++) {
			const struct cf_field *fl = &r->fields[j];
			if (!fl->key[0] || fl->line <= last || fl->line > k.max_line)
				abort();
			last = fl->line;
			for (const char *p = fl->key; *p; p++)
				if (!id_char(*p) && *p != '.' && *p != '_')
					abort();
			if (fl->lang) {
				size_t ll = strlen(fl->lang);
				if (ll < 2 || ll > 8)
					abort();
				for (const char *p = fl->lang; *p; p++)
					if (*p < 'a' || *p > 'z')
						abort();
			}
			size_t vl = strlen(fl->value);
			if (!utf8_valid_text(fl->value, vl, false) ||
			    (vl && (fl->value[0] == ' ' || fl->value[0] == '\t' ||
				    fl->value[vl - 1] == ' ' || fl->value[vl - 1] == '\t')))
				abort();
			if (cf_get(r, fl->key, fl->lang) != fl || !cf_has(r, fl->key))
				abort();
			if (fl->lang) {
				struct text_stats st = {0, 0, 0};
				double score;
				readability_count(&st, fl->value, fl->lang);
				if (st.words < 0 || st.sentences < 0 || st.syllables < st.words ||
				    (st.words && !st.sentences) ||
				    (readability_score(&st, fl->lang, &score) && !isfinite(score)))
					abort();
			}
		}
	}
	cf_free(f);
}

/* ---- the loader --------------------------------------------------------- */

struct load_ctx {
	int reports;
	const char *input_path; /* NULL for a translation */
	int input_lines;
};

static void load_report(void *ctx, const char *path, int line, const char *msg)
{
	struct load_ctx *k = ctx;
	int max = -1;
	if (!msg || !*msg || !path)
		abort();
	if (k->input_path ? str_eq(path, k->input_path) : strstr(path, "/i18n/") != NULL) {
		max = k->input_lines;
	} else {
		for (int i = 0; i < NROLES; i++)
			if (str_eq(path, role_path[i]))
				max = fixed_lines[mode][i];
	}
	if (max < 0 || line < 1 || line > max)
		abort();
	k->reports++;
}

/* Every '{' opens a known placeholder, and every '}' closes one. */
static bool placeholders_known(const char *s)
{
	static const char *const known[] = {"{helpline}", "{helpline_contact}", "{report}",
					    "{emergency}", "{law}"};
	for (const char *p = s; (p = strpbrk(p, "{}"));) {
		size_t i = 0;
		while (i < ARRAY_LEN(known) && !str_starts(p, known[i]))
			i++;
		if (i == ARRAY_LEN(known))
			return false;
		p += strlen(known[i]);
	}
	return true;
}

static void check_text(const struct text *t, unsigned langs)
{
	for (int i = 0; i < CONTENT_NLANGS; i++) {
		if (!(langs & (1u << i)))
			continue;
		const char *s = t->s[i];
		if (!s || !*s || !utf8_valid_text(s, strlen(s), false) || !placeholders_known(s))
			abort();
	}
}

static void each_text(void *ctx, const char *text)
{
	(void)ctx;
	if (!text || !*text)
		abort();
}

/* A line filled in as a country's page shows it, and named for narration:
 * nothing of a placeholder may be left. */
static void each_line(void *ctx, const char *key, const char *text)
{
	/* a country with a helpline and no reporting service or emergency number */
	static const struct play_fill fill = {"Childline", "0800 1111", NULL, NULL, "the law"};
	const char *lang = ctx;
	struct buf b;
	char name[PLAY_NARRATION_NAME_LEN + 1];
	if (!key || !*key || !text)
		abort();
	buf_init(&b, 1u << 20);
	play_fill_text(&b, text, &fill);
	const char *spoken = b.data ? b.data : "";
	if (b.overflow || strchr(spoken, '{'))
		abort();
	play_narration_name(lang, spoken, name);
	if (strlen(name) != PLAY_NARRATION_NAME_LEN ||
	    strspn(name, "0123456789abcdef") != PLAY_NARRATION_NAME_LEN)
		abort();
	buf_free(&b);
}

/* 0 unseen, 1 on the path, 2 done: a story that loops or leaves a step
 * behind was to be refused. */
static void walk(const struct scenario *s, int at, int *state)
{
	state[at] = 1;
	for (int k = 0; k < s->steps[at].nchoices; k++) {
		int to = s->steps[at].choices[k].next;
		if (to < 0)
			continue;
		if (to == 0 || to >= s->nsteps || state[to] == 1)
			abort();
		if (!state[to])
			walk(s, to, state);
	}
	state[at] = 2;
}

static void check_scenario(const struct play_content *c, const struct scenario *s,
			   unsigned langs)
{
	if (play_scenario(c, s->id) != s || s->topic < 0 || s->topic >= c->ntopics ||
	    !(c->topics[s->topic].bands & (1u << s->band)) || s->character < -1 ||
	    s->character >= c->ncharacters || (s->band != BAND_13_18 && s->character < 0) ||
	    s->nsteps < 1 || !str_eq(s->steps[0].id, "start"))
		abort();
	check_text(&s->title, langs);
	check_text(&s->safe, langs);
	check_text(&s->help, langs);
	if (s->band == BAND_13_18)
		check_text(&s->reflect, langs);
	for (int i = 0; i < s->npeople; i++)
		check_text(&s->people[i].name, langs);
	if (s->band != BAND_13_18 && s->nsteps != 1)
		abort();
	if (s->band == BAND_13_18 && s->nsteps < 2)
		abort();
	for (int i = 0; i < s->nsteps; i++) {
		const struct step *st = &s->steps[i];
		int yes = 0;
		for (int k = 0; k < st->nchoices; k++) {
			check_text(&st->choices[k].label, langs);
			check_text(&st->choices[k].feedback, langs);
			yes += st->choices[k].safe == SAFE_YES;
		}
		if ((s->band == BAND_U9 && (st->nchoices != 2 || yes != 1)) ||
		    (s->band == BAND_9_12 && (st->nchoices != 3 || yes < 1)) ||
		    (s->band == BAND_13_18 && (st->nchoices < 2 || st->nchoices > 4)))
			abort();
		if (s->band == BAND_13_18) {
			if (st->nmsgs < 1)
				abort();
			for (int m = 0; m < st->nmsgs; m++) {
				if (st->msgs[m].person < -1 || st->msgs[m].person >= s->npeople)
					abort();
				check_text(&st->msgs[m].text, langs);
			}
		} else {
			check_text(&st->text, langs);
		}
	}
	int *state = calloc((size_t)s->nsteps, sizeof(int));
	walk(s, 0, state);
	for (int i = 0; i < s->nsteps; i++)
		if (state[i] != 2)
			abort();
	free(state);
	for (int lg = 0; lg < CONTENT_NLANGS; lg++) {
		if (!(langs & (1u << lg)))
			continue;
		play_scenario_texts(s, lg, each_text, NULL);
		play_scenario_lines(s, lg, each_line, (void *)content_langs[lg]);
	}
}

static void check_content(const struct play_content *c, unsigned langs)
{
	for (int i = 0; i < c->ntopics; i++) {
		const struct topic *t = &c->topics[i];
		if (play_topic(c, t->id) != t || !t->category || !t->bands || t->bands >= 1u << NBANDS ||
		    t->ntips < 0 || t->ntips > PLAY_MAX_TIPS)
			abort();
		check_text(&t->name, langs);
		for (int k = 0; k < t->ntips; k++)
			check_text(&t->tips[k], langs);
	}
	for (int i = 0; i < c->ncharacters; i++) {
		const struct character *ch = &c->characters[i];
		if (!ch->image || strchr(ch->image, '/'))
			abort();
		check_text(&ch->name, langs);
		check_text(&ch->about, langs);
	}
	for (int i = 0; i < c->nscenarios; i++)
		check_scenario(c, &c->scenarios[i], langs);
	if (c->nsort < 6)
		abort();
	check_text(&c->sort_title, langs);
	check_text(&c->sort_intro, langs);
	for (int i = 0; i < c->nsort; i++) {
		check_text(&c->sort[i].text, langs);
		check_text(&c->sort[i].why, langs);
	}
	check_text(&c->pass_title, langs);
	check_text(&c->pass_strong, langs);
	for (int i = 0; i < c->npass_tips; i++)
		check_text(&c->pass_tips[i], langs);
	if (c->nhelp < 4)
		abort();
	for (int i = 0; i < c->nhelp; i++) {
		const struct helpflow *h = &c->help[i];
		if (h->nsteps < 2 || h->nsteps > 8)
			abort();
		check_text(&h->title, langs);
		for (int k = 0; k < h->nsteps; k++)
			check_text(&h->steps[k], langs);
	}
	for (int i = 0; i < c->ncheckup; i++)
		check_text(&c->checkup[i], langs);
	for (int i = 0; i < c->nhelplines; i++) {
		const struct helpline_default *h = &c->helplines[i];
		if (strlen(h->country) != 2 || h->country[0] < 'A' || h->country[0] > 'Z' ||
		    h->country[1] < 'A' || h->country[1] > 'Z' || !h->contact || !h->source ||
		    !play_helpline(c, h->country))
			abort();
	}
}

static bool has(const uint8_t *data, size_t size, const char *s)
{
	return memmem(data, size, s, strlen(s)) != NULL;
}

/* Which file the text replaces (see the top of the file). */
static enum role role_of(const uint8_t *data, size_t size)
{
	static const struct {
		const char *marker;
		enum role role;
	} markers[] = {
		{"band: 13-18", R_13_18},	  {"band: 9-12", R_9_12},
		{"band: u9", R_U9},		  {"[scam-sort]", R_MINIGAMES},
		{"[passphrase]", R_MINIGAMES},	  {"[privacy-checkup]", R_CHECKUP},
		{"category:", R_TOPICS},	  {"bands:", R_TOPICS},
		{"image:", R_CHARACTERS},	  {"reassure@", R_HELP},
		{"step.1@", R_HELP},		  {"contact:", R_HELPLINES},
		{"source:", R_HELPLINES},
	};
	for (size_t i = 0; i < ARRAY_LEN(markers); i++)
		if (has(data, size, markers[i].marker))
			return markers[i].role;
	return R_13_18;
}

static int placed = -1;	    /* the role the last input replaced, or -1 */
static int placed_lang = -1; /* the language of the last translation, or -1 */

/* Puts the fixed files in the languages of m on disk, but for the input's. */
static void use_mode(unsigned m, int skip)
{
	make_fixed(m);
	if (m != mode)
		for (int i = 0; i < NROLES; i++)
			if (i != skip)
				put(role_path[i], fixed[m][i], fixed_len[m][i]);
	mode = m;
}

static void check_load(const uint8_t *data, size_t size)
{
	unsigned langs = 0;
	int translation = -1;
	for (int lg = 0; lg < CONTENT_NLANGS; lg++) {
		char at[8];
		snprintf(at, sizeof(at), "@%s:", content_langs[lg]);
		if (str_eq(content_langs[lg], "en") || has(data, size, at))
			langs |= 1u << lg;
		if (translation < 0 && !str_eq(content_langs[lg], "en") && has(data, size, at))
			translation = lg;
	}
	if (has(data, size, "@en:"))
		translation = -1;

	struct load_ctx k = {0, NULL, count_lines((const char *)data, size)};
	if (translation >= 0) {
		if (placed >= 0 && mode == en_mask)
			put(role_path[placed], fixed[mode][placed], fixed_len[mode][placed]);
		use_mode(en_mask, -1);
		placed = -1;
		if (placed_lang >= 0 && placed_lang != translation)
			unlink(overlay_path[placed_lang]);
		put(overlay_path[translation], (const char *)data, size);
		placed_lang = translation;
	} else {
		enum role r = role_of(data, size);
		if (placed_lang >= 0) {
			unlink(overlay_path[placed_lang]);
			placed_lang = -1;
		}
		if (placed >= 0 && placed != (int)r && mode == langs)
			put(role_path[placed], fixed[mode][placed], fixed_len[mode][placed]);
		use_mode(langs, (int)r);
		put(role_path[r], (const char *)data, size);
		placed = (int)r;
		k.input_path = role_path[r];
	}

	struct play_content *c = (struct play_content *)1;
	int problems = play_load(content_dir, static_dir, langs, &c, load_report, &k);
	if (problems != k.reports || (problems == 0) != (c != NULL))
		abort();
	if (c) {
		check_content(c, langs);
		play_free(c);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_parse(data, size);
	check_load(data, size);
	return 0;
}
