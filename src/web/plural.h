/*
 * plural.h: gettext plural-form expressions ("nplurals=3; plural=n%10==1
 * && n%100!=11 ? 0 : ...;"), compiled once per catalog and evaluated per
 * lookup.  Hand-written because gettext's own evaluator lives inside
 * libintl, which only serves the process-wide locale; cophub picks the
 * language per request.
 */
#ifndef COPHUB_PLURAL_H
#define COPHUB_PLURAL_H

#include <stddef.h>

struct plural;

/* Parses a Plural-Forms header value.  Returns NULL with a reason in err
 * when malformed. */
struct plural *plural_compile(const char *header, char *err, size_t errlen);
void plural_free(struct plural *p);
int plural_count(const struct plural *p);
/* The form index for n, always within [0, nplurals). */
int plural_eval(const struct plural *p, unsigned long n);

#endif
