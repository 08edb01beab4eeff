/* pipe and pipe2: both fds and the pipe's inode. */
#include "../../helpers/syscall_exit.h"

static __always_inline void ev__pipe_fds(struct scratch *s, unsigned long ufds, long ret) {
	int fds[2] = {-1, -1};
	if(ret == 0)
		bpf_probe_read_user(fds, sizeof(fds), (void *)ufds);
	ev__s64(s, ret);                                             /* res */
	ev__s64(s, fds[0]);                                          /* fd1 */
	ev__s64(s, fds[1]);                                          /* fd2 */
	ev__u64(s, ret == 0 ? file__ino(fd__file(task__current(), fds[0])) : 0); /* ino */
}

SYSCALL_EXIT_PROG(pipe) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_PIPE_X);
	ev__pipe_fds(s, ARG(0), ret);
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(pipe2) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_PIPE2_X);
	ev__pipe_fds(s, ARG(0), ret);
	ev__u32(s, open_flags_to_ppm((__u32)ARG(1)) & ~PPM_O_RDONLY); /* flags */
	ev__submit(s);
	return 0;
}
