/*
 * dbInt.h: what the two backends implement, and the parts of a
 * statement shared between them.  Private to src/db.
 */
#ifndef COPHUB_DB_INT_H
#define COPHUB_DB_INT_H

#include "db/db.h"

#define DB_MAX_PARAMS 32
#define DB_STMT_CACHE 512

struct db_ops {
	int (*prepare)(struct db *db, struct db_stmt *st);
	void (*finalize)(struct db_stmt *st);
	void (*bind_int)(struct db_stmt *st, int idx, int64_t v);
	void (*bind_text)(struct db_stmt *st, int idx, const char *s);
	void (*bind_blob)(struct db_stmt *st, int idx, const void *p, size_t n);
	int (*step)(struct db_stmt *st);
	int64_t (*col_int)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col);
	const void *(*col_blob)(struct db_stmt *st, int col, size_t *n);
	bool (*col_null)(struct db_stmt *st, int col);
	void (*reset)(struct db_stmt *st);
	int (*exec)(struct db *db, const char *sql);
	void (*close)(struct db *db);
	const char *(*errmsg)(struct db *db);
	bool (*healthy)(struct db *db);
	int (*change_stamp)(struct db *db, uint64_t *stamp);
};

struct db_stmt {
	struct db *db;
	const char *sql;  /* owned copy */
	unsigned id;      /* PostgreSQL statement name s<id> */
	bool busy;        /* between db_q and db_done */
	void *handle;     /* sqlite3_stmt * */
	void *result;     /* PGresult * */
	int row, nrows;
	int nparams;
	char *params[DB_MAX_PARAMS];  /* PostgreSQL: owned text values, or bytes */
	int lengths[DB_MAX_PARAMS];   /* PostgreSQL: a parameter's length in bytes */
	int formats[DB_MAX_PARAMS];   /* PostgreSQL: 1 for bytes, 0 for text */
	unsigned char *blob;          /* PostgreSQL: the last column read as bytes */
};

struct db {
	enum db_kind kind;
	const struct db_ops *ops;
	void *handle;         /* sqlite3 * or PGconn * */
	struct db_stmt *cache[DB_STMT_CACHE];
	/* The statement last found for an SQL text at a given address: SQL
	 * is almost always a string literal, so most lookups end with one
	 * pointer and one strcmp instead of hashing the text. */
	const char *memo_sql[DB_STMT_CACHE];
	struct db_stmt *memo_st[DB_STMT_CACHE];
	unsigned next_id;
	int depth;            /* transaction open */
	bool broken;          /* the server went away: reconnect before the next query */
	bool writing;         /* the open transaction was begun for writing */
	int64_t changes;
	char err[512];
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_postgres_ops;

int db_sqlite_open(const char *path, struct db *db, char *err, size_t errlen);
int db_postgres_open(const char *uri, struct db *db, char *err, size_t errlen);

void db_count_error(void);
/* Forgets every cached statement (after a PostgreSQL reconnect). */
void db_cache_clear(struct db *db);

#endif
