/* bpf: the command (BPF_* are PPM_BPF_*) and the result (often a new fd). */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(bpf) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_BPF_2_X);
	ev__s64(s, ret);                                 /* fd */
	ev__u32(s, (__u32)ARG(0));                       /* cmd */
	ev__submit(s);
	return 0;
}
