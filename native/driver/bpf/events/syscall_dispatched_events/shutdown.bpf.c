#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(shutdown) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_SHUTDOWN_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__u8(s, shutdown_how_to_ppm((long)ARG(1)));    /* how */
	ev__submit(s);
	return 0;
}
