/*
 * arena.c: chunked bump allocator.  Small requests share 4 KiB chunks;
 * a request larger than a quarter chunk gets a chunk of its own.
 */
#include "core/arena.h"
#include "core/mem.h"

#include <pthread.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

/* Each thread keeps one spare chunk, so a request that fits in one chunk
 * costs no malloc; the key's destructor frees it when the thread ends. */
static pthread_key_t spare_key, current_key;
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;

static void keys_create(void)
{
	pthread_key_create(&spare_key, free);
	pthread_key_create(&current_key, NULL);
}

void arena_set_current(struct arena *a)
{
	pthread_once(&keys_once, keys_create);
	pthread_setspecific(current_key, a);
}

struct arena *arena_current(void)
{
	pthread_once(&keys_once, keys_create);
	return pthread_getspecific(current_key);
}

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	pthread_once(&keys_once, keys_create);
	while (c) {
		struct arena_chunk *next = c->next;
		if (c->size == ARENA_CHUNK && !pthread_getspecific(spare_key))
			pthread_setspecific(spare_key, c);
		else
			free(c);
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}

static struct arena_chunk *chunk_new(size_t size)
{
	struct arena_chunk *c = NULL;
	if (size == ARENA_CHUNK) {
		pthread_once(&keys_once, keys_create);
		c = pthread_getspecific(spare_key);
		if (c)
			pthread_setspecific(spare_key, NULL);
	}
	if (!c)
		c = xmalloc(sizeof(*c) + size);
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	struct arena_chunk *c;

	n = (n + align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	if (n > ARENA_CHUNK / 4) {
		/* Big block: its own chunk, linked behind the head so the
		 * head keeps its free space for small requests. */
		c = chunk_new(n);
		c->used = n;
		if (a->head) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			a->head = c;
		}
		a->total += n;
		return c->data;
	}
	c = a->head;
	if (!c || c->size - c->used < n) {
		c = chunk_new(ARENA_CHUNK);
		c->next = a->head;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += n;
	a->total += n;
	return p;
}

void *arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}
