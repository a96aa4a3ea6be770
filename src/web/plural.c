/*
 * plural.c: see plural.h.  A recursive-descent parser for the C subset
 * gettext allows (?:, ||, &&, ==, !=, <, >, <=, >=, +, -, *, /, %, !,
 * parentheses, n and decimal numbers) into a small tree, evaluated with
 * unsigned long arithmetic; division by zero yields 0.
 */
#include "web/plural.h"
#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum op { OP_NUM, OP_N, OP_NOT, OP_MUL, OP_DIV, OP_MOD, OP_ADD, OP_SUB, OP_LT, OP_GT,
	  OP_LE, OP_GE, OP_EQ, OP_NE, OP_AND, OP_OR, OP_COND };

#define PLURAL_MAX_NODES 256
#define PLURAL_MAX_DEPTH 64

struct pnode {
	enum op op;
	unsigned long value;
	int a, b, c; /* child indexes */
};

struct plural {
	int nplurals;
	int root;
	int count;
	struct pnode nodes[PLURAL_MAX_NODES];
};

struct parser {
	const char *p;
	struct plural *pl;
	const char *err;
	int depth;
};

static void skip(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
		ps->p++;
}

static int node(struct parser *ps, enum op op, unsigned long v, int a, int b, int c)
{
	if (ps->err)
		return -1;
	if (ps->pl->count == PLURAL_MAX_NODES) {
		ps->err = "expression too long";
		return -1;
	}
	struct pnode *n = &ps->pl->nodes[ps->pl->count];
	n->op = op;
	n->value = v;
	n->a = a;
	n->b = b;
	n->c = c;
	return ps->pl->count++;
}

static int parse_cond(struct parser *ps);

static int parse_primary(struct parser *ps)
{
	skip(ps);
	if (ps->err)
		return -1;
	if (++ps->depth > PLURAL_MAX_DEPTH) {
		ps->err = "expression nested too deeply";
		return -1;
	}
	int r = -1;
	if (*ps->p == '(') {
		ps->p++;
		r = parse_cond(ps);
		skip(ps);
		if (*ps->p != ')') {
			if (!ps->err)
				ps->err = "missing )";
		} else {
			ps->p++;
		}
	} else if (*ps->p == '!') {
		ps->p++;
		int a = parse_primary(ps);
		r = node(ps, OP_NOT, 0, a, -1, -1);
	} else if (*ps->p == 'n') {
		ps->p++;
		r = node(ps, OP_N, 0, -1, -1, -1);
	} else if (*ps->p >= '0' && *ps->p <= '9') {
		unsigned long v = 0;
		while (*ps->p >= '0' && *ps->p <= '9') {
			if (v > 100000000UL) {
				ps->err = "number too large";
				return -1;
			}
			v = v * 10 + (unsigned long)(*ps->p++ - '0');
		}
		r = node(ps, OP_NUM, v, -1, -1, -1);
	} else {
		ps->err = "expected n, a number, ! or (";
	}
	ps->depth--;
	return r;
}

/* Binary operators by precedence level, lowest first. */
static const struct {
	const char *tok;
	enum op op;
	int level;
} binops[] = {
	{"||", OP_OR, 0}, {"&&", OP_AND, 1}, {"==", OP_EQ, 2}, {"!=", OP_NE, 2},
	{"<=", OP_LE, 3}, {">=", OP_GE, 3}, {"<", OP_LT, 3},  {">", OP_GT, 3},
	{"+", OP_ADD, 4},  {"-", OP_SUB, 4}, {"*", OP_MUL, 5},  {"/", OP_DIV, 5},
	{"%", OP_MOD, 5},
};

static int parse_binary(struct parser *ps, int level)
{
	if (level > 5)
		return parse_primary(ps);
	int left = parse_binary(ps, level + 1);
	for (;;) {
		skip(ps);
		if (ps->err)
			return -1;
		size_t i;
		for (i = 0; i < sizeof(binops) / sizeof(binops[0]); i++) {
			size_t l = strlen(binops[i].tok);
			if (binops[i].level == level && strncmp(ps->p, binops[i].tok, l) == 0) {
				/* "<" must not take the first char of "<=" */
				if (l == 1 && (ps->p[1] == '=' || ps->p[1] == ps->p[0]))
					continue;
				ps->p += l;
				break;
			}
		}
		if (i == sizeof(binops) / sizeof(binops[0]))
			return left;
		int right = parse_binary(ps, level + 1);
		left = node(ps, binops[i].op, 0, left, right, -1);
	}
}

static int parse_cond(struct parser *ps)
{
	if (++ps->depth > PLURAL_MAX_DEPTH) {
		ps->err = "expression nested too deeply";
		return -1;
	}
	int c = parse_binary(ps, 0);
	skip(ps);
	if (!ps->err && *ps->p == '?') {
		ps->p++;
		int a = parse_cond(ps);
		skip(ps);
		if (*ps->p != ':') {
			if (!ps->err)
				ps->err = "missing : after ?";
			return -1;
		}
		ps->p++;
		int b = parse_cond(ps);
		c = node(ps, OP_COND, 0, c, a, b);
	}
	ps->depth--;
	return c;
}

struct plural *plural_compile(const char *header, char *err, size_t errlen)
{
	const char *np = strstr(header, "nplurals=");
	const char *pe = strstr(header, "plural=");
	struct plural *pl;

	/* "nplurals=" also contains "plural="; find the one after it. */
	while (pe && pe > header && pe[-1] == 's')
		pe = strstr(pe + 1, "plural=");
	if (!np || !pe) {
		snprintf(err, errlen, "Plural-Forms needs nplurals= and plural=");
		return NULL;
	}
	np += 9;
	int n = 0;
	while (*np >= '0' && *np <= '9' && n < 100)
		n = n * 10 + (*np++ - '0');
	if (n < 1 || n > 8) {
		snprintf(err, errlen, "nplurals must be 1 to 8");
		return NULL;
	}
	pl = xcalloc(1, sizeof(*pl));
	pl->nplurals = n;
	struct parser ps = {.p = pe + 7, .pl = pl};
	pl->root = parse_cond(&ps);
	skip(&ps);
	if (!ps.err && *ps.p && *ps.p != ';')
		ps.err = "unexpected text after the expression";
	if (ps.err) {
		snprintf(err, errlen, "plural expression: %s", ps.err);
		free(pl);
		return NULL;
	}
	return pl;
}

void plural_free(struct plural *p)
{
	free(p);
}

int plural_count(const struct plural *p)
{
	return p->nplurals;
}

static unsigned long eval(const struct plural *p, int i, unsigned long n)
{
	const struct pnode *x = &p->nodes[i];
	unsigned long a, b;
	switch (x->op) {
	case OP_NUM: return x->value;
	case OP_N: return n;
	case OP_NOT: return !eval(p, x->a, n);
	case OP_COND: return eval(p, x->a, n) ? eval(p, x->b, n) : eval(p, x->c, n);
	case OP_AND: return eval(p, x->a, n) && eval(p, x->b, n);
	case OP_OR: return eval(p, x->a, n) || eval(p, x->b, n);
	default: break;
	}
	a = eval(p, x->a, n);
	b = eval(p, x->b, n);
	switch (x->op) {
	case OP_MUL: return a * b;
	case OP_DIV: return b ? a / b : 0;
	case OP_MOD: return b ? a % b : 0;
	case OP_ADD: return a + b;
	case OP_SUB: return a - b;
	case OP_LT: return a < b;
	case OP_GT: return a > b;
	case OP_LE: return a <= b;
	case OP_GE: return a >= b;
	case OP_EQ: return a == b;
	case OP_NE: return a != b;
	default: return 0;
	}
}

int plural_eval(const struct plural *p, unsigned long n)
{
	unsigned long v = eval(p, p->root, n);
	return v < (unsigned long)p->nplurals ? (int)v : 0;
}
