/*
 * roles.h: the roles of DESIGN.md as bits, so a route can name the set of
 * roles it admits in one word.  R_ANON is a visitor who is not signed in.
 * Every role except admin is scoped to one country.
 */
#ifndef COPHUB_ROLES_H
#define COPHUB_ROLES_H

#include <stdbool.h>

enum {
	R_ANON = 1u << 0,
	R_ADMIN = 1u << 1,
	R_COORDINATOR = 1u << 2,
	R_TRAINER = 1u << 3,
	R_TRANSLATOR = 1u << 4,
	R_REVIEWER = 1u << 5,
	R_VALIDATOR = 1u << 6,
	R_MODERATOR = 1u << 7,
	R_LEARNER = 1u << 8,
};

#define R_USER (R_ADMIN | R_COORDINATOR | R_TRAINER | R_TRANSLATOR | R_REVIEWER | R_VALIDATOR | \
		R_MODERATOR | R_LEARNER)
#define R_ANY (R_ANON | R_USER)
#define R_MANAGERS (R_ADMIN | R_COORDINATOR)

/* The role's bit for its name ("coordinator"), or 0. */
unsigned role_from_name(const char *name);
/* The name of a single role bit, or NULL. */
const char *role_name(unsigned bit);
/* The role's name for people, marked for translation (N_). */
const char *role_label(unsigned bit);
/* Roles a coordinator may give to accounts of their own country. */
bool role_coordinator_may_grant(unsigned bit);
/* Every role, in the order forms list them. */
extern const unsigned role_all[8];

#endif
