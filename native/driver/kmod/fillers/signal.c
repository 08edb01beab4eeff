/* Signals and time: kill, tkill, tgkill, nanosleep; and the tracepoint
 * events signal delivery, context switch and page fault. */
#include "common.h"

#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/signal.h>

static void res_only(struct evt *e)
{
	p_res(e);                                 /* res */
}

static void kill_e(struct evt *e)
{
	p_s64(e, (s64)(int)ARG(0));               /* pid / tid */
	evt_u8(e, (u8)ARG(1));                    /* sig */
}

static void tgkill_e(struct evt *e)
{
	p_s64(e, (s64)(int)ARG(0));               /* pid */
	p_s64(e, (s64)(int)ARG(1));               /* tid */
	evt_u8(e, (u8)ARG(2));                    /* sig */
}

static void nanosleep_e(struct evt *e)
{
	p_timespec(e, ARG(0));                    /* interval */
}

/* signal_deliver: who sent it, when the siginfo says. */
void fill_signal_deliver(struct evt *e, const void *arg)
{
	const struct signal_info *si = arg;
	s64 spid = 0;

	if (si->info && (unsigned long)si->info > 2) {
		switch (si->info->si_code) {
		case SI_USER:
		case SI_QUEUE:
		case SI_TKILL:
			spid = si->info->si_pid;
			break;
		default:
			break;
		}
	}
	p_s64(e, spid);                           /* spid */
	p_s64(e, current->pid);                   /* dpid */
	evt_u8(e, (u8)si->sig);                   /* sig */
}

/* sched_switch, reported for the task giving up the CPU (current). */
void fill_sched_switch(struct evt *e, const void *arg)
{
	const struct task_struct *next = arg;

	p_s64(e, next->pid);                      /* next */
	evt_u64(e, current->maj_flt);             /* pgft_maj */
	evt_u64(e, current->min_flt);             /* pgft_min */
	p_vm_sizes(e);                            /* vm_size, vm_rss, vm_swap */
}

void fill_page_fault(struct evt *e, const void *arg)
{
	const struct page_fault_info *pf = arg;

	evt_u64(e, pf->address);                  /* addr */
	evt_u64(e, pf->ip);                       /* ip */
	evt_u32(e, pf_error_to_ppm(pf->error_code)); /* error */
}

DEFINE_FILLERS(signal,
	{PPME_SYSCALL_KILL_E, kill_e},
	{PPME_SYSCALL_KILL_X, res_only},
	{PPME_SYSCALL_TKILL_E, kill_e},
	{PPME_SYSCALL_TKILL_X, res_only},
	{PPME_SYSCALL_TGKILL_E, tgkill_e},
	{PPME_SYSCALL_TGKILL_X, res_only},
	{PPME_SYSCALL_NANOSLEEP_E, nanosleep_e},
	{PPME_SYSCALL_NANOSLEEP_X, res_only},
);
