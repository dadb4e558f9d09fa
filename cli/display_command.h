/* display_command: `klankbord display [SESSION]`, the room display (tui/display.h) on an
 * open session: finds the session, opens the database for reading and runs the display. */
#ifndef KLANKBORD_CLI_DISPLAY_COMMAND_H
#define KLANKBORD_CLI_DISPLAY_COMMAND_H

#include <stdio.h>

int display_command(int argc, char **argv, FILE *out, FILE *err);
extern const char display_usage[];

#endif
