/* The early filter (SINSPECT_IOC_SET_FILTER): tasks whose events are left
 * out before any parameter is read, by tgid and by comm, as the eBPF probe's
 * helpers/filter.h decides them.
 *
 * The filter is one immutable object published through an RCU pointer: a
 * probe sees either the old filter or the new one whole, and the old one is
 * freed only once no probe can still be reading it. */
#ifndef SINSPECT_FILTER_H
#define SINSPECT_FILTER_H

#include <linux/compiler.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

struct task_struct;
struct task_filter;

extern struct task_filter __rcu *g_task_filter;

/* Replaces the filter with the one *arg (struct sinspect_kmod_filter)
 * describes. Sleeps (process context, callers serialised). 0 or -errno:
 * -EINVAL for unknown flags or both modes of a kind, -E2BIG for a set larger
 * than the probe's maps, -EFAULT, -ENOMEM. */
long filter_set(const void __user *arg);
/* No filter any more: every task's events are kept. Sleeps. */
void filter_clear(void);

bool filter_rejects_slow(struct task_struct *t);

/* True when t's events must not be captured. Without a filter this is one
 * pointer test, so that unfiltered captures do not pay for it. */
static inline bool filter_rejects(struct task_struct *t)
{
	if (!rcu_access_pointer(g_task_filter))
		return false;
	return filter_rejects_slow(t);
}

#endif
