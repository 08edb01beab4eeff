#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(close) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_CLOSE_X);
	ev__s64(s, ret);             /* res */
	ev__s64(s, (int)ARG(0));     /* fd */
	ev__submit(s);
	return 0;
}
