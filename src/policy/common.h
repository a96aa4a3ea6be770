/*
 * common.h: what the policy module's pages share (private to src/policy):
 * the framework and library they serve, dates, and the ranked gaps of an
 * assessment.
 */
#ifndef COPHUB_POLICY_COMMON_H
#define COPHUB_POLICY_COMMON_H

#include "content/policy.h"
#include "http/http.h"

#include <jansson.h>

#include <stdbool.h>
#include <stdint.h>

struct library;

const struct pol_framework *policy_fw(void);
const struct library *policy_lib(void);

/* "2026-12-02", in r's arena. */
const char *policy_day(struct req *r, int64_t t);
/* "YYYY-MM-DD" (an <input type="date">) as seconds at 00:00 UTC; false
 * when it is not such a day. */
bool policy_parse_day(const char *s, int64_t *out);

/* A national strategy, as its pages need it. */
struct pol_strategy {
	int64_t id, assessment_id, created_at;
	int64_t adopted_on; /* 0: a draft */
	char country[3];
	const char *title;
	bool editor; /* a coordinator of its country */
};
/* Loads the strategy of the path (:id) for one who may read it, its
 * country's coordinators and administrators: 0, or the page written (404)
 * or 500. */
int policy_strategy_load(struct req *r, struct pol_strategy *s);
/* The same for one who may change it, its country's coordinators: also
 * 403. */
int policy_strategy_edit(struct req *r, struct pol_strategy *s);

/* A gap of an assessment: a capability decided below the top level. */
struct pol_gap {
	int cap;        /* index in the framework */
	int level;      /* 1 .. POL_NLEVELS - 1 */
	int confidence; /* 0 low, 1 medium, 2 high */
};
/* The gaps of an assessment's decided answers, the largest first (the
 * lowest level, then the surest, then by number): their count (at most
 * max), or -1 when the database fails. */
int policy_gaps(struct req *r, int64_t assessment_id, struct pol_gap *out, int max);

/* The plan's page of strategy s with error (msgid) and status. */
int policy_plan_refused(struct req *r, const struct pol_strategy *s, int status,
			const char *error);

/* The paragraphs of a text (split at blank lines), for a page. */
json_t *policy_paragraphs(const char *body);

/* An action's status ("ongoing") for people, marked for translation (N_),
 * or "". */
const char *policy_action_status(const char *key);

/* The versions of a strategy's plan submitted for validation, newest
 * first, for the plan's page; NULL (and *err) when the database fails.
 * *under_review tells whether one waits for a validator. */
json_t *policy_versions_json(struct req *r, int64_t strategy_id, bool *under_review);
/* Where an indicator's values come from: people, or one of cophub's own
 * figures (computed.c). */
#define POL_FIG_LANGUAGES 100 /* the guidelines' languages, not a count */
struct pol_source {
	const char *id;
	const char *name; /* msgid */
	const char *unit; /* msgid; NULL: the people say */
	int figure;       /* enum figure, POL_FIG_LANGUAGES, or -1 for people */
	bool children;    /* counts under 5 hidden */
};
/* A source by id, or by its place in the list (from 0): NULL past the end. */
const struct pol_source *policy_source(const char *id);
const struct pol_source *policy_source_at(int i);
/* A computed indicator's frequency ("year", "quarter", "month") by its
 * place in the list, and the name (msgid) of one; NULL if none. */
const char *policy_frequency_at(int i);
const char *policy_frequency_name(const char *id);
/* Computes the values of strategy s's computed indicators for every
 * period of its plan up to the current one: those computed over an hour
 * ago, or all of them when force.  Writes in a transaction of its own
 * unless one is open.  0, or -1 when the database fails. */
int policy_compute(struct req *r, const struct pol_strategy *s, bool force);

#endif
