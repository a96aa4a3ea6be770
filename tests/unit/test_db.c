/*
 * test_db.c: db/db.h on SQLite: every distinct statement the program
 * writes stays prepared per connection (the cache holds many more than
 * the routes use), and the 'n' binding writes NULL for 0.
 */
#include "unit.h"

#include "db/db.h"

#include <string.h>

static char dir[64];

static struct db *open_db(void)
{
	char url[128], err[256];
	struct db *db = NULL;
	snprintf(url, sizeof(url), "sqlite:%s/t.db", dir);
	assert_int_equal(db_open(url, &db, err, sizeof(err)), 0);
	return db;
}

/* 400 distinct statements, each prepared once and all usable again. */
static void test_many_statements(void **state)
{
	(void)state;
	struct db *db = open_db();
	static char sql[400][48];
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 400; i++) {
			snprintf(sql[i], sizeof(sql[i]), "SELECT %d + ?", i);
			struct db_stmt *st = db_q(db, sql[i], "i", (int64_t)1);
			assert_non_null(st);
			assert_int_equal(db_step(st), DB_ROW);
			assert_int_equal(db_int(st, 0), i + 1);
			db_done(st);
		}
	db_close(db);
}

static void test_null_id(void **state)
{
	(void)state;
	struct db *db = open_db();
	assert_int_equal(db_exec(db, "CREATE TABLE t (a BIGINT)"), 0);
	assert_int_equal(db_x(db, "INSERT INTO t (a) VALUES (?)", "n", (int64_t)0), DB_DONE);
	assert_int_equal(db_x(db, "INSERT INTO t (a) VALUES (?)", "n", (int64_t)7), DB_DONE);
	struct db_stmt *st = db_q(db, "SELECT COUNT(*), SUM(a) FROM t WHERE a IS NULL OR a = 7", "");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_int(st, 0), 2);
	assert_int_equal(db_int(st, 1), 7);
	db_done(st);
	db_close(db);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/cophub-db.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof(path), "%s/t.db", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.db-shm", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_many_statements, setup, teardown),
		cmocka_unit_test_setup_teardown(test_null_id, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
