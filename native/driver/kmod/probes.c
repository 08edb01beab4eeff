/* From a tracepoint hit to a committed event: decide whether it is wanted
 * (syscall mask, failed calls, the early filter), claim this CPU's scratch
 * area, pick the event type, run its filler, commit. */
#include "probes.h"

#include <linux/compat.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <asm/syscall.h>

#include "capture.h"
#include "event.h"
#include "filter.h"
#include "fillers/fillers.h"
#include "ppm_events_gen.h"

/* The ring of this CPU with its scratch area claimed, or NULL (then the
 * event is dropped: nested probes are counted). Preemption must be off. */
static struct sinspect_ring *claim(void)
{
	struct sinspect_ring *r;

	if (!smp_load_acquire(&g_capturing))
		return NULL;
	r = capture_this_ring();
	if (!r)
		return NULL;
	r->info->n_tracepoint_hits++;
	if (atomic_inc_return(&r->busy) != 1) {
		r->info->n_drops_nested++;
		atomic_dec(&r->busy);
		return NULL;
	}
	return r;
}

static void release(struct sinspect_ring *r)
{
	atomic_dec(&r->busy);
}

/* The early filter, before anything of the event is read: true when t's
 * events are not wanted (counted in n_filtered while capturing, as the eBPF
 * probe counts them). Preemption must be off. */
static bool filtered_out(struct task_struct *t)
{
	struct sinspect_ring *r;

	if (!filter_rejects(t))
		return false;
	if (smp_load_acquire(&g_capturing)) {
		r = capture_this_ring();
		if (r)
			r->info->n_filtered++;
	}
	return true;
}

/* Only native 64-bit syscalls: ia32 tasks number their syscalls differently. */
static bool native_syscall(void)
{
#ifdef CONFIG_COMPAT
	if (in_compat_syscall())
		return false;
#endif
	return true;
}

static void emit_syscall(struct pt_regs *regs, long nr, long ret, bool exit)
{
	const struct ppm_syscall_route *route;
	struct sinspect_ring *r;
	struct evt e;
	u16 type;

	if (nr < 0 || nr >= PPM_SYSCALL_TABLE_SIZE_X86_64 || !capture_wants_syscall(nr))
		return;
	if (exit && ret < 0 && READ_ONCE(g_settings.drop_failed))
		return;
	if (filtered_out(current))
		return;
	route = &ppm_syscall_table_x86_64[nr];
	type = exit ? route->exit_event_sysdig029 : route->enter_event_sysdig029;
	r = claim();
	if (!r)
		return;
	evt_begin(&e, r, type, current->pid);
	e.regs = regs;
	e.nr = nr;
	e.ret = ret;
	syscall_get_arguments(current, regs, e.args);
	fill_event(&e);
	evt_finish(&e);
	release(r);
}

void probe_sys_enter(void *data, struct pt_regs *regs, long id)
{
	preempt_disable();
	if (native_syscall())
		emit_syscall(regs, id, 0, false);
	preempt_enable();
}

void probe_sys_exit(void *data, struct pt_regs *regs, long ret)
{
	preempt_disable();
	if (native_syscall())
		emit_syscall(regs, syscall_get_nr(current, regs), ret, true);
	preempt_enable();
}

/* Events that are not syscalls: no arguments, no result. `who` is the task
 * the early filter judges (the one the event is about). */
static void emit_tp(u16 type, struct task_struct *who, void (*fill)(struct evt *, const void *), const void *arg)
{
	struct sinspect_ring *r;
	struct evt e;

	if (filtered_out(who))
		return;
	r = claim();
	if (!r)
		return;
	evt_begin(&e, r, type, who->pid);
	e.regs = NULL;
	e.nr = -1;
	e.ret = 0;
	memset(e.args, 0, sizeof(e.args));
	fill(&e, arg);
	evt_finish(&e);
	release(r);
}

void probe_sched_process_exit(void *data, struct task_struct *p)
{
	preempt_disable();
	if (capture_wants_tp(SINSPECT_KMOD_TP_PROC_EXIT))
		emit_tp(PPME_PROCEXIT_1_E, p, fill_procexit, p);
	preempt_enable();
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 18, 0)
void probe_sched_switch(void *data, bool preempt, struct task_struct *prev, struct task_struct *next,
			unsigned int prev_state)
#else
void probe_sched_switch(void *data, bool preempt, struct task_struct *prev, struct task_struct *next)
#endif
{
	struct sinspect_ring *r;

	preempt_disable();
	r = capture_this_ring();
	if (r)
		r->info->n_context_switches++;
	if (capture_wants_tp(SINSPECT_KMOD_TP_SCHED_SWITCH))
		emit_tp(PPME_SCHEDSWITCH_6_E, prev, fill_sched_switch, next);
	preempt_enable();
}

void probe_page_fault_user(void *data, unsigned long address, struct pt_regs *regs, unsigned long error_code)
{
	struct page_fault_info pf = {address, regs ? instruction_pointer(regs) : 0, error_code};

	preempt_disable();
	if (capture_wants_tp(SINSPECT_KMOD_TP_PAGE_FAULT))
		emit_tp(PPME_PAGE_FAULT_E, current, fill_page_fault, &pf);
	preempt_enable();
}

void probe_signal_deliver(void *data, int sig, struct kernel_siginfo *info, struct k_sigaction *ka)
{
	struct signal_info si = {sig, info};

	preempt_disable();
	if (capture_wants_tp(SINSPECT_KMOD_TP_SIGNAL))
		emit_tp(PPME_SIGNALDELIVER_E, current, fill_signal_deliver, &si);
	preempt_enable();
}
