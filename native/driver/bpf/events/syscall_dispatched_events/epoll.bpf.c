/* epoll_create, epoll_create1, epoll_wait. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(epoll_create) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_EPOLL_CREATE_X);
	ev__s64(s, ret);                                       /* res */
	ev__s32(s, (int)ARG(0));                               /* size */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(epoll_create1) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_EPOLL_CREATE1_X);
	ev__s64(s, ret);                                       /* res */
	ev__u32(s, epoll_create1_flags_to_ppm((__u32)ARG(0))); /* flags */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(epoll_wait) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_EPOLLWAIT_X);
	ev__s64(s, ret);                                       /* res */
	ev__s64(s, (int)ARG(2));                               /* maxevents */
	ev__submit(s);
	return 0;
}
