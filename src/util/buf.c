/*
 * buf.c: growable byte buffers; see buf.h for the invariants.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"

char buf_empty[1];

void
buf_init(struct buf *b, size_t max)
{
	b->s = buf_empty;
	b->len = b->cap = 0;
	b->max = max;
}

int
buf_grow(struct buf *b, size_t extra)
{
	size_t	 want, ncap;
	char	*p;

	if (extra > (size_t)-1 / 2 - b->len)
		return -1;
	want = b->len + extra + 1;
	if (b->max && b->len + extra > b->max)
		return -1;
	if (want <= b->cap)
		return 0;
	ncap = b->cap ? b->cap : 64;
	while (ncap < want)
		ncap *= 2;
	if (b->cap == 0) {
		p = xmalloc(ncap);
		memcpy(p, b->s, b->len + 1);
	} else
		p = xrealloc(b->s, ncap);
	b->s = p;
	b->cap = ncap;
	return 0;
}

int
buf_add_slow(struct buf *b, const void *p, size_t n)
{
	if (n == 0)
		return 0;
	if (buf_grow(b, n) == -1)
		return -1;
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

int
buf_addc_slow(struct buf *b, int c)
{
	char ch = (char)c;

	return buf_add_slow(b, &ch, 1);
}

int
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return -1;
	if (buf_grow(b, (size_t)n) == -1)
		return -1;
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, fmt);
	rc = buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void
buf_reset(struct buf *b)
{
	buf_truncate(b, 0);
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	if (b->cap)
		b->s[len] = '\0';
}

void
buf_release(struct buf *b)
{
	if (b->cap)
		free(b->s);
	b->s = buf_empty;
	b->len = b->cap = 0;
}

char *
buf_detach(struct buf *b, size_t *lenp)
{
	char *s;

	if (lenp)
		*lenp = b->len;
	if (b->cap == 0)
		s = xstrdup("");
	else
		s = b->s;
	b->s = buf_empty;
	b->len = b->cap = 0;
	return s;
}
