/* session_erase: see session_erase.h. */
#include "sessions/session_erase.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "config/agenda_redact.h"
#include "sessions/errmsg.h"
#include "sessions/event.h"
#include "sessions/session.h"

/* The session as it is before erasing: it must exist, be ended and not erased already. */
static int check_session(struct store *store, const char *session, struct store_session_info *info, char *err,
	size_t errlen)
{
	int rc = store_session_get(store, session, info, err, errlen);
	if (rc)
		return rc;
	if (info->erased) {
		errmsg_fail(err, errlen, "session %.8s was erased already", session);
		return EX_NOINPUT;
	}
	if (!info->ended) {
		errmsg_fail(err, errlen, "session %.8s (%s) is still open: end it first (klankbord resume %.8s, then /end),"
			" so that no console keeps what is erased on its screen", session, info->title, session);
		return EX_DATAERR;
	}
	return 0;
}

static int append_erasure(struct store *store, const char *session, const char *participant,
	const struct store_erased *erased, const struct session_erase_options *o, char *err, size_t errlen)
{
	struct event ev = { .type = EVENT_ERASURE };
	ev.as.erasure = (struct event_erasure){
		.scope = participant ? EVENT_ERASURE_PARTICIPANT : EVENT_ERASURE_SESSION, .participant = participant,
		.contributions = erased->contributions, .events = erased->events, .ballots = erased->ballots,
		.rewritten = erased->rewritten, .by = o->by };
	struct json_buf payload = { 0 };
	event_encode(&ev, &event_keep_everything, &payload);
	int rc;
	int64_t seq;
	if (payload.failed || !payload.data) {
		errmsg_fail(err, errlen, "out of memory");
		rc = EX_OSERR;
	} else
		rc = store_append_event(store, session, o->at_ms, o->console, EVENT_TYPE_ERASURE, payload.data, &seq, err,
			errlen);
	json_buf_free(&payload);
	return rc;
}

/* Whether participant is one of the session's (in the agenda or added live). */
static int check_participant(struct store *store, const char *session, const char *participant, char *err,
	size_t errlen)
{
	struct session *s = NULL;
	int rc = session_load(store, session, false, "erase", session_clock_system(), &s, err, errlen);
	if (!rc && session_participant_index(s, participant) < 0) {
		errmsg_fail(err, errlen, "session %.8s has no participant %s", session, participant);
		rc = EX_NOINPUT;
	}
	session_free(s);
	return rc;
}

static int scrub(struct store *store, const struct session_erase_options *o, struct session_erase_report *report,
	char *err, size_t errlen)
{
	report->committed = true;
	return store_scrub(store, o->vacuum, &report->vacuumed, err, errlen);
}

int session_erase(struct store *store, const char *session, const char *participant,
	const struct session_erase_options *o, struct session_erase_report *report, char *err, size_t errlen)
{
	*report = (struct session_erase_report){ 0 };
	if (!participant)
		return session_erase_sessions(store, (const char (*)[STORE_UUID_LEN + 1])session, 1, o, report, err, errlen);
	struct store_session_info info;
	int rc = check_session(store, session, &info, err, errlen);
	if (!rc)
		rc = check_participant(store, session, participant, err, errlen);
	char *agenda = NULL;
	size_t agenda_len = 0;
	if (!rc && agenda_redact_participant(info.agenda_yaml, info.agenda_len, participant, &agenda, &agenda_len, err,
		errlen))
		rc = EX_DATAERR;
	store_session_info_free(&info);
	if (!rc)
		rc = store_begin(store, err, errlen);
	if (rc) {
		free(agenda);
		return rc;
	}
	rc = store_erase_begin(store, err, errlen);
	if (!rc)
		rc = store_erase_participant(store, session, participant, agenda, agenda_len, &report->erased, err, errlen);
	free(agenda);
	if (!rc)
		rc = store_erase_end(store, err, errlen);
	if (!rc)
		rc = append_erasure(store, session, participant, &report->erased, o, err, errlen);
	if (!rc)
		rc = store_commit(store, err, errlen);
	if (rc) {
		store_rollback(store);
		return rc;
	}
	report->sessions = 1;
	return scrub(store, o, report, err, errlen);
}

int session_erase_sessions(struct store *store, const char (*ids)[STORE_UUID_LEN + 1], int n,
	const struct session_erase_options *o, struct session_erase_report *report, char *err, size_t errlen)
{
	*report = (struct session_erase_report){ 0 };
	int rc = 0;
	for (int i = 0; !rc && i < n; i++) {
		struct store_session_info info;
		rc = check_session(store, ids[i], &info, err, errlen);
		store_session_info_free(&info);
	}
	if (!rc && n == 0)
		return 0;
	if (!rc)
		rc = store_begin(store, err, errlen);
	if (rc)
		return rc;
	rc = store_erase_begin(store, err, errlen);
	struct store_erased *each = calloc((size_t)n, sizeof *each);
	if (!each && !rc) {
		errmsg_fail(err, errlen, "out of memory");
		rc = EX_OSERR;
	}
	for (int i = 0; !rc && i < n; i++)
		rc = store_erase_session(store, ids[i], o->at_ms, &each[i], err, errlen);
	if (!rc)
		rc = store_erase_end(store, err, errlen);
	for (int i = 0; !rc && i < n; i++) {
		rc = append_erasure(store, ids[i], NULL, &each[i], o, err, errlen);
		report->erased.contributions += each[i].contributions;
		report->erased.events += each[i].events;
	}
	free(each);
	if (!rc)
		rc = store_commit(store, err, errlen);
	if (rc) {
		store_rollback(store);
		return rc;
	}
	report->sessions = n;
	return scrub(store, o, report, err, errlen);
}
