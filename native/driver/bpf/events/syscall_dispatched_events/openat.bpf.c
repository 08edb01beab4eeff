/* openat and openat2: like open, relative to dirfd; openat2 takes its flags,
 * mode and resolve from a struct open_how. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(openat) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_OPENAT_2_X);
	struct file *f = ret >= 0 ? fd__file(task__current(), ret) : NULL;
	ev__s64(s, ret);                                     /* fd */
	ev__s64(s, dirfd_to_ppm(ARG(0)));                    /* dirfd */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);          /* name */
	ev__u32(s, open_result_flags((__u32)ARG(2), f));     /* flags */
	ev__u32(s, open_mode_to_ppm((__u32)ARG(2), (__u32)ARG(3))); /* mode */
	ev__u32(s, file__dev(f));                            /* dev */
	ev__u64(s, file__ino(f));                            /* ino */
	ev__submit(s);
	return 0;
}

struct open_how_user {
	__u64 flags;
	__u64 mode;
	__u64 resolve;
};

SYSCALL_EXIT_PROG(openat2) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_OPENAT2_X);
	struct file *f = ret >= 0 ? fd__file(task__current(), ret) : NULL;
	struct open_how_user how = {};
	bpf_probe_read_user(&how, sizeof(how), (void *)ARG(2));
	ev__s64(s, ret);                                     /* fd */
	ev__s64(s, dirfd_to_ppm(ARG(0)));                    /* dirfd */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);          /* name */
	ev__u32(s, open_result_flags((__u32)how.flags, f));  /* flags */
	ev__u32(s, open_mode_to_ppm((__u32)how.flags, (__u32)how.mode)); /* mode */
	ev__u32(s, resolve_flags_to_ppm(how.resolve));       /* resolve */
	ev__u32(s, file__dev(f));                            /* dev */
	ev__u64(s, file__ino(f));                            /* ino */
	ev__submit(s);
	return 0;
}
