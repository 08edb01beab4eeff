/* stat, lstat, fstat, newfstatat. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(stat) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_STAT_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* path */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(lstat) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_LSTAT_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* path */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(fstat) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_FSTAT_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(newfstatat) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_NEWFSTATAT_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, dirfd_to_ppm(ARG(0)));                /* dirfd */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);      /* path */
	ev__u32(s, at_flags_to_ppm((__u32)ARG(3)));      /* flags */
	ev__submit(s);
	return 0;
}
