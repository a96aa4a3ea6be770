/*
 * checks.c: what is checked when a translation is saved (translate.h).
 *
 * Errors refuse the save: an empty translation, placeholders ({helpline},
 * %d) or markup (<strong>) that differ from the source's, a plural form
 * missing.  Warnings are saved and shown: a heading or button much longer
 * than its source, a glossary term of the source whose approved
 * translation is not in the translation.
 */
#include "translate/translate.h"
#include "core/util.h"

/* marks a message for xgettext: the page that shows an issue translates it */
#ifndef N_
#define N_(s) (s)
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS 32

/* The placeholders and tags of a text as a sorted list of tokens. */
struct tokens {
	char t[MAX_TOKENS][48];
	int n;
	bool overflow;
};

static void tok_add(struct tokens *tk, const char *s, size_t n)
{
	if (tk->n == MAX_TOKENS || n >= sizeof(tk->t[0])) {
		tk->overflow = true;
		return;
	}
	memcpy(tk->t[tk->n], s, n);
	tk->t[tk->n][n] = 0;
	tk->n++;
}

static int tok_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static bool is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* {name}, printf conversions (%s, %d, %zu, %1$s, %%), kept in order of
 * appearance and then sorted: a translation may move them.  A percent sign
 * followed by a space is a number's ("85 % des enfants" in French), not a
 * conversion with the space flag. */
static void placeholders_of(const char *s, struct tokens *tk)
{
	tk->n = 0;
	tk->overflow = false;
	for (const char *p = s; *p; p++) {
		if (*p == '{') {
			const char *q = p + 1;
			while (is_word(*q))
				q++;
			if (*q == '}' && q > p + 1) {
				tok_add(tk, p, (size_t)(q - p + 1));
				p = q;
			}
		} else if (*p == '%') {
			const char *q = p + 1;
			if (*q == '%') {
				p = q;
				continue;
			}
			while ((*q >= '0' && *q <= '9') || *q == '$' || strchr("-+#.", *q))
				q++;
			while (*q == 'l' || *q == 'z' || *q == 'h' || *q == 'j')
				q++;
			if (*q && strchr("sdiuxXfgecp", *q)) {
				tok_add(tk, p, (size_t)(q - p + 1));
				p = q;
			}
		}
	}
	qsort(tk->t, (size_t)tk->n, sizeof(tk->t[0]), tok_cmp);
}

/* The tags' names, with their slash, in the order of the text: "<a>",
 * "</a>", "<br>". */
static void tags_of(const char *s, struct tokens *tk)
{
	tk->n = 0;
	tk->overflow = false;
	for (const char *p = s; (p = strchr(p, '<')); p++) {
		const char *q = p + 1;
		if (*q == '/')
			q++;
		const char *name = q;
		while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9'))
			q++;
		if (q > name && strchr(q, '>')) {
			char tag[48];
			snprintf(tag, sizeof(tag), "%.*s>", (int)(q - p < 40 ? q - p : 40), p);
			tok_add(tk, tag, strlen(tag));
		}
	}
}

/* The first token of a not in b, or NULL. */
static const char *missing(const struct tokens *a, const struct tokens *b)
{
	int used[MAX_TOKENS] = {0};
	for (int i = 0; i < a->n; i++) {
		int k;
		for (k = 0; k < b->n; k++)
			if (!used[k] && strcmp(a->t[i], b->t[k]) == 0)
				break;
		if (k == b->n)
			return a->t[i];
		used[k] = 1;
	}
	return NULL;
}

static void add(struct tr_issue *out, int max, int *n, bool error, const char *msgid,
		const char *detail)
{
	if (*n >= max)
		return;
	struct tr_issue *is = &out[(*n)++];
	is->error = error;
	is->msgid = msgid;
	str_copy(is->detail, sizeof(is->detail), detail ? detail : "");
	/* the English message with its detail, for logs and the command line */
	const char *brace = strchr(msgid, '{');
	if (brace && detail)
		snprintf(is->msg, sizeof(is->msg), "%.*s%s%s", (int)(brace - msgid), msgid, detail,
			 strchr(brace, '}') + 1);
	else
		str_copy(is->msg, sizeof(is->msg), msgid);
}

/* Decodes one UTF-8 code point and folds the cases of the Latin, Greek
 * and Cyrillic letters (enough for glossary terms; no locale is used, so
 * the answer is the same in every process). */
static unsigned fold_next(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	unsigned c = *p++;
	if (c >= 0xc0 && (*p & 0xc0) == 0x80) {
		int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
		c &= 0x3f >> extra;
		for (int i = 0; i < extra && (*p & 0xc0) == 0x80; i++)
			c = (c << 6) | (*p++ & 0x3f);
	}
	*pp = p;
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 32;
	if (c >= 0x391 && c <= 0x3a9)
		return c + 32;
	if (c >= 0x410 && c <= 0x42f)
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	return c;
}

static bool letter(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0xc0;
}

/* True when b is at the start of a, with cases folded. */
static bool match_at(const unsigned char *a, const unsigned char *b)
{
	while (*b) {
		if (!*a || fold_next(&a) != fold_next(&b))
			return false;
	}
	return true;
}

/* True when needle occurs in hay with cases folded; with word_start, only
 * where a word starts in hay ("report" is found in "reporting", not in
 * "misreport"). */
static bool contains(const char *hay, const char *needle, bool word_start)
{
	const unsigned char *h = (const unsigned char *)hay;
	unsigned prev = ' ';
	while (*h) {
		if ((!word_start || !letter(prev)) && match_at(h, (const unsigned char *)needle))
			return true;
		prev = fold_next(&h);
	}
	return false;
}

int tr_check(const char *source, const char *plural, const char *const *forms, int nforms,
	     int nplurals, enum tr_kind kind, const struct tr_glossary_term *glossary, int nglossary,
	     struct tr_issue *out, int max)
{
	int n = 0;
	int want = nplurals > 1 && nforms > 1 ? nplurals : 1;
	if (nforms < want)
		add(out, max, &n, true, N_("A plural form is missing: every one must be translated."),
		    NULL);
	const char *singular = source;
	for (int f = 0; f < nforms; f++) {
		const char *t = forms[f] ? forms[f] : "";
		/* the first form answers the English singular (unless it is the
		 * only form, used for every number), the others the plural */
		source = plural && (f > 0 || nplurals == 1) ? plural : singular;
		char which[48];
		snprintf(which, sizeof(which), "%d", f + 1);
		const char *ws = t;
		while (*ws == ' ' || *ws == '\t' || *ws == '\n' || *ws == '\r')
			ws++;
		if (!*ws) {
			if (nforms > 1)
				add(out, max, &n, true, N_("Plural form {detail} is empty."), which);
			else
				add(out, max, &n, true, N_("The translation is empty."), NULL);
			continue;
		}
		struct tokens a, b;
		placeholders_of(source, &a);
		placeholders_of(t, &b);
		const char *m = missing(&a, &b);
		if (m)
			add(out, max, &n, true, N_("The placeholder {detail} of the source is missing."), m);
		else if ((m = missing(&b, &a)))
			add(out, max, &n, true, N_("The placeholder {detail} is not in the source."), m);
		tags_of(source, &a);
		tags_of(t, &b);
		if ((m = missing(&a, &b)))
			add(out, max, &n, true, N_("The markup {detail} of the source is missing."), m);
		else if ((m = missing(&b, &a)))
			add(out, max, &n, true, N_("The markup {detail} is not in the source."), m);
		size_t ls = utf8_chars(source), lt = utf8_chars(t);
		if (kind == TR_BUTTON && lt > ls + ls / 2 + 4) {
			snprintf(which, sizeof(which), "%zu / %zu", lt, ls);
			add(out, max, &n, false,
			    N_("This button's text is much longer than the source's ({detail} "
			       "characters): it may not fit."),
			    which);
		} else if (kind == TR_HEADING && lt > 2 * ls + 10) {
			snprintf(which, sizeof(which), "%zu / %zu", lt, ls);
			add(out, max, &n, false,
			    N_("This heading is much longer than the source's ({detail} characters)."),
			    which);
		}
		if (f > 0)
			continue;
		for (int g = 0; g < nglossary; g++)
			if (contains(source, glossary[g].term, true) &&
			    !contains(t, glossary[g].translation, false)) {
				char d[160];
				snprintf(d, sizeof(d), "%s → %s", glossary[g].term,
					 glossary[g].translation);
				add(out, max, &n, false, N_("The glossary says: {detail}."), d);
			}
	}
	return n;
}

bool tr_issues_block(const struct tr_issue *is, int n)
{
	for (int i = 0; i < n; i++)
		if (is[i].error)
			return true;
	return false;
}

bool tr_glossary_applies(const char *source, const char *term)
{
	return contains(source, term, true);
}
