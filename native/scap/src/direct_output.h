/*
 * A file written around the page cache (O_DIRECT), for capture files written at
 * millions of events a second (the live -w of record-live.ts): the kernel then
 * moves the data to the device itself instead of the writer's CPU copying every
 * byte into page-cache pages, which on a small machine is CPU time taken from the
 * traced processes (and, in a VM, often pages the host must fault in afresh).
 *
 * Bytes are built in aligned 4 MiB chunks; a thread of its own writes the full
 * ones, in order, while the next fill up, so that a slow device does not stop the
 * producer (the live engine's drain) until every chunk waits for it. The tail is
 * written without O_DIRECT at close. Where the filesystem refuses O_DIRECT (at
 * open or at the first write), the file is written the ordinary way.
 */
#ifndef SINSPECT_DIRECT_OUTPUT_H
#define SINSPECT_DIRECT_OUTPUT_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#define DOUT_CHUNKS 8

struct direct_output {
	int fd;
	int direct; /* O_DIRECT is on (changed by the writing thread only, then at close) */
	uint8_t *chunk[DOUT_CHUNKS];
	size_t chunk_len[DOUT_CHUNKS]; /* bytes to write, once queued */
	unsigned fill;                 /* the chunk being filled */
	size_t staged;                 /* bytes in it */
	uint64_t appended;             /* bytes appended in all */
	/* the writing thread */
	pthread_t thread;
	int thread_started;
	pthread_mutex_t mu;
	pthread_cond_t queued_cv, written_cv;
	unsigned pending; /* chunks queued, not yet written */
	unsigned next_io; /* the oldest of them */
	int closing;
	int error; /* the first errno of a write, 0 while all went well */
};

/* Creates (or truncates) path. 0, or -1 with errno set. */
int dout_open(struct direct_output *o, const char *path);
/* Appends n bytes. 0, or -1 with errno set (the file is then damaged). */
int dout_write(struct direct_output *o, const uint8_t *p, size_t n);
/*
 * Room to build bytes in place (no copy): at least `want` bytes (at most a chunk
 * less 4 KiB) at the returned address, *room in all; NULL (errno set) once a
 * write failed. dout_commit(n) then appends the first n of them.
 */
uint8_t *dout_space(struct direct_output *o, size_t want, size_t *room);
void dout_commit(struct direct_output *o, size_t n);
/* The errno of a failed write of the thread, 0 while all went well. */
int dout_error(struct direct_output *o);
/* Bytes appended so far. */
uint64_t dout_size(const struct direct_output *o);
/* Writes everything and closes; always frees. 0, or -1 with errno set. */
int dout_close(struct direct_output *o);

#endif
