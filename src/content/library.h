/*
 * library.h: the guidelines library, loaded from content/library/SET.txt
 * (format in content/README.md) and checked as it loads: every problem
 * with its file and line.
 *
 * A set is a tree: chapters, their sections, and the sections' numbered
 * items (recommendations or checklist items), each with a stable id
 * ("talk", "talk.listen", "talk.listen.1"), tags of the 4Cs and links to
 * the game's topics, the courses and other parts of the library.  The
 * files hold the English source; translations come from the translation
 * workflow.
 */
#ifndef COPHUB_LIBRARY_H
#define COPHUB_LIBRARY_H

#include "content/cf.h"

#include <stdbool.h>

enum lib_audience { LIB_CHILDREN, LIB_PARENTS, LIB_INDUSTRY, LIB_POLICY, NLIB_AUDIENCES };
extern const char *const lib_audience_ids[NLIB_AUDIENCES];

/* The 4Cs, as bits of an item's topics. */
enum { C4_CONTENT = 1, C4_CONTACT = 2, C4_CONDUCT = 4, C4_CONTRACT = 8 };
extern const char *const c4_ids[4];

struct lib_item {
	const char *id; /* "talk.listen.1" */
	int n;
	bool checklist;
	unsigned topics; /* C4_ bits */
	const char *text;
	const char **see; /* "play:bullying", "learn:industry", "SET/ID" (resolved) */
	int nsee;
	int line;
};

struct lib_section {
	const char *id; /* "talk.listen" */
	const char *title, *text; /* text may be NULL */
	struct lib_item *items;
	int nitems;
};

struct lib_chapter {
	const char *id; /* "talk" */
	const char *title, *intro;
	struct lib_section *sections;
	int nsections;
};

struct lib_set {
	const char *id; /* its file's name: "parents" */
	const char *path;
	enum lib_audience audience;
	int order;
	const char *title, *summary;
	struct lib_chapter *chapters;
	int nchapters;
	int nitems;
};

struct library {
	struct lib_set *sets; /* by order */
	int nsets;
	struct cf_file **files;
	int nfiles;
};

/* What a link may name outside the library: the game's topics and the
 * courses (NULL lists: not checked). */
struct lib_targets {
	const char *const *topics;
	int ntopics;
	const char *const *courses;
	int ncourses;
};

/* Loads every set under content_dir/library; the number of problems
 * reported (0: *out holds the library; no library/ folder is an empty
 * library, not a problem). */
int library_load(const char *content_dir, const struct lib_targets *targets, cf_report_fn report,
		 void *ctx, struct library **out);
void library_free(struct library *l);

const struct lib_set *library_set(const struct library *l, const char *id);
/* A chapter, section or item of a set by its id, as its chapter and, when
 * deeper, its section and item (the others NULL); false when none. */
bool library_find(const struct lib_set *s, const char *id, const struct lib_chapter **ch,
		  const struct lib_section **sec, const struct lib_item **item);

#endif
