/* eventfd (flags always 0), eventfd2. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(eventfd) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_EVENTFD_X);
	ev__s64(s, ret);                                 /* res */
	ev__u64(s, (__u32)ARG(0));                       /* initval */
	ev__u32(s, 0);                                   /* flags */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(eventfd2) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_EVENTFD2_X);
	ev__s64(s, ret);                                            /* res */
	ev__u16(s, (__u16)fd_nonblock_cloexec_to_ppm((int)ARG(1))); /* flags */
	ev__u64(s, (__u32)ARG(0));                                  /* initval */
	ev__submit(s);
	return 0;
}
