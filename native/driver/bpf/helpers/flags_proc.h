/* Kernel -> PPM_* values for process, memory and IPC syscalls: rlimit
 * resources, futex operations, ptrace requests, mlock flags, SysV semaphores,
 * quotactl, io_uring, poll events. x86_64 ABI values (#defines, absent from BTF). */
#pragma once

#include "flags.h"

/* RLIMIT_CPU..RLIMIT_RTTIME are 0..15 in both. */
static __always_inline __u8 rlimit_resource_to_ppm(__u32 resource) {
	return resource <= 15 ? (__u8)resource : PPM_RLIMIT_UNKNOWN;
}

/* The operation (low 7 bits: same numbers up to FUTEX_CMP_REQUEUE_PI) and the
 * FUTEX_PRIVATE_FLAG (128) / FUTEX_CLOCK_REALTIME (256) modifiers. */
static __always_inline __u16 futex_op_to_ppm(__u32 op) {
	__u32 cmd = op & 127;
	__u16 r = cmd <= PPM_FU_FUTEX_CMP_REQUEUE_PI ? (__u16)cmd : 0;
	return r | (op & (PPM_FU_FUTEX_PRIVATE_FLAG | PPM_FU_FUTEX_CLOCK_REALTIME));
}

static __always_inline __u16 ptrace_request_to_ppm(unsigned long req) {
	switch(req) {
	case 0: return PPM_PTRACE_TRACEME;
	case 1: return PPM_PTRACE_PEEKTEXT;
	case 2: return PPM_PTRACE_PEEKDATA;
	case 3: return PPM_PTRACE_PEEKUSR;
	case 4: return PPM_PTRACE_POKETEXT;
	case 5: return PPM_PTRACE_POKEDATA;
	case 6: return PPM_PTRACE_POKEUSR;
	case 7: return PPM_PTRACE_CONT;
	case 8: return PPM_PTRACE_KILL;
	case 9: return PPM_PTRACE_SINGLESTEP;
	case 12: return PPM_PTRACE_GETREGS;
	case 13: return PPM_PTRACE_SETREGS;
	case 14: return PPM_PTRACE_GETFPREGS;
	case 15: return PPM_PTRACE_SETFPREGS;
	case 16: return PPM_PTRACE_ATTACH;
	case 17: return PPM_PTRACE_DETACH;
	case 18: return PPM_PTRACE_GETFPXREGS;
	case 19: return PPM_PTRACE_SETFPXREGS;
	case 21: return PPM_PTRACE_OLDSETOPTIONS;
	case 24: return PPM_PTRACE_SYSCALL;
	case 25: return PPM_PTRACE_GET_THREAD_AREA;
	case 26: return PPM_PTRACE_SET_THREAD_AREA;
	case 30: return PPM_PTRACE_ARCH_PRCTL;
	case 31: return PPM_PTRACE_SYSEMU;
	case 32: return PPM_PTRACE_SYSEMU_SINGLESTEP;
	case 33: return PPM_PTRACE_SINGLEBLOCK;
	case 0x4200: return PPM_PTRACE_SETOPTIONS;
	case 0x4201: return PPM_PTRACE_GETEVENTMSG;
	case 0x4202: return PPM_PTRACE_GETSIGINFO;
	case 0x4203: return PPM_PTRACE_SETSIGINFO;
	case 0x4204: return PPM_PTRACE_GETREGSET;
	case 0x4205: return PPM_PTRACE_SETREGSET;
	case 0x4206: return PPM_PTRACE_SEIZE;
	case 0x4207: return PPM_PTRACE_INTERRUPT;
	case 0x4208: return PPM_PTRACE_LISTEN;
	case 0x4209: return PPM_PTRACE_PEEKSIGINFO;
	case 0x420a: return PPM_PTRACE_GETSIGMASK;
	case 0x420b: return PPM_PTRACE_SETSIGMASK;
	default: return PPM_PTRACE_UNKNOWN;
	}
}

/* MCL_CURRENT 1, MCL_FUTURE 2, MCL_ONFAULT 4 on x86: same values. */
static __always_inline __u32 mlockall_flags_to_ppm(__u32 flags) {
	return flags & (PPM_MLOCKALL_MCL_CURRENT | PPM_MLOCKALL_MCL_FUTURE | PPM_MLOCKALL_MCL_ONFAULT);
}

static __always_inline __u32 mlock2_flags_to_ppm(__u32 flags) {
	return flags & PPM_MLOCK_ONFAULT;
}

#define K_IPC_CREAT 01000
#define K_IPC_EXCL 02000
#define K_IPC_NOWAIT 04000
#define K_SEM_UNDO 0x1000
#define K_SETVAL 16

static __always_inline __u16 semop_flags_to_ppm(__s16 flags) {
	__u16 r = 0;
	if(flags & K_IPC_NOWAIT)
		r |= PPM_IPC_NOWAIT;
	if(flags & K_SEM_UNDO)
		r |= PPM_SEM_UNDO;
	return r;
}

static __always_inline __u32 semget_flags_to_ppm(__u32 flags) {
	__u32 r = 0;
	if(flags & K_IPC_CREAT)
		r |= PPM_IPC_CREAT;
	if(flags & K_IPC_EXCL)
		r |= PPM_IPC_EXCL;
	return r;
}

static __always_inline __u16 semctl_cmd_to_ppm(__u32 cmd) {
	switch(cmd) {
	case 0: return PPM_IPC_RMID;
	case 1: return PPM_IPC_SET;
	case 2: return PPM_IPC_STAT;
	case 3: return PPM_IPC_INFO;
	case 11: return PPM_GETPID;
	case 12: return PPM_GETVAL;
	case 13: return PPM_GETALL;
	case 14: return PPM_GETNCNT;
	case 15: return PPM_GETZCNT;
	case 16: return PPM_SETVAL;
	case 17: return PPM_SETALL;
	case 18: return PPM_SEM_STAT;
	case 19: return PPM_SEM_INFO;
	default: return 0;
	}
}

/* quotactl's cmd is QCMD(subcmd, type) = subcmd << 8 | type. */
static __always_inline __u16 quotactl_cmd_to_ppm(__u32 cmd) {
	switch(cmd >> 8) {
	case 0x800001: return PPM_Q_SYNC;
	case 0x800002: return PPM_Q_QUOTAON;
	case 0x800003: return PPM_Q_QUOTAOFF;
	case 0x800004: return PPM_Q_GETFMT;
	case 0x800005: return PPM_Q_GETINFO;
	case 0x800006: return PPM_Q_SETINFO;
	case 0x800007: return PPM_Q_GETQUOTA;
	case 0x800008: return PPM_Q_SETQUOTA;
	case 0x5801: return PPM_Q_XQUOTAON;
	case 0x5802: return PPM_Q_XQUOTAOFF;
	case 0x5803: return PPM_Q_XGETQUOTA;
	case 0x5804: return PPM_Q_XSETQLIM;
	case 0x5805: return PPM_Q_XGETQSTAT;
	case 0x5806: return PPM_Q_XQUOTARM;
	case 0x5807: return PPM_Q_XQUOTASYNC;
	default: return 0;
	}
}

/* USRQUOTA 0, GRPQUOTA 1 in the low byte of cmd. */
static __always_inline __u8 quotactl_type_to_ppm(__u32 cmd) {
	switch(cmd & 0xff) {
	case 0: return PPM_USRQUOTA;
	case 1: return PPM_GRPQUOTA;
	default: return 0;
	}
}

/* QFMT_VFS_OLD 1, QFMT_VFS_V0 2, QFMT_VFS_V1 4. */
static __always_inline __u8 quotactl_fmt_to_ppm(__u32 fmt) {
	switch(fmt) {
	case 1: return PPM_QFMT_VFS_OLD;
	case 2: return PPM_QFMT_VFS_V0;
	case 4: return PPM_QFMT_VFS_V1;
	default: return PPM_QFMT_NOT_USED;
	}
}

/* IORING_SETUP_* bits 0..6 -> the PPM table, which has IORING_SQ_NEED_WAKEUP
 * (a ring flag, never a setup flag) at 4 and shifts the rest up one. */
static __always_inline __u32 io_uring_setup_flags_to_ppm(__u32 flags) {
	static const struct flag_map t[] = {
	        {1u << 0, PPM_IORING_SETUP_IOPOLL},    {1u << 1, PPM_IORING_SETUP_SQPOLL},
	        {1u << 2, PPM_IORING_SETUP_SQ_AFF},    {1u << 3, PPM_IORING_SETUP_CQSIZE},
	        {1u << 4, PPM_IORING_SETUP_CLAMP},     {1u << 5, PPM_IORING_SETUP_ATTACH_WQ},
	        {1u << 6, PPM_IORING_SETUP_R_DISABLED},
	};
	return MAP_FLAGS(t, flags);
}

/* IORING_FEAT_* bits 0..10: same values. */
static __always_inline __u32 io_uring_feats_to_ppm(__u32 feats) {
	return feats & 0x7ff;
}

/* IORING_ENTER_GETEVENTS/SQ_WAKEUP/SQ_WAIT/EXT_ARG: same values. */
static __always_inline __u32 io_uring_enter_flags_to_ppm(__u32 flags) {
	return flags & 0xf;
}

/* poll(2) event bits: the PPM order puts RDHUP after OUT. */
static __always_inline __u16 poll_events_to_ppm(__u16 ev) {
	static const struct flag_map t[] = {
	        {0x0001, PPM_POLLIN},     {0x0002, PPM_POLLPRI},    {0x0004, PPM_POLLOUT},
	        {0x2000, PPM_POLLRDHUP},  {0x0008, PPM_POLLERR},    {0x0010, PPM_POLLHUP},
	        {0x0020, PPM_POLLNVAL},   {0x0040, PPM_POLLRDNORM}, {0x0080, PPM_POLLRDBAND},
	        {0x0100, PPM_POLLWRNORM}, {0x0200, PPM_POLLWRBAND},
	};
	return (__u16)MAP_FLAGS(t, ev);
}
