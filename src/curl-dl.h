/*
 * curl-dl.h: libcurl, loaded when the first transfer is set up.
 *
 * libcurl brings some thirty shared libraries with it (TLS, Kerberos,
 * LDAP, SSH, IDN...).  Resolving them costs more than parsing a feed, and
 * most commands (parse, list, show, digest) never fetch.  So the binary
 * does not link libcurl: fetch.c includes this header instead of
 * <curl/curl.h>, and the curl_* names below call through a table that
 * curl_dl_load() fills with dlopen()/dlsym() from the library's SONAME.
 */
#ifndef CRIER_CURL_DL_H
#define CRIER_CURL_DL_H

/* the type-checking wrappers are macros over the real names; not here */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

struct curl_dl {
	CURLcode	 (*global_init)(long);
	void		 (*global_cleanup)(void);
	CURL		*(*easy_init)(void);
	void		 (*easy_cleanup)(CURL *);
	CURLcode	 (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode	 (*easy_getinfo)(CURL *, CURLINFO, ...);
	const char	*(*easy_strerror)(CURLcode);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void		 (*slist_free_all)(struct curl_slist *);
	CURLM		*(*multi_init)(void);
	CURLMcode	 (*multi_cleanup)(CURLM *);
	CURLMcode	 (*multi_setopt)(CURLM *, CURLMoption, ...);
	CURLMcode	 (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode	 (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode	 (*multi_perform)(CURLM *, int *);
	CURLMcode	 (*multi_poll)(CURLM *, struct curl_waitfd *,
			    unsigned int, int, int *);
	CURLMsg		*(*multi_info_read)(CURLM *, int *);
	time_t		 (*getdate)(const char *, const time_t *);
};

extern struct curl_dl curl_dl;

/*
 * Loads libcurl and resolves every entry point above.  0 on success
 * (also when already loaded); -1 and a malloc'd *cause otherwise.
 */
int	curl_dl_load(char **cause);

/* curl.h wraps these three in argument-count macros */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#undef curl_multi_setopt

#define curl_global_init	curl_dl.global_init
#define curl_global_cleanup	curl_dl.global_cleanup
#define curl_easy_init		curl_dl.easy_init
#define curl_easy_cleanup	curl_dl.easy_cleanup
#define curl_easy_setopt	curl_dl.easy_setopt
#define curl_easy_getinfo	curl_dl.easy_getinfo
#define curl_easy_strerror	curl_dl.easy_strerror
#define curl_slist_append	curl_dl.slist_append
#define curl_slist_free_all	curl_dl.slist_free_all
#define curl_multi_init		curl_dl.multi_init
#define curl_multi_cleanup	curl_dl.multi_cleanup
#define curl_multi_setopt	curl_dl.multi_setopt
#define curl_multi_add_handle	curl_dl.multi_add_handle
#define curl_multi_remove_handle curl_dl.multi_remove_handle
#define curl_multi_perform	curl_dl.multi_perform
#define curl_multi_poll		curl_dl.multi_poll
#define curl_multi_info_read	curl_dl.multi_info_read
#define curl_getdate		curl_dl.getdate

#endif
