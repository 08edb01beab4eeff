/* Linux x86_64 flag and enum values -> the PPM_* values of the event schema
 * (native/driver/generated/ppm_events_gen.h). Plain integer functions with no
 * kernel dependency, so that any driver or a userspace test can use them. */
#ifndef SINSPECT_KMOD_FLAGS_H
#define SINSPECT_KMOD_FLAGS_H

#include "ppm_events_gen.h"

struct flag_pair {
	__u32 linux_bit;
	__u32 ppm_bit;
};

static inline __u32 map_bits(const struct flag_pair *t, unsigned n, __u64 v)
{
	__u32 r = 0;
	unsigned i;

	for (i = 0; i < n; i++)
		if (v & t[i].linux_bit)
			r |= t[i].ppm_bit;
	return r;
}

#define MAP_BITS(table, v) map_bits(table, sizeof(table) / sizeof(table[0]), v)

static inline __u32 open_flags_to_ppm(__u64 flags)
{
	static const struct flag_pair t[] = {
		{0100, PPM_O_CREAT},       {0200, PPM_O_EXCL},         {01000, PPM_O_TRUNC},
		{02000, PPM_O_APPEND},     {04000, PPM_O_NONBLOCK},    {010000, PPM_O_DSYNC},
		{040000, PPM_O_DIRECT},    {0100000, PPM_O_LARGEFILE}, {0200000, PPM_O_DIRECTORY},
		{02000000, PPM_O_CLOEXEC},
	};
	__u32 r;

	switch (flags & 03) {
	case 01: r = PPM_O_WRONLY; break;
	case 02: r = PPM_O_RDWR; break;
	default: r = PPM_O_RDONLY; break;
	}
	/* O_SYNC includes the O_DSYNC bit; O_TMPFILE includes O_DIRECTORY. */
	if ((flags & 04010000) == 04010000)
		r |= PPM_O_SYNC;
	if ((flags & 020200000) == 020200000)
		r |= PPM_O_TMPFILE;
	return r | MAP_BITS(t, flags);
}

/* Permission and special bits of a mode (PT_MODE and open's mode). */
static inline __u32 mode_to_ppm(__u64 mode)
{
	static const struct flag_pair t[] = {
		{0400, PPM_S_IRUSR},  {0200, PPM_S_IWUSR},  {0100, PPM_S_IXUSR},
		{040, PPM_S_IRGRP},   {020, PPM_S_IWGRP},   {010, PPM_S_IXGRP},
		{04, PPM_S_IROTH},    {02, PPM_S_IWOTH},    {01, PPM_S_IXOTH},
		{04000, PPM_S_ISUID}, {02000, PPM_S_ISGID}, {01000, PPM_S_ISVTX},
	};
	return MAP_BITS(t, mode);
}

/* open/openat: the mode only means something when a file may be created. */
static inline __u32 open_mode_to_ppm(__u64 flags, __u64 mode)
{
	if ((flags & 0100) || (flags & 020200000) == 020200000)
		return mode_to_ppm(mode);
	return 0;
}

static inline __u32 clone_flags_to_ppm(__u64 flags)
{
	static const struct flag_pair t[] = {
		{0x100, PPM_CL_CLONE_VM},             {0x200, PPM_CL_CLONE_FS},
		{0x400, PPM_CL_CLONE_FILES},          {0x800, PPM_CL_CLONE_SIGHAND},
		{0x2000, PPM_CL_CLONE_PTRACE},        {0x4000, PPM_CL_CLONE_VFORK},
		{0x8000, PPM_CL_CLONE_PARENT},        {0x10000, PPM_CL_CLONE_THREAD},
		{0x20000, PPM_CL_CLONE_NEWNS},        {0x40000, PPM_CL_CLONE_SYSVSEM},
		{0x80000, PPM_CL_CLONE_SETTLS},       {0x100000, PPM_CL_CLONE_PARENT_SETTID},
		{0x200000, PPM_CL_CLONE_CHILD_CLEARTID}, {0x800000, PPM_CL_CLONE_UNTRACED},
		{0x1000000, PPM_CL_CLONE_CHILD_SETTID}, {0x2000000, PPM_CL_CLONE_NEWCGROUP},
		{0x4000000, PPM_CL_CLONE_NEWUTS},     {0x8000000, PPM_CL_CLONE_NEWIPC},
		{0x10000000, PPM_CL_CLONE_NEWUSER},   {0x20000000, PPM_CL_CLONE_NEWPID},
		{0x40000000, PPM_CL_CLONE_NEWNET},    {0x80000000, PPM_CL_CLONE_IO},
	};
	return MAP_BITS(t, flags);
}

static inline __u32 prot_to_ppm(__u64 prot)
{
	static const struct flag_pair t[] = {
		{0x1, PPM_PROT_READ}, {0x2, PPM_PROT_WRITE}, {0x4, PPM_PROT_EXEC},
		{0x8, PPM_PROT_SEM},  {0x01000000, PPM_PROT_GROWSDOWN}, {0x02000000, PPM_PROT_GROWSUP},
	};
	return MAP_BITS(t, prot);
}

static inline __u32 mmap_flags_to_ppm(__u64 flags)
{
	static const struct flag_pair t[] = {
		{0x01, PPM_MAP_SHARED},      {0x02, PPM_MAP_PRIVATE},     {0x10, PPM_MAP_FIXED},
		{0x20, PPM_MAP_ANONYMOUS},   {0x40, PPM_MAP_32BIT},       {0x100, PPM_MAP_GROWSDOWN},
		{0x800, PPM_MAP_DENYWRITE},  {0x1000, PPM_MAP_EXECUTABLE}, {0x2000, PPM_MAP_LOCKED},
		{0x4000, PPM_MAP_NORESERVE}, {0x8000, PPM_MAP_POPULATE},  {0x10000, PPM_MAP_NONBLOCK},
	};
	return MAP_BITS(t, flags);
}

/* AT_* flags of unlinkat, linkat and friends. */
static inline __u32 at_flags_to_ppm(__u64 flags)
{
	static const struct flag_pair t[] = {
		{0x100, PPM_AT_SYMLINK_NOFOLLOW}, {0x200, PPM_AT_REMOVEDIR},
		{0x400, PPM_AT_SYMLINK_FOLLOW},   {0x800, PPM_AT_NO_AUTOMOUNT},
		{0x1000, PPM_AT_EMPTY_PATH},
	};
	return MAP_BITS(t, flags);
}

/* A directory fd argument: AT_FDCWD keeps its meaning as PPM_AT_FDCWD. */
static inline long long dirfd_to_ppm(__u64 fd)
{
	return (int)fd == -100 ? PPM_AT_FDCWD : (long long)(int)fd;
}

static inline __u32 rename_flags_to_ppm(__u64 flags)
{
	static const struct flag_pair t[] = {
		{1, PPM_RENAME_NOREPLACE}, {2, PPM_RENAME_EXCHANGE}, {4, PPM_RENAME_WHITEOUT},
	};
	return MAP_BITS(t, flags);
}

static inline __u32 resolve_flags_to_ppm(__u64 flags)
{
	static const struct flag_pair t[] = {
		{0x01, PPM_RESOLVE_NO_XDEV},   {0x02, PPM_RESOLVE_NO_MAGICLINKS},
		{0x04, PPM_RESOLVE_NO_SYMLINKS}, {0x08, PPM_RESOLVE_BENEATH},
		{0x10, PPM_RESOLVE_IN_ROOT},   {0x20, PPM_RESOLVE_CACHED},
	};
	return MAP_BITS(t, flags);
}

/* mount(2) flags have the PPM_MS_* values; the old magic in the top half goes. */
static inline __u32 mount_flags_to_ppm(__u64 flags)
{
	if ((flags & 0xffff0000u) == 0xc0ed0000u)
		flags &= 0xffffu;
	return (__u32)flags;
}

static inline __u8 shutdown_how_to_ppm(__u64 how)
{
	return how <= 2 ? (__u8)how : (__u8)PPM_SHUT_UNKNOWN;
}

static inline __u8 lseek_whence_to_ppm(__u64 whence)
{
	return whence <= 2 ? (__u8)whence : 0;
}

static inline __u8 rlimit_resource_to_ppm(__u64 res)
{
	return res <= 15 ? (__u8)res : (__u8)PPM_RLIMIT_UNKNOWN;
}

static inline __u8 fcntl_cmd_to_ppm(__u64 cmd)
{
	switch (cmd) {
	case 0: return PPM_FCNTL_F_DUPFD;
	case 1: return PPM_FCNTL_F_GETFD;
	case 2: return PPM_FCNTL_F_SETFD;
	case 3: return PPM_FCNTL_F_GETFL;
	case 4: return PPM_FCNTL_F_SETFL;
	case 5: return PPM_FCNTL_F_GETLK;
	case 6: return PPM_FCNTL_F_SETLK;
	case 7: return PPM_FCNTL_F_SETLKW;
	case 8: return PPM_FCNTL_F_SETOWN;
	case 9: return PPM_FCNTL_F_GETOWN;
	case 10: return PPM_FCNTL_F_SETSIG;
	case 11: return PPM_FCNTL_F_GETSIG;
	case 15: return PPM_FCNTL_F_SETOWN_EX;
	case 16: return PPM_FCNTL_F_GETOWN_EX;
	case 36: return PPM_FCNTL_F_OFD_GETLK;
	case 37: return PPM_FCNTL_F_OFD_SETLK;
	case 38: return PPM_FCNTL_F_OFD_SETLKW;
	case 1024: return PPM_FCNTL_F_SETLEASE;
	case 1025: return PPM_FCNTL_F_GETLEASE;
	case 1026: return PPM_FCNTL_F_NOTIFY;
	case 1029: return PPM_FCNTL_F_CANCELLK;
	case 1030: return PPM_FCNTL_F_DUPFD_CLOEXEC;
	case 1031: return PPM_FCNTL_F_SETPIPE_SZ;
	case 1032: return PPM_FCNTL_F_GETPIPE_SZ;
	default: return PPM_FCNTL_UNKNOWN;
	}
}

static inline __u16 ptrace_request_to_ppm(__u64 req)
{
	switch (req) {
	case 0: return PPM_PTRACE_TRACEME;
	case 1: return PPM_PTRACE_PEEKTEXT;
	case 2: return PPM_PTRACE_PEEKDATA;
	case 3: return PPM_PTRACE_PEEKUSR;
	case 4: return PPM_PTRACE_POKETEXT;
	case 5: return PPM_PTRACE_POKEDATA;
	case 6: return PPM_PTRACE_POKEUSR;
	case 7: return PPM_PTRACE_CONT;
	case 8: return PPM_PTRACE_KILL;
	case 9: return PPM_PTRACE_SINGLESTEP;
	case 12: return PPM_PTRACE_GETREGS;
	case 13: return PPM_PTRACE_SETREGS;
	case 14: return PPM_PTRACE_GETFPREGS;
	case 15: return PPM_PTRACE_SETFPREGS;
	case 16: return PPM_PTRACE_ATTACH;
	case 17: return PPM_PTRACE_DETACH;
	case 18: return PPM_PTRACE_GETFPXREGS;
	case 19: return PPM_PTRACE_SETFPXREGS;
	case 21: return PPM_PTRACE_OLDSETOPTIONS;
	case 24: return PPM_PTRACE_SYSCALL;
	case 25: return PPM_PTRACE_GET_THREAD_AREA;
	case 26: return PPM_PTRACE_SET_THREAD_AREA;
	case 30: return PPM_PTRACE_ARCH_PRCTL;
	case 31: return PPM_PTRACE_SYSEMU;
	case 32: return PPM_PTRACE_SYSEMU_SINGLESTEP;
	case 33: return PPM_PTRACE_SINGLEBLOCK;
	case 0x4200: return PPM_PTRACE_SETOPTIONS;
	case 0x4201: return PPM_PTRACE_GETEVENTMSG;
	case 0x4202: return PPM_PTRACE_GETSIGINFO;
	case 0x4203: return PPM_PTRACE_SETSIGINFO;
	case 0x4204: return PPM_PTRACE_GETREGSET;
	case 0x4205: return PPM_PTRACE_SETREGSET;
	case 0x4206: return PPM_PTRACE_SEIZE;
	case 0x4207: return PPM_PTRACE_INTERRUPT;
	case 0x4208: return PPM_PTRACE_LISTEN;
	case 0x4209: return PPM_PTRACE_PEEKSIGINFO;
	case 0x420a: return PPM_PTRACE_GETSIGMASK;
	case 0x420b: return PPM_PTRACE_SETSIGMASK;
	default: return PPM_PTRACE_UNKNOWN;
	}
}

static inline __u32 semflg_to_ppm(__u64 flg)
{
	static const struct flag_pair t[] = {
		{04000, PPM_IPC_NOWAIT}, {0x1000, PPM_SEM_UNDO}, {01000, PPM_IPC_CREAT}, {02000, PPM_IPC_EXCL},
	};
	return MAP_BITS(t, flg);
}

static inline __u16 semctl_cmd_to_ppm(__u64 cmd)
{
	switch (cmd) {
	case 0: return PPM_IPC_RMID;
	case 1: return PPM_IPC_SET;
	case 2: return PPM_IPC_STAT;
	case 3: return PPM_IPC_INFO;
	case 18: return PPM_SEM_STAT;
	case 19: return PPM_SEM_INFO;
	default: return 0;
	}
}

/* quotactl's command (QCMD(cmd, type) >> 8). */
static inline __u16 quotactl_cmd_to_ppm(__u64 cmd)
{
	switch ((cmd >> 8) & 0xffffff) {
	case 0x800001: return PPM_Q_SYNC;
	case 0x800002: return PPM_Q_QUOTAON;
	case 0x800003: return PPM_Q_QUOTAOFF;
	case 0x800004: return PPM_Q_GETFMT;
	case 0x800005: return PPM_Q_GETINFO;
	case 0x800006: return PPM_Q_SETINFO;
	case 0x800007: return PPM_Q_GETQUOTA;
	case 0x800008: return PPM_Q_SETQUOTA;
	default: return 0;
	}
}

static inline __u16 poll_events_to_ppm(__u16 ev)
{
	static const struct flag_pair t[] = {
		{0x001, PPM_POLLIN},     {0x002, PPM_POLLPRI},    {0x004, PPM_POLLOUT},
		{0x2000, PPM_POLLRDHUP}, {0x008, PPM_POLLERR},    {0x010, PPM_POLLHUP},
		{0x020, PPM_POLLNVAL},   {0x040, PPM_POLLRDNORM}, {0x080, PPM_POLLRDBAND},
		{0x100, PPM_POLLWRNORM}, {0x200, PPM_POLLWRBAND},
	};
	return (__u16)MAP_BITS(t, ev);
}

/* x86 page fault error code bits. */
static inline __u32 pf_error_to_ppm(__u64 code)
{
	__u32 r = 0;

	r |= (code & 0x1) ? PPM_PF_PROTECTION_VIOLATION : PPM_PF_PAGE_NOT_PRESENT;
	r |= (code & 0x2) ? PPM_PF_WRITE_ACCESS : PPM_PF_READ_ACCESS;
	r |= (code & 0x4) ? PPM_PF_USER_FAULT : PPM_PF_SUPERVISOR_FAULT;
	if (code & 0x8)
		r |= PPM_PF_RESERVED_PAGE;
	if (code & 0x10)
		r |= PPM_PF_INSTRUCTION_FETCH;
	return r;
}

#endif
