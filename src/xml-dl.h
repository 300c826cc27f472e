/*
 * xml-dl.h: libxml2, loaded when the parser's fallback first needs it.
 *
 * Well-formed feeds are read by the parser's own reader (parse/xmltok.c);
 * libxml2 only reads what that reader gives up on.  Linking it would cost
 * every `crier parse` the loading of libxml2, ICU and libstdc++, so the
 * binary does not: the few entry points the fallback calls go through
 * this table, filled by xml_dl_load() with dlopen()/dlsym() from the
 * library's SONAME (as curl-dl.h does for libcurl).
 */
#ifndef CRIER_XML_DL_H
#define CRIER_XML_DL_H

#include <libxml/parser.h>
#include <libxml/tree.h>

struct xml_dl {
	xmlDocPtr	 (*read_memory)(const char *, int, const char *,
			    const char *, int);
	xmlNodePtr	 (*doc_get_root_element)(const xmlDoc *);
	void		 (*free_doc)(xmlDocPtr);
	xmlChar		*(*node_get_content)(const xmlNode *);
	xmlFreeFunc	*free;		/* the address of libxml2's xmlFree */
};

extern struct xml_dl xml_dl;

/*
 * Loads libxml2 and resolves the entry points above.  0 on success (also
 * when already loaded); -1 and a malloc'd *cause otherwise.
 */
int	xml_dl_load(char **cause);

#endif
