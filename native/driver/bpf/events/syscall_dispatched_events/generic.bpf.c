/* Syscalls without a dedicated event: PPME_GENERIC_X names the syscall by its
 * PPM_SC code (ID) and its native number. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(generic) {
	BEGIN_OR_RETURN(s, PPME_GENERIC_X);
	__u32 nr = (__u32)syscall_nr(regs);
	ev__u16(s, ppm_syscall_table_x86_64[nr & (SINSPECT_SYSCALL_SLOTS - 1)].ppm_sc); /* ID */
	ev__u16(s, (__u16)nr);                                           /* nativeID */
	ev__submit(s);
	return 0;
}
