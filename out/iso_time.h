/* iso_time: how exports and listings write a moment. Pure; owns nothing. */
#ifndef KLANKBORD_ISO_TIME_H
#define KLANKBORD_ISO_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Formats Unix milliseconds as local ISO 8601 with offset, e.g. 2026-11-29T19:04:05.120+01:00. */
void iso_time(int64_t ms, char *out, size_t size);
/* The local day of Unix milliseconds, "2026-11-29"; "unknown" when it cannot be told. */
void iso_day(int64_t ms, char day[11]);
/* When a session's agenda is dated (YYYY-MM-DD) earlier than the local day it was started
 * (started_ms): a note for whoever runs it that says so and what it means, into out, and
 * true. False, and out untouched, for no date, a later one (a rehearsal) or the same day. */
bool iso_date_note(const char *dated, int64_t started_ms, char *out, size_t size);

#endif
