/* dup, dup2, dup3. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(dup) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_DUP_1_X);
	ev__s64(s, ret);                 /* res */
	ev__s64(s, (int)ARG(0));         /* oldfd */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(dup2) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_DUP2_X);
	ev__s64(s, ret);                 /* res */
	ev__s64(s, (int)ARG(0));         /* oldfd */
	ev__s64(s, (int)ARG(1));         /* newfd */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(dup3) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_DUP3_X);
	ev__s64(s, ret);                 /* res */
	ev__s64(s, (int)ARG(0));         /* oldfd */
	ev__s64(s, (int)ARG(1));         /* newfd */
	ev__u32(s, open_flags_to_ppm((__u32)ARG(2)) & ~PPM_O_RDONLY); /* flags */
	ev__submit(s);
	return 0;
}
