/* readv/writev/preadv/pwritev/sendmsg/recvmsg: the data of an iovec array,
 * concatenated up to min(bytes transferred, snaplen), and the total size the
 * caller offered.
 *
 * Both walks run under bpf_loop(): unrolled, the 16 iterations with their
 * early exits made these the most expensive programs to verify by far (over
 * 100,000 instructions each, more than all other programs together). */
#pragma once

#include "memory.h"

#define MAX_IOVCNT 16

struct iovec_user {
	unsigned long base;
	unsigned long len;
};

struct iovec_walk {
	struct scratch *s;
	unsigned long iov;
	unsigned long cnt;
	__u32 want;   /* bytes to copy at most */
	__u32 copied; /* bytes copied so far */
	__u32 total;  /* sum of the iov_len seen */
};

static __always_inline int iovec__read(struct iovec_walk *w, __u32 i, struct iovec_user *v) {
	return bpf_probe_read_user(v, sizeof(*v), (void *)(w->iov + i * sizeof(*v)));
}

static long iovec_total_step(__u32 i, void *arg) {
	struct iovec_walk *w = arg;
	struct iovec_user v = {};
	if(i >= w->cnt || iovec__read(w, i, &v))
		return 1;
	w->total += v.len;
	return 0;
}

/* Sum of the iov_len of the first MAX_IOVCNT entries. */
static __always_inline __u32 iovec__total(unsigned long iov, unsigned long cnt) {
	struct iovec_walk w = {.iov = iov, .cnt = cnt};
	bpf_loop(MAX_IOVCNT, iovec_total_step, &w, 0);
	return w.total;
}

static long iovec_copy_step(__u32 i, void *arg) {
	struct iovec_walk *w = arg;
	struct iovec_user v = {};
	if(i >= w->cnt || w->copied >= w->want || iovec__read(w, i, &v))
		return 1;
	__u32 left = w->want - w->copied;
	__u32 n = v.len < left ? v.len : left;
	n &= (SINSPECT_MAX_EVENT_SIZE / 2 - 1);
	struct scratch *s = w->s;
	if(n && bpf_probe_read_user(ev__at(s, s->pos), n, (void *)v.base))
		return 1;
	s->pos += n;
	w->copied += n;
	return 0;
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
	struct iovec_walk w = {.s = s, .iov = iov, .cnt = cnt, .want = want};
	bpf_loop(MAX_IOVCNT, iovec_copy_step, &w, 0);
	ev__len(s, w.copied);
}
