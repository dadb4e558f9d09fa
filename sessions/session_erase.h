/* session_erase: erasing one participant of a session, or whole sessions, in one
 * transaction that also appends an erasure event to each session's log (event.h; what
 * is erased and how: docs/privacy.md).
 *
 * Owns the order of an erasure: the checks (the session exists, has ended, is not erased;
 * the participant is one of it), the agenda text without the participant
 * (config/agenda_redact.h), the store's erasure (storage/store.h), the erasure event, the
 * commit, then the scrub of the files. Never prints, never exits, no SQL. */
#ifndef KLANKBORD_SESSION_ERASE_H
#define KLANKBORD_SESSION_ERASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "storage/store.h"

struct session_erase_options {
	const char *by;             /* who erases (the operator's login name), kept in the event */
	const char *console;        /* the envelope's console name */
	int64_t at_ms;
	bool vacuum;                /* rewrite the whole file even when secure_delete covered it */
};

/* What an erasure did. */
struct session_erase_report {
	struct store_erased erased;
	int sessions;
	bool vacuumed;
	bool committed;             /* the erasure is in the database even when the scrub failed */
};

/* Erases participant (NULL: the whole session) of session, the full id. Returns 0, or a
 * sysexits code with a message: EX_NOINPUT no such session or participant (or already
 * erased), EX_DATAERR the session is still open, EX_TEMPFAIL the erasure is committed
 * but another connection kept the -wal from being emptied (report->committed). */
int session_erase(struct store *store, const char *session, const char *participant,
	const struct session_erase_options *options, struct session_erase_report *report, char *err, size_t errlen);
/* Erases each of the n sessions in ids in one transaction, then scrubs once. */
int session_erase_sessions(struct store *store, const char (*ids)[STORE_UUID_LEN + 1], int n,
	const struct session_erase_options *options, struct session_erase_report *report, char *err, size_t errlen);

#endif
