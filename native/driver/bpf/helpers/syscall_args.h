/* Syscall number and arguments from the pt_regs a sys_exit tracepoint sees
 * (x86_64 calling convention: di, si, dx, r10, r8, r9). The argument registers
 * still hold the caller's values at exit. */
#pragma once

#include "base.h"

static __always_inline long syscall_nr(struct pt_regs *regs) {
	return regs->orig_ax;
}

static __always_inline unsigned long syscall_arg(struct pt_regs *regs, int i) {
	switch(i) {
	case 0: return regs->di;
	case 1: return regs->si;
	case 2: return regs->dx;
	case 3: return regs->r10;
	case 4: return regs->r8;
	case 5: return regs->r9;
	default: return 0;
	}
}
