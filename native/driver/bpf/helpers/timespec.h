/* Durations and time limits read from user memory, as the ns counts of
 * PT_RELTIME parameters. */
#pragma once

#include "base.h"

#define NSEC_PER_SEC 1000000000ull

struct timespec_user {
	__s64 sec;
	__s64 nsec;
};

/* A struct __kernel_timespec in ns; 0 for NULL or an unreadable pointer. */
static __always_inline __u64 user_timespec_ns(unsigned long ptr) {
	struct timespec_user ts = {};
	if(!ptr || bpf_probe_read_user(&ts, sizeof(ts), (void *)ptr))
		return 0;
	return (__u64)ts.sec * NSEC_PER_SEC + (__u64)ts.nsec;
}
