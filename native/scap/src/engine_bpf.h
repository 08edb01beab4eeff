/* Live capture through the CO-RE eBPF probe (native/driver/bpf).
 *
 * open -> start -> next_batch ... -> stop -> close. next_batch() drains the
 * per-CPU ring buffers, merges their events by timestamp and writes them into
 * the caller's buffer in the batch record layout of docs/ARCHITECTURE.md. */
#ifndef SINSPECT_ENGINE_BPF_H
#define SINSPECT_ENGINE_BPF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SINSPECT_BPF_SYSCALL_SLOTS 512
#define SINSPECT_BPF_COMM_LEN 16

/* Tracepoint sources (match SINSPECT_TP_* of the probe ABI). */
#define SINSPECT_BPF_TP_PROC_EXIT (1u << 0)
#define SINSPECT_BPF_TP_PROC_FORK (1u << 1)
#define SINSPECT_BPF_TP_PROC_EXEC (1u << 2)
#define SINSPECT_BPF_TP_SCHED_SWITCH (1u << 3)
#define SINSPECT_BPF_TP_PAGE_FAULT (1u << 4)
#define SINSPECT_BPF_TP_SIGNAL (1u << 5)
#define SINSPECT_BPF_TP_DEFAULT                                                      \
	(SINSPECT_BPF_TP_PROC_EXIT | SINSPECT_BPF_TP_PROC_FORK | SINSPECT_BPF_TP_PROC_EXEC | \
	 SINSPECT_BPF_TP_SIGNAL)

enum sinspect_bpf_filter_mode { SINSPECT_BPF_FILTER_NONE, SINSPECT_BPF_FILTER_INCLUDE, SINSPECT_BPF_FILTER_EXCLUDE };

struct sinspect_bpf_options {
	uint32_t snaplen;              /* bytes of I/O data per event (0: 80) */
	uint32_t buffer_bytes_per_cpu; /* ring size, rounded up to a power of two (0: 8 MiB) */
	/* syscalls[nr] != 0: capture syscall nr. NULL: every syscall of the table. */
	const uint8_t *syscalls;
	uint32_t tracepoints;          /* SINSPECT_BPF_TP_* (0 is allowed: syscalls only) */
	int drop_failed;               /* skip syscalls that returned an error */
	enum sinspect_bpf_filter_mode pid_mode;
	const uint32_t *pids;          /* tgids */
	size_t npids;
	enum sinspect_bpf_filter_mode comm_mode;
	const char *const *comms;
	size_t ncomms;
};

struct sinspect_bpf_stats {
	uint64_t n_evts;            /* written by the probe */
	uint64_t n_drops;           /* sum of the causes below */
	uint64_t n_drops_buffer;    /* ring full */
	uint64_t n_drops_max_size;  /* event over 64 KiB */
	uint64_t n_drops_scratch;   /* no scratch area or ring for a CPU */
	uint64_t n_drops_tail_call; /* no program for a syscall */
	uint64_t n_drops_bug;       /* malformed event refused by the probe */
	uint64_t n_filtered;        /* dropped early by the pid/comm filter */
	uint64_t n_read_faults;     /* parameters left empty: memory unreadable */
	uint64_t n_delivered;       /* records handed out by next_batch */
};

struct sinspect_bpf;

/* All functions returning int: 0 on success, -1 with a one-line message in err. */
int sinspect_bpf_open(const struct sinspect_bpf_options *opts, struct sinspect_bpf **out, char *err,
                      size_t errlen);
int sinspect_bpf_start(struct sinspect_bpf *h, char *err, size_t errlen);
int sinspect_bpf_stop(struct sinspect_bpf *h, char *err, size_t errlen);

/* Fills buf with up to `cap` bytes of whole records. Waits up to timeout_ms
 * (0: do not wait) for the first event; when little is waiting, keeps
 * collecting for a few milliseconds so that batches stay large.
 * *count = 0 means nothing arrived. */
int sinspect_bpf_next_batch(struct sinspect_bpf *h, uint8_t *buf, size_t cap, int timeout_ms,
                            size_t *used, uint32_t *count, char *err, size_t errlen);
/* What takes each record as the probe wrote it in its ring (rec: len bytes,
 * event header + u16 lengths + data) from CPU cpu: writes what it makes of it
 * into dst (room bytes). Returns 1 when that does not fit (the record stays for the
 * next call), -1 when the record is malformed (it is skipped), else 0 with *bytes
 * written to dst and *records counted (0 for a record it drops). */
typedef int (*sinspect_bpf_sink)(void *ctx, const uint8_t *rec, uint32_t len, uint16_t cpu, uint8_t *dst,
                                 size_t room, size_t *bytes, uint32_t *records);

/* next_batch with the records handed to sink instead of copied as batch records:
 * *used is what sink wrote to buf, *count the records it counted. */
int sinspect_bpf_next_records(struct sinspect_bpf *h, sinspect_bpf_sink sink, void *ctx, uint8_t *buf, size_t cap,
                              int timeout_ms, size_t *used, uint32_t *count, char *err, size_t errlen);
int sinspect_bpf_get_stats(struct sinspect_bpf *h, struct sinspect_bpf_stats *st, char *err,
                           size_t errlen);
uint32_t sinspect_bpf_ncpus(const struct sinspect_bpf *h);
void sinspect_bpf_close(struct sinspect_bpf *h);

#ifdef __cplusplus
}
#endif

#endif
