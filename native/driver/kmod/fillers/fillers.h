/* Parameter fillers: for each event type, the function that appends its
 * parameters (in the sysdig 0.29.3 layout) to an event begun by the probe.
 * One file per syscall family registers its fillers with FILLER(). */
#ifndef SINSPECT_FILLERS_H
#define SINSPECT_FILLERS_H

#include <linux/types.h>

#include "../event.h"

typedef void (*filler_fn)(struct evt *e);

struct filler_entry {
	u16 type;
	filler_fn fn;
};

/* Builds the type -> filler table from every family's list. */
void fillers_init(void);
/* Runs the filler of e->type; an event without one is sent with empty
 * parameters. */
void fill_event(struct evt *e);

/* Each family file exports its list. */
#define FILLER_FAMILY(name)                              \
	extern const struct filler_entry name##_fillers[]; \
	extern const size_t name##_fillers_count
FILLER_FAMILY(generic);
FILLER_FAMILY(file);
FILLER_FAMILY(fs);
FILLER_FAMILY(io);
FILLER_FAMILY(net);
FILLER_FAMILY(process);
FILLER_FAMILY(memory);
FILLER_FAMILY(ids);
FILLER_FAMILY(signal);
FILLER_FAMILY(ipc);
FILLER_FAMILY(fdcreate);

#define DEFINE_FILLERS(name, ...)                                     \
	const struct filler_entry name##_fillers[] = {__VA_ARGS__};    \
	const size_t name##_fillers_count = ARRAY_SIZE(name##_fillers)

/* Tracepoint events (sched.c). */
struct page_fault_info {
	unsigned long address;
	unsigned long ip;
	unsigned long error_code;
};

struct signal_info {
	int sig;
	struct kernel_siginfo *info;
};

void fill_procexit(struct evt *e, const void *task);
void fill_sched_switch(struct evt *e, const void *next);
void fill_page_fault(struct evt *e, const void *pf);
void fill_signal_deliver(struct evt *e, const void *si);

#endif
