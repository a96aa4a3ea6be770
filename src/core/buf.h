/*
 * buf.h: a growable byte buffer with a hard cap.
 *
 * Everything built from request data (HTML, headers, SQL text, form
 * bodies) goes through a buf.  Like curl's dynbuf it is created with a
 * maximum; unlike it, failure is sticky (as SQLite's mallocFailed): once
 * an append would pass the cap, the buffer refuses all further appends
 * and `overflow` stays set, so a caller may append many times and check
 * once at the end.
 */
#ifndef COPHUB_BUF_H
#define COPHUB_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;	/* always NUL-terminated when not NULL */
	size_t len;
	size_t cap;	/* allocated */
	size_t max;	/* hard cap on len */
	bool overflow;
};

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
/* Hands the data to the caller (free() it); the buffer is emptied. */
char *buf_steal(struct buf *b, size_t *len);

/* Makes room for n more bytes now (one allocation instead of several). */
bool buf_grow(struct buf *b, size_t n);
bool buf_put(struct buf *b, const void *p, size_t n);
bool buf_puts(struct buf *b, const char *s);
bool buf_putc(struct buf *b, char c);
bool buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
bool buf_vprintf(struct buf *b, const char *fmt, va_list ap);

#endif
