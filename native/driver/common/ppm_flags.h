/* Linux x86_64 flag, command and enum values -> the PPM_* values of the event
 * schema (native/driver/generated/ppm_events_gen.h), for every driver: the
 * eBPF probe (clang -target bpf, vmlinux.h types), the kernel module and the
 * userspace tests that check these tables. Plain integer functions: the
 * kernel values are written out (they are #defines, absent from BTF, and the
 * module must not depend on which headers define them).
 *
 * Where the reference drivers convert a value, so do these; each function
 * takes the syscall argument's own C type, so a wider register is cut the way
 * the kernel cuts it. */
#ifndef SINSPECT_PPM_FLAGS_H
#define SINSPECT_PPM_FLAGS_H

#include "ppm_events_gen.h"

/* Every conversion is inlined: the probe's verifier then sees constants. */
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

/* clang unrolls the table walks (one test per bit, no loop for the BPF
 * verifier); other compilers (gcc for the module) loop. */
#if defined(__clang__)
#define PPM_UNROLL _Pragma("unroll")
#else
#define PPM_UNROLL
#endif

struct ppm_flag_map {
	__u32 kernel;
	__u32 ppm;
};

/* The PPM bits of every table entry whose kernel bit is set in v. */
#define PPM_MAP_FLAGS(table, v)                                                             \
	({                                                                                  \
		__u32 __ppm = 0;                                                            \
		PPM_UNROLL for(unsigned __i = 0; __i < sizeof(table) / sizeof(table[0]); __i++) \
			if((v) & (table)[__i].kernel)                                       \
				__ppm |= (table)[__i].ppm;                                  \
		__ppm;                                                                      \
	})

/* ---- files ---- */

#define PPM_K_O_CREAT 0100
#define PPM_K_O_SYNC 04010000    /* __O_SYNC | O_DSYNC */
#define PPM_K_O_TMPFILE 020200000 /* __O_TMPFILE | O_DIRECTORY */

/* open/openat/openat2 flags. O_SYNC and O_TMPFILE are reported when all their
 * bits are set, as the kernel defines them (each includes another flag's bit). */
static __always_inline __u32 open_flags_to_ppm(__u32 flags) {
	static const struct ppm_flag_map t[] = {
	        {PPM_K_O_CREAT, PPM_O_CREAT}, {0200, PPM_O_EXCL},          {01000, PPM_O_TRUNC},
	        {02000, PPM_O_APPEND},        {04000, PPM_O_NONBLOCK},     {010000, PPM_O_DSYNC},
	        {040000, PPM_O_DIRECT},       {0100000, PPM_O_LARGEFILE},  {0200000, PPM_O_DIRECTORY},
	        {02000000, PPM_O_CLOEXEC},
	};
	__u32 r;
	switch(flags & 03) {
	case 01: r = PPM_O_WRONLY; break;
	case 02: r = PPM_O_RDWR; break;
	default: r = PPM_O_RDONLY; break;
	}
	if((flags & PPM_K_O_SYNC) == PPM_K_O_SYNC)
		r |= PPM_O_SYNC;
	if((flags & PPM_K_O_TMPFILE) == PPM_K_O_TMPFILE)
		r |= PPM_O_TMPFILE;
	return r | PPM_MAP_FLAGS(t, flags);
}

/* Permission and special bits of a mode (PT_MODE). */
static __always_inline __u32 mode_to_ppm(__u32 mode) {
	static const struct ppm_flag_map t[] = {
	        {0400, PPM_S_IRUSR},  {0200, PPM_S_IWUSR},  {0100, PPM_S_IXUSR},
	        {040, PPM_S_IRGRP},   {020, PPM_S_IWGRP},   {010, PPM_S_IXGRP},
	        {04, PPM_S_IROTH},    {02, PPM_S_IWOTH},    {01, PPM_S_IXOTH},
	        {04000, PPM_S_ISUID}, {02000, PPM_S_ISGID}, {01000, PPM_S_ISVTX},
	};
	return PPM_MAP_FLAGS(t, mode);
}

/* open's mode only means something when a file may be created. */
static __always_inline __u32 open_mode_to_ppm(__u32 flags, __u32 mode) {
	if((flags & PPM_K_O_CREAT) || (flags & PPM_K_O_TMPFILE) == PPM_K_O_TMPFILE)
		return mode_to_ppm(mode);
	return 0;
}

/* *at() flags (unlinkat, linkat, fchownat, newfstatat, ...). */
static __always_inline __u32 at_flags_to_ppm(__u32 flags) {
	static const struct ppm_flag_map t[] = {
	        {0x100, PPM_AT_SYMLINK_NOFOLLOW}, {0x200, PPM_AT_REMOVEDIR},
	        {0x400, PPM_AT_SYMLINK_FOLLOW},   {0x800, PPM_AT_NO_AUTOMOUNT},
	        {0x1000, PPM_AT_EMPTY_PATH},
	};
	return PPM_MAP_FLAGS(t, flags);
}

/* A directory fd argument: AT_FDCWD (-100) is reported as PPM_AT_FDCWD. */
static __always_inline long long dirfd_to_ppm(__u64 fd) {
	return (int)fd == -100 ? PPM_AT_FDCWD : (long long)(int)fd;
}

/* renameat2's RENAME_NOREPLACE/EXCHANGE/WHITEOUT. */
static __always_inline __u32 rename_flags_to_ppm(__u32 flags) {
	static const struct ppm_flag_map t[] = {
	        {1, PPM_RENAME_NOREPLACE}, {2, PPM_RENAME_EXCHANGE}, {4, PPM_RENAME_WHITEOUT},
	};
	return PPM_MAP_FLAGS(t, flags);
}

/* openat2's struct open_how resolve field. */
static __always_inline __u32 resolve_flags_to_ppm(__u64 resolve) {
	static const struct ppm_flag_map t[] = {
	        {0x01, PPM_RESOLVE_NO_XDEV},     {0x02, PPM_RESOLVE_NO_MAGICLINKS},
	        {0x04, PPM_RESOLVE_NO_SYMLINKS}, {0x08, PPM_RESOLVE_BENEATH},
	        {0x10, PPM_RESOLVE_IN_ROOT},     {0x20, PPM_RESOLVE_CACHED},
	};
	return PPM_MAP_FLAGS(t, resolve);
}

/* MS_* are PPM_MS_* already; the obsolete magic number in the top 16 bits
 * (MS_MGC_VAL 0xC0ED0000) is dropped. */
static __always_inline __u32 mount_flags_to_ppm(__u64 flags) {
	if((flags & 0xffff0000u) == 0xc0ed0000u)
		flags &= 0xffffu;
	return (__u32)flags;
}

/* SEEK_SET/CUR/END keep their numbers; SEEK_DATA/HOLE have no PPM name. */
static __always_inline __u8 lseek_whence_to_ppm(__u32 whence) {
	return whence <= 2 ? (__u8)whence : PPM_SEEK_SET;
}

/* fcntl commands. ia32: the F_*LK64 commands of fcntl64 (12..14) exist there only. */
static __always_inline __u8 fcntl_cmd_to_ppm(__u32 cmd, int ia32) {
	if(ia32 && cmd >= 12 && cmd <= 14)
		return cmd == 12 ? PPM_FCNTL_F_GETLK64 : cmd == 13 ? PPM_FCNTL_F_SETLK64 : PPM_FCNTL_F_SETLKW64;
	switch(cmd) {
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

/* poll(2) event bits: the PPM order puts RDHUP after OUT. */
static __always_inline __u16 poll_events_to_ppm(__u16 ev) {
	static const struct ppm_flag_map t[] = {
	        {0x0001, PPM_POLLIN},     {0x0002, PPM_POLLPRI},    {0x0004, PPM_POLLOUT},
	        {0x2000, PPM_POLLRDHUP},  {0x0008, PPM_POLLERR},    {0x0010, PPM_POLLHUP},
	        {0x0020, PPM_POLLNVAL},   {0x0040, PPM_POLLRDNORM}, {0x0080, PPM_POLLRDBAND},
	        {0x0100, PPM_POLLWRNORM}, {0x0200, PPM_POLLWRBAND},
	};
	return (__u16)PPM_MAP_FLAGS(t, ev);
}

/* ---- sockets ---- */

static __always_inline __u8 shutdown_how_to_ppm(__u64 how) {
	switch(how) {
	case 0: return PPM_SHUT_RD;
	case 1: return PPM_SHUT_WR;
	case 2: return PPM_SHUT_RDWR;
	default: return (__u8)PPM_SHUT_UNKNOWN;
	}
}

/* ---- processes and memory ---- */

static __always_inline __u32 clone_flags_to_ppm(__u64 flags) {
	static const struct ppm_flag_map t[] = {
	        {0x100, PPM_CL_CLONE_VM},                 {0x200, PPM_CL_CLONE_FS},
	        {0x400, PPM_CL_CLONE_FILES},              {0x800, PPM_CL_CLONE_SIGHAND},
	        {0x2000, PPM_CL_CLONE_PTRACE},            {0x4000, PPM_CL_CLONE_VFORK},
	        {0x8000, PPM_CL_CLONE_PARENT},            {0x10000, PPM_CL_CLONE_THREAD},
	        {0x20000, PPM_CL_CLONE_NEWNS},            {0x40000, PPM_CL_CLONE_SYSVSEM},
	        {0x80000, PPM_CL_CLONE_SETTLS},           {0x100000, PPM_CL_CLONE_PARENT_SETTID},
	        {0x200000, PPM_CL_CLONE_CHILD_CLEARTID},  {0x800000, PPM_CL_CLONE_UNTRACED},
	        {0x1000000, PPM_CL_CLONE_CHILD_SETTID},   {0x2000000, PPM_CL_CLONE_NEWCGROUP},
	        {0x4000000, PPM_CL_CLONE_NEWUTS},         {0x8000000, PPM_CL_CLONE_NEWIPC},
	        {0x10000000, PPM_CL_CLONE_NEWUSER},       {0x20000000, PPM_CL_CLONE_NEWPID},
	        {0x40000000, PPM_CL_CLONE_NEWNET},        {0x80000000, PPM_CL_CLONE_IO},
	};
	return PPM_MAP_FLAGS(t, flags);
}

/* mmap/mprotect prot (PROT_NONE is PPM_PROT_NONE, 0). */
static __always_inline __u32 prot_to_ppm(__u64 prot) {
	static const struct ppm_flag_map t[] = {
	        {0x1, PPM_PROT_READ}, {0x2, PPM_PROT_WRITE},            {0x4, PPM_PROT_EXEC},
	        {0x8, PPM_PROT_SEM},  {0x01000000, PPM_PROT_GROWSDOWN}, {0x02000000, PPM_PROT_GROWSUP},
	};
	return PPM_MAP_FLAGS(t, prot);
}

static __always_inline __u32 mmap_flags_to_ppm(__u64 flags) {
	static const struct ppm_flag_map t[] = {
	        {0x01, PPM_MAP_SHARED},       {0x02, PPM_MAP_PRIVATE},    {0x10, PPM_MAP_FIXED},
	        {0x20, PPM_MAP_ANONYMOUS},    {0x40, PPM_MAP_32BIT},      {0x100, PPM_MAP_GROWSDOWN},
	        {0x800, PPM_MAP_DENYWRITE},   {0x1000, PPM_MAP_EXECUTABLE}, {0x2000, PPM_MAP_LOCKED},
	        {0x4000, PPM_MAP_NORESERVE},  {0x8000, PPM_MAP_POPULATE}, {0x10000, PPM_MAP_NONBLOCK},
	};
	return PPM_MAP_FLAGS(t, flags);
}

/* RLIMIT_CPU..RLIMIT_RTTIME are 0..15 in both. */
static __always_inline __u8 rlimit_resource_to_ppm(__u32 resource) {
	return resource <= 15 ? (__u8)resource : (__u8)PPM_RLIMIT_UNKNOWN;
}

static __always_inline __u16 ptrace_request_to_ppm(__u64 req) {
	switch(req) {
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

/* x86 page fault error code bits. */
static __always_inline __u32 pf_error_to_ppm(__u64 code) {
	__u32 r = 0;
	r |= (code & 0x1) ? PPM_PF_PROTECTION_VIOLATION : PPM_PF_PAGE_NOT_PRESENT;
	r |= (code & 0x2) ? PPM_PF_WRITE_ACCESS : PPM_PF_READ_ACCESS;
	r |= (code & 0x4) ? PPM_PF_USER_FAULT : PPM_PF_SUPERVISOR_FAULT;
	if(code & 0x8)
		r |= PPM_PF_RESERVED_PAGE;
	if(code & 0x10)
		r |= PPM_PF_INSTRUCTION_FETCH;
	return r;
}

/* ---- SysV semaphores ---- */

#define PPM_K_IPC_CREAT 01000
#define PPM_K_IPC_EXCL 02000
#define PPM_K_IPC_NOWAIT 04000
#define PPM_K_SEM_UNDO 0x1000
#define PPM_K_SETVAL 16 /* the semctl command whose fourth argument is the value */

/* A semop operation's sem_flg. */
static __always_inline __u16 semop_flags_to_ppm(short flags) {
	__u16 r = 0;
	if(flags & PPM_K_IPC_NOWAIT)
		r |= PPM_IPC_NOWAIT;
	if(flags & PPM_K_SEM_UNDO)
		r |= PPM_SEM_UNDO;
	return r;
}

/* semget's semflg (its permission bits are not reported). */
static __always_inline __u32 semget_flags_to_ppm(__u32 flags) {
	__u32 r = 0;
	if(flags & PPM_K_IPC_CREAT)
		r |= PPM_IPC_CREAT;
	if(flags & PPM_K_IPC_EXCL)
		r |= PPM_IPC_EXCL;
	return r;
}

static __always_inline __u16 semctl_cmd_to_ppm(__u32 cmd) {
	switch(cmd) {
	case 0: return PPM_IPC_RMID;
	case 1: return PPM_IPC_SET;
	case 2: return PPM_IPC_STAT;
	case 3: return PPM_IPC_INFO;
	case 11: return PPM_GETPID;
	case 12: return PPM_GETVAL;
	case 13: return PPM_GETALL;
	case 14: return PPM_GETNCNT;
	case 15: return PPM_GETZCNT;
	case 16: return PPM_SETVAL;
	case 17: return PPM_SETALL;
	case 18: return PPM_SEM_STAT;
	case 19: return PPM_SEM_INFO;
	default: return 0;
	}
}

/* ---- quotactl ---- */

/* quotactl's cmd is QCMD(subcmd, type) = subcmd << 8 | type. */
static __always_inline __u16 quotactl_cmd_to_ppm(__u32 cmd) {
	switch(cmd >> 8) {
	case 0x800001: return PPM_Q_SYNC;
	case 0x800002: return PPM_Q_QUOTAON;
	case 0x800003: return PPM_Q_QUOTAOFF;
	case 0x800004: return PPM_Q_GETFMT;
	case 0x800005: return PPM_Q_GETINFO;
	case 0x800006: return PPM_Q_SETINFO;
	case 0x800007: return PPM_Q_GETQUOTA;
	case 0x800008: return PPM_Q_SETQUOTA;
	case 0x5801: return PPM_Q_XQUOTAON;
	case 0x5802: return PPM_Q_XQUOTAOFF;
	case 0x5803: return PPM_Q_XGETQUOTA;
	case 0x5804: return PPM_Q_XSETQLIM;
	case 0x5805: return PPM_Q_XGETQSTAT;
	case 0x5806: return PPM_Q_XQUOTARM;
	case 0x5807: return PPM_Q_XQUOTASYNC;
	default: return 0;
	}
}

/* USRQUOTA 0, GRPQUOTA 1 in the low byte of cmd. */
static __always_inline __u8 quotactl_type_to_ppm(__u32 cmd) {
	switch(cmd & 0xff) {
	case 0: return PPM_USRQUOTA;
	case 1: return PPM_GRPQUOTA;
	default: return 0;
	}
}

/* QFMT_VFS_OLD 1, QFMT_VFS_V0 2, QFMT_VFS_V1 4. */
static __always_inline __u8 quotactl_fmt_to_ppm(__u32 fmt) {
	switch(fmt) {
	case 1: return PPM_QFMT_VFS_OLD;
	case 2: return PPM_QFMT_VFS_V0;
	case 4: return PPM_QFMT_VFS_V1;
	default: return PPM_QFMT_NOT_USED;
	}
}

#endif
