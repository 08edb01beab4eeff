/* connect: the tuple of the socket after the call (also for EINPROGRESS),
 * the fd and the address the caller gave. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(connect) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_CONNECT_X);
	long fd = (int)ARG(0);
	ev__s64(s, ret);                                     /* res */
	if(ret == 0 || ret == -EINPROGRESS)
		ev__socktuple(s, fd, OUTBOUND, ARG(1));          /* tuple */
	else
		ev__empty(s);
	ev__s64(s, fd);                                      /* fd */
	ev__user_sockaddr(s, ARG(1), (long)ARG(2));          /* addr */
	ev__submit(s);
	return 0;
}
