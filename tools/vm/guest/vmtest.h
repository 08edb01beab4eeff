/* The static program the VM tests run in the guest: capture through a
 * driver while running known workloads, then hand the capture file to the
 * host through a serial port. */
#ifndef SINSPECT_VMTEST_H
#define SINSPECT_VMTEST_H

#include <stddef.h>
#include <stdint.h>

#include "capture_meta.h"

/* Runs every workload of the live tests, printing what the host checks as
 * "FACT name=value" lines on stdout. Returns 0 when every step behaved. */
int run_workloads(const char *tmpdir);
/* Many more syscalls, one or more of each filler family (results not checked). */
int run_misc_workloads(const char *tmpdir);

/* A capture source: kmod or bpf. */
struct engine {
	const char *name;
	void *h;
	int (*start)(void *h, char *err, size_t errlen);
	int (*stop)(void *h, char *err, size_t errlen);
	int (*next_batch)(void *h, uint8_t *buf, size_t cap, int timeout_ms, size_t *used, uint32_t *count, char *err,
	                  size_t errlen);
	void (*print_stats)(void *h);
	void (*close)(void *h);
	/* "FACT name=value" lines saying how the engine was set up, or NULL */
	const char *facts;
	/* What the mode does once the workloads ran, still capturing (NULL:
	 * nothing); prints its own VMTEST lines, returns 0 when it went well. */
	int (*after_workloads)(void *h);
};

/* mode: kmod, kmod-all (also sched_switch and page faults) or kmod-filter
 * (only this process and a few syscalls, decided by the module). */
int engine_open_kmod(struct engine *e, const char *mode, char *err, size_t errlen);
int engine_open_bpf(struct engine *e, char *err, size_t errlen);

#endif
