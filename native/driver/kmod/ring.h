/* Per-CPU ring buffers: the memory each /dev/sinspect<cpu> maps, and the
 * one place events are committed into it. */
#ifndef SINSPECT_RING_H
#define SINSPECT_RING_H

#include <linux/types.h>
#include <linux/atomic.h>

#include "sinspect_kmod_abi.h"

struct sinspect_ring {
	struct sinspect_ring_info *info; /* one page, vmalloc_user */
	u8 *data;                        /* ring_size bytes, vmalloc_user */
	u32 size;
	/* Where events are assembled before the copy into the ring. */
	u8 *scratch;
	/* Non-zero while this CPU builds an event: a probe that fires in the
	 * middle (a page fault while reading user memory) must not reuse the
	 * scratch area. */
	atomic_t busy;
	int cpu;
	bool open;                       /* a reader holds the device */
};

int ring_alloc(struct sinspect_ring *r, int cpu, u32 size);
void ring_free(struct sinspect_ring *r);
/* Empties the ring and zeroes its counters (capture start). */
void ring_reset(struct sinspect_ring *r);
/* Copies a finished record (len bytes) into the ring. Returns 0, or -ENOSPC
 * (counted as a buffer drop). */
int ring_commit(struct sinspect_ring *r, const u8 *rec, u32 len);

#endif
