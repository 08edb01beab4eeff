/* ioctl: the request and its argument as raw numbers. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(ioctl) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_IOCTL_3_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__u64(s, ARG(1));                              /* request */
	ev__u64(s, ARG(2));                              /* argument */
	ev__submit(s);
	return 0;
}
