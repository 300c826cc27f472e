/*
 * str.c: UTF-8 validation, terminal-safe output, small string helpers.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/i18n.h"
#include "util/str.h"
#include "util/xmalloc.h"

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
		if (utf8_term_control(p, n)) {
			p += n;
			continue;
		}
		buf_add(b, p, n);
		p += n;
	}
}

int
str_term_unsafe(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s, *end = p + len;
	size_t			 n;

	while (p < end) {
		if (*p >= 0x20 && *p < 0x7f) {
			p++;
			continue;
		}
		if (*p == '\n' || *p == '\t') {
			p++;
			continue;
		}
		if (*p < 0x80)
			return 1;
		n = utf8_valid_prefix(p, (size_t)(end - p));
		if (n == 0 || utf8_term_control(p, n))
			return 1;
		p += n;
	}
	return 0;
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

uint64_t
str_fnv1a(uint64_t h, const void *p, size_t len)
{
	const unsigned char	*s = p;
	size_t			 i;

	for (i = 0; i < len; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return h;
}

void
str_hash64(const void *p, size_t len, char out[17])
{
	snprintf(out, 17, "%016llx",
	    (unsigned long long)str_fnv1a(STR_FNV_BASIS, p, len));
}

int
str_mail_addr_ok(const char *a, size_t len)
{
	size_t	i, at = 0, nat = 0;

	if (len == 0 || len > 254)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)a[i];

		if (c <= 0x20 || c >= 0x7f || strchr("<>()[],;:\"\\", c))
			return 0;
		if (c == '@') {
			at = i;
			nat++;
		}
	}
	if (nat != 1 || at == 0 || at >= len - 1)
		return 0;
	/* the domain: no empty label */
	if (a[at + 1] == '.' || a[len - 1] == '.')
		return 0;
	for (i = at + 1; i + 1 < len; i++)
		if (a[i] == '.' && a[i + 1] == '.')
			return 0;
	return 1;
}

int
str_mail_list_check(const char *s, char **cause)
{
	const char	*p, *end, *lt, *gt, *a, *ae, *q, *qe;
	size_t		 n = 0;

	*cause = NULL;
	for (p = s; *p; p++) {
		if (*p == '\r' || *p == '\n') {
			xasprintf(cause, "%s", _("contains a line break"));
			return -1;
		}
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			xasprintf(cause, "%s", _("contains a control "
			    "character"));
			return -1;
		}
	}
	for (p = s; *p; p = *end ? end + 1 : end) {
		end = p + strcspn(p, ",");
		a = p;
		ae = end;
		while (a < ae && (*a == ' ' || *a == '\t'))
			a++;
		while (ae > a && (ae[-1] == ' ' || ae[-1] == '\t'))
			ae--;
		if (a == ae)
			continue;
		q = a;
		qe = ae;
		lt = memchr(a, '<', (size_t)(ae - a));
		if (lt != NULL) {
			/* Name <addr>: nothing after the '>' */
			gt = memchr(lt, '>', (size_t)(ae - lt));
			if (gt == NULL || gt + 1 != ae ||
			    memchr(a, '>', (size_t)(lt - a)) != NULL)
				goto bad;
			a = lt + 1;
			ae = gt;
		}
		if (!str_mail_addr_ok(a, (size_t)(ae - a)))
			goto bad;
		n++;
		continue;
bad:
		xasprintf(cause, _("'%.*s' is not a valid address (use "
		    "local@domain or \"Name <local@domain>\")"),
		    (int)(qe - q), q);
		return -1;
	}
	if (n == 0) {
		xasprintf(cause, "%s", _("no address"));
		return -1;
	}
	return 0;
}

int
str_u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

size_t
str_u32_lower(const uint32_t *v, size_t n, uint32_t k)
{
	size_t lo = 0, hi = n, m;

	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		if (v[m] < k)
			lo = m + 1;
		else
			hi = m;
	}
	return lo;
}
