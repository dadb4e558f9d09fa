/* session_clock: see session_clock.h. */
#include "sessions/session_clock.h"

#include <time.h>

static int64_t system_now_ms(void *ctx)
{
	(void)ctx;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct session_clock session_clock_system(void)
{
	return (struct session_clock){ system_now_ms, NULL };
}
