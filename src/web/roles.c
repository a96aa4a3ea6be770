/*
 * roles.c: names of the roles (roles.h).
 */
#include "web/roles.h"
#include "web/i18n.h"
#include "core/util.h"

static const struct {
	unsigned bit;
	const char *name;
	const char *label;
} roles[] = {
	{R_ADMIN, "admin", N_("Administrator")},
	{R_COORDINATOR, "coordinator", N_("National coordinator")},
	{R_TRAINER, "trainer", N_("Trainer")},
	{R_TRANSLATOR, "translator", N_("Translator")},
	{R_REVIEWER, "reviewer", N_("Reviewer")},
	{R_VALIDATOR, "validator", N_("Validator")},
	{R_MODERATOR, "moderator", N_("Moderator")},
	{R_LEARNER, "learner", N_("Learner")},
};

const unsigned role_all[8] = {R_ADMIN,	   R_COORDINATOR, R_TRAINER,   R_TRANSLATOR,
			      R_REVIEWER, R_VALIDATOR,	 R_MODERATOR, R_LEARNER};

unsigned role_from_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(roles); i++)
		if (str_eq(roles[i].name, name))
			return roles[i].bit;
	return 0;
}

const char *role_name(unsigned bit)
{
	for (size_t i = 0; i < ARRAY_LEN(roles); i++)
		if (roles[i].bit == bit)
			return roles[i].name;
	return NULL;
}

const char *role_label(unsigned bit)
{
	for (size_t i = 0; i < ARRAY_LEN(roles); i++)
		if (roles[i].bit == bit)
			return roles[i].label;
	return "";
}

bool role_coordinator_may_grant(unsigned bit)
{
	return bit == R_TRAINER || bit == R_TRANSLATOR || bit == R_REVIEWER ||
	       bit == R_MODERATOR || bit == R_LEARNER;
}
