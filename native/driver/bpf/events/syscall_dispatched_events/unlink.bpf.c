/* unlink, unlinkat, rmdir. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(unlink) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_UNLINK_2_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* path */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(unlinkat) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_UNLINKAT_2_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, dirfd_to_ppm(ARG(0)));                /* dirfd */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);      /* name */
	ev__u32(s, at_flags_to_ppm((__u32)ARG(2)));      /* flags */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(rmdir) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_RMDIR_2_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* path */
	ev__submit(s);
	return 0;
}
