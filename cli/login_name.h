/* login_name: who runs a command, for the records that keep it (an erasure's event, a
 * change of a recommendation's status): the login name of the effective user, else
 * $USER, else "unknown". Owns nothing; the name is the system's (no free). */
#ifndef KLANKBORD_CLI_LOGIN_NAME_H
#define KLANKBORD_CLI_LOGIN_NAME_H

const char *login_name(void);

#endif
