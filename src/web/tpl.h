/*
 * tpl.h: HTML templates with escaping by context.
 *
 * Syntax (templates/README.md has the full description):
 *
 *   {{ user.name }}                 a value, escaped for where it stands
 *   {{ _("Sign in") }}              a translated message
 *   {{ _("Hello, {name}", name=user.name) }}   with named values
 *   {{ n_("{n} user", "{n} users", count) }}   plural, {n} is the count
 *   {{#if x}} .. {{else}} .. {{/if}}   {{#unless x}} .. {{/unless}}
 *   {{#each list}} .. {{ this.field }} .. {{/each}}
 *   {{> partial/name }}             another template, in text context
 *   {{! a comment }}
 *   {{raw: html}}                   unescaped output: the one marker, greppable
 *
 * The compiler follows the HTML around each {{ }} and picks the escaping:
 * text, a quoted attribute value, or a URL attribute (href, src, action,
 * ...).  A URL at the start of such an attribute must be relative or use
 * http, https, mailto or tel, or it becomes "#"; inside a URL, a value is
 * percent-encoded.  Values inside <script> or <style>, in unquoted
 * attributes, in attribute names, in event-handler or style attributes,
 * or in comments are refused when the template is compiled, so such a
 * mistake stops start-up instead of reaching a browser.
 *
 * The data is a jansson object; a name is looked up in the innermost
 * {{#each}} item first, then outwards to the root.
 */
#ifndef COPHUB_TPL_H
#define COPHUB_TPL_H

#include "core/buf.h"
#include "core/escape.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct catalog;
struct tpl_set;

struct tpl_set *tpl_set_new(void);
void tpl_set_free(struct tpl_set *set);

/* Compiles text as template `name`.  Returns 0, or -1 with
 * "NAME:LINE: reason" in err. */
int tpl_add(struct tpl_set *set, const char *name, const char *text, size_t len, char *err,
	    size_t errlen);
/* Compiles every *.html under dir (recursively), named by their path
 * without ".html", then checks that every {{> include}} exists. */
int tpl_load_dir(struct tpl_set *set, const char *dir, char *err, size_t errlen);
/* Checks that every included template exists. */
int tpl_check(struct tpl_set *set, char *err, size_t errlen);
size_t tpl_count(const struct tpl_set *set);
/* Renders once, for each catalog, every template whose output depends on
 * nothing but the language, and keeps the result for tpl_render(); call it
 * after loading, before rendering from several threads.  0 or -1. */
int tpl_warm(struct tpl_set *set, const struct catalog *const *cats, size_t n);
bool tpl_has(const struct tpl_set *set, const char *name);

/* Renders template `name` with data and the catalog (NULL: English) onto
 * out.  Returns 0, or -1 when the template is unknown or out overflowed. */
int tpl_render(const struct tpl_set *set, const char *name, json_t *data,
	       const struct catalog *cat, struct buf *out);

/* The same, with named raw slots: {{raw: NAME}} writes the slot's text
 * (HTML cophub rendered itself) without it passing through the data
 * object.  The layout uses them for the page and for the parts rendered
 * at start-up. */
struct tpl_slot {
	const char *name;
	const char *data;
	size_t len;
};
#define TPL_MAX_SLOTS 4
int tpl_render_slots(const struct tpl_set *set, const char *name, json_t *data,
		     const struct catalog *cat, struct buf *out, const struct tpl_slot *slots,
		     int nslots);


#endif
