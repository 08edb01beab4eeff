/* keyctl: the operation (KEYCTL_* are PPM_KEYCTL_*) and arg2..arg5 as PT_DYN
 * parameters: a PPM_KEYCTL_IDX_* byte, then an s64 or a string, depending on
 * what each operation's arguments are. Unused arguments are 0. */
#include "../../helpers/syscall_exit.h"

#define KI PPM_KEYCTL_IDX_INT64
#define KS PPM_KEYCTL_IDX_CHARBUF

static __always_inline void ev__keyctl_arg(struct scratch *s, __u8 kind, unsigned long v) {
	ev__push_u8(s, kind);
	if(kind == KS) {
		ev__len(s, 1 + ev__push_str(s, v, MAX_PATH_LEN, USER_MEM));
		return;
	}
	ev__push_s64(s, (__s64)v);
	ev__len(s, 1 + 8);
}

/* How many of arg2..arg5 an operation uses and which are strings. */
struct keyctl_shape {
	__u8 nargs;
	__u8 kind[4];
};

static __always_inline struct keyctl_shape keyctl_shape_of(__u32 op) {
	struct keyctl_shape k = {0, {KI, KI, KI, KI}};
	switch(op) {
	case PPM_KEYCTL_SESSION_TO_PARENT:
		break;
	case PPM_KEYCTL_JOIN_SESSION_KEYRING:
		k.nargs = 1;
		k.kind[0] = KS;
		break;
	case PPM_KEYCTL_REVOKE:
	case PPM_KEYCTL_CLEAR:
	case PPM_KEYCTL_SET_REQKEY_KEYRING:
	case PPM_KEYCTL_ASSUME_AUTHORITY:
	case PPM_KEYCTL_INVALIDATE:
		k.nargs = 1;
		break;
	case PPM_KEYCTL_GET_KEYRING_ID:
	case PPM_KEYCTL_SETPERM:
	case PPM_KEYCTL_LINK:
	case PPM_KEYCTL_UNLINK:
	case PPM_KEYCTL_SET_TIMEOUT:
	case PPM_KEYCTL_GET_PERSISTENT:
	case PPM_KEYCTL_CAPABILITIES:
		k.nargs = 2;
		break;
	case PPM_KEYCTL_UPDATE:
	case PPM_KEYCTL_CHOWN:
	case PPM_KEYCTL_DESCRIBE:
	case PPM_KEYCTL_READ:
	case PPM_KEYCTL_NEGATE:
	case PPM_KEYCTL_GET_SECURITY:
	case PPM_KEYCTL_WATCH_KEY:
		k.nargs = 3;
		break;
	case PPM_KEYCTL_RESTRICT_KEYRING:
		k.nargs = 3;
		k.kind[1] = KS;
		k.kind[2] = KS;
		break;
	case PPM_KEYCTL_PKEY_QUERY:
		k.nargs = 3;
		k.kind[2] = KS;
		break;
	case PPM_KEYCTL_SEARCH:
		k.nargs = 4;
		k.kind[1] = KS;
		k.kind[2] = KS;
		break;
	case PPM_KEYCTL_INSTANTIATE:
	case PPM_KEYCTL_REJECT:
	case PPM_KEYCTL_INSTANTIATE_IOV:
	case PPM_KEYCTL_DH_COMPUTE:
	case PPM_KEYCTL_MOVE:
		k.nargs = 4;
		break;
	case PPM_KEYCTL_PKEY_ENCRYPT:
	case PPM_KEYCTL_PKEY_DECRYPT:
	case PPM_KEYCTL_PKEY_SIGN:
	case PPM_KEYCTL_PKEY_VERIFY:
		k.nargs = 4;
		k.kind[1] = KS;
		break;
	default:
		break;
	}
	return k;
}

SYSCALL_EXIT_PROG(keyctl) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_KEYCTL_X);
	__u32 op = (__u32)ARG(0);
	struct keyctl_shape k = keyctl_shape_of(op);
	ev__s64(s, ret);                                 /* res */
	ev__u32(s, op);                                  /* operation */
	/* arg2..arg5: unused ones are an s64 0 */
	ev__keyctl_arg(s, k.nargs > 0 ? k.kind[0] : KI, k.nargs > 0 ? ARG(1) : 0);
	ev__keyctl_arg(s, k.nargs > 1 ? k.kind[1] : KI, k.nargs > 1 ? ARG(2) : 0);
	ev__keyctl_arg(s, k.nargs > 2 ? k.kind[2] : KI, k.nargs > 2 ? ARG(3) : 0);
	ev__keyctl_arg(s, k.nargs > 3 ? k.kind[3] : KI, k.nargs > 3 ? ARG(4) : 0);
	ev__submit(s);
	return 0;
}
