/*
 * Spreads one thread's CPU time over the CPUs it may run on: every period, the
 * thread is moved to the next of them, then allowed everywhere again.
 *
 * Why: the live drain thread (live_engine_binding.h) runs at a higher priority
 * than the processes it traces, and on a machine whose every CPU is busy the
 * scheduler keeps it where it is: all its time is taken from the one process that
 * shares that CPU, which then runs well behind the others (two syscall storms on
 * two CPUs under `-w`: one ended after 2.0 s, the other after 2.4 s). Moved round the CPUs,
 * it takes the same time from each. Where a CPU is idle nothing changes: the
 * thread is only moved, never pinned, so the scheduler still wakes it up on an
 * idle CPU when there is one.
 */
#ifndef SINSPECT_CPU_ROTATION_H
#define SINSPECT_CPU_ROTATION_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct cpu_rotation {
	cpu_set_t allowed; /* the thread's CPUs when the rotation began */
	int ncpus;         /* how many; under 2, nothing is done */
	int next;          /* the CPU it moves to next */
	uint64_t period_ns;
	uint64_t last_ns; /* when it last moved */
};

/* Starts rotating the calling thread over its allowed CPUs, one step per period_ns. */
void cpu_rotation_begin(struct cpu_rotation *r, uint64_t period_ns);
/* Called often by the thread (each batch): moves it when a period has passed. */
void cpu_rotation_tick(struct cpu_rotation *r);
/* Gives the thread its whole CPU set back. */
void cpu_rotation_end(struct cpu_rotation *r);

#ifdef __cplusplus
}
#endif

#endif
