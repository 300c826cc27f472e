/*
 * str.c: UTF-8 validation, terminal-safe output, small string helpers.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/str.h"

size_t
utf8_valid_prefix(const unsigned char *p, size_t len)
{
	if (len == 0)
		return 0;
	return p[0] < 0x80 ? 1 : utf8_seq(p, len);
}

void
utf8_put(struct buf *b, unsigned long cp)
{
	char	s[4];

	if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		cp = 0xfffd;
	if (cp < 0x80) {
		buf_addc(b, (int)cp);
	} else if (cp < 0x800) {
		s[0] = (char)(0xc0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 2);
	} else if (cp < 0x10000) {
		s[0] = (char)(0xe0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 3);
	} else {
		s[0] = (char)(0xf0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 4);
	}
}

void
utf8_sanitize(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		const unsigned char *q = p;
		size_t n;

		while (q < end && *q < 0x80)
			q++;
		buf_add(b, p, (size_t)(q - p));
		p = q;
		if (p >= end)
			break;
		n = utf8_valid_prefix(p, (size_t)(end - p));
		if (n == 0) {
			buf_adds(b, "\xef\xbf\xbd");
			p++;
		} else {
			buf_add(b, p, n);
			p += n;
		}
	}
}

void
str_term_safe(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t n;

	while (p < end) {
		if (*p == 0x1b) {
			/* ESC: skip a CSI/OSC/two-byte sequence entirely */
			p++;
			if (p < end && *p == '[') {
				p++;
				while (p < end && (*p < 0x40 || *p > 0x7e))
					p++;
				if (p < end)
					p++;
			} else if (p < end && (*p == ']' || *p == 'P' ||
			    *p == '_' || *p == '^')) {
				while (p < end && *p != 0x07 && *p != 0x1b)
					p++;
				if (p < end && *p == 0x1b && p + 1 < end)
					p++;
				if (p < end)
					p++;
			} else if (p < end)
				p++;
			continue;
		}
		if (*p < 0x20 || *p == 0x7f) {
			if (*p == '\n' || *p == '\t')
				buf_addc(b, *p);
			p++;
			continue;
		}
		if (*p < 0x80) {
			/* printable ASCII: the run at once (titles, links) */
			const unsigned char *r = p;

			while (p < end && *p >= 0x20 && *p < 0x7f)
				p++;
			buf_add(b, r, (size_t)(p - r));
			continue;
		}
		n = utf8_valid_prefix(p, (size_t)(end - p));
		if (n == 0) {
			buf_adds(b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		/* C1 controls U+0080..U+009F */
		if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0) {
			p += 2;
			continue;
		}
		buf_add(b, p, n);
		p += n;
	}
}

/* NOTE: a second pass over str_term_safe()'s output, so that function
 * stays as it is for the commands that use it */
void
str_term_safe_bidi(struct buf *b, const char *s, size_t len)
{
	struct buf	 t = BUF_INIT;
	const unsigned char *p, *end;

	str_term_safe(&t, s, len);
	p = (const unsigned char *)t.s;
	end = p + t.len;
	while (p < end) {
		/* U+200E/F, U+202A-E: e2 80 8e/8f, e2 80 aa-ae;
		 * U+2066-9: e2 81 a6-a9; U+061C: d8 9c */
		if (end - p >= 3 && p[0] == 0xe2 &&
		    ((p[1] == 0x80 && (p[2] == 0x8e || p[2] == 0x8f ||
		    (p[2] >= 0xaa && p[2] <= 0xae))) ||
		    (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9))) {
			p += 3;
			continue;
		}
		if (end - p >= 2 && p[0] == 0xd8 && p[1] == 0x9c) {
			p += 2;
			continue;
		}
		buf_addc(b, *p++);
	}
	buf_release(&t);
}

char *
str_trim(char *s)
{
	char	*p = s, *e;
	size_t	 n;

	while (*p && isspace((unsigned char)*p))
		p++;
	n = strlen(p);
	e = p + n;
	while (e > p && isspace((unsigned char)e[-1]))
		e--;
	memmove(s, p, (size_t)(e - p));
	s[e - p] = '\0';
	return s;
}

char *
str_squeeze(char *s)
{
	char	*r = s, *w = s;
	int	 sp = 0;

	while (*r && isspace((unsigned char)*r))
		r++;
	for (; *r; r++) {
		if (isspace((unsigned char)*r)) {
			sp = 1;
			continue;
		}
		if (sp && w != s)
			*w++ = ' ';
		sp = 0;
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

int
str_casecmp_prefix(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix));
}

void
str_hash64(const void *p, size_t len, char out[17])
{
	const unsigned char	*s = p;
	uint64_t		 h = 0xcbf29ce484222325ULL;
	size_t			 i;

	for (i = 0; i < len; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}
