/* agenda_redact: the agenda text a session keeps, without one participant's personal data.
 *
 * A session keeps the agenda file's text (sessions.agenda_yaml) and is rebuilt from it, so
 * erasing a participant (docs/privacy.md) rewrites that text: the values of the
 * participant's name, community and languages become `null`, everything else stays byte
 * for byte (comments and layout included), and any other occurrence of the name in the
 * text (a title, a note, a comment) becomes "(erased)". The result is checked to load
 * with the same participants, items and votes. Reads the YAML with libyaml's event parser
 * (the byte positions of values, which the tree of config/yamltree.h does not keep).
 * Never prints, never exits; the result is malloc'd and owned by the caller. */
#ifndef KLANKBORD_AGENDA_REDACT_H
#define KLANKBORD_AGENDA_REDACT_H

#include <stddef.h>

/* Returns 0 and *out (NUL-terminated, *out_len bytes) without participant id's name,
 * community and languages; 1 with a message in err when the text does not parse, has no
 * participant id, or would not load afterwards. */
int agenda_redact_participant(const char *text, size_t len, const char *id, char **out, size_t *out_len,
	char *err, size_t errlen);

#endif
