/* Events of a size known when the program is compiled (scalar parameters
 * only: close, dup, lseek, the generic event, ...) are written straight into
 * this CPU's ring: reserved, filled and submitted, without the scratch area and
 * the copy bpf_ringbuf_output() makes of it. These are the events of the
 * cheapest, most frequent syscalls, where that copy is a large part of the
 * probe's cost.
 *
 * Same layout as event_buffer.h builds. The builder state lives in registers:
 * every offset is a constant after inlining, which is also what the verifier
 * needs to accept the stores into the reserved record.
 *
 *   FIXED_EVENT_OR_RETURN(e, PPME_SYSCALL_CLOSE_X, FX_SIZE(2, 8 + 8), tid);
 *   fx__s64(&e, ret);
 *   fx__s64(&e, fd);
 *   fx__submit(&e);
 */
#pragma once

#include "event_buffer.h"

/* Size of an event of `nparams` parameters holding `data_bytes` bytes in all. */
#define FX_SIZE(nparams, data_bytes) (SINSPECT_EVT_HDR_SIZE + 2 * (nparams) + (data_bytes))

struct fixed_event {
	__u8 *d;
	struct probe_stats *st;
	__u32 size;
	__u32 pos;      /* next parameter's data */
	__u32 lens_pos; /* next slot of the u16 parameter-length array */
	__u32 lens_end;
};

/* Reserves the event in this CPU's ring and writes its header. Returns 0, or
 * -1 (counted) when there is no room. `size` must be a constant. */
static __always_inline int fx__begin(struct fixed_event *e, __u16 type, __u32 size, __u32 tid) {
	__u32 nparams = type < PPM_EVENT_MAX ? ppm_event_nparams[type] : 0;
	e->st = stats__get();
	e->size = size;
	e->lens_pos = SINSPECT_EVT_HDR_SIZE;
	e->lens_end = SINSPECT_EVT_HDR_SIZE + nparams * sizeof(__u16);
	e->pos = e->lens_end;
	__u32 cpu = bpf_get_smp_processor_id();
	void *ring = bpf_map_lookup_elem(&rings, &cpu);
	if(!ring || !e->st) {
		STATS_INC(n_drops_scratch);
		return -1;
	}
	e->d = bpf_ringbuf_reserve(ring, size, 0);
	if(!e->d) {
		e->st->n_drops_buffer++;
		return -1;
	}
	ev__put_header(e->d, g_config.boot_time_ns + bpf_ktime_get_boot_ns(), tid, type, nparams);
	*(__u32 *)(e->d + HDR_LEN) = size;
	return 0;
}

#define FIXED_EVENT_OR_RETURN(e, type, size, tid) \
	struct fixed_event e;                      \
	if(fx__begin(&e, type, size, tid))         \
		return 0

#define FX_STORE_SCALAR(name, type)                                              \
	static __always_inline void fx__##name(struct fixed_event *e, type v) { \
		if(e->pos + sizeof(type) <= e->size)                             \
			*(type *)(e->d + e->pos) = v;                            \
		e->pos += sizeof(type);                                          \
		if(e->lens_pos < e->lens_end)                                    \
			*(__u16 *)(e->d + e->lens_pos) = sizeof(type);           \
		e->lens_pos += sizeof(__u16);                                    \
	}

FX_STORE_SCALAR(u8, __u8)
FX_STORE_SCALAR(u16, __u16)
FX_STORE_SCALAR(u32, __u32)
FX_STORE_SCALAR(u64, __u64)
FX_STORE_SCALAR(s32, __s32)
FX_STORE_SCALAR(s64, __s64)

/* Hands the event to the reader; one whose parameters do not fill exactly the
 * size and parameter count it was declared with is a bug in its program, and
 * is discarded rather than sent malformed. (The guards in fx__<type>() and this
 * test are constants after inlining: a correct program pays nothing for them.) */
static __always_inline void fx__submit(struct fixed_event *e) {
	if(e->pos != e->size || e->lens_pos != e->lens_end) {
		e->st->n_drops_bug++;
		bpf_ringbuf_discard(e->d, BPF_RB_NO_WAKEUP);
		return;
	}
	/* the reader's wakeups: see ev__submit() */
	__u64 flags = ((e->st->n_evts + 1) & g_config.wakeup_mask) == 0 ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
	e->st->n_evts++;
	bpf_ringbuf_submit(e->d, flags);
}
