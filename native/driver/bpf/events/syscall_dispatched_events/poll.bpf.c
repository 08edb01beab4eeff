/* poll, ppoll: the fds with the events the kernel returned, and the timeout. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/fdlist.h"
#include "../../helpers/timespec.h"

SYSCALL_EXIT_PROG(poll) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_POLL_X);
	ev__s64(s, ret);                                 /* res */
	ev__poll_fdlist(s, ARG(0), (__u32)ARG(1));       /* fds */
	ev__s64(s, (int)ARG(2));                         /* timeout (ms) */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(ppoll) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_PPOLL_X);
	__u64 sigmask = 0;
	if(ARG(3))
		bpf_probe_read_user(&sigmask, sizeof(sigmask), (void *)ARG(3));
	ev__s64(s, ret);                                 /* res */
	ev__poll_fdlist(s, ARG(0), (__u32)ARG(1));       /* fds */
	ev__u64(s, user_timespec_ns(ARG(2)));            /* timeout */
	ev__u32(s, (__u32)sigmask);                      /* sigmask: signals 1..32 */
	ev__submit(s);
	return 0;
}
