/* seccomp: operation and flags. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(seccomp) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SECCOMP_X);
	ev__s64(s, ret);                                 /* res */
	ev__u64(s, ARG(0));                              /* op */
	ev__u64(s, (__u32)ARG(1));                       /* flags */
	ev__submit(s);
	return 0;
}
