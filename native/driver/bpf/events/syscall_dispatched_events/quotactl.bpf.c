/* quotactl: the command split into PPM command/type, the device, and what
 * the command's data structure holds (only the fields its valid mask sets). */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_proc.h"

/* struct if_dqblk and struct if_dqinfo of <linux/quota.h> (stable uapi). */
struct dqblk_user {
	__u64 bhardlimit, bsoftlimit, curspace, ihardlimit, isoftlimit, curinodes, btime, itime;
	__u32 valid;
};

struct dqinfo_user {
	__u64 bgrace, igrace;
	__u32 flags, valid;
};

#define QIF_BLIMITS 1
#define QIF_SPACE 2
#define QIF_ILIMITS 4
#define QIF_BTIME 16
#define QIF_ITIME 32
#define IIF_BGRACE 1
#define IIF_IGRACE 2
#define IIF_FLAGS 4

SYSCALL_EXIT_PROG(quotactl) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_QUOTACTL_X);
	__u32 cmd = (__u32)ARG(0);
	__u16 pcmd = quotactl_cmd_to_ppm(cmd);
	__u32 id = (__u32)ARG(2);
	unsigned long addr = ARG(3);

	ev__s64(s, ret);                                     /* res */
	ev__str(s, ARG(1), MAX_PATH_LEN, USER_MEM);          /* special */
	if(pcmd == PPM_Q_QUOTAON)
		ev__str(s, addr, MAX_PATH_LEN, USER_MEM);        /* quotafilepath */
	else
		ev__empty(s);

	struct dqblk_user b = {};
	if(addr && (pcmd == PPM_Q_GETQUOTA || pcmd == PPM_Q_SETQUOTA))
		bpf_probe_read_user(&b, sizeof(b), (void *)addr);
	ev__u64(s, (b.valid & QIF_BLIMITS) ? b.bhardlimit : 0);  /* dqb_bhardlimit */
	ev__u64(s, (b.valid & QIF_BLIMITS) ? b.bsoftlimit : 0);  /* dqb_bsoftlimit */
	ev__u64(s, (b.valid & QIF_SPACE) ? b.curspace : 0);      /* dqb_curspace */
	ev__u64(s, (b.valid & QIF_ILIMITS) ? b.ihardlimit : 0);  /* dqb_ihardlimit */
	ev__u64(s, (b.valid & QIF_ILIMITS) ? b.isoftlimit : 0);  /* dqb_isoftlimit */
	ev__u64(s, (b.valid & QIF_BTIME) ? b.btime : 0);         /* dqb_btime */
	ev__u64(s, (b.valid & QIF_ITIME) ? b.itime : 0);         /* dqb_itime */

	struct dqinfo_user i = {};
	if(addr && (pcmd == PPM_Q_GETINFO || pcmd == PPM_Q_SETINFO))
		bpf_probe_read_user(&i, sizeof(i), (void *)addr);
	ev__u64(s, (i.valid & IIF_BGRACE) ? i.bgrace : 0);       /* dqi_bgrace */
	ev__u64(s, (i.valid & IIF_IGRACE) ? i.igrace : 0);       /* dqi_igrace */
	ev__u8(s, (i.valid & IIF_FLAGS) ? (__u8)i.flags : 0);    /* dqi_flags */

	__u8 fmt_out = PPM_QFMT_NOT_USED;
	if(addr && pcmd == PPM_Q_GETFMT) {
		__u32 f = 0;
		bpf_probe_read_user(&f, sizeof(f), (void *)addr);
		fmt_out = quotactl_fmt_to_ppm(f);
	}
	ev__u8(s, fmt_out);                                  /* quota_fmt_out */
	ev__u16(s, pcmd);                                    /* cmd */
	ev__u8(s, quotactl_type_to_ppm(cmd));                /* type */
	/* id names a user/group only for the per-id commands */
	int per_id = pcmd == PPM_Q_GETQUOTA || pcmd == PPM_Q_SETQUOTA || pcmd == PPM_Q_XGETQUOTA ||
	             pcmd == PPM_Q_XSETQLIM;
	ev__u32(s, per_id ? id : 0);                         /* id */
	ev__u8(s, pcmd == PPM_Q_QUOTAON ? quotactl_fmt_to_ppm(id) : PPM_QFMT_NOT_USED); /* quota_fmt */
	ev__submit(s);
	return 0;
}
