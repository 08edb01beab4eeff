/* Entry point for every syscall exit: decides early whether the event is
 * wanted (capture running, syscall interesting, failed calls kept, task not
 * filtered out) and tail-calls the program that builds its event. */
#include "../helpers/syscall_exit.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit_dispatch, struct pt_regs *regs, long ret) {
	if(!g_config.capturing)
		return 0;

	/* orig_ax is -1 when there was no syscall (e.g. a signal restart). */
	__u32 nr = (__u32)regs->orig_ax;
	if(nr >= SINSPECT_SYSCALL_SLOTS)
		return 0;

	__u8 *wanted = bpf_map_lookup_elem(&interesting_syscalls, &nr);
	if(!wanted || !*wanted)
		return 0;

	if(g_config.drop_failed && ret < 0)
		return 0;

	if(filter__drop_current()) {
		STATS_INC(n_filtered);
		return 0;
	}

	bpf_tail_call(ctx, &syscall_exit_progs, nr);
	/* Only reached when the slot holds no program. */
	STATS_INC(n_drops_tail_call);
	return 0;
}
