/* link, linkat, symlink, symlinkat. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(link) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_LINK_2_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* oldpath */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);      /* newpath */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(linkat) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_LINKAT_2_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, dirfd_to_ppm(ARG(0)));                /* olddir */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);      /* oldpath */
	ev__s64(s, dirfd_to_ppm(ARG(2)));                /* newdir */
	ev__str(s, ARG(3), MAX_PATH_LEN, USER_MEM);      /* newpath */
	ev__u32(s, linkat_flags_to_ppm((__u32)ARG(4)));  /* flags */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(symlink) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SYMLINK_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* target */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);      /* linkpath */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(symlinkat) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SYMLINKAT_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* target */
	ev__s64(s, dirfd_to_ppm(ARG(1)));                /* linkdirfd */
	ev__str(s, ARG(2), MAX_PATH_LEN, USER_MEM);      /* linkpath */
	ev__submit(s);
	return 0;
}
