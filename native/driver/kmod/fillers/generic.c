/* Syscalls without an event pair of their own: the syscall code (as sysdig
 * 0.29.3 numbered it) and, on enter, the native number. */
#include "common.h"

static u16 sysdig029_code(long nr)
{
	if (nr < 0 || nr >= PPM_SYSCALL_TABLE_SIZE_X86_64)
		return 0;
	return ppm_syscall_table_x86_64[nr].ppm_sc_sysdig029;
}

static void generic_e(struct evt *e)
{
	evt_u16(e, sysdig029_code(e->nr)); /* ID */
	evt_u16(e, (u16)e->nr);            /* nativeID */
}

static void generic_x(struct evt *e)
{
	evt_u16(e, sysdig029_code(e->nr)); /* ID */
}

DEFINE_FILLERS(generic,
	{PPME_GENERIC_E, generic_e},
	{PPME_GENERIC_X, generic_x},
);
