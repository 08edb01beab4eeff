/* Processes: clone family, execve family, process exit, limits, sessions,
 * namespaces, seccomp, ptrace and bpf. */
#include "common.h"

#include <asm/unistd.h>
#include <linux/cred.h>
#include <linux/pid.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>

static void res_only(struct evt *e)
{
	p_res(e);                                         /* res */
}

/* ---- clone, fork, vfork, clone3 ----
 * Both the parent (res = child tid) and the child (res = 0) report the
 * exit: on x86_64 a new task returns to user space through sys_exit too. */

static u64 requested_clone_flags(struct evt *e)
{
	u64 flags = 0;

	switch (e->nr) {
	case __NR_clone:
		return ARG(0);
	case __NR_vfork:
		return CLONE_VFORK | CLONE_VM;
	case __NR_clone3:
		/* struct clone_args begins with the u64 flags */
		if (ARG(0) && copy_from_user_nofault(&flags, (const void __user *)ARG(0), sizeof(flags)))
			flags = 0;
		return flags;
	default:
		return 0;
	}
}

static void clone_x(struct evt *e)
{
	const struct cred *cred = current_cred();

	p_res(e);                                                         /* res */
	p_proc_startup(e);                                                /* exe .. cgroups */
	evt_u32(e, clone_flags_to_ppm(requested_clone_flags(e)));         /* flags */
	evt_u32(e, from_kuid_munged(current_user_ns(), cred->euid));      /* uid */
	evt_u32(e, from_kgid_munged(current_user_ns(), cred->egid));      /* gid */
	p_s64(e, task_pid_vnr(current));                                  /* vtid */
	p_s64(e, task_tgid_vnr(current));                                 /* vpid */
}

/* ---- execve, execveat ----
 * At exit a successful exec already runs the new image, whose argument and
 * environment areas hold what the caller passed. */

static void execve_e(struct evt *e)
{
	p_path(e, ARG(0));                                /* filename */
}

static void execveat_e(struct evt *e)
{
	p_dirfd(e, ARG(0));                               /* dirfd */
	p_path(e, ARG(1));                                /* pathname */
	evt_u32(e, at_flags_to_ppm(ARG(4)));              /* flags */
}

static void execve_x(struct evt *e)
{
	p_res(e);                                         /* res */
	p_proc_startup(e);                                /* exe .. cgroups */
	p_env(e);                                         /* env */
	evt_u32(e, task_tty());                           /* tty */
	p_s64(e, task_pgrp_nr(current));                  /* pgid */
	evt_u32(e, (u32)task_loginuid());                 /* loginuid */
	evt_u32(e, 0);                                    /* flags */
}

/* ---- limits ---- */

static void rlimit_e(struct evt *e)
{
	evt_u8(e, rlimit_resource_to_ppm(ARG(0)));        /* resource */
}

/* struct rlimit at uptr, or -1/-1 when absent or unreadable. */
static void p_user_rlimit(struct evt *e, unsigned long uptr, bool ok)
{
	struct rlimit r;

	if (!ok || !uptr || copy_from_user_nofault(&r, (const void __user *)uptr, sizeof(r))) {
		p_s64(e, -1);
		p_s64(e, -1);
		return;
	}
	p_s64(e, (s64)r.rlim_cur);
	p_s64(e, (s64)r.rlim_max);
}

static void getrlimit_x(struct evt *e)
{
	p_res(e);                                         /* res */
	p_user_rlimit(e, ARG(1), RET >= 0);               /* cur, max */
}

static void setrlimit_x(struct evt *e)
{
	p_res(e);                                         /* res */
	p_user_rlimit(e, ARG(1), true);                   /* cur, max */
}

static void prlimit_e(struct evt *e)
{
	p_s64(e, (s64)(int)ARG(0));                       /* pid */
	evt_u8(e, rlimit_resource_to_ppm(ARG(1)));        /* resource */
}

static void prlimit_x(struct evt *e)
{
	p_res(e);                                         /* res */
	p_user_rlimit(e, ARG(2), true);                   /* newcur, newmax */
	p_user_rlimit(e, ARG(3), RET >= 0);               /* oldcur, oldmax */
}

/* ---- sessions, namespaces, seccomp ---- */

static void setpgid_e(struct evt *e)
{
	p_s64(e, (s64)(int)ARG(0));                       /* pid */
	p_s64(e, (s64)(int)ARG(1));                       /* pgid */
}

static void unshare_e(struct evt *e)
{
	evt_u32(e, clone_flags_to_ppm(ARG(0)));           /* flags */
}

static void setns_e(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
	evt_u32(e, clone_flags_to_ppm(ARG(1)));           /* nstype */
}

static void seccomp_e(struct evt *e)
{
	evt_u64(e, ARG(0));                               /* op */
}

/* ---- ptrace ---- */

static void ptrace_e(struct evt *e)
{
	evt_u16(e, ptrace_request_to_ppm(ARG(0)));        /* request */
	p_s64(e, (s64)(int)ARG(1));                       /* pid */
}

/* A PT_DYN ptrace parameter holding a plain u64. */
static void p_ptrace_u64(struct evt *e, u64 v)
{
	u8 idx = PPM_PTRACE_IDX_UINT64;

	evt_open(e);
	evt_push(e, &idx, 1);
	evt_push(e, &v, 8);
	evt_close(e);
}

static void ptrace_x(struct evt *e)
{
	u64 data = ARG(3);

	/* PEEK requests return the word through the data pointer. */
	if (RET >= 0 && ARG(0) >= 1 && ARG(0) <= 3 && ARG(3) &&
	    copy_from_user_nofault(&data, (const void __user *)ARG(3), sizeof(data)))
		data = ARG(3);
	p_res(e);                                         /* res */
	p_ptrace_u64(e, ARG(2));                          /* addr */
	p_ptrace_u64(e, data);                            /* data */
}

/* ---- bpf ---- */

static void bpf_e(struct evt *e)
{
	p_s64(e, (s64)(int)ARG(0));                       /* cmd */
}

static void bpf_x(struct evt *e)
{
	/* Commands that make an object return its fd (BPF_MAP_CREATE 0, BPF_PROG_LOAD 5). */
	u8 idx = (RET >= 0 && (ARG(0) == 0 || ARG(0) == 5)) ? PPM_BPF_IDX_FD : PPM_BPF_IDX_RES;
	s64 v = RET;

	evt_open(e);
	evt_push(e, &idx, 1);
	evt_push(e, &v, 8);
	evt_close(e);                                     /* res_or_fd */
}

/* ---- process exit (sched_process_exit) ---- */

void fill_procexit(struct evt *e, const void *task)
{
	const struct task_struct *p = task;
	int code = p->exit_code;
	s64 ret = 0;
	u8 sig = 0, core = 0;

	if (code & 0x7f) {
		sig = code & 0x7f;
		core = (code & 0x80) ? 1 : 0;
	} else {
		ret = (code >> 8) & 0xff;
	}
	p_s64(e, code);                                   /* status */
	p_s64(e, ret);                                    /* ret */
	evt_u8(e, sig);                                   /* sig */
	evt_u8(e, core);                                  /* core */
}

DEFINE_FILLERS(process,
	{PPME_SYSCALL_CLONE_20_X, clone_x},
	{PPME_SYSCALL_FORK_20_X, clone_x},
	{PPME_SYSCALL_VFORK_20_X, clone_x},
	{PPME_SYSCALL_CLONE3_X, clone_x},
	{PPME_SYSCALL_EXECVE_19_E, execve_e},
	{PPME_SYSCALL_EXECVE_19_X, execve_x},
	{PPME_SYSCALL_EXECVEAT_E, execveat_e},
	{PPME_SYSCALL_EXECVEAT_X, execve_x},
	{PPME_SYSCALL_GETRLIMIT_E, rlimit_e},
	{PPME_SYSCALL_GETRLIMIT_X, getrlimit_x},
	{PPME_SYSCALL_SETRLIMIT_E, rlimit_e},
	{PPME_SYSCALL_SETRLIMIT_X, setrlimit_x},
	{PPME_SYSCALL_PRLIMIT_E, prlimit_e},
	{PPME_SYSCALL_PRLIMIT_X, prlimit_x},
	{PPME_SYSCALL_SETPGID_E, setpgid_e},
	{PPME_SYSCALL_SETPGID_X, res_only},
	{PPME_SYSCALL_SETSID_X, res_only},
	{PPME_SYSCALL_UNSHARE_E, unshare_e},
	{PPME_SYSCALL_UNSHARE_X, res_only},
	{PPME_SYSCALL_SETNS_E, setns_e},
	{PPME_SYSCALL_SETNS_X, res_only},
	{PPME_SYSCALL_SECCOMP_E, seccomp_e},
	{PPME_SYSCALL_SECCOMP_X, res_only},
	{PPME_SYSCALL_PTRACE_E, ptrace_e},
	{PPME_SYSCALL_PTRACE_X, ptrace_x},
	{PPME_SYSCALL_BPF_E, bpf_e},
	{PPME_SYSCALL_BPF_X, bpf_x},
);
