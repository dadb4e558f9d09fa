/* batch: see batch.h. */
#include "cli/batch.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

int batch_run(struct session *session, FILE *in, FILE *out, FILE *err)
{
	char *line = NULL;
	size_t capacity = 0;
	ssize_t len;
	long number = 0;
	int status = 0;
	while ((len = getline(&line, &capacity, in)) != -1) {
		number++;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		struct session_result result;
		int rc = session_apply_line(session, line, (size_t)len, &result);
		if (rc == 0) {
			if (result.quit)
				break;
			if (result.seq > 0) {
				fprintf(out, "ok %lld\n", (long long)result.seq);
				fflush(out);
			}
			continue;
		}
		fprintf(err, "error %ld: %s\n", number, result.message);
		if (rc != EX_DATAERR) {
			status = rc; /* the store failed: stop, what was acknowledged is kept */
			break;
		}
		status = EX_DATAERR;
	}
	if (ferror(in)) {
		fprintf(err, "klankbord: reading the batch input failed after line %ld\n", number);
		status = EX_IOERR;
	}
	free(line);
	return status;
}
