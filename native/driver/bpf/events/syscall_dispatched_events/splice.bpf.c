/* sendfile, splice, copy_file_range: data moved between two fds in the kernel. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_fs.h"

SYSCALL_EXIT_PROG(sendfile) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SENDFILE_X);
	__u64 offset = 0;
	if(ARG(2))
		bpf_probe_read_user(&offset, sizeof(offset), (void *)ARG(2));
	ev__s64(s, ret);                                 /* res */
	ev__u64(s, offset);                              /* offset (after the call) */
	ev__s64(s, (int)ARG(0));                         /* out_fd */
	ev__s64(s, (int)ARG(1));                         /* in_fd */
	ev__u64(s, ARG(3));                              /* size */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(splice) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SPLICE_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd_in */
	ev__s64(s, (int)ARG(2));                         /* fd_out */
	ev__u64(s, ARG(4));                              /* size */
	ev__u32(s, splice_flags_to_ppm((__u32)ARG(5)));  /* flags */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(copy_file_range) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_COPY_FILE_RANGE_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(2));                         /* fdout */
	ev__u64(s, ARG(3));                              /* offout (the pointer, as the table has it) */
	ev__s64(s, (int)ARG(0));                         /* fdin */
	ev__u64(s, ARG(1));                              /* offin (the pointer) */
	ev__u64(s, ARG(4));                              /* len */
	ev__submit(s);
	return 0;
}
