/* futex: address, operation and value. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_proc.h"

SYSCALL_EXIT_PROG(futex) {
	FIXED_EVENT_OR_RETURN(e, PPME_SYSCALL_FUTEX_X, FX_SIZE(4, 8 + 8 + 2 + 8), tid);
	fx__s64(&e, ret);                                /* res */
	fx__u64(&e, ARG(0));                             /* addr */
	fx__u16(&e, futex_op_to_ppm((__u32)ARG(1)));     /* op */
	fx__u64(&e, ARG(2));                             /* val */
	fx__submit(&e);
	return 0;
}
