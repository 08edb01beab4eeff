/* System V semaphores and futexes. */
#include "common.h"

#include <linux/sem.h>
#include <linux/uaccess.h>

static void res_only(struct evt *e)
{
	p_res(e);                                 /* res */
}

static void semget_e(struct evt *e)
{
	evt_u32(e, (u32)ARG(0));                  /* key */
	evt_u32(e, (u32)ARG(1));                  /* nsems */
	evt_u32(e, semget_flags_to_ppm(ARG(2)));  /* semflg */
}

static void semop_e(struct evt *e)
{
	evt_u32(e, (u32)ARG(0));                  /* semid */
}

/* The first two operations of the semop array. */
static void semop_x(struct evt *e)
{
	struct sembuf ops[2];
	u32 n = (u32)min_t(u64, ARG(2), 2);
	u32 i;

	memset(ops, 0, sizeof(ops));
	if (RET < 0 || !ARG(1) || copy_from_user_nofault(ops, (const void __user *)ARG(1), n * sizeof(ops[0])))
		n = 0;
	p_res(e);                                 /* res */
	evt_u32(e, (u32)ARG(2));                  /* nsops */
	for (i = 0; i < 2; i++) {
		evt_u16(e, i < n ? ops[i].sem_num : 0);                 /* sem_num_i */
		evt_u16(e, i < n ? (u16)ops[i].sem_op : 0);             /* sem_op_i */
		evt_u16(e, i < n ? semop_flags_to_ppm(ops[i].sem_flg) : 0); /* sem_flg_i */
	}
}

static void semctl_e(struct evt *e)
{
	evt_u32(e, (u32)ARG(0));                  /* semid */
	evt_u32(e, (u32)ARG(1));                  /* semnum */
	evt_u16(e, semctl_cmd_to_ppm(ARG(2)));    /* cmd */
	evt_u32(e, (u32)ARG(2) == PPM_K_SETVAL ? (u32)ARG(3) : 0); /* val */
}

/* Futex operations and their flags keep their numbers. */
static void futex_e(struct evt *e)
{
	evt_u64(e, ARG(0));                       /* addr */
	evt_u16(e, (u16)(ARG(1) & 0x1ff));        /* op */
	evt_u64(e, ARG(2));                       /* val */
}

DEFINE_FILLERS(ipc,
	{PPME_SYSCALL_SEMGET_E, semget_e},
	{PPME_SYSCALL_SEMGET_X, res_only},
	{PPME_SYSCALL_SEMOP_E, semop_e},
	{PPME_SYSCALL_SEMOP_X, semop_x},
	{PPME_SYSCALL_SEMCTL_E, semctl_e},
	{PPME_SYSCALL_SEMCTL_X, res_only},
	{PPME_SYSCALL_FUTEX_E, futex_e},
	{PPME_SYSCALL_FUTEX_X, res_only},
);
