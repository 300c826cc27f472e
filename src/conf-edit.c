/*
 * conf-edit.c: feeds.conf changed as text (conf-edit.h).  conf.c reads
 * the file into a struct and forgets its layout; a person's comments and
 * order must survive `crier add` and `crier remove`, so the edits here
 * work on lines: find the [feed] headers (the same header syntax as
 * conf.c reads: a quoted name with \" and \\ escapes), cut or append.
 * The file is then replaced whole, through a temporary file and
 * rename(2), so that a crash or a full disk leaves the old file.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf-edit.h"
#include "parse/url.h"
#include "util/i18n.h"
#include "util/str.h"
#include "util/xmalloc.h"

#define CONF_EDIT_MAX	(16 * 1024 * 1024)	/* as conf.c's file cap */

int
conf_edit_same_url(const char *a, const char *b)
{
	char	*ca, *cb;
	int	 same;

	if (strcmp(a, b) == 0)
		return 1;
	ca = url_canonical(a);
	cb = url_canonical(b);
	/* NOTE: url_canonical() keeps a file:// URL as it is; a fragment
	 * never reaches the server, nor the file */
	ca[strcspn(ca, "#")] = '\0';
	cb[strcspn(cb, "#")] = '\0';
	same = strcmp(ca, cb) == 0;
	free(ca);
	free(cb);
	return same;
}

/* a value or section name written so that conf.c reads s back */
static void
add_quoted(struct buf *b, const char *s, int always)
{
	size_t	n = strlen(s);
	int	q = always || n == 0 || s[0] == ' ' || s[0] == '\t' ||
		    s[n - 1] == ' ' || s[n - 1] == '\t' ||
		    strpbrk(s, "\"\\#;") != NULL;

	if (q)
		buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_addc(b, '\\');
		if (*s == '\t') {
			buf_adds(b, "\\t");
			continue;
		}
		buf_addc(b, *s);
	}
	if (q)
		buf_addc(b, '"');
}

/* the leading blanks of the file's first indented key line */
static void
indent_of(const char *s, size_t len, struct buf *out)
{
	const char	*p = s, *end = s + len, *nl, *q;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', end - p)) == NULL)
			nl = end;
		for (q = p; q < nl && (*q == ' ' || *q == '\t'); q++)
			;
		if (q > p && q < nl && is_alpha((unsigned char)*q)) {
			buf_add(out, p, q - p);
			return;
		}
		if (nl == end)
			break;
	}
	buf_addc(out, '\t');
}

void
conf_edit_add_feed(struct buf *b, const struct conf_edit_feed *f)
{
	struct buf	ind = BUF_INIT;
	size_t		i;

	indent_of(b->s, b->len, &ind);
	if (b->len > 0 && b->s[b->len - 1] != '\n')
		buf_addc(b, '\n');
	if (b->len > 0 && !(b->len >= 2 && b->s[b->len - 2] == '\n'))
		buf_addc(b, '\n');
	buf_adds(b, "[feed ");
	add_quoted(b, f->url, 1);
	buf_adds(b, "]\n");
	if (f->title) {
		buf_addf(b, "%stitle = ", ind.s);
		add_quoted(b, f->title, 0);
		buf_addc(b, '\n');
	}
	if (f->ntags > 0) {
		buf_addf(b, "%stags =", ind.s);
		for (i = 0; i < f->ntags; i++)
			buf_addf(b, " %s", f->tags[i]);
		buf_addc(b, '\n');
	}
	buf_release(&ind);
}

enum line_kind {
	LINE_BLANK,
	LINE_COMMENT,		/* at the left margin */
	LINE_HEADER,
	LINE_OTHER,		/* keys, continuations, indented comments */
};

/*
 * The kind of line p[0..n) (no newline); for a [feed "URL"] header the
 * URL goes to url (else url is left empty).
 */
static enum line_kind
line_kind(const char *p, size_t n, struct buf *url)
{
	const char	*end = p + n, *q = p;
	size_t		 nl;

	buf_reset(url);
	while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
		q++;
	if (q == end)
		return LINE_BLANK;
	if (*q == '#' || *q == ';')
		return q == p ? LINE_COMMENT : LINE_OTHER;
	if (*q != '[')
		return LINE_OTHER;
	q++;
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	nl = 0;
	while (q + nl < end && (is_alpha((unsigned char)q[nl]) ||
	    is_digit((unsigned char)q[nl]) || q[nl] == '-' || q[nl] == '.'))
		nl++;
	if (nl == 0)
		return LINE_OTHER;
	if (nl != 4 || strncasecmp(q, "feed", 4) != 0)
		return LINE_HEADER;
	q += nl;
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	if (q == end || *q != '"')
		return LINE_HEADER;
	for (q++; q < end && *q != '"'; q++) {
		if (*q == '\\' && q + 1 < end)
			q++;
		buf_addc(url, *q);
	}
	str_trim(url->s);
	url->len = strlen(url->s);
	return LINE_HEADER;
}

struct line {
	size_t		 off, len;	/* len with the newline */
	enum line_kind	 kind;
	int		 match;		/* a header of the feed to remove */
	int		 cont;		/* continues the line before */
};

size_t
conf_edit_remove_feed(const char *text, size_t len, const char *url,
    struct buf *out)
{
	struct line	*lines = NULL;
	struct buf	 u = BUF_INIT;
	size_t		 n = 0, cap = 0, i, j, k, off, removed = 0;
	const char	*nl;
	char		*drop;
	int		 cont = 0;

	for (off = 0; off < len; off += lines[n - 1].len) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			lines = xreallocarray(lines, cap, sizeof(*lines));
		}
		nl = memchr(text + off, '\n', len - off);
		lines[n].off = off;
		lines[n].len = nl ? (size_t)(nl - (text + off)) + 1 : len - off;
		/* NOTE: a value continued by a trailing backslash (conf.c
		 * parse_value()) may start its next line with '[' */
		lines[n].cont = cont;
		lines[n].kind = cont ? LINE_OTHER :
		    line_kind(text + off, lines[n].len - (nl != NULL), &u);
		lines[n].match = lines[n].kind == LINE_HEADER && u.len > 0 &&
		    conf_edit_same_url(u.s, url);
		k = lines[n].len - (nl != NULL);
		while (k > 0 && text[off + k - 1] == '\r')
			k--;
		for (j = 0; k > 0 && text[off + k - 1] == '\\'; k--)
			j++;
		cont = lines[n].kind != LINE_COMMENT && (j % 2) == 1;
		n++;
	}
	buf_release(&u);
	drop = xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		if (!lines[i].match)
			continue;
		removed++;
		for (j = i + 1; j < n && lines[j].kind != LINE_HEADER; j++)
			;
		k = j;
		if (j < n) {
			/* the comments right above the next header are its */
			while (k > i + 1 && lines[k - 1].kind == LINE_COMMENT)
				k--;
		} else {
			/* the last section: the blank lines above it go too */
			while (i > 0 && lines[i - 1].kind == LINE_BLANK &&
			    !drop[i - 1])
				drop[--i] = 1;
		}
		for (; i < k; i++)
			drop[i] = 1;
		i = k - 1;
	}
	for (i = 0; i < n; i++) {
		if (!drop[i])
			buf_add(out, text + lines[i].off, lines[i].len);
	}
	free(drop);
	free(lines);
	return removed;
}

int
conf_edit_read(const char *path, struct buf *b, char **cause)
{
	FILE	*fp;
	char	 chunk[8192];
	size_t	 n;

	buf_reset(b);
	if ((fp = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return 1;
		xasprintf(cause, _("cannot open '%s': %s"), path,
		    strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (b->len + n > CONF_EDIT_MAX) {
			xasprintf(cause, _("'%s' is too large"), path);
			fclose(fp);
			return -1;
		}
		buf_add(b, chunk, n);
	}
	if (ferror(fp)) {
		xasprintf(cause, _("cannot read '%s': %s"), path,
		    strerror(errno));
		fclose(fp);
		return -1;
	}
	fclose(fp);
	return 0;
}

int
conf_edit_write(const char *path, const char *s, size_t len, char **cause)
{
	struct stat	 sb;
	char		*real = NULL, *tmp = NULL;
	const char	*target = path;
	mode_t		 mode, mask;
	ssize_t		 w;
	size_t		 done = 0;
	int		 fd = -1, rc = -1;

	if ((real = realpath(path, NULL)) != NULL)
		target = real;
	if (stat(target, &sb) == 0)
		mode = sb.st_mode & 07777;
	else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	xasprintf(&tmp, "%s.XXXXXX", target);
	if ((fd = mkstemp(tmp)) == -1) {
		xasprintf(cause, _("cannot create a file beside '%s': %s"),
		    target, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	if (fchmod(fd, mode) == -1)
		goto fail;
	while (done < len) {
		if ((w = write(fd, s + done, len - done)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		done += (size_t)w;
	}
	if (fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, target) == -1)
		goto fail;
	rc = 0;
	goto out;
fail:
	xasprintf(cause, _("cannot write '%s': %s"), target, strerror(errno));
out:
	if (fd != -1)
		close(fd);
	if (rc == -1 && tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(real);
	return rc;
}
