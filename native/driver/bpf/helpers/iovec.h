/* readv/writev/preadv/pwritev/sendmsg/recvmsg: the data of an iovec array,
 * concatenated up to min(bytes transferred, snaplen), and the total size the
 * caller offered. */
#pragma once

#include "memory.h"

#define MAX_IOVCNT 16

struct iovec_user {
	unsigned long base;
	unsigned long len;
};

/* Sum of the iov_len of the first MAX_IOVCNT entries. */
static __always_inline __u32 iovec__total(unsigned long iov, unsigned long cnt) {
	__u32 total = 0;
	for(int i = 0; i < MAX_IOVCNT; i++) {
		if(i >= cnt)
			break;
		struct iovec_user v = {};
		if(bpf_probe_read_user(&v, sizeof(v), (void *)(iov + i * sizeof(v))))
			break;
		total += v.len;
	}
	return total;
}

/* PT_BYTEBUF with the first `avail` bytes spread over the iovecs. */
static __always_inline void ev__iovec_data(struct scratch *s, unsigned long iov, unsigned long cnt, long avail) {
	__u32 want = g_config.snaplen;
	if(avail <= 0 || !iov) {
		ev__empty(s);
		return;
	}
	if(avail < want)
		want = avail;
	__u32 copied = 0;
	for(int i = 0; i < MAX_IOVCNT; i++) {
		if(i >= cnt || copied >= want)
			break;
		struct iovec_user v = {};
		if(bpf_probe_read_user(&v, sizeof(v), (void *)(iov + i * sizeof(v))))
			break;
		__u32 n = v.len < want - copied ? v.len : want - copied;
		n &= (SINSPECT_MAX_EVENT_SIZE / 2 - 1);
		if(n && bpf_probe_read_user(&s->data[SAFE_OFF(s->pos)], n, (void *)v.base))
			break;
		s->pos += n;
		copied += n;
	}
	ev__len(s, copied);
}
