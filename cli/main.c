/* main: klankbord's entry point. Finds the subcommand in one table and runs it; the
 * only place that exits. Each command lives in cli/NAME.c with its usage text, which its
 * --help prints (and `klankbord help NAME` too). Commands
 * write to the out and err they are given: standard output and error wrapped in
 * safe streams (safe_stream.h), so no text from outside reaches a terminal raw. */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli/check.h"
#include "cli/safe_stream.h"
#include "cli/commands.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv, FILE *out, FILE *err);
	const char *summary;
} commands[] = {
	{ "check", check_command, "check agenda files and report every problem" },
	COMMANDS_MORE
};

static const char main_usage[] =
	"usage: klankbord COMMAND [ARGS...]\n"
	"       klankbord --help (-h) | --version (-V)\n"
	"       klankbord help COMMAND\n"
	"\n"
	"A console for sounding-board sessions (expert pools): run an evening from its agenda,\n"
	"record who said what and how the group voted, and export the log.\n"
	"\n"
	"Commands:\n";

static void print_main_usage(FILE *out)
{
	fputs(main_usage, out);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\nExit status:\n"
		"  0   done\n"
		"  64  usage error (an unknown command)\n"
		"and each command's own: klankbord help COMMAND. See klankbord(1) and klankbord-agenda(5).\n", out);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* The command line, written through out and err. */
static int run(int argc, char **argv, FILE *out, FILE *err)
{
	if (argc < 2) {
		print_main_usage(err);
		return EX_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		print_main_usage(out);
		return 0;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		fprintf(out, "klankbord %s\n", KLANKBORD_VERSION);
		return 0;
	}
	if (strcmp(name, "help") == 0) {
		if (argc < 3) {
			print_main_usage(out);
			return 0;
		}
		const struct command *c = find_command(argv[2]);
		if (!c) {
			fprintf(err, "klankbord: no command %s (see klankbord --help)\n", argv[2]);
			return EX_USAGE;
		}
		/* each command's own --help, which may be built from a table (export's formats) */
		char *help_argv[] = { argv[2], "--help", NULL };
		return c->run(2, help_argv, out, err);
	}
	const struct command *c = find_command(name);
	if (!c) {
		fprintf(err, "klankbord: no command %s (see klankbord --help)\n", name);
		return EX_USAGE;
	}
	return c->run(argc - 1, argv + 1, out, err);
}

int main(int argc, char **argv)
{
	/* Only the character type comes from the environment: it says how text is encoded and
	 * how wide a character is on the terminal. Messages, numbers and times are klankbord's
	 * own (English, '.' for decimals); loading every category cost a start about twenty
	 * file opens (docs/benchmarks.md). */
	setlocale(LC_CTYPE, "");
	/* Every byte the commands write passes the text rule on its way out (safe_stream.h). */
	FILE *out = safe_stream_open(stdout), *err = safe_stream_open(stderr);
	if (!out || !err) {
		fputs("klankbord: out of memory\n", stderr);
		return EX_OSERR;
	}
	int status = run(argc, argv, out, err);
	if (fclose(out) != 0 && status == 0) {
		perror("klankbord: writing output");
		status = EX_IOERR;
	}
	fclose(err);
	if (fflush(stdout) != 0 && status == 0) {
		perror("klankbord: writing output");
		status = EX_IOERR;
	}
	return status;
}
