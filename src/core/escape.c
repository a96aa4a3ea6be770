/*
 * escape.c: escaping for HTML text, attribute values and URLs (escape.h).
 */
#include "core/escape.h"
#include "core/util.h"

#include <string.h>
#include <strings.h>


/* Which bytes need escaping: a table lookup per byte, and runs of plain
 * text are copied in one go. */
static const unsigned char needs_escape[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
};

void html_escape(struct buf *out, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		if (!needs_escape[(unsigned char)s[i]])
			continue;
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: rep = "&#39;"; break;
		}
		buf_put(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	buf_put(out, s + start, n - start);
}

char *html_escape_dup(const char *s)
{
	struct buf b;
	buf_init(&b, strlen(s) * 6 + 1);
	html_escape(&b, s, strlen(s));
	return buf_steal(&b, NULL);
}

void url_component_escape(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			buf_putc(out, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			buf_put(out, e, 3);
		}
	}
}

int url_is_safe(const char *s, size_t n)
{
	static const char *const schemes[] = {"http", "https", "mailto", "tel"};
	size_t i;
	/* Browsers ignore leading blanks and control characters and strip
	 * tabs and newlines inside a scheme; refuse them outright. */
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 32 || c == 127)
			return 0;
	}
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == '/' || c == '?' || c == '#')
			return 1; /* no scheme: relative */
		if (c == ':')
			break;
	}
	if (i == n)
		return 1;
	for (size_t k = 0; k < ARRAY_LEN(schemes); k++) {
		size_t l = strlen(schemes[k]);
		if (l == i && strncasecmp(s, schemes[k], l) == 0)
			return 1;
	}
	return 0;
}
