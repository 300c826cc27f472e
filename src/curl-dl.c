/*
 * curl-dl.c: loads libcurl by its SONAME on first use; see curl-dl.h for
 * why.  The SONAME comes from configure (CURL_SONAME), libcurl.so.4 on
 * every libcurl since 7.16.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

#include "curl-dl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#ifndef CURL_SONAME
#define CURL_SONAME "libcurl.so.4"
#endif

struct curl_dl curl_dl;

static const struct {
	const char	*name;
	size_t		 off;
} syms[] = {
#define SYM(f, n) { n, offsetof(struct curl_dl, f) }
	SYM(global_init, "curl_global_init"),
	SYM(global_cleanup, "curl_global_cleanup"),
	SYM(easy_init, "curl_easy_init"),
	SYM(easy_cleanup, "curl_easy_cleanup"),
	SYM(easy_setopt, "curl_easy_setopt"),
	SYM(easy_getinfo, "curl_easy_getinfo"),
	SYM(easy_strerror, "curl_easy_strerror"),
	SYM(slist_append, "curl_slist_append"),
	SYM(slist_free_all, "curl_slist_free_all"),
	SYM(multi_init, "curl_multi_init"),
	SYM(multi_cleanup, "curl_multi_cleanup"),
	SYM(multi_setopt, "curl_multi_setopt"),
	SYM(multi_add_handle, "curl_multi_add_handle"),
	SYM(multi_remove_handle, "curl_multi_remove_handle"),
	SYM(multi_perform, "curl_multi_perform"),
	SYM(multi_poll, "curl_multi_poll"),
	SYM(multi_info_read, "curl_multi_info_read"),
	SYM(getdate, "curl_getdate"),
#undef SYM
};

int
curl_dl_load(char **cause)
{
	static void	*lib;
	size_t		 i;
	void		*p;

	if (lib != NULL)
		return 0;
	lib = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		xasprintf(cause, _("cannot load libcurl: %s"), dlerror());
		return -1;
	}
	for (i = 0; i < nitems(syms); i++) {
		p = dlsym(lib, syms[i].name);
		if (p == NULL) {
			xasprintf(cause, _("libcurl has no %s"), syms[i].name);
			dlclose(lib);
			lib = NULL;
			return -1;
		}
		/* NOTE: POSIX guarantees that a data pointer from dlsym()
		 * converts to a function pointer of the right type */
		memcpy((char *)&curl_dl + syms[i].off, &p, sizeof(p));
	}
	return 0;
}
