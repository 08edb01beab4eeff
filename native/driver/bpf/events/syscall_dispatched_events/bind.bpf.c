/* bind and listen. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(bind) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_BIND_X);
	ev__s64(s, ret);                                 /* res */
	ev__user_sockaddr(s, ARG(1), (long)ARG(2));      /* addr */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(listen) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_LISTEN_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__s32(s, (int)ARG(1));                         /* backlog */
	ev__submit(s);
	return 0;
}
