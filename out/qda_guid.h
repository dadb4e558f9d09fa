/* qda_guid: the GUIDs of a REFI-QDA export, the same for the same thing in every export.
 *
 * Each GUID is the name-based UUID (version 5, SHA-1; uuid.h) of a path that names the
 * thing, in klankbord's own namespace QDA_GUID_NAMESPACE: "codebook/ioi-2019/code/work",
 * "kind/obstacle", "session/<session UUID>/contribution/<contribution UUID>", ... The
 * paths are listed in docs/refi-qda.md ("GUIDs"); a path, once published, never changes
 * meaning, so that importing a later export of the same session updates what an
 * analysis tool holds instead of adding it twice. Pure; owns nothing. */
#ifndef KLANKBORD_QDA_GUID_H
#define KLANKBORD_QDA_GUID_H

#include "sessions/uuid.h"

/* Chosen at random once, for klankbord; never to be changed. */
#define QDA_GUID_NAMESPACE "8b2ab1aa-2ca3-4023-b563-e62a2a7528db"

enum { QDA_GUID_LEN = UUID_TEXT_LEN };

/* Writes the GUID of the path that format and its arguments spell (at most 1 KiB). */
void qda_guid(char out[QDA_GUID_LEN + 1], const char *format, ...) __attribute__((format(printf, 2, 3)));

#endif
