/* screen_start: what every curses screen of this program does once newterm() made it and
 * its first frame is drawn, before the first doupdate().
 *
 * ncurses 6.4 writes out what it buffered at every cursor move until the screen has
 * been suspended once (_nc_mvcur flushes while the screen is still "initial"): a
 * system call, and a partial frame on the terminal, for each row a redraw changes
 * (about 60 for a PgUp of the console at 200x60). Suspending the screen once (endwin)
 * ends that; the next doupdate() resumes it (terminal modes, keypad, cursor, the
 * alternate screen) and draws the whole screen, as a first frame does anyway. Then a
 * frame goes out in as few writes as its size needs. Owns nothing; touches only the
 * current screen (set_term). */
#ifndef KLANKBORD_SCREEN_START_H
#define KLANKBORD_SCREEN_START_H

void screen_start_batched(void);

#endif
