/*
 * figures.h: the figures cophub knows of a country's programme, counted
 * once for whoever shows them: the public dashboard (all time, every
 * country) and the implementation plans' computed indicators (one
 * country, per period).
 */
#ifndef COPHUB_FIGURES_H
#define COPHUB_FIGURES_H

#include <stdint.h>

struct arena;
struct db;

enum figure {
	FIG_ANSWERS,      /* children's answers in the game */
	FIG_LEARNERS,     /* adults learning online (no dates: totals only) */
	FIG_CERTIFICATES, /* course certificates, not revoked */
	FIG_ATTENDED,     /* people who attended a face-to-face training */
	FIG_TRAINERS,     /* certified trainers */
	FIG_REACH,        /* attendances at trainings of the cascade's trainers */
	FIG_COUNT
};

/* A figure's name in the dashboards' JSON and CSV ("game_answers"). */
extern const char *const fig_keys[FIG_COUNT];

/* Children's counts under this are never shown. */
#define FIG_SMALL_COUNT 5

/* Over all time, per country: calls cb once for each country that has a
 * count (country "" or NULL: every country; else only that one).  The
 * figures come from the running totals kept as things happen (the
 * answers' play_totals, written with them; learn/totals.h), so this reads
 * a few rows whatever a country's size.
 * 0, or -1 when the database fails. */
int fig_totals(struct db *db, enum figure f, const char *country,
	       void (*cb)(void *ctx, const char *country, int64_t n), void *ctx);

/* A span of time, [from, to) in seconds UTC, and what it counted. */
struct fig_span {
	int64_t from, to;
	int64_t n;
};

/* The count of figure f in one country over each of the n spans, in
 * spans[i].n, with one query for them all: the rows are counted by their
 * day (an answer's day, a certificate's day of issue, a training's first
 * day, a trainer's day of certification).  Rows of deleted accounts are
 * gone, where the running totals of fig_totals() keep them.  0, or -1
 * when the database fails or f has no dates (FIG_LEARNERS). */
int fig_spans(struct db *db, enum figure f, const char *country, struct fig_span *spans, int n);

/* The languages in which every set of the guidelines is wholly published
 * (English always): their count, the codes in *codes (in arena a), or -1
 * when the database fails. */
int fig_guideline_languages(struct db *db, struct arena *a, const char ***codes);

#endif
