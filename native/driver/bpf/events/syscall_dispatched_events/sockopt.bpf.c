/* setsockopt, getsockopt: level, option name and the option's value. */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/sockopt.h"

SYSCALL_EXIT_PROG(setsockopt) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_SETSOCKOPT_X);
	int level = (int)ARG(1);
	int optname = (int)ARG(2);
	__u32 optlen = (__u32)ARG(4);
	ev__s64(s, ret);                                       /* res */
	ev__s64(s, (int)ARG(0));                               /* fd */
	ev__u8(s, sockopt_level_to_ppm(level));                /* level */
	ev__u8(s, sockopt_optname_to_ppm(level, optname));     /* optname */
	ev__sockopt_value(s, level, optname, ARG(3), optlen);  /* val */
	ev__u32(s, optlen);                                    /* optlen */
	ev__submit(s);
	return 0;
}

/* After the call optval/optlen hold what the kernel returned (what the
 * caller passed in when it failed). */
SYSCALL_EXIT_PROG(getsockopt) {
	BEGIN_OR_RETURN(s, PPME_SOCKET_GETSOCKOPT_X);
	int level = (int)ARG(1);
	int optname = (int)ARG(2);
	__s32 optlen = 0;
	if(ARG(4))
		bpf_probe_read_user(&optlen, sizeof(optlen), (void *)ARG(4));
	ev__s64(s, ret);                                       /* res */
	ev__s64(s, (int)ARG(0));                               /* fd */
	ev__u8(s, sockopt_level_to_ppm(level));                /* level */
	ev__u8(s, sockopt_optname_to_ppm(level, optname));     /* optname */
	ev__sockopt_value(s, level, optname, ARG(3), optlen);  /* val */
	ev__u32(s, (__u32)optlen);                             /* optlen */
	ev__submit(s);
	return 0;
}
