/* getsockopt/setsockopt: the level and option names as PPM_SOCKOPT_* values,
 * and the option value as the PT_DYN parameter sinsp decodes: one byte saying
 * how the value is encoded (PPM_SOCKOPT_IDX_*), then the value. */
#pragma once

#include "memory.h"

#define K_SOL_SOCKET 1
#define K_SOL_TCP 6
#define K_SO_ERROR 4
#define K_SO_LINGER 13
#define K_SO_PEERCRED 17
#define K_SO_RCVTIMEO_OLD 20
#define K_SO_SNDTIMEO_OLD 21
#define K_SO_ATTACH_FILTER 26
#define K_SO_PEERNAME 28
#define K_SO_ATTACH_BPF 50
#define K_SO_MEMINFO 55
#define K_SO_COOKIE 57
#define K_SO_PEERGROUPS 59
#define K_SO_RCVTIMEO_NEW 66
#define K_SO_SNDTIMEO_NEW 67

/* Options longer than this are cut (the parameter is a raw buffer then). */
#define SOCKOPT_MAX_RAW 256

static __always_inline __u8 sockopt_level_to_ppm(int level) {
	switch(level) {
	case K_SOL_SOCKET: return PPM_SOCKOPT_LEVEL_SOL_SOCKET;
	case K_SOL_TCP: return PPM_SOCKOPT_LEVEL_SOL_TCP;
	default: return PPM_SOCKOPT_LEVEL_UNKNOWN;
	}
}

/* SOL_SOCKET options 1..50 have the same numbers in both tables; the newer
 * ones and the 64-bit-time variants of the timeouts are renumbered. */
static __always_inline __u8 sockopt_optname_to_ppm(int level, int optname) {
	if(level != K_SOL_SOCKET)
		return PPM_SOCKOPT_UNKNOWN;
	if(optname >= 1 && optname <= 50)
		return (__u8)optname;
	switch(optname) {
	case K_SO_PEERGROUPS: return PPM_SOCKOPT_SO_PEERGROUPS;
	case K_SO_MEMINFO: return PPM_SOCKOPT_SO_MEMINFO;
	case K_SO_COOKIE: return PPM_SOCKOPT_SO_COOKIE;
	case K_SO_RCVTIMEO_NEW: return PPM_SOCKOPT_SO_RCVTIMEO;
	case K_SO_SNDTIMEO_NEW: return PPM_SOCKOPT_SO_SNDTIMEO;
	default: return PPM_SOCKOPT_UNKNOWN;
	}
}

struct timeval_user {
	__s64 sec;
	__s64 usec;
};

/* Options sinsp shows as a number: the int-valued SOL_SOCKET options. */
static __always_inline int sockopt_is_u32(int optname) {
	switch(optname) {
	case K_SO_ERROR:
	case K_SO_LINGER:
	case K_SO_PEERCRED:
	case K_SO_RCVTIMEO_OLD:
	case K_SO_SNDTIMEO_OLD:
	case K_SO_ATTACH_FILTER:
	case K_SO_PEERNAME:
	case K_SO_ATTACH_BPF:
		return 0;
	default:
		return optname >= 1 && optname <= 49;
	}
}

/* PT_DYN option value: errno for SO_ERROR, ns for the timeouts, u64 for
 * SO_COOKIE, u32 for int options, raw bytes (up to len) for everything else. */
static __always_inline void ev__sockopt_value(struct scratch *s, int level, int optname,
                                              unsigned long optval, long len) {
	if(level == K_SOL_SOCKET) {
		if(optname == K_SO_ERROR) {
			__s32 v = 0;
			bpf_probe_read_user(&v, sizeof(v), (void *)optval);
			ev__push_u8(s, PPM_SOCKOPT_IDX_ERRNO);
			ev__push_s64(s, -(__s64)v);
			ev__len(s, 1 + 8);
			return;
		}
		if(optname == K_SO_RCVTIMEO_OLD || optname == K_SO_SNDTIMEO_OLD ||
		   optname == K_SO_RCVTIMEO_NEW || optname == K_SO_SNDTIMEO_NEW) {
			struct timeval_user tv = {};
			bpf_probe_read_user(&tv, sizeof(tv), (void *)optval);
			ev__push_u8(s, PPM_SOCKOPT_IDX_TIMEVAL);
			ev__push_u64(s, (__u64)tv.sec * 1000000000ull + (__u64)tv.usec * 1000ull);
			ev__len(s, 1 + 8);
			return;
		}
		if(optname == K_SO_COOKIE) {
			__u64 v = 0;
			bpf_probe_read_user(&v, sizeof(v), (void *)optval);
			ev__push_u8(s, PPM_SOCKOPT_IDX_UINT64);
			ev__push_u64(s, v);
			ev__len(s, 1 + 8);
			return;
		}
		if(sockopt_is_u32(optname)) {
			__u32 v = 0;
			bpf_probe_read_user(&v, sizeof(v), (void *)optval);
			ev__push_u8(s, PPM_SOCKOPT_IDX_UINT32);
			ev__push_u32(s, v);
			ev__len(s, 1 + 4);
			return;
		}
	}
	ev__push_u8(s, PPM_SOCKOPT_IDX_UNKNOWN);
	__u32 n = 0;
	if(optval && len > 0) {
		n = len < SOCKOPT_MAX_RAW ? (__u32)len : SOCKOPT_MAX_RAW;
		/* Hide the bound from the compiler so that the mask stays: older
		 * verifiers (6.1) lose it across the register copies clang makes. */
		asm volatile("" : "+r"(n));
		n &= (SOCKOPT_MAX_RAW * 2 - 1);
		if(bpf_probe_read_user(&s->data[SAFE_OFF(s->pos)], n, (void *)optval)) {
			STATS_INC(n_read_faults);
			n = 0;
		}
		s->pos += n;
	}
	ev__len(s, 1 + n);
}
