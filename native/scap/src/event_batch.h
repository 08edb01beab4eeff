/*
 * A batch of events in the normalised record layout of docs/ARCHITECTURE.md:
 * u16 cpu, u16 0, u32 flags, u64 ts, u64 tid, u32 len, u16 type, u32 nparams,
 * u32 lens[nparams], data. `len` counts from ts to the end of the record.
 */
#ifndef SINSPECT_EVENT_BATCH_H
#define SINSPECT_EVENT_BATCH_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

struct event_batch {
	uint8_t *data;
	size_t len;
	size_t cap;
	uint32_t count;
	/*
	 * data is cap bytes of someone else's memory (a Buffer JS reads batches from):
	 * the batch is filled in place and never grows.
	 */
	uint8_t fixed;
};

/*
 * Makes room for n more bytes. Returns 0; 1 when a fixed batch has no room left;
 * -1 when out of memory.
 */
static inline int event_batch_reserve(struct event_batch *b, size_t n)
{
	if(b->cap - b->len >= n) {
		return 0;
	}
	if(b->fixed) {
		return 1;
	}
	size_t ncap = b->cap ? b->cap : 64 * 1024;
	while(ncap - b->len < n) {
		if(ncap > SIZE_MAX / 2) {
			return -1;
		}
		ncap *= 2;
	}
	uint8_t *nd = (uint8_t *)realloc(b->data, ncap);
	if(!nd) {
		return -1;
	}
	b->data = nd;
	b->cap = ncap;
	return 0;
}

#endif
