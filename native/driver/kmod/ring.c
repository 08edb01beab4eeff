#include "ring.h"

#include <linux/errno.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

int ring_alloc(struct sinspect_ring *r, int cpu, u32 size)
{
	memset(r, 0, sizeof(*r));
	r->cpu = cpu;
	r->size = size;
	r->info = vmalloc_user(PAGE_SIZE);
	r->data = vmalloc_user(size);
	r->scratch = vmalloc(SINSPECT_KMOD_MAX_EVENT);
	if (!r->info || !r->data || !r->scratch) {
		ring_free(r);
		return -ENOMEM;
	}
	atomic_set(&r->busy, 0);
	ring_reset(r);
	return 0;
}

void ring_free(struct sinspect_ring *r)
{
	vfree(r->info);
	vfree(r->data);
	vfree(r->scratch);
	r->info = NULL;
	r->data = NULL;
	r->scratch = NULL;
}

void ring_reset(struct sinspect_ring *r)
{
	struct sinspect_ring_info *i = r->info;

	memset(i, 0, sizeof(*i));
	i->ring_size = r->size;
	i->api_version = SINSPECT_KMOD_API_VERSION;
	smp_wmb();
}

int ring_commit(struct sinspect_ring *r, const u8 *rec, u32 len)
{
	struct sinspect_ring_info *i = r->info;
	u64 head = i->head;
	/* The reader publishes tail with a release store after it is done
	 * with the bytes before it. */
	u64 tail = smp_load_acquire(&i->tail);
	u64 used = head - tail;
	u32 off, first;

	/* A tail from the future (a confused reader) counts as a full ring:
	 * never overwrite what may not have been read. */
	if (used > r->size || r->size - used < len) {
		i->n_drops_buffer++;
		return -ENOSPC;
	}
	off = (u32)(head & (r->size - 1));
	first = min_t(u32, len, r->size - off);
	memcpy(r->data + off, rec, first);
	if (first < len)
		memcpy(r->data, rec + first, len - first);
	i->n_evts++;
	smp_store_release(&i->head, head + len);
	return 0;
}
