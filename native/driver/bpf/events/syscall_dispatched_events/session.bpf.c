/* setsid, setpgid. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(setsid) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SETSID_X);
	ev__s64(s, ret);                                 /* res: the new session id */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(setpgid) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SETPGID_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* pid */
	ev__s64(s, (int)ARG(1));                         /* pgid */
	ev__submit(s);
	return 0;
}
