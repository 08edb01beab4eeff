/* The live kernel-module engine: opens the per-CPU devices, configures the
 * module through ioctls and merges the rings by timestamp. */
#define _GNU_SOURCE
#include "engine_kmod.h"
#include "engine_kmod_ring.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "../../driver/kmod/sinspect_kmod_abi.h"

#define DEFAULT_SNAPLEN 80

struct sinspect_kmod {
	uint32_t ncpus;       /* devices opened (possible CPUs) */
	struct kmod_ring *rings;
	uint64_t delivered;
	int started;
};

static void set_err(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
}

/* Highest possible CPU + 1, from /sys/devices/system/cpu/possible ("0-7"). */
static uint32_t possible_cpus(void)
{
	FILE *f = fopen("/sys/devices/system/cpu/possible", "r");
	char line[256];
	uint32_t max = 0;

	if (f && fgets(line, sizeof(line), f)) {
		char *p = line;
		while (*p) {
			unsigned long a = strtoul(p, &p, 10), b = a;
			if (*p == '-')
				b = strtoul(p + 1, &p, 10);
			if (b + 1 > max)
				max = (uint32_t)(b + 1);
			if (*p != ',')
				break;
			p++;
		}
	}
	if (f)
		fclose(f);
	if (max == 0) {
		long n = sysconf(_SC_NPROCESSORS_CONF);
		max = n > 0 ? (uint32_t)n : 1;
	}
	return max;
}

static int open_device(const char *dir, uint32_t cpu, char *err, size_t errlen)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/%s%u", dir, SINSPECT_KMOD_NAME, cpu);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	if (errno == ENOENT && cpu == 0)
		set_err(err, errlen, "the sinspect kernel module is not loaded (%s is missing): run `sinspect driver load`",
		        path);
	else if (errno == ENOENT || errno == ENXIO || errno == ENODEV)
		set_err(err, errlen, "kernel module capture: %s is missing: reload the module (`sinspect driver load`)",
		        path);
	else if (errno == EACCES || errno == EPERM)
		set_err(err, errlen, "kernel module capture needs root (cannot open %s)", path);
	else if (errno == EBUSY)
		set_err(err, errlen, "kernel module capture: %s is in use by another capture", path);
	else
		set_err(err, errlen, "kernel module capture: cannot open %s: %s", path, strerror(errno));
	return -1;
}

static int ioctl_u32(int fd, unsigned long req, uint32_t v, const char *what, char *err, size_t errlen)
{
	if (ioctl(fd, req, &v) == 0)
		return 0;
	set_err(err, errlen, "kernel module capture: cannot set the %s: %s", what, strerror(errno));
	return -1;
}

static uint32_t filter_flag(enum sinspect_kmod_filter_mode m, uint32_t include, uint32_t exclude)
{
	return m == SINSPECT_KMOD_FILTER_INCLUDE ? include : m == SINSPECT_KMOD_FILTER_EXCLUDE ? exclude : 0;
}

/* The early filter (always set: no mode means no filter). Sets larger than
 * the module's are refused here with a message that says so. */
static int set_filter(int fd, const struct sinspect_kmod_options *o, char *err, size_t errlen)
{
	struct sinspect_kmod_filter f;
	char (*comms)[SINSPECT_KMOD_COMM_LEN] = NULL;
	int rc = 0;

	memset(&f, 0, sizeof(f));
	f.flags = filter_flag(o->pid_mode, SINSPECT_KMOD_FILTER_PID_INCLUDE, SINSPECT_KMOD_FILTER_PID_EXCLUDE) |
	          filter_flag(o->comm_mode, SINSPECT_KMOD_FILTER_COMM_INCLUDE, SINSPECT_KMOD_FILTER_COMM_EXCLUDE);
	if (o->pid_mode != SINSPECT_KMOD_FILTER_NONE) {
		if (o->npids > SINSPECT_KMOD_FILTER_MAX_PIDS) {
			set_err(err, errlen, "kernel module capture: the pid filter holds at most %d processes (%zu given)",
			        SINSPECT_KMOD_FILTER_MAX_PIDS, o->npids);
			return -1;
		}
		f.npids = (uint32_t)o->npids;
		f.pids = (uint64_t)(uintptr_t)o->pids;
	}
	if (o->comm_mode != SINSPECT_KMOD_FILTER_NONE) {
		if (o->ncomms > SINSPECT_KMOD_FILTER_MAX_COMMS) {
			set_err(err, errlen, "kernel module capture: the comm filter holds at most %d names (%zu given)",
			        SINSPECT_KMOD_FILTER_MAX_COMMS, o->ncomms);
			return -1;
		}
		comms = calloc(o->ncomms ? o->ncomms : 1, sizeof(*comms));
		if (!comms) {
			set_err(err, errlen, "kernel module capture: out of memory");
			return -1;
		}
		/* NUL-padded, at most 15 bytes: the kernel's own comms are cut there */
		for (size_t i = 0; i < o->ncomms; i++)
			strncpy(comms[i], o->comms[i], SINSPECT_KMOD_COMM_LEN - 1);
		f.ncomms = (uint32_t)o->ncomms;
		f.comms = (uint64_t)(uintptr_t)comms;
	}
	if (ioctl(fd, SINSPECT_IOC_SET_FILTER, &f) != 0) {
		set_err(err, errlen, "kernel module capture: cannot set the pid/comm filter: %s", strerror(errno));
		rc = -1;
	}
	free(comms);
	return rc;
}

static int configure(struct sinspect_kmod *h, const struct sinspect_kmod_options *o, char *err, size_t errlen)
{
	int fd = h->rings[0].fd;
	struct sinspect_syscall_mask mask;
	uint32_t version = 0, snaplen = o->snaplen ? o->snaplen : DEFAULT_SNAPLEN;

	if (ioctl(fd, SINSPECT_IOC_GET_API_VERSION, &version) != 0 || version != SINSPECT_KMOD_API_VERSION) {
		set_err(err, errlen,
		        "the loaded sinspect kernel module speaks another version (%u, want %u): run `sinspect driver "
		        "build` and `sinspect driver load`",
		        version, SINSPECT_KMOD_API_VERSION);
		return -1;
	}
	if (snaplen > SINSPECT_KMOD_MAX_SNAPLEN)
		snaplen = SINSPECT_KMOD_MAX_SNAPLEN;
	memset(&mask, 0, sizeof(mask));
	for (uint32_t nr = 0; nr < SINSPECT_KMOD_SYSCALLS; nr++)
		if (!o->syscalls || o->syscalls[nr])
			mask.bits[nr / 8] |= (uint8_t)(1u << (nr % 8));
	if (ioctl(fd, SINSPECT_IOC_SET_SYSCALLS, &mask) != 0) {
		set_err(err, errlen, "kernel module capture: cannot set the syscall mask: %s", strerror(errno));
		return -1;
	}
	if (ioctl_u32(fd, SINSPECT_IOC_SET_SNAPLEN, snaplen, "snaplen", err, errlen) ||
	    ioctl_u32(fd, SINSPECT_IOC_SET_TRACEPOINTS, o->tracepoints & SINSPECT_KMOD_TP_ALL, "tracepoints", err,
	              errlen) ||
	    ioctl_u32(fd, SINSPECT_IOC_SET_DROP_FAILED, o->drop_failed ? 1 : 0, "drop-failed mode", err, errlen))
		return -1;
	return set_filter(fd, o, err, errlen);
}

int sinspect_kmod_open(const struct sinspect_kmod_options *o, struct sinspect_kmod **out, char *err,
                       size_t errlen)
{
	const char *dir = o->dev_dir ? o->dev_dir : "/dev";
	struct sinspect_kmod *h;

	*out = NULL;
	h = calloc(1, sizeof(*h));
	if (!h) {
		set_err(err, errlen, "kernel module capture: out of memory");
		return -1;
	}
	h->ncpus = possible_cpus();
	h->rings = calloc(h->ncpus, sizeof(*h->rings));
	if (!h->rings) {
		free(h);
		set_err(err, errlen, "kernel module capture: out of memory");
		return -1;
	}
	for (uint32_t i = 0; i < h->ncpus; i++)
		h->rings[i].fd = -1;
	for (uint32_t i = 0; i < h->ncpus; i++) {
		int fd = open_device(dir, i, err, errlen);
		if (fd < 0)
			goto fail;
		if (kmod_ring_map(&h->rings[i], fd) != 0) {
			set_err(err, errlen, "kernel module capture: cannot map the ring of CPU %u: %s", i,
			        errno == EPROTO ? "the module speaks another version" : strerror(errno));
			close(fd);
			goto fail;
		}
	}
	if (configure(h, o, err, errlen))
		goto fail;
	*out = h;
	return 0;
fail:
	sinspect_kmod_close(h);
	return -1;
}

int sinspect_kmod_set_filter(struct sinspect_kmod *h, const struct sinspect_kmod_options *o, char *err,
                             size_t errlen)
{
	return set_filter(h->rings[0].fd, o, err, errlen);
}

int sinspect_kmod_start(struct sinspect_kmod *h, char *err, size_t errlen)
{
	if (ioctl(h->rings[0].fd, SINSPECT_IOC_START) != 0) {
		set_err(err, errlen, "kernel module capture: cannot start: %s", strerror(errno));
		return -1;
	}
	/* start empties the rings: read from where they begin now */
	for (uint32_t i = 0; i < h->ncpus; i++) {
		struct kmod_ring *r = &h->rings[i];
		r->tail = __atomic_load_n(&r->info->tail, __ATOMIC_ACQUIRE);
		r->head = r->tail;
	}
	h->started = 1;
	return 0;
}

int sinspect_kmod_stop(struct sinspect_kmod *h, char *err, size_t errlen)
{
	if (h->started && ioctl(h->rings[0].fd, SINSPECT_IOC_STOP) != 0) {
		set_err(err, errlen, "kernel module capture: cannot stop: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static inline uint64_t rec_ts(const uint8_t *rec)
{
	uint64_t ts;
	memcpy(&ts, rec + 8, 8);
	return ts;
}

/* Moves records from every ring into buf, oldest first across CPUs. */
static int drain(struct sinspect_kmod *h, uint8_t *buf, size_t cap, size_t *used, uint32_t *count, char *err,
                 size_t errlen)
{
	const uint8_t *head[h->ncpus];
	uint32_t size[h->ncpus];
	int bad = 0;

	for (uint32_t i = 0; i < h->ncpus; i++) {
		head[i] = kmod_ring_peek(&h->rings[i], &size[i], &bad);
		if (bad)
			goto corrupt;
	}
	for (;;) {
		int best = -1;
		uint64_t best_ts = UINT64_MAX;
		for (uint32_t i = 0; i < h->ncpus; i++) {
			if (head[i] && rec_ts(head[i]) < best_ts) {
				best_ts = rec_ts(head[i]);
				best = (int)i;
			}
		}
		if (best < 0 || size[best] > cap - *used)
			break;
		memcpy(buf + *used, head[best], size[best]);
		*used += size[best];
		(*count)++;
		kmod_ring_advance(&h->rings[best], size[best]);
		head[best] = kmod_ring_peek(&h->rings[best], &size[best], &bad);
		if (bad)
			goto corrupt;
	}
	for (uint32_t i = 0; i < h->ncpus; i++)
		kmod_ring_publish(&h->rings[i]);
	h->delivered += *count;
	return 0;
corrupt:
	set_err(err, errlen, "kernel module capture: a ring holds a malformed record (module and engine disagree)");
	return -1;
}

static uint64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

int sinspect_kmod_next_batch(struct sinspect_kmod *h, uint8_t *buf, size_t cap, int timeout_ms, size_t *used,
                             uint32_t *count, char *err, size_t errlen)
{
	uint64_t deadline = now_ms() + (timeout_ms > 0 ? (uint64_t)timeout_ms : 0);

	*used = 0;
	*count = 0;
	for (;;) {
		if (drain(h, buf, cap, used, count, err, errlen))
			return -1;
		if (*count > 0 || timeout_ms <= 0 || now_ms() >= deadline)
			return 0;
		/* The module does not wake readers: look again every 10 ms (an
		 * 8 MiB ring holds far more than 10 ms of events; shorter naps
		 * would mostly capture our own naps). */
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
}

int sinspect_kmod_get_stats(struct sinspect_kmod *h, struct sinspect_kmod_engine_stats *st, char *err,
                            size_t errlen)
{
	struct sinspect_kmod_stats k;

	memset(st, 0, sizeof(*st));
	if (ioctl(h->rings[0].fd, SINSPECT_IOC_GET_STATS, &k) != 0) {
		set_err(err, errlen, "kernel module capture: cannot read the statistics: %s", strerror(errno));
		return -1;
	}
	st->n_evts = k.n_evts;
	st->n_drops = k.n_drops;
	st->n_drops_buffer = k.n_drops_buffer;
	st->n_drops_max_size = k.n_drops_max_size;
	st->n_drops_nested = k.n_drops_nested;
	st->n_drops_bug = k.n_drops_bug;
	st->n_read_faults = k.n_read_faults;
	st->n_context_switches = k.n_context_switches;
	st->n_filtered = k.n_filtered;
	st->n_delivered = h->delivered;
	return 0;
}

uint32_t sinspect_kmod_ncpus(const struct sinspect_kmod *h)
{
	return h->ncpus;
}

void sinspect_kmod_close(struct sinspect_kmod *h)
{
	if (!h)
		return;
	for (uint32_t i = 0; h->rings && i < h->ncpus; i++) {
		kmod_ring_unmap(&h->rings[i]);
		if (h->rings[i].fd >= 0)
			close(h->rings[i].fd);
	}
	free(h->rings);
	free(h);
}
