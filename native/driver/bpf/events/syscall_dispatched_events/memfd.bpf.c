/* memfd_create. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(memfd_create) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_MEMFD_CREATE_X);
	ev__s64(s, ret);                                 /* fd */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* name */
	ev__u32(s, memfd_flags_to_ppm((__u32)ARG(1)));   /* flags */
	ev__submit(s);
	return 0;
}
