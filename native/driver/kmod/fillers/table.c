#include "fillers.h"

#include <linux/kernel.h>

#include "ppm_events_gen.h"

static filler_fn g_by_type[PPM_EVENT_MAX];

static void add(const struct filler_entry *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (list[i].type >= PPM_EVENT_MAX)
			continue;
		WARN_ONCE(g_by_type[list[i].type], "sinspect: two fillers for event %u\n", list[i].type);
		g_by_type[list[i].type] = list[i].fn;
	}
}

#define ADD(name) add(name##_fillers, name##_fillers_count)

void fillers_init(void)
{
	ADD(generic);
	ADD(file);
	ADD(fs);
	ADD(io);
	ADD(net);
	ADD(process);
	ADD(memory);
	ADD(ids);
	ADD(signal);
	ADD(ipc);
	ADD(fdcreate);
}

void fill_event(struct evt *e)
{
	filler_fn fn = e->type < PPM_EVENT_MAX ? g_by_type[e->type] : NULL;

	if (fn)
		fn(e);
}
