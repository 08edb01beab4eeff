/* write, pwrite64: the data written (up to snaplen), fd, requested size. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(write) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_WRITE_X);
	ev__s64(s, ret);                                         /* res */
	ev__bytes(s, ARG(1), ret > 0 ? ret : (long)ARG(2), USER_MEM); /* data */
	ev__s64(s, (int)ARG(0));                                 /* fd */
	ev__u32(s, (__u32)ARG(2));                               /* size */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(pwrite64) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_PWRITE_X);
	ev__s64(s, ret);                                         /* res */
	ev__bytes(s, ARG(1), ret > 0 ? ret : (long)ARG(2), USER_MEM); /* data */
	ev__s64(s, (int)ARG(0));                                 /* fd */
	ev__u32(s, (__u32)ARG(2));                               /* size */
	ev__u64(s, ARG(3));                                      /* pos */
	ev__submit(s);
	return 0;
}
