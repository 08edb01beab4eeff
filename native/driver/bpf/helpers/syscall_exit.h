/* What a per-syscall exit program includes: every helper layer, and the macro
 * that declares a program the sys_exit dispatcher tail-calls into. The engine
 * finds these programs by name (sx_<syscall>) and puts them in the
 * syscall_exit_progs table at the syscall's number. */
#pragma once

#include "base.h"
#include "maps.h"
#include "stats.h"
#include "event_buffer.h"
#include "fixed_event.h"
#include "memory.h"
#include "task.h"
#include "files.h"
#include "sockets.h"
#include "flags.h"
#include "cgroups.h"
#include "syscall_args.h"
#include "filter.h"

/* The body sees ctx, regs, ret, ia32 (1 for a 32-bit call: the dispatcher
 * only sends those to programs marked IA32_DEDICATED in shared/ia32_syscalls.h)
 * and tid, both as the dispatcher left them in this CPU's scratch area. */
#define SYSCALL_EXIT_PROG(name)                                                                     \
	static __always_inline int sx_body_##name(unsigned long long *ctx, struct pt_regs *regs, long ret, \
	                                          int ia32, __u32 tid);                               \
	SEC("tp_btf/sys_exit")                                                                      \
	int BPF_PROG(sx_##name, struct pt_regs *regs, long ret) {                                   \
		struct scratch *sx = ev__scratch();                                                     \
		if(!sx) {                                                                               \
			STATS_INC(n_drops_scratch);                                                     \
			return 0;                                                                       \
		}                                                                                       \
		return sx_body_##name(ctx, regs, ret, sx->sys_ia32, sx->sys_tid);                       \
	}                                                                                           \
	static __always_inline int sx_body_##name(unsigned long long *ctx, struct pt_regs *regs, long ret, \
	                                          int ia32, __u32 tid)

#define ARG(i) syscall_arg_abi(regs, i, ia32)

/* Most exit programs start the same way: an event of the thread `tid` (the
 * body's parameter). */
#define BEGIN_OR_RETURN(s, type)                       \
	struct scratch *s = ev__begin_for_tid(type, tid); \
	if(!s)                                            \
		return 0

/* Tracepoint programs (no dispatcher ran before them): the current thread. */
#define BEGIN_CURRENT_OR_RETURN(s, type)  \
	struct scratch *s = ev__begin(type); \
	if(!s)                               \
		return 0
