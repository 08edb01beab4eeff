/* One CPU's device of the sinspect module: its info page and its ring,
 * mapped twice back to back so that every record reads contiguously. */
#ifndef SINSPECT_ENGINE_KMOD_RING_H
#define SINSPECT_ENGINE_KMOD_RING_H

#include <stddef.h>
#include <stdint.h>

struct sinspect_ring_info;

struct kmod_ring {
	int fd;
	uint32_t size;
	struct sinspect_ring_info *info;
	uint8_t *data;     /* 2 * size bytes: the ring twice */
	uint64_t tail;     /* our read position, published by kmod_ring_publish */
	uint64_t head;     /* producer position last seen */
};

/* Maps the device open at fd. Returns 0 or -1 (errno set). */
int kmod_ring_map(struct kmod_ring *r, int fd);
void kmod_ring_unmap(struct kmod_ring *r);
/* The next record and its size, or NULL when the ring is empty. A record
 * whose size makes no sense returns NULL with *bad set. */
const uint8_t *kmod_ring_peek(struct kmod_ring *r, uint32_t *size, int *bad);
void kmod_ring_advance(struct kmod_ring *r, uint32_t size);
void kmod_ring_publish(struct kmod_ring *r);

#endif
