/* zip_store: see zip_store.h. The layout: for each entry a local file header and its
 * data, then the central directory (one header per entry), then its end record. */
#include "out/zip_store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "sessions/errmsg.h"

enum {
	ZIP_VERSION = 20,           /* 2.0: what APPNOTE asks of a reader of folders and stored files */
	ZIP_MADE_BY_UNIX = 3 << 8,
	ZIP_LOCAL_SIZE = 30,
	ZIP_CENTRAL_SIZE = 46,
	ZIP_END_SIZE = 22,
	ZIP_NAME_MAX = 255,
	ZIP_ENTRIES_MAX = 65535,
};

struct zip_entry {
	char *name;
	unsigned char *data;
	uint32_t len, crc, offset;
};

struct zip_store {
	struct zip_entry *entries;
	int n, cap;
	uint64_t size;              /* bytes of local headers and data so far */
	uint16_t dos_time, dos_date;
};

uint32_t zip_crc32(uint32_t crc, const void *data, size_t len)
{
	const unsigned char *p = data;
	crc = ~crc;
	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		for (int bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
	}
	return ~crc;
}

struct zip_store *zip_store_new(int64_t ms)
{
	struct zip_store *zip = calloc(1, sizeof *zip);
	if (!zip)
		return NULL;
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	if (ms > 0 && gmtime_r(&t, &tm) && tm.tm_year >= 80 && tm.tm_year < 80 + 128) {
		zip->dos_time = (uint16_t)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
		zip->dos_date = (uint16_t)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday);
	} else {
		zip->dos_date = 1 << 5 | 1; /* 1980-01-01, the first day zip can say */
	}
	return zip;
}

void zip_store_free(struct zip_store *zip)
{
	if (!zip)
		return;
	for (int i = 0; i < zip->n; i++) {
		free(zip->entries[i].name);
		free(zip->entries[i].data);
	}
	free(zip->entries);
	free(zip);
}

static bool name_ok(const char *name)
{
	size_t len = strlen(name);
	if (len == 0 || len > ZIP_NAME_MAX || name[0] == '/')
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)name[i] < 0x20 || (unsigned char)name[i] > 0x7e || name[i] == '\\')
			return false;
	return true;
}

bool zip_store_add(struct zip_store *zip, const char *name, const void *data, size_t len)
{
	size_t name_len = strlen(name);
	uint64_t after = zip->size + ZIP_LOCAL_SIZE + name_len + len;
	if (!name_ok(name) || zip->n >= ZIP_ENTRIES_MAX || len > UINT32_MAX || after > UINT32_MAX)
		return false;
	if (zip->n == zip->cap) {
		int grown = zip->cap ? zip->cap * 2 : 16;
		struct zip_entry *entries = realloc(zip->entries, (size_t)grown * sizeof *entries);
		if (!entries)
			return false;
		zip->entries = entries;
		zip->cap = grown;
	}
	struct zip_entry *e = &zip->entries[zip->n];
	*e = (struct zip_entry){ .name = strdup(name), .data = malloc(len ? len : 1), .len = (uint32_t)len,
		.crc = zip_crc32(0, data, len) };
	if (!e->name || !e->data) {
		free(e->name);
		free(e->data);
		return false;
	}
	if (len)
		memcpy(e->data, data, len);
	zip->n++;
	zip->size = after;
	return true;
}

static unsigned char *put16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	return p + 2;
}

static unsigned char *put32(unsigned char *p, uint32_t v)
{
	return put16(put16(p, v & 0xffff), v >> 16);
}

/* The fields a local header and a central header share, from "version needed" on. */
static unsigned char *put_common(unsigned char *p, const struct zip_store *zip, const struct zip_entry *e)
{
	p = put16(p, ZIP_VERSION);
	p = put16(p, 0);            /* flags: no data descriptor, ASCII names */
	p = put16(p, 0);            /* method: stored */
	p = put16(p, zip->dos_time);
	p = put16(p, zip->dos_date);
	p = put32(p, e->crc);
	p = put32(p, e->len);       /* compressed size: the same, stored */
	p = put32(p, e->len);
	p = put16(p, (uint32_t)strlen(e->name));
	return put16(p, 0);         /* no extra field */
}

static bool put(FILE *out, const void *data, size_t len)
{
	return len == 0 || fwrite(data, 1, len, out) == len;
}

static int by_name(const void *a, const void *b)
{
	const struct zip_entry *const *x = a, *const *y = b;
	return strcmp((*x)->name, (*y)->name);
}

int zip_store_write(const struct zip_store *zip, FILE *out, char *err, size_t errlen)
{
	struct zip_entry **order = malloc((size_t)(zip->n ? zip->n : 1) * sizeof *order);
	if (!order) {
		errmsg_fail(err, errlen, "out of memory while writing the archive");
		return EX_OSERR;
	}
	for (int i = 0; i < zip->n; i++)
		order[i] = &zip->entries[i];
	qsort(order, (size_t)zip->n, sizeof *order, by_name);
	unsigned char head[ZIP_CENTRAL_SIZE], *p;
	bool ok = true;
	uint32_t offset = 0;
	for (int i = 0; i < zip->n && ok; i++) {
		struct zip_entry *e = order[i];
		e->offset = offset;
		p = put_common(put32(head, 0x04034b50), zip, e);
		ok = put(out, head, (size_t)(p - head)) && put(out, e->name, strlen(e->name)) && put(out, e->data, e->len);
		offset += (uint32_t)(ZIP_LOCAL_SIZE + strlen(e->name) + e->len);
	}
	uint64_t central = 0;
	for (int i = 0; i < zip->n && ok; i++) {
		const struct zip_entry *e = order[i];
		p = put_common(put16(put32(head, 0x02014b50), ZIP_MADE_BY_UNIX | ZIP_VERSION), zip, e);
		p = put16(p, 0);        /* no comment */
		p = put16(p, 0);        /* disk 0 */
		p = put16(p, 0);        /* internal attributes */
		p = put32(p, 0100644u << 16); /* a regular file, rw-r--r-- inside the archive */
		p = put32(p, e->offset);
		ok = put(out, head, (size_t)(p - head)) && put(out, e->name, strlen(e->name));
		central += ZIP_CENTRAL_SIZE + strlen(e->name);
	}
	if (ok && zip->size + central > UINT32_MAX) {
		free(order);
		errmsg_fail(err, errlen, "the archive would pass 4 GiB, more than zip without ZIP64 holds");
		return EX_SOFTWARE;
	}
	p = put32(head, 0x06054b50);
	p = put16(put16(p, 0), 0);  /* this disk, the directory's disk */
	p = put16(put16(p, (uint32_t)zip->n), (uint32_t)zip->n);
	p = put32(put32(p, (uint32_t)central), (uint32_t)zip->size);
	p = put16(p, 0);            /* no comment */
	free(order);
	if (!ok || !put(out, head, (size_t)(p - head)) || fflush(out) != 0) {
		errmsg_fail(err, errlen, "cannot write the archive: %s", strerror(ferror(out) ? errno : EIO));
		return EX_IOERR;
	}
	return 0;
}
