#include "engine_kmod_ring.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../driver/kmod/sinspect_kmod_abi.h"

int kmod_ring_map(struct kmod_ring *r, int fd)
{
	long page = sysconf(_SC_PAGESIZE);
	void *info, *base;

	memset(r, 0, sizeof(*r));
	r->fd = fd;
	info = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (info == MAP_FAILED)
		return -1;
	r->info = info;
	r->size = r->info->ring_size;
	if (r->size == 0 || (r->size & (r->size - 1)) || r->info->api_version != SINSPECT_KMOD_API_VERSION) {
		munmap(info, page);
		r->info = NULL;
		errno = EPROTO;
		return -1;
	}
	/* Reserve room for two copies, then put the ring in both halves. */
	base = mmap(NULL, 2 * (size_t)r->size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		goto fail;
	if (mmap(base, r->size, PROT_READ, MAP_SHARED | MAP_FIXED, fd, page) == MAP_FAILED ||
	    mmap((uint8_t *)base + r->size, r->size, PROT_READ, MAP_SHARED | MAP_FIXED, fd, page) == MAP_FAILED) {
		int e = errno;
		munmap(base, 2 * (size_t)r->size);
		errno = e;
		goto fail;
	}
	r->data = base;
	r->tail = __atomic_load_n(&r->info->tail, __ATOMIC_ACQUIRE);
	r->head = r->tail;
	return 0;
fail:
	munmap(r->info, page);
	r->info = NULL;
	return -1;
}

void kmod_ring_unmap(struct kmod_ring *r)
{
	if (r->data)
		munmap(r->data, 2 * (size_t)r->size);
	if (r->info)
		munmap(r->info, sysconf(_SC_PAGESIZE));
	r->data = NULL;
	r->info = NULL;
}

const uint8_t *kmod_ring_peek(struct kmod_ring *r, uint32_t *size, int *bad)
{
	const uint8_t *rec;
	uint32_t len;

	*bad = 0;
	if (r->tail >= r->head) {
		r->head = __atomic_load_n(&r->info->head, __ATOMIC_ACQUIRE);
		if (r->tail >= r->head)
			return NULL;
	}
	rec = r->data + (r->tail & (r->size - 1));
	memcpy(&len, rec + 24, 4);
	if (len < SINSPECT_KMOD_RECORD_HEADER - 8 || len + 8 > SINSPECT_KMOD_MAX_EVENT ||
	    r->tail + len + 8 > r->head) {
		*bad = 1;
		return NULL;
	}
	*size = len + 8;
	return rec;
}

void kmod_ring_advance(struct kmod_ring *r, uint32_t size)
{
	r->tail += size;
}

void kmod_ring_publish(struct kmod_ring *r)
{
	__atomic_store_n(&r->info->tail, r->tail, __ATOMIC_RELEASE);
}
