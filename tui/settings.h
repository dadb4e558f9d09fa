/* settings: the console's config file, $XDG_CONFIG_HOME/klankbord/config.yaml
 * (~/.config/klankbord/config.yaml when XDG_CONFIG_HOME is unset).
 *
 *   theme:                       # per role (theme.h): colours and attributes
 *     timer-amber: {fg: yellow, attr: [bold]}
 *     header: {fg: black, bg: cyan, mono: [reverse]}
 *   keys:                        # per action (action.h): one key or a list
 *     next-item: [F3, Ctrl-N]
 *     extend: F4
 *
 * Colours: default, black, red, green, yellow, blue, magenta, cyan, white, or 0-255.
 * Attributes (attr with colour, mono without): normal, bold, dim, underline, reverse.
 * Reads through config/yamltree (the project's one libyaml reader); never curses I/O.
 * A missing default file is no error; every problem is reported as FILE:LINE:COL. */
#ifndef KLANKBORD_SETTINGS_H
#define KLANKBORD_SETTINGS_H

#include <stddef.h>

#include "tui/action.h"
#include "tui/theme.h"

struct tui_settings {
	struct tui_keymap keymap;
	struct theme_style styles[THEME_COUNT];
};

/* The default path into buf; false when neither XDG_CONFIG_HOME nor HOME is set. */
bool settings_default_path(char *buf, size_t size);
/* Fills *out with the defaults, then applies the file at path (NULL: the default path,
 * where a missing file is fine). Returns 0, or EX_CONFIG / EX_NOINPUT with err set. */
int settings_load(const char *path, struct tui_settings *out, char *err, size_t errlen);

#endif
