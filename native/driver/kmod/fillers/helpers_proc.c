#include "common.h"

#include <linux/audit.h>
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs_struct.h>
#include <linux/mm.h>
#include <linux/path.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/tty.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>

/* The NUL-separated strings of [start, end) of the task's memory, as one
 * parameter (truncated to max, last string kept terminated). Returns the
 * bytes written. */
static u32 push_user_area(struct evt *e, unsigned long start, unsigned long end, u32 max)
{
	u32 len, n;

	if (!start || end <= start)
		return 0;
	len = (u32)min_t(unsigned long, end - start, max);
	n = evt_push_user(e, start, len);
	if (n)
		e->buf[e->pos - 1] = 0;
	return n;
}

/* exe (argv[0]) and args (the rest), both from the argument area of mm. */
static void p_exe_args(struct evt *e, struct mm_struct *mm)
{
	unsigned long start = 0, end = 0;
	u32 base, n, exe_len;

	if (mm) {
		spin_lock(&mm->arg_lock);
		start = mm->arg_start;
		end = mm->arg_end;
		spin_unlock(&mm->arg_lock);
	}
	evt_open(e);
	base = e->pos;
	n = push_user_area(e, start, end, MAX_ARGS_PARAM);
	/* Both parameters share these bytes: exe ends at the first NUL. */
	exe_len = n ? strnlen(e->buf + base, n) + 1 : 0;
	if (exe_len > n)
		exe_len = n;
	e->pos = base + exe_len;
	evt_close(e);
	evt_open(e);
	e->pos = base + n;
	evt_close(e);
}

void p_env(struct evt *e)
{
	struct mm_struct *mm = current->mm;
	unsigned long start = 0, end = 0;

	if (mm) {
		spin_lock(&mm->arg_lock);
		start = mm->env_start;
		end = mm->env_end;
		spin_unlock(&mm->arg_lock);
	}
	evt_open(e);
	push_user_area(e, start, end, MAX_ARGS_PARAM);
	evt_close(e);
}

static void p_cwd(struct evt *e)
{
	struct fs_struct *fs = current->fs;
	u32 room = min_t(u32, evt_room(e), PATH_MAX);
	char *p;

	evt_open(e);
	if (fs && room > 1) {
		/* d_path neither sleeps nor needs a reference while fs->lock
		 * keeps pwd in place. */
		spin_lock(&fs->lock);
		p = d_path(&fs->pwd, e->buf + e->pos, room);
		spin_unlock(&fs->lock);
		if (!IS_ERR(p)) {
			u32 len = strlen(p) + 1;

			memmove(e->buf + e->pos, p, len);
			e->pos += len;
		}
	}
	evt_close(e);
}

static u64 kib(unsigned long pages)
{
	return (u64)pages << (PAGE_SHIFT - 10);
}

void p_vm_sizes(struct evt *e)
{
	struct mm_struct *mm = current->mm;

	evt_u32(e, mm ? (u32)kib(mm->total_vm) : 0);
	evt_u32(e, mm ? (u32)kib(get_mm_rss(mm)) : 0);
	evt_u32(e, mm ? (u32)kib(get_mm_counter(mm, MM_SWAPENTS)) : 0);
}

#ifdef CONFIG_CGROUPS
static void push_cgroup(struct evt *e, const char *name, int id)
{
	struct cgroup_subsys_state *css = task_css(current, id);
	u32 start = e->pos, nlen = strlen(name);
	int len;

	if (!css || !css->cgroup || evt_room(e) < nlen + 3)
		return;
	evt_push(e, name, nlen);
	evt_push(e, "=", 1);
	len = cgroup_path(css->cgroup, e->buf + e->pos, evt_room(e));
	if (len < 0 || (u32)len >= evt_room(e)) {
		e->pos = start;
		return;
	}
	e->pos += len + 1;
}
#endif

/* "subsystem=path" for each cgroup subsystem of the task, NUL-separated. */
static void p_cgroups(struct evt *e)
{
	evt_open(e);
#ifdef CONFIG_CGROUPS
	rcu_read_lock();
#define SUBSYS(_x) push_cgroup(e, #_x, _x##_cgrp_id);
#include <linux/cgroup_subsys.h>
#undef SUBSYS
	rcu_read_unlock();
#endif
	evt_close(e);
}

void p_proc_startup(struct evt *e)
{
	struct task_struct *t = current;
	struct task_struct *parent;
	pid_t ptid;

	rcu_read_lock();
	parent = rcu_dereference(t->real_parent);
	ptid = parent ? parent->pid : 0;
	rcu_read_unlock();

	p_exe_args(e, t->mm);                       /* exe, args */
	p_s64(e, t->pid);                           /* tid */
	p_s64(e, t->tgid);                          /* pid */
	p_s64(e, ptid);                             /* ptid */
	p_cwd(e);                                   /* cwd */
	evt_u64(e, READ_ONCE(t->signal->rlim[RLIMIT_NOFILE].rlim_cur)); /* fdlimit */
	evt_u64(e, t->maj_flt);                     /* pgft_maj */
	evt_u64(e, t->min_flt);                     /* pgft_min */
	p_vm_sizes(e);                              /* vm_size, vm_rss, vm_swap */
	evt_bytes(e, t->comm, strnlen(t->comm, TASK_COMM_LEN) + 1); /* comm */
	p_cgroups(e);                               /* cgroups */
}

u32 task_tty(void)
{
	struct tty_struct *tty;
	unsigned long flags;
	u32 nr = 0;

	if (!current->sighand)
		return 0;
	spin_lock_irqsave(&current->sighand->siglock, flags);
	tty = current->signal->tty;
	if (tty && tty->driver)
		nr = new_encode_dev(MKDEV(tty->driver->major, tty->driver->minor_start) + tty->index);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return nr;
}

s32 task_loginuid(void)
{
	return (s32)from_kuid(&init_user_ns, audit_get_loginuid(current));
}
