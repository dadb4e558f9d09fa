/* consent_command: `klankbord consent SESSION PARTICIPANT --quotes yes|no`: consent to be
 * quoted, given or withdrawn after a session, as a consent event (docs/privacy.md). */
#ifndef KLANKBORD_CLI_CONSENT_COMMAND_H
#define KLANKBORD_CLI_CONSENT_COMMAND_H

#include <stdio.h>

int consent_command(int argc, char **argv, FILE *out, FILE *err);
extern const char consent_usage[];

#endif
