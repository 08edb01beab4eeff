/* getsockname, getpeername: the table gives them no parameters. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(getsockname) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_GETSOCKNAME_X);
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(getpeername) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_GETPEERNAME_X);
	ev__submit(s);
	return 0;
}
