/* mkdir, mkdirat. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(mkdir) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_MKDIR_2_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* path */
	ev__u32(s, (__u32)ARG(1));                       /* mode */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(mkdirat) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_MKDIRAT_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, dirfd_to_ppm(ARG(0)));                /* dirfd */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);      /* path */
	ev__u32(s, (__u32)ARG(2));                       /* mode */
	ev__submit(s);
	return 0;
}
