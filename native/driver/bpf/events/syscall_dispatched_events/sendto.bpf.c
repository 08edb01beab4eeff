/* sendto and recvfrom: data up to snaplen, fd, size, and the tuple. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(sendto) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_SENDTO_X);
	long fd = (int)ARG(0);
	ev__s64(s, ret);                                              /* res */
	ev__bytes(s, ARG(1), ret > 0 ? ret : (long)ARG(2), USER_MEM); /* data */
	ev__s64(s, fd);                                               /* fd */
	ev__u32(s, (__u32)ARG(2));                                    /* size */
	ev__socktuple(s, fd, OUTBOUND, ARG(4));                       /* tuple */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(recvfrom) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_RECVFROM_X);
	long fd = (int)ARG(0);
	ev__s64(s, ret);                                 /* res */
	ev__bytes(s, ARG(1), ret, USER_MEM);             /* data */
	if(ret >= 0)
		ev__socktuple(s, fd, INBOUND, ARG(4));       /* tuple */
	else
		ev__empty(s);
	ev__s64(s, fd);                                  /* fd */
	ev__u32(s, (__u32)ARG(2));                       /* size */
	ev__submit(s);
	return 0;
}
