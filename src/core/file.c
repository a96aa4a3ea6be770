/*
 * file.c: see file.h.
 */
#include "core/file.h"
#include "core/buf.h"

#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>

char *file_read(const char *path, size_t max, size_t *len, bool *too_big)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char tmp[16384];
	size_t n;

	if (too_big)
		*too_big = false;
	if (!f)
		return NULL;
	buf_init(&b, max);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0 && !b.overflow)
		buf_put(&b, tmp, n);
	bool failed = ferror(f);
	fclose(f);
	if (b.overflow || failed) {
		if (too_big)
			*too_big = b.overflow;
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b, len);
}

static int walk(const char *root, const char *rel, int depth, int max_depth, file_fn fn,
		void *ctx, const char *what, char *err, size_t errlen)
{
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s%s%s", root, *rel ? "/" : "", rel);
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!d) {
		snprintf(err, errlen, "%s: cannot open the %s folder: %m", dir, what);
		return -1;
	}
	while (rc == 0 && (e = readdir(d))) {
		char path[1200], name[600];
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		snprintf(name, sizeof(name), "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		if (stat(path, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (depth < max_depth)
				rc = walk(root, name, depth + 1, max_depth, fn, ctx, what, err, errlen);
		} else if (S_ISREG(st.st_mode)) {
			rc = fn(ctx, path, name);
		}
	}
	closedir(d);
	return rc;
}

int dir_walk(const char *root, int max_depth, file_fn fn, void *ctx, const char *what, char *err,
	     size_t errlen)
{
	return walk(root, "", 0, max_depth, fn, ctx, what, err, errlen);
}
