/* PT_FDLIST for poll/ppoll: a u16 count, then for each pollfd its fd (s64)
 * and the events the kernel returned (revents, as PPM_POLL* in a s16). */
#pragma once

#include "memory.h"
#include "flags_proc.h"

#define MAX_POLLFD 16

struct pollfd_user {
	__s32 fd;
	__s16 events;
	__s16 revents;
};

static __always_inline void ev__poll_fdlist(struct scratch *s, unsigned long fds, __u32 nfds) {
	__u32 n = nfds < MAX_POLLFD ? nfds : MAX_POLLFD;
	struct pollfd_user p[MAX_POLLFD] = {};
	if(!fds || n == 0 || bpf_probe_read_user(p, n * sizeof(p[0]), (void *)fds)) {
		ev__u16(s, 0);
		return;
	}
	ev__push_u16(s, (__u16)n);
	for(int i = 0; i < MAX_POLLFD; i++) {
		if(i >= n)
			break;
		ev__push_s64(s, p[i].fd);
		ev__push_s16(s, (__s16)poll_events_to_ppm((__u16)p[i].revents));
	}
	ev__len(s, sizeof(__u16) + n * (sizeof(__s64) + sizeof(__s16)));
}
