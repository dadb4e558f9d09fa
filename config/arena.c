/* arena: see arena.h.
 *
 * Blocks are chained; each new one has room for at least 64 KiB, for the request, and for
 * as much as all blocks before it, so a large arena is a few large blocks. A block of 512 KiB
 * or more is rounded up to whole 2 MiB huge pages and asked (madvise) to be backed by them:
 * filling it then costs one page fault per 2 MiB instead of one per 4 KiB. On a virtual
 * machine a first touch of memory is slow, and for a 1 MiB agenda those faults were about a
 * fifth of the load. Where there are no transparent huge pages (another system, none
 * free, or switched off) the hint does nothing and the memory is ordinary. */
#include "config/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

enum { ARENA_BLOCK = 64 * 1024, ARENA_ALIGN = alignof(max_align_t), HUGE_PAGE = 2 * 1024 * 1024 };

struct block {
	struct block *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct block *head;         /* the block allocations are taken from */
	size_t room;                /* the size of all blocks together */
};

struct arena *arena_new(void)
{
	return calloc(1, sizeof(struct arena));
}

void arena_free(struct arena *arena)
{
	if (!arena)
		return;
	struct block *b = arena->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(arena);
}

/* Memory for a block with at least *size bytes of room (updated to the room it has). */
static struct block *allocate_block(size_t *size)
{
	if (*size > SIZE_MAX - sizeof(struct block) - HUGE_PAGE)
		return NULL;
	size_t bytes = sizeof(struct block) + *size;
	if (*size < HUGE_PAGE / 4)
		return malloc(bytes);
	bytes = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	void *memory;
	if (posix_memalign(&memory, HUGE_PAGE, bytes) != 0)
		return NULL;
#ifdef MADV_HUGEPAGE
	madvise(memory, bytes, MADV_HUGEPAGE); /* only a hint: on failure the pages are ordinary */
#endif
	*size = bytes - sizeof(struct block);
	return memory;
}

/* A new block with room for request bytes. It becomes the block allocations are taken from
 * unless the current one has more room left, as after a request larger than usual. */
static struct block *add_block(struct arena *arena, size_t request)
{
	size_t size = arena->room > ARENA_BLOCK ? arena->room : ARENA_BLOCK;
	if (request > size)
		size = request;
	struct block *b = allocate_block(&size);
	if (!b)
		return NULL;
	b->used = 0;
	b->size = size;
	arena->room += size;
	struct block *head = arena->head;
	if (head && head->size - head->used > size - request) {
		b->next = head->next;
		head->next = b;
	} else {
		b->next = head;
		arena->head = b;
	}
	return b;
}

/* size bytes starting at a multiple of align (a power of two) from the block's start. */
static void *take(struct arena *arena, size_t size, size_t align)
{
	struct block *b = arena->head;
	if (b) {
		size_t start = (b->used + align - 1) & ~(align - 1);
		if (start <= b->size && b->size - start >= size) {
			b->used = start + size;
			return b->data + start;
		}
	}
	b = add_block(arena, size);
	if (!b)
		return NULL;
	b->used = size;
	return b->data;
}

void *arena_alloc(struct arena *arena, size_t size)
{
	if (size == 0)
		size = 1;
	void *p = take(arena, size, ARENA_ALIGN);
	if (p)
		memset(p, 0, size);
	return p;
}

char *arena_alloc_text(struct arena *arena, size_t size)
{
	return take(arena, size ? size : 1, 1);
}

char *arena_strndup(struct arena *arena, const char *text, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *s = arena_alloc_text(arena, len + 1);
	if (!s)
		return NULL;
	memcpy(s, text, len);
	s[len] = '\0';
	return s;
}
