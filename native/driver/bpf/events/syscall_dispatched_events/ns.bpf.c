/* unshare, setns: namespace flags are CLONE_NEW* values. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(unshare) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_UNSHARE_X);
	ev__s64(s, ret);                                 /* res */
	ev__u32(s, clone_flags_to_ppm(ARG(0)));          /* flags */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(setns) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SETNS_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__u32(s, clone_flags_to_ppm(ARG(1)));          /* nstype */
	ev__submit(s);
	return 0;
}
