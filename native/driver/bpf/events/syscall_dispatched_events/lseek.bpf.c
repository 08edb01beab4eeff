/* lseek (x86_64 has no llseek). */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(lseek) {
	FIXED_EVENT_OR_RETURN(e, PPME_SYSCALL_LSEEK_X, FX_SIZE(4, 8 + 8 + 8 + 1), tid);
	fx__s64(&e, ret);                                /* res */
	fx__s64(&e, (int)ARG(0));                        /* fd */
	fx__u64(&e, ARG(1));                             /* offset */
	fx__u8(&e, lseek_whence_to_ppm((__u32)ARG(2)));  /* whence */
	fx__submit(&e);
	return 0;
}
