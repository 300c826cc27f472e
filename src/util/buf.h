/*
 * buf.h: a growable, always NUL-terminated byte buffer (git strbuf, curl
 * dynbuf).  Invariants: after BUF_INIT or buf_init(), s is never NULL and
 * s[len] == '\0'.  An optional ceiling (max > 0) bounds the length for
 * network data: an append that would pass it fails with -1 and leaves the
 * buffer unchanged.  Allocation failure stops the program (xmalloc).
 */
#ifndef CRIER_BUF_H
#define CRIER_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char	*s;	/* contents, NUL-terminated, never NULL */
	size_t	 len;	/* bytes used, without the NUL */
	size_t	 cap;	/* bytes allocated; 0 while s points at buf_empty */
	size_t	 max;	/* ceiling on len, 0 for none */
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0, 0 }

void	 buf_init(struct buf *, size_t max);
int	 buf_grow(struct buf *, size_t extra);
/* the out-of-line halves of buf_add() and buf_addc() below */
int	 buf_add_slow(struct buf *, const void *, size_t);
int	 buf_addc_slow(struct buf *, int);
int	 buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 buf_vaddf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 buf_reset(struct buf *);
void	 buf_truncate(struct buf *, size_t len);
void	 buf_release(struct buf *);
/* Hands the contents (malloc'd, NUL-terminated) to the caller; the buffer
 * is left empty and reusable. */
char	*buf_detach(struct buf *, size_t *lenp);

/*
 * The appends are inline: when the bytes fit in the allocation and under
 * the ceiling they are a copy and a store; anything else (first
 * allocation, growth, the ceiling) goes through the functions in buf.c.
 */
static inline int
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n < b->cap - b->len && (b->max == 0 || b->len + n <= b->max)) {
		memcpy(b->s + b->len, p, n);
		b->len += n;
		b->s[b->len] = '\0';
		return 0;
	}
	return buf_add_slow(b, p, n);
}

static inline int
buf_addc(struct buf *b, int c)
{
	if (b->cap - b->len > 1 && (b->max == 0 || b->len < b->max)) {
		b->s[b->len++] = (char)c;
		b->s[b->len] = '\0';
		return 0;
	}
	return buf_addc_slow(b, c);
}

static inline int
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

#endif
