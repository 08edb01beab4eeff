#include "event.h"

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/smp.h>
#include <linux/timekeeping.h>

#include "ppm_events_gen.h"
#include "capture.h"

u8 evt_param_type(u16 type, u32 idx)
{
	if (type >= PPM_EVENT_MAX || idx >= PPM_MAX_EVENT_PARAMS)
		return PT_NONE;
	return ppm_event_param_types[type][idx];
}

u32 evt_nparams(u16 type)
{
	return type < PPM_EVENT_MAX ? ppm_event_nparams_sysdig029[type] : 0;
}

static inline void put16(u8 *p, u16 v) { memcpy(p, &v, 2); }
static inline void put32(u8 *p, u32 v) { memcpy(p, &v, 4); }
static inline void put64(u8 *p, u64 v) { memcpy(p, &v, 8); }

void evt_begin(struct evt *e, struct sinspect_ring *ring, u16 type, u64 tid)
{
	u8 *b = ring->scratch;

	e->ring = ring;
	e->buf = b;
	e->type = type;
	e->nparams = evt_nparams(type);
	e->cur = 0;
	e->snaplen = capture_snaplen();
	put16(b, (u16)ring->cpu);
	put16(b + 2, 0);
	put32(b + 4, 0);
	put64(b + 8, ktime_get_real_ns());
	put64(b + 16, tid);
	put32(b + 24, 0);
	put16(b + 28, type);
	put32(b + 30, e->nparams);
	e->pos = SINSPECT_KMOD_RECORD_HEADER + e->nparams * 4;
	e->param_start = e->pos;
}

int evt_finish(struct evt *e)
{
	/* A filler that wrote fewer parameters than the layout has gets empty
	 * ones: readers then see a well-formed event. */
	while (e->cur < e->nparams)
		evt_empty(e);
	if (e->cur > e->nparams) {
		e->ring->info->n_drops_bug++;
		return -EINVAL;
	}
	put32(e->buf + 24, e->pos - 8);
	return ring_commit(e->ring, e->buf, e->pos);
}

u32 evt_room(const struct evt *e)
{
	return SINSPECT_KMOD_MAX_EVENT - e->pos;
}

static void set_len(struct evt *e, u32 len)
{
	if (e->cur < e->nparams)
		put32(e->buf + SINSPECT_KMOD_RECORD_HEADER + e->cur * 4, len);
	e->cur++;
}

void evt_open(struct evt *e)
{
	e->param_start = e->pos;
}

void evt_close(struct evt *e)
{
	if (e->cur >= e->nparams) {
		/* More parameters than the layout: drop the data, keep counting
		 * so that evt_finish() notices. */
		e->pos = e->param_start;
		e->cur++;
		return;
	}
	set_len(e, e->pos - e->param_start);
}

void evt_push(struct evt *e, const void *p, u32 len)
{
	if (len > evt_room(e))
		len = evt_room(e);
	memcpy(e->buf + e->pos, p, len);
	e->pos += len;
}

void evt_count_fault(struct evt *e)
{
	e->ring->info->n_read_faults++;
}

u32 evt_push_user_str(struct evt *e, unsigned long uptr, u32 max)
{
	long n;

	if (!uptr)
		return 0;
	if (max > evt_room(e))
		max = evt_room(e);
	if (max == 0)
		return 0;
	/* strncpy_from_user_nofault is not exported to modules: with page
	 * faults disabled the ordinary copy fails instead of sleeping. */
	pagefault_disable();
	n = strncpy_from_user(e->buf + e->pos, (const char __user *)uptr, max);
	pagefault_enable();
	if (n < 0) {
		evt_count_fault(e);
		return 0;
	}
	/* n excludes the NUL; a string cut at max has none: put it back. */
	if ((u32)n >= max)
		n = max - 1;
	e->buf[e->pos + n] = 0;
	e->pos += n + 1;
	return n + 1;
}

u32 evt_push_user(struct evt *e, unsigned long uptr, u32 len)
{
	if (len > evt_room(e))
		len = evt_room(e);
	if (!uptr || len == 0)
		return 0;
	if (copy_from_user_nofault(e->buf + e->pos, (const void __user *)uptr, len)) {
		evt_count_fault(e);
		return 0;
	}
	e->pos += len;
	return len;
}

void evt_u8(struct evt *e, u8 v)
{
	evt_open(e);
	evt_push(e, &v, 1);
	evt_close(e);
}

void evt_u16(struct evt *e, u16 v)
{
	evt_open(e);
	evt_push(e, &v, 2);
	evt_close(e);
}

void evt_u32(struct evt *e, u32 v)
{
	evt_open(e);
	evt_push(e, &v, 4);
	evt_close(e);
}

void evt_u64(struct evt *e, u64 v)
{
	evt_open(e);
	evt_push(e, &v, 8);
	evt_close(e);
}

void evt_empty(struct evt *e)
{
	evt_open(e);
	evt_close(e);
}

/* Width of a scalar parameter type; 0 for variable-size types. */
static u32 scalar_width(u8 pt)
{
	switch (pt) {
	case PT_INT8: case PT_UINT8: case PT_FLAGS8: case PT_ENUMFLAGS8:
	case PT_SIGTYPE: case PT_L4PROTO: case PT_SOCKFAMILY:
		return 1;
	case PT_INT16: case PT_UINT16: case PT_FLAGS16: case PT_ENUMFLAGS16:
	case PT_SYSCALLID: case PT_PORT:
		return 2;
	case PT_INT32: case PT_UINT32: case PT_FLAGS32: case PT_ENUMFLAGS32:
	case PT_UID: case PT_GID: case PT_MODE: case PT_IPV4ADDR: case PT_FD32: case PT_PID32:
	case PT_BOOL: case PT_SIGSET: /* sysdig keeps the first 32 signals only */
		return 4;
	case PT_INT64: case PT_UINT64: case PT_ERRNO: case PT_FD: case PT_PID:
	case PT_RELTIME: case PT_ABSTIME: case PT_DOUBLE:
		return 8;
	default:
		return 0;
	}
}

void evt_scalar(struct evt *e, u64 v)
{
	u32 w = scalar_width(evt_param_type(e->type, e->cur));

	switch (w) {
	case 1: evt_u8(e, (u8)v); break;
	case 2: evt_u16(e, (u16)v); break;
	case 4: evt_u32(e, (u32)v); break;
	case 8: evt_u64(e, v); break;
	default: evt_empty(e); break;
	}
}

void evt_bytes(struct evt *e, const void *p, u32 len)
{
	evt_open(e);
	evt_push(e, p, len);
	evt_close(e);
}

void evt_kstr(struct evt *e, const char *s)
{
	evt_bytes(e, s, s ? strlen(s) + 1 : 0);
}

void evt_user_str(struct evt *e, unsigned long uptr, u32 max)
{
	evt_open(e);
	evt_push_user_str(e, uptr, max);
	evt_close(e);
}

void evt_user_buf(struct evt *e, unsigned long uptr, long len)
{
	evt_open(e);
	if (len > 0)
		evt_push_user(e, uptr, min_t(u32, (u32)min_t(long, len, U32_MAX), e->snaplen));
	evt_close(e);
}
