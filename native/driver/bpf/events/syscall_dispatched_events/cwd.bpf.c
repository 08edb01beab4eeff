/* getcwd, chdir, fchdir, chroot: the working and root directories. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(getcwd) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_GETCWD_X);
	ev__s64(s, ret);                                 /* res */
	if(ret >= 0)                                     /* the buffer is only filled on success */
		ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);  /* path */
	else
		ev__empty(s);
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(chdir) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_CHDIR_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* path */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(fchdir) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_FCHDIR_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(chroot) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_CHROOT_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* path */
	ev__submit(s);
	return 0;
}
