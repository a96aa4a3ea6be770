/*
 * sqlite.c: the SQLite backend.  WAL journal, foreign keys on, a busy
 * timeout so concurrent writers wait rather than fail, synchronous=FULL
 * so an acknowledged commit survives a power cut.
 */
#include "db/dbInt.h"
#include "core/util.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static const char *sq_errmsg(struct db *db)
{
	if (db->err[0])
		return db->err;
	return sqlite3_errmsg(db->handle);
}

/* SQLite counts its memory use under a global mutex unless told not to;
 * cophub never reads those counts. */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

static void sqlite_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int db_sqlite_open(const char *path, struct db *db, char *err, size_t errlen)
{
	sqlite3 *h = NULL;
	pthread_once(&sqlite_once, sqlite_configure);
	int rc = sqlite3_open_v2(path, &h,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close(h);
		return -1;
	}
	sqlite3_busy_timeout(h, 5000);
	sqlite3_extended_result_codes(h, 1);
	const char *pragmas = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
			      "PRAGMA synchronous=FULL;";
	char *msg = NULL;
	if (sqlite3_exec(h, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, msg ? msg : "cannot set pragmas");
		sqlite3_free(msg);
		sqlite3_close(h);
		return -1;
	}
	db->handle = h;
	return 0;
}

static int sq_prepare(struct db *db, struct db_stmt *st)
{
	sqlite3_stmt *s = NULL;
	db->err[0] = '\0';
	if (sqlite3_prepare_v3(db->handle, st->sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) !=
	    SQLITE_OK)
		return -1;
	st->handle = s;
	return 0;
}

static void sq_finalize(struct db_stmt *st)
{
	sqlite3_finalize(st->handle);
	st->handle = NULL;
}

static void sq_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	sqlite3_bind_int64(st->handle, idx, v);
}

static void sq_bind_text(struct db_stmt *st, int idx, const char *s)
{
	if (s)
		sqlite3_bind_text(st->handle, idx, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st->handle, idx);
}

static void sq_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
	/* an empty blob is still a blob, not NULL */
	sqlite3_bind_blob64(st->handle, idx, n ? p : "", (sqlite3_uint64)n, SQLITE_TRANSIENT);
}

static int sq_step(struct db_stmt *st)
{
	st->db->err[0] = '\0';
	int rc = sqlite3_step(st->handle);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE) {
		st->db->changes = sqlite3_changes64(st->db->handle);
		return DB_DONE;
	}
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return DB_CONSTRAINT;
	return DB_ERROR;
}

static int64_t sq_col_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->handle, col);
}

static const char *sq_col_text(struct db_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st->handle, col);
}

static const void *sq_col_blob(struct db_stmt *st, int col, size_t *n)
{
	const void *p = sqlite3_column_blob(st->handle, col);
	*n = (size_t)sqlite3_column_bytes(st->handle, col);
	return p;
}

static bool sq_col_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->handle, col) == SQLITE_NULL;
}

static void sq_reset(struct db_stmt *st)
{
	sqlite3_reset(st->handle);
	sqlite3_clear_bindings(st->handle);
}

static int sq_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	db->err[0] = '\0';
	if (sqlite3_exec(db->handle, sql, NULL, NULL, &msg) != SQLITE_OK) {
		str_copy(db->err, sizeof(db->err), msg ? msg : "error");
		sqlite3_free(msg);
		return DB_ERROR;
	}
	db->changes = sqlite3_changes64(db->handle);
	return DB_OK;
}

static void sq_close(struct db *db)
{
	sqlite3_close(db->handle);
}

static bool sq_healthy(struct db *db)
{
	(void)db;
	return true;
}

/* PRAGMA data_version changes when another connection commits; this
 * connection's own writes show in its total_changes. */
static int sq_change_stamp(struct db *db, uint64_t *stamp)
{
	struct db_stmt *st = db_q(db, "PRAGMA data_version", "");
	if (!st)
		return -1;
	int rc = db_step(st);
	uint64_t v = rc == DB_ROW ? (uint64_t)db_int(st, 0) : 0;
	db_done(st);
	if (rc != DB_ROW)
		return -1;
	*stamp = (v << 32) ^ (uint64_t)sqlite3_total_changes64(db->handle);
	return 0;
}

const struct db_ops db_sqlite_ops = {
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.bind_int = sq_bind_int,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.step = sq_step,
	.col_int = sq_col_int,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.col_null = sq_col_null,
	.reset = sq_reset,
	.exec = sq_exec,
	.close = sq_close,
	.errmsg = sq_errmsg,
	.healthy = sq_healthy,
	.change_stamp = sq_change_stamp,
};
