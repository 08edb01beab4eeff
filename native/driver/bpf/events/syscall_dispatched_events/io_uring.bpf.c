/* io_uring_setup (the parameters the kernel filled in), io_uring_enter,
 * io_uring_register. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_proc.h"

/* The head of struct io_uring_params (stable uapi). */
struct io_uring_params_user {
	__u32 sq_entries;
	__u32 cq_entries;
	__u32 flags;
	__u32 sq_thread_cpu;
	__u32 sq_thread_idle;
	__u32 features;
};

SYSCALL_EXIT_PROG(io_uring_setup) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_IO_URING_SETUP_X);
	struct io_uring_params_user p = {};
	if(ARG(1))
		bpf_probe_read_user(&p, sizeof(p), (void *)ARG(1));
	ev__s64(s, ret);                                   /* res */
	ev__u32(s, (__u32)ARG(0));                         /* entries */
	ev__u32(s, p.sq_entries);                          /* sq_entries */
	ev__u32(s, p.cq_entries);                          /* cq_entries */
	ev__u32(s, io_uring_setup_flags_to_ppm(p.flags));  /* flags */
	ev__u32(s, p.sq_thread_cpu);                       /* sq_thread_cpu */
	ev__u32(s, p.sq_thread_idle);                      /* sq_thread_idle */
	ev__u32(s, io_uring_feats_to_ppm(p.features));     /* features */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(io_uring_enter) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_IO_URING_ENTER_X);
	ev__s64(s, ret);                                         /* res */
	ev__s64(s, (int)ARG(0));                                 /* fd */
	ev__u32(s, (__u32)ARG(1));                               /* to_submit */
	ev__u32(s, (__u32)ARG(2));                               /* min_complete */
	ev__u32(s, io_uring_enter_flags_to_ppm((__u32)ARG(3)));  /* flags */
	ev__u32(s, (__u32)ARG(4));                               /* sig: low half of the pointer, as the reference drivers */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(io_uring_register) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_IO_URING_REGISTER_X);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__u16(s, (__u16)ARG(1));                       /* opcode (same numbers) */
	ev__u64(s, ARG(2));                              /* arg */
	ev__u32(s, (__u32)ARG(3));                       /* nr_args */
	ev__submit(s);
	return 0;
}
