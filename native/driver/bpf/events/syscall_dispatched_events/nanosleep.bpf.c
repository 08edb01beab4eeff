/* nanosleep: the interval asked for (clock_nanosleep is a generic event). */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/timespec.h"

SYSCALL_EXIT_PROG(nanosleep) {
	FIXED_EVENT_OR_RETURN(e, PPME_SYSCALL_NANOSLEEP_X, FX_SIZE(2, 8 + 8), tid);
	fx__s64(&e, ret);                                /* res */
	fx__u64(&e, user_timespec_ns(ARG(0)));           /* interval */
	fx__submit(&e);
	return 0;
}
