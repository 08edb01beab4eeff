/* The process description shared by clone/fork/vfork/clone3 and execve
 * events: exe and args, ids, limits, memory, comm, cgroups, credentials. */
#pragma once

#include "syscall_exit.h"

/* exe (argv[0]) and args (the other argv strings) from the task's mm, where
 * the kernel keeps the argv strings back to back. */
static __always_inline void ev__exe_args_from_mm(struct scratch *s, struct task_struct *t) {
	unsigned long start = BPF_CORE_READ(t, mm, arg_start);
	unsigned long end = BPF_CORE_READ(t, mm, arg_end);
	__u16 exe_len = 0;
	if(start && end > start)
		exe_len = ev__push_str(s, start, MAX_PATH_LEN, USER_MEM);
	ev__len(s, exe_len);
	unsigned long rest = end > start + exe_len ? end - start - exe_len : 0;
	ev__len(s, ev__push_user_area(s, start + exe_len, rest, MAX_ARGS_LEN));
}

/* env from the task's mm (after a successful exec). */
static __always_inline void ev__env_from_mm(struct scratch *s, struct task_struct *t) {
	unsigned long start = BPF_CORE_READ(t, mm, env_start);
	unsigned long end = BPF_CORE_READ(t, mm, env_end);
	ev__len(s, ev__push_user_area(s, start, end > start ? end - start : 0, MAX_ENV_LEN));
}

/* tid, pid, ptid, cwd, fdlimit, pgft_maj, pgft_min, vm_size, vm_rss, vm_swap, comm */
static __always_inline void ev__proc_core(struct scratch *s, struct task_struct *t) {
	ev__s64(s, task__tid(t));
	ev__s64(s, task__tgid(t));
	ev__s64(s, task__ptid(t));
	ev__task_cwd(s, t);
	ev__u64(s, task__fdlimit(t));
	ev__u64(s, task__pgft_maj(t));
	ev__u64(s, task__pgft_min(t));
	__u32 size, rss, swap;
	task__vm(t, &size, &rss, &swap);
	ev__u32(s, size);
	ev__u32(s, rss);
	ev__u32(s, swap);
	ev__task_comm(s, t);
}

/* start_time of the init task of the task's pid namespace. */
static __always_inline __u64 task__pidns_init_start(struct task_struct *t) {
	struct pid *p = task__pid_struct(t, PIDTYPE_TGID);
	if(!p)
		return 0;
	unsigned int level = BPF_CORE_READ(p, level);
	struct upid up;
	if(bpf_core_read(&up, sizeof(up), &p->numbers[level]))
		return 0;
	struct task_struct *reaper = BPF_CORE_READ(up.ns, child_reaper);
	return reaper ? BPF_CORE_READ(reaper, start_time) : 0;
}

/* The clone family's event after the process core: cgroups, flags, uid, gid,
 * vtid, vpid, pidns_init_start_ts. */
static __always_inline void ev__clone_tail(struct scratch *s, struct task_struct *t, __u32 ppm_flags) {
	ev__cgroups(s, t);
	ev__u32(s, ppm_flags);
	ev__u32(s, task__euid(t));
	ev__u32(s, task__egid(t));
	ev__s64(s, task__vnr(t, PIDTYPE_PID));
	ev__s64(s, task__vnr(t, PIDTYPE_TGID));
	ev__u64(s, task__pidns_init_start(t));
}

/* ---- executable file facts (execve) ---- */

struct inode___pre611 {
	struct timespec64 i_ctime;
	struct timespec64 i_mtime;
} __attribute__((preserve_access_index));

static __always_inline __u64 inode__ctime_ns(struct inode *i) {
	if(bpf_core_field_exists(i->i_ctime_sec))
		return BPF_CORE_READ(i, i_ctime_sec) * 1000000000ull + BPF_CORE_READ(i, i_ctime_nsec);
	struct inode___pre611 *old = (void *)i;
	return BPF_CORE_READ(old, i_ctime.tv_sec) * 1000000000ull + BPF_CORE_READ(old, i_ctime.tv_nsec);
}

static __always_inline __u64 inode__mtime_ns(struct inode *i) {
	if(bpf_core_field_exists(i->i_mtime_sec))
		return BPF_CORE_READ(i, i_mtime_sec) * 1000000000ull + BPF_CORE_READ(i, i_mtime_nsec);
	struct inode___pre611 *old = (void *)i;
	return BPF_CORE_READ(old, i_mtime.tv_sec) * 1000000000ull + BPF_CORE_READ(old, i_mtime.tv_nsec);
}

/* PPM_EXE_WRITABLE when the task could write its own executable: the usual
 * owner/group/other mode bits against its effective ids (root: always). */
static __always_inline __u32 exe__flags(struct task_struct *t, struct inode *ino) {
	if(!ino)
		return 0;
	__u32 euid = task__euid(t), egid = task__egid(t);
	umode_t mode = BPF_CORE_READ(ino, i_mode);
	__u32 iuid = BPF_CORE_READ(ino, i_uid.val), igid = BPF_CORE_READ(ino, i_gid.val);
	int w = euid == 0 || (iuid == euid && (mode & 0200)) || (igid == egid && (mode & 020)) || (mode & 02);
	return w ? PPM_EXE_WRITABLE : 0;
}

/* ---- the execve exit event, whichever program sends it: a failed execve or
 * execveat (sys_exit: the old image, argv/envp from the syscall arguments) or
 * a successful one (sched_process_exec: the new image). Between them only the
 * sources of exe, args, env and filename differ. ---- */

/* tty, vpgid, loginuid, flags, cap_inheritable, cap_permitted, cap_effective,
 * exe_ino, exe_ino_ctime, exe_ino_mtime, uid: the parameters after env. */
static __always_inline void ev__exec_after_env(struct scratch *s, struct task_struct *t) {
	ev__u32(s, task__tty(t));
	ev__s64(s, task__vnr(t, PIDTYPE_PGID));
	ev__u32(s, task__loginuid(t));
	struct file *exe = BPF_CORE_READ(t, mm, exe_file);
	struct inode *ino = exe ? BPF_CORE_READ(exe, f_inode) : NULL;
	ev__u32(s, exe__flags(t, ino));
	ev__u64(s, task__cap(t, 0));
	ev__u64(s, task__cap(t, 1));
	ev__u64(s, task__cap(t, 2));
	ev__u64(s, ino ? BPF_CORE_READ(ino, i_ino) : 0);
	ev__u64(s, ino ? inode__ctime_ns(ino) : 0);
	ev__u64(s, ino ? inode__mtime_ns(ino) : 0);
	ev__u32(s, task__euid(t));
}

/* trusted_exepath, pgid, gid: the parameters before filename. */
static __always_inline void ev__exec_exepath_pgid_gid(struct scratch *s, struct task_struct *t) {
	struct file *exe = BPF_CORE_READ(t, mm, exe_file);
	if(exe)
		ev__path(s, BPF_CORE_READ(exe, f_path.mnt), BPF_CORE_READ(exe, f_path.dentry));
	else
		ev__empty(s);
	ev__s64(s, task__nr(t, PIDTYPE_PGID));
	ev__u32(s, task__egid(t));
}
