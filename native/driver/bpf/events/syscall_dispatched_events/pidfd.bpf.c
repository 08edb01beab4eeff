/* pidfd_open, pidfd_getfd. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(pidfd_open) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_PIDFD_OPEN_X);
	ev__s64(s, ret);                                     /* fd */
	ev__s64(s, (int)ARG(0));                             /* pid */
	ev__u32(s, pidfd_open_flags_to_ppm((__u32)ARG(1)));  /* flags */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(pidfd_getfd) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_PIDFD_GETFD_X);
	ev__s64(s, ret);                                 /* fd */
	ev__s64(s, (int)ARG(0));                         /* pid_fd */
	ev__s64(s, (int)ARG(1));                         /* target_fd */
	ev__u32(s, (__u32)ARG(2));                       /* flags */
	ev__submit(s);
	return 0;
}
