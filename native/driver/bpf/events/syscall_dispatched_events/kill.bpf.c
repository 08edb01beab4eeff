/* kill, tkill, tgkill. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(kill) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_KILL_X);
	ev__s64(s, ret);                 /* res */
	ev__s64(s, (int)ARG(0));         /* pid */
	ev__u8(s, (__u8)ARG(1));         /* sig */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(tkill) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_TKILL_X);
	ev__s64(s, ret);                 /* res */
	ev__s64(s, (int)ARG(0));         /* tid */
	ev__u8(s, (__u8)ARG(1));         /* sig */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(tgkill) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_TGKILL_X);
	ev__s64(s, ret);                 /* res */
	ev__s64(s, (int)ARG(0));         /* pid */
	ev__s64(s, (int)ARG(1));         /* tid */
	ev__u8(s, (__u8)ARG(2));         /* sig */
	ev__submit(s);
	return 0;
}
