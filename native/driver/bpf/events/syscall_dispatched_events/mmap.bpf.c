/* mmap, munmap, brk: the result and the process's memory sizes after it. */
#include "../../helpers/syscall_exit.h"

/* vm_size, vm_rss, vm_swap: three u32 */
#define VM_SIZES_BYTES (3 * 4)

static __always_inline void fx__vm_sizes(struct fixed_event *e) {
	__u32 size, rss, swap;
	task__vm(task__current(), &size, &rss, &swap);
	fx__u32(e, size);  /* vm_size */
	fx__u32(e, rss);   /* vm_rss */
	fx__u32(e, swap);  /* vm_swap */
}

SYSCALL_EXIT_PROG(mmap) {
	FIXED_EVENT_OR_RETURN(e, PPME_SYSCALL_MMAP_X, FX_SIZE(10, 8 + VM_SIZES_BYTES + 8 + 8 + 4 + 4 + 8 + 8), tid);
	fx__s64(&e, ret);                                /* res */
	fx__vm_sizes(&e);
	fx__u64(&e, ARG(0));                             /* addr */
	fx__u64(&e, ARG(1));                             /* length */
	fx__u32(&e, prot_to_ppm((__u32)ARG(2)));         /* prot */
	fx__u32(&e, mmap_flags_to_ppm((__u32)ARG(3)));   /* flags */
	fx__s64(&e, (int)ARG(4));                        /* fd */
	fx__u64(&e, ARG(5));                             /* offset */
	fx__submit(&e);
	return 0;
}

SYSCALL_EXIT_PROG(munmap) {
	FIXED_EVENT_OR_RETURN(e, PPME_SYSCALL_MUNMAP_X, FX_SIZE(6, 8 + VM_SIZES_BYTES + 8 + 8), tid);
	fx__s64(&e, ret);                                /* res */
	fx__vm_sizes(&e);
	fx__u64(&e, ARG(0));                             /* addr */
	fx__u64(&e, ARG(1));                             /* length */
	fx__submit(&e);
	return 0;
}

SYSCALL_EXIT_PROG(brk) {
	FIXED_EVENT_OR_RETURN(e, PPME_SYSCALL_BRK_4_X, FX_SIZE(5, 8 + VM_SIZES_BYTES + 8), tid);
	fx__u64(&e, (__u64)ret);                         /* res */
	fx__vm_sizes(&e);
	fx__u64(&e, ARG(0));                             /* addr */
	fx__submit(&e);
	return 0;
}
