/* userfaultfd: flags as passed (O_CLOEXEC/O_NONBLOCK/UFFD_USER_MODE_ONLY). */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(userfaultfd) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_USERFAULTFD_X);
	ev__s64(s, ret);                                 /* res */
	ev__u32(s, (__u32)ARG(0));                       /* flags */
	ev__submit(s);
	return 0;
}
