/* test_files: reading a fixture or a golden file whole, for the unit tests.
 *
 * test_read_file() returns the file's bytes as a malloc'd, NUL-terminated string, or NULL
 * when it cannot be opened; the caller asserts what it needs. One helper for every test
 * that compares with a file (tests/fixtures, tests/tui). */
#ifndef KLANKBORD_TEST_FILES_H
#define KLANKBORD_TEST_FILES_H

#include <stdio.h>
#include <stdlib.h>

static inline char *test_read_file(const char *path)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return NULL;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, out);
	fclose(in);
	fclose(out);
	return text;
}

#endif
