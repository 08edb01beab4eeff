/* Tracepoint probes. Each takes the probe's private data pointer first, then
 * the tracepoint's own arguments. */
#ifndef SINSPECT_PROBES_H
#define SINSPECT_PROBES_H

#include <linux/types.h>
#include <linux/version.h>

struct pt_regs;
struct task_struct;
struct kernel_siginfo;
struct k_sigaction;

void probe_sys_enter(void *data, struct pt_regs *regs, long id);
void probe_sys_exit(void *data, struct pt_regs *regs, long ret);
void probe_sched_process_exit(void *data, struct task_struct *p);
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 18, 0)
void probe_sched_switch(void *data, bool preempt, struct task_struct *prev, struct task_struct *next,
			unsigned int prev_state);
#else
void probe_sched_switch(void *data, bool preempt, struct task_struct *prev, struct task_struct *next);
#endif
void probe_page_fault_user(void *data, unsigned long address, struct pt_regs *regs, unsigned long error_code);
void probe_signal_deliver(void *data, int sig, struct kernel_siginfo *info, struct k_sigaction *ka);

#endif
