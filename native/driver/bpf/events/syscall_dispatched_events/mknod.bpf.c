/* mknod, mknodat. The dev parameter is the argument put through the kernel's
 * new_encode_dev() as if it were an internal dev_t, as every falcosecurity
 * driver reports it. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(mknod) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_MKNOD_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* path */
	ev__u32(s, mknod_mode_to_ppm((__u32)ARG(1)));    /* mode */
	ev__u32(s, encode_kdev((__u32)ARG(2)));          /* dev */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(mknodat) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_MKNODAT_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, dirfd_to_ppm(ARG(0)));                /* dirfd */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);      /* path */
	ev__u32(s, mknod_mode_to_ppm((__u32)ARG(2)));    /* mode */
	ev__u32(s, encode_kdev((__u32)ARG(3)));          /* dev */
	ev__submit(s);
	return 0;
}
