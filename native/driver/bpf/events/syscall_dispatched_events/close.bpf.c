/* close, close_range. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(close) {
	FIXED_EVENT_OR_RETURN(e, PPME_SYSCALL_CLOSE_X, FX_SIZE(2, 8 + 8), tid);
	fx__s64(&e, ret);           /* res */
	fx__s64(&e, (int)ARG(0));   /* fd */
	fx__submit(&e);
	return 0;
}

SYSCALL_EXIT_PROG(close_range) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_CLOSE_RANGE_X);
	ev__s64(s, ret);                                     /* res */
	ev__u32(s, (__u32)ARG(0));                           /* first */
	ev__u32(s, (__u32)ARG(1));                           /* last */
	ev__u32(s, close_range_flags_to_ppm((__u32)ARG(2))); /* flags */
	ev__submit(s);
	return 0;
}
