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

#include <jansson.h>
#include <stdbool.h>

struct library;
struct db;

/* The library the handlers serve (loaded and checked by app_init). */
void library_set_content(const struct library *l);

/* A library text with the country's helpline and reporting service in
 * place of its placeholders: library_fill for English, library_fill_in
 * for a text in lang. */
const char *library_fill(struct req *r, const char *text);
const char *library_fill_in(struct req *r, const char *text, const char *lang);

/* The language a library page is read in (?in=CODE, else the page's),
 * and how many of its texts were found translated or shown in English. */
struct lib_text {
	char code[16];
	char name[64];
	bool rtl, ok;
	int translated, english;
};
struct lib_set;
/* The published text of a unit of set s in t's language, or english;
 * with o, sets its "tl" and "tdir" (the text's language and direction). */
const char *lib_text(struct req *r, struct lib_text *t, const struct lib_set *s,
		     const char *unit, const char *english, json_t *o);
void lib_text_notice(struct lib_text *t, json_t *d);
/* Which language a page's guideline texts are read in: ?in=CODE when it
 * names a language of the library, else the page's language. */
void lib_text_lang(struct req *r, struct lib_text *t);

/* The library the pages show (set at start-up). */
const struct library *library_content(void);

/* Counts a download of a set in a language, kind "pdf" or "bundle": 0 or
 * -1 (book.c). */
int library_count_download(struct db *db, const char *set, const char *lang, const char *kind);
/* Frees the PDFs kept in memory, at exit. */
void library_book_free(void);

/* The content search indexes (search.c): called with the library. */
void library_search_content(const struct library *l);

int library_index(struct req *r);   /* GET /library */
int library_search(struct req *r);  /* GET /library/search?q= */
int library_set_page(struct req *r); /* GET /library/:set */
int library_chapter(struct req *r); /* GET /library/:set/:chapter */
int library_checklist(struct req *r);     /* GET /library/:set/checklist */
int library_checklist_pdf(struct req *r); /* POST /library/:set/checklist */
int library_book(struct req *r);          /* GET /library/:set/pdf?in=LANG */
int library_bundle(struct req *r);        /* GET /library/bundle?in=LANG */

#endif
