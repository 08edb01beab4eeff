/* setuid, setgid, setreuid, setregid, setresuid, setresgid: the ids asked
 * for, as passed (-1 means "unchanged"). */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(setuid) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SETUID_X);
	ev__s64(s, ret);                                 /* res */
	ev__u32(s, (__u32)ARG(0));                       /* uid */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(setgid) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SETGID_X);
	ev__s64(s, ret);                                 /* res */
	ev__u32(s, (__u32)ARG(0));                       /* gid */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(setreuid) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SETREUID_X);
	ev__s64(s, ret);                                 /* res */
	ev__u32(s, (__u32)ARG(0));                       /* ruid */
	ev__u32(s, (__u32)ARG(1));                       /* euid */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(setregid) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SETREGID_X);
	ev__s64(s, ret);                                 /* res */
	ev__u32(s, (__u32)ARG(0));                       /* rgid */
	ev__u32(s, (__u32)ARG(1));                       /* egid */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(setresuid) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SETRESUID_X);
	ev__s64(s, ret);                                 /* res */
	ev__u32(s, (__u32)ARG(0));                       /* ruid */
	ev__u32(s, (__u32)ARG(1));                       /* euid */
	ev__u32(s, (__u32)ARG(2));                       /* suid */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(setresgid) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_SETRESGID_X);
	ev__s64(s, ret);                                 /* res */
	ev__u32(s, (__u32)ARG(0));                       /* rgid */
	ev__u32(s, (__u32)ARG(1));                       /* egid */
	ev__u32(s, (__u32)ARG(2));                       /* sgid */
	ev__submit(s);
	return 0;
}
