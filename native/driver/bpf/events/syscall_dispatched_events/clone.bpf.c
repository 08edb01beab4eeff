/* clone, clone3, fork, vfork as seen by the PARENT (res = child tid or an
 * error). The child's own event (res 0) comes from sched_process_fork, unless
 * that tracepoint is off: then from the child's first sys_exit here. */
#include "../../helpers/proc_info.h"

int sx_clone_2(unsigned long long *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__array(values, int(void *));
} clone_stages SEC(".maps") = {
        .values = {[0] = (void *)&sx_clone_2},
};

static __always_inline int clone_stage1(void *ctx, struct pt_regs *regs, long ret, __u32 tid, __u16 type) {
	if(ret == 0 && (g_config.tracepoints & SINSPECT_TP_PROC_FORK))
		return 0;
	BEGIN_OR_RETURN(s, type);
	struct task_struct *t = task__current();
	ev__s64(s, ret);               /* res */
	ev__exe_args_from_mm(s, t);    /* exe, args */
	ev__proc_core(s, t);           /* tid .. comm */
	bpf_tail_call(ctx, &clone_stages, 0);
	STATS_INC(n_drops_tail_call);
	return 0;
}

SYSCALL_EXIT_PROG(clone) {
	return clone_stage1(ctx, regs, ret, tid, PPME_SYSCALL_CLONE_20_X);
}

SYSCALL_EXIT_PROG(clone3) {
	return clone_stage1(ctx, regs, ret, tid, PPME_SYSCALL_CLONE3_X);
}

SYSCALL_EXIT_PROG(fork) {
	return clone_stage1(ctx, regs, ret, tid, PPME_SYSCALL_FORK_20_X);
}

SYSCALL_EXIT_PROG(vfork) {
	return clone_stage1(ctx, regs, ret, tid, PPME_SYSCALL_VFORK_20_X);
}

/* The clone flags the caller asked for (ia32 clones are generic events: x86_64
 * registers only). */
static __always_inline __u64 requested_clone_flags(struct pt_regs *regs) {
	long nr = syscall_nr(regs);
	if(nr == 56) /* clone */
		return syscall_arg(regs, 0);
	if(nr == 435) { /* clone3: struct clone_args starts with u64 flags */
		__u64 flags = 0;
		bpf_probe_read_user(&flags, sizeof(flags), (void *)syscall_arg(regs, 0));
		return flags;
	}
	if(nr == 58) /* vfork */
		return 0x4000 | 0x100; /* CLONE_VFORK | CLONE_VM */
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sx_clone_2, struct pt_regs *regs, long ret) {
	struct scratch *s = ev__resume();
	if(!s)
		return 0;
	struct task_struct *t = task__current();
	__u32 flags = clone_flags_to_ppm(requested_clone_flags(regs));
	if(task__vnr(t, PIDTYPE_PID) != task__tid(t))
		flags |= PPM_CL_CHILD_IN_PIDNS;
	ev__clone_tail(s, t, flags);   /* cgroups .. pidns_init_start_ts */
	ev__submit(s);
	return 0;
}
