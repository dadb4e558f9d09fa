/* batch: see batch.h. */
#include "cli/batch.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "config/textscan.h"

static void settle_warning(const char *message, FILE *err)
{
	fprintf(err, "klankbord: warning: search and reports are not up to date yet: %s\n", message);
}

/* Derives search and report tables from the events once min_events are waiting. A
 * failure is only a warning: the events are committed, and what is missing is derived
 * by a later settle or the next open of the database. */
static void settle(struct session *session, int min_events, FILE *err)
{
	char message[SESSION_MESSAGE_MAX];
	if (session_settle(session, min_events, message, sizeof message) != 0)
		settle_warning(message, err);
}

/* How long input may pause before the events are derived in it: a script's next line
 * comes sooner, a person's later. */
enum { BATCH_PAUSE_MS = 20 };

/* Whether the next line is there already (in the stream's buffer, or readable), waiting
 * up to wait_ms for it. */
static bool input_waiting(FILE *in, int wait_ms)
{
#ifdef __GLIBC__
	if (in->_IO_read_ptr < in->_IO_read_end)
		return true;
#endif
	struct pollfd p = { .fd = fileno(in), .events = POLLIN };
	return poll(&p, 1, wait_ms) != 0; /* an error too: the next read will tell */
}

/* Between lines: derives the events in small steps while input pauses
 * (session_settle_step()), so that a line waits for one step at most. */
static void settle_between_lines(struct session *session, FILE *in, FILE *err)
{
	char message[SESSION_MESSAGE_MAX];
	bool more;
	int wait_ms = BATCH_PAUSE_MS;
	do {
		if (session_settle_step(session, input_waiting(in, wait_ms), &more, message, sizeof message) != 0) {
			settle_warning(message, err);
			return;
		}
		wait_ms = 0;
	} while (more && !input_waiting(in, 0));
}

int batch_run(struct session *session, FILE *in, bool skip_stored, FILE *out, FILE *err)
{
	char *line = NULL;
	size_t capacity = 0;
	ssize_t len;
	long number = 0;
	int64_t stored = 0;
	int status = 0;
	if (skip_stored) {
		char message[SESSION_MESSAGE_MAX];
		if ((status = session_last_input_line(session, &stored, message, sizeof message)) != 0) {
			fprintf(err, "klankbord: %s\n", message);
			return status;
		}
		if (stored > 0)
			fprintf(err, "klankbord: console %s stored input lines up to %lld in session %.8s; skipping them\n",
				session->console, (long long)stored, session->id);
	}
	while ((len = getline(&line, &capacity, in)) != -1) {
		number++;
		if (number <= stored)
			continue;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		/* A UTF-8 byte order mark before the first line (Windows editors write one) is
		 * no text: kept, it hid the speaker of that line ("\xef\xbb\xbfE01: ..."). */
		size_t bom = number == 1 ? textscan_bom_length(line, (size_t)len) : 0;
		const char *text = line + bom;
		len -= (ssize_t)bom;
		/* Notepad's "Unicode": every line would be refused for its NUL bytes */
		if (number == 1 && len >= 2 && (memcmp(line, "\xff\xfe", 2) == 0 || memcmp(line, "\xfe\xff", 2) == 0)) {
			fprintf(err, "klankbord: the batch input is UTF-16 (it starts with a UTF-16 byte order mark): save it"
				" as UTF-8 and send it again; nothing of it was recorded\n");
			status = EX_DATAERR;
			break;
		}
		struct session_result result;
		int rc = session_apply_input_line(session, text, (size_t)len, number, &result);
		if (rc == 0) {
			if (result.quit)
				break;
			if (result.seq > 0) {
				/* Nobody hears the acknowledgements any more (a closed pipe): stop, as a
				 * SIGPIPE would; the line is stored, and --skip-stored skips it. */
				if (fprintf(out, "ok %lld\n", (long long)result.seq) < 0 || fflush(out) != 0) {
					fprintf(err, "klankbord: cannot write the acknowledgement of line %ld (it is stored): %s\n",
						number, strerror(errno));
					status = EX_IOERR;
					break;
				}
				settle_between_lines(session, in, err);
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
	settle(session, 1, err);
	free(line);
	return status;
}
