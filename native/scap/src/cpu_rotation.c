/* See cpu_rotation.h. */
#include "cpu_rotation.h"

#include <string.h>
#include <time.h>

static int next_cpu(const struct cpu_rotation *r, int after) {
	for(int i = 1; i <= CPU_SETSIZE; i++) {
		int c = (after + i) % CPU_SETSIZE;
		if(CPU_ISSET(c, &r->allowed))
			return c;
	}
	return -1;
}

void cpu_rotation_begin(struct cpu_rotation *r, uint64_t period_ns) {
	memset(r, 0, sizeof(*r));
	r->period_ns = period_ns;
	if(sched_getaffinity(0, sizeof(r->allowed), &r->allowed) != 0)
		return; /* ncpus 0: no rotation */
	r->ncpus = CPU_COUNT(&r->allowed);
	r->next = next_cpu(r, CPU_SETSIZE - 1);
}

void cpu_rotation_tick(struct cpu_rotation *r) {
	if(r->ncpus < 2)
		return;
	struct timespec ts;
	/* the coarse clock: a few ms of precision is plenty, and it costs no syscall */
	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	uint64_t now = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	if(now - r->last_ns < r->period_ns)
		return;
	r->last_ns = now;
	cpu_set_t one;
	CPU_ZERO(&one);
	CPU_SET(r->next, &one);
	/* the move happens in this call; then the thread may run anywhere again, and
	 * stays where it was moved unless the scheduler finds it a better (idle) CPU */
	if(sched_setaffinity(0, sizeof(one), &one) == 0)
		sched_setaffinity(0, sizeof(r->allowed), &r->allowed);
	r->next = next_cpu(r, r->next);
}

void cpu_rotation_end(struct cpu_rotation *r) {
	if(r->ncpus >= 2)
		sched_setaffinity(0, sizeof(r->allowed), &r->allowed);
}
