/* zip_store: a zip archive (PKWARE APPNOTE 6.3) written with every file stored, not
 * compressed, for the REFI-QDA .qdpx export (docs/refi-qda.md).
 *
 * Stored entries (method 0) are what every unzip reads, Python's zipfile and .NET's
 * ZipArchive included, and need nothing but a CRC-32, so klankbord links no zlib for
 * them. Names must be ASCII and relative ("project.qde", "sources/GUID.txt"); no
 * ZIP64: an archive that would pass 4 GiB or 65535 entries is refused.
 *
 * A zip_store collects the entries in memory and copies their data; zip_store_write()
 * writes the whole archive in one pass (no seeking: a pipe will do), the entries in the
 * byte order of their names, so the same files give the same archive whatever order
 * they were added in. Two entries must not share a name. Owns its copies
 * until zip_store_free(); zip_store_free(NULL) is safe. Never prints, never exits. */
#ifndef KLANKBORD_ZIP_STORE_H
#define KLANKBORD_ZIP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct zip_store;

/* An empty archive whose entries carry the time `ms` (Unix milliseconds, written as the
 * UTC date and time: zip has no time zone). NULL when out of memory. */
struct zip_store *zip_store_new(int64_t ms);
void zip_store_free(struct zip_store *zip);
/* Adds a file. False when out of memory, or when the name or the size cannot be stored. */
bool zip_store_add(struct zip_store *zip, const char *name, const void *data, size_t len);
/* Writes the archive. Returns 0, or EX_IOERR / EX_SOFTWARE with a message. */
int zip_store_write(const struct zip_store *zip, FILE *out, char *err, size_t errlen);

/* The CRC-32 of ISO 3309 and zip (reflected 0xEDB88320), continued from crc (0 to start). */
uint32_t zip_crc32(uint32_t crc, const void *data, size_t len);

#endif
