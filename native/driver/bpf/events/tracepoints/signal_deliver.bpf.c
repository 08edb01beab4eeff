/* signaldeliver: a signal is about to be handled by the current thread. */
#include "../../helpers/syscall_exit.h"

SEC("tp_btf/signal_deliver")
int BPF_PROG(tp_signal_deliver, int sig, struct kernel_siginfo *info, struct k_sigaction *ka) {
	if(!g_config.capturing)
		return 0;
	if(filter__drop_current()) {
		STATS_INC(n_filtered);
		return 0;
	}
	BEGIN_CURRENT_OR_RETURN(s, PPME_SIGNALDELIVER_E);
	/* The sender is known for signals sent by a process (kill, tgkill,
	 * sigqueue); 0 for the kernel's own. si_code <= 0 means user-sent. */
	__s64 spid = 0;
	if(info) {
		int code = BPF_CORE_READ(info, si_code);
		if(code <= 0 || code == 0x80 /* SI_KERNEL */)
			spid = code == 0x80 ? 0 : BPF_CORE_READ(info, _sifields._kill._pid);
	}
	ev__s64(s, spid);                               /* spid */
	ev__s64(s, (__u32)bpf_get_current_pid_tgid());  /* dpid */
	ev__u8(s, (__u8)sig);                           /* sig */
	ev__submit(s);
	return 0;
}
