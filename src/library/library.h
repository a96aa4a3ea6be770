/*
 * library.h: the guidelines library, /library: the four guideline sets
 * (content/library.h), each with its table of contents and a page per
 * chapter, public and reachable by plain links.
 *
 * Every page says that it is a summary in our own words and where the
 * official ITU text is published.
 */
#ifndef COPHUB_LIBRARY_WEB_H
#define COPHUB_LIBRARY_WEB_H

#include "http/http.h"

struct library;

/* The library the handlers serve (loaded and checked by app_init). */
void library_set_content(const struct library *l);

/* A library text with the country's helpline and reporting service in
 * place of its placeholders, in the text's language (English). */
const char *library_fill(struct req *r, const char *text);

/* The content search indexes (search.c): called with the library. */
void library_search_content(const struct library *l);

int library_index(struct req *r);   /* GET /library */
int library_search(struct req *r);  /* GET /library/search?q= */
int library_set_page(struct req *r); /* GET /library/:set */
int library_chapter(struct req *r); /* GET /library/:set/:chapter */
int library_checklist(struct req *r);     /* GET /library/:set/checklist */
int library_checklist_pdf(struct req *r); /* POST /library/:set/checklist */

#endif
