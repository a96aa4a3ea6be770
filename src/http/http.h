/*
 * http.h: one HTTP request and its response, as handlers see them.
 *
 * The server (server.c) fills the request part from libmicrohttpd; the
 * application pipeline (web/app.c) adds the language and the signed-in
 * user; a handler writes the response part.  Everything a request
 * allocates comes from r->arena and is freed when the response is sent.
 */
#ifndef COPHUB_HTTP_H
#define COPHUB_HTTP_H

#include "core/arena.h"
#include "core/buf.h"
#include "http/form.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REQ_MAX_PARAMS 4
#define REQ_MAX_HEADERS 12

/* Limits of the HTTP edge (security.md). */
#define HTTP_MAX_URI 8192
#define HTTP_MAX_HEADERS 8192
#define HTTP_MAX_PAGE (4u << 20) /* largest response body we build */

struct MHD_Connection;
struct route;
struct user;
struct catalog;
struct db;

enum http_method { M_GET, M_HEAD, M_POST, M_PUT, M_DELETE, M_PATCH, M_OPTIONS, M_OTHER };

struct req {
	struct arena arena;
	struct MHD_Connection *conn;
	uint64_t id;
	char id_hex[17];
	int64_t start_us;

	/* request */
	enum http_method method;
	const char *method_name;
	const char *path;	/* decoded path, no query */
	const char *query;	/* raw query string, NULL when none */
	size_t uri_len;
	int edge_status;	/* set by the server when the request broke an edge rule */
	const struct route *route;
	const char *params[REQ_MAX_PARAMS]; /* values of :name segments, in order */
	int nparams;
	struct buf body;	/* raw request body, capped at route->body_max */
	struct form form;	/* decoded body (urlencoded) */
	struct form qs;		/* decoded query string */
	struct form cookies;
	bool loopback;		/* client on 127.0.0.0/8 or ::1 */
	bool forwarded;		/* the request came through a proxy */

	/* response */
	int status;
	const char *content_type;
	struct buf out;
	const char *headers[REQ_MAX_HEADERS][2];
	int nheaders;
	bool close;		/* answer with Connection: close */
	size_t sent;		/* body bytes of the response, for the log */
	bool no_store;		/* Cache-Control: no-store (behind a login) */
	const char *cache_control; /* otherwise, if set */

	/* application (web/) */
	const char *lang;
	const struct catalog *cat;
	struct user *user;
	const char *session_token; /* raw, from the cookie; never logged */
	const char *session_csrf;  /* the session's CSRF token */
	const char *csrf;          /* the token forms of this page carry */
	struct db *db;             /* this thread's connection, once asked for */
	bool tls;
};

/* Request accessors. */
const char *req_header(struct req *r, const char *name);
const char *req_param(struct req *r, int index);
const char *req_query(struct req *r, const char *name);
const char *req_form(struct req *r, const char *name);
const char *req_cookie(struct req *r, const char *name);

/* Response helpers.  Header names and values must outlive the request
 * (literals or arena strings). */
void resp_header(struct req *r, const char *name, const char *value);
void resp_redirect(struct req *r, int status, const char *location);
void resp_text(struct req *r, int status, const char *content_type, const char *body);

const char *http_status_text(int status);

#endif
