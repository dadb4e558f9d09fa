/* arena: many small allocations released together.
 *
 * An agenda, with the text and the YAML tree it is read from, is one arena: nothing inside
 * is freed alone, so error paths need no cleanup. arena_free(NULL) is safe. */
#ifndef KLANKBORD_ARENA_H
#define KLANKBORD_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *arena);
/* Zeroed memory for size bytes, aligned for any type; NULL when out of memory. */
void *arena_alloc(struct arena *arena, size_t size);
/* Room for size bytes of text: not zeroed, not aligned (so strings pack tightly);
 * NULL when out of memory. */
char *arena_alloc_text(struct arena *arena, size_t size);
/* A NUL-terminated copy of len bytes of text; NULL when out of memory. */
char *arena_strndup(struct arena *arena, const char *text, size_t len);

#endif
