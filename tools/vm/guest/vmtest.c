/* sinspect-vmtest DRIVER SERIAL_DEVICE
 *
 * Captures through DRIVER (kmod, kmod-all, kmod-filter or bpf) while running the
 * workloads, writes the events with sinspect's savefile writer, and copies the
 * file to SERIAL_DEVICE, where the host collects it. `work NAME` runs the
 * workloads alone (while sinspect itself captures); `send NAME FILE DEVICE`
 * copies a file the same way. Progress lines go to stdout
 * (the console): the host fails loudly, with the console log, when the
 * guest does not get to "VMTEST-DONE". */
#define _GNU_SOURCE
#include "vmtest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "procscan.h"
#include "savefile_writer.h"

#define BATCH_BYTES (8u << 20)

static uint64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

/* Moves batches into the file for settle_ms (the capture sees its own
 * syscalls, so the rings never stay empty while it runs); with settle_ms 0,
 * until the rings are empty (after stop). */
static int drain(struct engine *e, struct savefile_writer *w, uint8_t *buf, int settle_ms, uint64_t *total)
{
	char err[512];
	uint64_t until = now_ms() + (uint64_t)settle_ms;

	for (;;) {
		size_t used = 0;
		uint32_t count = 0;
		if (e->next_batch(e->h, buf, BATCH_BYTES, 20, &used, &count, err, sizeof(err)) != 0) {
			printf("VMTEST-FAIL %s: %s\n", e->name, err);
			return -1;
		}
		if (count && savefile_writer_write_batch(w, buf, used, count) != 0) {
			printf("VMTEST-FAIL writing events: %s\n", savefile_writer_error(w));
			return -1;
		}
		*total += count;
		if (settle_ms > 0 ? now_ms() >= until : count == 0)
			return 0;
	}
}

/* The file onto a serial port in raw mode, framed as
 * "SINSPECT-FILE <name> <size>\n" + its bytes: every capture of the run goes
 * through the same port and the host splits them apart. */
static int write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t m = write(fd, buf, n);
		if (m <= 0)
			return -1;
		buf += m;
		n -= (size_t)m;
	}
	return 0;
}

static int copy_to_serial(const char *path, const char *dev, const char *name)
{
	int in = open(path, O_RDONLY), out = open(dev, O_WRONLY | O_NOCTTY);
	struct termios tio;
	struct stat st;
	char buf[65536];
	ssize_t n;
	uint64_t sent = 0;
	int len;

	if (in < 0 || out < 0 || fstat(in, &st) != 0) {
		printf("VMTEST-FAIL cannot open %s or %s: %s\n", path, dev, strerror(errno));
		return -1;
	}
	if (tcgetattr(out, &tio) == 0) {
		cfmakeraw(&tio);
		tcsetattr(out, TCSANOW, &tio);
	}
	len = snprintf(buf, sizeof(buf), "SINSPECT-FILE %s %lld\n", name, (long long)st.st_size);
	if (write_all(out, buf, (size_t)len) != 0)
		goto fail;
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		if (write_all(out, buf, (size_t)n) != 0)
			goto fail;
		sent += (uint64_t)n;
	}
	tcdrain(out);
	close(out);
	close(in);
	printf("VMTEST-SENT %s bytes=%llu\n", name, (unsigned long long)sent);
	return 0;
fail:
	printf("VMTEST-FAIL writing %s: %s\n", dev, strerror(errno));
	return -1;
}

int main(int argc, char **argv)
{
	struct engine e;
	struct capture_meta meta;
	struct savefile_writer *w;
	char err[512], path[128], dir[128];
	uint8_t *buf;
	uint64_t total = 0;
	int rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && strcmp(argv[1], "work") == 0) {
		/* the workloads alone, while another program captures (NAME: its facts' driver) */
		char dir[128];
		snprintf(dir, sizeof(dir), "/tmp/vmtest-%s", argv[2]);
		mkdir(dir, 0755);
		printf("FACT driver=%s\n", argv[2]);
		return run_workloads(dir) == 0 ? 0 : 1;
	}
	if (argc == 5 && strcmp(argv[1], "send") == 0)
		return copy_to_serial(argv[3], argv[4], argv[2]) == 0 ? 0 : 1;
	if (argc != 3) {
		fprintf(stderr, "usage: sinspect-vmtest kmod|kmod-all|kmod-filter|bpf SERIAL_DEVICE | work NAME | send NAME FILE "
		                "SERIAL_DEVICE\n");
		return 2;
	}
	memset(&e, 0, sizeof(e));
	if (strncmp(argv[1], "kmod", 4) == 0)
		rc = engine_open_kmod(&e, argv[1], err, sizeof(err));
	else if (strcmp(argv[1], "bpf") == 0)
		rc = engine_open_bpf(&e, err, sizeof(err));
	else {
		fprintf(stderr, "unknown driver %s\n", argv[1]);
		return 2;
	}
	if (rc != 0) {
		printf("VMTEST-FAIL %s open: %s\n", argv[1], err);
		return 1;
	}
	snprintf(dir, sizeof(dir), "/tmp/vmtest-%s", argv[1]);
	snprintf(path, sizeof(path), "/tmp/capture-%s.scap", argv[1]);
	mkdir(dir, 0755);
	buf = malloc(BATCH_BYTES);
	meta_init(&meta);
	w = savefile_writer_open(path, 0, err, sizeof(err));
	if (!buf || !w) {
		printf("VMTEST-FAIL %s: %s\n", path, w ? "out of memory" : err);
		return 1;
	}
	if (e.start(e.h, err, sizeof(err)) != 0) {
		printf("VMTEST-FAIL %s start: %s\n", e.name, err);
		return 1;
	}
	/* Scan after starting: a process is then in the scan or in the events. */
	if (procscan_scan(&meta, "/proc", err, sizeof(err)) != 0) {
		printf("VMTEST-FAIL scanning /proc: %s\n", err);
		return 1;
	}
	if (savefile_writer_write_meta(w, &meta) != 0) {
		printf("VMTEST-FAIL writing metadata: %s\n", savefile_writer_error(w));
		return 1;
	}
	printf("VMTEST-CAPTURING %s\n", e.name);
	printf("FACT driver=%s\n", e.name);
	if (e.facts)
		printf("%s", e.facts);
	rc = run_workloads(dir);
	if (rc == 0 && e.after_workloads)
		rc = e.after_workloads(e.h);
	if (drain(&e, w, buf, 300, &total) != 0)
		return 1;
	e.stop(e.h, err, sizeof(err));
	if (drain(&e, w, buf, 0, &total) != 0)
		return 1;
	e.print_stats(e.h);
	e.close(e.h);
	if (savefile_writer_close(w, err, sizeof(err)) != 0) {
		printf("VMTEST-FAIL closing %s: %s\n", path, err);
		return 1;
	}
	meta_free(&meta);
	printf("VMTEST-EVENTS %s %llu\n", e.name, (unsigned long long)total);
	if (rc != 0) {
		printf("VMTEST-FAIL a workload failed\n");
		return 1;
	}
	if (copy_to_serial(path, argv[2], e.name) != 0)
		return 1;
	printf("VMTEST-DONE %s\n", e.name);
	return 0;
}
