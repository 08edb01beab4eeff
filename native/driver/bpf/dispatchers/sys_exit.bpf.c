/* Entry point for every syscall exit: decides early whether the event is
 * wanted (capture running, syscall interesting, failed calls kept, task not
 * filtered out), then either builds a generic event itself (syscalls without
 * a dedicated program) or tail-calls the program that builds the event.
 *
 * ia32 syscalls (32-bit processes, int 0x80) are numbered differently: they
 * are translated to the x86_64 number first (shared/ia32_syscalls.h). Those
 * whose dedicated program reads an ia32 call correctly go to it; the others
 * become generic events here; those x86_64 lacks are not captured. */
#include "../helpers/syscall_exit.h"
#include "../shared/ia32_syscalls.h"

char LICENSE[] SEC("license") = "GPL";

/* PPME_GENERIC_X for x86_64 syscall `nr` (for an ia32 call, its equivalent). */
static __always_inline void emit_generic(__u32 nr, __u32 tid) {
	struct fixed_event e;
	if(fx__begin(&e, PPME_GENERIC_X, FX_SIZE(2, 2 + 2), tid))
		return;
	fx__u16(&e, ppm_syscall_table_x86_64[nr & (SINSPECT_SYSCALL_SLOTS - 1)].ppm_sc); /* ID */
	fx__u16(&e, (__u16)nr);                                                         /* nativeID */
	fx__submit(&e);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit_dispatch, struct pt_regs *regs, long ret) {
	if(!g_config.capturing)
		return 0;

	/* orig_ax is -1 when there was no syscall (e.g. a signal restart). */
	__u32 nr = (__u32)regs->orig_ax;
	if(nr >= SINSPECT_SYSCALL_SLOTS)
		return 0;

	/* One helper call gives the ia32 test, the tid and the tgid: helper
	 * calls are a large part of the cost of an event, and task->pid is what
	 * bpf_get_current_pid_tgid() would return. */
	struct task_struct *task = bpf_get_current_task_btf();
	__u32 tid = task->pid;
	int ia32 = (task->thread_info.status & TS_COMPAT) != 0;
	/* 0 for an ia32 call its x86_64 program would misread */
	int program_reads_it = 1;
	if(ia32) {
		__u16 route = ia32_to_x86_64[nr & (IA32_SYSCALL_SLOTS - 1)];
		if(!(route & IA32_MAPPED))
			return 0;
		nr = route & IA32_NR_MASK;
		program_reads_it = (route & IA32_DEDICATED) != 0;
	}

	__u8 *how = bpf_map_lookup_elem(&interesting_syscalls, &nr);
	if(!how || *how == SINSPECT_SYSCALL_OFF)
		return 0;
	__u8 capture = *how;

	if(g_config.drop_failed && ret < 0)
		return 0;

	if(filter__drop_task(task->tgid)) {
		STATS_INC(n_filtered);
		return 0;
	}

	if(capture == SINSPECT_SYSCALL_GENERIC || !program_reads_it) {
		emit_generic(nr, tid);
		return 0;
	}
	/* For the program: see struct scratch. */
	struct scratch *s = ev__scratch();
	if(!s) {
		STATS_INC(n_drops_scratch);
		return 0;
	}
	s->sys_tid = tid;
	s->sys_ia32 = ia32;
	bpf_tail_call(ctx, &syscall_exit_progs, nr);
	/* Only reached when the slot holds no program. */
	STATS_INC(n_drops_tail_call);
	return 0;
}
