/* iso_time: see iso_time.h. */
#include "out/iso_time.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void iso_time(int64_t ms, char *out, size_t size)
{
	time_t seconds = (time_t)(ms / 1000);
	struct tm local;
	if (!localtime_r(&seconds, &local)) {
		snprintf(out, size, "%s", "1970-01-01T00:00:00.000+00:00");
		return;
	}
	char date[32], zone[8];
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &local);
	strftime(zone, sizeof zone, "%z", &local); /* +0100 */
	snprintf(out, size, "%s.%03d%.3s:%.2s", date, (int)(ms % 1000), zone, zone + 3);
}

void iso_day(int64_t ms, char day[11])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	if (!localtime_r(&t, &tm) || strftime(day, 11, "%Y-%m-%d", &tm) != 10)
		snprintf(day, 11, "%s", "unknown");
}

bool iso_date_note(const char *dated, int64_t started_ms, char *out, size_t size)
{
	char recorded[11];
	iso_day(started_ms, recorded);
	if (!dated || strcmp(recorded, "unknown") == 0 || strcmp(dated, recorded) >= 0)
		return false;
	snprintf(out, size, "agenda dated %s, recorded %s: lists and searches file the session under %s (reports"
		" give both); fix session.date in the agenda for the next one", dated, recorded, dated);
	return true;
}
