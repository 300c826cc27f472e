/*
 * xmalloc.h: allocation that cannot fail; on exhaustion the program stops
 * with a message (tmux, sfeed): crier is a program, not a library.
 */
#ifndef CRIER_XMALLOC_H
#define CRIER_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 strv_free(char **, size_t);

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

#endif
