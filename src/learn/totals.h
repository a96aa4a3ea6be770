/*
 * totals.h: the running totals of a country's learning (learn_totals in
 * db/migrations/0008_trainings.sql), changed in the transaction of what
 * they count, so that a country report reads a few rows however many
 * learners and events the country has.
 */
#ifndef COPHUB_LEARN_TOTALS_H
#define COPHUB_LEARN_TOTALS_H

#include <stdint.h>

struct db;

/* Adds n (which may be negative) to a total.  course and audience may be
 * NULL or "" for a figure not kept per course or audience; nothing is
 * counted without a country (administrators belong to none).  0, or -1
 * when the database failed. */
int learn_total_add(struct db *db, const char *country, const char *course, const char *audience,
		    const char *metric, int64_t n);

/* The audience of an account ("" when it has none), for the totals. */
const char *learn_user_audience(struct db *db, int64_t user_id, char out[16]);

#endif
