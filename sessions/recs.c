/* recs: see recs.h. */
#include "sessions/recs.h"

#include <string.h>
#include <sysexits.h>

#include "config/rec_status.h"
#include "sessions/errmsg.h"
#include "sessions/session_clock.h"
#include "sessions/uuid.h"

int recs_set_status(struct store *store, const char *rec_prefix, const char *status, const char *note,
	const char *by, int64_t at_ms, char id[STORE_UUID_LEN + 1], char *err, size_t errlen)
{
	enum rec_status value;
	char cut[64];
	if (!rec_status_parse(status, &value)) {
		errmsg_fail(err, errlen, "unknown status \"%s\"; a status is one of %s",
			errmsg_cut(status ? status : "", 20, cut, sizeof cut), rec_status_list());
		return EX_USAGE;
	}
	if (!by || !by[0]) {
		errmsg_fail(err, errlen, "who changes the status must be named (by is empty)");
		return EX_USAGE;
	}
	char rec[STORE_UUID_LEN + 1], change[UUID_TEXT_LEN + 1];
	int rc = store_rec_find(store, rec_prefix, rec, err, errlen);
	if (rc)
		return rc;
	if (!uuid_v4(change)) {
		errmsg_fail(err, errlen, "the system gave no random bytes for the change's id");
		return EX_OSERR;
	}
	if (at_ms <= 0) {
		struct session_clock clock = session_clock_system();
		at_ms = clock.now_ms(clock.ctx);
	}
	struct store_rec_change_row row = { .id = change, .recommendation = rec, .at_ms = at_ms, .status = value,
		.note = note, .by = by };
	rc = store_begin(store, err, errlen);
	if (!rc)
		rc = store_insert_rec_change(store, &row, err, errlen);
	if (!rc)
		rc = store_commit(store, err, errlen);
	if (rc)
		store_rollback(store);
	else if (id)
		memcpy(id, rec, sizeof rec);
	return rc;
}
