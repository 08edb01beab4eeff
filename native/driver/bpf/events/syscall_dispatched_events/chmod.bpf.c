/* chmod, fchmod, fchmodat. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(chmod) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_CHMOD_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* filename */
	ev__u32(s, mode_to_ppm((__u32)ARG(1)));          /* mode */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(fchmod) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_FCHMOD_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__u32(s, mode_to_ppm((__u32)ARG(1)));          /* mode */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(fchmodat) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_FCHMODAT_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, dirfd_to_ppm(ARG(0)));                /* dirfd */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);      /* filename */
	ev__u32(s, mode_to_ppm((__u32)ARG(2)));          /* mode */
	ev__submit(s);
	return 0;
}
