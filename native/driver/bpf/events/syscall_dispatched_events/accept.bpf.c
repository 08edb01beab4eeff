/* accept and accept4: the new fd, its tuple (remote end first) and the
 * listen queue of the accepting socket. */
#include "../../helpers/syscall_exit.h"

static __always_inline void ev__accept_common(struct scratch *s, struct pt_regs *regs, long ret, int ia32) {
	ev__s64(s, ret);                                 /* fd */
	if(ret >= 0)
		ev__socktuple(s, ret, INBOUND, 0);           /* tuple */
	else
		ev__empty(s);
	__u32 qlen = 0, qmax = 0;
	struct socket *sock = file__socket(fd__file(task__current(), (int)ARG(0)));
	struct sock *sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
	if(sk) {
		qlen = BPF_CORE_READ(sk, sk_ack_backlog);
		qmax = BPF_CORE_READ(sk, sk_max_ack_backlog);
	}
	ev__u8(s, qmax ? (__u8)(qlen * 100 / qmax) : 0); /* queuepct */
	ev__u32(s, qlen);                                /* queuelen */
	ev__u32(s, qmax);                                /* queuemax */
}

SYSCALL_EXIT_PROG(accept) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_ACCEPT_5_X);
	ev__accept_common(s, regs, ret, ia32);
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(accept4) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_ACCEPT4_6_X);
	ev__accept_common(s, regs, ret, ia32);
	ev__s32(s, (int)ARG(3));                         /* flags */
	ev__submit(s);
	return 0;
}
