/*
 * cascade.h: the train-the-trainer path and its cascade (the table
 * cascade of db/migrations/0008_trainings.sql).
 *
 * The path has three phases: (1) the trainers' online course completed,
 * (2) a train-the-trainer session ("tot") attended, (3) one supervised
 * delivery of the candidate's own training with at least five attending,
 * confirmed by a trainer or coordinator of the country.  Then the person
 * is certified: a node of the cascade under whoever ran the session of
 * phase 2, and a trainer (the role) who may schedule trainings.
 *
 * The totals of every node are kept as things happen: its own reach, the
 * reach of every trainer below it, how many trainers are below it.  A
 * country's cascade is a few rows to read whatever its size.
 */
#ifndef COPHUB_LEARN_CASCADE_H
#define COPHUB_LEARN_CASCADE_H

#include <stdbool.h>
#include <stdint.h>

struct db;

#define SUPERVISED_MIN_ATTENDEES 5

/* Makes the person a root of the country's cascade if they are not yet a
 * node (trainers given the role directly, coordinators).  0 or -1. */
int cascade_root(struct db *db, int64_t user_id, const char *country);

/* Counts delta more (or fewer) people reached by a training of user_id,
 * for its node and every node above it, and in the country's totals by
 * audience.  0 or -1. */
int cascade_reach(struct db *db, int64_t user_id, const char *country, const char *audience,
		  int64_t delta);

/* Where a person is on the path. */
struct path {
	bool course_done;        /* phase 1 */
	int64_t tot_training;    /* phase 2: the session attended, 0 if none */
	int64_t tot_trainer;     /* who ran it: the parent in the cascade */
	int64_t supervised;      /* phase 3: their supervised training, 0 if none */
	int supervised_attendees;
	bool supervised_confirmed;
	bool certified;
	int64_t certified_at;
};

/* Reads the path of a person: 0, or -1 when the database failed.
 * trainers_course is the id of the trainers' online course. */
int path_of(struct db *db, int64_t user_id, const char *trainers_course, struct path *p);

/* Certifies a person whose three phases are done: their node under the
 * trainer of their phase 2, the totals above it, the trainer role.  1
 * when certified now, 0 when they were already, -1 on error. */
int cascade_certify(struct db *db, int64_t user_id, const char *country, const struct path *p);

#endif
