/*
 * play.h: the content of the children's game and app, loaded from
 * content/play/ (format in content/README.md) and checked as it loads.
 *
 * Every text is held in the six content languages; the loader reports
 * each missing language, broken reference or malformed field with its
 * file and line, and the content is used only when there was none.
 */
#ifndef COPHUB_PLAY_CONTENT_H
#define COPHUB_PLAY_CONTENT_H

#include "content/cf.h"
#include "content/load.h"

#include <stdbool.h>

#define PLAY_MAX_CHOICES 4
#define PLAY_MAX_TIPS 8

enum band { BAND_U9, BAND_9_12, BAND_13_18, NBANDS };
extern const char *const band_ids[NBANDS]; /* "u9", "9-12", "13-18" */
int band_from_id(const char *id);

struct topic {
	const char *id;
	const char *category;
	unsigned bands; /* 1 << band */
	struct text name;
	struct text tips[PLAY_MAX_TIPS];
	int ntips;
};

struct character {
	const char *id;
	struct text name, about;
	const char *image;
};

enum safety { SAFE_NO, SAFE_PARTLY, SAFE_YES };

struct choice {
	struct text label, feedback;
	enum safety safe;
	int next; /* step index, or -1: the story ends */
};

struct message {
	int person; /* index in people, or -1 for "you" */
	struct text text;
};

struct step {
	const char *id;
	struct text text;		/* u9, 9-12 */
	struct message *msgs;		/* 13-18 */
	int nmsgs;
	struct choice choices[PLAY_MAX_CHOICES];
	int nchoices;
};

struct person {
	const char *id;
	struct text name;
};

struct scenario {
	const char *id;
	const char *path; /* where it is written, for messages */
	int line;
	enum band band;
	int topic;     /* index in topics */
	int character; /* index in characters, or -1 */
	struct text title, safe, help, reflect;
	struct step *steps; /* steps[0] is "start" */
	int nsteps;
	struct person *people;
	int npeople;
};

struct sort_message {
	struct text text, why;
	bool scam;
};

struct helpflow {
	const char *id;
	struct text title, intro, reassure;
	struct text steps[8];
	int nsteps;
};

/* A shipped child helpline (content/help/helplines.txt). */
struct helpline_default {
	char country[3];
	const char *contact;
	const char *source;
};

struct play_content {
	struct topic *topics;
	int ntopics;
	struct character *characters;
	int ncharacters;
	struct scenario *scenarios;
	int nscenarios;
	/* mini-games */
	struct text sort_title, sort_intro;
	struct sort_message *sort;
	int nsort;
	struct text pass_title, pass_intro, pass_weak, pass_fair, pass_strong;
	struct text pass_tips[PLAY_MAX_TIPS];
	int npass_tips;
	/* the app */
	struct helpflow *help;
	int nhelp;
	struct text checkup_title, checkup_intro;
	struct text checkup[16];
	int ncheckup;
	struct helpline_default *helplines;
	int nhelplines;
	/* the files the texts point into */
	struct cf_file *files[64];
	int nfiles;
};

/* Calls fn for every text of a scenario in language lang. */
void play_scenario_texts(const struct scenario *s, int lang, void (*fn)(void *ctx, const char *text),
			 void *ctx);

/* Calls fn for every line of a scenario shown as text, with its key as
 * in the content file: "title", "STEP.text", "STEP.a", "STEP.a.feedback",
 * ..., "safe", "help", "reflect" (chat messages are left out). */
void play_scenario_lines(const struct scenario *s, int lang,
			 void (*fn)(void *ctx, const char *key, const char *text), void *ctx);

/* What a text's placeholders become: {helpline}, {helpline_contact},
 * {report}, {emergency}, {law}.  Appends s, filled, to b. */
struct play_fill {
	const char *helpline, *contact, *report, *emergency, *law;
};
struct buf;
void play_fill_text(struct buf *b, const char *s, const struct play_fill *f);

/* The name (16 hex digits) of the generated narration of text, as it is
 * spoken after filling, in language lang: the build names the audio
 * file after it and the server finds it by it, so a changed text is
 * never read with an old recording. */
#define PLAY_NARRATION_NAME_LEN 16
void play_narration_name(const char *lang, const char *text,
			 char out[PLAY_NARRATION_NAME_LEN + 1]);

/* Loads content_dir/play/ (static_dir for the characters' images),
 * requiring every text in the languages of the mask (1 << index in
 * content_langs; PLAY_ALL_LANGS for all six).  Every problem goes to report;
 * returns how many there were.  *out is set only when there were none. */
#define PLAY_ALL_LANGS ((1u << CONTENT_NLANGS) - 1)
int play_load(const char *content_dir, const char *static_dir, unsigned langs,
	      struct play_content **out, cf_report_fn report, void *ctx);
void play_free(struct play_content *c);

/* The shipped helpline of a country, or NULL. */
const struct helpline_default *play_helpline(const struct play_content *c, const char *country);
const struct topic *play_topic(const struct play_content *c, const char *id);
const struct scenario *play_scenario(const struct play_content *c, const char *id);

#endif
