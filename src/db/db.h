/*
 * db.h: the storage interface every module uses, with two backends:
 * SQLite (embedded, the default) and PostgreSQL (libpq).
 *
 * SQL is written once, with `?` placeholders, in the subset both engines
 * speak; the PostgreSQL backend numbers the placeholders.  Statements are
 * prepared once per connection and cached by their SQL text.  Each worker
 * thread has a connection of its own (db_thread()).
 *
 * A statement is used as: db_q() (prepare and bind), db_step() until it
 * returns DB_DONE, reading columns while it returns DB_ROW, then
 * db_done() (always, also after an error).  Text returned by db_text()
 * stays valid until the next db_step() or db_done() on that statement.
 */
#ifndef COPHUB_DB_H
#define COPHUB_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum db_kind { DB_SQLITE, DB_POSTGRES };

enum db_result {
	DB_OK = 0,
	DB_ROW = 1,
	DB_DONE = 2,
	DB_ERROR = -1,
	DB_CONSTRAINT = -2, /* a UNIQUE, FOREIGN KEY or CHECK constraint refused */
};

struct db;
struct db_stmt;

/* Opens a connection for "sqlite:PATH" or a libpq URI. */
int db_open(const char *url, struct db **out, char *err, size_t errlen);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);
const char *db_errmsg(struct db *db);

/* Prepares (or takes from the cache) and binds the parameters named by
 * `types`: 't' a const char * (NULL binds SQL NULL), 'i' an int64_t, 'n'
 * an int64_t id where 0 binds SQL NULL, 'b' bytes as two arguments, a
 * const void * and its size_t length (a column of type @blob).
 * Returns NULL on error, after logging it. */
struct db_stmt *db_q(struct db *db, const char *sql, const char *types, ...);
int db_step(struct db_stmt *st);
int64_t db_int(struct db_stmt *st, int col);
const char *db_text(struct db_stmt *st, int col); /* NULL for SQL NULL */
/* A column of bytes and its length; valid until the next call on st. */
const void *db_blob(struct db_stmt *st, int col, size_t *len);
bool db_null(struct db_stmt *st, int col);
void db_done(struct db_stmt *st);

/* Runs an INSERT ... RETURNING id: the new row's id, or 0 when it failed
 * (logged). */
int64_t db_insert_id(struct db *db, const char *sql, const char *types, ...);

/* Runs a statement that returns no rows (or ignores them): DB_DONE,
 * DB_CONSTRAINT or DB_ERROR. */
int db_x(struct db *db, const char *sql, const char *types, ...);
/* Rows changed by the last db_x() or statement run to DB_DONE. */
int64_t db_changes(struct db *db);

/* Runs SQL text without parameters, possibly several statements (SQLite)
 * or one (PostgreSQL); used by migrations. */
int db_exec(struct db *db, const char *sql);

/* Transactions.  db_begin(db, true) takes the write lock at once on
 * SQLite (BEGIN IMMEDIATE), so concurrent writers wait instead of
 * failing halfway. */
int db_begin(struct db *db, bool write);
int db_commit(struct db *db);
int db_rollback(struct db *db);
bool db_in_transaction(const struct db *db);

/* Around a statement whose constraint failure is an expected answer (a
 * name already taken): PostgreSQL spoils the whole transaction when a
 * statement fails, so inside one the statement runs under a savepoint,
 * rolled back to when it ends with DB_CONSTRAINT.  SQLite undoes only the
 * failed statement by itself; there both do nothing.
 *     if (db_savepoint(db) < 0) ...; rc = db_x(db, ...); db_savepoint_end(db, rc); */
int db_savepoint(struct db *db);
void db_savepoint_end(struct db *db, int rc);

/* A number that grows after every write this process commits (write
 * transactions, and writes outside a transaction through db_x). */
uint64_t db_local_generation(void);

/* Changes committed by other processes: 0 and a number that changes with
 * them on SQLite (PRAGMA data_version: one read transaction); -1 on
 * PostgreSQL, which has no such cheap signal. */
int db_change_stamp(struct db *db, uint64_t *stamp);

/* True when the database answers a trivial query. */
bool db_ping(struct db *db);

/* One connection per thread, opened on first use from the URL given to
 * db_pool_init().  Returns NULL (logged) when the database is down. */
int db_pool_init(const char *url);
struct db *db_thread(void);
void db_pool_close_all(void);

/* Database errors since start, for /metrics. */
uint64_t db_error_count(void);

/* Applies the numbered migrations in DIR that are not yet recorded, each
 * in its own transaction.  Returns 0, or -1 with "FILE:LINE: reason". */
int db_migrate(struct db *db, const char *dir, bool verbose, char *err, size_t errlen);

/* How many migrations in DIR are not applied; -1 with a reason on error. */
int db_migrations_pending(struct db *db, const char *dir, char *err, size_t errlen);

#endif
