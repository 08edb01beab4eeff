/* inotify_init (flags always 0), inotify_init1. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(inotify_init) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_INOTIFY_INIT_X);
	ev__s64(s, ret);                                 /* res */
	ev__u8(s, 0);                                    /* flags */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(inotify_init1) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_INOTIFY_INIT1_X);
	ev__s64(s, ret);                                            /* res */
	ev__u16(s, (__u16)fd_nonblock_cloexec_to_ppm((int)ARG(0))); /* flags */
	ev__submit(s);
	return 0;
}
