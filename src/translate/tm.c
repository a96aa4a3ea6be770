/*
 * tm.c: the translation memory (translate.h).
 *
 * Written here: no Debian library offers a fuzzy memory of sentence
 * pairs.  Each source text is a sequence of words (hashed, cases folded
 * for ASCII); an inverted index from word to entries finds the entries
 * that share the query's rarest words, and the similarity of each such
 * candidate is one minus the word-level edit distance over the longer
 * length, in percent (100 only for the same text).  A lookup touches the
 * postings of at most a dozen words and computes at most 64 distances,
 * whatever the size of the memory.
 */
#include "translate/translate.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 256
#define MAX_QUERY_WORDS 12
#define MAX_CANDIDATES 64

struct tm_entry {
	char *source, *text;
	uint32_t *words;
	int nwords;
};

struct posting {
	uint32_t word; /* 0: empty slot */
	uint32_t n, cap;
	uint32_t *entries;
};

struct tmem {
	struct tm_entry *e;
	size_t n, cap;
	struct posting *dict; /* open addressing, a power of two */
	size_t dsize, dused;
};

static uint32_t word_hash(const unsigned char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		h = (h ^ c) * 16777619u;
	}
	return h ? h : 1;
}

/* The words of a text: runs of letters and digits (any byte of a
 * multibyte character counts as a letter). */
static int words_of(const char *text, uint32_t *out, int max)
{
	const unsigned char *p = (const unsigned char *)text;
	int n = 0;
	while (*p && n < max) {
		while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			       (*p >= '0' && *p <= '9') || *p >= 0x80))
			p++;
		const unsigned char *w = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		       (*p >= '0' && *p <= '9') || *p >= 0x80)
			p++;
		if (p > w)
			out[n++] = word_hash(w, (size_t)(p - w));
	}
	return n;
}

struct tmem *tmem_new(void)
{
	struct tmem *tm = xcalloc(1, sizeof(*tm));
	tm->dsize = 1024;
	tm->dict = xcalloc(tm->dsize, sizeof(*tm->dict));
	return tm;
}

void tmem_free(struct tmem *tm)
{
	if (!tm)
		return;
	for (size_t i = 0; i < tm->n; i++) {
		free(tm->e[i].source);
		free(tm->e[i].text);
		free(tm->e[i].words);
	}
	for (size_t i = 0; i < tm->dsize; i++)
		free(tm->dict[i].entries);
	free(tm->e);
	free(tm->dict);
	free(tm);
}

size_t tmem_size(const struct tmem *tm)
{
	return tm->n;
}

static struct posting *slot_of(struct posting *dict, size_t size, uint32_t w)
{
	size_t i = w & (size - 1);
	while (dict[i].word && dict[i].word != w)
		i = (i + 1) & (size - 1);
	return &dict[i];
}

static void grow_dict(struct tmem *tm)
{
	size_t size = tm->dsize * 2;
	struct posting *d = xcalloc(size, sizeof(*d));
	for (size_t i = 0; i < tm->dsize; i++)
		if (tm->dict[i].word)
			*slot_of(d, size, tm->dict[i].word) = tm->dict[i];
	free(tm->dict);
	tm->dict = d;
	tm->dsize = size;
}

void tmem_add(struct tmem *tm, const char *source, const char *text)
{
	uint32_t w[MAX_WORDS];
	int nw = words_of(source, w, MAX_WORDS);
	if (tm->n == tm->cap) {
		tm->cap = tm->cap ? 2 * tm->cap : 256;
		tm->e = xrealloc(tm->e, tm->cap * sizeof(*tm->e));
	}
	uint32_t id = (uint32_t)tm->n++;
	struct tm_entry *e = &tm->e[id];
	e->source = xstrdup(source);
	e->text = xstrdup(text);
	e->nwords = nw;
	e->words = xmalloc((size_t)(nw ? nw : 1) * sizeof(uint32_t));
	memcpy(e->words, w, (size_t)nw * sizeof(uint32_t));
	for (int i = 0; i < nw; i++) {
		if (2 * (tm->dused + 1) > tm->dsize)
			grow_dict(tm);
		struct posting *p = slot_of(tm->dict, tm->dsize, w[i]);
		if (!p->word) {
			p->word = w[i];
			tm->dused++;
		}
		if (p->n && p->entries[p->n - 1] == id)
			continue; /* the word twice in one text */
		if (p->n == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 4;
			p->entries = xrealloc(p->entries, p->cap * sizeof(uint32_t));
		}
		p->entries[p->n++] = id;
	}
}

/* Levenshtein distance over words, two rows. */
static int word_distance(const uint32_t *a, int la, const uint32_t *b, int lb)
{
	int row0[MAX_WORDS + 1], row1[MAX_WORDS + 1];
	int *prev = row0, *cur = row1;
	for (int j = 0; j <= lb; j++)
		prev[j] = j;
	for (int i = 1; i <= la; i++) {
		cur[0] = i;
		for (int j = 1; j <= lb; j++) {
			int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			int del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		int *t = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

static int similarity(const char *sa, const uint32_t *a, int la, const char *sb,
		      const uint32_t *b, int lb)
{
	if (strcmp(sa, sb) == 0)
		return 100;
	int longer = la > lb ? la : lb;
	if (longer == 0)
		return 0;
	int d = word_distance(a, la, b, lb);
	int sim = 100 - (100 * d + longer - 1) / longer;
	return sim >= 100 ? 99 : sim < 0 ? 0 : sim; /* 100 is for the same text only */
}

int tmem_similarity(const char *a, const char *b)
{
	uint32_t wa[MAX_WORDS], wb[MAX_WORDS];
	int la = words_of(a, wa, MAX_WORDS), lb = words_of(b, wb, MAX_WORDS);
	return similarity(a, wa, la, b, wb, lb);
}

struct cand {
	uint32_t entry;
	int score;
};

static int by_postings(const void *a, const void *b)
{
	const struct posting *const *x = a, *const *y = b;
	return (*x)->n < (*y)->n ? -1 : (*x)->n > (*y)->n;
}

static int by_similarity(const void *a, const void *b)
{
	const struct tm_match *x = a, *y = b;
	return y->similarity - x->similarity;
}

int tmem_lookup(const struct tmem *tm, const char *source, int min, struct tm_match *out, int max)
{
	uint32_t q[MAX_WORDS];
	int nq = words_of(source, q, MAX_WORDS);
	/* the query's distinct known words, rarest first */
	const struct posting *ps[MAX_WORDS];
	int np = 0;
	for (int i = 0; i < nq; i++) {
		const struct posting *p = slot_of(tm->dict, tm->dsize, q[i]);
		if (!p->word)
			continue;
		bool seen = false;
		for (int k = 0; k < np && !seen; k++)
			seen = ps[k] == p;
		if (!seen)
			ps[np++] = p;
	}
	qsort(ps, (size_t)np, sizeof(ps[0]), by_postings);
	if (np > MAX_QUERY_WORDS)
		np = MAX_QUERY_WORDS;
	/* count the shared words of every entry the postings name: a small
	 * open-addressed table, as the postings of rare words are short */
	size_t total = 0;
	for (int k = 0; k < np; k++) {
		if (k > 0 && total + ps[k]->n > 20000) {
			np = k; /* common words add cost, not candidates */
			break;
		}
		total += ps[k]->n;
	}
	size_t tsize = 64;
	while (tsize < 2 * total + 2)
		tsize *= 2;
	struct cand *table = xcalloc(tsize, sizeof(*table));
	for (int k = 0; k < np; k++)
		for (uint32_t i = 0; i < ps[k]->n; i++) {
			uint32_t e = ps[k]->entries[i] + 1;
			size_t s = e & (tsize - 1);
			while (table[s].entry && table[s].entry != e)
				s = (s + 1) & (tsize - 1);
			table[s].entry = e;
			table[s].score++;
		}
	/* the candidates sharing the most words, by counting sort on score */
	struct cand best[MAX_CANDIDATES];
	int nbest = 0;
	for (int score = np; score >= 1 && nbest < MAX_CANDIDATES; score--)
		for (size_t s = 0; s < tsize && nbest < MAX_CANDIDATES; s++)
			if (table[s].entry && table[s].score == score)
				best[nbest++] = (struct cand){table[s].entry - 1, score};
	free(table);
	int n = 0;
	struct tm_match found[MAX_CANDIDATES];
	for (int i = 0; i < nbest; i++) {
		const struct tm_entry *e = &tm->e[best[i].entry];
		int longer = nq > e->nwords ? nq : e->nwords;
		int diff = nq > e->nwords ? nq - e->nwords : e->nwords - nq;
		if (longer && 100 * diff > (100 - min) * longer)
			continue; /* the lengths alone rule it out */
		int sim = similarity(source, q, nq, e->source, e->words, e->nwords);
		if (sim < min)
			continue;
		bool dup = false;
		for (int k = 0; k < n && !dup; k++)
			dup = strcmp(found[k].text, e->text) == 0;
		if (!dup)
			found[n++] = (struct tm_match){e->source, e->text, sim};
	}
	qsort(found, (size_t)n, sizeof(found[0]), by_similarity);
	if (n > max)
		n = max;
	memcpy(out, found, (size_t)n * sizeof(*out));
	return n;
}

/* ---- the memory of each language ---- */

struct lang_tm {
	char code[16];
	char gen[32];
	struct tmem *tm;
};

static struct {
	pthread_rwlock_t lock;
	struct lang_tm *langs;
	int n;
} M = {.lock = PTHREAD_RWLOCK_INITIALIZER};

/* A pair for the memory: of a translation with plural forms, the first
 * form, which answers the English singular. */
static void add_first_form(struct tmem *tm, const char *source, const char *text)
{
	const char *sep = strchr(text, TR_FORM_SEP);
	if (!sep) {
		tmem_add(tm, source, text);
		return;
	}
	char *first = xstrndup(text, (size_t)(sep - text));
	tmem_add(tm, source, first);
	free(first);
}

static struct tmem *build_memory(struct db *db, const char *lang)
{
	struct tmem *tm = tmem_new();
	for (int s = 0; s < tr_nsets(); s++) {
		const struct tr_set *set = tr_set_at(s);
		for (int u = 0; u < set->nunits; u++) {
			const char *t = tr_shipped(set, &set->units[u], lang);
			if (t)
				add_first_form(tm, set->units[u].source, t);
		}
	}
	struct db_stmt *st = db_q(db,
				  "SELECT source, text FROM translations WHERE lang = ? AND "
				  "state = 'approved'",
				  "t", lang);
	if (!st) {
		tmem_free(tm);
		return NULL;
	}
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		add_first_form(tm, db_text(st, 0), db_text(st, 1));
	db_done(st);
	if (rc != DB_DONE) {
		tmem_free(tm);
		return NULL;
	}
	return tm;
}

static struct lang_tm *find_lang(const char *lang)
{
	for (int i = 0; i < M.n; i++)
		if (str_eq(M.langs[i].code, lang))
			return &M.langs[i];
	return NULL;
}

int tr_memory_lookup(struct db *db, const char *lang, const char *source, int max,
		     tm_found_fn fn, void *ctx)
{
	char gen[32] = "0";
	struct db_stmt *st =
		db_q(db, "SELECT value FROM settings WHERE key = 'translations_gen'", "");
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW)
		str_copy(gen, sizeof(gen), db_text(st, 0));
	db_done(st);
	pthread_rwlock_rdlock(&M.lock);
	struct lang_tm *l = find_lang(lang);
	if (!l || !str_eq(l->gen, gen)) {
		pthread_rwlock_unlock(&M.lock);
		pthread_rwlock_wrlock(&M.lock);
		l = find_lang(lang);
		if (!l || !str_eq(l->gen, gen)) {
			struct tmem *tm = build_memory(db, lang);
			if (!tm) {
				pthread_rwlock_unlock(&M.lock);
				return -1;
			}
			if (!l) {
				M.langs = xrealloc(M.langs, (size_t)(M.n + 1) * sizeof(*M.langs));
				l = &M.langs[M.n++];
				memset(l, 0, sizeof(*l));
				str_copy(l->code, sizeof(l->code), lang);
			}
			tmem_free(l->tm);
			l->tm = tm;
			str_copy(l->gen, sizeof(l->gen), gen);
		}
		/* no lock downgrade in POSIX: look up under the write lock */
	}
	struct tm_match m[16];
	int n = tmem_lookup(l->tm, source, 50, m, max < 16 ? max : 16);
	for (int i = 0; i < n; i++)
		fn(ctx, m[i].source, m[i].text, m[i].similarity);
	pthread_rwlock_unlock(&M.lock);
	return n;
}

void tr_memory_free(void)
{
	pthread_rwlock_wrlock(&M.lock);
	for (int i = 0; i < M.n; i++)
		tmem_free(M.langs[i].tm);
	free(M.langs);
	M.langs = NULL;
	M.n = 0;
	pthread_rwlock_unlock(&M.lock);
}
