/* login_name: see login_name.h. */
#include "cli/login_name.h"

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

const char *login_name(void)
{
	const struct passwd *pw = getpwuid(geteuid());
	if (pw && pw->pw_name && pw->pw_name[0])
		return pw->pw_name;
	const char *user = getenv("USER");
	return user && user[0] ? user : "unknown";
}
