/* database: see database.h. */
#include "cli/database.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

int database_open(const char *flag_path, struct store **out, FILE *err)
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
		fprintf(err, "klankbord: %s\n", flag_path || env ? "out of memory" : message);
		return EX_OSERR;
	}
	int status = store_open(path, out, message, sizeof message);
	if (status != 0)
		fprintf(err, "klankbord: %s\n", message);
	else if (store_projection_problem(*out))
		fprintf(err, "klankbord: warning: search, reports and counts may miss the newest contributions"
			" (every one is kept): %s\n", store_projection_problem(*out));
	free(path);
	return status;
}
