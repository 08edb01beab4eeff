/* The kmod engine behind the guest program's engine interface. */
#include "vmtest.h"

#include <stdio.h>
#include <string.h>

#include "engine_kmod.h"

static int start(void *h, char *err, size_t n) { return sinspect_kmod_start(h, err, n); }
static int stop(void *h, char *err, size_t n) { return sinspect_kmod_stop(h, err, n); }
static void close_h(void *h) { sinspect_kmod_close(h); }

static int next_batch(void *h, uint8_t *buf, size_t cap, int timeout_ms, size_t *used, uint32_t *count, char *err,
                      size_t errlen)
{
	return sinspect_kmod_next_batch(h, buf, cap, timeout_ms, used, count, err, errlen);
}

static int all_tp;

static void print_stats(void *h)
{
	struct sinspect_kmod_engine_stats st;
	char err[256];

	if (sinspect_kmod_get_stats(h, &st, err, sizeof(err)) != 0) {
		printf("VMTEST-STATS %s unavailable: %s\n", all_tp ? "kmod-all" : "kmod", err);
		return;
	}
	printf("VMTEST-STATS %s evts=%llu drops=%llu buffer=%llu nested=%llu bug=%llu faults=%llu delivered=%llu\n",
	       all_tp ? "kmod-all" : "kmod", (unsigned long long)st.n_evts, (unsigned long long)st.n_drops, (unsigned long long)st.n_drops_buffer,
	       (unsigned long long)st.n_drops_nested, (unsigned long long)st.n_drops_bug,
	       (unsigned long long)st.n_read_faults, (unsigned long long)st.n_delivered);
}

int engine_open_kmod(struct engine *e, int all_tracepoints, char *err, size_t errlen)
{
	struct sinspect_kmod_options o;
	struct sinspect_kmod *h;

	memset(&o, 0, sizeof(o));
	o.snaplen = 80;
	o.tracepoints = SINSPECT_KMOD_ENGINE_TP_PROC_EXIT | SINSPECT_KMOD_ENGINE_TP_SIGNAL;
	if (all_tracepoints)
		o.tracepoints |= SINSPECT_KMOD_ENGINE_TP_SCHED_SWITCH | SINSPECT_KMOD_ENGINE_TP_PAGE_FAULT;
	if (sinspect_kmod_open(&o, &h, err, errlen) != 0)
		return -1;
	all_tp = all_tracepoints;
	e->name = all_tracepoints ? "kmod-all" : "kmod";
	e->h = h;
	e->start = start;
	e->stop = stop;
	e->next_batch = next_batch;
	e->print_stats = print_stats;
	e->close = close_h;
	return 0;
}
