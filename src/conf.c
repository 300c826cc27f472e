/*
 * conf.c: feeds.conf -> struct config.
 *
 * The syntax is git-config's (crier-feeds.conf(5)): "[section]" or [section "name"]
 * headers, then "key = value" lines.  '#' and ';' start a comment, also
 * after a value when outside double quotes.  A value may be double-quoted
 * in parts; \" \\ \n \t and \b are the escapes, and a backslash at the end
 * of a line continues the value on the next one.  Section and key names
 * are case-insensitive, subsection names (feed URLs, tag names) are not.
 * A key without "= value" means true (booleans only).  Keys may repeat:
 * list keys (tags, match, exclude, fields, feeds, feed-tags) accumulate,
 * the others keep the last value.
 *
 * Sections that repeat with the same name are merged, as git does: two
 * [feed "URL"] blocks for the same URL describe one feed, their tags add
 * up and a later title or interval wins.
 *
 * Any error is printed as "crier: FILE:LINE: message" and makes the load
 * fail; unknown sections and keys are warned about with their line and
 * otherwise ignored, so a typo never goes unnoticed.  The whole file is
 * parsed before anything is used, so a reload can keep the old config.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "conf.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define CONFIG_MAX_FILE		(4 * 1024 * 1024)
#define CONFIG_MAX_VALUE	(64 * 1024)
#define CONFIG_MAX_JOBS		1000
#define CONFIG_MAX_SIZE		(1024LL * 1024 * 1024)

enum section {
	SEC_NONE,
	SEC_CRIER,
	SEC_FEED,
	SEC_TAG,
	SEC_DIGEST,
	SEC_UNKNOWN,
};

struct parser {
	struct config	*c;
	const char	*name;
	const char	*p, *end;
	int		 line;
	enum section	 sec;
	size_t		 idx;		/* feed, tag or digest in c */
};

void
config_init(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->interval = CONFIG_DEFAULT_INTERVAL;
	c->max_interval = CONFIG_DEFAULT_MAX_INTERVAL;
	c->jobs = CONFIG_DEFAULT_JOBS;
	c->per_host = CONFIG_DEFAULT_PER_HOST;
	c->host_spacing_ms = -1;
	c->timeout = CONFIG_DEFAULT_TIMEOUT;
	c->connect_timeout = CONFIG_DEFAULT_CONNECT_TIMEOUT;
	c->max_size = CONFIG_DEFAULT_MAX_SIZE;
	c->user_agent = xstrdup("crier/" PACKAGE_VERSION);
}

static void
cstr_free(struct config_str *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].s);
	free(v);
}

void
config_release(struct config *c)
{
	size_t i;

	free(c->path);
	free(c->user_agent);
	free(c->database);
	for (i = 0; i < c->nfeeds; i++) {
		free(c->feeds[i].url);
		free(c->feeds[i].title);
		strv_free(c->feeds[i].tags, c->feeds[i].ntags);
	}
	free(c->feeds);
	for (i = 0; i < c->ntags; i++) {
		struct config_tag *t = &c->tags[i];

		free(t->name);
		cstr_free(t->match, t->nmatch);
		cstr_free(t->exclude, t->nexclude);
		strv_free(t->feeds, t->nfeeds);
		strv_free(t->feed_tags, t->nfeed_tags);
	}
	free(c->tags);
	for (i = 0; i < c->ndigests; i++) {
		struct config_digest *d = &c->digests[i];

		free(d->name);
		strv_free(d->tags, d->ntags);
		free(d->format);
		free(d->to);
		free(d->from);
		free(d->subject);
		free(d->since);
	}
	free(c->digests);
	memset(c, 0, sizeof(*c));
}

const struct config_feed *
config_find_feed(const struct config *c, const char *url)
{
	size_t i;

	for (i = 0; i < c->nfeeds; i++) {
		if (strcmp(c->feeds[i].url, url) == 0)
			return &c->feeds[i];
	}
	return NULL;
}

static int valid_feed_url(const char *);
static int valid_tag_name(const char *);

int
config_feed_url_ok(const char *url)
{
	return valid_feed_url(url);
}

int
config_tag_name_ok(const char *name)
{
	return valid_tag_name(name);
}

const struct config_digest *
config_find_digest(const struct config *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->ndigests; i++) {
		if (strcmp(c->digests[i].name, name) == 0)
			return &c->digests[i];
	}
	return NULL;
}

/* ---- messages ---- */

static int __attribute__((format(printf, 3, 4)))
perr(struct parser *ps, int line, const char *fmt, ...)
{
	char	msg[1024];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ps->c->error_line == 0)
		ps->c->error_line = line;
	log_config(ps->name, line, "%s", msg);
	return -1;
}

static void __attribute__((format(printf, 3, 4)))
pwarn(struct parser *ps, int line, const char *fmt, ...)
{
	char	msg[1024];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ps->c->nwarnings++;
	log_config_warn(ps->name, line, "%s", msg);
}

/* ---- values ---- */

static int
valid_utf8(const char *s)
{
	size_t len = strlen(s), n;

	while (len > 0) {
		n = utf8_valid_prefix((const unsigned char *)s, len);
		if (n == 0)
			return 0;
		s += n;
		len -= n;
	}
	return 1;
}

static int
has_ctl(const char *s)
{
	for (; *s; s++) {
		if (((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f)
			return 1;
	}
	return 0;
}

/* git-config booleans */
static int
parse_bool(const char *v, int *out)
{
	static const char *yes[] = { "true", "yes", "on", "1" };
	static const char *no[] = { "false", "no", "off", "0", "" };
	size_t i;

	if (v == NULL) {
		*out = 1;
		return 0;
	}
	for (i = 0; i < nitems(yes); i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
	}
	for (i = 0; i < nitems(no); i++) {
		if (strcasecmp(v, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

/* "16M", "512k", "1G", "1000", "2MiB" -> bytes (powers of 1024) */
static int
parse_size(const char *v, long long *out)
{
	char		*end;
	long long	 n, mult = 1;

	if (*v < '0' || *v > '9')
		return -1;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || n < 0)
		return -1;
	switch (*end) {
	case 'k': case 'K':
		mult = 1024;
		end++;
		break;
	case 'm': case 'M':
		mult = 1024 * 1024;
		end++;
		break;
	case 'g': case 'G':
		mult = 1024 * 1024 * 1024;
		end++;
		break;
	}
	if (mult > 1 && *end == 'i')
		end++;
	if (*end == 'b' || *end == 'B')
		end++;
	if (*end != '\0' || n > CONFIG_MAX_SIZE / mult)
		return -1;
	*out = n * mult;
	return 0;
}

static int
parse_int(const char *v, long long min, long long max, long long *out)
{
	char		*end;
	long long	 n;

	if (!((*v >= '0' && *v <= '9') || *v == '-'))
		return -1;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

static int
valid_feed_url(const char *u)
{
	if (has_ctl(u) || strchr(u, ' ') != NULL)
		return 0;
	if (strncasecmp(u, "http://", 7) == 0)
		return u[7] != '\0' && u[7] != '/';
	if (strncasecmp(u, "https://", 8) == 0)
		return u[8] != '\0' && u[8] != '/';
	if (strncasecmp(u, "file://", 7) == 0)
		return u[7] != '\0';
	return 0;
}

static int
valid_tag_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++) {
		if ((unsigned char)*s <= ' ' || *s == ',' || *s == 0x7f)
			return 0;
	}
	return 1;
}

/* appends the words of v (split on whitespace and commas), no repeats */
static void
list_add(char ***vp, size_t *np, const char *v)
{
	const char	*s = v, *w;
	size_t		 i, len;

	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == ',' || *s == '\n')
			s++;
		if (*s == '\0')
			break;
		w = s;
		while (*s && *s != ' ' && *s != '\t' && *s != ',' &&
		    *s != '\n')
			s++;
		len = s - w;
		for (i = 0; i < *np; i++) {
			if (strlen((*vp)[i]) == len &&
			    memcmp((*vp)[i], w, len) == 0)
				break;
		}
		if (i < *np)
			continue;
		*vp = xreallocarray(*vp, *np + 1, sizeof(**vp));
		(*vp)[(*np)++] = xstrndup(w, len);
	}
}

static void
cstr_add(struct config_str **vp, size_t *np, const char *v, int line)
{
	*vp = xreallocarray(*vp, *np + 1, sizeof(**vp));
	(*vp)[*np].s = xstrdup(v);
	(*vp)[*np].line = line;
	(*np)++;
}

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

static char *
expand_home(const char *v)
{
	const char	*home;
	char		*p;

	if (v[0] == '~' && v[1] == '/' && (home = getenv("HOME")) != NULL &&
	    *home != '\0') {
		xasprintf(&p, "%s%s", home, v + 1);
		return p;
	}
	return xstrdup(v);
}

/* ---- keys ---- */

static int
need_value(struct parser *ps, int line, const char *key, const char *v)
{
	if (v != NULL)
		return 0;
	return perr(ps, line, _("missing value for '%s'"), key);
}

static int
get_duration(struct parser *ps, int line, const char *key, const char *v,
    long long *out)
{
	long long secs;

	if (need_value(ps, line, key, v) == -1)
		return -1;
	if (time_parse_duration(v, &secs) == -1 || secs <= 0)
		return perr(ps, line, _("invalid duration for '%s': '%s' "
		    "(use e.g. 90, 30s, 15m, 6h, 1d)"), key, v);
	*out = secs;
	return 0;
}

/* a whole number from 1 to max */
static int
get_count(struct parser *ps, int line, const char *key, const char *v,
    int max, int *dst)
{
	long long n;

	if (need_value(ps, line, key, v) == -1)
		return -1;
	if (parse_int(v, 1, max, &n) == -1)
		return perr(ps, line, _("invalid number for '%s': '%s' (1 to "
		    "%d)"), key, v, max);
	*dst = (int)n;
	return 0;
}

static int
get_text(struct parser *ps, int line, const char *key, const char *v,
    char **dst)
{
	if (need_value(ps, line, key, v) == -1)
		return -1;
	if (has_ctl(v))
		return perr(ps, line, _("control character in '%s'"), key);
	set_str(dst, v);
	return 0;
}

static int
key_crier(struct parser *ps, int line, const char *key, const char *v)
{
	struct config	*c = ps->c;
	long long	 n;

	if (strcmp(key, "interval") == 0)
		return get_duration(ps, line, key, v, &c->interval);
	if (strcmp(key, "max-interval") == 0)
		return get_duration(ps, line, key, v, &c->max_interval);
	if (strcmp(key, "timeout") == 0)
		return get_duration(ps, line, key, v, &c->timeout);
	if (strcmp(key, "connect-timeout") == 0)
		return get_duration(ps, line, key, v, &c->connect_timeout);
	if (strcmp(key, "jobs") == 0)
		return get_count(ps, line, key, v, CONFIG_MAX_JOBS, &c->jobs);
	if (strcmp(key, "per-host") == 0)
		return get_count(ps, line, key, v, CONFIG_MAX_PER_HOST,
		    &c->per_host);
	if (strcmp(key, "host-spacing") == 0) {
		size_t len;

		if (need_value(ps, line, key, v) == -1)
			return -1;
		/* NOTE: "250ms" too: a second is long between two feeds
		 * of one big host */
		len = strlen(v);
		if (len > 2 && strcmp(v + len - 2, "ms") == 0) {
			char *end;

			n = strtoll(v, &end, 10);
			if (end != v + len - 2 || n < 0)
				n = -1;
		} else if (time_parse_duration(v, &n) == 0 && n >= 0)
			n *= 1000;
		else
			n = -1;
		if (n < 0 || n > CONFIG_MAX_HOST_SPACING_MS)
			return perr(ps, line, _("invalid duration for '%s': "
			    "'%s' (use e.g. 0, 500ms, 1s; at most 60s)"), key,
			    v);
		c->host_spacing_ms = n;
		return 0;
	}
	if (strcmp(key, "max-size") == 0) {
		if (need_value(ps, line, key, v) == -1)
			return -1;
		if (parse_size(v, &n) == -1 || n < 1)
			return perr(ps, line, _("invalid size for 'max-size': "
			    "'%s' (use e.g. 16M, 512k)"), v);
		c->max_size = n;
		return 0;
	}
	if (strcmp(key, "user-agent") == 0) {
		if (v != NULL && *v == '\0')
			return perr(ps, line, _("empty 'user-agent'"));
		return get_text(ps, line, key, v, &c->user_agent);
	}
	if (strcmp(key, "allow-private") == 0) {
		if (parse_bool(v, &c->allow_private) == -1)
			return perr(ps, line, _("invalid boolean for '%s': "
			    "'%s'"), key, v);
		return 0;
	}
	if (strcmp(key, "database") == 0) {
		if (need_value(ps, line, key, v) == -1)
			return -1;
		if (*v == '\0')
			return perr(ps, line, _("empty 'database'"));
		free(c->database);
		c->database = expand_home(v);
		return 0;
	}
	pwarn(ps, line, _("unknown key '%s' in [crier]"), key);
	return 0;
}

static int
key_feed(struct parser *ps, int line, const char *key, const char *v)
{
	struct config_feed	*f = &ps->c->feeds[ps->idx];
	int			 b;

	if (strcmp(key, "title") == 0)
		return get_text(ps, line, key, v, &f->title);
	if (strcmp(key, "interval") == 0)
		return get_duration(ps, line, key, v, &f->interval);
	if (strcmp(key, "tags") == 0) {
		if (need_value(ps, line, key, v) == -1)
			return -1;
		list_add(&f->tags, &f->ntags, v);
		return 0;
	}
	if (strcmp(key, "enabled") == 0) {
		if (parse_bool(v, &b) == -1)
			return perr(ps, line, _("invalid boolean for '%s': "
			    "'%s'"), key, v);
		f->disabled = !b;
		return 0;
	}
	if (strcmp(key, "allow-private") == 0) {
		if (parse_bool(v, &b) == -1)
			return perr(ps, line, _("invalid boolean for '%s': "
			    "'%s'"), key, v);
		f->allow_private = b ? 1 : -1;
		return 0;
	}
	pwarn(ps, line, _("unknown key '%s' in [feed]"), key);
	return 0;
}

static int
parse_fields(struct parser *ps, int line, const char *v, unsigned *out)
{
	static const struct {
		const char	*name;
		unsigned	 bit;
	} names[] = {
		{ "title",	TAG_FIELD_TITLE },
		{ "summary",	TAG_FIELD_SUMMARY },
		{ "content",	TAG_FIELD_CONTENT },
		{ "categories",	TAG_FIELD_CATEGORIES },
		{ "category",	TAG_FIELD_CATEGORIES },
		{ "author",	TAG_FIELD_AUTHOR },
		{ "link",	TAG_FIELD_LINK },
	};
	char	**words = NULL;
	size_t	  nwords = 0, i, j;
	int	  rc = 0;

	list_add(&words, &nwords, v);
	for (i = 0; i < nwords; i++) {
		for (j = 0; j < nitems(names); j++) {
			if (strcasecmp(words[i], names[j].name) == 0)
				break;
		}
		if (j == nitems(names)) {
			rc = perr(ps, line, _("unknown field '%s' (title, "
			    "summary, content, categories, author, link)"),
			    words[i]);
			break;
		}
		*out |= names[j].bit;
	}
	strv_free(words, nwords);
	return rc;
}

static int
key_tag(struct parser *ps, int line, const char *key, const char *v)
{
	struct config_tag	*t = &ps->c->tags[ps->idx];
	size_t			 i, n0;

	if (strcmp(key, "match") == 0 || strcmp(key, "exclude") == 0) {
		if (need_value(ps, line, key, v) == -1)
			return -1;
		if (*v == '\0')
			return perr(ps, line, _("empty '%s' pattern"), key);
		if (key[0] == 'm')
			cstr_add(&t->match, &t->nmatch, v, line);
		else
			cstr_add(&t->exclude, &t->nexclude, v, line);
		return 0;
	}
	if (need_value(ps, line, key, v) == -1)
		return -1;
	if (strcmp(key, "fields") == 0)
		return parse_fields(ps, line, v, &t->fields);
	if (strcmp(key, "feeds") == 0) {
		n0 = t->nfeeds;
		list_add(&t->feeds, &t->nfeeds, v);
		for (i = n0; i < t->nfeeds; i++) {
			if (!valid_feed_url(t->feeds[i]))
				return perr(ps, line, _("invalid feed URL "
				    "'%s' (http://, https:// or file://)"),
				    t->feeds[i]);
		}
		return 0;
	}
	if (strcmp(key, "feed-tags") == 0) {
		list_add(&t->feed_tags, &t->nfeed_tags, v);
		return 0;
	}
	if (strcmp(key, "signals") == 0) {
		if (strcmp(v, "community-call") == 0)
			t->signals = CONFIG_SIGNALS_CALL;
		else if (strcmp(v, "event") == 0)
			t->signals = CONFIG_SIGNALS_EVENT;
		else if (strcmp(v, "none") == 0)
			t->signals = CONFIG_SIGNALS_NONE;
		else
			return perr(ps, line, _("unknown signals '%s' "
			    "(community-call, event, none)"), v);
		return 0;
	}
	pwarn(ps, line, _("unknown key '%s' in [tag]"), key);
	return 0;
}

static int
key_digest(struct parser *ps, int line, const char *key, const char *v)
{
	static const char *formats[] = {
		"text", "markdown", "html", "email", "json", "atom"
	};
	struct config_digest	*d = &ps->c->digests[ps->idx];
	long long		 secs;
	size_t			 i;

	if (need_value(ps, line, key, v) == -1)
		return -1;
	if (strcmp(key, "tags") == 0) {
		list_add(&d->tags, &d->ntags, v);
		return 0;
	}
	if (strcmp(key, "format") == 0) {
		for (i = 0; i < nitems(formats); i++) {
			if (strcmp(v, formats[i]) == 0)
				break;
		}
		if (i == nitems(formats))
			return perr(ps, line, _("unknown format '%s' (text, "
			    "markdown, html, email, json, atom)"), v);
		set_str(&d->format, v);
		return 0;
	}
	if (strcmp(key, "to") == 0 || strcmp(key, "from") == 0) {
		char *cause;

		if (need_value(ps, line, key, v) == -1)
			return -1;
		/* NOTE: never silently dropped or replaced at mailing time */
		if (str_mail_list_check(v, &cause) == -1) {
			perr(ps, line, _("invalid address for '%s': %s"), key,
			    cause);
			free(cause);
			return -1;
		}
		return get_text(ps, line, key, v, key[0] == 't' ? &d->to :
		    &d->from);
	}
	if (strcmp(key, "subject") == 0)
		return get_text(ps, line, key, v, &d->subject);
	if (strcmp(key, "since") == 0) {
		if (time_parse_duration(v, &secs) == -1 || secs <= 0)
			return perr(ps, line, _("invalid duration for '%s': "
			    "'%s' (use e.g. 90, 30s, 15m, 6h, 1d)"), key, v);
		set_str(&d->since, v);
		return 0;
	}
	pwarn(ps, line, _("unknown key '%s' in [digest]"), key);
	return 0;
}

static int
apply_key(struct parser *ps, int line, const char *key, const char *v)
{
	if (v != NULL && !valid_utf8(v))
		return perr(ps, line, _("invalid UTF-8 in the value of '%s'"),
		    key);
	switch (ps->sec) {
	case SEC_NONE:
		return perr(ps, line, _("key '%s' outside a section"), key);
	case SEC_CRIER:
		return key_crier(ps, line, key, v);
	case SEC_FEED:
		return key_feed(ps, line, key, v);
	case SEC_TAG:
		return key_tag(ps, line, key, v);
	case SEC_DIGEST:
		return key_digest(ps, line, key, v);
	case SEC_UNKNOWN:
		break;		/* warned about at the header */
	}
	return 0;
}

/* ---- sections ---- */

static int
open_section(struct parser *ps, int line, const char *sec, const char *sub)
{
	struct config	*c = ps->c;
	size_t		 i;

	if (strcmp(sec, "crier") == 0) {
		if (sub != NULL)
			return perr(ps, line, _("section [crier] takes no "
			    "name"));
		ps->sec = SEC_CRIER;
		return 0;
	}
	if (strcmp(sec, "feed") == 0 || strcmp(sec, "tag") == 0 ||
	    strcmp(sec, "digest") == 0) {
		if (sub == NULL || *sub == '\0')
			return perr(ps, line, _("section [%s] needs a name: "
			    "[%s \"...\"]"), sec, sec);
		if (!valid_utf8(sub))
			return perr(ps, line, _("invalid UTF-8 in the section "
			    "name"));
	}
	if (strcmp(sec, "feed") == 0) {
		if (!valid_feed_url(sub))
			return perr(ps, line, _("invalid feed URL '%s' "
			    "(http://, https:// or file://)"), sub);
		ps->sec = SEC_FEED;
		for (i = 0; i < c->nfeeds; i++) {
			if (strcmp(c->feeds[i].url, sub) == 0) {
				ps->idx = i;
				return 0;
			}
		}
		c->feeds = xreallocarray(c->feeds, c->nfeeds + 1,
		    sizeof(*c->feeds));
		memset(&c->feeds[c->nfeeds], 0, sizeof(*c->feeds));
		c->feeds[c->nfeeds].url = xstrdup(sub);
		c->feeds[c->nfeeds].line = line;
		ps->idx = c->nfeeds++;
		return 0;
	}
	if (strcmp(sec, "tag") == 0) {
		if (!valid_tag_name(sub))
			return perr(ps, line, _("invalid tag name '%s' (no "
			    "spaces or commas)"), sub);
		ps->sec = SEC_TAG;
		for (i = 0; i < c->ntags; i++) {
			if (strcmp(c->tags[i].name, sub) == 0) {
				ps->idx = i;
				return 0;
			}
		}
		c->tags = xreallocarray(c->tags, c->ntags + 1,
		    sizeof(*c->tags));
		memset(&c->tags[c->ntags], 0, sizeof(*c->tags));
		c->tags[c->ntags].name = xstrdup(sub);
		c->tags[c->ntags].line = line;
		ps->idx = c->ntags++;
		return 0;
	}
	if (strcmp(sec, "digest") == 0) {
		if (has_ctl(sub))
			return perr(ps, line, _("control character in the "
			    "digest name"));
		ps->sec = SEC_DIGEST;
		for (i = 0; i < c->ndigests; i++) {
			if (strcmp(c->digests[i].name, sub) == 0) {
				ps->idx = i;
				return 0;
			}
		}
		c->digests = xreallocarray(c->digests, c->ndigests + 1,
		    sizeof(*c->digests));
		memset(&c->digests[c->ndigests], 0, sizeof(*c->digests));
		c->digests[c->ndigests].name = xstrdup(sub);
		c->digests[c->ndigests].line = line;
		ps->idx = c->ndigests++;
		return 0;
	}
	pwarn(ps, line, _("unknown section [%s]"), sec);
	ps->sec = SEC_UNKNOWN;
	return 0;
}

/* skips blanks; returns the current character or -1 at the end */
static int
skip_blank(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
	    *ps->p == '\r'))
		ps->p++;
	return ps->p < ps->end ? (unsigned char)*ps->p : -1;
}

/* at a comment or the end of the line: consumes through the newline */
static int
end_of_line(struct parser *ps)
{
	int ch = skip_blank(ps);

	if (ch == '#' || ch == ';') {
		while (ps->p < ps->end && *ps->p != '\n')
			ps->p++;
		ch = ps->p < ps->end ? '\n' : -1;
	}
	if (ch == '\n') {
		ps->p++;
		ps->line++;
		return 0;
	}
	return ch == -1 ? 0 : -1;
}

static int
parse_header(struct parser *ps)
{
	struct buf	 sec = BUF_INIT, sub = BUF_INIT;
	int		 line = ps->line, has_sub = 0, rc = -1, ch;

	ps->p++;	/* '[' */
	skip_blank(ps);
	while (ps->p < ps->end && (isalnum((unsigned char)*ps->p) ||
	    *ps->p == '-' || *ps->p == '.')) {
		buf_addc(&sec, tolower((unsigned char)*ps->p));
		ps->p++;
	}
	if (sec.len == 0) {
		perr(ps, line, _("missing section name after '['"));
		goto out;
	}
	ch = skip_blank(ps);
	if (ch == '"') {
		has_sub = 1;
		ps->p++;
		for (;;) {
			if (ps->p >= ps->end || *ps->p == '\n') {
				perr(ps, line, _("unterminated section name"));
				goto out;
			}
			ch = (unsigned char)*ps->p++;
			if (ch == '"')
				break;
			if (ch == '\\') {
				if (ps->p >= ps->end || *ps->p == '\n') {
					perr(ps, line,
					    _("unterminated section name"));
					goto out;
				}
				ch = (unsigned char)*ps->p++;
			}
			if (sub.len >= CONFIG_MAX_VALUE) {
				perr(ps, line, _("section name too long"));
				goto out;
			}
			buf_addc(&sub, ch);
		}
		ch = skip_blank(ps);
	}
	if (ch != ']') {
		perr(ps, line, _("expected ']' to close the section header"));
		goto out;
	}
	ps->p++;
	if (end_of_line(ps) == -1) {
		perr(ps, line, _("unexpected text after the section header"));
		goto out;
	}
	str_trim(sub.s);
	rc = open_section(ps, line, sec.s, has_sub ? sub.s : NULL);
out:
	buf_release(&sec);
	buf_release(&sub);
	return rc;
}

/*
 * Reads a value up to the end of its line (or lines, after a trailing
 * backslash): quotes, escapes, comments; trailing blanks outside quotes
 * are dropped.
 */
static int
parse_value(struct parser *ps, int line, struct buf *v)
{
	size_t	keep = 0;	/* length up to the last kept character */
	int	quoted = 0, ch;

	skip_blank(ps);
	while (ps->p < ps->end) {
		ch = (unsigned char)*ps->p;
		if (ch == '\n') {
			if (quoted)
				return perr(ps, line,
				    _("unterminated quoted value"));
			break;
		}
		if (v->len >= CONFIG_MAX_VALUE)
			return perr(ps, line, _("value too long"));
		ps->p++;
		if (!quoted && (ch == '#' || ch == ';')) {
			while (ps->p < ps->end && *ps->p != '\n')
				ps->p++;
			break;
		}
		if (ch == '"') {
			quoted = !quoted;
			keep = v->len;
			continue;
		}
		if (ch == '\\') {
			if (ps->p >= ps->end)
				return perr(ps, line, _("backslash at the end "
				    "of the file"));
			ch = (unsigned char)*ps->p++;
			switch (ch) {
			case '"':
			case '\\':
				break;
			case 'n':
				ch = '\n';
				break;
			case 't':
				ch = '\t';
				break;
			case 'b':
				if (v->len > 0)
					buf_truncate(v, v->len - 1);
				keep = v->len;
				continue;
			case '\r':
				if (ps->p < ps->end && *ps->p == '\n')
					ps->p++;
				/* FALLTHROUGH */
			case '\n':
				ps->line++;	/* continuation */
				continue;
			default:
				return perr(ps, ps->line, _("invalid escape "
				    "'\\%c' (use \\\" \\\\ \\n \\t)"),
				    isprint(ch) ? ch : '?');
			}
			buf_addc(v, ch);
			keep = v->len;
			continue;
		}
		if (ch == '\r' && !quoted)
			continue;
		buf_addc(v, ch);
		if (quoted || (ch != ' ' && ch != '\t'))
			keep = v->len;
	}
	if (quoted)
		return perr(ps, line, _("unterminated quoted value"));
	buf_truncate(v, keep);
	if (ps->p < ps->end) {	/* the newline */
		ps->p++;
		ps->line++;
	}
	return 0;
}

static int
parse_entry(struct parser *ps)
{
	struct buf	 key = BUF_INIT, val = BUF_INIT;
	int		 line = ps->line, ch, rc = -1, has_value = 0;

	while (ps->p < ps->end && (isalnum((unsigned char)*ps->p) ||
	    *ps->p == '-' || *ps->p == '_')) {
		buf_addc(&key, tolower((unsigned char)*ps->p));
		ps->p++;
		if (key.len > 256) {
			perr(ps, line, _("key name too long"));
			goto out;
		}
	}
	ch = skip_blank(ps);
	if (ch == '=') {
		ps->p++;
		has_value = 1;
		if (parse_value(ps, line, &val) == -1)
			goto out;
	} else if (end_of_line(ps) == -1) {
		perr(ps, line, _("expected '=' after '%s'"), key.s);
		goto out;
	}
	rc = apply_key(ps, line, key.s, has_value ? val.s : NULL);
out:
	buf_release(&key);
	buf_release(&val);
	return rc;
}

int
config_parse(struct config *c, const char *name, const char *text,
    size_t len)
{
	struct parser	ps;
	size_t		i;
	int		ch;

	memset(&ps, 0, sizeof(ps));
	ps.c = c;
	ps.name = name;
	ps.p = text;
	ps.end = text + len;
	ps.line = 1;
	if (c->path == NULL)
		c->path = xstrdup(name);
	/* a UTF-8 byte order mark */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		ps.p += 3;
	if (memchr(text, '\0', len) != NULL)
		return perr(&ps, 1, _("NUL byte in the configuration"));
	for (;;) {
		ch = skip_blank(&ps);
		if (ch == -1)
			break;
		if (ch == '\n') {
			ps.p++;
			ps.line++;
			continue;
		}
		if (ch == '#' || ch == ';') {
			end_of_line(&ps);
			continue;
		}
		if (ch == '[') {
			if (parse_header(&ps) == -1)
				return -1;
			continue;
		}
		if (isalpha(ch)) {
			if (parse_entry(&ps) == -1)
				return -1;
			continue;
		}
		return perr(&ps, ps.line, _("expected a [section] or a "
		    "'key = value' line"));
	}
	for (i = 0; i < c->ntags; i++) {
		struct config_tag *t = &c->tags[i];

		if (t->nmatch == 0 && t->nfeeds == 0 && t->nfeed_tags == 0 &&
		    t->signals == CONFIG_SIGNALS_NONE)
			pwarn(&ps, t->line, _("tag '%s' has no 'match', "
			    "'feeds', 'feed-tags' or 'signals': it is never "
			    "given"),
			    t->name);
	}
	return 0;
}

int
config_load(struct config *c, const char *path)
{
	FILE		*fp;
	struct buf	 b = BUF_INIT;
	char		 chunk[8192];
	size_t		 n;
	int		 rc;

	free(c->path);
	c->path = xstrdup(path);
	if ((fp = fopen(path, "r")) == NULL) {
		log_error(_("cannot open '%s'"), path);
		return -1;
	}
	buf_init(&b, CONFIG_MAX_FILE);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (buf_add(&b, chunk, n) == -1) {
			log_errorx(_("'%s' is too large"), path);
			fclose(fp);
			buf_release(&b);
			return -1;
		}
	}
	if (ferror(fp)) {
		log_error(_("cannot read '%s'"), path);
		fclose(fp);
		buf_release(&b);
		return -1;
	}
	fclose(fp);
	rc = config_parse(c, path, b.s, b.len);
	buf_release(&b);
	return rc;
}
