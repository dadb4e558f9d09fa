/* commands: the subcommands beyond check, listed for main.c's table.
 * Each entry is { name, run, usage, summary }. */
#ifndef KLANKBORD_CLI_COMMANDS_H
#define KLANKBORD_CLI_COMMANDS_H

#include "cli/backup_command.h"
#include "cli/consent_command.h"
#include "cli/erase_command.h"
#include "cli/export_command.h"
#include "cli/list_command.h"
#include "cli/live.h"
#include "cli/report_command.h"
#include "cli/search_command.h"

#define COMMANDS_MORE \
	{ "run", live_run_command, live_run_usage, "start a session from an agenda and open the console" }, \
	{ "resume", live_resume_command, live_resume_usage, "reopen an open session (after a crash too)" }, \
	{ "list", list_command, list_usage, "list the sessions in the database" }, \
	{ "export", export_command, export_usage, "write a session as JSON, or for analysis software (REFI-QDA)" }, \
	{ "search", search_command, search_usage, "search what was said across every session" }, \
	{ "report", report_command, report_usage, "count contributions per code and kind across sessions" }, \
	{ "consent", consent_command, consent_usage, "record consent to be quoted, given or withdrawn" }, \
	{ "erase", erase_command, erase_usage, "erase a participant, a session, or sessions past retention" }, \
	{ "backup", backup_command, backup_usage, "copy the database safely while consoles write" },

#endif
