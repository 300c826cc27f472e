/*
 * store/store-ckpt.c: WAL checkpoints in a thread of their own while a
 * poll writes.  SQLite checkpoints in the committing thread by default:
 * every 16 MB of WAL the writer stopped to copy the pages into the
 * database and waited for two fdatasync().  Here the
 * commit only signals; a second connection runs a PASSIVE checkpoint,
 * which never blocks the writer, while it goes on.  Durability is the
 * same: synchronous = NORMAL syncs the WAL at checkpoints either way, and
 * the writer's last close checkpoints what is left.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/log.h"
#include "util/xmalloc.h"

/* times STORE_CHECKPOINT_BYTES of WAL when the writer checkpoints too */
#define STORE_CKPT_CATCHUP	4

struct store_ckpt {
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	sqlite3		*db;		/* the checkpointer's own connection */
	int		 frames;	/* WAL frames that ask for one */
	int		 pending;	/* a commit asked */
	int		 stop;
	int		 failed;	/* reported once */
};

/* the writer's wal hook: after each commit, nframes in the WAL */
static int
wal_hook(void *arg, sqlite3 *db, const char *name, int nframes)
{
	struct store_ckpt *c = arg;

	if (nframes < c->frames)
		return SQLITE_OK;
	/*
	 * NOTE: the WAL starts again from its head only when a transaction
	 * begins with every frame checkpointed, and the writer begins its
	 * next one long before the thread is done: without this the WAL of
	 * a long poll would only grow.  Far past the mark, the writer
	 * catches up itself (most is copied already); if the thread is at
	 * it, SQLITE_BUSY, and the next commit tries again.
	 */
	if (nframes >= STORE_CKPT_CATCHUP * c->frames) {
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE,
		    NULL, NULL);
		return SQLITE_OK;
	}
	pthread_mutex_lock(&c->mu);
	c->pending = 1;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	return SQLITE_OK;
}

static void *
ckpt_main(void *arg)
{
	struct store_ckpt	*c = arg;
	int			 rc, nlog, nckpt;

	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (!c->pending && !c->stop)
			pthread_cond_wait(&c->cv, &c->mu);
		if (c->stop)
			break;
		c->pending = 0;
		pthread_mutex_unlock(&c->mu);
		rc = sqlite3_wal_checkpoint_v2(c->db, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, &nlog, &nckpt);
		/* NOTE: SQLITE_BUSY: another checkpoint runs; the next
		 * commit asks again.  Anything else: the writer's close
		 * checkpoints anyway, so it is only said. */
		if (rc != SQLITE_OK && rc != SQLITE_BUSY && !c->failed) {
			c->failed = 1;
			log_debug("checkpoint: %s", sqlite3_errmsg(c->db));
		}
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

static void
ckpt_free(struct store_ckpt *c)
{
	sqlite3_close(c->db);
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	free(c);
}

int
store_checkpoint_thread(struct store *st, int on)
{
	struct store_ckpt	*c = st->ckpt;
	int			 frames;

	if (!on) {
		if (c == NULL)
			return 0;
		pthread_mutex_lock(&c->mu);
		c->stop = 1;
		pthread_cond_signal(&c->cv);
		pthread_mutex_unlock(&c->mu);
		pthread_join(c->thread, NULL);
		st->ckpt = NULL;
		ckpt_free(c);
		/* back to SQLite's own, as store_open() left it */
		return store_set_autocheckpoint(st);
	}
	if (c != NULL || st->path == NULL || (st->flags & STORE_READONLY))
		return 0;
	if ((frames = store_checkpoint_frames(st)) == -1)
		return 0;	/* SQLite's own checkpoints stay */
	c = xcalloc(1, sizeof(*c));
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	c->frames = frames;
	if (sqlite3_open_v2(st->path, &c->db, SQLITE_OPEN_READWRITE,
	    NULL) != SQLITE_OK) {
		log_debug("checkpoint: %s", sqlite3_errmsg(c->db));
		ckpt_free(c);
		return 0;	/* SQLite's own checkpoints stay */
	}
	sqlite3_busy_timeout(c->db, 1000);
	/* NOTE: a connection finds the WAL on its first read; before,
	 * a checkpoint does nothing (and says the log has -1 frames) */
	if (sqlite3_exec(c->db, "PRAGMA schema_version", NULL, NULL,
	    NULL) != SQLITE_OK) {
		log_debug("checkpoint: %s", sqlite3_errmsg(c->db));
		ckpt_free(c);
		return 0;
	}
	if (pthread_create(&c->thread, NULL, ckpt_main, c) != 0) {
		ckpt_free(c);
		return 0;
	}
	st->ckpt = c;
	/* replaces the autocheckpoint, which is a wal hook too */
	sqlite3_wal_hook(st->db, wal_hook, c);
	return 0;
}
