/* chown, lchown, fchown, fchownat. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(chown) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_CHOWN_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* path */
	ev__u32(s, (__u32)ARG(1));                       /* uid */
	ev__u32(s, (__u32)ARG(2));                       /* gid */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(lchown) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_LCHOWN_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* path */
	ev__u32(s, (__u32)ARG(1));                       /* uid */
	ev__u32(s, (__u32)ARG(2));                       /* gid */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(fchown) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_FCHOWN_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__u32(s, (__u32)ARG(1));                       /* uid */
	ev__u32(s, (__u32)ARG(2));                       /* gid */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(fchownat) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_FCHOWNAT_X);
	ev__s64(s, ret);                                   /* res */
	ev__s64(s, dirfd_to_ppm(ARG(0)));                  /* dirfd */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);        /* pathname */
	ev__u32(s, (__u32)ARG(2));                         /* uid */
	ev__u32(s, (__u32)ARG(3));                         /* gid */
	ev__u32(s, fchownat_flags_to_ppm((__u32)ARG(4)));  /* flags */
	ev__submit(s);
	return 0;
}
