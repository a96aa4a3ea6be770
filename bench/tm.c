/*
 * tm.c: the translation memory under `make bench-library`.  Builds a
 * memory of UNITS (200,000) approved pairs made from the English
 * sentences given on standard input (each used many times, with words
 * swapped for others of the same text, so that no two are the same and
 * many are near), then times LOOKUPS (2,000) fuzzy lookups of sentences
 * with one word changed, and prints p50, p99 and the largest time, the
 * share of lookups that found a match, the time to build and the memory's
 * size.  Target: p99 < 20 ms.
 *   bench-tm [UNITS [LOOKUPS]] < sentences
 */
#include "translate/translate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The words of every sentence, for swapping. */
static char **words;
static size_t nwords, capwords;

static void add_words(const char *s)
{
	char *copy = strdup(s), *save = NULL;
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (nwords == capwords) {
			capwords = capwords ? 2 * capwords : 4096;
			words = realloc(words, capwords * sizeof(*words));
		}
		words[nwords++] = strdup(w);
	}
	free(copy);
}

/* s with `swaps` of its words replaced by random words of the corpus. */
static char *variant(const char *s, int swaps, unsigned *seed)
{
	char *copy = strdup(s), *save = NULL;
	char *parts[256];
	int n = 0;
	for (char *w = strtok_r(copy, " ", &save); w && n < 256; w = strtok_r(NULL, " ", &save))
		parts[n++] = w;
	for (int i = 0; i < swaps && n > 0; i++)
		parts[rand_r(seed) % (unsigned)n] = words[rand_r(seed) % nwords];
	size_t len = 1;
	for (int i = 0; i < n; i++)
		len += strlen(parts[i]) + 1;
	char *out = malloc(len), *o = out;
	for (int i = 0; i < n; i++)
		o += sprintf(o, "%s%s", i ? " " : "", parts[i]);
	*o = 0;
	free(copy);
	return out;
}

int main(int argc, char **argv)
{
	int units = argc > 1 ? atoi(argv[1]) : 200000;
	int lookups = argc > 2 ? atoi(argv[2]) : 2000;
	char **sent = NULL;
	size_t nsent = 0, cap = 0;
	char line[8192];
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = 0;
		if (strlen(line) < 20)
			continue;
		if (nsent == cap) {
			cap = cap ? 2 * cap : 1024;
			sent = realloc(sent, cap * sizeof(*sent));
		}
		sent[nsent++] = strdup(line);
		add_words(line);
	}
	if (!nsent) {
		fprintf(stderr, "bench-tm: no sentence on standard input\n");
		return 1;
	}
	unsigned seed = 42;
	double t0 = now_ms();
	struct tmem *tm = tmem_new();
	for (int i = 0; i < units; i++) {
		char *src = variant(sent[(size_t)i % nsent], i < (int)nsent ? 0 : 1 + i % 4, &seed);
		char tgt[64];
		snprintf(tgt, sizeof(tgt), "translation %d", i);
		tmem_add(tm, src, tgt);
		free(src);
	}
	double built = now_ms() - t0;
	double *ms = calloc((size_t)lookups, sizeof(double));
	int hits = 0;
	struct tm_match m[5];
	for (int i = 0; i < lookups; i++) {
		char *q = variant(sent[(size_t)rand_r(&seed) % nsent], 1, &seed);
		double a = now_ms();
		int n = tmem_lookup(tm, q, 50, m, 5);
		ms[i] = now_ms() - a;
		hits += n > 0;
		free(q);
	}
	qsort(ms, (size_t)lookups, sizeof(double), by_double);
	double p50 = ms[lookups / 2], p99 = ms[(lookups * 99) / 100], max = ms[lookups - 1];
	printf("translation memory: %zu units from %zu sentences, built in %.0f ms\n",
	       tmem_size(tm), nsent, built);
	printf("fuzzy lookups: %d, a match (>= 50%%) for %d; p50 %.3f ms, p99 %.3f ms, max %.3f ms "
	       "(target p99 < 20 ms: %s)\n",
	       lookups, hits, p50, p99, max, p99 < 20 ? "met" : "NOT met");
	tmem_free(tm);
	free(ms);
	return 0;
}
