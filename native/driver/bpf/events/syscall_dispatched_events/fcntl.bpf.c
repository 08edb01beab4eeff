/* fcntl and flock. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(fcntl) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_FCNTL_X);
	ev__s64(s, ret);                                 /* res (a new fd for F_DUPFD*) */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__u8(s, fcntl_cmd_to_ppm((__u32)ARG(1), ia32)); /* cmd */
	ev__u64(s, ARG(2));                              /* arg */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(flock) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_FLOCK_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__u32(s, flock_op_to_ppm((__u32)ARG(1)));      /* operation */
	ev__submit(s);
	return 0;
}
