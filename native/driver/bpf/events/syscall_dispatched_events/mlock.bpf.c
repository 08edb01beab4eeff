/* mprotect and the mlock family: address ranges and flags. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_proc.h"

SYSCALL_EXIT_PROG(mprotect) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_MPROTECT_X);
	ev__s64(s, ret);                                 /* res */
	ev__u64(s, ARG(0));                              /* addr */
	ev__u64(s, ARG(1));                              /* length */
	ev__u32(s, prot_to_ppm((__u32)ARG(2)));    /* prot */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(mlock) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_MLOCK_X);
	ev__s64(s, ret);                                 /* res */
	ev__u64(s, ARG(0));                              /* addr */
	ev__u64(s, ARG(1));                              /* len */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(munlock) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_MUNLOCK_X);
	ev__s64(s, ret);                                 /* res */
	ev__u64(s, ARG(0));                              /* addr */
	ev__u64(s, ARG(1));                              /* len */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(mlock2) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_MLOCK2_X);
	ev__s64(s, ret);                                 /* res */
	ev__u64(s, ARG(0));                              /* addr */
	ev__u64(s, ARG(1));                              /* len */
	ev__u32(s, mlock2_flags_to_ppm((__u32)ARG(2)));  /* flags */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(mlockall) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_MLOCKALL_X);
	ev__s64(s, ret);                                 /* res */
	ev__u32(s, mlockall_flags_to_ppm((__u32)ARG(0))); /* flags */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(munlockall) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_MUNLOCKALL_X);
	ev__s64(s, ret);                                 /* res */
	ev__submit(s);
	return 0;
}
