/*
 * test_figures.c: the periods of a plan's computed indicators
 * (policy/computed.c, included for its static functions) and the
 * counting of a figure over spans of time (dashboard/figures.h) on
 * SQLite: a row on a span's first day counts, one on the day it ends
 * does not, and one query fills every span.
 */
#include "unit.h"

#include "policy/computed.c"

static char dir[64];

static int64_t day(int y, int m, int d)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	return (int64_t)timegm(&tm);
}

static void test_periods(void **state)
{
	(void)state;
	struct period p[PERIODS_MAX];
	/* a plan from mid-February 2025 to today in November 2026 */
	int n = periods_of("year", day(2025, 2, 14), day(2026, 11, 5), p, PERIODS_MAX);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].name, "2025");
	assert_string_equal(p[1].name, "2026");
	assert_true(p[0].span.from == day(2025, 1, 1) && p[0].span.to == day(2026, 1, 1));
	n = periods_of("quarter", day(2025, 2, 14), day(2026, 11, 5), p, PERIODS_MAX);
	assert_int_equal(n, 8);
	assert_string_equal(p[0].name, "2025-Q1");
	assert_string_equal(p[7].name, "2026-Q4");
	assert_true(p[3].span.from == day(2025, 10, 1) && p[3].span.to == day(2026, 1, 1));
	n = periods_of("month", day(2025, 12, 31), day(2026, 2, 1), p, PERIODS_MAX);
	assert_int_equal(n, 3);
	assert_string_equal(p[0].name, "2025-12");
	assert_string_equal(p[2].name, "2026-02");
	assert_true(p[1].span.from == day(2026, 1, 1) && p[1].span.to == day(2026, 2, 1));
	/* a plan not begun: none; a very long one: the latest kept */
	assert_int_equal(periods_of("year", day(2030, 1, 1), day(2026, 1, 1), p, PERIODS_MAX), 0);
	n = periods_of("month", day(2000, 1, 1), day(2026, 11, 5), p, 12);
	assert_int_equal(n, 12);
	assert_string_equal(p[0].name, "2025-12");
	assert_string_equal(p[11].name, "2026-11");
}

static void test_spans(void **state)
{
	(void)state;
	char url[128], err[256];
	struct db *db = NULL;
	snprintf(url, sizeof(url), "sqlite:%s/t.db", dir);
	assert_int_equal(db_open(url, &db, err, sizeof(err)), 0);
	assert_int_equal(db_exec(db, "CREATE TABLE play_events (day TEXT, country TEXT)"), 0);
	assert_int_equal(db_exec(db, "CREATE TABLE cascade (user_id BIGINT, country TEXT, "
				     "certified_at BIGINT)"),
			 0);
	assert_int_equal(db_exec(db, "INSERT INTO play_events VALUES ('2025-12-31', 'KE'), "
				     "('2026-01-01', 'KE'), ('2026-01-01', 'KE'), ('2026-03-31', 'KE'), "
				     "('2026-04-01', 'KE'), ('2026-02-02', 'FR')"),
			 0);
	struct fig_span s[3] = {{day(2026, 1, 1), day(2026, 4, 1), -1},
				{day(2026, 4, 1), day(2026, 7, 1), -1},
				{day(2025, 1, 1), day(2027, 1, 1), -1}};
	assert_int_equal(fig_spans(db, FIG_ANSWERS, "KE", s, 3), 0);
	assert_int_equal(s[0].n, 3);
	assert_int_equal(s[1].n, 1);
	assert_int_equal(s[2].n, 5);
	/* seconds, by day: the last second of a span is in it */
	int64_t at[] = {day(2026, 3, 31) + 86399, day(2026, 4, 1), day(2024, 6, 1)};
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(db_x(db, "INSERT INTO cascade VALUES (?, 'KE', ?)", "ii",
				      (int64_t)i + 1, at[i]),
				 DB_DONE);
	assert_int_equal(fig_spans(db, FIG_TRAINERS, "KE", s, 3), 0);
	assert_int_equal(s[0].n, 1);
	assert_int_equal(s[1].n, 1);
	assert_int_equal(s[2].n, 2);
	/* no dates, no spans */
	assert_int_equal(fig_spans(db, FIG_LEARNERS, "KE", s, 3), -1);
	db_close(db);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/cophub-figures.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	static const char *const files[] = {"t.db", "t.db-wal", "t.db-shm"};
	char path[128];
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_spans),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
