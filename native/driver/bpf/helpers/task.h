/* Facts about a task read with CO-RE: ids, credentials, limits, memory sizes,
 * terminal, cgroups, working directory. */
#pragma once

#include "memory.h"

/* The kernel's new_encode_dev(): the dev_t userspace sees. */
static __always_inline __u32 encode_dev(__u32 major, __u32 minor) {
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

/* Same, from an internal kernel dev_t (major << 20 | minor). */
static __always_inline __u32 encode_kdev(__u32 kdev) {
	return encode_dev(kdev >> 20, kdev & ((1u << 20) - 1));
}

static __always_inline struct task_struct *task__current(void) {
	return (struct task_struct *)bpf_get_current_task_btf();
}

static __always_inline __s64 task__tid(struct task_struct *t) {
	return BPF_CORE_READ(t, pid);
}

static __always_inline __s64 task__tgid(struct task_struct *t) {
	return BPF_CORE_READ(t, tgid);
}

/* sysdig's ptid: the pid (kernel tid) of the real parent. */
static __always_inline __s64 task__ptid(struct task_struct *t) {
	return BPF_CORE_READ(t, real_parent, pid);
}

static __always_inline struct pid *task__pid_struct(struct task_struct *t, enum pid_type type) {
	if(type == PIDTYPE_PID)
		return BPF_CORE_READ(t, thread_pid);
	return BPF_CORE_READ(t, signal, pids[type]);
}

/* The id of `type` as seen from the task's own pid namespace. */
static __always_inline __s64 task__vnr(struct task_struct *t, enum pid_type type) {
	struct pid *p = task__pid_struct(t, type);
	if(!p)
		return 0;
	unsigned int level = BPF_CORE_READ(p, level);
	struct upid up;
	if(bpf_core_read(&up, sizeof(up), &p->numbers[level]))
		return 0;
	return up.nr;
}

/* The id of `type` in the initial pid namespace. */
static __always_inline __s64 task__nr(struct task_struct *t, enum pid_type type) {
	struct pid *p = task__pid_struct(t, type);
	if(!p)
		return 0;
	return BPF_CORE_READ(p, numbers[0].nr);
}

static __always_inline __u32 task__uid(struct task_struct *t) {
	return BPF_CORE_READ(t, cred, uid.val);
}

static __always_inline __u32 task__gid(struct task_struct *t) {
	return BPF_CORE_READ(t, cred, gid.val);
}

static __always_inline __u32 task__euid(struct task_struct *t) {
	return BPF_CORE_READ(t, cred, euid.val);
}

static __always_inline __u32 task__egid(struct task_struct *t) {
	return BPF_CORE_READ(t, cred, egid.val);
}

static __always_inline __u32 task__loginuid(struct task_struct *t) {
	if(bpf_core_field_exists(t->loginuid))
		return BPF_CORE_READ(t, loginuid.val);
	return (__u32)-1;
}

static __always_inline __u64 task__cap(struct task_struct *t, int which) {
	kernel_cap_t cap;
	const struct cred *c = BPF_CORE_READ(t, cred);
	if(which == 0)
		BPF_CORE_READ_INTO(&cap, c, cap_inheritable);
	else if(which == 1)
		BPF_CORE_READ_INTO(&cap, c, cap_permitted);
	else
		BPF_CORE_READ_INTO(&cap, c, cap_effective);
	__u64 v = 0;
	__builtin_memcpy(&v, &cap, sizeof(v));
	return v;
}

/* RLIMIT_NOFILE soft limit. */
static __always_inline __u64 task__fdlimit(struct task_struct *t) {
	return BPF_CORE_READ(t, signal, rlim[7].rlim_cur);
}

static __always_inline __u64 task__pgft_maj(struct task_struct *t) {
	return BPF_CORE_READ(t, maj_flt);
}

static __always_inline __u64 task__pgft_min(struct task_struct *t) {
	return BPF_CORE_READ(t, min_flt);
}

/* mm counters are percpu_counters since 6.2, atomics in a struct before. */
struct mm_rss_stat___old {
	atomic_long_t count[4];
} __attribute__((preserve_access_index));

struct mm_struct___old {
	struct mm_rss_stat___old rss_stat;
} __attribute__((preserve_access_index));

static __always_inline long mm__counter(struct mm_struct *mm, int member) {
	long v = 0;
	if(bpf_core_type_exists(struct mm_rss_stat___old)) {
		struct mm_struct___old *old = (void *)mm;
		v = BPF_CORE_READ(old, rss_stat.count[member].counter);
	} else {
		v = BPF_CORE_READ(mm, rss_stat[member].count);
	}
	return v < 0 ? 0 : v;
}

#define PAGE_KB 4 /* x86_64 */

/* vm_size, vm_rss, vm_swap in KiB, as /proc/PID/status shows them. */
static __always_inline void task__vm(struct task_struct *t, __u32 *size, __u32 *rss, __u32 *swap) {
	struct mm_struct *mm = BPF_CORE_READ(t, mm);
	*size = *rss = *swap = 0;
	if(!mm)
		return;
	*size = BPF_CORE_READ(mm, total_vm) * PAGE_KB;
	/* MM_FILEPAGES 0, MM_ANONPAGES 1, MM_SWAPENTS 2, MM_SHMEMPAGES 3 */
	*rss = (mm__counter(mm, 0) + mm__counter(mm, 1) + mm__counter(mm, 3)) * PAGE_KB;
	*swap = mm__counter(mm, 2) * PAGE_KB;
}

/* Controlling terminal as a device number (0 without one). */
static __always_inline __u32 task__tty(struct task_struct *t) {
	struct tty_struct *tty = BPF_CORE_READ(t, signal, tty);
	if(!tty)
		return 0;
	int major = BPF_CORE_READ(tty, driver, major);
	int minor_start = BPF_CORE_READ(tty, driver, minor_start);
	int index = BPF_CORE_READ(tty, index);
	return encode_dev((__u32)major, (__u32)(minor_start + index));
}

static __always_inline void ev__task_comm(struct scratch *s, struct task_struct *t) {
	ev__str(s, (unsigned long)&t->comm, TASK_COMM_LEN, KERNEL_MEM);
}
