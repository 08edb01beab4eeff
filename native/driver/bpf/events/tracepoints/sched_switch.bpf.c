/* switch: the CPU moves from the current task to `next` (off by default). */
#include "../../helpers/syscall_exit.h"

SEC("tp_btf/sched_switch")
int BPF_PROG(tp_sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next) {
	if(!g_config.capturing)
		return 0;
	if(filter__drop_task(BPF_CORE_READ(prev, tgid))) {
		STATS_INC(n_filtered);
		return 0;
	}
	struct scratch *s = ev__begin_for_tid(PPME_SCHEDSWITCH_6_E, BPF_CORE_READ(prev, pid));
	if(!s)
		return 0;
	ev__s64(s, BPF_CORE_READ(next, pid));  /* next */
	ev__u64(s, task__pgft_maj(prev));      /* pgft_maj */
	ev__u64(s, task__pgft_min(prev));      /* pgft_min */
	__u32 size, rss, swap;
	task__vm(prev, &size, &rss, &swap);
	ev__u32(s, size);                      /* vm_size */
	ev__u32(s, rss);                       /* vm_rss */
	ev__u32(s, swap);                      /* vm_swap */
	ev__submit(s);
	return 0;
}
