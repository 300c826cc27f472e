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
int	 buf_add(struct buf *, const void *, size_t);
int	 buf_adds(struct buf *, const char *);
int	 buf_addc(struct buf *, int);
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

#endif
