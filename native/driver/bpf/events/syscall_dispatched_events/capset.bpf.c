/* capset: the calling thread's capability sets after the call (PPM_CAP_*
 * bits are the kernel's capability numbers). */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(capset) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_CAPSET_X);
	struct task_struct *t = task__current();
	ev__s64(s, ret);                                 /* res */
	ev__u64(s, task__cap(t, 0));                     /* cap_inheritable */
	ev__u64(s, task__cap(t, 1));                     /* cap_permitted */
	ev__u64(s, task__cap(t, 2));                     /* cap_effective */
	ev__submit(s);
	return 0;
}
