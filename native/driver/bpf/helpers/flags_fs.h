/* Kernel -> PPM_* values for file and descriptor syscalls that only the probe
 * converts (flags.h has the shared ones): flock, access, mknod, umount,
 * splice, the flags of the fd-creating syscalls (eventfd2, signalfd4,
 * inotify_init1, timerfd_create, memfd_create, pidfd_open, epoll_create1),
 * module loading, close_range.
 * Kernel values are the x86_64 ABI (#defines, absent from BTF). Where the
 * PPM value equals the kernel one the conversion is a mask of known bits. */
#pragma once

#include "flags.h"

#define K_O_TRUNC 01000
#define K_O_NONBLOCK 04000
#define K_O_CLOEXEC 02000000

/* LOCK_SH/EX/NB/UN: same values. */
static __always_inline __u32 flock_op_to_ppm(__u32 op) {
	return op & (PPM_LOCK_SH | PPM_LOCK_EX | PPM_LOCK_NB | PPM_LOCK_UN);
}

/* F_OK 0, X_OK 1, W_OK 2, R_OK 4: same values. */
static __always_inline __u32 access_mode_to_ppm(__u32 mode) {
	return mode & (PPM_X_OK | PPM_W_OK | PPM_R_OK);
}

#define K_S_IFMT 0170000

/* mknod's mode: permission bits, and the file type (0 means a regular file). */
static __always_inline __u32 mknod_mode_to_ppm(__u32 mode) {
	__u32 r = mode_to_ppm(mode);
	switch(mode & K_S_IFMT) {
	case 0:
	case 0100000: return r | PPM_S_IFREG;
	case 0140000: return r | PPM_S_IFSOCK;
	case 060000: return r | PPM_S_IFBLK;
	case 020000: return r | PPM_S_IFCHR;
	case 010000: return r | PPM_S_IFIFO;
	default: return r;
	}
}

/* MNT_FORCE, MNT_DETACH, MNT_EXPIRE, UMOUNT_NOFOLLOW: same values. */
static __always_inline __u32 umount_flags_to_ppm(__u32 flags) {
	return flags & (PPM_MNT_FORCE | PPM_MNT_DETACH | PPM_MNT_EXPIRE | PPM_UMOUNT_NOFOLLOW);
}

/* SPLICE_F_MOVE/NONBLOCK/MORE/GIFT: same values. */
static __always_inline __u32 splice_flags_to_ppm(__u32 flags) {
	return flags & (PPM_SPLICE_F_MOVE | PPM_SPLICE_F_NONBLOCK | PPM_SPLICE_F_MORE | PPM_SPLICE_F_GIFT);
}

/* The O_NONBLOCK/O_CLOEXEC pair that eventfd2, signalfd4, inotify_init1 and
 * timerfd_create take (their EFD_/SFD_/IN_/TFD_ flags are the open flags). */
static __always_inline __u32 fd_nonblock_cloexec_to_ppm(int flags) {
	__u32 r = 0;
	if(flags < 0)
		return 0;
	if(flags & K_O_NONBLOCK)
		r |= PPM_O_NONBLOCK;
	if(flags & K_O_CLOEXEC)
		r |= PPM_O_CLOEXEC;
	return r;
}

/* MFD_CLOEXEC 1, MFD_ALLOW_SEALING 2, MFD_HUGETLB 4: same values. */
static __always_inline __u32 memfd_flags_to_ppm(__u32 flags) {
	return flags & (PPM_MFD_CLOEXEC | PPM_MFD_ALLOW_SEALING | PPM_MFD_HUGETLB);
}

static __always_inline __u32 epoll_create1_flags_to_ppm(__u32 flags) {
	return (flags & K_O_CLOEXEC) ? PPM_EPOLL_CLOEXEC : 0;
}

static __always_inline __u32 pidfd_open_flags_to_ppm(__u32 flags) {
	return (flags & K_O_NONBLOCK) ? PPM_PIDFD_NONBLOCK : 0;
}

static __always_inline __u32 delete_module_flags_to_ppm(__u32 flags) {
	__u32 r = 0;
	if(flags & K_O_NONBLOCK)
		r |= PPM_DELETE_MODULE_O_NONBLOCK;
	if(flags & K_O_TRUNC)
		r |= PPM_DELETE_MODULE_O_TRUNC;
	return r;
}

/* MODULE_INIT_IGNORE_MODVERSIONS/IGNORE_VERMAGIC/COMPRESSED_FILE: same values. */
static __always_inline __u32 finit_module_flags_to_ppm(__u32 flags) {
	return flags & (PPM_MODULE_INIT_IGNORE_MODVERSIONS | PPM_MODULE_INIT_IGNORE_VERMAGIC |
	                PPM_MODULE_INIT_COMPRESSED_FILE);
}

/* CLOSE_RANGE_UNSHARE (1 << 1), CLOSE_RANGE_CLOEXEC (1 << 2): same values. */
static __always_inline __u32 close_range_flags_to_ppm(__u32 flags) {
	return flags & (PPM_CLOSE_RANGE_UNSHARE | PPM_CLOSE_RANGE_CLOEXEC);
}

/* linkat: AT_SYMLINK_FOLLOW and AT_EMPTY_PATH. */
static __always_inline __u32 linkat_flags_to_ppm(__u32 flags) {
	return at_flags_to_ppm(flags) & (PPM_AT_SYMLINK_FOLLOW | PPM_AT_EMPTY_PATH);
}

/* fchownat accepts AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH. Its flag table
 * (fchownat_flags) names value 1024 "AT_SYMLINK_NOFOLLOW", so that is where
 * the kernel's AT_SYMLINK_NOFOLLOW (0x100) goes. */
static __always_inline __u32 fchownat_flags_to_ppm(__u32 flags) {
	__u32 r = 0;
	if(flags & 0x100)
		r |= 1024;
	if(flags & 0x1000)
		r |= PPM_AT_EMPTY_PATH;
	return r;
}
