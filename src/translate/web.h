/*
 * web.h: the translation workflow's pages (web.c) and the library's
 * public languages page.
 */
#ifndef COPHUB_TRANSLATE_WEB_H
#define COPHUB_TRANSLATE_WEB_H

#include "http/http.h"

int translate_home(struct req *r);          /* GET /translate */
int translate_public(struct req *r);        /* GET /library/languages */
int translate_language_add(struct req *r);  /* POST /translate/languages */
int translate_staff(struct req *r);         /* GET /translate/staff */
int translate_staff_save(struct req *r);    /* POST /translate/staff */
int translate_glossary(struct req *r);      /* GET /translate/:lang/glossary */
int translate_glossary_save(struct req *r); /* POST /translate/:lang/glossary */
int translate_set(struct req *r);           /* GET /translate/:lang/:set */
int translate_unit(struct req *r);          /* GET /translate/:lang/:set/unit?id= */
int translate_unit_save(struct req *r);     /* POST /translate/:lang/:set/unit?id= */
int translate_comment(struct req *r);       /* POST /translate/:lang/:set/comment?id= */
int translate_export(struct req *r);        /* GET /translate/:lang/:set/export */
int translate_import(struct req *r);        /* POST /translate/:lang/:set/import */

#endif
