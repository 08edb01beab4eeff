/* ptrace: request, target pid, and addr/data as the PT_DYN parameters sinsp
 * decodes (a PPM_PTRACE_IDX_* byte, then the value). */
#include "../../helpers/syscall_exit.h"
#include "../../helpers/flags_proc.h"

/* addr: the address as a u64, 0 when the call failed. */
static __always_inline void ev__ptrace_addr(struct scratch *s, long ret, unsigned long addr) {
	ev__push_u8(s, PPM_PTRACE_IDX_UINT64);
	ev__push_u64(s, ret < 0 ? 0 : addr);
	ev__len(s, 1 + 8);
}

/* data: the word read for PEEK* (the kernel stored it at `data`), the signal
 * for the resuming requests, the raw value otherwise; 0 when the call failed. */
static __always_inline void ev__ptrace_data(struct scratch *s, long ret, __u16 req, unsigned long data) {
	if(ret < 0) {
		ev__push_u8(s, PPM_PTRACE_IDX_UINT64);
		ev__push_u64(s, 0);
		ev__len(s, 1 + 8);
		return;
	}
	switch(req) {
	case PPM_PTRACE_PEEKTEXT:
	case PPM_PTRACE_PEEKDATA:
	case PPM_PTRACE_PEEKUSR: {
		__u64 word = 0;
		bpf_probe_read_user(&word, sizeof(word), (void *)data);
		ev__push_u8(s, PPM_PTRACE_IDX_UINT64);
		ev__push_u64(s, word);
		ev__len(s, 1 + 8);
		return;
	}
	case PPM_PTRACE_CONT:
	case PPM_PTRACE_SINGLESTEP:
	case PPM_PTRACE_DETACH:
	case PPM_PTRACE_SYSCALL:
		ev__push_u8(s, PPM_PTRACE_IDX_SIGTYPE);
		ev__push_u8(s, (__u8)data);
		ev__len(s, 1 + 1);
		return;
	default:
		ev__push_u8(s, PPM_PTRACE_IDX_UINT64);
		ev__push_u64(s, data);
		ev__len(s, 1 + 8);
	}
}

SYSCALL_EXIT_PROG(ptrace) {
	BEGIN_OR_RETURN(s, PPME_SYSCALL_PTRACE_X);
	__u16 req = ptrace_request_to_ppm(ARG(0));
	ev__s64(s, ret);                                 /* res */
	ev__ptrace_addr(s, ret, ARG(2));                 /* addr */
	ev__ptrace_data(s, ret, req, ARG(3));            /* data */
	ev__u16(s, req);                                 /* request */
	ev__s64(s, (int)ARG(1));                         /* pid */
	ev__submit(s);
	return 0;
}
