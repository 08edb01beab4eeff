/* The child's side of clone/fork/vfork/clone3, emitted as soon as the child
 * exists (before it runs), with the child's tid in the header. We run in the
 * parent: its current syscall number tells which event the child gets. */
#include "../../helpers/proc_info.h"

int tp_proc_fork_2(unsigned long long *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__array(values, int(void *));
} fork_stages SEC(".maps") = {
        .values = {[0] = (void *)&tp_proc_fork_2},
};

static __always_inline __u16 child_event_type(long nr) {
	switch(nr) {
	case 57: return PPME_SYSCALL_FORK_20_X;
	case 58: return PPME_SYSCALL_VFORK_20_X;
	case 435: return PPME_SYSCALL_CLONE3_X;
	default: return PPME_SYSCALL_CLONE_20_X;
	}
}

/* What the child shares with its parent, as clone flags. */
static __always_inline __u32 shared_flags(struct task_struct *parent, struct task_struct *child) {
	__u32 f = 0;
	if(BPF_CORE_READ(child, tgid) == BPF_CORE_READ(parent, tgid))
		f |= PPM_CL_CLONE_THREAD;
	if(BPF_CORE_READ(child, mm) == BPF_CORE_READ(parent, mm))
		f |= PPM_CL_CLONE_VM;
	if(BPF_CORE_READ(child, files) == BPF_CORE_READ(parent, files))
		f |= PPM_CL_CLONE_FILES;
	if(BPF_CORE_READ(child, fs) == BPF_CORE_READ(parent, fs))
		f |= PPM_CL_CLONE_FS;
	if(BPF_CORE_READ(child, sighand) == BPF_CORE_READ(parent, sighand))
		f |= PPM_CL_CLONE_SIGHAND;
	return f;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(tp_proc_fork, struct task_struct *parent, struct task_struct *child) {
	if(!g_config.capturing)
		return 0;
	if(BPF_CORE_READ(parent, flags) & PF_KTHREAD)
		return 0;
	long nr = BPF_CORE_READ((struct pt_regs *)bpf_task_pt_regs(parent), orig_ax);
	__u32 key = (__u32)nr;
	if(key >= SINSPECT_SYSCALL_SLOTS)
		return 0;
	__u8 *wanted = bpf_map_lookup_elem(&interesting_syscalls, &key);
	if(!wanted || !*wanted)
		return 0;
	if(filter__drop_current()) {
		STATS_INC(n_filtered);
		return 0;
	}

	struct scratch *s = ev__begin_for_tid(child_event_type(nr), BPF_CORE_READ(child, pid));
	if(!s)
		return 0;
	ev__s64(s, 0);                     /* res: 0 in the child */
	ev__exe_args_from_mm(s, child);    /* exe, args */
	ev__proc_core(s, child);           /* tid .. comm */
	bpf_tail_call(ctx, &fork_stages, 0);
	STATS_INC(n_drops_tail_call);
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(tp_proc_fork_2, struct task_struct *parent, struct task_struct *child) {
	struct scratch *s = ev__resume();
	if(!s)
		return 0;
	__u32 flags = shared_flags(parent, child);
	if(task__vnr(child, PIDTYPE_PID) != task__tid(child))
		flags |= PPM_CL_CHILD_IN_PIDNS;
	ev__clone_tail(s, child, flags);   /* cgroups .. pidns_init_start_ts */
	ev__submit(s);
	return 0;
}
