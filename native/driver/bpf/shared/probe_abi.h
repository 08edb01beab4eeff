/* What the probe and the live engine agree on: map sizes, the config block the
 * engine writes, the per-CPU statistics the probe counts, the filter keys.
 * Included by BPF code (types from vmlinux.h) and by userspace C (linux/types.h). */
#pragma once

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* Syscall numbers index the tail-call table and the interesting-syscall map. */
#define SINSPECT_SYSCALL_SLOTS 512

/* ppm_evt_hdr: u64 ts, u64 tid, u32 len, u16 type, u32 nparams (packed). */
#define SINSPECT_EVT_HDR_SIZE 26

/* An event is at most 64 KiB (its parameter lengths are u16). The per-CPU
 * scratch area is twice that so that any write at an offset masked to 16 bits
 * with a length below 64 KiB stays inside it (that is what the verifier checks). */
#define SINSPECT_MAX_EVENT_SIZE (64 * 1024)
#define SINSPECT_SCRATCH_SIZE (128 * 1024)

#define SINSPECT_COMM_LEN 16

/* Values of the interesting_syscalls map: how the sys_exit dispatcher captures
 * a syscall. A generic event is small and the same for every syscall, so the
 * dispatcher builds it itself, saving a tail call on each of those syscalls. */
#define SINSPECT_SYSCALL_OFF 0     /* not captured */
#define SINSPECT_SYSCALL_PROGRAM 1 /* tail call to its sx_<name> program */
#define SINSPECT_SYSCALL_GENERIC 2 /* PPME_GENERIC_X, built by the dispatcher */

/* probe_config.filter_flags */
#define SINSPECT_FILTER_PID_INCLUDE (1u << 0)  /* only tgids present in pid_filter */
#define SINSPECT_FILTER_PID_EXCLUDE (1u << 1)  /* all but tgids present in pid_filter */
#define SINSPECT_FILTER_COMM_INCLUDE (1u << 2) /* only comms present in comm_filter */
#define SINSPECT_FILTER_COMM_EXCLUDE (1u << 3) /* all but comms present in comm_filter */

/* probe_config.tracepoints: which non-syscall sources emit events. */
#define SINSPECT_TP_PROC_EXIT (1u << 0)
#define SINSPECT_TP_PROC_FORK (1u << 1)
#define SINSPECT_TP_PROC_EXEC (1u << 2)
#define SINSPECT_TP_SCHED_SWITCH (1u << 3)
#define SINSPECT_TP_PAGE_FAULT (1u << 4)
#define SINSPECT_TP_SIGNAL (1u << 5)

struct probe_config {
	__u64 boot_time_ns;  /* wall clock at boot: added to bpf_ktime_get_boot_ns() */
	__u32 snaplen;       /* bytes of I/O buffers copied into events */
	__u32 filter_flags;  /* SINSPECT_FILTER_* */
	__u32 tracepoints;   /* SINSPECT_TP_* */
	__u32 wakeup_mask;   /* wake the reader every (wakeup_mask + 1) events of a CPU (a power of two) */
	__u32 capturing;     /* 0 while stopped: every program returns at once */
	__u32 drop_failed;   /* skip syscalls that returned an error */
};

/* One copy per CPU (BPF_MAP_TYPE_PERCPU_ARRAY, one key); the engine sums them. */
struct probe_stats {
	__u64 n_evts;            /* events written to a ring */
	__u64 n_drops_buffer;    /* ring full */
	__u64 n_drops_max_size;  /* event larger than SINSPECT_MAX_EVENT_SIZE */
	__u64 n_drops_scratch;   /* no scratch area or ring for this CPU */
	__u64 n_drops_tail_call; /* a tail call failed (program missing) */
	__u64 n_drops_bug;       /* a program stored a parameter count the schema disagrees with */
	__u64 n_filtered;        /* dropped early by the pid/comm filter (not a loss) */
	__u64 n_read_faults;     /* user/kernel memory we could not read (param left empty) */
};

struct comm_key {
	char comm[SINSPECT_COMM_LEN];
};
