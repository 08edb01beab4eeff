/* Sockets: creation, addressing, connections, data and options. */
#include "common.h"

#include <linux/socket.h>
#include <linux/uaccess.h>
#include <linux/time64.h>

static void res_only(struct evt *e)
{
	p_res(e);                                         /* res */
}

static void fd_e(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
}

/* socket, socketpair: address families have the PPM_AF_* values. */
static void socket_e(struct evt *e)
{
	evt_u32(e, (u32)ARG(0));                          /* domain */
	evt_u32(e, (u32)ARG(1));                          /* type */
	evt_u32(e, (u32)ARG(2));                          /* proto */
}

static void bind_x(struct evt *e)
{
	p_res(e);                                         /* res */
	p_sockaddr_user(e, ARG(1), (long)(int)ARG(2));    /* addr */
}

static void connect_e(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
	p_sockaddr_user(e, ARG(1), (long)(int)ARG(2));    /* addr */
}

static void connect_x(struct evt *e)
{
	p_res(e);                                         /* res */
	p_socktuple(e, (int)ARG(0), ARG(1), (long)(int)ARG(2), false); /* tuple */
}

static void listen_e(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
	evt_u32(e, (u32)ARG(1));                          /* backlog */
}

static void accept4_e(struct evt *e)
{
	evt_u32(e, (u32)ARG(3));                          /* flags */
}

/* accept, accept4: the new connection, inbound; the listener's queue. */
static void accept_x(struct evt *e)
{
	u32 qlen, qmax;

	socket_queue((int)ARG(0), &qlen, &qmax);
	p_res(e);                                         /* fd */
	if (RET >= 0)
		p_socktuple(e, (int)RET, 0, 0, true);     /* tuple */
	else
		evt_empty(e);
	evt_u8(e, qmax ? (u8)min_t(u32, qlen * 100 / qmax, 100) : 0); /* queuepct */
	evt_u32(e, qlen);                                 /* queuelen */
	evt_u32(e, qmax);                                 /* queuemax */
}

static void fd_size_e(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
	evt_u32(e, (u32)ARG(2));                          /* size */
}

static void sendto_e(struct evt *e)
{
	fd_size_e(e);
	p_socktuple(e, (int)ARG(0), ARG(4), (long)(int)ARG(5), false); /* tuple */
}

static void send_x(struct evt *e)
{
	p_res(e);                                         /* res */
	p_io_data(e, ARG(1), ARG(2));                     /* data */
}

static long user_int(unsigned long uptr)
{
	int v = 0;

	if (!uptr || copy_from_user_nofault(&v, (const void __user *)uptr, sizeof(v)))
		return 0;
	return v;
}

static void recvfrom_x(struct evt *e)
{
	p_res(e);                                         /* res */
	evt_user_buf(e, ARG(1), RET);                     /* data */
	if (RET >= 0)
		p_socktuple(e, (int)ARG(0), ARG(4), user_int(ARG(5)), true); /* tuple */
	else
		evt_empty(e);
}

static void shutdown_e(struct evt *e)
{
	p_fd(e, ARG(0));                                  /* fd */
	evt_u8(e, shutdown_how_to_ppm(ARG(1)));           /* how */
}

static void socketpair_x(struct evt *e)
{
	int fd1 = -1, fd2 = -1;
	u64 self = 0, peer = 0;

	if (RET >= 0) {
		read_fd_pair(ARG(3), &fd1, &fd2);
		socket_ids(fd1, &self, &peer);
	}
	p_res(e);                                         /* res */
	p_s64(e, fd1);                                    /* fd1 */
	p_s64(e, fd2);                                    /* fd2 */
	evt_u64(e, self);                                 /* source */
	evt_u64(e, peer);                                 /* peer */
}

/* ---- sendmsg / recvmsg: a user struct msghdr ---- */

struct user_msghdr_view {
	unsigned long name;
	long namelen;
	unsigned long iov;
	unsigned long iovlen;
};

static bool read_msghdr(struct evt *e, unsigned long umsg, struct user_msghdr_view *m)
{
	struct user_msghdr h;

	memset(m, 0, sizeof(*m));
	if (!umsg || copy_from_user_nofault(&h, (const void __user *)umsg, sizeof(h))) {
		evt_count_fault(e);
		return false;
	}
	m->name = (unsigned long)h.msg_name;
	m->namelen = h.msg_namelen;
	m->iov = (unsigned long)h.msg_iov;
	m->iovlen = h.msg_iovlen;
	return true;
}

static void sendmsg_e(struct evt *e)
{
	struct user_msghdr_view m;

	read_msghdr(e, ARG(1), &m);
	p_fd(e, ARG(0));                                  /* fd */
	evt_u32(e, (u32)iovec_total(e, m.iov, m.iovlen)); /* size */
	p_socktuple(e, (int)ARG(0), m.name, m.namelen, false); /* tuple */
}

static void sendmsg_x(struct evt *e)
{
	struct user_msghdr_view m;
	long len;

	read_msghdr(e, ARG(1), &m);
	len = RET > 0 ? RET : (long)iovec_total(e, m.iov, m.iovlen);
	p_res(e);                                         /* res */
	p_iovec_data(e, m.iov, m.iovlen, len);            /* data */
}

static void recvmsg_x(struct evt *e)
{
	struct user_msghdr_view m;

	read_msghdr(e, ARG(1), &m);
	p_res(e);                                         /* res */
	evt_u32(e, (u32)iovec_total(e, m.iov, m.iovlen)); /* size */
	p_iovec_data(e, m.iov, m.iovlen, RET);            /* data */
	if (RET >= 0)
		p_socktuple(e, (int)ARG(0), m.name, m.namelen, true); /* tuple */
	else
		evt_empty(e);
}

/* ---- socket options ---- */

static u8 sockopt_level_to_ppm(u64 level)
{
	switch (level) {
	case SOL_SOCKET: return PPM_SOCKOPT_LEVEL_SOL_SOCKET;
	case 6 /* SOL_TCP */: return PPM_SOCKOPT_LEVEL_SOL_TCP;
	default: return PPM_SOCKOPT_LEVEL_UNKNOWN;
	}
}

/* SOL_SOCKET option names: 1..50 keep their numbers. */
static u8 sockopt_name_to_ppm(u64 level, u64 name)
{
	if (level != SOL_SOCKET)
		return PPM_SOCKOPT_UNKNOWN;
	if (name >= 1 && name <= 50)
		return (u8)name;
	switch (name) {
	case 55: return PPM_SOCKOPT_SO_MEMINFO;
	case 57: return PPM_SOCKOPT_SO_COOKIE;
	case 59: return PPM_SOCKOPT_SO_PEERGROUPS;
	default: return PPM_SOCKOPT_UNKNOWN;
	}
}

/* The option value as a PT_DYN parameter: index byte, then the value. */
static void p_sockopt_val(struct evt *e, u64 level, u64 name, unsigned long uval, u32 len)
{
	u8 idx = PPM_SOCKOPT_IDX_UNKNOWN;

	evt_open(e);
	if (!uval || len == 0) {
		evt_close(e);
		return;
	}
	if (level == SOL_SOCKET && name == SO_ERROR && len >= 4) {
		int v = 0;
		s64 err;

		if (copy_from_user_nofault(&v, (const void __user *)uval, 4) == 0) {
			idx = PPM_SOCKOPT_IDX_ERRNO;
			err = -(s64)v;
			evt_push(e, &idx, 1);
			evt_push(e, &err, 8);
		}
	} else if (level == SOL_SOCKET && (name == 20 || name == 21) && len >= sizeof(struct __kernel_old_timeval)) {
		struct __kernel_old_timeval tv;
		u64 ns;

		if (copy_from_user_nofault(&tv, (const void __user *)uval, sizeof(tv)) == 0) {
			idx = PPM_SOCKOPT_IDX_TIMEVAL;
			ns = (u64)tv.tv_sec * NSEC_PER_SEC + (u64)tv.tv_usec * NSEC_PER_USEC;
			evt_push(e, &idx, 1);
			evt_push(e, &ns, 8);
		}
	} else if (len == 4 || len == 8) {
		u64 v = 0;

		if (copy_from_user_nofault(&v, (const void __user *)uval, len) == 0) {
			idx = len == 4 ? PPM_SOCKOPT_IDX_UINT32 : PPM_SOCKOPT_IDX_UINT64;
			evt_push(e, &idx, 1);
			evt_push(e, &v, len);
		}
	} else {
		evt_push(e, &idx, 1);
		evt_push_user(e, uval, min_t(u32, len, e->snaplen));
	}
	evt_close(e);
}

static void sockopt_x(struct evt *e, u32 len)
{
	p_res(e);                                         /* res */
	p_fd(e, ARG(0));                                  /* fd */
	evt_u8(e, sockopt_level_to_ppm(ARG(1)));          /* level */
	evt_u8(e, sockopt_name_to_ppm(ARG(1), ARG(2)));   /* optname */
	p_sockopt_val(e, ARG(1), ARG(2), ARG(3), len);    /* val */
	evt_u32(e, len);                                  /* optlen */
}

static void setsockopt_x(struct evt *e)
{
	sockopt_x(e, (u32)ARG(4));
}

static void getsockopt_x(struct evt *e)
{
	sockopt_x(e, (u32)user_int(ARG(4)));
}

DEFINE_FILLERS(net,
	{PPME_SOCKET_SOCKET_E, socket_e},
	{PPME_SOCKET_SOCKET_X, res_only},
	{PPME_SOCKET_SOCKETPAIR_E, socket_e},
	{PPME_SOCKET_SOCKETPAIR_X, socketpair_x},
	{PPME_SOCKET_BIND_E, fd_e},
	{PPME_SOCKET_BIND_X, bind_x},
	{PPME_SOCKET_CONNECT_E, connect_e},
	{PPME_SOCKET_CONNECT_X, connect_x},
	{PPME_SOCKET_LISTEN_E, listen_e},
	{PPME_SOCKET_LISTEN_X, res_only},
	{PPME_SOCKET_ACCEPT_5_X, accept_x},
	{PPME_SOCKET_ACCEPT4_5_E, accept4_e},
	{PPME_SOCKET_ACCEPT4_5_X, accept_x},
	{PPME_SOCKET_SENDTO_E, sendto_e},
	{PPME_SOCKET_SENDTO_X, send_x},
	{PPME_SOCKET_RECVFROM_E, fd_size_e},
	{PPME_SOCKET_RECVFROM_X, recvfrom_x},
	{PPME_SOCKET_SENDMSG_E, sendmsg_e},
	{PPME_SOCKET_SENDMSG_X, sendmsg_x},
	{PPME_SOCKET_RECVMSG_E, fd_e},
	{PPME_SOCKET_RECVMSG_X, recvmsg_x},
	{PPME_SOCKET_SHUTDOWN_E, shutdown_e},
	{PPME_SOCKET_SHUTDOWN_X, res_only},
	{PPME_SOCKET_SETSOCKOPT_X, setsockopt_x},
	{PPME_SOCKET_GETSOCKOPT_X, getsockopt_x},
);
