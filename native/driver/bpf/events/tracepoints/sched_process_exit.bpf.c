/* procexit: a thread ends. status as wait() reports it, plus the decoded exit
 * code, terminating signal, core flag and the reaper that adopts children. */
#include "../../helpers/syscall_exit.h"

SEC("tp_btf/sched_process_exit")
int BPF_PROG(tp_proc_exit, struct task_struct *p, bool group_dead) {
	if(!g_config.capturing)
		return 0;
	struct task_struct *t = task__current();
	if(BPF_CORE_READ(t, flags) & PF_KTHREAD)
		return 0;
	if(filter__drop_current()) {
		STATS_INC(n_filtered);
		return 0;
	}
	BEGIN_CURRENT_OR_RETURN(s, PPME_PROCEXIT_1_E);
	int code = BPF_CORE_READ(t, exit_code);
	ev__s64(s, code);                          /* status */
	ev__s64(s, (code >> 8) & 0xff);            /* ret */
	ev__u8(s, code & 0x7f);                    /* sig */
	ev__u8(s, (code & 0x80) ? 1 : 0);          /* core */
	/* The child reaper of the pid namespace adopts orphans (0: unknown). */
	struct task_struct *reaper = NULL;
	struct pid *pid = task__pid_struct(t, PIDTYPE_TGID);
	if(pid) {
		unsigned int level = BPF_CORE_READ(pid, level);
		struct upid up;
		if(!bpf_core_read(&up, sizeof(up), &pid->numbers[level]))
			reaper = BPF_CORE_READ(up.ns, child_reaper);
	}
	ev__s64(s, reaper ? BPF_CORE_READ(reaper, pid) : 0); /* reaper_tid */
	ev__submit(s);
	return 0;
}
