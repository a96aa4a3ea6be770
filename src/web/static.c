/*
 * static.c: see static.h.
 */
#include "web/static.h"
#include "core/buf.h"
#include "core/file.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STATIC_MAX_FILES 256
#define STATIC_MAX_SIZE (8u << 20)

struct sfile {
	char *name;
	char *data;
	size_t len;
	const char *type;
	char etag[24];
	char *url;
};

static struct sfile files[STATIC_MAX_FILES];
static size_t nfiles;

static const char *type_of(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{".css", "text/css; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"},
		{".svg", "image/svg+xml"},
		{".png", "image/png"},
		{".ico", "image/x-icon"},
		{".webmanifest", "application/manifest+json"},
		{".json", "application/json"},
		{".txt", "text/plain; charset=utf-8"},
		{".woff2", "font/woff2"},
		{".opus", "audio/ogg"},
		{".ogg", "audio/ogg"},
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < ARRAY_LEN(types); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return NULL;
}

struct load_ctx {
	char *err;
	size_t errlen;
};

static int load_one(void *ctx, const char *path, const char *rel)
{
	struct load_ctx *lc = ctx;
	const char *type = type_of(rel);
	bool too_big;
	size_t len;

	if (!type) {
		log_warn("%s: unknown file type, not served", path);
		return 0;
	}
	if (nfiles == STATIC_MAX_FILES) {
		snprintf(lc->err, lc->errlen, "%s: more than %d static files", path, STATIC_MAX_FILES);
		return -1;
	}
	char *data = file_read(path, STATIC_MAX_SIZE, &len, &too_big);
	if (!data) {
		snprintf(lc->err, lc->errlen, too_big ? "%s: larger than 8 MiB" : "%s: cannot read",
			 path);
		return -1;
	}
	struct sfile *sf = &files[nfiles++];
	sf->name = xstrdup(rel);
	sf->data = data;
	sf->len = len;
	sf->type = type;
	unsigned char h[8];
	char hex[17];
	crypto_generichash(h, sizeof(h), (const unsigned char *)sf->data, sf->len, NULL, 0);
	hex_encode(hex, h, sizeof(h));
	snprintf(sf->etag, sizeof(sf->etag), "\"%s\"", hex);
	size_t ul = strlen(rel) + 40;
	sf->url = xmalloc(ul);
	snprintf(sf->url, ul, "/static/%s?v=%.8s", rel, hex);
	return 0;
}

int static_load(const char *dir, char *err, size_t errlen)
{
	struct load_ctx lc = {err, errlen};
	static_free();
	return dir_walk(dir, 3, load_one, &lc, "static", err, errlen);
}

int static_add(const char *path, const char *rel, char *err, size_t errlen)
{
	struct load_ctx lc = {err, errlen};
	return load_one(&lc, path, rel);
}

void static_free(void)
{
	for (size_t i = 0; i < nfiles; i++) {
		free(files[i].name);
		free(files[i].data);
		free(files[i].url);
	}
	nfiles = 0;
}

static const struct sfile *find(const char *rel)
{
	for (size_t i = 0; i < nfiles; i++)
		if (strcmp(files[i].name, rel) == 0)
			return &files[i];
	return NULL;
}

const char *static_url(const char *rel)
{
	const struct sfile *f = find(rel);
	return f ? f->url : "/static/missing";
}

const char *static_data(const char *rel, size_t *len)
{
	const struct sfile *f = find(rel);
	*len = f ? f->len : 0;
	return f ? f->data : NULL;
}

void static_serve(struct req *r, const char *rel)
{
	const struct sfile *f = find(rel);
	if (!f) {
		r->status = 404;
		return;
	}
	resp_header(r, "ETag", f->etag);
	r->cache_control = "public, max-age=86400";
	r->content_type = f->type;
	const char *inm = req_header(r, "If-None-Match");
	if (inm && strstr(inm, f->etag)) {
		r->status = 304;
		return;
	}
	r->status = 200;
	buf_put(&r->out, f->data, f->len);
}
