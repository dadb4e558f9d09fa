/* commands: the subcommands beyond check, listed for main.c's table.
 * Grows as commands are added; each entry is { name, run, usage, summary }. */
#ifndef KLANKBORD_CLI_COMMANDS_H
#define KLANKBORD_CLI_COMMANDS_H

#define COMMANDS_MORE

#endif
