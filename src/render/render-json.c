/*
 * render/render-json.c: the `json` digest: one JSON document (RFC 8259)
 * with the window, the groups (tag, then feed) and in each the items as
 * SPEC.md's `list --json` objects, plus "also_in" where other feeds
 * carry the same item.  Keys are never translated; a field without a
 * value is left out; the untagged group has "tag": null.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "util/json.h"
#include "util/time.h"

static void
json_entry(struct buf *out, const struct digest_entry *de)
{
	render_item_json(out, &de->item, de->item.feed_title);
	/* NOTE: reopen the object render_item_json closed ("}\n") */
	if (out->len >= 2 && out->s[out->len - 1] == '\n')
		buf_truncate(out, out->len - 2);
	if (de->nalso > 0) {
		buf_adds(out, ",\"also_in\":");
		json_strv(out, de->also_in, de->nalso);
	}
	buf_addc(out, '}');
}

static int
json_digest(struct buf *out, const struct digest *d,
    const struct render_opts *o, char **cause)
{
	size_t	g, f, i;
	int	first = 1, gfirst, ffirst;

	(void)cause;
	buf_addc(out, '{');
	json_obj_str(out, &first, "name", o->name);
	json_obj_str(out, &first, "title", o->title);
	json_obj_time(out, &first, "generated", o->now);
	json_obj_time(out, &first, "since", d->since);
	json_obj_time(out, &first, "until", d->until);
	json_obj_int(out, &first, "count", (long long)d->nshown);
	json_obj_key(out, &first, "groups");
	buf_adds(out, "[\n");
	for (g = 0; g < d->ngroups; g++) {
		const struct digest_group *gr = &d->groups[g];

		gfirst = 1;
		buf_adds(out, g ? ",\n{" : "{");
		json_obj_key(out, &gfirst, "tag");
		if (gr->tag)
			json_strz(out, gr->tag);
		else
			buf_adds(out, "null");
		json_obj_key(out, &gfirst, "feeds");
		buf_addc(out, '[');
		for (f = 0; f < gr->nfeeds; f++) {
			const struct digest_feed *fd = &gr->feeds[f];

			ffirst = 1;
			buf_adds(out, f ? ",\n{" : "\n{");
			json_obj_str(out, &ffirst, "url", fd->url);
			json_obj_str(out, &ffirst, "title", fd->title);
			json_obj_key(out, &ffirst, "items");
			buf_addc(out, '[');
			for (i = 0; i < fd->nentries; i++) {
				buf_adds(out, i ? ",\n" : "\n");
				json_entry(out, fd->entries[i]);
				render_flush(out, o, 0);
			}
			buf_adds(out, "]}");
		}
		buf_adds(out, "]}");
	}
	buf_adds(out, "]}\n");
	return 0;
}

const struct render_ops render_json_ops = {
	"json",
	json_digest,
	RENDER_NO_BODY,
};
