/* Kernel -> PPM_* values for process, memory and io_uring syscalls that only
 * the probe converts (flags.h has the shared ones): futex operations, mlock
 * flags, io_uring. x86_64 ABI values (#defines, absent from BTF). */
#pragma once

#include "flags.h"

/* The operation (low 7 bits: same numbers up to FUTEX_CMP_REQUEUE_PI) and the
 * FUTEX_PRIVATE_FLAG (128) / FUTEX_CLOCK_REALTIME (256) modifiers. */
static __always_inline __u16 futex_op_to_ppm(__u32 op) {
	__u32 cmd = op & 127;
	__u16 r = cmd <= PPM_FU_FUTEX_CMP_REQUEUE_PI ? (__u16)cmd : 0;
	return r | (op & (PPM_FU_FUTEX_PRIVATE_FLAG | PPM_FU_FUTEX_CLOCK_REALTIME));
}

/* MCL_CURRENT 1, MCL_FUTURE 2, MCL_ONFAULT 4 on x86: same values. */
static __always_inline __u32 mlockall_flags_to_ppm(__u32 flags) {
	return flags & (PPM_MLOCKALL_MCL_CURRENT | PPM_MLOCKALL_MCL_FUTURE | PPM_MLOCKALL_MCL_ONFAULT);
}

static __always_inline __u32 mlock2_flags_to_ppm(__u32 flags) {
	return flags & PPM_MLOCK_ONFAULT;
}

/* IORING_SETUP_* bits 0..6 -> the PPM table, which has IORING_SQ_NEED_WAKEUP
 * (a ring flag, never a setup flag) at 4 and shifts the rest up one. */
static __always_inline __u32 io_uring_setup_flags_to_ppm(__u32 flags) {
	static const struct ppm_flag_map t[] = {
	        {1u << 0, PPM_IORING_SETUP_IOPOLL},    {1u << 1, PPM_IORING_SETUP_SQPOLL},
	        {1u << 2, PPM_IORING_SETUP_SQ_AFF},    {1u << 3, PPM_IORING_SETUP_CQSIZE},
	        {1u << 4, PPM_IORING_SETUP_CLAMP},     {1u << 5, PPM_IORING_SETUP_ATTACH_WQ},
	        {1u << 6, PPM_IORING_SETUP_R_DISABLED},
	};
	return PPM_MAP_FLAGS(t, flags);
}

/* IORING_FEAT_* bits 0..10: same values. */
static __always_inline __u32 io_uring_feats_to_ppm(__u32 feats) {
	return feats & 0x7ff;
}

/* IORING_ENTER_GETEVENTS/SQ_WAKEUP/SQ_WAIT/EXT_ARG: same values. */
static __always_inline __u32 io_uring_enter_flags_to_ppm(__u32 flags) {
	return flags & 0xf;
}
