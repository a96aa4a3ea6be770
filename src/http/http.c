/*
 * http.c: request accessors and response helpers (http.h).
 */
#include "http/http.h"
#include "core/util.h"

#include <microhttpd.h>
#include <string.h>

const char *req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_param(struct req *r, int index)
{
	return index >= 0 && index < r->nparams ? r->params[index] : NULL;
}

const char *req_query(struct req *r, const char *name)
{
	return form_get(&r->qs, name);
}

const char *req_form(struct req *r, const char *name)
{
	return form_get(&r->form, name);
}

const char *req_cookie(struct req *r, const char *name)
{
	return form_get(&r->cookies, name);
}

void resp_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders < REQ_MAX_HEADERS) {
		r->headers[r->nheaders][0] = name;
		r->headers[r->nheaders][1] = value;
		r->nheaders++;
	}
}

void resp_redirect(struct req *r, int status, const char *location)
{
	r->status = status;
	resp_header(r, "Location", location);
	r->content_type = "text/plain; charset=utf-8";
	buf_reset(&r->out);
}

void resp_text(struct req *r, int status, const char *content_type, const char *body)
{
	r->status = status;
	r->content_type = content_type;
	buf_reset(&r->out);
	buf_puts(&r->out, body);
}

const char *http_status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}
