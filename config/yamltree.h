/* yamltree: reads YAML text into a small tree, refusing what an agenda never needs.
 *
 * The one place libyaml is read into a tree (config/agenda_redact.c walks its events for
 * the byte positions of values). Refuses, with one message at the offending position:
 * invalid UTF-8 and control characters (named by textscan at the exact byte, and reported
 * instead of any other problem in the text), syntax errors (libyaml's own message and
 * position; a tab in indentation is named as such), aliases, tags, more than one document,
 * nesting deeper than max_depth, scalars longer than max_scalar, keys that are not scalars.
 * Duplicate keys are reported (every one, at the later key) without stopping; the later
 * pair is left out of the tree. All nodes and strings live in the caller's arena, so a
 * caller may keep a scalar's text (rather than copy it) for as long as that arena lives. */
#ifndef KLANKBORD_YAMLTREE_H
#define KLANKBORD_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "config/arena.h"
#include "config/diag.h"

enum ynode_type { YNODE_SCALAR, YNODE_MAPPING, YNODE_SEQUENCE };

/* A scalar has text and len, a sequence or mapping items and n: each pair shares its room
 * with the other, so read only the pair of the node's type. 24 bytes a node. */
struct ynode {
	int line, col;              /* 1-based start of the node */
	unsigned char type;         /* an enum ynode_type */
	bool plain;                 /* scalar: written without quotes or block style */
	union {
		unsigned len;           /* scalar: bytes in text */
		int n;                  /* sequence: items; mapping: pairs */
	};
	union {
		char *text;             /* scalar: its value, NUL-terminated (may contain no NUL) */
		struct ynode **items;   /* sequence: n items; mapping: keys and values alternating, 2n */
	};
};

struct yamltree_limits {
	int max_depth;
	size_t max_scalar;          /* taken as UINT_MAX when larger */
};

/* Parses text (len bytes, a BOM already removed). Returns the root node, or NULL with
 * the problem in diags. An input with no document, or whose document is an empty
 * scalar, yields NULL and *empty = true with no diag. */
struct ynode *yamltree_parse(const char *text, size_t len, const struct yamltree_limits *limits,
	struct arena *arena, struct diag_list *diags, bool *empty);

/* The value node for key in a mapping, or NULL. */
const struct ynode *yamltree_get(const struct ynode *mapping, const char *key);
/* "a mapping", "a list" or "text", for messages. */
const char *yamltree_type_name(const struct ynode *node);

#endif
