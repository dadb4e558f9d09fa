/* store_files: see store_files.h. The formats read here are SQLite's own, documented in
 * https://www.sqlite.org/fileformat2.html (the database header, b-tree pages and the WAL). */
#include "storage/store_files.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "sessions/errmsg.h"

enum {
	WAL_HEADER = 32,
	WAL_FRAME_HEADER = 24,
	WAL_MAGIC = 0x377f0682,      /* | 1: checksums are big-endian words */
	WAL_RETRIES = 3,             /* a live writer may restart the log while it is read */
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | (uint32_t)p[0];
}

static bool side_file(const char *path, const char *suffix, int64_t *size)
{
	char side[PATH_MAX];
	struct stat st;
	int n = snprintf(side, sizeof side, "%s%s", path, suffix);
	if (n < 0 || (size_t)n >= sizeof side || stat(side, &st) != 0)
		return false;
	if (size)
		*size = (int64_t)st.st_size;
	return true;
}

int store_files_look(const char *path, struct store_files *files, char *err, size_t errlen)
{
	static const char magic[16] = "SQLite format 3";
	*files = (struct store_files){ 0 };
	files->wal = side_file(path, "-wal", &files->wal_size);
	files->shm = side_file(path, "-shm", NULL);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		if (e == ENOENT)
			return 0;
		errmsg_fail(err, errlen, "cannot open the database %s: %s", path, strerror(e));
		return e == EACCES ? EX_NOPERM : e == ENOTDIR ? EX_CANTCREAT : EX_IOERR;
	}
	files->exists = true;
	struct stat st;
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		errmsg_fail(err, errlen, "cannot use %s as the database: it is not a regular file; give the path of a"
			" file with --db", path);
		return EX_CANTCREAT;
	}
	files->size = (int64_t)st.st_size;
	/* The header, then page 1's b-tree header: sqlite_schema, whose cells are the schema. */
	unsigned char head[108];
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n == 0)
		return 0;
	if (n < 16 || memcmp(head, magic, sizeof magic) != 0) {
		errmsg_fail(err, errlen, "%s is not a klankbord database (not an SQLite file); it was left as it is."
			" Give another path with --db", path);
		return EX_DATAERR;
	}
	files->no_schema = n == (ssize_t)sizeof head && head[100] == 0x0d && head[103] == 0 && head[104] == 0;
	return 0;
}

/* SQLite's WAL checksum over n bytes (a multiple of 8), continuing from s. */
static void wal_checksum(bool big, const unsigned char *data, size_t n, uint32_t s[2])
{
	for (size_t i = 0; i + 8 <= n; i += 8) {
		s[0] += (big ? be32(data + i) : le32(data + i)) + s[1];
		s[1] += (big ? be32(data + i + 4) : le32(data + i + 4)) + s[0];
	}
}

/* One reading of the log. Returns 0 (intact, or torn only at its end), 1 (damaged:
 * *bad is the first bad frame, 1-based; *frames their number) or a sysexits code. */
static int wal_scan(int fd, int64_t size, unsigned char header[WAL_HEADER], int64_t *bad, int64_t *frames)
{
	*bad = 0;
	*frames = 0;
	if (pread(fd, header, WAL_HEADER, 0) != WAL_HEADER)
		return EX_IOERR;
	uint32_t magic = be32(header);
	uint32_t page = be32(header + 8);
	if ((magic & ~1u) != WAL_MAGIC || page < 512 || page > 65536 || (page & (page - 1)) != 0)
		return 1;
	bool big = magic & 1;
	uint32_t s[2] = { 0, 0 };
	wal_checksum(big, header, 24, s);
	if (s[0] != be32(header + 24) || s[1] != be32(header + 28))
		return 1;
	size_t frame_size = WAL_FRAME_HEADER + page;
	*frames = (size - WAL_HEADER) / (int64_t)frame_size;
	unsigned char *frame = malloc(frame_size);
	if (!frame)
		return EX_OSERR;
	uint32_t seed[2] = { s[0], s[1] };
	bool in_prefix = true;
	int rc = 0;
	for (int64_t i = 0; i < *frames && rc == 0; i++) {
		if (pread(fd, frame, frame_size, WAL_HEADER + i * (int64_t)frame_size) != (ssize_t)frame_size) {
			rc = EX_IOERR;
			break;
		}
		/* Checked against the previous frame's stored checksum, so that every frame can be
		 * judged on its own, also after a bad one. */
		bool current = memcmp(frame + 8, header + 16, 8) == 0; /* salts: this log, not an older one */
		bool intact = false;
		if (current && be32(frame) != 0) {
			uint32_t c[2] = { seed[0], seed[1] };
			wal_checksum(big, frame, 8, c);
			wal_checksum(big, frame + WAL_FRAME_HEADER, page, c);
			intact = c[0] == be32(frame + 16) && c[1] == be32(frame + 20);
		}
		if (in_prefix && !intact) {
			in_prefix = false;
			*bad = i + 1;
		} else if (!in_prefix && intact) {
			rc = 1;
		}
		seed[0] = be32(frame + 16);
		seed[1] = be32(frame + 20);
	}
	free(frame);
	return rc;
}

int store_files_check_wal(const char *path, char *err, size_t errlen)
{
	char wal[PATH_MAX];
	int n = snprintf(wal, sizeof wal, "%s-wal", path);
	if (n < 0 || (size_t)n >= sizeof wal) {
		errmsg_fail(err, errlen, "the database path %.80s... is too long", path);
		return EX_USAGE;
	}
	int fd = open(wal, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		errmsg_fail(err, errlen, "cannot read the write-ahead log %s: %s", wal, strerror(errno));
		return errno == EACCES ? EX_NOPERM : EX_IOERR;
	}
	int rc = 0;
	int64_t bad = 0, frames = 0;
	for (int attempt = 0; attempt < WAL_RETRIES; attempt++) {
		struct stat before, after;
		unsigned char header[WAL_HEADER], again[WAL_HEADER];
		if (fstat(fd, &before) != 0) {
			rc = EX_IOERR;
			break;
		}
		rc = before.st_size < WAL_HEADER ? 0 : wal_scan(fd, (int64_t)before.st_size, header, &bad, &frames);
		if (rc != 1)
			break;
		/* Damage is only damage if the log did not change under the reading. */
		if (fstat(fd, &after) == 0 && after.st_size == before.st_size
			&& pread(fd, again, WAL_HEADER, 0) == WAL_HEADER && memcmp(header, again, WAL_HEADER) == 0)
			break;
	}
	close(fd);
	if (rc == 1) {
		if (bad > 0)
			errmsg_fail(err, errlen, "the write-ahead log %s is damaged: frame %lld of %lld fails its checksum and"
				" intact frames follow it, so what was committed after it cannot be read. Nothing was changed and"
				" the log was kept. Keep %s and %s together and restore them from a copy made with klankbord"
				" backup, or have them repaired", wal, (long long)bad, (long long)frames, path, wal);
		else
			errmsg_fail(err, errlen, "the write-ahead log %s is damaged: its header is not valid, so nothing"
				" committed in it can be read. Nothing was changed and the log was kept. Keep %s and %s together"
				" and restore them from a copy made with klankbord backup, or have them repaired", wal, path, wal);
		return EX_DATAERR;
	}
	if (rc) {
		errmsg_fail(err, errlen, "cannot read the write-ahead log %s: %s", wal, rc == EX_OSERR ? "out of memory"
			: "read error");
		return rc;
	}
	return 0;
}

int store_files_refuse_no_schema(const char *path, char *err, size_t errlen)
{
	errmsg_fail(err, errlen, "%s is an SQLite file with no tables, but not a new one (it was not created by"
		" klankbord just now, or a -wal or -shm file sits beside it), so it was not set up as a new database and"
		" nothing was changed. If it is a copy of a klankbord database, what was recorded is in its write-ahead"
		" log (%s-wal), which is missing or damaged: copy a database with klankbord backup (a copy made with"
		" klankbord backup is complete), or copy the file together with its -wal while no console has it open."
		" To start a new database, give another path with --db", path, path);
	return EX_DATAERR;
}
