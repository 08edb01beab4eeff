/* The file system tree: directories, links, renames, permissions, the
 * working directory, mounts and quotas. */
#include "common.h"

#include <linux/uaccess.h>

static void res_path0(struct evt *e)
{
	p_res(e);                                 /* res */
	p_path(e, ARG(0));                        /* path */
}

static void res_only(struct evt *e)
{
	p_res(e);                                 /* res */
}

static void mkdir_e(struct evt *e)
{
	evt_u32(e, mode_to_ppm(ARG(1)));          /* mode */
}

static void mkdirat_x(struct evt *e)
{
	p_res(e);                                 /* res */
	p_dirfd(e, ARG(0));                       /* dirfd */
	p_path(e, ARG(1));                        /* path */
	evt_u32(e, mode_to_ppm(ARG(2)));          /* mode */
}

static void unlinkat_x(struct evt *e)
{
	p_res(e);                                 /* res */
	p_dirfd(e, ARG(0));                       /* dirfd */
	p_path(e, ARG(1));                        /* name */
	evt_u32(e, at_flags_to_ppm(ARG(2)));      /* flags */
}

/* link, rename: (oldpath, newpath) */
static void res_two_paths(struct evt *e)
{
	p_res(e);                                 /* res */
	p_path(e, ARG(0));                        /* oldpath */
	p_path(e, ARG(1));                        /* newpath */
}

/* linkat, renameat, renameat2: (olddirfd, oldpath, newdirfd, newpath[, flags]) */
static void res_two_at_paths(struct evt *e)
{
	p_res(e);                                 /* res */
	p_dirfd(e, ARG(0));                       /* olddirfd */
	p_path(e, ARG(1));                        /* oldpath */
	p_dirfd(e, ARG(2));                       /* newdirfd */
	p_path(e, ARG(3));                        /* newpath */
}

static void linkat_x(struct evt *e)
{
	res_two_at_paths(e);
	evt_u32(e, at_flags_to_ppm(ARG(4)));      /* flags */
}

static void renameat2_x(struct evt *e)
{
	res_two_at_paths(e);
	evt_u32(e, rename_flags_to_ppm(ARG(4)));  /* flags */
}

static void symlink_x(struct evt *e)
{
	p_res(e);                                 /* res */
	p_path(e, ARG(0));                        /* target */
	p_path(e, ARG(1));                        /* linkpath */
}

static void symlinkat_x(struct evt *e)
{
	p_res(e);                                 /* res */
	p_path(e, ARG(0));                        /* target */
	p_dirfd(e, ARG(1));                       /* linkdirfd */
	p_path(e, ARG(2));                        /* linkpath */
}

static void chmod_x(struct evt *e)
{
	p_res(e);                                 /* res */
	p_path(e, ARG(0));                        /* filename */
	evt_u32(e, mode_to_ppm(ARG(1)));          /* mode */
}

static void fchmod_x(struct evt *e)
{
	p_res(e);                                 /* res */
	p_fd(e, ARG(0));                          /* fd */
	evt_u32(e, mode_to_ppm(ARG(1)));          /* mode */
}

static void fchmodat_x(struct evt *e)
{
	p_res(e);                                 /* res */
	p_dirfd(e, ARG(0));                       /* dirfd */
	p_path(e, ARG(1));                        /* filename */
	evt_u32(e, mode_to_ppm(ARG(2)));          /* mode */
}

static void fd_arg0(struct evt *e)
{
	p_fd(e, ARG(0));                          /* fd */
}

/* getcwd returns the length written into its buffer. */
static void getcwd_x(struct evt *e)
{
	p_res(e);                                 /* res */
	if (RET > 0)
		p_path(e, ARG(0));                /* path */
	else
		evt_empty(e);
}

static void mount_e(struct evt *e)
{
	evt_u32(e, mount_flags_to_ppm(ARG(3)));   /* flags */
}

static void mount_x(struct evt *e)
{
	p_res(e);                                 /* res */
	p_path(e, ARG(0));                        /* dev */
	p_path(e, ARG(1));                        /* dir */
	p_path(e, ARG(2));                        /* type */
}

static void umount_e(struct evt *e)
{
	evt_u32(e, (u32)ARG(1) & 7);              /* flags: MNT_FORCE/DETACH/EXPIRE keep their values */
}

/* ---- quotactl(cmd, special, id, addr) ---- */

static void quotactl_e(struct evt *e)
{
	u16 cmd = quotactl_cmd_to_ppm(ARG(0));

	evt_u16(e, cmd);                                  /* cmd */
	evt_u8(e, quotactl_type_to_ppm(ARG(0)));          /* type */
	evt_u32(e, (u32)ARG(2));                          /* id */
	evt_u8(e, cmd == PPM_Q_QUOTAON ? quotactl_fmt_to_ppm((u32)ARG(2)) : 0); /* quota_fmt */
}

struct quota_blk {  /* struct if_dqblk */
	u64 bhardlimit, bsoftlimit, curspace, ihardlimit, isoftlimit, curinodes, btime, itime;
	u32 valid;
};

struct quota_dqinfo {  /* struct if_dqinfo */
	u64 bgrace, igrace;
	u32 flags, valid;
};

static void quotactl_x(struct evt *e)
{
	u16 cmd = quotactl_cmd_to_ppm(ARG(0));
	struct quota_blk blk = {0};
	struct quota_dqinfo info = {0};
	u32 fmt = 0;
	bool ok = RET >= 0 && ARG(3);

	if (ok && (cmd == PPM_Q_GETQUOTA || cmd == PPM_Q_SETQUOTA))
		ok = !copy_from_user_nofault(&blk, (const void __user *)ARG(3), sizeof(blk));
	else if (ok && (cmd == PPM_Q_GETINFO || cmd == PPM_Q_SETINFO))
		ok = !copy_from_user_nofault(&info, (const void __user *)ARG(3), sizeof(info));
	else if (ok && cmd == PPM_Q_GETFMT)
		ok = !copy_from_user_nofault(&fmt, (const void __user *)ARG(3), sizeof(fmt));
	p_res(e);                                         /* res */
	p_path(e, ARG(1));                                /* special */
	if (cmd == PPM_Q_QUOTAON)
		p_path(e, ARG(3));                        /* quotafilepath */
	else
		evt_empty(e);
	evt_u64(e, blk.bhardlimit);                       /* dqb_bhardlimit */
	evt_u64(e, blk.bsoftlimit);                       /* dqb_bsoftlimit */
	evt_u64(e, blk.curspace);                         /* dqb_curspace */
	evt_u64(e, blk.ihardlimit);                       /* dqb_ihardlimit */
	evt_u64(e, blk.isoftlimit);                       /* dqb_isoftlimit */
	evt_u64(e, blk.btime);                            /* dqb_btime */
	evt_u64(e, blk.itime);                            /* dqb_itime */
	evt_u64(e, info.bgrace);                          /* dqi_bgrace */
	evt_u64(e, info.igrace);                          /* dqi_igrace */
	evt_u8(e, info.flags ? (u8)info.flags : PPM_DQF_NONE); /* dqi_flags */
	evt_u8(e, quotactl_fmt_to_ppm(fmt));                 /* quota_fmt_out */
}

DEFINE_FILLERS(fs,
	{PPME_SYSCALL_MKDIR_2_E, mkdir_e},
	{PPME_SYSCALL_MKDIR_2_X, res_path0},
	{PPME_SYSCALL_MKDIRAT_X, mkdirat_x},
	{PPME_SYSCALL_RMDIR_2_X, res_path0},
	{PPME_SYSCALL_UNLINK_2_X, res_path0},
	{PPME_SYSCALL_UNLINKAT_2_X, unlinkat_x},
	{PPME_SYSCALL_LINK_2_X, res_two_paths},
	{PPME_SYSCALL_LINKAT_2_X, linkat_x},
	{PPME_SYSCALL_RENAME_X, res_two_paths},
	{PPME_SYSCALL_RENAMEAT_X, res_two_at_paths},
	{PPME_SYSCALL_RENAMEAT2_X, renameat2_x},
	{PPME_SYSCALL_SYMLINK_X, symlink_x},
	{PPME_SYSCALL_SYMLINKAT_X, symlinkat_x},
	{PPME_SYSCALL_CHMOD_X, chmod_x},
	{PPME_SYSCALL_FCHMOD_X, fchmod_x},
	{PPME_SYSCALL_FCHMODAT_X, fchmodat_x},
	{PPME_SYSCALL_CHDIR_X, res_path0},
	{PPME_SYSCALL_FCHDIR_E, fd_arg0},
	{PPME_SYSCALL_FCHDIR_X, res_only},
	{PPME_SYSCALL_GETCWD_X, getcwd_x},
	{PPME_SYSCALL_CHROOT_X, res_path0},
	{PPME_SYSCALL_MOUNT_E, mount_e},
	{PPME_SYSCALL_MOUNT_X, mount_x},
	{PPME_SYSCALL_UMOUNT_E, umount_e},
	{PPME_SYSCALL_UMOUNT_X, res_path0},
	{PPME_SYSCALL_QUOTACTL_E, quotactl_e},
	{PPME_SYSCALL_QUOTACTL_X, quotactl_x},
);
