/* Per-CPU counters: every event seen is either written, filtered or dropped
 * for one of the causes of struct probe_stats. */
#pragma once

#include "maps.h"

static __always_inline struct probe_stats *stats__get(void) {
	__u32 zero = 0;
	return bpf_map_lookup_elem(&stats_map, &zero);
}

#define STATS_INC(field)                              \
	do {                                          \
		struct probe_stats *__s = stats__get(); \
		if(__s)                               \
			__s->field++;                 \
	} while(0)
