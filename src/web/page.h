/*
 * page.h: rendering a page inside the layout, in the request's language.
 *
 * A handler builds a jansson object with page_data(), adds its own
 * fields and calls page_render(): the page template is rendered first,
 * then templates/layout.html around it (header, language menu,
 * navigation, footer).  The common fields every template may use:
 *
 *   lang, dir, title, langs[] {code, name, href, current}, user {username,
 *   role, country, is_manager, is_admin}, nav[] {href, label, current},
 *   csrf, css, path
 */
#ifndef COPHUB_PAGE_H
#define COPHUB_PAGE_H

#include "http/http.h"

#include <jansson.h>

struct tpl_set;

/* Routes jansson's allocations to the current request's arena (see
 * arena_set_current()); outside a request they use malloc.  Call once,
 * before the first JSON value is made. */
void json_mem_init(void);
/* Appends v as JSON text to b (no string to free). */
void json_to_buf(json_t *v, struct buf *b, size_t flags);

void page_set_templates(struct tpl_set *set);
/* Renders (page_init) and frees (page_free) the parts of the layout that
 * are the same for many pages; page_init comes after the translations and
 * templates are loaded.  Returns 0, or -1 with a reason. */
int page_init(char *err, size_t errlen);
void page_free(void);
struct tpl_set *page_templates(void);

/* Translations for C code (xgettext keywords tr:2, trn:2,3 and trf:2). */
const char *tr(struct req *r, const char *msgid);
const char *trn(struct req *r, const char *one, const char *many, unsigned long n);
/* tr(msgid) with every "{key}" replaced by its value, for each pair of
 * key and value given (NULL ends them; xgettext keyword trf:2), in r's
 * arena. */
const char *trf(struct req *r, const char *msgid, ...);

/* A new object with the common fields; title is a msgid (translated). */
json_t *page_data(struct req *r, const char *title);
/* Renders template tpl with data (which it takes over) in the layout;
 * the status stays as set, 200 when none was.  Returns 0, or -1 (and a
 * 500 page) when rendering failed. */
int page_render(struct req *r, const char *tpl, json_t *data);
/* The same without the layout: the template is a whole document. */
int page_render_bare(struct req *r, const char *tpl, json_t *data);

/* The error page for status, with an optional explanation (a msgid).
 * Returns status, so a handler can `return page_error(r, 403, NULL);`. */
int page_error(struct req *r, int status, const char *msgid);

/* Convenience for building data: json string from a C string (NULL -> ""). */
json_t *jstr(const char *s);

#endif
