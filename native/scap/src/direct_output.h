/*
 * A file written around the page cache (O_DIRECT), for capture files written at
 * millions of events a second (the live -w of record-live.ts): the kernel then
 * moves the data to the device itself instead of the writer's CPU copying every
 * byte into page-cache pages, which on a small machine is CPU time taken from the
 * traced processes (and, in a VM, often pages the host must fault in afresh).
 *
 * Bytes are staged in an aligned buffer and written in whole aligned chunks; the
 * tail is written without O_DIRECT at close. Where the filesystem refuses O_DIRECT
 * (at open or at the first write), the file is written the ordinary way.
 */
#ifndef SINSPECT_DIRECT_OUTPUT_H
#define SINSPECT_DIRECT_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

struct direct_output {
	int fd;
	int direct;       /* O_DIRECT is on */
	uint8_t *stage;   /* aligned staging buffer */
	size_t staged;
	uint64_t written; /* bytes in the file */
};

/* Creates (or truncates) path. 0, or -1 with errno set. */
int dout_open(struct direct_output *o, const char *path);
/* Appends n bytes. 0, or -1 with errno set (the file is then damaged). */
int dout_write(struct direct_output *o, const uint8_t *p, size_t n);
/*
 * Room to build bytes in place (no copy): at least `want` bytes (at most the staging
 * buffer less 4 KiB) at the returned address, *room in all; NULL (errno set) when
 * writing what was staged failed. dout_commit(n) then appends the first n of them.
 */
uint8_t *dout_space(struct direct_output *o, size_t want, size_t *room);
void dout_commit(struct direct_output *o, size_t n);
/* Bytes appended so far. */
uint64_t dout_size(const struct direct_output *o);
/* Writes what is staged and closes; always frees. 0, or -1 with errno set. */
int dout_close(struct direct_output *o);

#endif
