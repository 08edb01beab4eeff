/* process_vm_readv, process_vm_writev: the bytes moved, from the local iovecs. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/iovec.h"

SYSCALL_EXIT_PROG(process_vm_readv) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_PROCESS_VM_READV_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* pid */
	ev__iovec_data(s, ARG(1), ARG(2), ret);          /* data */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(process_vm_writev) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_PROCESS_VM_WRITEV_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* pid */
	ev__iovec_data(s, ARG(1), ARG(2), ret);          /* data */
	ev__submit(s);
	return 0;
}
