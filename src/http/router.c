/*
 * router.c: matching a request against the route table (router.h).
 * Tables are small (tens of rows), so a linear scan in table order is
 * both fast enough and easy to reason about: the first match wins.
 */
#include "http/router.h"
#include "core/util.h"

#include <stdio.h>
#include <string.h>

bool route_pattern_match(const char *pattern, const char *path, struct arena *a,
			 const char **params, int *nparams, unsigned flags)
{
	const char *p = pattern, *s = path;
	int n = 0;

	if (flags & ROUTE_STATIC) {
		size_t plen = strlen(pattern);
		if (strncmp(path, pattern, plen) != 0 || !path[plen])
			return false;
		if (params && n < REQ_MAX_PARAMS)
			params[n++] = path + plen;
		if (nparams)
			*nparams = n;
		return true;
	}
	while (*p && *s) {
		if (*p == ':') {
			const char *pe = strchr(p, '/');
			const char *se = strchr(s, '/');
			size_t slen = se ? (size_t)(se - s) : strlen(s);
			if (slen == 0 || n == REQ_MAX_PARAMS)
				return false;
			if (params)
				params[n] = arena_strndup(a, s, slen);
			n++;
			p = pe ? pe : p + strlen(p);
			s += slen;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	if (*p || *s)
		return false;
	if (nparams)
		*nparams = n;
	return true;
}

enum router_result router_match(const struct route *table, size_t n, struct req *r,
				char *allow, size_t allowlen)
{
	const char *method = r->method == M_HEAD ? "GET" : r->method_name;
	bool path_seen = false;
	size_t used = 0;

	allow[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const struct route *rt = &table[i];
		if (!route_pattern_match(rt->pattern, r->path, NULL, NULL, NULL, rt->flags))
			continue;
		if (str_eq(rt->method, method)) {
			r->route = rt;
			route_pattern_match(rt->pattern, r->path, &r->arena, r->params, &r->nparams,
					    rt->flags);
			return ROUTE_FOUND;
		}
		path_seen = true;
		if (!strstr(allow, rt->method)) {
			int w = snprintf(allow + used, allowlen - used, "%s%s%s", used ? ", " : "",
					 rt->method, str_eq(rt->method, "GET") ? ", HEAD" : "");
			if (w > 0 && (size_t)w < allowlen - used)
				used += (size_t)w;
		}
	}
	return path_seen ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}
