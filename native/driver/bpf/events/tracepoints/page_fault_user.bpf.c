/* page_fault: a fault taken in user mode (off by default: very frequent). */
#include "../../helpers/syscall_exit.h"

/* x86 page fault error code bits -> PPM_PF_* */
static __always_inline __u32 pf_error_to_ppm(unsigned long e) {
	__u32 r = 0;
	r |= (e & 1) ? PPM_PF_PROTECTION_VIOLATION : PPM_PF_PAGE_NOT_PRESENT;
	r |= (e & 2) ? PPM_PF_WRITE_ACCESS : PPM_PF_READ_ACCESS;
	r |= (e & 4) ? PPM_PF_USER_FAULT : PPM_PF_SUPERVISOR_FAULT;
	if(e & 8)
		r |= PPM_PF_RESERVED_PAGE;
	if(e & 16)
		r |= PPM_PF_INSTRUCTION_FETCH;
	return r;
}

SEC("tp_btf/page_fault_user")
int BPF_PROG(tp_page_fault_user, unsigned long address, struct pt_regs *regs, unsigned long error_code) {
	if(!g_config.capturing)
		return 0;
	if(filter__drop_current()) {
		STATS_INC(n_filtered);
		return 0;
	}
	BEGIN_OR_RETURN(s, PPME_PAGE_FAULT_E);
	ev__u64(s, address);                     /* addr */
	ev__u64(s, BPF_CORE_READ(regs, ip));     /* ip */
	ev__u32(s, pf_error_to_ppm(error_code)); /* error */
	ev__submit(s);
	return 0;
}
