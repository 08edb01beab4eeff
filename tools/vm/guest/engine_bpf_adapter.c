/* The eBPF engine behind the guest program's engine interface (built only
 * when the probe's skeleton exists: VMTEST_BPF). */
#include "vmtest.h"

#include <stdio.h>
#include <string.h>

#ifdef VMTEST_BPF
#include "engine_bpf.h"

static int start(void *h, char *err, size_t n) { return sinspect_bpf_start(h, err, n); }
static int stop(void *h, char *err, size_t n) { return sinspect_bpf_stop(h, err, n); }
static void close_h(void *h) { sinspect_bpf_close(h); }

static int next_batch(void *h, uint8_t *buf, size_t cap, int timeout_ms, size_t *used, uint32_t *count, char *err,
                      size_t errlen)
{
	return sinspect_bpf_next_batch(h, buf, cap, timeout_ms, used, count, err, errlen);
}

static void print_stats(void *h)
{
	struct sinspect_bpf_stats st;
	char err[256];

	if (sinspect_bpf_get_stats(h, &st, err, sizeof(err)) != 0) {
		printf("VMTEST-STATS bpf unavailable: %s\n", err);
		return;
	}
	printf("VMTEST-STATS bpf evts=%llu drops=%llu buffer=%llu bug=%llu faults=%llu\n",
	       (unsigned long long)st.n_evts, (unsigned long long)st.n_drops, (unsigned long long)st.n_drops_buffer,
	       (unsigned long long)st.n_drops_bug, (unsigned long long)st.n_read_faults);
}

int engine_open_bpf(struct engine *e, char *err, size_t errlen)
{
	struct sinspect_bpf_options o;
	struct sinspect_bpf *h;

	memset(&o, 0, sizeof(o));
	o.snaplen = 80;
	o.tracepoints = SINSPECT_BPF_TP_DEFAULT;
	if (sinspect_bpf_open(&o, &h, err, errlen) != 0)
		return -1;
	e->name = "bpf";
	e->h = h;
	e->start = start;
	e->stop = stop;
	e->next_batch = next_batch;
	e->print_stats = print_stats;
	e->close = close_h;
	return 0;
}
#else
int engine_open_bpf(struct engine *e, char *err, size_t errlen)
{
	(void)e;
	snprintf(err, errlen, "this sinspect-vmtest was built without the eBPF probe");
	return -1;
}
#endif
