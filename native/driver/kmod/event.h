/* Building one event in the CPU's scratch area, already in the batch record
 * layout (see sinspect_kmod_abi.h), then committing it to the CPU's ring.
 *
 * evt_begin() writes the header for an event type and sizes the length array
 * from the sysdig 0.29.3 parameter count of that type (the files we write
 * must read back in sysdig 0.29.3); every evt_* store appends one parameter;
 * evt_finish() checks the count and commits. A parameter that does not fit
 * or cannot be read is left empty rather than losing the event. */
#ifndef SINSPECT_EVENT_H
#define SINSPECT_EVENT_H

#include <linux/types.h>
#include <linux/ptrace.h>

#include "ring.h"

struct evt {
	struct sinspect_ring *ring;
	u8 *buf;
	u32 nparams;     /* parameters of this type's layout */
	u32 cur;         /* parameters written so far */
	u32 pos;         /* end of the data written so far */
	u32 param_start; /* where the open composite parameter began */
	u16 type;
	u32 snaplen;
	/* The syscall being reported (zero for tracepoint events). */
	struct pt_regs *regs;
	unsigned long args[6];
	long nr;
	long ret;
};

/* The parameter type of parameter `idx` of `type` (PT_*). */
u8 evt_param_type(u16 type, u32 idx);
u32 evt_nparams(u16 type);

void evt_begin(struct evt *e, struct sinspect_ring *ring, u16 type, u64 tid);
int evt_finish(struct evt *e);

/* Scalars. evt_scalar() picks the width from the parameter's type. */
void evt_u8(struct evt *e, u8 v);
void evt_u16(struct evt *e, u16 v);
void evt_u32(struct evt *e, u32 v);
void evt_u64(struct evt *e, u64 v);
void evt_scalar(struct evt *e, u64 v);
void evt_empty(struct evt *e);

/* Buffers and strings. Strings are stored with their NUL. */
void evt_bytes(struct evt *e, const void *p, u32 len);
void evt_kstr(struct evt *e, const char *s);
void evt_user_str(struct evt *e, unsigned long uptr, u32 max);
/* min(len, snaplen) bytes of user memory (len < 0: empty). */
void evt_user_buf(struct evt *e, unsigned long uptr, long len);

/* Composite parameters: open, push pieces, close. */
void evt_open(struct evt *e);
void evt_push(struct evt *e, const void *p, u32 len);
/* Appends up to max bytes of a user string with its NUL; returns bytes
 * written (0 on fault). */
u32 evt_push_user_str(struct evt *e, unsigned long uptr, u32 max);
u32 evt_push_user(struct evt *e, unsigned long uptr, u32 len);
void evt_close(struct evt *e);
/* Bytes still free in the event. */
u32 evt_room(const struct evt *e);

void evt_count_fault(struct evt *e);

#endif
