/*
 * page.c: see page.h.
 */
#include "web/page.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/roles.h"
#include "web/static.h"
#include "web/tpl.h"
#include "core/log.h"
#include "core/util.h"

#include <stdio.h>
#include <string.h>

static struct tpl_set *templates;

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

json_t *page_data(struct req *r, const char *title)
{
	json_t *d = json_object();
	const struct catalog *const *cats;
	size_t n = i18n_catalogs(&cats);
	unsigned role = r->user ? r->user->role : R_ANON;

	json_object_set_new(d, "lang", jstr(r->lang));
	json_object_set_new(d, "dir", jstr(catalog_rtl(r->cat) ? "rtl" : "ltr"));
	json_object_set_new(d, "title", jstr(tr(r, title)));
	json_object_set_new(d, "path", jstr(r->path));
	json_object_set_new(d, "css", jstr(static_url("style.css")));
	json_object_set_new(d, "csrf", jstr(r->csrf));

	json_t *langs = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *l = json_object();
		const char *code = catalog_code(cats[i]);
		json_object_set_new(l, "code", jstr(code));
		json_object_set_new(l, "name", jstr(catalog_name(cats[i])));
		json_object_set_new(l, "href", json_string(arena_printf(&r->arena, "%s?lang=%s",
									 r->path, code)));
		json_object_set_new(l, "current", json_boolean(str_eq(code, r->lang)));
		json_array_append_new(langs, l);
	}
	json_object_set_new(d, "langs", langs);

	json_t *nav = json_array();
	for (size_t i = 0; i < ARRAY_LEN(nav_items); i++) {
		if (!(nav_items[i].roles & role))
			continue;
		json_t *it = json_object();
		const char *href = nav_items[i].href;
		bool current = str_eq(href, "/") ? str_eq(r->path, "/")
						 : str_starts(r->path, href);
		json_object_set_new(it, "href", jstr(href));
		json_object_set_new(it, "label", jstr(tr(r, nav_items[i].label)));
		json_object_set_new(it, "current", json_boolean(current));
		json_array_append_new(nav, it);
	}
	json_object_set_new(d, "nav", nav);

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

int page_render(struct req *r, const char *tpl, json_t *data)
{
	struct buf body;
	int rc = -1;

	buf_init(&body, HTTP_MAX_PAGE);
	buf_grow(&body, 8192);
	if (tpl_render(templates, tpl, data, r->cat, &body) < 0) {
		log_error("req=%s cannot render %s", r->id_hex, tpl);
		goto out;
	}
	buf_reset(&r->out);
	buf_grow(&r->out, body.len + 4096);
	if (tpl_render_slot(templates, "layout", data, r->cat, &r->out, "body",
			    body.data ? body.data : "", body.len) < 0) {
		log_error("req=%s cannot render the layout around %s", r->id_hex, tpl);
		goto out;
	}
	if (!r->status)
		r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	rc = 0;
out:
	buf_free(&body);
	json_decref(data);
	if (rc < 0) {
		buf_reset(&r->out);
		r->status = 500;
		r->content_type = "text/plain; charset=utf-8";
		buf_puts(&r->out, "Internal Server Error\n");
	}
	return rc;
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
