/* The kmod engine behind the guest program's engine interface, in three
 * modes: kmod (the default sources), kmod-all (also sched_switch and page
 * faults) and kmod-filter (the default sources through the module's early
 * filter and syscall mask: this process only, the syscalls of
 * FILTERED_SYSCALLS only; everything it receives is written, so the host sees
 * exactly what the module let through; then the filter is swapped many times
 * while another process keeps the probes asking it). */
#include "vmtest.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine_kmod.h"

static int start(void *h, char *err, size_t n) { return sinspect_kmod_start(h, err, n); }
static int stop(void *h, char *err, size_t n) { return sinspect_kmod_stop(h, err, n); }
static void close_h(void *h) { sinspect_kmod_close(h); }

static int next_batch(void *h, uint8_t *buf, size_t cap, int timeout_ms, size_t *used, uint32_t *count, char *err,
                      size_t errlen)
{
	return sinspect_kmod_next_batch(h, buf, cap, timeout_ms, used, count, err, errlen);
}

/* The kmod-filter run's syscalls: those of the workloads' files, sockets and
 * pipes (the host names them in the FACT below). */
static const struct {
	int nr;
	const char *name;
} FILTERED_SYSCALLS[] = {
	{SYS_openat, "openat"},     {SYS_read, "read"},         {SYS_close, "close"},     {SYS_socket, "socket"},
	{SYS_bind, "bind"},         {SYS_listen, "listen"},     {SYS_connect, "connect"}, {SYS_accept, "accept"},
	{SYS_accept4, "accept4"},   {SYS_sendto, "sendto"},     {SYS_recvfrom, "recvfrom"},
	{SYS_shutdown, "shutdown"}, {SYS_pipe, "pipe"},         {SYS_pipe2, "pipe2"},
};
#define NFILTERED (sizeof(FILTERED_SYSCALLS) / sizeof(FILTERED_SYSCALLS[0]))

static const char *mode_name;
static char filter_facts[512];

static void print_stats(void *h)
{
	struct sinspect_kmod_engine_stats st;
	char err[256];

	if (sinspect_kmod_get_stats(h, &st, err, sizeof(err)) != 0) {
		printf("VMTEST-STATS %s unavailable: %s\n", mode_name, err);
		return;
	}
	printf("VMTEST-STATS %s evts=%llu drops=%llu buffer=%llu nested=%llu bug=%llu faults=%llu filtered=%llu "
	       "delivered=%llu\n",
	       mode_name, (unsigned long long)st.n_evts, (unsigned long long)st.n_drops,
	       (unsigned long long)st.n_drops_buffer, (unsigned long long)st.n_drops_nested,
	       (unsigned long long)st.n_drops_bug, (unsigned long long)st.n_read_faults,
	       (unsigned long long)st.n_filtered, (unsigned long long)st.n_delivered);
}

#define FILTER_SWAPS 100

/* SET_FILTER while capturing, against probes reading the filter on the other
 * CPU: a child calls close(-1) (a syscall of the mask, of another process, so
 * every call is judged and filtered) while this process sets the same filter
 * FILTER_SWAPS times, each swap freeing the filter the probes may be reading
 * (RCU). The capture must go on unharmed and unchanged. */
static int swap_filters_under_load(void *h)
{
	struct sinspect_kmod_options o;
	uint32_t self = (uint32_t)getpid();
	char err[256];
	int status, i;
	pid_t child = fork();

	if (child < 0) {
		printf("VMTEST-FAIL kmod-filter: fork\n");
		return -1;
	}
	if (child == 0) {
		for (;;)
			syscall(SYS_close, -1);
	}
	memset(&o, 0, sizeof(o));
	o.pid_mode = SINSPECT_KMOD_FILTER_INCLUDE;
	o.pids = &self;
	o.npids = 1;
	for (i = 0; i < FILTER_SWAPS; i++) {
		if (sinspect_kmod_set_filter(h, &o, err, sizeof(err)) != 0)
			break;
	}
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	if (i < FILTER_SWAPS) {
		printf("VMTEST-FAIL kmod-filter: swap %d: %s\n", i, err);
		return -1;
	}
	printf("VMTEST-FILTER-SWAPS kmod-filter %d\n", i);
	return 0;
}

int engine_open_kmod(struct engine *e, const char *mode, char *err, size_t errlen)
{
	struct sinspect_kmod_options o;
	struct sinspect_kmod *h;
	uint8_t wanted[SINSPECT_KMOD_SYSCALLS];
	uint32_t self = (uint32_t)getpid();

	memset(&o, 0, sizeof(o));
	o.snaplen = 80;
	o.tracepoints = SINSPECT_KMOD_ENGINE_TP_PROC_EXIT | SINSPECT_KMOD_ENGINE_TP_SIGNAL;
	if (strcmp(mode, "kmod-all") == 0) {
		o.tracepoints |= SINSPECT_KMOD_ENGINE_TP_SCHED_SWITCH | SINSPECT_KMOD_ENGINE_TP_PAGE_FAULT;
	} else if (strcmp(mode, "kmod-filter") == 0) {
		size_t off = (size_t)snprintf(filter_facts, sizeof(filter_facts), "FACT filter.pid=%u\nFACT filter.syscalls=",
		                              self);
		memset(wanted, 0, sizeof(wanted));
		for (size_t i = 0; i < NFILTERED; i++) {
			wanted[FILTERED_SYSCALLS[i].nr] = 1;
			off += (size_t)snprintf(filter_facts + off, sizeof(filter_facts) - off, "%s%s", i ? "," : "",
			                        FILTERED_SYSCALLS[i].name);
		}
		snprintf(filter_facts + off, sizeof(filter_facts) - off, "\n");
		o.syscalls = wanted;
		o.pid_mode = SINSPECT_KMOD_FILTER_INCLUDE;
		o.pids = &self;
		o.npids = 1;
		e->facts = filter_facts;
		e->after_workloads = swap_filters_under_load;
	} else if (strcmp(mode, "kmod") != 0) {
		snprintf(err, errlen, "unknown kmod mode %s", mode);
		return -1;
	}
	if (sinspect_kmod_open(&o, &h, err, errlen) != 0)
		return -1;
	mode_name = mode;
	e->name = mode;
	e->h = h;
	e->start = start;
	e->stop = stop;
	e->next_batch = next_batch;
	e->print_stats = print_stats;
	e->close = close_h;
	return 0;
}
