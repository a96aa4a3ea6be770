/*
 * test_router.c: http/router.h.  route_pattern_match with ":name"
 * segments, trailing slashes, empty segments, the parameter limit and
 * static prefixes; router_match giving ROUTE_FOUND (HEAD served by the
 * GET row), ROUTE_NOT_FOUND, and ROUTE_BAD_METHOD with the Allow list.
 */
#include "unit.h"

#include "http/router.h"

static int h_a(struct req *r)
{
	(void)r;
	return 0;
}

static int h_b(struct req *r)
{
	(void)r;
	return 1;
}

static const struct route table[] = {
	{"GET", "/", 0, 0, h_a, 0},			/* 0 */
	{"GET", "/users/:id", 0, 0, h_a, 0},		/* 1 */
	{"POST", "/users/:id", 0, 1024, h_b, 0},	/* 2 */
	{"GET", "/c/:cc/users/:id/edit", 0, 0, h_a, ROUTE_OWN_COUNTRY}, /* 3 */
	{"POST", "/login", 0, 4096, h_b, ROUTE_NO_CSRF}, /* 4 */
	{"GET", "/login", 0, 0, h_a, 0},		/* 5 */
	{"DELETE", "/items/:id", 0, 0, h_b, 0},	/* 6 */
	{"GET", "/static/", 0, 0, h_a, ROUTE_STATIC},	/* 7 */
	{"GET", "/users/new", 0, 0, h_b, 0},		/* 8: shadowed by row 1 */
};
#define NROUTES (sizeof(table) / sizeof(table[0]))

static const struct {
	const char *pattern, *path;
	unsigned flags;
	bool match;
	int nparams;
	const char *p0, *p1;
} patterns[] = {
	{"/", "/", 0, true, 0, NULL, NULL},
	{"/", "", 0, false, 0, NULL, NULL},
	{"/", "//", 0, false, 0, NULL, NULL},
	{"/a/b", "/a/b", 0, true, 0, NULL, NULL},
	{"/a/b", "/a/bc", 0, false, 0, NULL, NULL},
	{"/a/bc", "/a/b", 0, false, 0, NULL, NULL},
	{"/a/b", "/A/b", 0, false, 0, NULL, NULL},
	{"/a/b", "/a/b/", 0, false, 0, NULL, NULL},	/* trailing slash differs */
	{"/a/b/", "/a/b", 0, false, 0, NULL, NULL},
	{"/a/b/", "/a/b/", 0, true, 0, NULL, NULL},
	{"/users/:id", "/users/42", 0, true, 1, "42", NULL},
	{"/users/:id", "/users/a.b-c", 0, true, 1, "a.b-c", NULL},
	{"/users/:id", "/users/42/", 0, false, 0, NULL, NULL},
	{"/users/:id/", "/users/42", 0, false, 0, NULL, NULL},
	{"/users/:id/", "/users/42/", 0, true, 1, "42", NULL},
	{"/users/:id", "/users/", 0, false, 0, NULL, NULL},	/* empty segment */
	{"/users/:id", "/users", 0, false, 0, NULL, NULL},
	{"/users/:id", "/users/4/2", 0, false, 0, NULL, NULL},	/* one segment only */
	{"/users/:id/edit", "/users//edit", 0, false, 0, NULL, NULL},
	{"/users/:id/edit", "/users/7/edit", 0, true, 1, "7", NULL},
	{"/users/:id/edit", "/users/7/editx", 0, false, 0, NULL, NULL},
	{"/c/:cc/users/:id", "/c/fr/users/9", 0, true, 2, "fr", "9"},
	{"/c/:cc/users/:id", "/c//users/9", 0, false, 0, NULL, NULL},
	{"/:a/:b/:c/:d", "/1/2/3/4", 0, true, 4, "1", "2"},
	{"/:a/:b/:c/:d/:e", "/1/2/3/4/5", 0, false, 0, NULL, NULL}, /* REQ_MAX_PARAMS */
	{"/static/", "/static/css/site.css", ROUTE_STATIC, true, 1, "css/site.css", NULL},
	{"/static/", "/static/", ROUTE_STATIC, false, 0, NULL, NULL},
	{"/static/", "/static", ROUTE_STATIC, false, 0, NULL, NULL},
	{"/static/", "/staticx/a", ROUTE_STATIC, false, 0, NULL, NULL},
	{"/static/", "/x/static/a", ROUTE_STATIC, false, 0, NULL, NULL},
};

static void test_pattern_match(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		struct arena a;
		const char *params[REQ_MAX_PARAMS] = {0};
		int n = -1;
		arena_init(&a);
		bool m = route_pattern_match(patterns[i].pattern, patterns[i].path, &a, params, &n,
					     patterns[i].flags);
		if (m != patterns[i].match)
			fail_msg("\"%s\" on \"%s\": %s", patterns[i].pattern, patterns[i].path,
				 m ? "matched" : "did not match");
		if (m) {
			assert_int_equal(n, patterns[i].nparams);
			if (patterns[i].p0)
				assert_string_equal(params[0], patterns[i].p0);
			if (patterns[i].p1)
				assert_string_equal(params[1], patterns[i].p1);
		}
		/* without somewhere to put parameters, the answer is the same */
		assert_int_equal(route_pattern_match(patterns[i].pattern, patterns[i].path, NULL,
						     NULL, NULL, patterns[i].flags),
				 patterns[i].match);
		arena_free(&a);
	}
}

static void test_params_are_copies(void **state)
{
	(void)state;
	struct arena a;
	const char *params[REQ_MAX_PARAMS];
	int n;
	char path[] = "/c/fr/users/9/edit";
	arena_init(&a);
	assert_true(route_pattern_match("/c/:cc/users/:id/edit", path, &a, params, &n, 0));
	assert_int_equal(n, 2);
	memset(path, 'x', sizeof(path) - 1);
	assert_string_equal(params[0], "fr");	/* NUL-terminated copies */
	assert_string_equal(params[1], "9");
	arena_free(&a);
}

/* A request for the router: method, its name and the path. */
static void req_init(struct req *r, enum http_method m, const char *name, const char *path)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->arena);
	r->method = m;
	r->method_name = name;
	r->path = path;
}

static const struct {
	enum http_method method;
	const char *name, *path;
	enum router_result result;
	int row;		/* ROUTE_FOUND: the table row */
	const char *allow;	/* ROUTE_BAD_METHOD: the Allow header */
	const char *p0, *p1;
} matches[] = {
	{M_GET, "GET", "/", ROUTE_FOUND, 0, NULL, NULL, NULL},
	{M_HEAD, "HEAD", "/", ROUTE_FOUND, 0, NULL, NULL, NULL},
	{M_GET, "GET", "/users/42", ROUTE_FOUND, 1, NULL, "42", NULL},
	{M_HEAD, "HEAD", "/users/42", ROUTE_FOUND, 1, NULL, "42", NULL},
	{M_POST, "POST", "/users/42", ROUTE_FOUND, 2, NULL, "42", NULL},
	{M_GET, "GET", "/users/new", ROUTE_FOUND, 1, NULL, "new", NULL}, /* first row wins */
	{M_GET, "GET", "/c/fr/users/9/edit", ROUTE_FOUND, 3, NULL, "fr", "9"},
	{M_POST, "POST", "/login", ROUTE_FOUND, 4, NULL, NULL, NULL},
	{M_GET, "GET", "/login", ROUTE_FOUND, 5, NULL, NULL, NULL},
	{M_DELETE, "DELETE", "/items/3", ROUTE_FOUND, 6, NULL, "3", NULL},
	{M_GET, "GET", "/static/app.js", ROUTE_FOUND, 7, NULL, "app.js", NULL},
	{M_PUT, "PUT", "/users/42", ROUTE_BAD_METHOD, -1, "GET, HEAD, POST", NULL, NULL},
	{M_DELETE, "DELETE", "/login", ROUTE_BAD_METHOD, -1, "POST, GET, HEAD", NULL, NULL},
	{M_POST, "POST", "/", ROUTE_BAD_METHOD, -1, "GET, HEAD", NULL, NULL},
	{M_OPTIONS, "OPTIONS", "/", ROUTE_BAD_METHOD, -1, "GET, HEAD", NULL, NULL},
	{M_GET, "GET", "/items/3", ROUTE_BAD_METHOD, -1, "DELETE", NULL, NULL},
	{M_HEAD, "HEAD", "/items/3", ROUTE_BAD_METHOD, -1, "DELETE", NULL, NULL},
	{M_POST, "POST", "/static/a.css", ROUTE_BAD_METHOD, -1, "GET, HEAD", NULL, NULL},
	{M_OTHER, "BREW", "/c/fr/users/9/edit", ROUTE_BAD_METHOD, -1, "GET, HEAD", NULL, NULL},
	{M_GET, "GET", "/nope", ROUTE_NOT_FOUND, -1, NULL, NULL, NULL},
	{M_POST, "POST", "/nope", ROUTE_NOT_FOUND, -1, NULL, NULL, NULL},
	{M_GET, "GET", "/users/42/", ROUTE_NOT_FOUND, -1, NULL, NULL, NULL},
	{M_GET, "GET", "/users/", ROUTE_NOT_FOUND, -1, NULL, NULL, NULL},
	{M_GET, "GET", "/login/", ROUTE_NOT_FOUND, -1, NULL, NULL, NULL},
	{M_GET, "GET", "/static/", ROUTE_NOT_FOUND, -1, NULL, NULL, NULL},
	{M_GET, "GET", "", ROUTE_NOT_FOUND, -1, NULL, NULL, NULL},
};

static void test_router_match(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(matches) / sizeof(matches[0]); i++) {
		struct req r;
		char allow[64];
		memset(allow, 'z', sizeof(allow));
		req_init(&r, matches[i].method, matches[i].name, matches[i].path);
		enum router_result res = router_match(table, NROUTES, &r, allow, sizeof(allow));
		if (res != matches[i].result)
			fail_msg("%s %s: result %d, expected %d", matches[i].name, matches[i].path,
				 res, matches[i].result);
		if (res == ROUTE_BAD_METHOD)
			assert_string_equal(allow, matches[i].allow);
		if (res == ROUTE_FOUND) {
			assert_ptr_equal(r.route, &table[matches[i].row]);
			assert_ptr_equal(r.route->handler, table[matches[i].row].handler);
			int want = (matches[i].p0 != NULL) + (matches[i].p1 != NULL);
			assert_int_equal(r.nparams, want);
			if (matches[i].p0)
				assert_string_equal(req_param(&r, 0), matches[i].p0);
			if (matches[i].p1)
				assert_string_equal(req_param(&r, 1), matches[i].p1);
			assert_null(req_param(&r, want));
			assert_null(req_param(&r, -1));
		} else {
			assert_null(r.route);
		}
		arena_free(&r.arena);
	}
}

static void test_allow_buffer_small(void **state)
{
	(void)state;
	struct req r;
	/* "GET, HEAD" fits in 10 bytes; ", POST" does not and is left out */
	char *allow = malloc(10);
	req_init(&r, M_PUT, "PUT", "/users/1");
	assert_int_equal(router_match(table, NROUTES, &r, allow, 10), ROUTE_BAD_METHOD);
	assert_string_equal(allow, "GET, HEAD");
	free(allow);
	arena_free(&r.arena);

	allow = malloc(16);
	req_init(&r, M_PUT, "PUT", "/users/1");
	assert_int_equal(router_match(table, NROUTES, &r, allow, 16), ROUTE_BAD_METHOD);
	assert_string_equal(allow, "GET, HEAD, POST");
	free(allow);
	arena_free(&r.arena);
}

static void test_empty_table(void **state)
{
	(void)state;
	struct req r;
	char allow[32];
	req_init(&r, M_GET, "GET", "/");
	assert_int_equal(router_match(table, 0, &r, allow, sizeof(allow)), ROUTE_NOT_FOUND);
	assert_string_equal(allow, "");
	arena_free(&r.arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pattern_match),
		cmocka_unit_test(test_params_are_copies),
		cmocka_unit_test(test_router_match),
		cmocka_unit_test(test_allow_buffer_small),
		cmocka_unit_test(test_empty_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
