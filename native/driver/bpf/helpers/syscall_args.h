/* Syscall number and arguments from the pt_regs a sys_exit tracepoint sees.
 * The argument registers still hold the caller's values at exit: di, si, dx,
 * r10, r8, r9 for x86_64 calls; bx, cx, dx, si, di, bp (32 bits each) for ia32
 * calls (int 0x80, sysenter, or a 32-bit process's syscall). */
#pragma once

#include "base.h"

/* thread_info.status: the syscall in progress is an ia32 one. The dispatcher
 * tests it with a plain (CO-RE relocated) load through the trusted task
 * pointer: a bpf_probe_read_kernel() there costs measurably more. */
#define TS_COMPAT 0x0002

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

/* The kernel's compat entry uses the low 32 bits of each register. */
static __always_inline unsigned long syscall_arg_ia32(struct pt_regs *regs, int i) {
	switch(i) {
	case 0: return (__u32)regs->bx;
	case 1: return (__u32)regs->cx;
	case 2: return (__u32)regs->dx;
	case 3: return (__u32)regs->si;
	case 4: return (__u32)regs->di;
	case 5: return (__u32)regs->bp;
	default: return 0;
	}
}

static __always_inline unsigned long syscall_arg_abi(struct pt_regs *regs, int i, int ia32) {
	return ia32 ? syscall_arg_ia32(regs, i) : syscall_arg(regs, i);
}
