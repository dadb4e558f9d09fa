/* keyscript: the key scripts of the headless screen tests (console_feed(),
 * display_feed(), browse_feed()). Text is typed character by character (UTF-8, a byte
 * that is not UTF-8 as U+FFFD); <NAME> is one key: <lt> the character '<', <BS>, <Del>,
 * <C-a> to <C-z>, every name action_parse_key() knows (F3, Enter, PgDn ...), and the
 * names a caller adds (the console's <paste> and </paste>). Reads text; draws nothing. */
#ifndef KLANKBORD_KEYSCRIPT_H
#define KLANKBORD_KEYSCRIPT_H

#include <stdbool.h>
#include <stddef.h>

struct keyscript_name {
	const char *name;
	int key;
};

/* Reads the key at script[*at] (of len bytes) into *key, *is_key (a curses key code, not
 * a character) and moves *at past it. extra: more names, ended by a { NULL, 0 } entry, or
 * NULL. False when a <NAME> is not closed or not known (a mistake in the test). */
bool keyscript_next(const char *script, size_t len, size_t *at, const struct keyscript_name *extra, int *key,
	bool *is_key);

#endif
