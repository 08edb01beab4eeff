/* Assembling one event in the per-CPU scratch area, in the ppm event format:
 *
 *   ppm_evt_hdr (26 bytes) | u16 len[nparams] | parameter data
 *
 * ev__begin() writes the header and reserves the length array; each store
 * appends one parameter's data and its length; ev__submit() fixes the total
 * length and copies the event into this CPU's ring. */
#pragma once

#include "stats.h"

/* ppm_evt_hdr, packed: u64 ts @0, u64 tid @8, u32 len @16, u16 type @20,
 * u32 nparams @22. The scratch area starts 8-aligned, so each field but
 * nparams is naturally aligned: stores through typed pointers compile to one
 * instruction per field (a packed struct made clang store byte by byte). */
#define HDR_TS 0
#define HDR_TID 8
#define HDR_LEN 16
#define HDR_TYPE 20
#define HDR_NPARAMS 22

static __always_inline void ev__put_header(__u8 *d, __u64 ts, __u64 tid, __u16 type, __u32 nparams) {
	*(__u64 *)(d + HDR_TS) = ts;
	*(__u64 *)(d + HDR_TID) = tid;
	*(__u32 *)(d + HDR_LEN) = 0;
	*(__u16 *)(d + HDR_TYPE) = type;
	/* nparams is below 2^16: two aligned halves */
	*(__u16 *)(d + HDR_NPARAMS) = (__u16)nparams;
	*(__u16 *)(d + HDR_NPARAMS + 2) = 0;
}

static __always_inline struct scratch *ev__scratch(void) {
	__u32 cpu = bpf_get_smp_processor_id();
	return bpf_map_lookup_elem(&scratch_map, &cpu);
}

static __always_inline struct scratch *ev__begin_for_tid(__u16 type, __u64 tid) {
	struct scratch *s = ev__scratch();
	if(!s) {
		STATS_INC(n_drops_scratch);
		return NULL;
	}
	/* constant-folded: every program passes a constant type */
	__u32 nparams = type < PPM_EVENT_MAX ? ppm_event_nparams[type] : 0;
	ev__put_header(s->data, g_config.boot_time_ns + bpf_ktime_get_boot_ns(), tid, type, nparams);
	s->nparams = nparams;
	s->lens_pos = SINSPECT_EVT_HDR_SIZE;
	s->pos = SINSPECT_EVT_HDR_SIZE + nparams * sizeof(__u16);
	return s;
}

static __always_inline struct scratch *ev__begin(__u16 type) {
	return ev__begin_for_tid(type, (__u32)bpf_get_current_pid_tgid());
}

/* Resume the event started by a previous stage of a tail-call chain. */
static __always_inline struct scratch *ev__resume(void) {
	return ev__scratch();
}

/* The address of byte `off` of the event. Typed stores go through this
 * pointer, not through `&s->data[off]`: from the latter clang infers the
 * alignment of a byte array and splits every u16/u32/u64 store into single
 * bytes (15 instructions for a u64); x86 handles unaligned stores itself. */
static __always_inline __u8 *ev__at(struct scratch *s, __u64 off) {
	return s->data + SAFE_OFF(off);
}

static __always_inline void ev__len(struct scratch *s, __u16 len) {
	*(__u16 *)ev__at(s, s->lens_pos) = len;
	s->lens_pos += sizeof(__u16);
}

static __always_inline void ev__empty(struct scratch *s) {
	ev__len(s, 0);
}

#define EV_STORE_SCALAR(name, type)                                          \
	static __always_inline void ev__##name(struct scratch *s, type v) { \
		*(type *)ev__at(s, s->pos) = v;                              \
		s->pos += sizeof(type);                                      \
		ev__len(s, sizeof(type));                                    \
	}

EV_STORE_SCALAR(u8, __u8)
EV_STORE_SCALAR(u16, __u16)
EV_STORE_SCALAR(u32, __u32)
EV_STORE_SCALAR(u64, __u64)
EV_STORE_SCALAR(s16, __s16)
EV_STORE_SCALAR(s32, __s32)
EV_STORE_SCALAR(s64, __s64)

/* Raw appends that do not close a parameter (for composite types: sockaddr,
 * tuples, fd lists); the caller closes the parameter with ev__len(). */
#define EV_PUSH_SCALAR(name, type)                                                \
	static __always_inline void ev__push_##name(struct scratch *s, type v) { \
		*(type *)ev__at(s, s->pos) = v;                                   \
		s->pos += sizeof(type);                                           \
	}

EV_PUSH_SCALAR(u8, __u8)
EV_PUSH_SCALAR(u16, __u16)
EV_PUSH_SCALAR(u32, __u32)
EV_PUSH_SCALAR(u64, __u64)
EV_PUSH_SCALAR(s16, __s16)
EV_PUSH_SCALAR(s64, __s64)

/* 16 bytes (an IPv6 address) from a 4-aligned source: four word copies, where
 * memcpy into the unaligned event would go byte by byte. */
static __always_inline void ev__push_bytes16(struct scratch *s, const void *src) {
	const __u32 *w = src;
	__u32 *d = (__u32 *)ev__at(s, s->pos);
	d[0] = w[0];
	d[1] = w[1];
	d[2] = w[2];
	d[3] = w[3];
	s->pos += 16;
}

/* Finish the event and copy it into this CPU's ring. Returns 0 when written. */
static __always_inline int ev__submit(struct scratch *s) {
	struct probe_stats *st = stats__get();
	__u64 size = s->pos;
	if(s->lens_pos != SINSPECT_EVT_HDR_SIZE + s->nparams * sizeof(__u16)) {
		/* A program stored a different number of params than the schema
		 * says: never send a malformed event. */
		if(st)
			st->n_drops_bug++;
		return -1;
	}
	if(size > SINSPECT_MAX_EVENT_SIZE) {
		if(st)
			st->n_drops_max_size++;
		return -1;
	}
	*(__u32 *)(s->data + HDR_LEN) = (__u32)size;

	__u32 cpu = bpf_get_smp_processor_id();
	void *ring = bpf_map_lookup_elem(&rings, &cpu);
	if(!ring) {
		if(st)
			st->n_drops_scratch++;
		return -1;
	}
	/* Waking the reader for every event costs more than the event itself,
	 * and so would asking the ring how full it is: wake it once every
	 * `wakeup_mask + 1` events of this CPU (the engine also looks every few
	 * milliseconds on its own). */
	__u64 flags = st && ((st->n_evts + 1) & g_config.wakeup_mask) == 0 ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
	if(bpf_ringbuf_output(ring, s->data, size, flags) != 0) {
		if(st)
			st->n_drops_buffer++;
		return -1;
	}
	if(st)
		st->n_evts++;
	return 0;
}
