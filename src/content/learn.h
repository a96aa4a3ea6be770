/*
 * learn.h: the adults' courses, loaded from content/learn/COURSE/ (format
 * in content/README.md) and checked as they load: every problem with its
 * file and line.
 *
 * A course in draft needs its text in English only; a published one in
 * English, French, Spanish and Arabic.  Titles and descriptions are in all
 * six languages either way, for the catalogue.
 */
#ifndef COPHUB_LEARN_CONTENT_H
#define COPHUB_LEARN_CONTENT_H

#include "content/cf.h"
#include "content/load.h"

#include <stdbool.h>

#define LEARN_MAX_OPTIONS 6
#define LEARN_MAX_LESSONS 6
#define LEARN_MIN_MODULES 4
#define LEARN_MIN_BANK 4   /* questions in a module's bank */
#define LEARN_MIN_FINAL 8  /* questions in the final quiz */

enum audience { AUD_PARENTS, AUD_EDUCATORS, AUD_INDUSTRY, AUD_GOVERNMENT, AUD_TRAINERS, NAUDIENCES };
extern const char *const audience_ids[NAUDIENCES];
int audience_from_id(const char *id); /* -1 when unknown */

/* The languages a published course's text must be in: en, fr, es, ar. */
extern const unsigned learn_course_langs;

struct option {
	struct text text;
	bool right;
};

struct question {
	int n; /* its number in the file: q.N */
	int line;
	bool multiple;
	struct text text, why;
	struct option opts[LEARN_MAX_OPTIONS];
	int nopts;
};

struct quiz {
	struct question *qs;
	int nqs;
};

struct lesson {
	const char *id;
	/* per language: the Markdown after its title line, and the title;
	 * NULL where there is no file */
	char *title[CONTENT_NLANGS];
	char *body[CONTENT_NLANGS];
	int words; /* in English */
};

struct module {
	const char *id;
	struct text title, summary;
	struct lesson *lessons;
	int nlessons;
	struct quiz bank;
};

struct course {
	const char *id;
	enum audience audience;
	int order;
	bool published;
	int pass;     /* percent */
	int attempts; /* 0: no limit */
	struct text title, description;
	struct module *modules;
	int nmodules;
	struct quiz final;
	unsigned langs; /* the languages its whole text is in: 1 << index */
};

struct learn_content {
	struct course *courses; /* by order */
	int ncourses;
	struct cf_file *files[32];
	int nfiles;
};

/* Loads every course under content_dir/learn; the number of problems
 * reported (0: *out holds the courses; a missing learn/ folder is no
 * course, not a problem). */
int learn_load(const char *content_dir, cf_report_fn report, void *ctx,
	       struct learn_content **out);
void learn_free(struct learn_content *c);

const struct course *learn_course(const struct learn_content *c, const char *id);

#endif
