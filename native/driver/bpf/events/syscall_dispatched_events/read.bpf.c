/* read, pread64: the data actually read (up to snaplen), fd, requested size. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(read) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_READ_X);
	ev__s64(s, ret);                         /* res */
	ev__bytes(s, ARG(1), ret, USER_MEM);     /* data */
	ev__s64(s, (int)ARG(0));                 /* fd */
	ev__u32(s, (__u32)ARG(2));               /* size */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(pread64) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_PREAD_X);
	ev__s64(s, ret);                         /* res */
	ev__bytes(s, ARG(1), ret, USER_MEM);     /* data */
	ev__s64(s, (int)ARG(0));                 /* fd */
	ev__u32(s, (__u32)ARG(2));               /* size */
	ev__u64(s, ARG(3));                      /* pos */
	ev__submit(s);
	return 0;
}
