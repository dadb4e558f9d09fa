/* bench_startup: what the console does from process start to the first drawn screen,
 * on a virtual screen: opens the database, loads an open session, opens the headless
 * console at 60x200 and draws it (dumped to /dev/null). Timed from outside by
 * bench_spawn; its peak RSS is the console's with that database.
 *
 *   bench_startup DB auto|full|identity [SESSION]
 * auto opens as store_open() does (STORE_CHECK_AUTO, store.h); full runs PRAGMA
 * quick_check over the whole file; identity never does. Without SESSION (an id prefix)
 * it loads what `klankbord resume` loads: the most recently started open session. */
#include <stdio.h>
#include <string.h>

#include "tests/bench/bench_console.h"

int main(int argc, char **argv)
{
	static const char *const names[] = { "auto", "full", "identity" };
	static const enum store_check checks[] = { STORE_CHECK_AUTO, STORE_CHECK_FULL, STORE_CHECK_IDENTITY };
	int which = -1;
	for (int i = 0; argc >= 3 && i < 3; i++)
		if (strcmp(argv[2], names[i]) == 0)
			which = i;
	if (argc < 3 || argc > 4 || which < 0) {
		fprintf(stderr, "usage: bench_startup DB auto|full|identity [SESSION]\n");
		return 2;
	}
	enum store_check check = checks[which];
	struct bench_console bench;
	if (!bench_console_open("bench_startup", argv[1], check, argc == 4 ? argv[3] : NULL, &bench))
		return 1;
	FILE *null = fopen("/dev/null", "w");
	console_dump(bench.console, null);
	fclose(null);
	bench_console_close(&bench);
	return 0;
}
