#include "capture.h"

#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "probes.h"

bool g_capturing;
struct capture_settings g_settings;

/* One ring per possible CPU, indexed by CPU number. */
static struct sinspect_ring *g_rings;
static int g_nrings;

struct sinspect_ring *capture_ring(int cpu)
{
	struct sinspect_ring *rings = READ_ONCE(g_rings);

	if (!rings || cpu < 0 || cpu >= g_nrings || !rings[cpu].info)
		return NULL;
	return &rings[cpu];
}

struct sinspect_ring *capture_this_ring(void)
{
	return capture_ring(smp_processor_id());
}

void capture_defaults(void)
{
	memset(&g_settings, 0, sizeof(g_settings));
	g_settings.snaplen = SINSPECT_KMOD_DEFAULT_SNAPLEN;
	g_settings.tracepoints = SINSPECT_KMOD_TP_DEFAULT;
	memset(g_settings.syscalls, 0xff, sizeof(g_settings.syscalls));
}

int capture_alloc_rings(u32 ring_size)
{
	struct sinspect_ring *rings;
	int cpu, err;

	rings = kcalloc(nr_cpu_ids, sizeof(*rings), GFP_KERNEL);
	if (!rings)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		err = ring_alloc(&rings[cpu], cpu, ring_size);
		if (err) {
			for_each_possible_cpu(cpu)
				ring_free(&rings[cpu]);
			kfree(rings);
			return err;
		}
	}
	g_nrings = nr_cpu_ids;
	smp_store_release(&g_rings, rings);
	return 0;
}

void capture_free_rings(void)
{
	struct sinspect_ring *rings = g_rings;
	int cpu;

	if (!rings)
		return;
	WRITE_ONCE(g_rings, NULL);
	for_each_possible_cpu(cpu)
		ring_free(&rings[cpu]);
	kfree(rings);
}

/* ---------- tracepoints ---------- */

struct tp_slot {
	const char *name;
	void *probe;
	u32 needs;          /* SINSPECT_KMOD_TP_* bit, 0: always attached */
	struct tracepoint *tp;
	bool attached;
};

static struct tp_slot g_tps[] = {
	{"sys_enter", probe_sys_enter, 0},
	{"sys_exit", probe_sys_exit, 0},
	{"sched_process_exit", probe_sched_process_exit, SINSPECT_KMOD_TP_PROC_EXIT},
	{"sched_switch", probe_sched_switch, SINSPECT_KMOD_TP_SCHED_SWITCH},
	{"page_fault_user", probe_page_fault_user, SINSPECT_KMOD_TP_PAGE_FAULT},
	{"signal_deliver", probe_signal_deliver, SINSPECT_KMOD_TP_SIGNAL},
};

/* Kernel tracepoints are not exported to modules by symbol: find them by name. */
static void find_tp(struct tracepoint *tp, void *priv)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(g_tps); i++)
		if (!g_tps[i].tp && strcmp(tp->name, g_tps[i].name) == 0)
			g_tps[i].tp = tp;
}

static int attach(struct tp_slot *s)
{
	int err;

	if (s->attached)
		return 0;
	if (!s->tp) {
		pr_err("sinspect: kernel tracepoint %s not found\n", s->name);
		return -ENOENT;
	}
	err = tracepoint_probe_register(s->tp, s->probe, NULL);
	if (err) {
		pr_err("sinspect: cannot attach to tracepoint %s: %d\n", s->name, err);
		return err;
	}
	s->attached = true;
	return 0;
}

static void detach(struct tp_slot *s)
{
	if (!s->attached)
		return;
	tracepoint_probe_unregister(s->tp, s->probe, NULL);
	s->attached = false;
}

int capture_start(void)
{
	size_t i;
	int cpu, err;

	for_each_kernel_tracepoint(find_tp, NULL);
	WRITE_ONCE(g_capturing, false);
	/* Sources no longer wanted are detached; wanted ones attached. */
	for (i = 0; i < ARRAY_SIZE(g_tps); i++) {
		if (g_tps[i].needs && !(g_settings.tracepoints & g_tps[i].needs))
			detach(&g_tps[i]);
	}
	tracepoint_synchronize_unregister();
	for_each_possible_cpu(cpu) {
		struct sinspect_ring *r = capture_ring(cpu);

		if (r)
			ring_reset(r);
	}
	for (i = 0; i < ARRAY_SIZE(g_tps); i++) {
		if (g_tps[i].needs && !(g_settings.tracepoints & g_tps[i].needs))
			continue;
		err = attach(&g_tps[i]);
		if (err) {
			capture_detach_all();
			return err;
		}
	}
	smp_store_release(&g_capturing, true);
	return 0;
}

void capture_stop(void)
{
	WRITE_ONCE(g_capturing, false);
}

void capture_detach_all(void)
{
	size_t i;

	WRITE_ONCE(g_capturing, false);
	for (i = 0; i < ARRAY_SIZE(g_tps); i++)
		detach(&g_tps[i]);
	tracepoint_synchronize_unregister();
}

void capture_sum_stats(struct sinspect_kmod_stats *st)
{
	int cpu;

	memset(st, 0, sizeof(*st));
	for_each_possible_cpu(cpu) {
		struct sinspect_ring *r = capture_ring(cpu);
		struct sinspect_ring_info *i;

		if (!r)
			continue;
		i = r->info;
		st->n_evts += READ_ONCE(i->n_evts);
		st->n_drops_buffer += READ_ONCE(i->n_drops_buffer);
		st->n_drops_max_size += READ_ONCE(i->n_drops_max_size);
		st->n_drops_nested += READ_ONCE(i->n_drops_nested);
		st->n_drops_bug += READ_ONCE(i->n_drops_bug);
		st->n_read_faults += READ_ONCE(i->n_read_faults);
		st->n_context_switches += READ_ONCE(i->n_context_switches);
		st->n_tracepoint_hits += READ_ONCE(i->n_tracepoint_hits);
		st->n_filtered += READ_ONCE(i->n_filtered);
	}
	st->n_drops = st->n_drops_buffer + st->n_drops_max_size + st->n_drops_nested + st->n_drops_bug;
}
