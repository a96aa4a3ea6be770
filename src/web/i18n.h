/*
 * i18n.h: translation catalogs, one per language, looked up per request.
 *
 * English is the source language and always present.  Every other
 * language is a gettext PO file po/<code>.po, loaded at start-up; its
 * header gives the plural rule (Plural-Forms), the language's own name
 * (X-Native-Name) and its direction (X-Text-Direction: rtl or ltr).  A
 * message with no usable translation (missing, empty, fuzzy, or with
 * placeholders the source does not have) falls back to English.
 */
#ifndef COPHUB_I18N_H
#define COPHUB_I18N_H

#include <stdbool.h>
#include <stddef.h>

#define I18N_MAX_LANGS 32

struct catalog;

/* Loads every po_dir/CODE.po.  Returns 0, or -1 with "FILE:LINE: reason".
 * Entries refused by the checks are counted in *warnings and logged. */
int i18n_load(const char *po_dir, int *warnings, char *err, size_t errlen);
void i18n_free(void);

/* The catalog for a language code, or NULL. */
const struct catalog *i18n_catalog(const char *code);
/* Every catalog, English included, sorted by code. */
size_t i18n_catalogs(const struct catalog *const **list);

const char *catalog_code(const struct catalog *c);
const char *catalog_name(const struct catalog *c); /* in the language itself */
bool catalog_rtl(const struct catalog *c);
/* Share of the source messages translated, in percent. */
int catalog_percent(const struct catalog *c);

const char *i18n_gettext(const struct catalog *c, const char *msgid);
const char *i18n_ngettext(const struct catalog *c, const char *one, const char *many,
			  unsigned long n);

/* The translation already HTML-escaped, or NULL when there is none (the
 * caller then uses its own escaped source text). */
const char *i18n_gettext_html(const struct catalog *c, const char *msgid);
const char *i18n_ngettext_html(const struct catalog *c, const char *one, unsigned long n);

/* ---- translations approved in the database (the translation workflow) ----
 * Called at start-up, before any request is served. */

/* Makes a catalog for a language that has no PO file (a language added
 * by a coordinator), with no message yet; total is the number of source
 * messages, for its percentage.  0, or -1 with the reason in err. */
int i18n_add_language(const char *code, const char *name, bool rtl, const char *plural_forms,
		      size_t total, char *err, size_t errlen);
/* Puts a translation into a language's catalog, in place of the PO
 * file's: n forms (1, or the language's plural count when msgid_plural is
 * given), each keeping the source's placeholders.  0, or -1 when the
 * language has no catalog or the forms do not fit (nothing changed). */
int i18n_override(const char *code, const char *msgid, const char *msgid_plural,
		  const char *const *forms, int n);

/* Picks the best language we have for an Accept-Language header, or
 * NULL when none fits. */
const char *i18n_negotiate(const char *accept_language);

/* Marks a string for extraction without translating it (xgettext -kN_). */
#define N_(s) (s)

#endif
