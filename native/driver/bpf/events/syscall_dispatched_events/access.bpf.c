/* access (faccessat and faccessat2 are generic events in the table). */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(access) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_ACCESS_X);
	ev__s64(s, ret);                                 /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);      /* name */
	ev__u32(s, access_mode_to_ppm((__u32)ARG(1)));   /* mode */
	ev__submit(s);
	return 0;
}
