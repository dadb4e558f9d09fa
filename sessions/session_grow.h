/* session_grow: how the session model allocates: its arrays grow, its strings are copied.
 * Pure; owns nothing. */
#ifndef KLANKBORD_SESSION_GROW_H
#define KLANKBORD_SESSION_GROW_H

#include <stddef.h>

/* Makes room for one more element in an array that holds n: returns the array itself,
 * a bigger one (the old one is then freed) or NULL when out of memory (the old one is
 * kept). Capacity is 4, then doubles whenever n reaches a power of two, so it is derived
 * from the count and needs no field of its own; every growing array of the model goes
 * through this. */
void *session_grow(void *array, int n, size_t size);
/* strdup() that keeps NULL as NULL (a NULL result for a non-NULL text: out of memory). */
char *session_strdup(const char *text);
/* Copies text (NULL: "") into the model's fixed field of size bytes, cut to fit as
 * snprintf("%s") would, without its cost (replay copies several per event). */
void session_copy(char *field, size_t size, const char *text);

#endif
