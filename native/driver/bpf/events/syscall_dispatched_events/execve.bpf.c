/* execve and execveat that FAILED (a successful exec is reported by the
 * sched_process_exec tracepoint, which sees the new image). The old image is
 * still there, so exe, args and env come from the caller's argv/envp. */
#include "../../helpers/proc_info.h"

int sx_execve_2(unsigned long long *ctx);
int sx_execve_3(unsigned long long *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__array(values, int(void *));
} execve_stages SEC(".maps") = {
        .values = {[0] = (void *)&sx_execve_2, [1] = (void *)&sx_execve_3},
};

/* ia32 execve/execveat are generic events (32-bit argv pointers): the stages
 * below read x86_64 registers only. */

/* argv index of execve (1) and execveat (2) */
static __always_inline int argv_arg(struct pt_regs *regs) {
	return syscall_nr(regs) == 322 ? 2 : 1;
}

static __always_inline int execve_stage1(void *ctx, struct pt_regs *regs, long ret, __u32 tid, __u16 type) {
	if(ret == 0)
		return 0;
	BEGIN_OR_RETURN(s, type);
	struct task_struct *t = task__current();
	unsigned long argv = syscall_arg(regs, argv_arg(regs));
	unsigned long argv0 = 0;
	if(argv)
		bpf_probe_read_user(&argv0, sizeof(argv0), (void *)argv);
	ev__s64(s, ret);                                    /* res */
	ev__str(s, argv0, MAX_PATH_LEN, USER_MEM);          /* exe */
	ev__user_str_array(s, argv ? argv + 8 : 0, MAX_ARGS_LEN); /* args */
	ev__proc_core(s, t);                                /* tid .. comm */
	bpf_tail_call(ctx, &execve_stages, 0);
	STATS_INC(n_drops_tail_call);
	return 0;
}

SYSCALL_EXIT_PROG(execve) {
	return execve_stage1(ctx, regs, ret, tid, PPME_SYSCALL_EXECVE_19_X);
}

SYSCALL_EXIT_PROG(execveat) {
	return execve_stage1(ctx, regs, ret, tid, PPME_SYSCALL_EXECVEAT_X);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sx_execve_2, struct pt_regs *regs, long ret) {
	struct scratch *s = ev__resume();
	if(!s)
		return 0;
	struct task_struct *t = task__current();
	ev__cgroups(s, t);                                  /* cgroups */
	ev__user_str_array(s, syscall_arg(regs, argv_arg(regs) + 1), MAX_ENV_LEN); /* env */
	ev__exec_after_env(s, t);                           /* tty .. uid */
	bpf_tail_call(ctx, &execve_stages, 1);
	STATS_INC(n_drops_tail_call);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sx_execve_3, struct pt_regs *regs, long ret) {
	struct scratch *s = ev__resume();
	if(!s)
		return 0;
	ev__exec_exepath_pgid_gid(s, task__current());     /* trusted_exepath, pgid, gid */
	if(syscall_nr(regs) != 322)
		ev__str(s, syscall_arg(regs, 0), MAX_PATH_LEN, USER_MEM);     /* filename (execve only) */
	ev__submit(s);
	return 0;
}
