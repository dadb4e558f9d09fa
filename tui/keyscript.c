/* keyscript: see keyscript.h. */
#include "tui/keyscript.h"

#include <string.h>
#include <curses.h>

#include "tui/action.h"
#include "tui/textwidth.h"

static bool key_of_name(const char *name, const struct keyscript_name *extra, int *key)
{
	size_t len = strlen(name);
	for (const struct keyscript_name *e = extra; e && e->name; e++)
		if (strcmp(name, e->name) == 0) {
			*key = e->key;
			return true;
		}
	if (strcmp(name, "lt") == 0)
		*key = '<';
	else if (strcmp(name, "BS") == 0)
		*key = KEY_BACKSPACE;
	else if (strcmp(name, "Del") == 0)
		*key = KEY_DC;
	else if (len == 3 && name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z')
		*key = TUI_CTRL(name[2]);
	else
		return action_parse_key(name, key);
	return true;
}

bool keyscript_next(const char *script, size_t len, size_t *at, const struct keyscript_name *extra, int *key,
	bool *is_key)
{
	size_t i = *at;
	if (script[i] != '<') {
		size_t used;
		*key = (int)tw_first_char(script + i, len - i, &used);
		*is_key = false;
		*at = i + used;
		return true;
	}
	const char *close = memchr(script + i, '>', len - i);
	char name[32];
	size_t n = close ? (size_t)(close - script - i - 1) : sizeof name;
	if (n >= sizeof name)
		return false;
	memcpy(name, script + i + 1, n);
	name[n] = 0;
	if (!key_of_name(name, extra, key))
		return false;
	*is_key = *key >= KEY_MIN;
	*at = i + n + 2;
	return true;
}
