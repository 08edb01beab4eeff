/* Kernel flag values -> the PPM_* values of the event schema. The kernel side
 * is the x86_64 ABI (these are #defines, absent from BTF). */
#pragma once

#include "base.h"

struct flag_map {
	__u32 kernel;
	__u32 ppm;
};

#define MAP_FLAGS(table, in)                                          \
	({                                                            \
		__u32 __r = 0;                                        \
		_Pragma("unroll") for(int __i = 0; __i < (int)(sizeof(table) / sizeof(table[0])); __i++) \
			if((in) & table[__i].kernel)                  \
				__r |= table[__i].ppm;                \
		__r;                                                  \
	})

static __always_inline __u32 open_flags_to_ppm(__u32 flags) {
	static const struct flag_map t[] = {
	        {0100, PPM_O_CREAT},        {0200, PPM_O_EXCL},          {01000, PPM_O_TRUNC},
	        {02000, PPM_O_APPEND},      {04000, PPM_O_NONBLOCK},     {010000, PPM_O_DSYNC},
	        {040000, PPM_O_DIRECT},     {0100000, PPM_O_LARGEFILE},  {0200000, PPM_O_DIRECTORY},
	        {02000000, PPM_O_CLOEXEC},  {04000000, PPM_O_SYNC},      {020000000, PPM_O_TMPFILE},
	};
	__u32 r;
	switch(flags & 03) {
	case 01: r = PPM_O_WRONLY; break;
	case 02: r = PPM_O_RDWR; break;
	default: r = PPM_O_RDONLY; break;
	}
	return r | MAP_FLAGS(t, flags);
}

/* The S_IF* type bits and permission bits of a mode (PT_MODE). */
static __always_inline __u32 mode_to_ppm(__u32 mode) {
	static const struct flag_map t[] = {
	        {0400, PPM_S_IRUSR}, {0200, PPM_S_IWUSR}, {0100, PPM_S_IXUSR},
	        {040, PPM_S_IRGRP},  {020, PPM_S_IWGRP},  {010, PPM_S_IXGRP},
	        {04, PPM_S_IROTH},   {02, PPM_S_IWOTH},   {01, PPM_S_IXOTH},
	        {04000, PPM_S_ISUID}, {02000, PPM_S_ISGID}, {01000, PPM_S_ISVTX},
	};
	return MAP_FLAGS(t, mode);
}

static __always_inline __u32 clone_flags_to_ppm(__u64 flags) {
	static const struct flag_map t[] = {
	        {0x100, PPM_CL_CLONE_VM},
	        {0x200, PPM_CL_CLONE_FS},
	        {0x400, PPM_CL_CLONE_FILES},
	        {0x800, PPM_CL_CLONE_SIGHAND},
	        {0x2000, PPM_CL_CLONE_PTRACE},
	        {0x4000, PPM_CL_CLONE_VFORK},
	        {0x8000, PPM_CL_CLONE_PARENT},
	        {0x10000, PPM_CL_CLONE_THREAD},
	        {0x20000, PPM_CL_CLONE_NEWNS},
	        {0x40000, PPM_CL_CLONE_SYSVSEM},
	        {0x80000, PPM_CL_CLONE_SETTLS},
	        {0x100000, PPM_CL_CLONE_PARENT_SETTID},
	        {0x200000, PPM_CL_CLONE_CHILD_CLEARTID},
	        {0x800000, PPM_CL_CLONE_UNTRACED},
	        {0x1000000, PPM_CL_CLONE_CHILD_SETTID},
	        {0x2000000, PPM_CL_CLONE_NEWCGROUP},
	        {0x4000000, PPM_CL_CLONE_NEWUTS},
	        {0x8000000, PPM_CL_CLONE_NEWIPC},
	        {0x10000000, PPM_CL_CLONE_NEWUSER},
	        {0x20000000, PPM_CL_CLONE_NEWPID},
	        {0x40000000, PPM_CL_CLONE_NEWNET},
	        {0x80000000, PPM_CL_CLONE_IO},
	};
	return MAP_FLAGS(t, (__u32)flags);
}

static __always_inline __u32 prot_flags_to_ppm(__u32 prot) {
	static const struct flag_map t[] = {
	        {0x1, PPM_PROT_READ},       {0x2, PPM_PROT_WRITE},    {0x4, PPM_PROT_EXEC},
	        {0x01000000, PPM_PROT_GROWSDOWN}, {0x02000000, PPM_PROT_GROWSUP},
	};
	__u32 r = MAP_FLAGS(t, prot);
	return r ? r : PPM_PROT_NONE;
}

static __always_inline __u32 mmap_flags_to_ppm(__u32 flags) {
	static const struct flag_map t[] = {
	        {0x01, PPM_MAP_SHARED},     {0x02, PPM_MAP_PRIVATE},    {0x10, PPM_MAP_FIXED},
	        {0x20, PPM_MAP_ANONYMOUS},  {0x100, PPM_MAP_GROWSDOWN}, {0x800, PPM_MAP_DENYWRITE},
	        {0x1000, PPM_MAP_EXECUTABLE}, {0x2000, PPM_MAP_LOCKED}, {0x4000, PPM_MAP_NORESERVE},
	        {0x8000, PPM_MAP_POPULATE}, {0x10000, PPM_MAP_NONBLOCK},
	};
	return MAP_FLAGS(t, flags);
}

/* *at() flags (unlinkat, linkat, fchownat, newfstatat, ...). */
static __always_inline __u32 at_flags_to_ppm(__u32 flags) {
	static const struct flag_map t[] = {
	        {0x100, PPM_AT_SYMLINK_NOFOLLOW}, {0x200, PPM_AT_REMOVEDIR},
	        {0x400, PPM_AT_SYMLINK_FOLLOW},   {0x800, PPM_AT_NO_AUTOMOUNT},
	        {0x1000, PPM_AT_EMPTY_PATH},
	};
	return MAP_FLAGS(t, flags);
}

/* AT_FDCWD (-100) is reported as PPM_AT_FDCWD. */
static __always_inline __s64 dirfd_to_ppm(long dirfd) {
	return (int)dirfd == -100 ? PPM_AT_FDCWD : (__s64)(int)dirfd;
}

static __always_inline __u8 shutdown_how_to_ppm(long how) {
	switch(how) {
	case 0: return PPM_SHUT_RD;
	case 1: return PPM_SHUT_WR;
	case 2: return PPM_SHUT_RDWR;
	default: return (__u8)PPM_SHUT_UNKNOWN;
	}
}
