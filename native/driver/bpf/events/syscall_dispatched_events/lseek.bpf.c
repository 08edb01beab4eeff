/* lseek (x86_64 has no llseek). */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(lseek) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_LSEEK_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__u64(s, ARG(1));                              /* offset */
	ev__u8(s, lseek_whence_to_ppm((__u32)ARG(2)));   /* whence */
	ev__submit(s);
	return 0;
}
