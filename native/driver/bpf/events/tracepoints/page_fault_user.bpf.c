/* page_fault: a fault taken in user mode (off by default: very frequent). */
#include "../../helpers/syscall_exit.h"

SEC("tp_btf/page_fault_user")
int BPF_PROG(tp_page_fault_user, unsigned long address, struct pt_regs *regs, unsigned long error_code) {
	if(!g_config.capturing)
		return 0;
	if(filter__drop_current()) {
		STATS_INC(n_filtered);
		return 0;
	}
	BEGIN_CURRENT_OR_RETURN(s, PPME_PAGE_FAULT_E);
	ev__u64(s, address);                     /* addr */
	ev__u64(s, BPF_CORE_READ(regs, ip));     /* ip */
	ev__u32(s, pf_error_to_ppm(error_code)); /* error */
	ev__submit(s);
	return 0;
}
