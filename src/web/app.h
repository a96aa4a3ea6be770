/*
 * app.h: the request pipeline between the HTTP server and the handlers.
 *
 * For every request: language (?lang=, then the lang cookie, then
 * Accept-Language, then the configured default); the edge error page if
 * the server refused the request; the body decoded; the session found;
 * the route's roles and country scope checked (deny by default); a
 * forced password change honoured; the CSRF token checked on every
 * state-changing request; then the handler, inside one transaction for
 * state-changing requests, committed only when the handler succeeded.
 */
#ifndef COPHUB_APP_H
#define COPHUB_APP_H

#include "core/config.h"
#include "http/router.h"

#include <stdbool.h>
#include <stddef.h>

/* Loads templates, translations, static files and the password list, and
 * the secret from the database.  Returns 0, or -1 with a reason. */
int app_init(const struct config *cfg, char *err, size_t errlen);
/* After the server stopped, before the database connections close:
 * stores what is still queued (the children's answers). */
void app_drain(void);
void app_free(void);
/* The server's handle callback. */
void app_handle(struct req *r);

/* The route table (src/routes.c). */
extern const struct route app_routes[];
extern const size_t app_nroutes;

/* This request's database connection; NULL when the database is down. */
struct db *req_db(struct req *r);

/* Cookie helpers: names get the __Host- prefix and Secure over TLS. */
const char *cookie_name(struct req *r, const char *base);
void cookie_set(struct req *r, const char *base, const char *value, int max_age,
		bool http_only, const char *same_site, const char *path);
void cookie_clear(struct req *r, const char *base, const char *path);

/* The CSRF token for forms of this visitor when not signed in, creating
 * the pre-session cookie it is bound to when missing. */
const char *csrf_for_visitor(struct req *r);

/* How many requests have committed writes since the start: a page kept
 * for a while is still right while this has not moved (the children's
 * answers aside, written in the background). */
uint64_t app_writes(void);

/* The body in r->out is a file to save: 200, its type, not to be stored
 * by caches, and the name to save it under (letters, digits, '.', '-'). */
void resp_download(struct req *r, const char *content_type, const char *filename);

/* Signs r in as u: a new session, its cookie, the CSRF token. */
int app_sign_in(struct req *r, const struct user *u);

#endif
