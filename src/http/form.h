/*
 * form.h: decoding of application/x-www-form-urlencoded data (request
 * bodies and query strings) and of the Cookie header.
 *
 * Both produce a list of name/value pairs allocated from the request's
 * arena.  Decoding is strict: a bad %-escape, a name or value that is
 * not valid UTF-8 text, or more fields than allowed makes the whole input
 * malformed (the caller answers 400); nothing is half-decoded.
 */
#ifndef COPHUB_FORM_H
#define COPHUB_FORM_H

#include "core/arena.h"

#include <stdbool.h>
#include <stddef.h>

#define FORM_MAX_FIELDS 256

struct form_field {
	const char *name;
	const char *value;
	/* a file of a multipart form: its name as sent (never NULL for a
	 * file) and its length, since a file may hold NUL bytes */
	const char *filename;
	size_t len;
};

struct form {
	struct form_field *fields;
	int count;
};

/* 0 on success, -1 when malformed. */
int form_parse(struct arena *a, const char *data, size_t len, struct form *out);
struct MHD_Connection;
/* Decodes a multipart/form-data body (a form with a file) with
 * libmicrohttpd's post processor, which reads the boundary from the
 * connection's Content-Type.  Values are NUL-terminated copies; a value
 * that is not a file holding a NUL byte, more than FORM_MAX_FIELDS fields
 * or a malformed body make the whole input malformed.  0 or -1. */
int form_parse_multipart(struct arena *a, struct MHD_Connection *c, const char *data, size_t len,
			 struct form *out);
/* The first value of name, or NULL. */
const char *form_get(const struct form *f, const char *name);
/* The first field called name that is a file (sent with a filename), or
 * NULL. */
const struct form_field *form_file(const struct form *f, const char *name);
/* How many fields are called name. */
int form_count(const struct form *f, const char *name);

/* Parses "a=1; b=2".  Pairs with an invalid name or value are skipped
 * (RFC 6265 says a server should ignore what it cannot parse); when a
 * name repeats, the first one wins.  Returns the number of pairs kept. */
int cookie_parse(struct arena *a, const char *header, struct form *out);

/* Percent-decodes s[0..len) in place ('+' becomes a space when plus is
 * set); returns the new length, or -1 for a bad escape. */
long url_decode(char *s, size_t len, bool plus);

#endif
