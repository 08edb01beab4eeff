/* mmap, munmap, brk: the result and the process's memory sizes after it. */
#include "../../helpers/syscall_exit.h"

static __always_inline void ev__vm_sizes(struct scratch *s) {
	__u32 size, rss, swap;
	task__vm(task__current(), &size, &rss, &swap);
	ev__u32(s, size);  /* vm_size */
	ev__u32(s, rss);   /* vm_rss */
	ev__u32(s, swap);  /* vm_swap */
}

SYSCALL_EXIT_PROG(mmap) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_MMAP_X);
	ev__s64(s, ret);                                 /* res */
	ev__vm_sizes(s);
	ev__u64(s, ARG(0));                              /* addr */
	ev__u64(s, ARG(1));                              /* length */
	ev__u32(s, prot_to_ppm((__u32)ARG(2)));    /* prot */
	ev__u32(s, mmap_flags_to_ppm((__u32)ARG(3)));    /* flags */
	ev__s64(s, (int)ARG(4));                         /* fd */
	ev__u64(s, ARG(5));                              /* offset */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(munmap) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_MUNMAP_X);
	ev__s64(s, ret);                                 /* res */
	ev__vm_sizes(s);
	ev__u64(s, ARG(0));                              /* addr */
	ev__u64(s, ARG(1));                              /* length */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(brk) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_BRK_4_X);
	ev__u64(s, (__u64)ret);                          /* res */
	ev__vm_sizes(s);
	ev__u64(s, ARG(0));                              /* addr */
	ev__submit(s);
	return 0;
}
