/*
 * store/store-mark.c: digest marks, what each named digest has sent, so
 * `digest --unsent NAME` sends every item once (issue 4).
 */
#include "config.h"

#include "store/store-int.h"
#include "util/i18n.h"

int
store_mark_sent(struct store *st, const char *digest, const long long *ids,
    size_t n, time_t now)
{
	sqlite3_stmt	*s;
	size_t		 i;
	int		 rc, own = 0;

	if (st->depth == 0) {
		if (store_begin(st) == -1)
			return -1;
		own = 1;
	}
	for (i = 0; i < n; i++) {
		if ((s = store_stmt(st, STMT_MARK_INSERT)) == NULL)
			goto fail;
		store_bind_text(s, 1, digest);
		sqlite3_bind_int64(s, 2, ids[i]);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)now);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE) {
			store_fail(st, _("cannot record the digest as sent"));
			goto fail;
		}
	}
	if (own && store_commit(st) == -1)
		goto fail;
	return 0;
fail:
	if (own)
		store_rollback(st);
	return -1;
}
