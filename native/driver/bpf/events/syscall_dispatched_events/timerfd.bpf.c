/* timerfd_create. flags is a u8 in the table: PPM_O_CLOEXEC (4096) does not
 * fit, so only PPM_O_NONBLOCK can show, as with the reference drivers. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(timerfd_create) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_TIMERFD_CREATE_X);
	ev__s64(s, ret);                                            /* res */
	ev__u8(s, (__u8)ARG(0));                                    /* clockid */
	ev__u8(s, (__u8)fd_nonblock_cloexec_to_ppm((int)ARG(1)));   /* flags */
	ev__submit(s);
	return 0;
}
