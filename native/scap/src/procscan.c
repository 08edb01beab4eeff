/*
 * The /proc scan: machine, users, interfaces, then every process directory
 * and, under it, every other thread (task/). fds are read once per process,
 * for its main thread, as libscap does: threads share them.
 */
#include "procscan.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procscan_fds.h"
#include "procscan_sockets.h"
#include "procscan_system.h"
#include "procscan_thread.h"
#include "procscan_util.h"

/* libscap treats a kernel that knows cgroup2 as a cgroup v2 system. */
static int cgroup_v2_system(const char *proc_dir)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/filesystems", proc_dir);
	size_t len;
	char *buf = ps_read_all(path, &len);
	int v2 = buf && strstr(buf, "cgroup2") != NULL;
	free(buf);
	return v2;
}

static int numeric(const char *s, int64_t *out)
{
	char *end;
	if(*s < '0' || *s > '9') {
		return 0;
	}
	long long v = strtoll(s, &end, 10);
	if(*end) {
		return 0;
	}
	*out = v;
	return 1;
}

/* Adds the threads of process pid other than the main one. Returns 0, or -1 when out of memory. */
static int scan_tasks(struct capture_meta *m, const char *proc_dir, int64_t pid, int cgroup_v2)
{
	char taskdir[512];
	snprintf(taskdir, sizeof(taskdir), "%s/%lld/task", proc_dir, (long long)pid);
	DIR *d = opendir(taskdir);
	if(!d) {
		return 0;
	}
	int rc = 0;
	struct dirent *e;
	while(rc == 0 && (e = readdir(d)) != NULL) {
		int64_t tid;
		if(!numeric(e->d_name, &tid) || tid == pid) {
			continue;
		}
		char dir[600];
		snprintf(dir, sizeof(dir), "%s/%lld/", taskdir, (long long)tid);
		uint32_t index;
		if(ps_read_thread(m, dir, tid, cgroup_v2, &index) < 0) {
			rc = -1;
		}
	}
	closedir(d);
	return rc;
}

int procscan_scan(struct capture_meta *m, const char *proc_dir, char *err, size_t errlen)
{
	DIR *d = opendir(proc_dir);
	if(!d) {
		snprintf(err, errlen, "%s: cannot read (%s)", proc_dir, strerror(errno));
		return -1;
	}
	m->major_version = 1;
	m->minor_version = 2;
	m->has_proclist = 1;
	struct ps_sockets *sockets = ps_sockets_new();
	int cgroup_v2 = cgroup_v2_system(proc_dir);
	int rc = sockets ? 0 : -1;
	if(rc == 0) {
		rc = ps_read_machine(m, proc_dir) | ps_read_users(m) | ps_read_interfaces(m);
	}

	struct dirent *e;
	while(rc == 0 && (e = readdir(d)) != NULL) {
		int64_t pid;
		if(!numeric(e->d_name, &pid)) {
			continue;
		}
		char dir[512];
		snprintf(dir, sizeof(dir), "%s/%lld/", proc_dir, (long long)pid);
		uint32_t index;
		int added = ps_read_thread(m, dir, pid, cgroup_v2, &index);
		if(added < 0) {
			rc = -1;
			break;
		}
		if(added == 0) {
			continue;
		}
		if(ps_read_fds(m, index, dir, proc_dir, sockets) || scan_tasks(m, proc_dir, pid, cgroup_v2)) {
			rc = -1;
		}
	}
	closedir(d);
	ps_sockets_free(sockets);
	if(rc) {
		snprintf(err, errlen, "%s: out of memory while scanning", proc_dir);
	}
	return rc;
}
