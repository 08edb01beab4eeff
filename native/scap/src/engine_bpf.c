/* The live eBPF engine: checks the machine can run the probe, loads the
 * skeleton with one ring buffer per CPU, configures it, attaches the
 * dispatcher and tracepoints, and turns ring records into batch records. */
#define _GNU_SOURCE
#include "engine_bpf.h"
#include "engine_bpf_rings.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "probe_abi.h"
#include "ppm_events_gen.h"
#include "sinspect_probe.skel.h"

#define DEFAULT_SNAPLEN 80
#define DEFAULT_RING_BYTES (8u * 1024 * 1024)
#define EVT_HDR 26

struct sinspect_bpf {
	struct sinspect_probe *skel;
	uint32_t ncpus;
	struct bpf_ring *rings;
	int *ring_fds;
	int epfd;
	struct bpf_link *links[8];
	int nlinks;
	uint32_t tracepoints;
	uint64_t delivered;
};

static void set_err(char *err, size_t len, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
}

/* libbpf's messages: kept (last warning) for the error line, printed only when
 * SINSPECT_BPF_DEBUG is set. */
static char g_libbpf_last[512];

static int libbpf_log(enum libbpf_print_level level, const char *fmt, va_list ap) {
	if(getenv("SINSPECT_BPF_DEBUG"))
		return vfprintf(stderr, fmt, ap);
	if(level == LIBBPF_WARN) {
		vsnprintf(g_libbpf_last, sizeof(g_libbpf_last), fmt, ap);
		size_t n = strlen(g_libbpf_last);
		while(n && (g_libbpf_last[n - 1] == '\n' || g_libbpf_last[n - 1] == ' '))
			g_libbpf_last[--n] = 0;
	}
	return 0;
}

/* ---------- can this machine run the probe? ---------- */

static int has_capabilities(void) {
	struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[2];
	if(syscall(SYS_capget, &hdr, data) != 0)
		return 0;
	/* CAP_SYS_ADMIN covers everything; otherwise CAP_BPF (39) and CAP_PERFMON (38). */
	int sys_admin = data[0].effective & (1u << 21);
	int perfmon = data[1].effective & (1u << (38 - 32));
	int bpf = data[1].effective & (1u << (39 - 32));
	return sys_admin || (perfmon && bpf);
}

static int check_machine(char *err, size_t errlen) {
	struct utsname u;
	int major = 0, minor = 0;
	if(uname(&u) == 0)
		sscanf(u.release, "%d.%d", &major, &minor);
	if(major < 5 || (major == 5 && minor < 17)) {
		set_err(err, errlen, "live capture needs Linux 5.17 or newer for the eBPF probe (this kernel is %s)",
		        u.release);
		return -1;
	}
	if(access("/sys/kernel/btf/vmlinux", R_OK) != 0) {
		set_err(err, errlen,
		        "live capture needs kernel BTF (/sys/kernel/btf/vmlinux is missing: CONFIG_DEBUG_INFO_BTF)");
		return -1;
	}
	if(geteuid() != 0 && !has_capabilities()) {
		set_err(err, errlen, "live capture needs root (or the CAP_BPF and CAP_PERFMON capabilities)");
		return -1;
	}
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	if(fd < 0) {
		int e = errno;
		if(e == ENOSYS)
			set_err(err, errlen, "live capture needs eBPF, which this kernel does not have (CONFIG_BPF_SYSCALL)");
		else if(e == EPERM)
			set_err(err, errlen,
			        "live capture: eBPF is not permitted here (missing CAP_BPF/CAP_PERFMON, or kernel lockdown)");
		else
			set_err(err, errlen, "live capture: eBPF is unavailable: %s", strerror(e));
		return -1;
	}
	close(fd);
	return 0;
}

/* ---------- configuration ---------- */

static uint64_t boot_time_ns(void) {
	struct timespec real, boot;
	clock_gettime(CLOCK_REALTIME, &real);
	clock_gettime(CLOCK_BOOTTIME, &boot);
	return (uint64_t)(real.tv_sec - boot.tv_sec) * 1000000000ull + real.tv_nsec - boot.tv_nsec;
}

static uint32_t round_ring_size(uint32_t want) {
	uint32_t page = (uint32_t)sysconf(_SC_PAGESIZE);
	uint32_t size = page;
	if(want == 0)
		want = DEFAULT_RING_BYTES;
	while(size < want && size < (1u << 30))
		size <<= 1;
	return size;
}

/* The probe wakes the reader once every wakeup_mask + 1 events of a CPU: about
 * when an eighth of the ring holds events of a typical size (64 bytes). */
static uint32_t wakeup_mask(uint32_t ring_size) {
	uint32_t every = 1;
	while(every < ring_size / 8 / 64)
		every <<= 1;
	return every - 1;
}

/* Syscalls with a dedicated exit program: sx_<name> in the probe. */
static const struct {
	int nr;
	const char *prog;
} g_dedicated[] = {
#define SX(name) {SYS_##name, "sx_" #name},
#include "syscall_programs.h"
#undef SX
};

/* The tail-call table holds the dedicated programs; interesting_syscalls says
 * for each syscall of the table whether it is captured, and how: through its
 * program, or as a generic event the dispatcher builds. */
static int fill_tail_table(struct sinspect_bpf *h, const uint8_t *wanted, char *err, size_t errlen) {
	int table = bpf_map__fd(h->skel->maps.syscall_exit_progs);
	int interesting = bpf_map__fd(h->skel->maps.interesting_syscalls);
	int progs[SINSPECT_SYSCALL_SLOTS];

	for(int nr = 0; nr < SINSPECT_SYSCALL_SLOTS; nr++)
		progs[nr] = -1;
	for(size_t i = 0; i < sizeof(g_dedicated) / sizeof(g_dedicated[0]); i++) {
		struct bpf_program *p = bpf_object__find_program_by_name(h->skel->obj, g_dedicated[i].prog);
		if(!p || g_dedicated[i].nr < 0 || g_dedicated[i].nr >= SINSPECT_SYSCALL_SLOTS)
			continue;
		int fd = bpf_program__fd(p); /* negative when not loaded (syscall not selected) */
		if(fd >= 0)
			progs[g_dedicated[i].nr] = fd;
	}
	for(uint32_t nr = 0; nr < SINSPECT_SYSCALL_SLOTS; nr++) {
		if(!ppm_syscall_table_x86_64[nr].exit_event && progs[nr] < 0)
			continue;
		uint8_t how = SINSPECT_SYSCALL_OFF;
		if(!wanted || wanted[nr])
			how = progs[nr] >= 0 ? SINSPECT_SYSCALL_PROGRAM : SINSPECT_SYSCALL_GENERIC;
		if((progs[nr] >= 0 && bpf_map_update_elem(table, &nr, &progs[nr], BPF_ANY) != 0) ||
		   bpf_map_update_elem(interesting, &nr, &how, BPF_ANY) != 0) {
			set_err(err, errlen, "live capture: cannot fill the syscall table: %s", strerror(errno));
			return -1;
		}
	}
	return 0;
}

static int fill_filters(struct sinspect_bpf *h, const struct sinspect_bpf_options *o, uint32_t *flags,
                        char *err, size_t errlen) {
	uint8_t one = 1;
	*flags = 0;
	if(o->pid_mode != SINSPECT_BPF_FILTER_NONE) {
		int fd = bpf_map__fd(h->skel->maps.pid_filter);
		for(size_t i = 0; i < o->npids; i++) {
			if(bpf_map_update_elem(fd, &o->pids[i], &one, BPF_ANY) != 0) {
				set_err(err, errlen, "live capture: cannot fill the pid filter: %s", strerror(errno));
				return -1;
			}
		}
		*flags |= o->pid_mode == SINSPECT_BPF_FILTER_INCLUDE ? SINSPECT_FILTER_PID_INCLUDE
		                                                       : SINSPECT_FILTER_PID_EXCLUDE;
	}
	if(o->comm_mode != SINSPECT_BPF_FILTER_NONE) {
		int fd = bpf_map__fd(h->skel->maps.comm_filter);
		for(size_t i = 0; i < o->ncomms; i++) {
			struct comm_key key;
			memset(&key, 0, sizeof(key));
			strncpy(key.comm, o->comms[i], sizeof(key.comm) - 1);
			if(bpf_map_update_elem(fd, &key, &one, BPF_ANY) != 0) {
				set_err(err, errlen, "live capture: cannot fill the comm filter: %s", strerror(errno));
				return -1;
			}
		}
		*flags |= o->comm_mode == SINSPECT_BPF_FILTER_INCLUDE ? SINSPECT_FILTER_COMM_INCLUDE
		                                                        : SINSPECT_FILTER_COMM_EXCLUDE;
	}
	return 0;
}

static int attach(struct sinspect_bpf *h, struct bpf_program *p, const char *what, char *err, size_t errlen) {
	struct bpf_link *l = bpf_program__attach(p);
	if(!l) {
		set_err(err, errlen, "live capture: cannot attach the %s program: %s", what, strerror(errno));
		return -1;
	}
	h->links[h->nlinks++] = l;
	return 0;
}

static int attach_all(struct sinspect_bpf *h, char *err, size_t errlen) {
	struct sinspect_probe *s = h->skel;
	if(attach(h, s->progs.sys_exit_dispatch, "sys_exit", err, errlen))
		return -1;
	if((h->tracepoints & SINSPECT_TP_PROC_EXIT) && attach(h, s->progs.tp_proc_exit, "sched_process_exit", err, errlen))
		return -1;
	if((h->tracepoints & SINSPECT_TP_PROC_FORK) && attach(h, s->progs.tp_proc_fork, "sched_process_fork", err, errlen))
		return -1;
	if((h->tracepoints & SINSPECT_TP_PROC_EXEC) && attach(h, s->progs.tp_proc_exec, "sched_process_exec", err, errlen))
		return -1;
	if((h->tracepoints & SINSPECT_TP_SCHED_SWITCH) && attach(h, s->progs.tp_sched_switch, "sched_switch", err, errlen))
		return -1;
	if((h->tracepoints & SINSPECT_TP_PAGE_FAULT) && attach(h, s->progs.tp_page_fault_user, "page_fault_user", err, errlen))
		return -1;
	if((h->tracepoints & SINSPECT_TP_SIGNAL) && attach(h, s->progs.tp_signal_deliver, "signal_deliver", err, errlen))
		return -1;
	return 0;
}

/* Programs of sources that were not asked for are not loaded at all: the
 * verifier's time is most of the time it takes to open a capture. A syscall
 * left out of the selection needs no program (the stage programs that some
 * syscall programs chain to stay: tables in the probe refer to them). */
static void skip_unused_programs(struct sinspect_bpf *h, const uint8_t *wanted) {
	struct sinspect_probe *s = h->skel;
	for(size_t i = 0; wanted && i < sizeof(g_dedicated) / sizeof(g_dedicated[0]); i++) {
		int nr = g_dedicated[i].nr;
		struct bpf_program *p = bpf_object__find_program_by_name(s->obj, g_dedicated[i].prog);
		if(p && nr >= 0 && nr < SINSPECT_SYSCALL_SLOTS && !wanted[nr])
			bpf_program__set_autoload(p, false);
	}
	bpf_program__set_autoload(s->progs.tp_sched_switch, (h->tracepoints & SINSPECT_TP_SCHED_SWITCH) != 0);
	bpf_program__set_autoload(s->progs.tp_page_fault_user, (h->tracepoints & SINSPECT_TP_PAGE_FAULT) != 0);
	bpf_program__set_autoload(s->progs.tp_signal_deliver, (h->tracepoints & SINSPECT_TP_SIGNAL) != 0);
}

static int create_rings(struct sinspect_bpf *h, uint32_t size, char *err, size_t errlen) {
	h->ring_fds = calloc(h->ncpus, sizeof(int));
	h->rings = calloc(h->ncpus, sizeof(struct bpf_ring));
	if(!h->ring_fds || !h->rings) {
		set_err(err, errlen, "live capture: out of memory");
		return -1;
	}
	for(uint32_t i = 0; i < h->ncpus; i++)
		h->ring_fds[i] = -1;
	for(uint32_t i = 0; i < h->ncpus; i++) {
		h->ring_fds[i] = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "sinspect_ring", 0, 0, size, NULL);
		if(h->ring_fds[i] < 0) {
			set_err(err, errlen, "live capture: cannot create a %u-byte ring buffer for CPU %u: %s", size, i,
			        strerror(errno));
			return -1;
		}
	}
	return 0;
}

static int map_rings(struct sinspect_bpf *h, uint32_t size, char *err, size_t errlen) {
	int outer = bpf_map__fd(h->skel->maps.rings);
	h->epfd = epoll_create1(EPOLL_CLOEXEC);
	for(uint32_t i = 0; i < h->ncpus; i++) {
		if(bpf_map_update_elem(outer, &i, &h->ring_fds[i], BPF_ANY) != 0) {
			set_err(err, errlen, "live capture: cannot install the ring buffer of CPU %u: %s", i, strerror(errno));
			return -1;
		}
		if(ring_map(&h->rings[i], h->ring_fds[i], size) != 0) {
			set_err(err, errlen, "live capture: cannot map the ring buffer of CPU %u: %s", i, strerror(errno));
			return -1;
		}
		struct epoll_event ev = {.events = EPOLLIN, .data.u32 = i};
		epoll_ctl(h->epfd, EPOLL_CTL_ADD, h->ring_fds[i], &ev);
	}
	return 0;
}

int sinspect_bpf_open(const struct sinspect_bpf_options *o, struct sinspect_bpf **out, char *err, size_t errlen) {
	*out = NULL;
	if(check_machine(err, errlen))
		return -1;
	libbpf_set_print(libbpf_log);

	struct sinspect_bpf *h = calloc(1, sizeof(*h));
	if(!h) {
		set_err(err, errlen, "live capture: out of memory");
		return -1;
	}
	h->epfd = -1;
	int ncpus = libbpf_num_possible_cpus();
	h->ncpus = ncpus > 0 ? (uint32_t)ncpus : 1;
	h->tracepoints = o->tracepoints;
	uint32_t ring_size = round_ring_size(o->buffer_bytes_per_cpu);

	h->skel = sinspect_probe__open();
	if(!h->skel) {
		set_err(err, errlen, "live capture: cannot open the eBPF probe: %s", g_libbpf_last[0] ? g_libbpf_last : strerror(errno));
		goto fail;
	}
	if(create_rings(h, ring_size, err, errlen))
		goto fail;
	bpf_map__set_max_entries(h->skel->maps.scratch_map, h->ncpus);
	bpf_map__set_max_entries(h->skel->maps.rings, h->ncpus);
	bpf_map__set_inner_map_fd(h->skel->maps.rings, h->ring_fds[0]);
	skip_unused_programs(h, o->syscalls);

	if(sinspect_probe__load(h->skel) != 0) {
		set_err(err, errlen, "live capture: the kernel refused the eBPF probe: %s",
		        g_libbpf_last[0] ? g_libbpf_last : strerror(errno));
		goto fail;
	}
	if(map_rings(h, ring_size, err, errlen))
		goto fail;
	if(fill_tail_table(h, o->syscalls, err, errlen))
		goto fail;

	uint32_t filter_flags;
	if(fill_filters(h, o, &filter_flags, err, errlen))
		goto fail;
	struct probe_config *cfg = &h->skel->bss->g_config;
	cfg->boot_time_ns = boot_time_ns();
	cfg->snaplen = o->snaplen ? o->snaplen : DEFAULT_SNAPLEN;
	if(cfg->snaplen > SINSPECT_MAX_EVENT_SIZE / 2)
		cfg->snaplen = SINSPECT_MAX_EVENT_SIZE / 2;
	cfg->filter_flags = filter_flags;
	cfg->tracepoints = o->tracepoints;
	cfg->wakeup_mask = wakeup_mask(ring_size);
	cfg->drop_failed = o->drop_failed ? 1 : 0;
	cfg->capturing = 0;

	if(attach_all(h, err, errlen))
		goto fail;
	*out = h;
	return 0;
fail:
	sinspect_bpf_close(h);
	return -1;
}

int sinspect_bpf_start(struct sinspect_bpf *h, char *err, size_t errlen) {
	(void)err;
	(void)errlen;
	__atomic_store_n(&h->skel->bss->g_config.capturing, 1, __ATOMIC_RELEASE);
	return 0;
}

int sinspect_bpf_stop(struct sinspect_bpf *h, char *err, size_t errlen) {
	(void)err;
	(void)errlen;
	__atomic_store_n(&h->skel->bss->g_config.capturing, 0, __ATOMIC_RELEASE);
	return 0;
}

/* ---------- batches ---------- */

static inline uint64_t rd64(const uint8_t *p) {
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/* The default sink: copies one ring record (ppm_evt_hdr + u16 lengths + data) as a
 * batch record (cpu, flags, header, u32 lengths, data). */
static int batch_record_sink(void *ctx, const uint8_t *rec, uint32_t rec_len, uint16_t cpu, uint8_t *dst,
                             size_t room, size_t *bytes, uint32_t *records) {
	(void)ctx;
	if(rec_len < EVT_HDR)
		return -1;
	uint32_t len, nparams;
	memcpy(&len, rec + 16, 4);
	memcpy(&nparams, rec + 22, 4);
	size_t lens16 = (size_t)nparams * 2;
	if(len > rec_len || EVT_HDR + lens16 > len)
		return -1;
	size_t data_len = len - EVT_HDR - lens16;
	size_t out_len = 8 + EVT_HDR + (size_t)nparams * 4 + data_len;
	if(out_len > room)
		return 1;
	uint32_t new_len = (uint32_t)(out_len - 8);
	uint16_t zero16 = 0;
	uint32_t zero32 = 0;
	memcpy(dst, &cpu, 2);
	memcpy(dst + 2, &zero16, 2);
	memcpy(dst + 4, &zero32, 4);
	memcpy(dst + 8, rec, 16);          /* ts, tid */
	memcpy(dst + 24, &new_len, 4);
	memcpy(dst + 28, rec + 20, 2 + 4); /* type, nparams */
	uint8_t *lens = dst + 8 + EVT_HDR;
	for(uint32_t i = 0; i < nparams; i++) {
		uint16_t l16;
		memcpy(&l16, rec + EVT_HDR + i * 2, 2);
		uint32_t l32 = l16;
		memcpy(lens + i * 4, &l32, 4);
	}
	memcpy(lens + nparams * 4, rec + EVT_HDR + lens16, data_len);
	*bytes = out_len;
	*records = 1;
	return 0;
}

/* Hands every ring's records to sink, oldest event first across CPUs, until the
 * rings are empty (returns 0) or a record does not fit in buf (returns 1; it stays
 * for the next call). *taken: the records the sink took. */
static int drain(struct sinspect_bpf *h, sinspect_bpf_sink sink, void *ctx, uint8_t *buf, size_t cap, size_t *used,
                 uint32_t *count, uint64_t *taken) {
	int full = 0;
	const uint8_t *head[h->ncpus];
	uint32_t head_len[h->ncpus];
	for(uint32_t i = 0; i < h->ncpus; i++)
		head[i] = ring_peek(&h->rings[i], &head_len[i]);

	for(;;) {
		int best = -1;
		uint64_t best_ts = UINT64_MAX;
		for(uint32_t i = 0; i < h->ncpus; i++) {
			if(head[i] && rd64(head[i]) < best_ts) {
				best_ts = rd64(head[i]);
				best = (int)i;
			}
		}
		if(best < 0)
			break;
		size_t bytes = 0;
		uint32_t records = 0;
		int rc = sink(ctx, head[best], head_len[best], (uint16_t)best, buf + *used, cap - *used, &bytes, &records);
		if(rc > 0) {
			full = 1; /* the record stays for the next call */
			break;
		}
		if(rc == 0) {
			*used += bytes;
			*count += records;
			(*taken)++;
		}
		/* The records were written by other CPUs: ask for the lines a few
		 * records ahead now, so that the misses overlap the copying. */
		__builtin_prefetch(head[best] + 512);
		ring_advance(&h->rings[best], head_len[best]);
		head[best] = ring_peek(&h->rings[best], &head_len[best]);
	}
	for(uint32_t i = 0; i < h->ncpus; i++)
		ring_publish(&h->rings[i]);
	return full;
}

static uint64_t now_us(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000 + (uint64_t)t.tv_nsec / 1000;
}

static void sleep_us(uint64_t us) {
	struct timespec t = {.tv_sec = (time_t)(us / 1000000), .tv_nsec = (long)(us % 1000000) * 1000};
	nanosleep(&t, NULL);
}

/* Batch sizing. Every batch costs a crossing into JS and a Buffer, so small
 * batches waste the consumer's CPU (which, on a small machine, is taken from the
 * processes being traced). A call that finds little waiting keeps collecting
 * for up to BATCH_WINDOW_US after it began (a delay nobody watching a live
 * capture notices), unless BATCH_ENOUGH_BYTES arrive first. */
#define BATCH_WINDOW_US 5000
#define BATCH_ENOUGH_BYTES (256u * 1024)
/* The probe wakes the reader only now and then (wakeup_mask), so a wait for
 * the first event also ends after this long to look at the rings. */
#define POLL_SLICE_MS 10

int sinspect_bpf_next_records(struct sinspect_bpf *h, sinspect_bpf_sink sink, void *ctx, uint8_t *buf, size_t cap,
                              int timeout_ms, size_t *used, uint32_t *count, char *err, size_t errlen) {
	*used = 0;
	*count = 0;
	uint64_t taken = 0;
	uint64_t start = now_us();
	uint64_t deadline = start + (timeout_ms > 0 ? (uint64_t)timeout_ms * 1000 : 0);
	uint64_t window_end = start + BATCH_WINDOW_US;
	if(window_end > deadline)
		window_end = deadline;
	for(;;) {
		int full = drain(h, sink, ctx, buf, cap, used, count, &taken);
		if(full && *used == 0 && taken == 0) {
			/* the next record cannot fit in any call with this buffer */
			set_err(err, errlen, "live capture: an event does not fit in a batch of %zu bytes", cap);
			return -1;
		}
		if(full || timeout_ms <= 0 || *used >= BATCH_ENOUGH_BYTES)
			break;
		uint64_t now = now_us();
		if(now >= deadline || (taken > 0 && now >= window_end))
			break;
		if(taken > 0) {
			/* A ring holding data is always ready for epoll: sleep instead. */
			sleep_us(window_end - now);
			continue;
		}
		uint64_t slice_ms = (deadline - now + 999) / 1000;
		if(slice_ms > POLL_SLICE_MS)
			slice_ms = POLL_SLICE_MS;
		struct epoll_event evs[4];
		epoll_wait(h->epfd, evs, 4, (int)slice_ms);
	}
	h->delivered += taken;
	return 0;
}

int sinspect_bpf_next_batch(struct sinspect_bpf *h, uint8_t *buf, size_t cap, int timeout_ms, size_t *used,
                            uint32_t *count, char *err, size_t errlen) {
	return sinspect_bpf_next_records(h, batch_record_sink, NULL, buf, cap, timeout_ms, used, count, err, errlen);
}

int sinspect_bpf_get_stats(struct sinspect_bpf *h, struct sinspect_bpf_stats *st, char *err, size_t errlen) {
	memset(st, 0, sizeof(*st));
	struct probe_stats per_cpu[h->ncpus];
	uint32_t zero = 0;
	if(bpf_map_lookup_elem(bpf_map__fd(h->skel->maps.stats_map), &zero, per_cpu) != 0) {
		set_err(err, errlen, "live capture: cannot read the probe statistics: %s", strerror(errno));
		return -1;
	}
	for(uint32_t i = 0; i < h->ncpus; i++) {
		st->n_evts += per_cpu[i].n_evts;
		st->n_drops_buffer += per_cpu[i].n_drops_buffer;
		st->n_drops_max_size += per_cpu[i].n_drops_max_size;
		st->n_drops_scratch += per_cpu[i].n_drops_scratch;
		st->n_drops_tail_call += per_cpu[i].n_drops_tail_call;
		st->n_drops_bug += per_cpu[i].n_drops_bug;
		st->n_filtered += per_cpu[i].n_filtered;
		st->n_read_faults += per_cpu[i].n_read_faults;
	}
	st->n_delivered = h->delivered;
	st->n_drops = st->n_drops_buffer + st->n_drops_max_size + st->n_drops_scratch + st->n_drops_tail_call +
	              st->n_drops_bug;
	return 0;
}

uint32_t sinspect_bpf_ncpus(const struct sinspect_bpf *h) {
	return h->ncpus;
}

void sinspect_bpf_close(struct sinspect_bpf *h) {
	if(!h)
		return;
	for(int i = 0; i < h->nlinks; i++)
		bpf_link__destroy(h->links[i]);
	if(h->rings)
		for(uint32_t i = 0; i < h->ncpus; i++)
			ring_unmap(&h->rings[i]);
	if(h->ring_fds)
		for(uint32_t i = 0; i < h->ncpus; i++)
			if(h->ring_fds[i] >= 0)
				close(h->ring_fds[i]);
	if(h->epfd >= 0)
		close(h->epfd);
	sinspect_probe__destroy(h->skel);
	free(h->rings);
	free(h->ring_fds);
	free(h);
}
