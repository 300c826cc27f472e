/*
 * store/store-fts.c: the search index kept in step with the items.
 *
 * The index (items_fts, migration 6 in store.c) is a contentless FTS5
 * table with SQLite's own tokenizer, unicode61 remove_diacritics 2, so
 * any SQLite with FTS5, the sqlite3 shell included, can read and write
 * the database.  Its text is the title and the body with the markup
 * stripped (crier_fts_text()), which only crier can make; a contentless
 * table forgets a row only when told the very text it indexed (the
 * "delete" command: SQLite 3.43's contentless_delete is newer than
 * Debian 12's 3.40).  So the triggers on items are plain SQL that any
 * connection can run: a row's old title and body (as stored, maybe
 * compressed) go to items_fts_stale when the row is deleted or its texts
 * change, and crier catches up here, in its next write transaction: the
 * first stale copy of each row (the one the index holds) leaves the
 * index, and the row's current text, if the row is still there, goes in.
 * Until then a search may find a deleted row (which no item joins) or an
 * edited one by its old words.
 *
 * Databases of schema 5 and older were made with a tokenizer of our own,
 * "crier" (the tokens of unicode61 remove_diacritics 2, made faster); an
 * FTS5 table needs its tokenizer even to be dropped, so "crier" stays
 * registered, as a plain alias of unicode61, for migration 4 of a new
 * database and migration 6 of an old one.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* "crier": unicode61 remove_diacritics 2 under another name */
struct fts_alias {
	fts5_tokenizer	 u61;
	void		*u61_data;
};

struct fts_alias_tok {
	fts5_tokenizer	 u61;
	Fts5Tokenizer	*inner;
};

static int
alias_create(void *data, const char **argv, int argc, Fts5Tokenizer **out)
{
	static const char	*u61_args[] = { "remove_diacritics", "2" };
	struct fts_alias	*m = data;
	struct fts_alias_tok	*t;
	int			 rc;

	(void)argv;
	*out = NULL;
	if (argc != 0)
		return SQLITE_ERROR;	/* "crier" takes no options */
	t = xcalloc(1, sizeof(*t));
	t->u61 = m->u61;
	if ((rc = m->u61.xCreate(m->u61_data, u61_args, 2, &t->inner)) !=
	    SQLITE_OK) {
		free(t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void
alias_delete(Fts5Tokenizer *p)
{
	struct fts_alias_tok *t = (struct fts_alias_tok *)p;

	if (t == NULL)
		return;
	if (t->inner != NULL)
		t->u61.xDelete(t->inner);
	free(t);
}

static int
alias_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text,
    int ntext, int (*xtoken)(void *, int, const char *, int, int, int))
{
	struct fts_alias_tok *t = (struct fts_alias_tok *)p;

	return t->u61.xTokenize(t->inner, ctx, flags, text, ntext, xtoken);
}

fts5_api *
store_fts5_api(sqlite3 *db)
{
	fts5_api	*api = NULL;
	sqlite3_stmt	*s;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) !=
	    SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
	(void)sqlite3_step(s);
	sqlite3_finalize(s);
	return api;
}

int
store_fts_register(sqlite3 *db)
{
	fts5_api		*api;
	fts5_tokenizer		 tok = { alias_create, alias_delete,
				    alias_tokenize };
	struct fts_alias	*m;
	int			 rc;

	if ((api = store_fts5_api(db)) == NULL)
		return SQLITE_ERROR;
	m = xcalloc(1, sizeof(*m));
	rc = api->xFindTokenizer(api, "unicode61", &m->u61_data, &m->u61);
	if (rc != SQLITE_OK) {
		free(m);
		return rc;
	}
	/* NOTE: SQLite frees m when the connection closes; if registering
	 * fails (out of memory) it does not, and m is left: store_open()
	 * fails and the program stops */
	return api->xCreateTokenizer(api, "crier", m, &tok, free);
}

int
store_fts_catch_up(struct store *st)
{
	sqlite3_stmt	*s;
	int		 rc;

	if (st->flags & STORE_READONLY)
		return 0;
	if ((s = store_stmt(st, STMT_FTS_STALE_ANY)) == NULL)
		return -1;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;		/* nothing stale: the usual case */
	if (rc != SQLITE_ROW)
		return store_fail(st, _("cannot index an item"));
	if ((s = store_stmt(st, STMT_FTS_STALE_FORGET)) == NULL ||
	    store_step_done(st, s, N_("cannot index an item")) == -1 ||
	    (s = store_stmt(st, STMT_FTS_STALE_ADD)) == NULL ||
	    store_step_done(st, s, N_("cannot index an item")) == -1 ||
	    (s = store_stmt(st, STMT_FTS_STALE_CLEAR)) == NULL ||
	    store_step_done(st, s, N_("cannot index an item")) == -1)
		return -1;
	return 0;
}
