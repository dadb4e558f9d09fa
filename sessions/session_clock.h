/* session_clock: where a session reads the time. Times are Unix milliseconds; tests
 * pass a clock of their own so that timers and golden screens do not depend on the day.
 * Owns nothing; never prints, never exits. */
#ifndef KLANKBORD_SESSION_CLOCK_H
#define KLANKBORD_SESSION_CLOCK_H

#include <stdint.h>

struct session_clock {
	int64_t (*now_ms)(void *ctx);
	void *ctx;
};
/* The real clock (CLOCK_REALTIME in milliseconds). */
struct session_clock session_clock_system(void);

#endif
