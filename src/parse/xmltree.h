/*
 * xmltree.h: the parse module's light XML tree.
 *
 * Two readers build it: xmltok.c, a small non-validating reader that
 * handles well-formed documents and gives up on anything else, and the
 * libxml2 fallback (xmltree.c) that reads the rest with recovery through
 * libxml2's SAX2 interface.  On well-formed input both give the same tree, so
 * xml.c walks one tree whatever read the document.
 *
 * Every node and string lives in one arena freed with xtree_free().
 * Not for use outside src/parse/.
 */
#ifndef CRIER_PARSE_XMLTREE_H
#define CRIER_PARSE_XMLTREE_H

#include <stddef.h>

enum xkind {
	XN_ELEM,
	XN_TEXT,	/* character data */
	XN_CDATA,	/* a CDATA section */
	XN_REF,		/* an entity reference libxml2 kept (fallback only) */
};

struct xattr {
	struct xattr	*next;
	const char	*name;		/* local name */
	const char	*prefix;	/* NULL if none */
	const char	*uri;		/* namespace URI, NULL if none */
	const char	*value;
};

struct xnsdef {
	struct xnsdef	*next;
	const char	*prefix;	/* NULL for the default namespace */
	const char	*uri;
};

struct xnode {
	struct xnode	*next;
	enum xkind	 kind;
	/* XN_ELEM */
	const char	*name;		/* local name; "p:x" if p is undeclared */
	const char	*prefix;	/* NULL if none */
	const char	*uri;		/* namespace URI, NULL if none */
	const char	*lang;		/* xml:lang in scope, NULL if none */
	struct xattr	*attrs;
	struct xnsdef	*nsdefs;
	struct xnode	*children;
	/* the others: s[0..len), NUL-terminated */
	const char	*s;
	size_t		 len;
};

struct xtree;

#define XML_NS_URI	"http://www.w3.org/XML/1998/namespace"

/*
 * Reads the UTF-8 document s[0..len) with the fast reader.  The reader
 * works in place: s is modified (and must stay alive as long as the
 * tree).  Returns NULL when the document is not one it reads exactly
 * (not well-formed, an internal subset, too deep...); s is then left
 * unchanged so that the fallback can read it.
 */
struct xtree	*xtok_read(const char *s, size_t len);

/*
 * Reads s[0..len) with libxml2 and recovery.  NULL with a malloc'd
 * *cause when the document has no root element.
 */
struct xtree	*xtree_read_libxml2(const char *s, size_t len, char **cause);

struct xnode	*xtree_root(const struct xtree *);
void		 xtree_free(struct xtree *);

/* the value of the attribute name in namespace uri (NULL: none) */
const char	*xnode_attr_ns(const struct xnode *, const char *name,
		    const char *uri);

/*
 * Appends a canonical serialization of the tree to out (for tests: the
 * two readers must agree on it).  Adjacent character data is merged.
 */
struct buf;
void		 xtree_dump(struct buf *out, const struct xtree *);

/* ---- arena, shared by the two readers ---- */
void		*xtree_alloc(struct xtree *, size_t);
char		*xtree_strdup(struct xtree *, const char *, size_t);
struct xtree	*xtree_new(void);
void		 xtree_set_root(struct xtree *, struct xnode *);

#endif
