/*
 * policy.c: the maturity framework (policy.h), read from
 * content/policy/framework.txt with the translations of
 * content/policy/i18n/LANG/framework.txt merged in.
 *
 * Records: [framework] (its title, summary, source and the four levels'
 * names and descriptions), [area.ID], [domain.ID] (order, title, outcome)
 * and [cap.ID] (number, domain, areas, see, title, about, l1 to l4).
 */
#include "content/policy.h"
#include "core/mem.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* every content language: the framework is read by coordinators and
 * stakeholders of any country */
const unsigned policy_langs = (1u << CONTENT_NLANGS) - 1;

static void check_keys(struct loader *l, const struct cf_record *r, const char *const *keys,
		       size_t nkeys)
{
	for (int i = 0; i < r->nfields; i++) {
		const struct cf_field *f = &r->fields[i];
		bool ok = false;
		for (size_t k = 0; k < nkeys && !ok; k++)
			ok = str_eq(f->key, keys[k]);
		if (!ok)
			cl_problem(l, f->line, "[%s] %s: not a field of this record", r->id, f->key);
	}
	cl_check_langs(l, r);
}

static bool id_ok(const char *s)
{
	if (!*s || strlen(s) > 40)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

static int int_field(struct loader *l, const struct cf_record *r, const char *key, int min,
		     int max)
{
	const struct cf_field *f = cf_get(r, key, NULL);
	int64_t v;
	if (!f) {
		cl_problem(l, r->line, "[%s] lacks %s:", r->id, key);
		return 0;
	}
	if (!parse_int64(f->value, min, max, &v)) {
		cl_problem(l, f->line, "[%s] %s: a whole number from %d to %d, not \"%s\"", r->id,
			   key, min, max, f->value);
		return 0;
	}
	return (int)v;
}

static void load_head(struct loader *l, struct pol_framework *fw, const struct cf_record *r)
{
	static const char *const keys[] = {"title",	  "summary",	     "source",
					   "level.1",	  "level.1.about", "level.2",
					   "level.2.about", "level.3",	     "level.3.about",
					   "level.4",	  "level.4.about"};
	check_keys(l, r, keys, ARRAY_LEN(keys));
	cl_get_text(l, r, "title", &fw->title);
	cl_get_text(l, r, "summary", &fw->summary);
	cl_get_text(l, r, "source", &fw->source);
	for (int i = 0; i < POL_NLEVELS; i++) {
		char k[32];
		snprintf(k, sizeof(k), "level.%d", i + 1);
		cl_get_text(l, r, k, &fw->level_name[i]);
		snprintf(k, sizeof(k), "level.%d.about", i + 1);
		cl_get_text(l, r, k, &fw->level_about[i]);
	}
}

static int find_domain(const struct pol_framework *fw, const char *id)
{
	for (int i = 0; i < fw->ndomains; i++)
		if (str_eq(fw->domains[i].id, id))
			return i;
	return -1;
}

static int find_area(const struct pol_framework *fw, const char *id)
{
	for (int i = 0; i < fw->nareas; i++)
		if (str_eq(fw->areas[i].id, id))
			return i;
	return -1;
}

/* A link "SET/ID" to a chapter, section or item of the library. */
static bool see_ok(const struct library *lib, const char *ref)
{
	const char *slash = strchr(ref, '/');
	if (!slash || slash == ref || !slash[1] || slash - ref >= 32)
		return false;
	char set[32];
	memcpy(set, ref, (size_t)(slash - ref));
	set[slash - ref] = 0;
	const struct lib_set *s = library_set(lib, set);
	const struct lib_chapter *ch;
	const struct lib_section *sec;
	const struct lib_item *it;
	return s && library_find(s, slash + 1, &ch, &sec, &it);
}

static void load_cap(struct loader *l, struct pol_framework *fw, const struct cf_record *r,
		     const struct library *lib)
{
	static const char *const keys[] = {"number", "domain", "areas", "see", "title",
					   "about",  "l1",     "l2",    "l3",  "l4"};
	check_keys(l, r, keys, ARRAY_LEN(keys));
	struct pol_cap *c = &fw->caps[fw->ncaps++];
	c->id = r->id + 4;
	if (!id_ok(c->id))
		cl_problem(l, r->line, "[%s]: a capability's id is cap. and a-z, 0-9 and -", r->id);
	c->number = int_field(l, r, "number", 1, POL_MAX_CAPS);
	const char *dom = cl_get_value(l, r, "domain");
	c->domain = dom ? find_domain(fw, dom) : -1;
	if (dom && c->domain < 0)
		cl_problem(l, cf_get(r, "domain", NULL)->line, "[%s] domain: no [domain.%s]", r->id,
			   dom);
	const struct cf_field *f = cf_get(r, "areas", NULL);
	if (f) {
		char *copy = xstrdup(f->value), *save = NULL;
		for (char *a = strtok_r(copy, " ", &save); a; a = strtok_r(NULL, " ", &save)) {
			int i = find_area(fw, a);
			if (i < 0)
				cl_problem(l, f->line, "[%s] areas: no [area.%s]", r->id, a);
			else
				c->areas |= 1u << i;
		}
		free(copy);
	}
	f = cf_get(r, "see", NULL);
	if (f) {
		/* the links point into the field's value, kept with the file */
		char *v = f->value, *save = NULL;
		for (char *a = strtok_r(v, " ", &save); a; a = strtok_r(NULL, " ", &save)) {
			if (c->nsee == POL_MAX_SEE) {
				cl_problem(l, f->line, "[%s] see: at most %d links", r->id, POL_MAX_SEE);
				break;
			}
			if (lib && !see_ok(lib, a))
				cl_problem(l, f->line,
					   "[%s] see: %s leads nowhere (SET/ID of a chapter, section "
					   "or item of the guidelines)",
					   r->id, a);
			c->see[c->nsee++] = a;
		}
	}
	cl_get_text(l, r, "title", &c->title);
	cl_get_text(l, r, "about", &c->about);
	for (int i = 0; i < POL_NLEVELS; i++) {
		char k[8];
		snprintf(k, sizeof(k), "l%d", i + 1);
		cl_get_text(l, r, k, &c->level[i]);
	}
}

static int by_order(const void *a, const void *b)
{
	const struct pol_domain *x = a, *y = b;
	return x->order - y->order;
}

static int by_number(const void *a, const void *b)
{
	const struct pol_cap *x = a, *y = b;
	return x->number - y->number;
}

int policy_load(const char *content_dir, const struct library *lib, cf_report_fn report,
		void *ctx, struct pol_framework **out)
{
	struct loader l = {.report = report, .ctx = ctx, .langs = policy_langs};
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s/policy", content_dir);
	struct pol_framework *fw = xcalloc(1, sizeof(*fw));
	*out = NULL;
	l.path = dir;
	struct cf_file *f = cl_load_file(&l, fw->files, &fw->nfiles, 2, dir, "framework.txt");
	if (!f) {
		policy_free(fw);
		return l.problems ? l.problems : 1;
	}
	char path[1100];
	snprintf(path, sizeof(path), "%s/framework.txt", dir);
	l.path = path;
	fw->caps = xcalloc((size_t)f->nrecords + 1, sizeof(*fw->caps));
	const struct cf_record *head = cl_record(f, "framework");
	if (!head)
		cl_problem(&l, 1, "no [framework] record");
	else
		load_head(&l, fw, head);
	/* areas and domains first: the capabilities name them */
	for (int i = 0; i < f->nrecords; i++) {
		const struct cf_record *r = &f->records[i];
		if (str_starts(r->id, "area.")) {
			static const char *const keys[] = {"title"};
			check_keys(&l, r, keys, ARRAY_LEN(keys));
			if (!id_ok(r->id + 5))
				cl_problem(&l, r->line, "[%s]: an area's id is area. and a-z, 0-9 and -", r->id);
			if (fw->nareas == POL_MAX_AREAS) {
				cl_problem(&l, r->line, "more than %d areas", POL_MAX_AREAS);
				continue;
			}
			struct pol_area *a = &fw->areas[fw->nareas++];
			a->id = r->id + 5;
			cl_get_text(&l, r, "title", &a->title);
		} else if (str_starts(r->id, "domain.")) {
			static const char *const keys[] = {"order", "title", "outcome"};
			check_keys(&l, r, keys, ARRAY_LEN(keys));
			if (!id_ok(r->id + 7))
				cl_problem(&l, r->line, "[%s]: a domain's id is domain. and a-z, 0-9 and -", r->id);
			if (fw->ndomains == POL_MAX_DOMAINS) {
				cl_problem(&l, r->line, "more than %d domains", POL_MAX_DOMAINS);
				continue;
			}
			struct pol_domain *d = &fw->domains[fw->ndomains++];
			d->id = r->id + 7;
			d->order = int_field(&l, r, "order", 1, POL_MAX_DOMAINS);
			cl_get_text(&l, r, "title", &d->title);
			cl_get_text(&l, r, "outcome", &d->outcome);
			for (int k = 0; k < fw->ndomains - 1; k++)
				if (d->order && fw->domains[k].order == d->order)
					cl_problem(&l, cf_get(r, "order", NULL)->line,
						   "[%s] order: %d is [domain.%s]'s too", r->id, d->order,
						   fw->domains[k].id);
		} else if (!str_eq(r->id, "framework") && !str_starts(r->id, "cap.")) {
			cl_problem(&l, r->line, "[%s]: not a record of the framework ([framework], "
				   "[area.ID], [domain.ID], [cap.ID])", r->id);
		}
	}
	qsort(fw->domains, (size_t)fw->ndomains, sizeof(*fw->domains), by_order);
	for (int i = 0; i < f->nrecords; i++) {
		if (!str_starts(f->records[i].id, "cap."))
			continue;
		if (fw->ncaps == POL_MAX_CAPS) {
			cl_problem(&l, f->records[i].line, "more than %d capabilities", POL_MAX_CAPS);
			break;
		}
		load_cap(&l, fw, &f->records[i], lib);
	}
	if (!fw->ndomains)
		cl_problem(&l, 1, "the framework has no domain");
	if (!fw->ncaps)
		cl_problem(&l, 1, "the framework has no capability");
	/* numbered 1..N with no gap, each domain's capabilities together */
	qsort(fw->caps, (size_t)fw->ncaps, sizeof(*fw->caps), by_number);
	bool gap = false;
	for (int i = 0; i < fw->ncaps; i++) {
		const struct pol_cap *c = &fw->caps[i];
		if (c->number && c->number != i + 1 && !gap) {
			cl_problem(&l, 0, "capability %s has number %d: the capabilities are numbered "
				   "1 to %d with no gap or repeat", c->id, c->number, fw->ncaps);
			gap = true;
		}
		if (c->domain >= 0) {
			fw->domains[c->domain].ncaps++;
			if (i && fw->caps[i - 1].domain > c->domain)
				cl_problem(&l, 0, "capability %d (%s) comes after a capability of a later "
					   "domain: number them in the order of the domains",
					   c->number, c->id);
		}
	}
	for (int i = 0; i < fw->ndomains; i++)
		if (!fw->domains[i].ncaps)
			cl_problem(&l, 0, "[domain.%s] has no capability", fw->domains[i].id);
	if (l.problems) {
		policy_free(fw);
		return l.problems;
	}
	*out = fw;
	return 0;
}

void policy_free(struct pol_framework *fw)
{
	if (!fw)
		return;
	free(fw->caps);
	for (int i = 0; i < fw->nfiles; i++)
		cf_free(fw->files[i]);
	free(fw);
}

const struct pol_cap *policy_cap(const struct pol_framework *fw, const char *id)
{
	for (int i = 0; fw && id && i < fw->ncaps; i++)
		if (str_eq(fw->caps[i].id, id))
			return &fw->caps[i];
	return NULL;
}
