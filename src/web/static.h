/*
 * static.h: the files under static/, read into memory at start-up and
 * served from there: no path from a request ever reaches the file
 * system, so no traversal, no directory listing and no dotfiles.
 */
#ifndef COPHUB_STATIC_H
#define COPHUB_STATIC_H

#include "http/http.h"

#include <stddef.h>

int static_load(const char *dir, char *err, size_t errlen);
/* Serves one more file, from outside static/, under the name rel. */
int static_add(const char *path, const char *rel, char *err, size_t errlen);
void static_free(void);
/* Answers r for the file named by rel ("style.css"); 404 when unknown. */
void static_serve(struct req *r, const char *rel);
/* "/static/style.css?v=<hash>" for a file, so caches refresh on change. */
const char *static_url(const char *rel);
/* The bytes of a static file as loaded (NULL when there is none). */
const char *static_data(const char *rel, size_t *len);

#endif
