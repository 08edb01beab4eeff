/* getdents, getdents64: the directory fd (entries are not captured). */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(getdents) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_GETDENTS_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(getdents64) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_GETDENTS64_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__submit(s);
	return 0;
}
