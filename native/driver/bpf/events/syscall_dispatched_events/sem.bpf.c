/* SysV semaphores: semget, semop (the first two operations), semctl. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_proc.h"

SYSCALL_EXIT_PROG(semget) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SEMGET_X);
	ev__s64(s, ret);                                 /* res */
	ev__s32(s, (int)ARG(0));                         /* key */
	ev__s32(s, (int)ARG(1));                         /* nsems */
	ev__u32(s, semget_flags_to_ppm((__u32)ARG(2)));  /* semflg */
	ev__submit(s);
	return 0;
}

struct sembuf_user {
	__u16 num;
	__s16 op;
	__s16 flg;
};

SYSCALL_EXIT_PROG(semop) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SEMOP_X);
	__u32 nsops = (__u32)ARG(2);
	struct sembuf_user ops[2] = {};
	/* Operations are reported for successful calls only, as the table's drivers do. */
	if(ret == 0 && ARG(1) && nsops > 0)
		bpf_probe_read_user(ops, (nsops > 1 ? 2 : 1) * sizeof(ops[0]), (void *)ARG(1));
	ev__s64(s, ret);                                 /* res */
	ev__u32(s, nsops);                               /* nsops */
	ev__u16(s, ops[0].num);                          /* sem_num_0 */
	ev__s16(s, ops[0].op);                           /* sem_op_0 */
	ev__u16(s, semop_flags_to_ppm(ops[0].flg));      /* sem_flg_0 */
	ev__u16(s, ops[1].num);                          /* sem_num_1 */
	ev__s16(s, ops[1].op);                           /* sem_op_1 */
	ev__u16(s, semop_flags_to_ppm(ops[1].flg));      /* sem_flg_1 */
	ev__s32(s, (int)ARG(0));                         /* semid */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(semctl) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SEMCTL_X);
	__u32 cmd = (__u32)ARG(2);
	if(ia32)
		cmd &= ~0x100u; /* IPC_64, which 32-bit callers add and the compat entry drops */
	ev__s64(s, ret);                                 /* res */
	ev__s32(s, (int)ARG(0));                         /* semid */
	ev__s32(s, (int)ARG(1));                         /* semnum */
	ev__u16(s, semctl_cmd_to_ppm(cmd));              /* cmd */
	ev__s32(s, cmd == PPM_K_SETVAL ? (int)ARG(3) : 0);   /* val (SETVAL only) */
	ev__submit(s);
	return 0;
}
