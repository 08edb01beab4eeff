/* open and creat: the new fd with the path asked for, flags, mode, and the
 * device and inode of the file opened. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(open) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_OPEN_X);
	struct file *f = ret >= 0 ? fd__file(task__current(), ret) : NULL;
	__u32 flags = (__u32)ARG(1);
	ev__s64(s, ret);                                 /* fd */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* name */
	ev__u32(s, open_result_flags(flags, f));         /* flags */
	ev__u32(s, open_mode_to_ppm(flags, (__u32)ARG(2))); /* mode */
	ev__u32(s, file__dev(f));                        /* dev */
	ev__u64(s, file__ino(f));                        /* ino */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(creat) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_CREAT_X);
	struct file *f = ret >= 0 ? fd__file(task__current(), ret) : NULL;
	ev__s64(s, ret);                                 /* fd */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* name */
	ev__u32(s, mode_to_ppm((__u32)ARG(1)));          /* mode */
	ev__u32(s, file__dev(f));                        /* dev */
	ev__u64(s, file__ino(f));                        /* ino */
	ev__u16(s, 0);                                   /* creat_flags (overlay layers: not tracked) */
	ev__submit(s);
	return 0;
}
