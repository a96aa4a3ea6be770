/*
 * arena.h: a memory pool freed in one go.
 *
 * Every request owns an arena (as h2o's h2o_req_t owns a pool): whatever a
 * handler allocates from it lives until the response has been sent, and
 * nobody frees it piecemeal.  Allocation failures follow mem.h's policy.
 */
#ifndef COPHUB_ARENA_H
#define COPHUB_ARENA_H

#include <stdarg.h>
#include <stddef.h>

/* Bytes of a chunk; an allocation over a quarter of it gets its own. */
#define ARENA_CHUNK 16384

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t total; /* bytes handed out, for statistics */
};

void arena_init(struct arena *a);
/* Frees every chunk; the arena can be used again afterwards. */
void arena_free(struct arena *a);

/* Aligned to max_align_t; never returns NULL. */
void *arena_alloc(struct arena *a, size_t n);
void *arena_zalloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

/* The arena of the request this thread is answering, or NULL.  While it
 * is set, jansson allocates from it (json_mem_init() in web/page.c), so a
 * page's view data costs no malloc and is freed with the request. */
void arena_set_current(struct arena *a);
struct arena *arena_current(void);

#endif
