/* sendmmsg, recvmmsg: one event per message transferred (at most
 * MAX_MMSG_EVENTS), each with that message's byte count as res; a failed or
 * empty call gives one event with the result and no data. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/iovec.h"
#include "../../helpers/msghdr.h"

#define MAX_MMSG_EVENTS 16

struct mmsg_walk {
	unsigned long vec; /* struct mmsghdr array */
	long fd;
};

static __always_inline int read_mmsghdr(struct mmsg_walk *w, __u32 i, struct mmsghdr_user *m) {
	return bpf_probe_read_user(m, sizeof(*m), (void *)(w->vec + i * sizeof(*m)));
}

static long sendmmsg_one(__u32 i, void *arg) {
	struct mmsg_walk *w = arg;
	struct mmsghdr_user m = {};
	if(read_mmsghdr(w, i, &m))
		return 1;
	struct scratch *s = ev__begin(PPME_SOCKET_SENDMMSG_X);
	if(!s)
		return 1;
	ev__s64(s, m.len);                                        /* res */
	ev__s64(s, w->fd);                                        /* fd */
	ev__u32(s, iovec__total(m.hdr.iov, m.hdr.iovlen));        /* size */
	ev__iovec_data(s, m.hdr.iov, m.hdr.iovlen, m.len);        /* data */
	ev__socktuple(s, w->fd, OUTBOUND, m.hdr.name);            /* tuple */
	ev__submit(s);
	return 0;
}

static long recvmmsg_one(__u32 i, void *arg) {
	struct mmsg_walk *w = arg;
	struct mmsghdr_user m = {};
	if(read_mmsghdr(w, i, &m))
		return 1;
	struct scratch *s = ev__begin(PPME_SOCKET_RECVMMSG_X);
	if(!s)
		return 1;
	ev__s64(s, m.len);                                        /* res */
	ev__s64(s, w->fd);                                        /* fd */
	ev__u32(s, m.len);                                        /* size */
	ev__iovec_data(s, m.hdr.iov, m.hdr.iovlen, m.len);        /* data */
	ev__socktuple(s, w->fd, INBOUND, m.hdr.name);             /* tuple */
	if(m.hdr.control && m.hdr.controllen)
		ev__bytes(s, m.hdr.control, (long)(m.hdr.controllen & 0xffff), USER_MEM); /* msgcontrol */
	else
		ev__empty(s);
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(sendmmsg) {
	long fd = (int)ARG(0);
	if(ret <= 0) {
		BEGIN_OR_RETURN(s, PPME_SOCKET_SENDMMSG_X);
		ev__s64(s, ret);                                      /* res */
		ev__s64(s, fd);                                       /* fd */
		ev__u32(s, 0);                                        /* size */
		ev__empty(s);                                         /* data */
		ev__empty(s);                                         /* tuple */
		ev__submit(s);
		return 0;
	}
	struct mmsg_walk w = {.vec = ARG(1), .fd = fd};
	bpf_loop(ret < MAX_MMSG_EVENTS ? ret : MAX_MMSG_EVENTS, sendmmsg_one, &w, 0);
	return 0;
}

SYSCALL_EXIT_PROG(recvmmsg) {
	long fd = (int)ARG(0);
	if(ret <= 0) {
		BEGIN_OR_RETURN(s, PPME_SOCKET_RECVMMSG_X);
		ev__s64(s, ret);                                      /* res */
		ev__s64(s, fd);                                       /* fd */
		ev__u32(s, 0);                                        /* size */
		ev__empty(s);                                         /* data */
		ev__empty(s);                                         /* tuple */
		ev__empty(s);                                         /* msgcontrol */
		ev__submit(s);
		return 0;
	}
	struct mmsg_walk w = {.vec = ARG(1), .fd = fd};
	bpf_loop(ret < MAX_MMSG_EVENTS ? ret : MAX_MMSG_EVENTS, recvmmsg_one, &w, 0);
	return 0;
}
