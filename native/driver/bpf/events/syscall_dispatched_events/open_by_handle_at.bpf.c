/* open_by_handle_at: there is no path argument, so the path, device and
 * inode come from the file the new fd refers to. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(open_by_handle_at) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_OPEN_BY_HANDLE_AT_X);
	struct file *f = ret >= 0 ? fd__file(task__current(), ret) : NULL;
	ev__s64(s, ret);                                 /* fd */
	ev__s64(s, dirfd_to_ppm(ARG(0)));                /* mountfd */
	ev__u32(s, open_result_flags((__u32)ARG(2), f)); /* flags */
	if(f)
		ev__path(s, BPF_CORE_READ(f, f_path.mnt), BPF_CORE_READ(f, f_path.dentry)); /* path */
	else
		ev__empty(s);
	ev__u32(s, file__dev(f));                        /* dev */
	ev__u64(s, file__ino(f));                        /* ino */
	ev__submit(s);
	return 0;
}
