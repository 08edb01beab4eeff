/* User and group ids: the get/set families. Ids are reported as the
 * syscall saw them (the caller's user namespace). */
#include "common.h"

#include <linux/uaccess.h>

static void res_only(struct evt *e)
{
	p_res(e);                                 /* res */
}

/* getuid and friends return the id itself. */
static void id_ret_x(struct evt *e)
{
	evt_u32(e, (u32)RET);                     /* uid / gid / euid / egid */
}

static void id_arg0_e(struct evt *e)
{
	evt_u32(e, (u32)ARG(0));                  /* uid / gid */
}

static void three_ids_e(struct evt *e)
{
	evt_u32(e, (u32)ARG(0));                  /* ruid / rgid */
	evt_u32(e, (u32)ARG(1));                  /* euid / egid */
	evt_u32(e, (u32)ARG(2));                  /* suid / sgid */
}

static u32 user_id(unsigned long uptr, bool ok)
{
	u32 v = (u32)-1;

	if (!ok || !uptr || copy_from_user_nofault(&v, (const void __user *)uptr, sizeof(v)))
		return (u32)-1;
	return v;
}

/* getresuid, getresgid fill three user pointers. */
static void getres_x(struct evt *e)
{
	bool ok = RET >= 0;

	p_res(e);                                 /* res */
	evt_u32(e, user_id(ARG(0), ok));          /* ruid / rgid */
	evt_u32(e, user_id(ARG(1), ok));          /* euid / egid */
	evt_u32(e, user_id(ARG(2), ok));          /* suid / sgid */
}

DEFINE_FILLERS(ids,
	{PPME_SYSCALL_GETUID_X, id_ret_x},
	{PPME_SYSCALL_GETGID_X, id_ret_x},
	{PPME_SYSCALL_GETEUID_X, id_ret_x},
	{PPME_SYSCALL_GETEGID_X, id_ret_x},
	{PPME_SYSCALL_SETUID_E, id_arg0_e},
	{PPME_SYSCALL_SETUID_X, res_only},
	{PPME_SYSCALL_SETGID_E, id_arg0_e},
	{PPME_SYSCALL_SETGID_X, res_only},
	{PPME_SYSCALL_SETRESUID_E, three_ids_e},
	{PPME_SYSCALL_SETRESUID_X, res_only},
	{PPME_SYSCALL_SETRESGID_E, three_ids_e},
	{PPME_SYSCALL_SETRESGID_X, res_only},
	{PPME_SYSCALL_GETRESUID_X, getres_x},
	{PPME_SYSCALL_GETRESGID_X, getres_x},
);
