/* Live capture through the sinspect kernel module (native/driver/kmod).
 *
 * open -> start -> next_batch ... -> stop -> close. open() opens
 * /dev/sinspect<cpu> for every possible CPU and maps each ring twice back to
 * back; next_batch() merges the per-CPU rings by timestamp into the caller's
 * buffer. Ring records already are batch records (docs/ARCHITECTURE.md). */
#ifndef SINSPECT_ENGINE_KMOD_H
#define SINSPECT_ENGINE_KMOD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SINSPECT_KMOD_SYSCALLS 512

/* Non-syscall sources (the module's SINSPECT_KMOD_TP_* bits). */
#define SINSPECT_KMOD_ENGINE_TP_PROC_EXIT (1u << 0)
#define SINSPECT_KMOD_ENGINE_TP_SCHED_SWITCH (1u << 1)
#define SINSPECT_KMOD_ENGINE_TP_PAGE_FAULT (1u << 2)
#define SINSPECT_KMOD_ENGINE_TP_SIGNAL (1u << 3)

/* The module's early filter (the eBPF engine's pid/comm filter). */
enum sinspect_kmod_filter_mode { SINSPECT_KMOD_FILTER_NONE, SINSPECT_KMOD_FILTER_INCLUDE, SINSPECT_KMOD_FILTER_EXCLUDE };

struct sinspect_kmod_options {
	uint32_t snaplen;          /* 0: 80 */
	const uint8_t *syscalls;   /* syscalls[nr] != 0: capture nr; NULL: all */
	uint32_t tracepoints;      /* SINSPECT_KMOD_ENGINE_TP_* */
	int drop_failed;
	const char *dev_dir;       /* NULL: /dev */
	enum sinspect_kmod_filter_mode pid_mode;
	const uint32_t *pids;      /* tgids, at most 1024 */
	size_t npids;
	enum sinspect_kmod_filter_mode comm_mode;
	const char *const *comms;  /* at most 256; longer than 15 bytes: cut, as the kernel cuts comms */
	size_t ncomms;
};

struct sinspect_kmod_engine_stats {
	uint64_t n_evts;
	uint64_t n_drops;
	uint64_t n_drops_buffer;
	uint64_t n_drops_max_size;
	uint64_t n_drops_nested;
	uint64_t n_drops_bug;
	uint64_t n_read_faults;
	uint64_t n_context_switches;
	uint64_t n_filtered;       /* left out on purpose by the pid/comm filter */
	uint64_t n_delivered;
};

struct sinspect_kmod;

/* Functions returning int: 0, or -1 with a one-line message in err. */
int sinspect_kmod_open(const struct sinspect_kmod_options *opts, struct sinspect_kmod **out, char *err,
                       size_t errlen);
int sinspect_kmod_start(struct sinspect_kmod *h, char *err, size_t errlen);
/* Replaces the early filter with o's (pid_mode/pids, comm_mode/comms; nothing
 * else of o is read), also while capturing: the module swaps it atomically. */
int sinspect_kmod_set_filter(struct sinspect_kmod *h, const struct sinspect_kmod_options *o, char *err,
                             size_t errlen);
int sinspect_kmod_stop(struct sinspect_kmod *h, char *err, size_t errlen);
/* Whole records into buf (at most cap bytes); waits up to timeout_ms for the
 * first. *count 0: nothing arrived. */
int sinspect_kmod_next_batch(struct sinspect_kmod *h, uint8_t *buf, size_t cap, int timeout_ms, size_t *used,
                             uint32_t *count, char *err, size_t errlen);
int sinspect_kmod_get_stats(struct sinspect_kmod *h, struct sinspect_kmod_engine_stats *st, char *err,
                            size_t errlen);
uint32_t sinspect_kmod_ncpus(const struct sinspect_kmod *h);
void sinspect_kmod_close(struct sinspect_kmod *h);

#ifdef __cplusplus
}
#endif

#endif
