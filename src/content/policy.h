/*
 * policy.h: the maturity framework of a national response, loaded from
 * content/policy/framework.txt (format in content/README.md) and checked
 * as it loads: every problem with its file and line.
 *
 * Domains (in order), capabilities (numbered from 1, each in a domain,
 * with a descriptor for each of the four levels), the areas of the
 * guidelines for policy-makers mapped onto the capabilities, and links
 * from each capability to the guidelines library ("SET/ID").  Its texts
 * are in the six content languages.
 */
#ifndef COPHUB_POLICY_CONTENT_H
#define COPHUB_POLICY_CONTENT_H

#include "content/cf.h"
#include "content/library.h"
#include "content/load.h"

#define POL_NLEVELS 4
#define POL_MAX_DOMAINS 12
#define POL_MAX_AREAS 16
#define POL_MAX_CAPS 64
#define POL_MAX_SEE 6

struct pol_area {
	const char *id; /* "legal": the record is [area.legal] */
	struct text title;
};

struct pol_domain {
	const char *id; /* "policy" */
	int order;
	struct text title, outcome;
	int ncaps;
};

struct pol_cap {
	const char *id; /* "leadership" */
	int number;     /* from 1, in the order of the domains */
	int domain;     /* index in the framework's domains */
	unsigned areas; /* 1 << index of each area */
	struct text title, about, level[POL_NLEVELS];
	const char *see[POL_MAX_SEE]; /* "policy/strategy.lead" */
	int nsee;
};

struct pol_framework {
	struct text title, summary, source;
	struct text level_name[POL_NLEVELS], level_about[POL_NLEVELS];
	struct pol_area areas[POL_MAX_AREAS];
	int nareas;
	struct pol_domain domains[POL_MAX_DOMAINS];
	int ndomains;
	struct pol_cap *caps; /* by number */
	int ncaps;
	struct cf_file *files[2];
	int nfiles;
};

/* The languages the framework's texts must be in: 1 << index. */
extern const unsigned policy_langs;

/* Loads content_dir/policy/framework.txt (and its translations); its links
 * are checked against lib (NULL: not checked).  The number of problems
 * reported; 0: *out holds the framework. */
int policy_load(const char *content_dir, const struct library *lib, cf_report_fn report,
		void *ctx, struct pol_framework **out);
void policy_free(struct pol_framework *f);

/* A capability by id, or NULL. */
const struct pol_cap *policy_cap(const struct pol_framework *f, const char *id);

#endif
