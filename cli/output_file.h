/* output_file: the files the commands write with -o. An export or a report holds what
 * people said, so it is created readable by its owner only (mode 0600), like the database,
 * whatever the umask; an existing file is truncated and made 0600 too. */
#ifndef KLANKBORD_CLI_OUTPUT_FILE_H
#define KLANKBORD_CLI_OUTPUT_FILE_H

#include <stdio.h>

/* The opened file, or NULL with errno set. */
FILE *output_file_create(const char *path);

#endif
