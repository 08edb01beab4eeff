/* What the sinspect kernel module and the userspace kmod engine agree on:
 * device names, the mmap layout of each per-CPU device, the ring record
 * format, the ioctls and the statistics. Included by the module (__KERNEL__)
 * and by native/scap/src/engine_kmod*.c.
 *
 * Device /dev/sinspect<cpu>, one per possible CPU:
 *   mmap offset 0, one page:   struct sinspect_ring_info (read/write)
 *   mmap offset PAGE_SIZE:     the ring data, ring_size bytes (read only).
 *                              Userspace maps it twice back to back so that a
 *                              record crossing the end reads contiguously.
 *
 * head and tail are byte counters that only grow; a record starts at
 * (tail & (ring_size - 1)). The module advances head after writing whole
 * records; userspace advances tail after consuming them.
 *
 * Each record is already in the batch record layout of docs/ARCHITECTURE.md
 * (u16 cpu, u16 0, u32 flags, u64 ts, u64 tid, u32 len, u16 type,
 * u32 nparams, u32 lens[nparams], data): its size is 8 + len. */
#ifndef SINSPECT_KMOD_ABI_H
#define SINSPECT_KMOD_ABI_H

#ifdef __KERNEL__
#include <linux/ioctl.h>
#include <linux/types.h>
#else
#include <linux/types.h>
#include <sys/ioctl.h>
#endif

#define SINSPECT_KMOD_NAME "sinspect"
#define SINSPECT_KMOD_API_VERSION 2

/* Record header: 8-byte prefix + 26-byte event header. */
#define SINSPECT_KMOD_RECORD_HEADER 34
/* No single event is larger than this (and snaplen is capped well below). */
#define SINSPECT_KMOD_MAX_EVENT (64 * 1024)
#define SINSPECT_KMOD_MAX_SNAPLEN (16 * 1024)
#define SINSPECT_KMOD_DEFAULT_SNAPLEN 80
#define SINSPECT_KMOD_SYSCALL_SLOTS 512

/* Per-CPU counters, in the info page of each device. */
struct sinspect_ring_info {
	__u64 head;                /* written by the module */
	__u64 tail;                /* written by userspace */
	__u32 ring_size;           /* bytes of ring data, a power of two */
	__u32 api_version;         /* SINSPECT_KMOD_API_VERSION */
	__u64 n_evts;              /* records written */
	__u64 n_drops_buffer;      /* ring full */
	__u64 n_drops_max_size;    /* event larger than SINSPECT_KMOD_MAX_EVENT */
	__u64 n_drops_nested;      /* an event began while another was being built on this CPU */
	__u64 n_drops_bug;         /* a filler wrote more parameters than the layout has */
	__u64 n_read_faults;       /* parameters left empty: memory unreadable */
	__u64 n_context_switches;  /* sched_switch hits (counted even when not captured) */
	__u64 n_tracepoint_hits;   /* every probe call while capturing */
	__u64 n_filtered;          /* left out on purpose by the early filter (not a loss) */
};

/* Sums over every CPU (SINSPECT_IOC_GET_STATS). */
struct sinspect_kmod_stats {
	__u64 n_evts;
	__u64 n_drops;             /* sum of the causes below */
	__u64 n_drops_buffer;
	__u64 n_drops_max_size;
	__u64 n_drops_nested;
	__u64 n_drops_bug;
	__u64 n_read_faults;
	__u64 n_context_switches;
	__u64 n_tracepoint_hits;
	__u64 n_filtered;
};

/* One bit per x86_64 syscall number: 1 = capture it. */
struct sinspect_syscall_mask {
	__u8 bits[SINSPECT_KMOD_SYSCALL_SLOTS / 8];
};

/* SINSPECT_IOC_SET_TRACEPOINTS: which non-syscall sources emit events.
 * Syscall enter/exit are governed by the syscall mask alone. */
#define SINSPECT_KMOD_TP_PROC_EXIT (1u << 0)
#define SINSPECT_KMOD_TP_SCHED_SWITCH (1u << 1)
#define SINSPECT_KMOD_TP_PAGE_FAULT (1u << 2)
#define SINSPECT_KMOD_TP_SIGNAL (1u << 3)
#define SINSPECT_KMOD_TP_DEFAULT (SINSPECT_KMOD_TP_PROC_EXIT | SINSPECT_KMOD_TP_SIGNAL)
#define SINSPECT_KMOD_TP_ALL 0xfu

/* SINSPECT_IOC_SET_FILTER: the early filter, the eBPF probe's (its
 * helpers/filter.h): the events of a task are dropped before any parameter is
 * read when its tgid or its comm is not wanted, and counted in n_filtered.
 * At most one pid mode and one comm mode; flags 0 removes the filter. The set
 * sizes are those of the probe's pid_filter and comm_filter maps. */
#define SINSPECT_KMOD_FILTER_PID_INCLUDE (1u << 0)  /* only tgids of the set */
#define SINSPECT_KMOD_FILTER_PID_EXCLUDE (1u << 1)  /* all but tgids of the set */
#define SINSPECT_KMOD_FILTER_COMM_INCLUDE (1u << 2) /* only comms of the set */
#define SINSPECT_KMOD_FILTER_COMM_EXCLUDE (1u << 3) /* all but comms of the set */
#define SINSPECT_KMOD_FILTER_ALL 0xfu
#define SINSPECT_KMOD_FILTER_MAX_PIDS 1024
#define SINSPECT_KMOD_FILTER_MAX_COMMS 256
/* A comm as the kernel keeps it (TASK_COMM_LEN): at most 15 bytes and a NUL,
 * compared whole (exact match). */
#define SINSPECT_KMOD_COMM_LEN 16

struct sinspect_kmod_filter {
	__u32 flags;     /* SINSPECT_KMOD_FILTER_* */
	__u32 npids;     /* read with a pid mode only */
	__u32 ncomms;    /* read with a comm mode only */
	__u32 reserved;  /* 0 */
	__u64 pids;      /* user address of __u32[npids]: tgids */
	__u64 comms;     /* user address of char[ncomms][SINSPECT_KMOD_COMM_LEN] */
};

#define SINSPECT_IOC_MAGIC 'S'
/* Start/stop the capture on every CPU. Settings are taken at start. */
#define SINSPECT_IOC_START _IO(SINSPECT_IOC_MAGIC, 1)
#define SINSPECT_IOC_STOP _IO(SINSPECT_IOC_MAGIC, 2)
/* Bytes of I/O buffers copied into events (1 .. SINSPECT_KMOD_MAX_SNAPLEN). */
#define SINSPECT_IOC_SET_SNAPLEN _IOW(SINSPECT_IOC_MAGIC, 3, __u32)
#define SINSPECT_IOC_SET_SYSCALLS _IOW(SINSPECT_IOC_MAGIC, 4, struct sinspect_syscall_mask)
#define SINSPECT_IOC_SET_TRACEPOINTS _IOW(SINSPECT_IOC_MAGIC, 5, __u32)
#define SINSPECT_IOC_GET_STATS _IOR(SINSPECT_IOC_MAGIC, 6, struct sinspect_kmod_stats)
#define SINSPECT_IOC_GET_API_VERSION _IOR(SINSPECT_IOC_MAGIC, 7, __u32)
/* Shortcut for --page-faults: argument 0 or 1. */
#define SINSPECT_IOC_SET_PAGE_FAULTS _IOW(SINSPECT_IOC_MAGIC, 8, __u32)
/* Drop the exit events of syscalls that returned an error (argument 0 or 1). */
#define SINSPECT_IOC_SET_DROP_FAILED _IOW(SINSPECT_IOC_MAGIC, 9, __u32)
/* Replace the early filter (any time: probes see the old filter or the new one). */
#define SINSPECT_IOC_SET_FILTER _IOW(SINSPECT_IOC_MAGIC, 10, struct sinspect_kmod_filter)

#endif
