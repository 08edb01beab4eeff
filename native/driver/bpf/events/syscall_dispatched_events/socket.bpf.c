/* socket and socketpair. */
#include "../../helpers/syscall_exit.h"

/* SOCK_NONBLOCK / SOCK_CLOEXEC carried in the type argument. */
static __always_inline __u32 sock_type_flags_to_ppm(__u32 type) {
	__u32 r = 0;
	if(type & 04000)
		r |= PPM_O_NONBLOCK;
	if(type & 02000000)
		r |= PPM_O_CLOEXEC;
	return r;
}

SYSCALL_EXIT_PROG(socket) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_SOCKET_X);
	__u32 type = (__u32)ARG(1);
	ev__s64(s, ret);                               /* fd */
	ev__u32(s, (__u32)ARG(0));                     /* domain (PPM_AF_* = AF_*) */
	ev__u32(s, type & 0xf);                        /* type */
	ev__u32(s, (__u32)ARG(2));                     /* proto */
	ev__u32(s, sock_type_flags_to_ppm(type));      /* flags */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(socketpair) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_SOCKETPAIR_X);
	int fds[2] = {-1, -1};
	__u64 src = 0, peer = 0;
	if(ret >= 0) {
		bpf_probe_read_user(fds, sizeof(fds), (void *)ARG(3));
		struct socket *sock = file__socket(fd__file(task__current(), fds[0]));
		struct sock *sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
		if(sk) {
			src = (__u64)sk;
			peer = (__u64)BPF_CORE_READ((struct unix_sock *)sk, peer);
		}
	}
	ev__s64(s, ret);                  /* res */
	ev__s64(s, fds[0]);               /* fd1 */
	ev__s64(s, fds[1]);               /* fd2 */
	ev__u64(s, src);                  /* source */
	ev__u64(s, peer);                 /* peer */
	ev__u32(s, (__u32)ARG(0));        /* domain */
	ev__u32(s, (__u32)ARG(1) & 0xf);  /* type */
	ev__u32(s, (__u32)ARG(2));        /* proto */
	ev__submit(s);
	return 0;
}
