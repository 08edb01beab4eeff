/* getrlimit, setrlimit, prlimit64. Limits read from user memory after the
 * call; the old limit only exists when the call succeeded (-1 otherwise). */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_proc.h"

struct rlimit_user {
	__s64 cur;
	__s64 max;
};

static __always_inline struct rlimit_user read_rlimit(unsigned long ptr) {
	struct rlimit_user r = {};
	if(ptr)
		bpf_probe_read_user(&r, sizeof(r), (void *)ptr);
	return r;
}

SYSCALL_EXIT_PROG(getrlimit) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_GETRLIMIT_X);
	struct rlimit_user r = {-1, -1};
	if(ret == 0)
		r = read_rlimit(ARG(1));
	ev__s64(s, ret);                                     /* res */
	ev__s64(s, r.cur);                                   /* cur */
	ev__s64(s, r.max);                                   /* max */
	ev__u8(s, rlimit_resource_to_ppm((__u32)ARG(0)));    /* resource */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(setrlimit) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SETRLIMIT_X);
	struct rlimit_user r = read_rlimit(ARG(1));
	ev__s64(s, ret);                                     /* res */
	ev__s64(s, r.cur);                                   /* cur */
	ev__s64(s, r.max);                                   /* max */
	ev__u8(s, rlimit_resource_to_ppm((__u32)ARG(0)));    /* resource */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(prlimit64) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_PRLIMIT_X);
	struct rlimit_user n = read_rlimit(ARG(2));
	struct rlimit_user o = {-1, -1};
	if(ret == 0 && ARG(3))
		o = read_rlimit(ARG(3));
	ev__s64(s, ret);                                     /* res */
	ev__s64(s, n.cur);                                   /* newcur */
	ev__s64(s, n.max);                                   /* newmax */
	ev__s64(s, o.cur);                                   /* oldcur */
	ev__s64(s, o.max);                                   /* oldmax */
	ev__s64(s, (int)ARG(0));                             /* pid */
	ev__u8(s, rlimit_resource_to_ppm((__u32)ARG(1)));    /* resource */
	ev__submit(s);
	return 0;
}
