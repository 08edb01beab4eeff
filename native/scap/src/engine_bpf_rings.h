/* Reading BPF ring buffers straight from their memory mapping, so that the
 * engine can look at the head event of every CPU's ring before choosing which
 * one to consume (libbpf's ring_buffer API only offers callbacks). */
#ifndef SINSPECT_ENGINE_BPF_RINGS_H
#define SINSPECT_ENGINE_BPF_RINGS_H

#include <stddef.h>
#include <stdint.h>

struct bpf_ring {
	int fd;
	size_t size;                /* data area, a power of two */
	volatile unsigned long *consumer_pos;
	volatile unsigned long *producer_pos;
	uint8_t *data;              /* mapped twice in a row: records never wrap */
	unsigned long cons;         /* our read position (published by ring_publish) */
	unsigned long prod;         /* producer position last seen */
};

int ring_map(struct bpf_ring *r, int fd, size_t size);
void ring_unmap(struct bpf_ring *r);

/* The next committed record (skipping discarded ones), or NULL. */
const uint8_t *ring_peek(struct bpf_ring *r, uint32_t *len);
/* Step over the record ring_peek() returned. */
void ring_advance(struct bpf_ring *r, uint32_t len);
/* Hand the consumed space back to the producer. */
void ring_publish(struct bpf_ring *r);

#endif
