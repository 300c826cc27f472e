/*
 * cmd-opml.c: `crier import-opml FILE` and `crier export-opml`.  Import
 * appends a [feed] section per new feed of the list to the config file,
 * as `crier add` does but without fetching, in one atomic write; feeds
 * already subscribed (same canonical URL) are skipped.  Export prints
 * the config's feeds, titles and tags as OPML 2.0 (opml.c), with the
 * address of each site the database knows.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "conf-edit.h"
#include "opml.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/xmalloc.h"

#define OPML_MAX_FILE	(16UL * 1024 * 1024)

static int
read_file(const char *path, struct buf *b)
{
	FILE	*fp = stdin;
	char	 chunk[8192];
	size_t	 n;
	int	 rc = 0;

	if (strcmp(path, "-") != 0 && (fp = fopen(path, "r")) == NULL) {
		log_error(_("cannot open '%s'"), path);
		return -1;
	}
	buf_init(b, OPML_MAX_FILE);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (buf_add(b, chunk, n) == -1) {
			log_errorx(_("'%s' is too large"), path);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(fp)) {
		log_error(_("cannot read '%s'"), path);
		rc = -1;
	}
	if (fp != stdin)
		fclose(fp);
	return rc;
}

/* 1 when s has a control character a config value cannot hold */
static int
has_ctl(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	}
	return 0;
}

int
cmd_import_opml(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct conf_edit_feed	 ef;
	struct opml		 o;
	struct opml_feed	*f;
	struct buf		 file = BUF_INIT, text = BUF_INIT;
	char			*path = NULL, *cause = NULL, **tags = NULL;
	size_t			 i, j, k, added = 0, skipped = 0, bad = 0;
	int			 ch, rc = EXIT_USAGE, dup;

	while ((ch = cmd_getopt(ctx, argc, argv)) != -1)
		return cmd_usage(ctx);
	if (optind + 1 != argc)
		return cmd_usage(ctx);
	memset(&o, 0, sizeof(o));
	if (read_file(argv[optind], &file) == -1)
		goto out;
	if (opml_parse(file.s, file.len, &o, &cause) == -1) {
		log_errorx("%s: %s", argv[optind], cause);
		free(cause);
		goto out;
	}
	if (cmd_conf_edit_begin(ctx, &path, &text) == -1)
		goto out;
	for (i = 0; i < o.nfeeds; i++) {
		f = &o.feeds[i];
		if (!config_feed_url_ok(f->url)) {
			log_feed(f->url, "%s", _("skipped: not an http, https "
			    "or file URL"));
			bad++;
			continue;
		}
		dup = cmd_conf_has_feed(ctx, f->url) != NULL;
		for (j = 0; !dup && j < i; j++)
			dup = conf_edit_same_url(o.feeds[j].url, f->url);
		if (dup) {
			log_info(_("%s: skipped: already subscribed"), f->url);
			skipped++;
			continue;
		}
		memset(&ef, 0, sizeof(ef));
		ef.url = f->url;
		ef.title = f->title && !has_ctl(f->title) ? f->title : NULL;
		tags = xreallocarray(NULL, f->ntags + 1, sizeof(*tags));
		for (k = 0; k < f->ntags; k++) {
			if (config_tag_name_ok(f->tags[k]))
				tags[ef.ntags++] = f->tags[k];
		}
		ef.tags = tags;
		conf_edit_add_feed(&text, &ef);
		free(tags);
		added++;
	}
	rc = EXIT_FEEDS_FAILED;
	if (added > 0 && cmd_conf_edit_commit(path, &text) == -1)
		goto out;
	/* TRANSLATORS: "3 feeds added to 'FILE', 1 skipped (already
	 * subscribed)" */
	printf(Q_("%zu feed added to '%s', ", "%zu feeds added to '%s', ",
	    (unsigned long)added), added, path);
	printf(Q_("%zu skipped (already subscribed)", "%zu skipped (already "
	    "subscribed)", (unsigned long)skipped), skipped);
	if (bad > 0)
		printf(Q_(", %zu invalid", ", %zu invalid", (unsigned long)bad),
		    bad);
	printf("\n");
	rc = EXIT_OK;
out:
	opml_release(&o);
	buf_release(&file);
	buf_release(&text);
	free(path);
	return rc;
}

int
cmd_export_opml(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct opml_feed	*feeds;
	struct store_feed	*sf;
	struct store		*st = NULL;
	struct buf		 out = BUF_INIT;
	size_t			 i, n;
	int			 ch;

	while ((ch = cmd_getopt(ctx, argc, argv)) != -1)
		return cmd_usage(ctx);
	if (optind != argc)
		return cmd_usage(ctx);
	(void)argv;
	if (cmd_load_config(ctx, 0) == -1)
		return EXIT_USAGE;
	n = ctx->config.nfeeds;
	feeds = xcalloc(n + 1, sizeof(*feeds));
	sf = xcalloc(n + 1, sizeof(*sf));
	/* the sites' addresses (htmlUrl) from the database (a missing one
	 * reads as empty); the list is whole without them */
	st = cmd_open_store(ctx, STORE_READONLY);
	/* NOTE: borrowed strings: opml_write() only reads them */
	for (i = 0; i < n; i++) {
		feeds[i].url = ctx->config.feeds[i].url;
		feeds[i].title = ctx->config.feeds[i].title;
		feeds[i].tags = ctx->config.feeds[i].tags;
		feeds[i].ntags = ctx->config.feeds[i].ntags;
		if (st && store_feed_find(st, feeds[i].url, &sf[i]) == 0)
			feeds[i].html_url = sf[i].link;
	}
	opml_write(&out, feeds, n);
	fwrite(out.s, 1, out.len, stdout);
	buf_release(&out);
	for (i = 0; i < n; i++)
		store_feed_release(&sf[i]);
	free(sf);
	free(feeds);
	if (st)
		store_close(st);
	return EXIT_OK;
}
