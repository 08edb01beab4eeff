/* mount, umount2. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(mount) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_MOUNT_X);
	ev__s64(s, ret);                                  /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);       /* dev */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);       /* dir */
	ev__str(s, ARG(2), MAX_PATH_LEN, USER_MEM);       /* type */
	ev__u32(s, mount_flags_to_ppm((__u32)ARG(3)));    /* flags */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(umount2) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_UMOUNT2_X);
	ev__s64(s, ret);                                  /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);       /* name */
	ev__u32(s, umount_flags_to_ppm((__u32)ARG(1)));   /* flags */
	ev__submit(s);
	return 0;
}
