/* commands: the subcommands beyond check, listed for main.c's table.
 * Each entry is { name, run, summary }; `klankbord NAME --help` prints its usage. */
#ifndef KLANKBORD_CLI_COMMANDS_H
#define KLANKBORD_CLI_COMMANDS_H

#include "cli/backup_command.h"
#include "cli/browse_command.h"
#include "cli/consent_command.h"
#include "cli/display_command.h"
#include "cli/erase_command.h"
#include "cli/export_command.h"
#include "cli/list_command.h"
#include "cli/recs_command.h"
#include "cli/live.h"
#include "cli/report_command.h"
#include "cli/search_command.h"
#include "cli/show_command.h"

#define COMMANDS_MORE \
	{ "run", live_run_command, "start a session from an agenda and open the console" }, \
	{ "resume", live_resume_command, "reopen an open session (after a crash too)" }, \
	{ "join", live_join_command, "open another console on an open session (a note-taker's beside the facilitator's)" }, \
	{ "display", display_command, "show an open session to the room: a projector view without names" }, \
	{ "list", list_command, "list the sessions in the database" }, \
	{ "export", export_command, "write a session: JSON, a report (md, html), CSV, or REFI-QDA for analysis software" }, \
	{ "show", show_command, "show a session's report on the terminal (paged with $PAGER)" }, \
	{ "search", search_command, "search what was said across every session" }, \
	{ "browse", browse_command, "browse every session's history full-screen; change a recommendation's status" }, \
	{ "report", report_command, "the matrix of domains by sessions, quotes and recommendations across sessions" }, \
	{ "recs", recs_command, "the recommendations register: what became of each recommendation" }, \
	{ "consent", consent_command, "record consent to be quoted, given or withdrawn" }, \
	{ "erase", erase_command, "erase a participant, a session, or sessions past retention" }, \
	{ "backup", backup_command, "copy the database safely while consoles write" },

#endif
