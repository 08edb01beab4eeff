/* futex: address, operation and value. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_proc.h"

SYSCALL_EXIT_PROG(futex) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_FUTEX_X);
	ev__s64(s, ret);                                 /* res */
	ev__u64(s, ARG(0));                              /* addr */
	ev__u16(s, futex_op_to_ppm((__u32)ARG(1)));      /* op */
	ev__u64(s, ARG(2));                              /* val */
	ev__submit(s);
	return 0;
}
