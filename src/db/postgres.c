/*
 * postgres.c: the PostgreSQL backend on libpq.  Statements are prepared
 * once per connection (named s<N>) with `?` placeholders rewritten to
 * $1, $2, ...; parameters travel as text.  A connection that broke is
 * reset on its next use, and its statement cache is rebuilt.
 */
#include "db/dbInt.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void pg_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message; /* NOTICEs (e.g. "relation exists, skipping") are noise */
}

int db_postgres_open(const char *uri, struct db *db, char *err, size_t errlen)
{
	PGconn *c = PQconnectdb(uri);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		snprintf(err, errlen, "%s", c ? PQerrorMessage(c) : "out of memory");
		size_t n = strlen(err);
		while (n && (err[n - 1] == '\n' || err[n - 1] == ' '))
			err[--n] = '\0';
		PQfinish(c);
		return -1;
	}
	PQsetNoticeProcessor(c, pg_notice, NULL);
	db->handle = c;
	return 0;
}

/* Rewrites ? placeholders as $N, leaving quoted literals alone. */
static char *pg_number_params(const char *sql, int *count)
{
	struct buf b;
	char quote = 0;
	int n = 0;

	buf_init(&b, strlen(sql) * 4 + 16);
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			buf_putc(&b, *p);
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
			buf_putc(&b, *p);
		} else if (*p == '?') {
			buf_printf(&b, "$%d", ++n);
		} else {
			buf_putc(&b, *p);
		}
	}
	*count = n;
	return buf_steal(&b, NULL);
}

/* libpq may report a connection as fine until it next reads from it, so
 * a query that failed without an answer from the server (no SQLSTATE)
 * marks the connection broken, and the next query reconnects first. */
static void pg_note_failure(struct db *db, PGresult *r)
{
	if (PQstatus(db->handle) != CONNECTION_OK ||
	    !(r && PQresultErrorField(r, PG_DIAG_SQLSTATE)))
		db->broken = true;
}

static bool pg_healthy(struct db *db)
{
	PGconn *c = db->handle;
	if (PQstatus(c) == CONNECTION_OK && !db->broken)
		return true;
	for (size_t i = 0; i < DB_STMT_CACHE; i++)
		if (db->cache[i] && db->cache[i]->busy)
			return PQstatus(c) == CONNECTION_OK; /* not now: a statement is in use */
	db->broken = false;
	PQreset(c);
	db_cache_clear(db);
	db->depth = 0;
	if (PQstatus(c) != CONNECTION_OK)
		return false;
	log_info("db: reconnected to PostgreSQL");
	return true;
}

static const char *pg_errmsg(struct db *db)
{
	if (db->err[0])
		return db->err;
	return PQerrorMessage(db->handle);
}

static void pg_set_err(struct db *db, PGresult *r)
{
	const char *m = r ? PQresultErrorMessage(r) : PQerrorMessage(db->handle);
	str_copy(db->err, sizeof(db->err), m && *m ? m : "unknown PostgreSQL error");
	size_t n = strlen(db->err);
	while (n && db->err[n - 1] == '\n')
		db->err[--n] = '\0';
}

static int pg_prepare(struct db *db, struct db_stmt *st)
{
	char name[32];
	int count;

	db->err[0] = '\0';
	if (!pg_healthy(db)) {
		pg_set_err(db, NULL);
		return -1;
	}
	char *text = pg_number_params(st->sql, &count);
	if (count > DB_MAX_PARAMS) {
		free(text);
		snprintf(db->err, sizeof(db->err), "too many parameters");
		return -1;
	}
	snprintf(name, sizeof(name), "s%u", st->id);
	PGresult *r = PQprepare(db->handle, name, text, 0, NULL);
	free(text);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		pg_note_failure(db, r);
		pg_set_err(db, r);
		PQclear(r);
		return -1;
	}
	PQclear(r);
	st->nparams = count;
	return 0;
}

static void pg_finalize(struct db_stmt *st)
{
	PQclear(st->result);
	st->result = NULL;
	PQfreemem(st->blob);
	st->blob = NULL;
	/* The server forgets the prepared statement with the connection. */
}

static void pg_set_param(struct db_stmt *st, int idx, char *value)
{
	if (idx < 1 || idx > DB_MAX_PARAMS) {
		free(value);
		return;
	}
	free(st->params[idx - 1]);
	st->params[idx - 1] = value;
	st->lengths[idx - 1] = 0;
	st->formats[idx - 1] = 0;
}

static void pg_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%" PRId64, v);
	pg_set_param(st, idx, xstrdup(tmp));
}

static void pg_bind_text(struct db_stmt *st, int idx, const char *s)
{
	pg_set_param(st, idx, s ? xstrdup(s) : NULL);
}

/* Bytes go as a binary parameter: no escaping, any byte. */
static void pg_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
	if (idx < 1 || idx > DB_MAX_PARAMS || n > INT32_MAX)
		return;
	char *copy = xmalloc(n ? n : 1);
	if (n)
		memcpy(copy, p, n);
	pg_set_param(st, idx, copy);
	st->lengths[idx - 1] = (int)n;
	st->formats[idx - 1] = 1;
}

static int pg_step(struct db_stmt *st)
{
	struct db *db = st->db;
	char name[32];

	if (!st->result) {
		db->err[0] = '\0';
		snprintf(name, sizeof(name), "s%u", st->id);
		PGresult *r = PQexecPrepared(db->handle, name, st->nparams,
					     (const char *const *)st->params, st->lengths,
					     st->formats, 0);
		ExecStatusType s = PQresultStatus(r);
		if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
			const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
			/* class 23: integrity constraint violation */
			bool constraint = state && state[0] == '2' && state[1] == '3';
			pg_note_failure(db, r);
			pg_set_err(db, r);
			PQclear(r);
			if (PQstatus(db->handle) != CONNECTION_OK)
				return DB_ERROR;
			return constraint ? DB_CONSTRAINT : DB_ERROR;
		}
		st->result = r;
		st->row = -1;
		st->nrows = PQntuples(r);
		const char *tuples = PQcmdTuples(r);
		int64_t n = 0;
		db->changes = parse_int64(tuples, 0, INT64_MAX, &n) ? n : 0;
	}
	st->row++;
	return st->row < st->nrows ? DB_ROW : DB_DONE;
}

static int64_t pg_col_int(struct db_stmt *st, int col)
{
	int64_t v = 0;
	const char *s = PQgetvalue(st->result, st->row, col);
	if (!s || !parse_int64(s, INT64_MIN, INT64_MAX, &v))
		return 0;
	return v;
}

static const char *pg_col_text(struct db_stmt *st, int col)
{
	if (PQgetisnull(st->result, st->row, col))
		return NULL;
	return PQgetvalue(st->result, st->row, col);
}

/* bytea comes as text ("\\x" and hex digits), unescaped by libpq. */
static const void *pg_col_blob(struct db_stmt *st, int col, size_t *n)
{
	PQfreemem(st->blob);
	st->blob = NULL;
	*n = 0;
	if (PQgetisnull(st->result, st->row, col))
		return NULL;
	st->blob = PQunescapeBytea((const unsigned char *)PQgetvalue(st->result, st->row, col), n);
	return st->blob;
}

static bool pg_col_null(struct db_stmt *st, int col)
{
	return PQgetisnull(st->result, st->row, col);
}

static void pg_reset(struct db_stmt *st)
{
	PQclear(st->result);
	st->result = NULL;
	PQfreemem(st->blob);
	st->blob = NULL;
	for (int k = 0; k < DB_MAX_PARAMS; k++) {
		free(st->params[k]);
		st->params[k] = NULL;
		st->lengths[k] = 0;
		st->formats[k] = 0;
	}
}

static int pg_exec(struct db *db, const char *sql)
{
	db->err[0] = '\0';
	if (!pg_healthy(db)) {
		pg_set_err(db, NULL);
		return DB_ERROR;
	}
	PGresult *r = PQexec(db->handle, sql);
	ExecStatusType s = PQresultStatus(r);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		pg_note_failure(db, r);
		pg_set_err(db, r);
		PQclear(r);
		return DB_ERROR;
	}
	PQclear(r);
	return DB_OK;
}

static void pg_close(struct db *db)
{
	PQfinish(db->handle);
}

const struct db_ops db_postgres_ops = {
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.step = pg_step,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.col_null = pg_col_null,
	.reset = pg_reset,
	.exec = pg_exec,
	.close = pg_close,
	.errmsg = pg_errmsg,
	.healthy = pg_healthy,
};
