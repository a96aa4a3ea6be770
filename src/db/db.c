/*
 * db.c: the backend-independent half of db.h: statement cache, binding,
 * transactions, and the per-thread connection pool.
 */
#include "db/dbInt.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static atomic_uint_fast64_t db_errors;
static atomic_uint_fast64_t local_generation;

uint64_t db_local_generation(void)
{
	return atomic_load(&local_generation);
}

void db_count_error(void)
{
	atomic_fetch_add(&db_errors, 1);
}

uint64_t db_error_count(void)
{
	return atomic_load(&db_errors);
}

int db_open(const char *url, struct db **out, char *err, size_t errlen)
{
	struct db *db = xcalloc(1, sizeof(*db));
	int rc;

	if (str_starts(url, "sqlite:")) {
		db->kind = DB_SQLITE;
		db->ops = &db_sqlite_ops;
		rc = db_sqlite_open(url + 7, db, err, errlen);
	} else if (str_starts(url, "postgresql://") || str_starts(url, "postgres://")) {
		db->kind = DB_POSTGRES;
		db->ops = &db_postgres_ops;
		rc = db_postgres_open(url, db, err, errlen);
	} else {
		snprintf(err, errlen, "unknown database URL (use sqlite:PATH or postgresql://...)");
		rc = -1;
	}
	if (rc < 0) {
		free(db);
		return -1;
	}
	*out = db;
	return 0;
}

void db_cache_clear(struct db *db)
{
	memset(db->memo_sql, 0, sizeof(db->memo_sql));
	memset(db->memo_st, 0, sizeof(db->memo_st));
	for (size_t i = 0; i < DB_STMT_CACHE; i++) {
		struct db_stmt *st = db->cache[i];
		if (!st)
			continue;
		db->ops->finalize(st);
		for (int k = 0; k < DB_MAX_PARAMS; k++)
			free(st->params[k]);
		free((char *)st->sql);
		free(st);
		db->cache[i] = NULL;
	}
}

void db_close(struct db *db)
{
	if (!db)
		return;
	db_cache_clear(db);
	db->ops->close(db);
	free(db);
}

enum db_kind db_kind(const struct db *db)
{
	return db->kind;
}

const char *db_errmsg(struct db *db)
{
	return db->ops->errmsg(db);
}

static unsigned sql_hash(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Finds the cached statement for sql, preparing it on first use.  A
 * statement still busy (used re-entrantly) gets a fresh uncached one. */
static struct db_stmt *stmt_find(struct db *db, const char *sql);

static struct db_stmt *stmt_get(struct db *db, const char *sql)
{
	size_t m = ((uintptr_t)sql >> 3) % DB_STMT_CACHE;
	struct db_stmt *st = db->memo_st[m];
	if (st && db->memo_sql[m] == sql && strcmp(st->sql, sql) == 0) {
		if (st->busy) {
			log_error("db: statement used while busy: %s", sql);
			return NULL;
		}
		return st;
	}
	st = stmt_find(db, sql);
	if (st) {
		db->memo_sql[m] = sql;
		db->memo_st[m] = st;
	}
	return st;
}

static struct db_stmt *stmt_find(struct db *db, const char *sql)
{
	unsigned h = sql_hash(sql) % DB_STMT_CACHE;
	struct db_stmt *st;

	for (unsigned i = 0; i < DB_STMT_CACHE; i++) {
		unsigned slot = (h + i) % DB_STMT_CACHE;
		st = db->cache[slot];
		if (!st)
			break;
		if (strcmp(st->sql, sql) == 0) {
			if (st->busy) {
				log_error("db: statement used while busy: %s", sql);
				return NULL;
			}
			return st;
		}
	}
	st = xcalloc(1, sizeof(*st));
	st->db = db;
	st->sql = xstrdup(sql);
	st->id = ++db->next_id;
	if (db->ops->prepare(db, st) < 0) {
		db_count_error();
		log_error("db: prepare failed: %s; sql: %s", db_errmsg(db), sql);
		free((char *)st->sql);
		free(st);
		return NULL;
	}
	for (unsigned i = 0; i < DB_STMT_CACHE; i++) {
		unsigned slot = (h + i) % DB_STMT_CACHE;
		if (!db->cache[slot]) {
			db->cache[slot] = st;
			return st;
		}
	}
	/* Cache full: a program with more than DB_STMT_CACHE distinct
	 * statements per connection is a bug worth hearing about. */
	log_error("db: statement cache full");
	db->ops->finalize(st);
	free((char *)st->sql);
	free(st);
	return NULL;
}

static struct db_stmt *stmt_vbind(struct db *db, const char *sql, const char *types,
				  va_list ap)
{
	struct db_stmt *st = stmt_get(db, sql);
	if (!st)
		return NULL;
	st->busy = true;
	int idx = 1;
	for (const char *t = types; t && *t; t++, idx++) {
		if (*t == 'i') {
			db->ops->bind_int(st, idx, va_arg(ap, int64_t));
		} else if (*t == 'n') {
			int64_t v = va_arg(ap, int64_t);
			if (v)
				db->ops->bind_int(st, idx, v);
			else
				db->ops->bind_text(st, idx, NULL);
		} else if (*t == 'b') {
			const void *p = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			db->ops->bind_blob(st, idx, p, n);
		} else
			db->ops->bind_text(st, idx, va_arg(ap, const char *));
	}
	return st;
}

struct db_stmt *db_q(struct db *db, const char *sql, const char *types, ...)
{
	/* a connection known to be broken reconnects before its statements
	 * are looked up (the reconnect forgets them) */
	if (db->broken && !db->ops->healthy(db))
		return NULL;
	va_list ap;
	va_start(ap, types);
	struct db_stmt *st = stmt_vbind(db, sql, types, ap);
	va_end(ap);
	return st;
}

int64_t db_insert_id(struct db *db, const char *sql, const char *types, ...)
{
	if (db->broken && !db->ops->healthy(db))
		return 0;
	va_list ap;
	va_start(ap, types);
	struct db_stmt *st = stmt_vbind(db, sql, types, ap);
	va_end(ap);
	if (!st)
		return 0;
	int rc = db_step(st);
	int64_t id = rc == DB_ROW ? db_int(st, 0) : 0;
	while (rc == DB_ROW)
		rc = db_step(st);
	db_done(st);
	return rc == DB_DONE ? id : 0;
}

#ifdef COPHUB_FAULTS
/* Fault injection, compiled only into the test builds (make asan): when
 * COPHUB_FAIL_SQL is set, a statement whose text contains it fails as if
 * the database had refused it, so the tests can show that a request
 * failing halfway writes nothing. */
static bool injected_failure(const struct db_stmt *st)
{
	const char *needle = getenv("COPHUB_FAIL_SQL");
	return needle && *needle && strstr(st->sql, needle);
}
#endif

int db_step(struct db_stmt *st)
{
#ifdef COPHUB_FAULTS
	if (injected_failure(st)) {
		db_count_error();
		log_error("db: injected failure; sql: %s", st->sql);
		return DB_ERROR;
	}
#endif
	int rc = st->db->ops->step(st);
	if (rc < 0) {
		db_count_error();
		if (rc == DB_ERROR)
			log_error("db: %s; sql: %s", db_errmsg(st->db), st->sql);
	}
	return rc;
}

int64_t db_int(struct db_stmt *st, int col)
{
	return st->db->ops->col_int(st, col);
}

const char *db_text(struct db_stmt *st, int col)
{
	return st->db->ops->col_text(st, col);
}

const void *db_blob(struct db_stmt *st, int col, size_t *len)
{
	return st->db->ops->col_blob(st, col, len);
}

bool db_null(struct db_stmt *st, int col)
{
	return st->db->ops->col_null(st, col);
}

void db_done(struct db_stmt *st)
{
	if (!st)
		return;
	st->db->ops->reset(st);
	st->busy = false;
}

int db_x(struct db *db, const char *sql, const char *types, ...)
{
	if (db->broken && !db->ops->healthy(db))
		return DB_ERROR;
	va_list ap;
	va_start(ap, types);
	struct db_stmt *st = stmt_vbind(db, sql, types, ap);
	va_end(ap);
	if (!st)
		return DB_ERROR;
	int rc;
	do
		rc = db_step(st);
	while (rc == DB_ROW);
	db_done(st);
	if (rc == DB_DONE && !db->depth)
		atomic_fetch_add(&local_generation, 1); /* after the write is committed */
	return rc;
}

int64_t db_changes(struct db *db)
{
	return db->changes;
}

int db_exec(struct db *db, const char *sql)
{
	int rc = db->ops->exec(db, sql);
	if (rc < 0)
		db_count_error();
	return rc;
}

int db_begin(struct db *db, bool write)
{
	const char *sql = "BEGIN";
	if (write && db->kind == DB_SQLITE)
		sql = "BEGIN IMMEDIATE";
	if (db->depth) {
		log_error("db: nested transaction");
		return DB_ERROR;
	}
	if (db_exec(db, sql) < 0) {
		log_error("db: %s failed: %s", sql, db_errmsg(db));
		return DB_ERROR;
	}
	db->depth = 1;
	db->writing = write;
	return DB_OK;
}

int db_commit(struct db *db)
{
	if (!db->depth)
		return DB_OK;
	int rc = db_exec(db, "COMMIT");
	if (rc < 0) {
		log_error("db: COMMIT failed: %s", db_errmsg(db));
		db_exec(db, "ROLLBACK");
	}
	db->depth = 0;
	/* after the commit, never before: a reader that saw the old number
	 * read the old data, and will look again */
	atomic_fetch_add(&local_generation, 1);
	return rc < 0 ? DB_ERROR : DB_OK;
}

int db_rollback(struct db *db)
{
	if (!db->depth)
		return DB_OK;
	db->depth = 0;
	return db_exec(db, "ROLLBACK") < 0 ? DB_ERROR : DB_OK;
}

int db_savepoint(struct db *db)
{
	if (!db->depth || db->kind != DB_POSTGRES)
		return DB_OK;
	return db_exec(db, "SAVEPOINT expected") < 0 ? DB_ERROR : DB_OK;
}

void db_savepoint_end(struct db *db, int rc)
{
	if (!db->depth || db->kind != DB_POSTGRES)
		return;
	if (rc == DB_CONSTRAINT)
		db_exec(db, "ROLLBACK TO SAVEPOINT expected");
	if (rc == DB_CONSTRAINT || rc == DB_DONE || rc == DB_ROW || rc == DB_OK)
		db_exec(db, "RELEASE SAVEPOINT expected");
}

bool db_in_transaction(const struct db *db)
{
	return db->depth != 0;
}

int db_change_stamp(struct db *db, uint64_t *stamp)
{
	return db->ops->change_stamp ? db->ops->change_stamp(db, stamp) : -1;
}

bool db_ping(struct db *db)
{
	/* Twice: after a database restart the first query on an old
	 * connection fails, and only then does libpq know to reconnect. */
	for (int attempt = 0; attempt < 2; attempt++) {
		if (!db->ops->healthy(db))
			return false;
		/* a real table, so a missing or unreadable database file shows */
		struct db_stmt *st = db_q(db, "SELECT 1 FROM settings LIMIT 1", "");
		if (!st)
			continue;
		int rc = db_step(st);
		db_done(st);
		if (rc == DB_ROW || rc == DB_DONE)
			return true;
	}
	return false;
}

/* The per-thread pool.  Connections are registered so shutdown can close
 * them all after the worker threads have stopped. */
static char *pool_url;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db *pool_all[1024];
static size_t pool_count;
static _Thread_local struct db *thread_db;

int db_pool_init(const char *url)
{
	free(pool_url);
	pool_url = xstrdup(url);
	return 0;
}

struct db *db_thread(void)
{
	char err[512];
	struct db *db;

	if (thread_db)
		return thread_db;
	if (db_open(pool_url, &db, err, sizeof(err)) < 0) {
		db_count_error();
		log_error("db: cannot connect: %s", err);
		return NULL;
	}
	pthread_mutex_lock(&pool_lock);
	if (pool_count < ARRAY_LEN(pool_all)) {
		pool_all[pool_count++] = db;
		thread_db = db;
	}
	pthread_mutex_unlock(&pool_lock);
	if (!thread_db) {
		log_error("db: too many threads");
		db_close(db);
	}
	return thread_db;
}

void db_pool_close_all(void)
{
	pthread_mutex_lock(&pool_lock);
	for (size_t i = 0; i < pool_count; i++)
		db_close(pool_all[i]);
	pool_count = 0;
	pthread_mutex_unlock(&pool_lock);
	thread_db = NULL;
	free(pool_url);
	pool_url = NULL;
}
