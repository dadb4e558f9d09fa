/* export: writes a session's whole structured log as JSON (docs/export-format.md).
 *
 * Reads the session model and the store's event log; writes nothing to the store.
 * Names and communities of participants appear only when asked for (pseudonyms by
 * default; a community is close to ethnic origin, a special category of data). Every
 * string is JSON-escaped, so control characters and escape sequences in stored text
 * reach no terminal raw. Never prints anything but the export itself; never exits. */
#ifndef KLANKBORD_EXPORT_H
#define KLANKBORD_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sessions/session.h"

struct export_options {
	bool names;          /* include participants' names */
	bool communities;    /* include participants' communities (close to ethnic origin: GDPR art. 9) */
};

/* Writes the JSON document to out. Returns 0, EX_IOERR when writing failed, or the
 * store's code when reading the log failed; err says why. */
int export_json(const struct session *session, const struct export_options *options, FILE *out,
	char *err, size_t errlen);

/* Formats Unix milliseconds as local ISO 8601 with offset, e.g. 2026-11-29T19:04:05.120+01:00. */
void export_iso_time(int64_t ms, char *out, size_t size);

#endif
