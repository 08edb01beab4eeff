/* What every family file of fillers uses: argument access, the common
 * parameter shapes, and helpers that look at fds, sockets and the task. */
#ifndef SINSPECT_FILLERS_COMMON_H
#define SINSPECT_FILLERS_COMMON_H

#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/types.h>

#include "../event.h"
#include "fillers.h"
#include "ppm_flags.h" /* native/driver/common: shared with the eBPF probe */
#include "ppm_events_gen.h"

#define ARG(i) (e->args[i])
#define RET (e->ret)

/* Caps on what one parameter takes from user memory. */
#define MAX_PATH_PARAM PATH_MAX
#define MAX_ARGS_PARAM 4096
#define MAX_IOVECS 32

/* res / fd / pid style parameters: a signed 64-bit value. */
static inline void p_s64(struct evt *e, s64 v) { evt_u64(e, (u64)v); }
static inline void p_res(struct evt *e) { p_s64(e, RET); }
static inline void p_fd(struct evt *e, u64 fd) { p_s64(e, (s64)(int)fd); }
static inline void p_dirfd(struct evt *e, u64 fd) { p_s64(e, dirfd_to_ppm(fd)); }
static inline void p_path(struct evt *e, unsigned long uptr) { evt_user_str(e, uptr, MAX_PATH_PARAM); }
/* I/O data: the bytes transferred (up to snaplen); when the call failed,
 * what it was asked to move. */
static inline void p_io_data(struct evt *e, unsigned long uptr, u64 size)
{
	evt_user_buf(e, uptr, RET > 0 ? RET : (long)min_t(u64, size, LONG_MAX));
}

/* ---- fds (helpers_fd.c) ---- */
u32 fd_dev(int fd);
u64 fd_ino(int fd);
/* Reads two ints at uptr (pipe, socketpair results). */
int read_fd_pair(unsigned long uptr, int *a, int *b);
/* PT_FDLIST from a user struct pollfd array; with revents, the returned events. */
void p_fdlist(struct evt *e, unsigned long ufds, unsigned long nfds, bool revents);
/* PT_RELTIME from a user struct timespec (0 when absent). */
void p_timespec(struct evt *e, unsigned long uts);
/* Total length of a user iovec array. */
u64 iovec_total(struct evt *e, unsigned long uiov, unsigned long cnt);
/* PT_BYTEBUF gathered from a user iovec array: at most len bytes (and snaplen). */
void p_iovec_data(struct evt *e, unsigned long uiov, unsigned long cnt, long len);

/* ---- sockets (helpers_net.c) ---- */
/* PT_SOCKADDR from a user sockaddr of ulen bytes. */
void p_sockaddr_user(struct evt *e, unsigned long uaddr, long ulen);
/* PT_SOCKADDR: the local address of socket fd. */
void p_sockaddr_local(struct evt *e, int fd);
/* PT_SOCKTUPLE of socket fd. The remote end comes from the connected
 * socket, or from a user sockaddr (uaddr, ulen) when given. Inbound tuples
 * put the remote end first. Empty when fd is no socket. */
void p_socktuple(struct evt *e, int fd, unsigned long uaddr, long ulen, bool inbound);
/* Listen queue of socket fd: backlog in use and its maximum. */
void socket_queue(int fd, u32 *len, u32 *max);
/* Kernel addresses of a socket and its peer (unix socketpair ids). */
void socket_ids(int fd, u64 *self, u64 *peer);

/* ---- the task (helpers_proc.c) ---- */
/* The parameters clone and execve exits share, from `exe` to `cgroups`
 * (exe, args, tid, pid, ptid, cwd, fdlimit, pgft_maj, pgft_min, vm_size,
 * vm_rss, vm_swap, comm, cgroups). */
void p_proc_startup(struct evt *e);
/* vm_size, vm_rss, vm_swap in KiB of the current task. */
void p_vm_sizes(struct evt *e);
void p_env(struct evt *e);
u32 task_tty(void);
s32 task_loginuid(void);

#endif
