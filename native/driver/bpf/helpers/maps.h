/* The probe's maps. Sizes marked "set by the engine" are adjusted with
 * bpf_map__set_max_entries() between open and load. */
#pragma once

#include "base.h"

/* Written by the engine (skeleton .bss), read by every program. */
__weak struct probe_config g_config;

/* One 128 KiB scratch area per CPU where an event is assembled before it is
 * copied to the ring (set by the engine: one entry per possible CPU). */
struct scratch {
	__u8 data[SINSPECT_SCRATCH_SIZE];
	__u64 pos;      /* first free payload byte */
	__u32 lens_pos; /* next slot of the u16 parameter-length array */
	__u32 nparams;
	/* Written by the sys_exit dispatcher just before it tail-calls a
	 * syscall's program: what it had to look up anyway (through helper
	 * calls, which cost more than the event's own stores), so that the
	 * program does not call them again. */
	__u32 sys_tid;  /* the calling thread */
	__u32 sys_ia32; /* 1: an ia32 call its program reads as one */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch_map __weak SEC(".maps");

/* One ring buffer per CPU; the inner maps are created and inserted by the engine. */
struct ringbuf_map {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
	__array(values, struct ringbuf_map);
} rings __weak SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct probe_stats);
} stats_map __weak SEC(".maps");

/* Syscall number -> program that builds its exit event (filled by the engine). */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, SINSPECT_SYSCALL_SLOTS);
	__type(key, __u32);
	__type(value, __u32);
} syscall_exit_progs __weak SEC(".maps");

/* Syscall number -> 1 when its events are wanted (filled by the engine). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SINSPECT_SYSCALL_SLOTS);
	__type(key, __u32);
	__type(value, __u8);
} interesting_syscalls __weak SEC(".maps");

/* tgid -> 1: the pid filter set (include or exclude, see g_config.filter_flags). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u8);
} pid_filter __weak SEC(".maps");

/* comm -> 1: the comm filter set. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, struct comm_key);
	__type(value, __u8);
} comm_filter __weak SEC(".maps");
