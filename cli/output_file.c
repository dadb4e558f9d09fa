/* output_file: see output_file.h. */
#include "cli/output_file.h"

#include <fcntl.h>
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
