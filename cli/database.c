/* database: see database.h. */
#include "cli/database.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

int database_open(const char *flag_path, enum store_mode mode, struct store **out, FILE *err)
{
	char message[1024];
	const char *env = getenv("KLANKBORD_DB");
	char *path = NULL;
	if (flag_path && *flag_path)
		path = strdup(flag_path);
	else if (env && *env)
		path = strdup(env);
	else
		path = store_default_path(message, sizeof message);
	if (!path) {
		bool no_home = !(flag_path && *flag_path) && !(env && *env);
		fprintf(err, "klankbord: %s\n", no_home ? message : "out of memory");
		return no_home && strcmp(message, "out of memory") != 0 ? EX_USAGE : EX_OSERR;
	}
	int status = store_open_mode(path, mode, STORE_CHECK_AUTO, out, message, sizeof message);
	if (status != 0)
		fprintf(err, "klankbord: %s\n", message);
	else if (store_projection_problem(*out))
		fprintf(err, "klankbord: warning: search, reports and counts may miss the newest contributions"
			" (every one is kept): %s\n", store_projection_problem(*out));
	if (status == 0 && store_notice(*out))
		fprintf(err, "klankbord: warning: %s\n", store_notice(*out));
	free(path);
	return status;
}
