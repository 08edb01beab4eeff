/* Opening, closing and looking at files: open, openat, openat2, creat,
 * close, stat family, access, lseek, fcntl, flock, getdents, ioctl. */
#include "common.h"

#include <linux/uaccess.h>

/* ---- open family ---- */

static void open_e(struct evt *e)
{
	p_path(e, ARG(0));                                /* name */
	evt_u32(e, open_flags_to_ppm(ARG(1)));            /* flags */
	evt_u32(e, open_mode_to_ppm(ARG(1), ARG(2)));     /* mode */
}

static void open_x(struct evt *e)
{
	p_res(e);                                         /* fd */
	p_path(e, ARG(0));                                /* name */
	evt_u32(e, open_flags_to_ppm(ARG(1)));            /* flags */
	evt_u32(e, open_mode_to_ppm(ARG(1), ARG(2)));     /* mode */
	evt_u32(e, RET >= 0 ? fd_dev(RET) : 0);           /* dev */
}

static void creat_e(struct evt *e)
{
	p_path(e, ARG(0));                                /* name */
	evt_u32(e, mode_to_ppm(ARG(1)));                  /* mode */
}

static void creat_x(struct evt *e)
{
	p_res(e);                                         /* fd */
	p_path(e, ARG(0));                                /* name */
	evt_u32(e, mode_to_ppm(ARG(1)));                  /* mode */
	evt_u32(e, RET >= 0 ? fd_dev(RET) : 0);           /* dev */
}

static void openat_e(struct evt *e)
{
	p_dirfd(e, ARG(0));                               /* dirfd */
	p_path(e, ARG(1));                                /* name */
	evt_u32(e, open_flags_to_ppm(ARG(2)));            /* flags */
	evt_u32(e, open_mode_to_ppm(ARG(2), ARG(3)));     /* mode */
}

static void openat_x(struct evt *e)
{
	p_res(e);                                         /* fd */
	p_dirfd(e, ARG(0));                               /* dirfd */
	p_path(e, ARG(1));                                /* name */
	evt_u32(e, open_flags_to_ppm(ARG(2)));            /* flags */
	evt_u32(e, open_mode_to_ppm(ARG(2), ARG(3)));     /* mode */
	evt_u32(e, RET >= 0 ? fd_dev(RET) : 0);           /* dev */
}

/* struct open_how { u64 flags; u64 mode; u64 resolve; } */
static void open_how(struct evt *e, u64 how[3])
{
	how[0] = how[1] = how[2] = 0;
	if (ARG(2) && copy_from_user_nofault(how, (const void __user *)ARG(2), 3 * sizeof(u64)))
		evt_count_fault(e);
}

static void openat2_common(struct evt *e)
{
	u64 how[3];

	open_how(e, how);
	p_dirfd(e, ARG(0));                               /* dirfd */
	p_path(e, ARG(1));                                /* name */
	evt_u32(e, open_flags_to_ppm(how[0]));            /* flags */
	evt_u32(e, open_mode_to_ppm(how[0], how[1]));     /* mode */
	evt_u32(e, resolve_flags_to_ppm(how[2]));         /* resolve */
}

static void openat2_x(struct evt *e)
{
	p_res(e);                                         /* fd */
	openat2_common(e);
}

/* ---- close, stat, access ---- */

static void fd_arg0(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
}

static void res_only(struct evt *e)
{
	p_res(e);                                         /* res */
}

static void res_path0(struct evt *e)
{
	p_res(e);                                         /* res */
	p_path(e, ARG(0));                                /* path */
}

static void access_e(struct evt *e)
{
	evt_u32(e, (u32)ARG(1) & 7);                      /* mode: R/W/X_OK keep their values */
}

/* ---- seeking, locking, control ---- */

static void lseek_e(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
	evt_u64(e, ARG(1));                               /* offset */
	evt_u8(e, lseek_whence_to_ppm(ARG(2)));           /* whence */
}

static void fcntl_e(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
	evt_u8(e, fcntl_cmd_to_ppm(ARG(1), 0));              /* cmd */
}

static void flock_e(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
	evt_u32(e, (u32)ARG(1) & 0xf);                    /* operation: LOCK_* keep their values */
}

static void ioctl_e(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
	evt_u64(e, ARG(1));                               /* request */
	evt_u64(e, ARG(2));                               /* argument */
}

DEFINE_FILLERS(file,
	{PPME_SYSCALL_OPEN_E, open_e},
	{PPME_SYSCALL_OPEN_X, open_x},
	{PPME_SYSCALL_CREAT_E, creat_e},
	{PPME_SYSCALL_CREAT_X, creat_x},
	{PPME_SYSCALL_OPENAT_2_E, openat_e},
	{PPME_SYSCALL_OPENAT_2_X, openat_x},
	{PPME_SYSCALL_OPENAT2_E, openat2_common},
	{PPME_SYSCALL_OPENAT2_X, openat2_x},
	{PPME_SYSCALL_CLOSE_E, fd_arg0},
	{PPME_SYSCALL_CLOSE_X, res_only},
	{PPME_SYSCALL_STAT_X, res_path0},
	{PPME_SYSCALL_LSTAT_X, res_path0},
	{PPME_SYSCALL_FSTAT_E, fd_arg0},
	{PPME_SYSCALL_FSTAT_X, res_only},
	{PPME_SYSCALL_ACCESS_E, access_e},
	{PPME_SYSCALL_ACCESS_X, res_path0},
	{PPME_SYSCALL_LSEEK_E, lseek_e},
	{PPME_SYSCALL_LSEEK_X, res_only},
	{PPME_SYSCALL_FCNTL_E, fcntl_e},
	{PPME_SYSCALL_FCNTL_X, res_only},
	{PPME_SYSCALL_FLOCK_E, flock_e},
	{PPME_SYSCALL_FLOCK_X, res_only},
	{PPME_SYSCALL_GETDENTS_E, fd_arg0},
	{PPME_SYSCALL_GETDENTS_X, res_only},
	{PPME_SYSCALL_GETDENTS64_E, fd_arg0},
	{PPME_SYSCALL_GETDENTS64_X, res_only},
	{PPME_SYSCALL_IOCTL_3_E, ioctl_e},
	{PPME_SYSCALL_IOCTL_3_X, res_only},
);
