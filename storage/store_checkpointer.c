/* store_checkpointer: see store_checkpointer.h. */
#include "storage/store_checkpointer.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sessions/errmsg.h"
#include "storage/store_db.h"

struct store_checkpointer {
	sqlite3 *db;                  /* its own connection, used by its thread only */
	pthread_t thread;
	pthread_mutex_t mutex;        /* guards what follows */
	pthread_cond_t wake;
	bool requested, stopping;
	bool finished;                /* a checkpoint ended that the writer has not caught up on */
	int status;                   /* the first problem's sysexits code; 0 while none */
	char problem[256];
};

/* Keeps the first problem: the later ones are most often the same one again. */
static void remember(struct store_checkpointer *c, int status, const char *problem)
{
	if (!c->status) {
		c->status = status;
		snprintf(c->problem, sizeof c->problem, "%s", problem);
	}
}

static void *run(void *arg)
{
	struct store_checkpointer *c = arg;
	pthread_mutex_lock(&c->mutex);
	for (;;) {
		while (!c->requested && !c->stopping)
			pthread_cond_wait(&c->wake, &c->mutex);
		if (!c->requested)
			break;
		c->requested = false;
		pthread_mutex_unlock(&c->mutex);
		int r = sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->mutex);
		/* BUSY: another connection is checkpointing; it copies the same pages. */
		if (r != SQLITE_OK && r != SQLITE_BUSY)
			remember(c, EX_IOERR, sqlite3_errmsg(c->db));
		c->finished = true;
	}
	pthread_mutex_unlock(&c->mutex);
	return NULL;
}

static void free_checkpointer(struct store_checkpointer *c)
{
	sqlite3_close(c->db);
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->mutex);
	free(c);
}

static int start(struct store *store, char *err, size_t errlen)
{
	struct store_checkpointer *c = calloc(1, sizeof *c);
	if (!c) {
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	pthread_mutex_init(&c->mutex, NULL);
	pthread_cond_init(&c->wake, NULL);
	/* No SQLITE_OPEN_CREATE: the writer's file is there, and open. */
	int r = sqlite3_open_v2(store->path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (r == SQLITE_OK)
		r = sqlite3_busy_timeout(c->db, STORE_BUSY_TIMEOUT_MS);
	/* A connection finds the write-ahead log at its first read; before, a checkpoint on it
	 * does nothing. */
	if (r == SQLITE_OK)
		r = sqlite3_exec(c->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
	if (r != SQLITE_OK || pthread_create(&c->thread, NULL, run, c) != 0) {
		errmsg_fail(err, errlen, "cannot copy the log of %s into the database beside the writing: %s", store->path,
			r != SQLITE_OK ? (c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(r)) : "no thread could be started");
		free_checkpointer(c);
		return EX_OSERR;
	}
	/* From here the thread checkpoints this connection's log: none inside its commits, which
	 * SQLite otherwise does once the log passes 1,000 pages (about every 250 lines). */
	sqlite3_wal_autocheckpoint(store->db, 0);
	store->checkpointer = c;
	return 0;
}

int store_checkpoint_later(struct store *store, char *err, size_t errlen)
{
	if (store->read_only)
		return 0;
	int rc = store->checkpointer ? 0 : start(store, err, errlen);
	if (rc)
		return store_checkpoint(store, err, errlen); /* here, then, as before */
	struct store_checkpointer *c = store->checkpointer;
	pthread_mutex_lock(&c->mutex);
	rc = c->status;
	if (rc) {
		errmsg_fail(err, errlen, "cannot copy the log of %s into the database: %s", store->path, c->problem);
		c->status = 0;
	}
	c->requested = true;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->mutex);
	return rc;
}

int store_checkpoint_catch_up(struct store *store, char *err, size_t errlen)
{
	struct store_checkpointer *c = store->checkpointer;
	if (!c)
		return 0;
	pthread_mutex_lock(&c->mutex);
	bool finished = c->finished && !c->requested;
	c->finished = false;
	pthread_mutex_unlock(&c->mutex);
	return finished ? store_checkpoint(store, err, errlen) : 0;
}

void store_checkpointer_stop(struct store *store)
{
	struct store_checkpointer *c = store->checkpointer;
	if (!c)
		return;
	pthread_mutex_lock(&c->mutex);
	c->stopping = true;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->mutex);
	pthread_join(c->thread, NULL);
	free_checkpointer(c);
	store->checkpointer = NULL;
}
