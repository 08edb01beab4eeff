/* signalfd, signalfd4. The mask is not captured (0), as in the reference
 * drivers; signalfd has no flags (0). */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(signalfd) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SIGNALFD_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__u32(s, 0);                                   /* mask */
	ev__u8(s, 0);                                    /* flags */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(signalfd4) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SIGNALFD4_X);
	ev__s64(s, ret);                                            /* res */
	ev__u16(s, (__u16)fd_nonblock_cloexec_to_ppm((int)ARG(3))); /* flags */
	ev__s64(s, (int)ARG(0));                                    /* fd */
	ev__u32(s, 0);                                              /* mask */
	ev__submit(s);
	return 0;
}
