/* readv, preadv: total size offered, the data read (up to snaplen), fd. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/iovec.h"

SYSCALL_EXIT_PROG(readv) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_READV_X);
	ev__s64(s, ret);                              /* res */
	ev__u32(s, iovec__total(ARG(1), ARG(2)));     /* size */
	ev__iovec_data(s, ARG(1), ARG(2), ret);       /* data */
	ev__s64(s, (int)ARG(0));                      /* fd */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(preadv) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_PREADV_X);
	ev__s64(s, ret);                              /* res */
	ev__u32(s, iovec__total(ARG(1), ARG(2)));     /* size */
	ev__iovec_data(s, ARG(1), ARG(2), ret);       /* data */
	ev__s64(s, (int)ARG(0));                      /* fd */
	ev__u64(s, ARG(3));                           /* pos */
	ev__submit(s);
	return 0;
}
