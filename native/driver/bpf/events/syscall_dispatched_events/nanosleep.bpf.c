/* nanosleep: the interval asked for (clock_nanosleep is a generic event). */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/timespec.h"

SYSCALL_EXIT_PROG(nanosleep) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_NANOSLEEP_X);
	ev__s64(s, ret);                                 /* res */
	ev__u64(s, user_timespec_ns(ARG(0)));            /* interval */
	ev__submit(s);
	return 0;
}
