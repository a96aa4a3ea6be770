/*
 * router.h: routes as a table.  Each row names the method, a path pattern
 * whose ":name" segments capture values, the roles allowed (deny by
 * default), the largest body accepted and the handler.  HEAD is served by
 * the GET row of the same path.
 */
#ifndef COPHUB_ROUTER_H
#define COPHUB_ROUTER_H

#include "http/http.h"

#include <stddef.h>

/* A handler fills r's response and returns 0; any other value means the
 * request failed: its transaction is rolled back and, unless the handler
 * already chose an error status, a 500 page is sent. */
typedef int (*handler_fn)(struct req *r);

/* Route flags. */
#define ROUTE_OWN_COUNTRY 1u /* ":cc" must be the user's country (admin: any) */
#define ROUTE_NO_CSRF 2u     /* state-changing route that checks CSRF itself */
#define ROUTE_STATIC 4u      /* /static/...: rest of the path is the file */
#define ROUTE_NO_TX 8u       /* a post that writes nothing in the request (see run_handler) */
#define ROUTE_UPLOAD 16u     /* also takes multipart/form-data (a file) */

struct route {
	const char *method;
	const char *pattern;
	unsigned roles;
	size_t body_max;
	handler_fn handler;
	unsigned flags;
};

enum router_result { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD };

/* Finds the route for method and path; on ROUTE_FOUND stores it and its
 * parameters in r.  On ROUTE_BAD_METHOD writes the allowed methods
 * ("GET, HEAD, POST") into allow. */
enum router_result router_match(const struct route *table, size_t n, struct req *r,
				char *allow, size_t allowlen);

/* True when pattern (with ":name" segments) matches path; fills params. */
bool route_pattern_match(const char *pattern, const char *path, struct arena *a,
			 const char **params, int *nparams, unsigned flags);

#endif
