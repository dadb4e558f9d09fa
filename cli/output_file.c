/* output_file: see output_file.h. */
#include "cli/output_file.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *output_file_create(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0 && fchmod(fd, 0600) != 0) {
		close(fd);
		return NULL;
	}
	FILE *file = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (fd >= 0 && !file)
		close(fd);
	return file;
}

FILE *output_buffer_open(struct output_buffer *b)
{
	*b = (struct output_buffer){ 0 };
	return b->f = open_memstream(&b->data, &b->len);
}

int output_buffer_close(struct output_buffer *b, FILE *out)
{
	int rc = fclose(b->f) == 0 ? 0 : EOF;
	if (rc == 0 && b->len > 0 && fwrite(b->data, 1, b->len, out) != b->len)
		rc = EOF;
	free(b->data);
	*b = (struct output_buffer){ 0 };
	return rc;
}
