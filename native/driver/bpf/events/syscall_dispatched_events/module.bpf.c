/* init_module (the image up to snaplen), finit_module, delete_module. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(init_module) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_INIT_MODULE_X);
	ev__s64(s, ret);                                         /* res */
	ev__bytes(s, ARG(0), (long)ARG(1), USER_MEM);            /* img */
	ev__u64(s, ARG(1));                                      /* length */
	ev__str(s, ARG(2), MAX_ARGS_LEN, USER_MEM);              /* uargs */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(finit_module) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_FINIT_MODULE_X);
	ev__s64(s, ret);                                         /* res */
	ev__s64(s, (int)ARG(0));                                 /* fd */
	ev__str(s, ARG(1), MAX_ARGS_LEN, USER_MEM);              /* uargs */
	ev__u32(s, finit_module_flags_to_ppm((__u32)ARG(2)));    /* flags */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(delete_module) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_DELETE_MODULE_X);
	ev__s64(s, ret);                                         /* res */
	ev__str(s, ARG(0), MAX_PATH_LEN, USER_MEM);              /* name */
	ev__u32(s, delete_module_flags_to_ppm((__u32)ARG(1)));   /* flags */
	ev__submit(s);
	return 0;
}
