/* rename, renameat, renameat2. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(rename) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_RENAME_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* oldpath */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);      /* newpath */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(renameat) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_RENAMEAT_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, dirfd_to_ppm(ARG(0)));                /* olddirfd */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);      /* oldpath */
	ev__s64(s, dirfd_to_ppm(ARG(2)));                /* newdirfd */
	ev__str(s, ARG(3), MAX_PATH_LEN, USER_MEM);      /* newpath */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(renameat2) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_RENAMEAT2_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, dirfd_to_ppm(ARG(0)));                /* olddirfd */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);      /* oldpath */
	ev__s64(s, dirfd_to_ppm(ARG(2)));                /* newdirfd */
	ev__str(s, ARG(3), MAX_PATH_LEN, USER_MEM);      /* newpath */
	ev__u32(s, rename_flags_to_ppm((__u32)ARG(4)));  /* flags */
	ev__submit(s);
	return 0;
}
