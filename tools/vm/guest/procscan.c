/* The guest's initial state for the capture file: every thread under /proc
 * with what sysdig needs to name it (comm, exe, args, cwd, ids). The guest
 * runs a handful of processes, so nothing here needs to be fast. */
#define _GNU_SOURCE
#include "vmtest.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

static ssize_t read_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n, total = 0;

	if (fd < 0)
		return -1;
	while ((size_t)total < cap && (n = read(fd, buf + total, cap - total)) > 0)
		total += n;
	close(fd);
	return total;
}

static void dup_link(struct capture_meta *m, struct meta_bytes *dst, const char *path)
{
	char buf[4096];
	ssize_t n = readlink(path, buf, sizeof(buf));

	if (n > 0)
		meta_dup(m, dst, buf, (size_t)n);
}

static void scan_thread(struct capture_meta *m, long pid, long tid)
{
	char path[128], buf[8192];
	struct meta_thread *t = meta_add_thread(m);
	ssize_t n;

	if (!t)
		return;
	t->tid = tid;
	t->pid = pid;
	t->vtid = tid;
	t->vpid = pid;
	snprintf(path, sizeof(path), "/proc/%ld/task/%ld/comm", pid, tid);
	n = read_file(path, buf, sizeof(buf));
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	if (n > 0)
		meta_dup(m, &t->comm, buf, (size_t)n);
	snprintf(path, sizeof(path), "/proc/%ld/cmdline", pid);
	n = read_file(path, buf, sizeof(buf));
	if (n > 0) {
		size_t first = strnlen(buf, (size_t)n);
		meta_dup(m, &t->exe, buf, first);
		if ((size_t)n > first + 1)
			meta_dup(m, &t->args, buf + first + 1, (size_t)n - first - 1);
	}
	snprintf(path, sizeof(path), "/proc/%ld/exe", pid);
	dup_link(m, &t->exepath, path);
	snprintf(path, sizeof(path), "/proc/%ld/cwd", pid);
	{
		char cwd[4096];
		ssize_t c = readlink(path, cwd, sizeof(cwd) - 1);
		if (c > 0) {
			/* sysdig keeps directories with their trailing slash */
			if (cwd[c - 1] != '/')
				cwd[c++] = '/';
			meta_dup(m, &t->cwd, cwd, (size_t)c);
		}
	}
	snprintf(path, sizeof(path), "/proc/%ld/task/%ld/stat", pid, tid);
	n = read_file(path, buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = 0;
		char *p = strrchr(buf, ')');
		long ppid = 0, pgid = 0, sid = 0;
		if (p && sscanf(p + 2, "%*c %ld %ld %ld", &ppid, &pgid, &sid) == 3) {
			t->ptid = ppid;
			t->pgid = t->vpgid = pgid;
			t->sid = sid;
		}
	}
	t->fdlimit = 1024;
}

int scan_proc(struct capture_meta *m)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	struct utsname u;

	m->has_machine = 1;
	m->machine.num_cpus = (uint32_t)sysconf(_SC_NPROCESSORS_ONLN);
	m->machine.memory_size_bytes = (uint64_t)sysconf(_SC_PHYS_PAGES) * (uint64_t)sysconf(_SC_PAGESIZE);
	m->machine.max_pid = 32768;
	if (uname(&u) == 0)
		snprintf(m->machine.hostname, sizeof(m->machine.hostname), "%s", u.nodename);
	m->has_proclist = 1;
	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL) {
		char tpath[64];
		DIR *td;
		struct dirent *te;
		long pid = strtol(de->d_name, NULL, 10);

		if (pid <= 0)
			continue;
		snprintf(tpath, sizeof(tpath), "/proc/%ld/task", pid);
		td = opendir(tpath);
		if (!td)
			continue;
		while ((te = readdir(td)) != NULL) {
			long tid = strtol(te->d_name, NULL, 10);
			if (tid > 0)
				scan_thread(m, pid, tid);
		}
		closedir(td);
	}
	closedir(d);
	return 0;
}
