#include "engine_bpf_rings.h"

#include <sys/mman.h>
#include <unistd.h>

/* Kernel ring buffer record header (include/uapi/linux/bpf.h). */
#define RB_BUSY_BIT (1u << 31)
#define RB_DISCARD_BIT (1u << 30)
#define RB_HDR_SZ 8

int ring_map(struct bpf_ring *r, int fd, size_t size) {
	long page = sysconf(_SC_PAGESIZE);
	r->fd = fd;
	r->size = size;
	void *cons = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if(cons == MAP_FAILED)
		return -1;
	void *prod = mmap(NULL, page + 2 * size, PROT_READ, MAP_SHARED, fd, page);
	if(prod == MAP_FAILED) {
		munmap(cons, page);
		return -1;
	}
	r->consumer_pos = cons;
	r->producer_pos = prod;
	r->data = (uint8_t *)prod + page;
	r->cons = __atomic_load_n(r->consumer_pos, __ATOMIC_ACQUIRE);
	r->prod = r->cons;
	return 0;
}

void ring_unmap(struct bpf_ring *r) {
	long page = sysconf(_SC_PAGESIZE);
	if(r->consumer_pos)
		munmap((void *)r->consumer_pos, page);
	if(r->producer_pos)
		munmap((void *)r->producer_pos, page + 2 * r->size);
	r->consumer_pos = r->producer_pos = NULL;
}

const uint8_t *ring_peek(struct bpf_ring *r, uint32_t *len) {
	for(;;) {
		if(r->cons >= r->prod) {
			r->prod = __atomic_load_n(r->producer_pos, __ATOMIC_ACQUIRE);
			if(r->cons >= r->prod)
				return NULL;
		}
		const uint8_t *rec = r->data + (r->cons & (r->size - 1));
		uint32_t hdr = __atomic_load_n((const uint32_t *)rec, __ATOMIC_ACQUIRE);
		if(hdr & RB_BUSY_BIT)
			return NULL; /* reserved but not committed yet: keep order, wait */
		uint32_t l = hdr & ~(RB_BUSY_BIT | RB_DISCARD_BIT);
		if(hdr & RB_DISCARD_BIT) {
			ring_advance(r, l);
			continue;
		}
		*len = l;
		return rec + RB_HDR_SZ;
	}
}

void ring_advance(struct bpf_ring *r, uint32_t len) {
	r->cons += (len + RB_HDR_SZ + 7) & ~7ul;
}

void ring_publish(struct bpf_ring *r) {
	__atomic_store_n(r->consumer_pos, r->cons, __ATOMIC_RELEASE);
}
