/* export_command: `klankbord export SESSION --format json`. */
#ifndef KLANKBORD_CLI_EXPORT_COMMAND_H
#define KLANKBORD_CLI_EXPORT_COMMAND_H

#include <stdio.h>

int export_command(int argc, char **argv, FILE *out, FILE *err);
extern const char export_usage[];

#endif
