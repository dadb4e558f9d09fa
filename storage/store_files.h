/* store_files: what opening reads of the database's files before SQLite touches them.
 *
 * Owns the checks made on bytes, not through SQLite: what sits beside the database (its
 * -wal and -shm), whether the main file holds a schema at all, and whether the
 * write-ahead log is intact. SQLite reads a -wal only up to its first frame that fails
 * its checksum and silently drops every commit after it; the last connection to close
 * then checkpoints what it read and deletes the -wal, so the rest is gone for good. These
 * checks see that before SQLite does. Private to storage/ (storage/store.c uses it);
 * never writes, never prints, never exits. */
#ifndef KLANKBORD_STORE_FILES_H
#define KLANKBORD_STORE_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What lies on disk before opening. */
struct store_files {
	bool exists;                 /* the main file exists */
	int64_t size;                /* its size in bytes (0 when missing) */
	bool wal, shm;               /* a -wal or -shm file sits beside it */
	int64_t wal_size;
	bool no_schema;              /* an SQLite file whose first page lists no table at all */
};

/* Fills *files for the database at path. Returns 0, or a sysexits code with a message
 * (the file cannot be read, it is not a regular file, it is not an SQLite file). */
int store_files_look(const char *path, struct store_files *files, char *err, size_t errlen);

/* Reads the -wal beside path frame by frame, as SQLite's recovery does, and refuses one
 * in which an intact frame of the current log follows a frame that fails its checksum
 * (or whose header is damaged): commits after the damage would be dropped. A log whose
 * last frames are torn (a writer killed while writing them) is normal and passes.
 * Returns 0 or EX_DATAERR with a message; EX_IOERR when it cannot be read. */
int store_files_check_wal(const char *path, char *err, size_t errlen);

/* The refusal of a file with no tables that is not new (store_files.no_schema without a
 * -wal, or no tables once SQLite has read the -wal): EX_DATAERR and what to do. */
int store_files_refuse_no_schema(const char *path, char *err, size_t errlen);

#endif
