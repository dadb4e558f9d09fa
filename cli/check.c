/* check: see check.h. Prints one summary line per valid agenda on out and
 * FILE:LINE:COL: message lines for every problem on err. */
#include "cli/check.h"

#include <getopt.h>
#include <sysexits.h>

#include "config/agenda.h"
#include "config/diag.h"

const char check_usage[] =
	"usage: klankbord check FILE...\n"
	"\n"
	"Loads each agenda file and reports what is wrong with it, as FILE:LINE:COL: message\n"
	"on standard error (every problem, at most 20 per file). For a valid file it prints one\n"
	"line: items, total minutes, votes and participants.\n"
	"\n"
	"Exit status:\n"
	"  0   every file is valid\n"
	"  64  usage error\n"
	"  65  some file is invalid\n"
	"  66  some file could not be read\n";

int check_command(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option options[] = { { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	int c;
	optind = 1;
	opterr = 0; /* getopt's own message would reach standard error past the safe stream */
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 'h') {
			fputs(check_usage, out);
			return 0;
		}
		fprintf(err, "klankbord check: unknown option %s\n", argv[optind - 1]);
		fputs(check_usage, err);
		return EX_USAGE;
	}
	if (optind >= argc) {
		fputs("klankbord check: name at least one agenda file\n", err);
		fputs(check_usage, err);
		return EX_USAGE;
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		struct diag_list diags;
		diag_list_init(&diags);
		bool io_error;
		struct agenda *agenda = agenda_load_file(argv[i], &diags, &io_error);
		if (agenda) {
			fprintf(out, "%s: %d items, %d minutes, %d votes, %d participants: %s\n", argv[i],
				agenda->n_items, agenda_total_minutes(agenda), agenda_total_votes(agenda),
				agenda->n_participants, agenda->session.title);
			agenda_free(agenda);
		} else if (io_error) {
			fprintf(err, "klankbord: %s: %s\n", argv[i], diags.count ? diags.items[0].message : "cannot read");
			status = EX_NOINPUT;
		} else {
			diag_print(&diags, argv[i], err);
			if (status == 0)
				status = EX_DATAERR;
		}
		diag_list_free(&diags);
	}
	return status;
}
