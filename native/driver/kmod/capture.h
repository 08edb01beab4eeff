/* The capture's global state: settings from the ioctls, the per-CPU rings,
 * and which tracepoints are attached. */
#ifndef SINSPECT_CAPTURE_H
#define SINSPECT_CAPTURE_H

#include <linux/types.h>

#include "ring.h"

struct capture_settings {
	u32 snaplen;
	u32 tracepoints;  /* SINSPECT_KMOD_TP_* */
	u32 drop_failed;
	u8 syscalls[SINSPECT_KMOD_SYSCALL_SLOTS / 8];
};

/* Read by the probes on every event. */
extern bool g_capturing;
extern struct capture_settings g_settings;

static inline u32 capture_snaplen(void)
{
	return READ_ONCE(g_settings.snaplen);
}

static inline bool capture_wants_syscall(long nr)
{
	if (nr < 0 || nr >= SINSPECT_KMOD_SYSCALL_SLOTS)
		return false;
	return (READ_ONCE(g_settings.syscalls[nr / 8]) >> (nr % 8)) & 1;
}

static inline bool capture_wants_tp(u32 tp)
{
	return (READ_ONCE(g_settings.tracepoints) & tp) != 0;
}

/* The ring of the current CPU, or NULL when none is allocated. */
struct sinspect_ring *capture_this_ring(void);
struct sinspect_ring *capture_ring(int cpu);

void capture_defaults(void);
/* First open / last close of any device. */
int capture_alloc_rings(u32 ring_size);
void capture_free_rings(void);
/* Attach the tracepoints the settings ask for, then start. */
int capture_start(void);
void capture_stop(void);
/* Detach every tracepoint and wait until no probe runs any more. */
void capture_detach_all(void);
void capture_sum_stats(struct sinspect_kmod_stats *st);

#endif
