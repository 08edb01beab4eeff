/* fsconfig: the key, and the value as a string or a binary blob depending on
 * the command (both empty when the call failed). FSCONFIG_* are PPM_FSCONFIG_*. */
#include "../../helpers/syscall_exit.h"

SYSCALL_EXIT_PROG(fsconfig) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_FSCONFIG_X);
	__u32 cmd = (__u32)ARG(1);
	int aux = (int)ARG(4);
	unsigned long value = ARG(3);
	ev__s64(s, ret);                                 /* res */
	ev__s64(s, (int)ARG(0));                         /* fd */
	ev__u32(s, cmd);                                 /* cmd */
	ev__str(s, ARG(2), MAX_PATH_LEN, USER_MEM);      /* key */
	if(ret >= 0 && cmd == PPM_FSCONFIG_SET_BINARY) {
		ev__bytes(s, value, aux, USER_MEM);          /* value_bytebuf */
		ev__empty(s);                                /* value_charbuf */
	} else if(ret >= 0 && (cmd == PPM_FSCONFIG_SET_STRING || cmd == PPM_FSCONFIG_SET_PATH ||
	                       cmd == PPM_FSCONFIG_SET_PATH_EMPTY)) {
		ev__empty(s);                                /* value_bytebuf */
		ev__str(s, value, MAX_PATH_LEN, USER_MEM);   /* value_charbuf */
	} else {
		ev__empty(s);
		ev__empty(s);
	}
	ev__s32(s, aux);                                 /* aux */
	ev__submit(s);
	return 0;
}
