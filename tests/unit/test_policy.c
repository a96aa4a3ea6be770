/*
 * test_policy.c: the maturity framework's loader (content/policy.h): the
 * shipped framework whole, and every problem of a broken one reported
 * with its file and line.
 */
#include "unit.h"

#include "content/library.h"
#include "content/policy.h"
#include "problems.h"

#include <ftw.h>
#include <sys/stat.h>

static char root[64];

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(p);
}

static struct library *shipped_library(void)
{
	char content[1024];
	snprintf(content, sizeof(content), "%s/content", unit_data_dir());
	struct problems p = {0};
	struct library *lib = NULL;
	int n = library_load(content, NULL, collect, &p, &lib);
	if (n) {
		problems_print(&p);
		fail_msg("%s: %d problems in the library", content, n);
	}
	problems_free(&p);
	return lib;
}

static void test_shipped(void **state)
{
	(void)state;
	struct library *lib = shipped_library();
	char content[1024];
	snprintf(content, sizeof(content), "%s/content", unit_data_dir());
	struct problems p = {0};
	struct pol_framework *fw = NULL;
	int n = policy_load(content, lib, collect, &p, &fw);
	if (n)
		problems_print(&p);
	assert_int_equal(n, 0);
	assert_non_null(fw);
	/* the Model National Response: six domains, 21 capabilities */
	assert_int_equal(fw->ndomains, 6);
	assert_int_equal(fw->ncaps, 21);
	assert_string_equal(fw->domains[0].id, "policy");
	assert_string_equal(fw->domains[5].id, "media");
	static const int per_domain[] = {3, 4, 4, 4, 4, 2};
	for (int g = 0; g < 6; g++)
		assert_int_equal(fw->domains[g].ncaps, per_domain[g]);
	for (int i = 0; i < fw->ncaps; i++) {
		const struct pol_cap *c = &fw->caps[i];
		assert_int_equal(c->number, i + 1);
		assert_ptr_equal(policy_cap(fw, c->id), c);
		for (int lg = 0; lg < CONTENT_NLANGS; lg++) {
			assert_non_null(c->title.s[lg]);
			assert_non_null(c->about.s[lg]);
			for (int k = 0; k < POL_NLEVELS; k++)
				assert_non_null(c->level[k].s[lg]);
		}
	}
	const struct pol_cap *h = policy_cap(fw, "helpline");
	assert_non_null(h);
	assert_int_equal(h->number, 11);
	assert_string_equal(fw->domains[h->domain].id, "victim");
	/* every area of the guidelines for policy-makers is carried somewhere */
	assert_int_equal(fw->nareas, 6);
	for (int a = 0; a < fw->nareas; a++) {
		int carried = 0;
		for (int i = 0; i < fw->ncaps; i++)
			carried += (fw->caps[i].areas >> a) & 1;
		assert_true(carried > 0);
	}
	assert_null(policy_cap(fw, "nothing"));
	policy_free(fw);
	library_free(lib);
	problems_free(&p);
}

static const char broken[] =
	"[framework]\n"
	"title@en: F\n"
	"summary@en: S\n"
	"colour: red\n"
	"level.1@en: One\n"
	"\n"
	"[area.legal]\n"
	"title@en: Legal\n"
	"\n"
	"[domain.a]\n"
	"order: 1\n"
	"title@en: A\n"
	"outcome@en: Done\n"
	"\n"
	"[domain.b]\n"
	"order: 1\n"
	"title@en: B\n"
	"outcome@en: Done\n"
	"\n"
	"[gadget]\n"
	"title@en: ?\n"
	"\n"
	"[cap.one]\n"
	"number: 1\n"
	"domain: nowhere\n"
	"areas: legal moon\n"
	"see: policy/no.such.place\n"
	"title@en: One\n"
	"about@en: About\n"
	"l1@en: 1\n"
	"l2@en: 2\n"
	"l3@en: 3\n"
	"l4@en: 4\n"
	"\n"
	"[cap.three]\n"
	"number: 3\n"
	"domain: a\n"
	"title@en: Three\n"
	"about@en: About\n"
	"l1@en: 1\n"
	"l2@en: 2\n"
	"l4@en: 4\n"
	"title@xx: ?\n";

static void test_problems(void **state)
{
	(void)state;
	struct library *lib = shipped_library();
	char dir[128], path[192];
	snprintf(dir, sizeof(dir), "%s/policy", root);
	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/framework.txt", dir);
	unit_write(NULL, path, broken, strlen(broken));
	struct problems p = {0};
	struct pol_framework *fw = NULL;
	int n = policy_load(root, lib, collect, &p, &fw);
	assert_null(fw);
	assert_true(n > 0);
	assert_problem(&p, "framework.txt:1: [framework] lacks source@en");
	assert_problem(&p, "framework.txt:4: [framework] colour: not a field of this record");
	assert_problem(&p, "[framework] lacks level.4.about@en");
	assert_problem(&p, "framework.txt:16: [domain.b] order: 1 is [domain.a]'s too");
	assert_problem(&p, "framework.txt:20: [gadget]: not a record of the framework");
	assert_problem(&p, "framework.txt:25: [cap.one] domain: no [domain.nowhere]");
	assert_problem(&p, "framework.txt:26: [cap.one] areas: no [area.moon]");
	assert_problem(&p, "framework.txt:27: [cap.one] see: policy/no.such.place leads nowhere");
	assert_problem(&p, "[cap.three] lacks l3@en");
	assert_problem(&p, "title@xx: xx is not one of ar, en, es, fr, ru, zh");
	assert_problem(&p, "capability three has number 3: the capabilities are numbered 1 to 2");
	assert_problem(&p, "[domain.b] has no capability");
	/* the English is required in every language: French missing */
	assert_problem(&p, "[cap.three] lacks title@fr");
	problems_free(&p);

	/* no file at all */
	remove(path);
	n = policy_load(root, lib, collect, &p, &fw);
	assert_null(fw);
	assert_true(n > 0);
	problems_free(&p);
	library_free(lib);
}

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/cophub-policy.XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_problems),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
