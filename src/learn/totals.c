/*
 * totals.c: the running totals of a country's learning (totals.h).
 */
#include "learn/totals.h"
#include "core/util.h"
#include "db/db.h"

#include <string.h>

int learn_total_add(struct db *db, const char *country, const char *course, const char *audience,
		    const char *metric, int64_t n)
{
	if (!country || !*country || n == 0)
		return 0;
	return db_x(db,
		    "INSERT INTO learn_totals (country, course, audience, metric, n) VALUES (?, ?, ?, "
		    "?, ?) ON CONFLICT (country, course, audience, metric) DO UPDATE SET n = "
		    "learn_totals.n + excluded.n",
		    "tttti", country, course ? course : "", audience ? audience : "", metric, n) ==
			       DB_DONE
		       ? 0
		       : -1;
}

const char *learn_user_audience(struct db *db, int64_t user_id, char out[16])
{
	out[0] = '\0';
	struct db_stmt *st = db_q(db, "SELECT audience FROM users WHERE id = ?", "i", user_id);
	if (!st)
		return out;
	if (db_step(st) == DB_ROW && !db_null(st, 0))
		str_copy(out, 16, db_text(st, 0));
	db_done(st);
	return out;
}
