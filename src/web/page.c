/*
 * page.c: see page.h.
 */
#include "web/page.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/roles.h"
#include "web/static.h"
#include "web/tpl.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"

#include <pthread.h>
#include <stdarg.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct tpl_set *templates;

/* Every block jansson asks for carries a 16-byte tag telling where it
 * came from, so a value made inside a request lives in the request's
 * arena (its free is a no-op: the arena goes at the end) and one made
 * outside comes from malloc and goes back there. */
#define JSON_FROM_ARENA 0x41524e41u
#define JSON_FROM_MALLOC 0x4d4c4f43u

static void *json_mem_alloc(size_t n)
{
	struct arena *a = arena_current();
	unsigned char *p = a ? arena_alloc(a, n + 16) : malloc(n + 16);
	if (!p)
		return NULL;
	*(uint32_t *)p = a ? JSON_FROM_ARENA : JSON_FROM_MALLOC;
	return p + 16;
}

static void json_mem_free(void *ptr)
{
	if (!ptr)
		return;
	unsigned char *p = (unsigned char *)ptr - 16;
	if (*(uint32_t *)p == JSON_FROM_MALLOC)
		free(p);
}

void json_mem_init(void)
{
	json_set_alloc_funcs(json_mem_alloc, json_mem_free);
}

static int json_to_buf_cb(const char *data, size_t size, void *ctx)
{
	return buf_put(ctx, data, size) ? 0 : -1;
}

void json_to_buf(json_t *v, struct buf *b, size_t flags)
{
	json_dump_callback(v, json_to_buf_cb, b, flags);
}

void page_set_templates(struct tpl_set *set)
{
	templates = set;
}

struct tpl_set *page_templates(void)
{
	return templates;
}

const char *tr(struct req *r, const char *msgid)
{
	return i18n_gettext(r->cat, msgid);
}

const char *trn(struct req *r, const char *one, const char *many, unsigned long n)
{
	return i18n_ngettext(r->cat, one, many, n);
}

const char *trf(struct req *r, const char *msgid, ...)
{
	enum { MAX_PAIRS = 16 };
	const char *text = tr(r, msgid), *keys[MAX_PAIRS], *vals[MAX_PAIRS];
	size_t n = 0, room = strlen(text) + 1;
	va_list ap;
	va_start(ap, msgid);
	const char *k;
	while ((k = va_arg(ap, const char *)) && n < MAX_PAIRS) {
		keys[n] = k;
		vals[n] = va_arg(ap, const char *);
		room += strlen(vals[n]) * 4;
		n++;
	}
	va_end(ap);
	/* one pass over the text: a value is never read as text to fill */
	struct buf b;
	buf_init(&b, room + 256);
	for (const char *p = text; *p;) {
		size_t i = 0;
		if (*p == '{')
			while (i < n && !(strncmp(p + 1, keys[i], strlen(keys[i])) == 0 &&
					  p[1 + strlen(keys[i])] == '}'))
				i++;
		if (*p == '{' && i < n) {
			buf_puts(&b, vals[i]);
			p += strlen(keys[i]) + 2;
		} else {
			buf_putc(&b, *p++);
		}
	}
	buf_putc(&b, '\0');
	const char *out = b.overflow ? text : arena_strdup(&r->arena, b.data);
	buf_free(&b);
	return out;
}

json_t *jstr(const char *s)
{
	return json_string(s ? s : "");
}

/* The areas of the site, in the order of the navigation. */
static const struct {
	const char *href;
	const char *label;
	unsigned roles;
} nav_items[] = {
	{"/", N_("Home"), R_ANY},
	{"/play", N_("Children"), R_ANY},
	{"/learn", N_("Parents and educators"), R_ANY},
	{"/library", N_("Guidelines"), R_ANY},
	{"/policy", N_("Policy"), R_ANY},
	{"/admin", N_("Administration"), R_MANAGERS},
	{"/account", N_("My account"), R_USER},
};

/* The parts of the layout that depend only on the language, the kind of
 * visitor and the current area are rendered once, at start-up, from
 * templates/partials/: the language menu per language, and the
 * navigation per language, kind of visitor and current item.  The layout
 * places them with {{raw: lang_menu}} and {{raw: nav_items}}. */
enum { NAV_ANON, NAV_USER, NAV_MANAGER, NAV_KINDS };
#define NAV_NONE ARRAY_LEN(nav_items)

struct fragment {
	char *html;
	size_t len;
};

static struct fragment lang_menus[I18N_MAX_LANGS];
static struct fragment navs[I18N_MAX_LANGS][NAV_KINDS][ARRAY_LEN(nav_items) + 1];

static void fragment_free(struct fragment *f)
{
	free(f->html);
	f->html = NULL;
	f->len = 0;
}

void page_free(void)
{
	for (size_t l = 0; l < I18N_MAX_LANGS; l++) {
		fragment_free(&lang_menus[l]);
		for (size_t k = 0; k < NAV_KINDS; k++)
			for (size_t c = 0; c <= NAV_NONE; c++)
				fragment_free(&navs[l][k][c]);
	}
}

/* Renders partial `name` with one list in the data; -1 on failure. */
static int fragment_render(struct fragment *f, const char *name, const char *key, json_t *list,
			   const struct catalog *cat)
{
	struct buf b;
	json_t *d = json_object();
	json_object_set_new(d, key, list);
	buf_init(&b, 1u << 20);
	int rc = tpl_render(templates, name, d, cat, &b);
	json_decref(d);
	if (rc < 0) {
		buf_free(&b);
		return -1;
	}
	f->html = buf_steal(&b, &f->len);
	return 0;
}

int page_init(char *err, size_t errlen)
{
	static const unsigned kind_role[NAV_KINDS] = {R_ANON, R_LEARNER, R_ADMIN};
	const struct catalog *const *cats;
	size_t n = i18n_catalogs(&cats);

	page_free();
	for (size_t l = 0; l < n; l++) {
		json_t *menu = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_object();
			json_object_set_new(o, "code", jstr(catalog_code(cats[i])));
			json_object_set_new(o, "name", jstr(catalog_name(cats[i])));
			json_object_set_new(o, "current", json_boolean(i == l));
			json_array_append_new(menu, o);
		}
		if (fragment_render(&lang_menus[l], "partials/lang-menu", "langs", menu, cats[l]) < 0)
			goto fail;
		for (size_t k = 0; k < NAV_KINDS; k++) {
			for (size_t c = 0; c <= NAV_NONE; c++) {
				json_t *nav = json_array();
				for (size_t i = 0; i < NAV_NONE; i++) {
					if (!(nav_items[i].roles & kind_role[k]))
						continue;
					json_t *o = json_object();
					json_object_set_new(o, "href", jstr(nav_items[i].href));
					json_object_set_new(o, "label",
							    jstr(i18n_gettext(cats[l], nav_items[i].label)));
					json_object_set_new(o, "current", json_boolean(i == c));
					json_array_append_new(nav, o);
				}
				if (fragment_render(&navs[l][k][c], "partials/nav-items", "nav", nav,
						    cats[l]) < 0)
					goto fail;
			}
		}
	}
	return 0;
fail:
	snprintf(err, errlen, "templates/partials: cannot render the language menu or navigation");
	page_free();
	return -1;
}

/* The navigation item the path belongs to, or NAV_NONE. */
static size_t nav_current(const char *path)
{
	for (size_t i = 0; i < NAV_NONE; i++) {
		const char *href = nav_items[i].href;
		if (str_eq(href, "/") ? str_eq(path, "/") : str_starts(path, href))
			return i;
	}
	return NAV_NONE;
}

json_t *page_data(struct req *r, const char *title)
{
	json_t *d = json_object();
	json_object_set_new(d, "lang", jstr(r->lang));
	json_object_set_new(d, "dir", jstr(catalog_rtl(r->cat) ? "rtl" : "ltr"));
	json_object_set_new(d, "title", jstr(tr(r, title)));
	json_object_set_new(d, "path", jstr(r->path));
	json_object_set_new(d, "css", jstr(static_url("style.css")));
	json_object_set_new(d, "csrf", jstr(r->csrf));

	if (r->user) {
		json_t *u = json_object();
		json_object_set_new(u, "username", jstr(r->user->username));
		json_object_set_new(u, "role", jstr(tr(r, role_label(r->user->role))));
		json_object_set_new(u, "country", jstr(r->user->country));
		json_object_set_new(u, "is_admin", json_boolean(r->user->role == R_ADMIN));
		json_object_set_new(u, "is_manager", json_boolean(r->user->role & R_MANAGERS));
		json_object_set_new(d, "user", u);
	}
	return d;
}

/* The page is rendered into a buffer each thread keeps (freed when the
 * thread ends), then into r->out inside the layout. */
static pthread_key_t body_key;
static pthread_once_t body_once = PTHREAD_ONCE_INIT;

static void body_release(void *p)
{
	buf_free(p);
	free(p);
}

static void body_key_create(void)
{
	pthread_key_create(&body_key, body_release);
}

static struct buf *thread_body(void)
{
	pthread_once(&body_once, body_key_create);
	struct buf *b = pthread_getspecific(body_key);
	if (!b) {
		b = xmalloc(sizeof(*b));
		buf_init(b, HTTP_MAX_PAGE);
		pthread_setspecific(body_key, b);
	}
	buf_reset(b);
	return b;
}

int page_render(struct req *r, const char *tpl, json_t *data)
{
	struct buf *body = thread_body();
	int rc = -1;

	if (tpl_render(templates, tpl, data, r->cat, body) < 0) {
		log_error("req=%s cannot render %s", r->id_hex, tpl);
		goto out;
	}
	const struct catalog *const *cats;
	size_t n = i18n_catalogs(&cats), l = 0;
	while (l + 1 < n && cats[l] != r->cat)
		l++;
	unsigned role = r->user ? r->user->role : R_ANON;
	size_t kind = role == R_ANON ? NAV_ANON : (role & R_MANAGERS) ? NAV_MANAGER : NAV_USER;
	const struct fragment *nav = &navs[l][kind][nav_current(r->path)];
	const struct tpl_slot slots[] = {
		{"body", body->data ? body->data : "", body->len},
		{"lang_menu", lang_menus[l].html ? lang_menus[l].html : "", lang_menus[l].len},
		{"nav_items", nav->html ? nav->html : "", nav->len},
	};
	buf_reset(&r->out);
	buf_grow(&r->out, body->len + 4096);
	if (tpl_render_slots(templates, "layout", data, r->cat, &r->out, slots,
			     (int)ARRAY_LEN(slots)) < 0) {
		log_error("req=%s cannot render the layout around %s", r->id_hex, tpl);
		goto out;
	}
	if (!r->status)
		r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	resp_header(r, "Content-Language", catalog_code(r->cat));
	rc = 0;
out:
	if (body->cap > (256u << 10))
		buf_free(body); /* do not keep a rare huge page around */
	json_decref(data);
	if (rc < 0) {
		buf_reset(&r->out);
		r->status = 500;
		r->content_type = "text/plain; charset=utf-8";
		buf_puts(&r->out, "Internal Server Error\n");
	}
	return rc;
}

int page_render_bare(struct req *r, const char *tpl, json_t *data)
{
	buf_reset(&r->out);
	int rc = tpl_render(templates, tpl, data, r->cat, &r->out);
	json_decref(data);
	if (rc < 0) {
		log_error("req=%s cannot render %s", r->id_hex, tpl);
		buf_reset(&r->out);
		r->status = 500;
		r->content_type = "text/plain; charset=utf-8";
		buf_puts(&r->out, "Internal Server Error\n");
		return -1;
	}
	if (!r->status)
		r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	return 0;
}

static const char *status_title(int status)
{
	switch (status) {
	case 400: return N_("The request could not be understood");
	case 403: return N_("You may not open this page");
	case 404: return N_("Page not found");
	case 405: return N_("This action is not allowed here");
	case 411: return N_("The request must state its length");
	case 413: return N_("What you sent is too large");
	case 414: return N_("The address is too long");
	case 415: return N_("This kind of content is not accepted");
	case 429: return N_("Too many attempts");
	case 431: return N_("The request headers are too large");
	case 501: return N_("This method is not supported");
	case 503: return N_("The service is not available right now");
	default: return N_("Something went wrong on our side");
	}
}

static const char *status_hint(int status)
{
	switch (status) {
	case 404: return N_("Check the address, or start again from the home page.");
	case 403: return N_("If you think you should have access, ask your national coordinator.");
	case 503: return N_("Please try again in a few minutes.");
	case 429: return N_("Wait a while, then try again.");
	default:
		if (status >= 500)
			return N_("The team has been told. Please try again later.");
		return N_("Go back and try again.");
	}
}

int page_error(struct req *r, int status, const char *msgid)
{
	json_t *d = page_data(r, status_title(status));
	r->status = status;
	json_object_set_new(d, "status", json_integer(status));
	json_object_set_new(d, "message", jstr(tr(r, msgid ? msgid : status_hint(status))));
	page_render(r, "error", d);
	return status;
}
