/* The early filter the engine configures: tgids and comms to keep or drop,
 * decided before any parameter is read. */
#pragma once

#include "stats.h"

static __always_inline int filter__pid_in_set(__u32 tgid) {
	return bpf_map_lookup_elem(&pid_filter, &tgid) != NULL;
}

/* Returns 1 when the current task's events must not be captured. */
static __always_inline int filter__drop_task(__u32 tgid) {
	__u32 flags = g_config.filter_flags;
	if(!flags)
		return 0;
	if(flags & (SINSPECT_FILTER_PID_INCLUDE | SINSPECT_FILTER_PID_EXCLUDE)) {
		int in = filter__pid_in_set(tgid);
		if((flags & SINSPECT_FILTER_PID_INCLUDE) && !in)
			return 1;
		if((flags & SINSPECT_FILTER_PID_EXCLUDE) && in)
			return 1;
	}
	if(flags & (SINSPECT_FILTER_COMM_INCLUDE | SINSPECT_FILTER_COMM_EXCLUDE)) {
		struct comm_key key = {};
		bpf_get_current_comm(key.comm, sizeof(key.comm));
		int in = bpf_map_lookup_elem(&comm_filter, &key) != NULL;
		if((flags & SINSPECT_FILTER_COMM_INCLUDE) && !in)
			return 1;
		if((flags & SINSPECT_FILTER_COMM_EXCLUDE) && in)
			return 1;
	}
	return 0;
}

/* For the tracepoint programs. The common case (no filter) must not pay for
 * the tgid helper call. */
static __always_inline int filter__drop_current(void) {
	if(!g_config.filter_flags)
		return 0;
	return filter__drop_task(bpf_get_current_pid_tgid() >> 32);
}
