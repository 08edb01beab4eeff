/* Syscalls that make or copy fds without opening a path: pipe, dup,
 * eventfd, signalfd, timerfd, inotify, userfaultfd; and the fd-to-fd copies
 * splice, sendfile and copy_file_range. */
#include "common.h"

#include <asm/unistd.h>
#include <linux/uaccess.h>

static void res_only(struct evt *e)
{
	p_res(e);                                 /* res */
}

static void pipe_x(struct evt *e)
{
	int fd1, fd2;

	read_fd_pair(ARG(0), &fd1, &fd2);
	p_res(e);                                 /* res */
	p_s64(e, RET >= 0 ? fd1 : -1);            /* fd1 */
	p_s64(e, RET >= 0 ? fd2 : -1);            /* fd2 */
	evt_u64(e, RET >= 0 ? fd_ino(fd1) : 0);   /* ino */
}

static void dup_e(struct evt *e)
{
	p_fd(e, ARG(0));                          /* fd */
}

static void eventfd_e(struct evt *e)
{
	evt_u64(e, ARG(0));                                   /* initval */
	evt_u32(e, e->nr == __NR_eventfd2 ? (u32)ARG(1) : 0); /* flags */
}

/* The first 32 signals of a user sigset. */
static u32 user_sigset32(unsigned long uptr)
{
	u32 v = 0;

	if (uptr && copy_from_user_nofault(&v, (const void __user *)uptr, sizeof(v)))
		v = 0;
	return v;
}

static void signalfd_e(struct evt *e)
{
	p_fd(e, ARG(0));                                      /* fd */
	evt_u32(e, user_sigset32(ARG(1)));                    /* mask */
	evt_u8(e, e->nr == __NR_signalfd4 ? (u8)ARG(3) : 0);  /* flags */
}

static void timerfd_create_e(struct evt *e)
{
	evt_u8(e, (u8)ARG(0));                    /* clockid */
	evt_u8(e, (u8)ARG(1));                    /* flags */
}

static void inotify_init_e(struct evt *e)
{
	evt_u8(e, e->nr == __NR_inotify_init1 ? (u8)ARG(0) : 0); /* flags */
}

static void userfaultfd_x(struct evt *e)
{
	p_res(e);                                 /* res */
	evt_u32(e, open_flags_to_ppm(ARG(0)));    /* flags: O_CLOEXEC, O_NONBLOCK */
}

static void splice_e(struct evt *e)
{
	p_fd(e, ARG(0));                          /* fd_in */
	p_fd(e, ARG(2));                          /* fd_out */
	evt_u64(e, ARG(4));                       /* size */
	evt_u32(e, (u32)ARG(5) & 0xf);            /* flags: SPLICE_F_* keep their values */
}

static u64 user_u64(unsigned long uptr)
{
	u64 v = 0;

	if (uptr && copy_from_user_nofault(&v, (const void __user *)uptr, sizeof(v)))
		v = 0;
	return v;
}

static void sendfile_e(struct evt *e)
{
	p_fd(e, ARG(0));                          /* out_fd */
	p_fd(e, ARG(1));                          /* in_fd */
	evt_u64(e, user_u64(ARG(2)));             /* offset */
	evt_u64(e, ARG(3));                       /* size */
}

static void sendfile_x(struct evt *e)
{
	p_res(e);                                 /* res */
	evt_u64(e, user_u64(ARG(2)));             /* offset */
}

static void copy_file_range_e(struct evt *e)
{
	p_fd(e, ARG(0));                          /* fdin */
	evt_u64(e, user_u64(ARG(1)));             /* offin */
	evt_u64(e, ARG(4));                       /* len */
}

static void copy_file_range_x(struct evt *e)
{
	p_res(e);                                 /* res */
	p_fd(e, ARG(2));                          /* fdout */
	evt_u64(e, user_u64(ARG(3)));             /* offout */
}

DEFINE_FILLERS(fdcreate,
	{PPME_SYSCALL_PIPE_X, pipe_x},
	{PPME_SYSCALL_DUP_E, dup_e},
	{PPME_SYSCALL_DUP_X, res_only},
	{PPME_SYSCALL_EVENTFD_E, eventfd_e},
	{PPME_SYSCALL_EVENTFD_X, res_only},
	{PPME_SYSCALL_SIGNALFD_E, signalfd_e},
	{PPME_SYSCALL_SIGNALFD_X, res_only},
	{PPME_SYSCALL_TIMERFD_CREATE_E, timerfd_create_e},
	{PPME_SYSCALL_TIMERFD_CREATE_X, res_only},
	{PPME_SYSCALL_INOTIFY_INIT_E, inotify_init_e},
	{PPME_SYSCALL_INOTIFY_INIT_X, res_only},
	{PPME_SYSCALL_USERFAULTFD_X, userfaultfd_x},
	{PPME_SYSCALL_SPLICE_E, splice_e},
	{PPME_SYSCALL_SPLICE_X, res_only},
	{PPME_SYSCALL_SENDFILE_E, sendfile_e},
	{PPME_SYSCALL_SENDFILE_X, sendfile_x},
	{PPME_SYSCALL_COPY_FILE_RANGE_E, copy_file_range_e},
	{PPME_SYSCALL_COPY_FILE_RANGE_X, copy_file_range_x},
);
