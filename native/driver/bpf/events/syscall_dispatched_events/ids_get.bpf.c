/* getuid, geteuid, getgid, getegid (the result is the id), getresuid,
 * getresgid (the three ids the kernel stored). */
#include "../../helpers/syscall_exit.h"

#define ID_GETTER(name, type)                                     \
	SYSCALL_EXIT_PROG(name) {                                 \
		FIXED_EVENT_OR_RETURN(e, type, FX_SIZE(1, 4), tid); \
		fx__u32(&e, (__u32)ret); /* id */                 \
		fx__submit(&e);                                   \
		return 0;                                         \
	}

ID_GETTER(getuid, PPME_SYSCALL_GETUID_X)
ID_GETTER(geteuid, PPME_SYSCALL_GETEUID_X)
ID_GETTER(getgid, PPME_SYSCALL_GETGID_X)
ID_GETTER(getegid, PPME_SYSCALL_GETEGID_X)

static __always_inline __u32 read_user_id(unsigned long ptr) {
	__u32 id = 0;
	if(ptr)
		bpf_probe_read_user(&id, sizeof(id), (void *)ptr);
	return id;
}

SYSCALL_EXIT_PROG(getresuid) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_GETRESUID_X);
	ev__s64(s, ret);                                 /* res */
	ev__u32(s, read_user_id(ARG(0)));                /* ruid */
	ev__u32(s, read_user_id(ARG(1)));                /* euid */
	ev__u32(s, read_user_id(ARG(2)));                /* suid */
	ev__submit(s);
	return 0;
}

SYSCALL_EXIT_PROG(getresgid) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_GETRESGID_X);
	ev__s64(s, ret);                                 /* res */
	ev__u32(s, read_user_id(ARG(0)));                /* rgid */
	ev__u32(s, read_user_id(ARG(1)));                /* egid */
	ev__u32(s, read_user_id(ARG(2)));                /* sgid */
	ev__submit(s);
	return 0;
}
