/* sendmsg and recvmsg: the data of the message's iovecs, sizes, tuple. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/iovec.h"
#include "../../helpers/msghdr.h"

SYSCALL_EXIT_PROG(sendmsg) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_SENDMSG_X);
	struct msghdr_user m = {};
	bpf_probe_read_user(&m, sizeof(m), (void *)ARG(1));
	long fd = (int)ARG(0);
	__u32 size = iovec__total(m.iov, m.iovlen);
	ev__s64(s, ret);                                            /* res */
	ev__iovec_data(s, m.iov, m.iovlen, ret > 0 ? ret : size);   /* data */
	ev__s64(s, fd);                                             /* fd */
	ev__u32(s, size);                                           /* size */
	ev__socktuple(s, fd, OUTBOUND, m.name);                     /* tuple */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(recvmsg) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_RECVMSG_X);
	struct msghdr_user m = {};
	bpf_probe_read_user(&m, sizeof(m), (void *)ARG(1));
	long fd = (int)ARG(0);
	ev__s64(s, ret);                                            /* res */
	ev__u32(s, iovec__total(m.iov, m.iovlen));                  /* size */
	ev__iovec_data(s, m.iov, m.iovlen, ret);                    /* data */
	if(ret >= 0)
		ev__socktuple(s, fd, INBOUND, m.name);                  /* tuple */
	else
		ev__empty(s);
	if(ret >= 0 && m.control && m.controllen)
		ev__bytes(s, m.control, (long)m.controllen, USER_MEM);  /* msgcontrol */
	else
		ev__empty(s);
	ev__s64(s, fd);                                             /* fd */
	ev__submit(s);
	return 0;
}
