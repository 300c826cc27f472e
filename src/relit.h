/*
 * relit.h: the literal strings a POSIX extended regex needs, so that a
 * text without them is passed over without regexec().
 *
 * regexec() walks its automaton from every byte of the text, which costs
 * tens of thousands of instructions for a tag rule over a post; the
 * strings of all the rules are looked for in one pass over a text
 * (tag.c, lits_scan()), and a rule whose strings are absent, as they are
 * from most posts, costs a few bit tests.
 *
 * The regex is read byte by byte as regcomp() reads it in the C locale.
 * What this reader does not know (back-references, escapes of letters,
 * unbalanced parentheses) gives nothing, and regexec() decides alone.
 */
#ifndef CRIER_RELIT_H
#define CRIER_RELIT_H

#include <stddef.h>

/* strings, one of which is in every match */
struct relit_set {
	char		**s;
	size_t		 *len;
	size_t		  n;
	size_t		  min;		/* the shortest one's length */
};

struct relit {
	struct relit_set *set;		/* every match holds one string of
					 * each set, the longest first */
	size_t		  nset;
	int		  exact;	/* the regex matches exactly the
					 * strings of set[0], anywhere */
	int		  plain;	/* all of it was read: nothing
					 * that C libraries read their
					 * own ways */
};

void	relit_read(struct relit *, const char *ere);
void	relit_release(struct relit *);

#endif
