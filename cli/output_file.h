/* output_file: the files the commands write with -o. An export or a report holds what
 * people said, so it is created readable by its owner only (mode 0600), like the database,
 * whatever the umask; an existing file is truncated and made 0600 too. Without -o, a
 * document is gathered in memory and handed to standard output in one write, so that it
 * passes the safe stream (cli/safe_stream.h) once, not in one write (and one flush) per
 * line: a report over 10,000 sessions has 85,000 lines. */
#ifndef KLANKBORD_CLI_OUTPUT_FILE_H
#define KLANKBORD_CLI_OUTPUT_FILE_H

#include <stdio.h>

/* The opened file, or NULL with errno set. */
FILE *output_file_create(const char *path);

/* A document in memory on its way to a stream. */
struct output_buffer {
	char *data;
	size_t len;
	FILE *f;
};

/* Opens b->f (a memory stream); NULL when out of memory. */
FILE *output_buffer_open(struct output_buffer *b);

/* Closes b->f, writes what it holds to out, and frees it; 0, or EOF when memory ran out
 * or out could not take it. */
int output_buffer_close(struct output_buffer *b, FILE *out);

#endif
