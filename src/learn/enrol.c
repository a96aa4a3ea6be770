/*
 * enrol.c: a trainer or coordinator enrols people of their country in a
 * course (learn.h), by their usernames, all or none: when one name is
 * unknown, of another country or disabled, nobody is enrolled and the
 * page says which names were refused.
 */
#include "learn/common.h"
#include "learn/learn.h"
#include "content/learn.h"
#include "core/util.h"
#include "db/db.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/roles.h"

#include <ctype.h>
#include <string.h>

#define MAX_NAMES 200

/* Whether the signed-in person may enrol others: trainers and
 * coordinators of a country, administrators. */
bool learn_enrols_others(const struct req *r)
{
	return r->user && (r->user->role & (R_ADMIN | R_COORDINATOR | R_TRAINER));
}

/* Splits the typed names (lines, commas or spaces) into names[]; the
 * count, or -1 when there are too many. */
static int split_names(struct req *r, const char *in, const char **names)
{
	int n = 0;
	const char *p = in ? in : "";
	while (*p) {
		while (*p && (isspace((unsigned char)*p) || *p == ','))
			p++;
		const char *s = p;
		while (*p && !isspace((unsigned char)*p) && *p != ',')
			p++;
		if (p == s)
			break;
		if (n == MAX_NAMES)
			return -1;
		char *name = arena_alloc(&r->arena, (size_t)(p - s) + 1);
		username_clean(arena_strndup(&r->arena, s, (size_t)(p - s)), name, (size_t)(p - s) + 1);
		names[n++] = name;
	}
	return n;
}

/* POST /learn/:course/enrol-others (usernames) */
int learn_enrol_others(struct req *r)
{
	const struct course *c = learn_course_of_path(r);
	if (!c)
		return page_error(r, 404, N_("There is no such course."));
	if (!learn_enrols_others(r))
		return page_error(r, 403, N_("Only trainers and coordinators can enrol other people."));
	const char **names = arena_alloc(&r->arena, MAX_NAMES * sizeof(*names));
	int n = split_names(r, req_form(r, "usernames"), names);
	if (n < 0)
		return page_error(r, 400, N_("Enrol at most 200 people at a time."));
	if (n == 0)
		return page_error(r, 400, N_("Write the usernames of the people to enrol."));
	int64_t *ids = arena_alloc(&r->arena, (size_t)n * sizeof(*ids));
	const char **countries = arena_alloc(&r->arena, (size_t)n * sizeof(*countries));
	const char *refused = NULL;
	for (int i = 0; i < n; i++) {
		struct user u;
		int rc = user_by_name(req_db(r), names[i], &u, NULL, 0);
		if (rc < 0)
			return 500;
		bool ok = rc == 1 && !u.disabled && u.role != R_ADMIN &&
			  (r->user->role == R_ADMIN || str_eq(u.country, r->user->country));
		if (!ok) {
			refused = refused ? arena_printf(&r->arena, "%s, %s", refused, names[i])
					  : names[i];
			continue;
		}
		ids[i] = u.id;
		countries[i] = arena_strdup(&r->arena, u.country);
	}
	if (refused) {
		json_t *d = page_data(r, N_("Enrol people"));
		r->status = 400;
		json_object_set_new(d, "message",
				    jstr(tr(r, N_("Nobody was enrolled. These usernames are not "
						  "accounts of your country:"))));
		json_object_set_new(d, "names", jstr(refused));
		json_object_set_new(d, "course_id", jstr(c->id));
		return page_render(r, "learn/enrol-refused", d);
	}
	int added = 0;
	for (int i = 0; i < n; i++) {
		int rc = learn_enrol_user(req_db(r), ids[i], countries[i], c, r->user->id);
		if (rc < 0)
			return 500;
		added += rc;
	}
	audit(req_db(r), r->user, r->user->country[0] ? r->user->country : NULL, "enrolled_others",
	      arena_printf(&r->arena, "%s:%d", c->id, added));
	resp_redirect(r, 303, arena_printf(&r->arena, "/learn/%s?enrolled=%d", c->id, added));
	return 0;
}
