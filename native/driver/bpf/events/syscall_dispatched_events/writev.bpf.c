/* writev, pwritev: the data written (up to snaplen), fd, total size offered. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/iovec.h"

SYSCALL_EXIT_PROG(writev) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_WRITEV_X);
	__u32 size = iovec__total(ARG(1), ARG(2));
	ev__s64(s, ret);                                          /* res */
	ev__iovec_data(s, ARG(1), ARG(2), ret > 0 ? ret : size);  /* data */
	ev__s64(s, (int)ARG(0));                                  /* fd */
	ev__u32(s, size);                                         /* size */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(pwritev) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_PWRITEV_X);
	__u32 size = iovec__total(ARG(1), ARG(2));
	ev__s64(s, ret);                                          /* res */
	ev__iovec_data(s, ARG(1), ARG(2), ret > 0 ? ret : size);  /* data */
	ev__s64(s, (int)ARG(0));                                  /* fd */
	ev__u32(s, size);                                         /* size */
	ev__u64(s, ARG(3));                                       /* pos */
	ev__submit(s);
	return 0;
}
