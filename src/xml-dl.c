/*
 * xml-dl.c: loads libxml2 by its SONAME on first use; see xml-dl.h for
 * why.  libxml2 2.x up to 2.13 is libxml2.so.2; 2.14 moved to .so.16.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

#include "xml-dl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct xml_dl xml_dl;

static const char *const sonames[] = {
#ifdef XML_SONAME
	XML_SONAME,
#endif
	"libxml2.so.2", "libxml2.so.16",
};

static const struct {
	const char	*name;
	size_t		 off;
} syms[] = {
#define SYM(f, n) { n, offsetof(struct xml_dl, f) }
	SYM(read_memory, "xmlReadMemory"),
	SYM(doc_get_root_element, "xmlDocGetRootElement"),
	SYM(free_doc, "xmlFreeDoc"),
	SYM(node_get_content, "xmlNodeGetContent"),
	SYM(free, "xmlFree"),
#undef SYM
};

int
xml_dl_load(char **cause)
{
	static void	*lib;
	size_t		 i;
	void		*p;

	if (lib != NULL)
		return 0;
	for (i = 0; i < nitems(sonames) && lib == NULL; i++)
		lib = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		xasprintf(cause, _("cannot load libxml2: %s"), dlerror());
		return -1;
	}
	for (i = 0; i < nitems(syms); i++) {
		p = dlsym(lib, syms[i].name);
		if (p == NULL) {
			xasprintf(cause, _("libxml2 has no %s"), syms[i].name);
			dlclose(lib);
			lib = NULL;
			return -1;
		}
		/* NOTE: POSIX guarantees that a data pointer from dlsym()
		 * converts to a function pointer of the right type; xmlFree
		 * is a variable, its address is what we keep */
		memcpy((char *)&xml_dl + syms[i].off, &p, sizeof(p));
	}
	return 0;
}
