/* Moving bytes through fds: read/write and their positional and vectored
 * forms, and waiting on fds (poll, ppoll, select, epoll_wait). */
#include "common.h"

#include <linux/uaccess.h>

static void res_only(struct evt *e)
{
	p_res(e);                                         /* res */
}

static void fd_size_e(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
	evt_u32(e, (u32)ARG(2));                          /* size */
}

static void fd_size_pos_e(struct evt *e)
{
	fd_size_e(e);
	evt_u64(e, ARG(3));                               /* pos */
}

/* read, pread64: what was read */
static void read_x(struct evt *e)
{
	p_res(e);                                         /* res */
	evt_user_buf(e, ARG(1), RET);                     /* data */
}

/* write, pwrite64: what was written (or asked to be) */
static void write_x(struct evt *e)
{
	p_res(e);                                         /* res */
	p_io_data(e, ARG(1), ARG(2));                     /* data */
}

static void fd_e(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
}

/* readv, preadv: the total asked for, then what was read */
static void readv_x(struct evt *e)
{
	p_res(e);                                         /* res */
	evt_u32(e, (u32)iovec_total(e, ARG(1), ARG(2)));  /* size */
	p_iovec_data(e, ARG(1), ARG(2), RET);             /* data */
}

static void preadv_e(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
	evt_u64(e, ARG(3));                               /* pos */
}

static void writev_e(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
	evt_u32(e, (u32)iovec_total(e, ARG(1), ARG(2)));  /* size */
}

static void pwritev_e(struct evt *e)
{
	writev_e(e);
	evt_u64(e, ARG(3));                               /* pos */
}

static void writev_x(struct evt *e)
{
	long len = RET > 0 ? RET : (long)iovec_total(e, ARG(1), ARG(2));

	p_res(e);                                         /* res */
	p_iovec_data(e, ARG(1), ARG(2), len);             /* data */
}

static void poll_e(struct evt *e)
{
	p_fdlist(e, ARG(0), ARG(1), false);               /* fds */
	p_s64(e, (s64)(int)ARG(2));                       /* timeout */
}

static void poll_x(struct evt *e)
{
	p_res(e);                                         /* res */
	p_fdlist(e, ARG(0), ARG(1), true);                /* fds */
}

static void ppoll_e(struct evt *e)
{
	u32 mask = 0;

	if (ARG(3) && copy_from_user_nofault(&mask, (const void __user *)ARG(3), sizeof(mask)))
		mask = 0;
	p_fdlist(e, ARG(0), ARG(1), false);               /* fds */
	p_timespec(e, ARG(2));                            /* timeout */
	evt_u32(e, mask);                                 /* sigmask */
}

static void epoll_wait_e(struct evt *e)
{
	p_s64(e, (s64)(int)ARG(2));                       /* maxevents */
}

DEFINE_FILLERS(io,
	{PPME_SYSCALL_READ_E, fd_size_e},
	{PPME_SYSCALL_READ_X, read_x},
	{PPME_SYSCALL_WRITE_E, fd_size_e},
	{PPME_SYSCALL_WRITE_X, write_x},
	{PPME_SYSCALL_PREAD_E, fd_size_pos_e},
	{PPME_SYSCALL_PREAD_X, read_x},
	{PPME_SYSCALL_PWRITE_E, fd_size_pos_e},
	{PPME_SYSCALL_PWRITE_X, write_x},
	{PPME_SYSCALL_READV_E, fd_e},
	{PPME_SYSCALL_READV_X, readv_x},
	{PPME_SYSCALL_PREADV_E, preadv_e},
	{PPME_SYSCALL_PREADV_X, readv_x},
	{PPME_SYSCALL_WRITEV_E, writev_e},
	{PPME_SYSCALL_WRITEV_X, writev_x},
	{PPME_SYSCALL_PWRITEV_E, pwritev_e},
	{PPME_SYSCALL_PWRITEV_X, writev_x},
	{PPME_SYSCALL_POLL_E, poll_e},
	{PPME_SYSCALL_POLL_X, poll_x},
	{PPME_SYSCALL_PPOLL_E, ppoll_e},
	{PPME_SYSCALL_PPOLL_X, poll_x},
	{PPME_SYSCALL_SELECT_X, res_only},
	{PPME_SYSCALL_EPOLLWAIT_E, epoll_wait_e},
	{PPME_SYSCALL_EPOLLWAIT_X, res_only},
);
