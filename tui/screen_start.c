/* screen_start: see screen_start.h. */
#include "tui/screen_start.h"

#include <curses.h>

void screen_start_batched(void)
{
	endwin(); /* the next doupdate() resumes the screen and redraws it whole */
}
