/* select: only the result (the fd sets are not captured). */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(select) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SELECT_X);
	ev__s64(s, ret);                                 /* res */
	ev__submit(s);
	return 0;
}
