/* date_arg: see date_arg.h. */
#include "cli/date_arg.h"

#include <string.h>
#include <sysexits.h>

bool date_arg_valid(const char *date)
{
	if (strlen(date) != 10 || date[4] != '-' || date[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (date[i] < '0' || date[i] > '9'))
			return false;
	int year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
	int month = (date[5] - '0') * 10 + (date[6] - '0'), day = (date[8] - '0') * 10 + (date[9] - '0');
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12 || day < 1)
		return false;
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return day <= days[month - 1] + (month == 2 && leap);
}

int date_arg_check(const char *command, const char *from, const char *to, FILE *err)
{
	const char *names[] = { "from", "to" }, *values[] = { from, to };
	for (int i = 0; i < 2; i++)
		if (values[i] && !date_arg_valid(values[i])) {
			fprintf(err, "klankbord %s: --%s takes a date YYYY-MM-DD that exists, not %s\n", command, names[i],
				values[i]);
			return EX_USAGE;
		}
	if (from && to && strcmp(from, to) > 0) {
		fprintf(err, "klankbord %s: --from %s is after --to %s\n", command, from, to);
		return EX_USAGE;
	}
	return 0;
}
