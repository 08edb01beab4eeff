/* A successful execve/execveat: the new image is in place, so exe, args and
 * env come from the new mm. Emitted as PPME_SYSCALL_EXECVE_19_X (res 0) in
 * three tail-called stages (the verifier limits each program's size). */
#include "../../helpers/proc_info.h"

int tp_proc_exec_2(unsigned long long *ctx);
int tp_proc_exec_3(unsigned long long *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__array(values, int(void *));
} exec_stages SEC(".maps") = {
        .values = {[0] = (void *)&tp_proc_exec_2, [1] = (void *)&tp_proc_exec_3},
};

SEC("tp_btf/sched_process_exec")
int BPF_PROG(tp_proc_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm) {
	if(!g_config.capturing)
		return 0;
	if(filter__drop_current()) {
		STATS_INC(n_filtered);
		return 0;
	}
	/* Honour the syscall selection: execve events only when execve is wanted. */
	__u32 nr = 59;
	__u8 *wanted = bpf_map_lookup_elem(&interesting_syscalls, &nr);
	if(!wanted || !*wanted)
		return 0;

	struct task_struct *t = task__current();
	BEGIN_CURRENT_OR_RETURN(s, PPME_SYSCALL_EXECVE_19_X);
	ev__s64(s, 0);                 /* res */
	ev__exe_args_from_mm(s, t);    /* exe, args */
	ev__proc_core(s, t);           /* tid .. comm */
	bpf_tail_call(ctx, &exec_stages, 0);
	STATS_INC(n_drops_tail_call);
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(tp_proc_exec_2, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm) {
	struct scratch *s = ev__resume();
	if(!s)
		return 0;
	struct task_struct *t = task__current();
	ev__cgroups(s, t);                            /* cgroups */
	ev__env_from_mm(s, t);                        /* env */
	ev__exec_after_env(s, t);                     /* tty .. uid */
	bpf_tail_call(ctx, &exec_stages, 1);
	STATS_INC(n_drops_tail_call);
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(tp_proc_exec_3, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm) {
	struct scratch *s = ev__resume();
	if(!s)
		return 0;
	ev__exec_exepath_pgid_gid(s, task__current()); /* trusted_exepath, pgid, gid */
	ev__str(s, (unsigned long)BPF_CORE_READ(bprm, filename), MAX_PATH_LEN, KERNEL_MEM); /* filename */
	ev__submit(s);
	return 0;
}
