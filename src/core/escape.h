/*
 * escape.h: the escapers the templates use, shared with the catalogs,
 * which keep every translation escaped once instead of at every use.
 */
#ifndef COPHUB_ESCAPE_H
#define COPHUB_ESCAPE_H

#include "core/buf.h"

#include <stddef.h>

/* & < > " ' become entities: safe in text and in quoted attributes. */
void html_escape(struct buf *out, const char *s, size_t n);
/* The same into a new malloc'ed string. */
char *html_escape_dup(const char *s);
/* Everything but A-Z a-z 0-9 - . _ ~ is percent-encoded. */
void url_component_escape(struct buf *out, const char *s, size_t n);
/* True when a URL is relative or uses http, https, mailto or tel. */
int url_is_safe(const char *s, size_t n);

#endif
