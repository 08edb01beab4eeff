/* dup, dup2, dup3. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(dup) {
	FIXED_EVENT_OR_RETURN(e, PPME_SYSCALL_DUP_1_X, FX_SIZE(2, 8 + 8), tid);
	fx__s64(&e, ret);                /* res */
	fx__s64(&e, (int)ARG(0));        /* oldfd */
	fx__submit(&e);
	return 0;
}

SYSCALL_EXIT_PROG(dup2) {
	FIXED_EVENT_OR_RETURN(e, PPME_SYSCALL_DUP2_X, FX_SIZE(3, 8 + 8 + 8), tid);
	fx__s64(&e, ret);                /* res */
	fx__s64(&e, (int)ARG(0));        /* oldfd */
	fx__s64(&e, (int)ARG(1));        /* newfd */
	fx__submit(&e);
	return 0;
}

SYSCALL_EXIT_PROG(dup3) {
	FIXED_EVENT_OR_RETURN(e, PPME_SYSCALL_DUP3_X, FX_SIZE(4, 8 + 8 + 8 + 4), tid);
	fx__s64(&e, ret);                /* res */
	fx__s64(&e, (int)ARG(0));        /* oldfd */
	fx__s64(&e, (int)ARG(1));        /* newfd */
	fx__u32(&e, open_flags_to_ppm((__u32)ARG(2)) & ~PPM_O_RDONLY); /* flags */
	fx__submit(&e);
	return 0;
}
