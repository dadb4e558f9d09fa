/* test_date_arg: the dates --from and --to take (cli/date_arg.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include <cmocka.h>

#include "cli/date_arg.h"

static void test_calendar(void **state)
{
	(void)state;
	assert_true(date_arg_valid("2026-02-28"));
	assert_true(date_arg_valid("2024-02-29"));
	assert_true(date_arg_valid("2000-02-29"));
	assert_true(date_arg_valid("2026-12-31"));
	assert_false(date_arg_valid("2026-02-30"));
	assert_false(date_arg_valid("2025-02-29"));
	assert_false(date_arg_valid("1900-02-29"));
	assert_false(date_arg_valid("2026-13-01"));
	assert_false(date_arg_valid("2026-00-10"));
	assert_false(date_arg_valid("2026-04-31"));
	assert_false(date_arg_valid("2026-04-00"));
	assert_false(date_arg_valid("2026-4-01"));
	assert_false(date_arg_valid("2026-04-01x"));
	assert_false(date_arg_valid("2026/04/01"));
	assert_false(date_arg_valid(""));
}

static void test_range(void **state)
{
	(void)state;
	FILE *err = tmpfile();
	assert_non_null(err);
	assert_int_equal(date_arg_check("report", NULL, NULL, err), 0);
	assert_int_equal(date_arg_check("report", "2026-01-01", "2026-01-01", err), 0);
	assert_int_equal(date_arg_check("report", "2026-01-02", "2026-01-01", err), EX_USAGE);
	assert_int_equal(date_arg_check("search", NULL, "2026-02-30", err), EX_USAGE);
	char text[512];
	rewind(err);
	size_t n = fread(text, 1, sizeof text - 1, err);
	text[n] = '\0';
	assert_non_null(strstr(text, "klankbord report: --from 2026-01-02 is after --to 2026-01-01"));
	assert_non_null(strstr(text, "klankbord search: --to takes a date YYYY-MM-DD that exists, not 2026-02-30"));
	fclose(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar),
		cmocka_unit_test(test_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
