/* export_command: `klankbord export SESSION --format NAME [-o FILE]`: any format of
 * out/export_formats.c; its --help lists them from that table. export_usage is the part
 * before that list. */
#ifndef KLANKBORD_CLI_EXPORT_COMMAND_H
#define KLANKBORD_CLI_EXPORT_COMMAND_H

#include <stdio.h>

int export_command(int argc, char **argv, FILE *out, FILE *err);
extern const char export_usage[];

#endif
