/* prctl: the option, and arg2 as a string (PR_SET_NAME/PR_GET_NAME) or a number
 * (the value PR_GET_CHILD_SUBREAPER stored, or arg2 itself). PR_* are PPM_PR_*. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(prctl) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_PRCTL_X);
	__u32 option = (__u32)ARG(0);
	unsigned long arg2 = ARG(1);
	ev__s64(s, ret);                                 /* res */
	ev__u32(s, option);                              /* option */
	if(option == PPM_PR_SET_NAME || option == PPM_PR_GET_NAME) {
		ev__str(s, arg2, MAX_PATH_LEN, USER_MEM);    /* arg2_str */
		ev__s64(s, 0);                               /* arg2_int */
	} else if(option == PPM_PR_GET_CHILD_SUBREAPER) {
		__s32 v = 0;
		if(arg2)
			bpf_probe_read_user(&v, sizeof(v), (void *)arg2);
		ev__empty(s);                                /* arg2_str */
		ev__s64(s, v);                               /* arg2_int */
	} else {
		ev__empty(s);                                /* arg2_str */
		ev__s64(s, (__s64)arg2);                     /* arg2_int */
	}
	ev__submit(s);
	return 0;
}
