/*
 * Writing a scap savefile that sysdig 0.29.3 reads: section header at open,
 * then the metadata blocks, then events from normalised batches; optionally
 * gzip-compressed.
 */
#ifndef SINSPECT_SAVEFILE_WRITER_H
#define SINSPECT_SAVEFILE_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "capture_meta.h"

#ifdef __cplusplus
extern "C" {
#endif

struct savefile_writer;

/* Creates (or truncates) path. Returns NULL with a one-line message in err. */
struct savefile_writer *savefile_writer_open(const char *path, int compress, char *err, size_t errlen);

/*
 * The same, uncompressed, written around the page cache where the filesystem allows
 * it (direct_output.h): for the live -w of the addon's own thread.
 */
struct savefile_writer *savefile_writer_open_direct(const char *path, char *err, size_t errlen);

/*
 * Metadata must come before any event. Returns 0, or -1 (see savefile_writer_error).
 * Misuse (metadata twice or after events, malformed records) writes nothing and
 * leaves the file usable; an output failure makes every later call fail.
 */
int savefile_writer_write_meta(struct savefile_writer *w, const struct capture_meta *m);

/* Writes count records from buf (len bytes). Returns 0, or -1 after writing the records before a bad one. */
int savefile_writer_write_batch(struct savefile_writer *w, const uint8_t *buf, size_t len, uint32_t count);

/*
 * Appends event blocks built elsewhere (compat029's C029_BLOCKS), as they are: the
 * caller vouches for them. Returns 0, or -1 (see savefile_writer_error).
 */
int savefile_writer_write_blocks(struct savefile_writer *w, const uint8_t *blocks, size_t len);

/*
 * Writers of savefile_writer_open_direct only: room for event blocks built in place
 * (*room bytes, at least `want` up to a few MiB), and their commit; saves a copy.
 * NULL when the writer has no such room (compressed) or failed (see
 * savefile_writer_error when it has).
 */
uint8_t *savefile_writer_space(struct savefile_writer *w, size_t want, size_t *room);
void savefile_writer_commit(struct savefile_writer *w, size_t n);

/* -1 once the output failed (a direct writer's thread may fail between calls). */
int savefile_writer_check(struct savefile_writer *w);

/* Flushes and closes; returns 0, or -1 when output failed (now or before). Always frees w. */
int savefile_writer_close(struct savefile_writer *w, char *err, size_t errlen);

const char *savefile_writer_error(const struct savefile_writer *w);

/* Bytes in the file so far (compressed size when compressing), as sysdig's -C counts them. */
uint64_t savefile_writer_bytes_written(struct savefile_writer *w);

#ifdef __cplusplus
}
#endif

#endif
