/* The address space: mmap, munmap, mprotect, brk. Exits report the sizes
 * of the address space afterwards. */
#include "common.h"

static void mmap_e(struct evt *e)
{
	evt_u64(e, ARG(0));                       /* addr */
	evt_u64(e, ARG(1));                       /* length */
	evt_u32(e, prot_to_ppm(ARG(2)));          /* prot */
	evt_u32(e, mmap_flags_to_ppm(ARG(3)));    /* flags */
	p_fd(e, ARG(4));                          /* fd */
	evt_u64(e, ARG(5));                       /* offset */
}

static void res_vm_x(struct evt *e)
{
	p_res(e);                                 /* res */
	p_vm_sizes(e);                            /* vm_size, vm_rss, vm_swap */
}

static void munmap_e(struct evt *e)
{
	evt_u64(e, ARG(0));                       /* addr */
	evt_u64(e, ARG(1));                       /* length */
}

static void mprotect_e(struct evt *e)
{
	munmap_e(e);                              /* addr, length */
	evt_u32(e, prot_to_ppm(ARG(2)));          /* prot */
}

static void res_only(struct evt *e)
{
	p_res(e);                                 /* res */
}

static void brk_e(struct evt *e)
{
	evt_u64(e, ARG(0));                       /* addr */
}

DEFINE_FILLERS(memory,
	{PPME_SYSCALL_MMAP_E, mmap_e},
	{PPME_SYSCALL_MMAP_X, res_vm_x},
	{PPME_SYSCALL_MUNMAP_E, munmap_e},
	{PPME_SYSCALL_MUNMAP_X, res_vm_x},
	{PPME_SYSCALL_MPROTECT_E, mprotect_e},
	{PPME_SYSCALL_MPROTECT_X, res_only},
	{PPME_SYSCALL_BRK_4_E, brk_e},
	{PPME_SYSCALL_BRK_4_X, res_vm_x},
);
