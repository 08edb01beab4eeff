/*
 * One thread from /proc, field by field as libscap's live scan fills
 * scap_threadinfo (sources: exe, status, cmdline, environ, cwd, stat, cgroup,
 * root, loginuid, prlimit), plus the capability sets and executable inode that
 * newer libscap versions add. Unreadable pieces are left empty rather than
 * dropping the thread, so an unprivileged scan still lists everything visible.
 */
#include "procscan_thread.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "procscan_util.h"
#include "scap_format.h"

#define PPM_CL_CLONE_FILES (1u << 0)
#define PPM_CL_CLONE_THREAD (1u << 13)

static int dup_cstr(struct capture_meta *m, struct meta_bytes *dst, const char *s, size_t len)
{
	return meta_dup(m, dst, s, len);
}

/* The value after "Key:" on the status line starting with key, or NULL. */
static const char *status_value(const char *status, const char *key)
{
	size_t klen = strlen(key);
	const char *p = status;
	while(p && *p) {
		if(strncmp(p, key, klen) == 0 && p[klen] == ':') {
			p += klen + 1;
			while(*p == ' ' || *p == '\t') {
				p++;
			}
			return p;
		}
		p = strchr(p, '\n');
		if(p) {
			p++;
		}
	}
	return NULL;
}

/* The n-th (0-based) blank-separated number of a status value, if there is one. */
static int status_nth(const char *value, int n, int64_t *out)
{
	const char *p = value;
	for(int i = 0; p && *p && *p != '\n'; i++) {
		char *end;
		long long v = strtoll(p, &end, 10);
		if(end == p) {
			return 0;
		}
		if(i == n) {
			*out = v;
			return 1;
		}
		p = end;
		while(*p == ' ' || *p == '\t') {
			p++;
		}
	}
	return 0;
}

static void read_status(const char *dir, struct meta_thread *t, struct capture_meta *m, int *ok, int *oom)
{
	char path[512], buf[16384];
	snprintf(path, sizeof(path), "%sstatus", dir);
	ssize_t n = ps_read_file(path, buf, sizeof(buf) - 1);
	*ok = n > 0;
	if(n <= 0) {
		return;
	}
	buf[n] = 0;
	const char *v;
	int64_t x;
	if((v = status_value(buf, "Name"))) {
		if(dup_cstr(m, &t->comm, v, strcspn(v, "\n"))) {
			*oom = 1;
		}
	}
	if((v = status_value(buf, "Tgid")) && status_nth(v, 0, &x)) t->pid = x;
	if((v = status_value(buf, "PPid")) && status_nth(v, 0, &x)) t->ptid = x;
	/* The effective ids, the second of the four numbers. */
	if((v = status_value(buf, "Uid")) && status_nth(v, 1, &x)) t->uid = (uint32_t)x;
	if((v = status_value(buf, "Gid")) && status_nth(v, 1, &x)) t->gid = (uint32_t)x;
	if((v = status_value(buf, "VmSize")) && status_nth(v, 0, &x)) t->vmsize_kb = (uint32_t)x;
	if((v = status_value(buf, "VmRSS")) && status_nth(v, 0, &x)) t->vmrss_kb = (uint32_t)x;
	if((v = status_value(buf, "VmSwap")) && status_nth(v, 0, &x)) t->vmswap_kb = (uint32_t)x;
	/* Ids in the innermost pid namespace: the second number, when there is a nested namespace. */
	t->vtid = t->tid;
	t->vpid = t->pid;
	if((v = status_value(buf, "NSpid")) && status_nth(v, 1, &x)) t->vtid = x;
	if((v = status_value(buf, "NStgid")) && status_nth(v, 1, &x)) t->vpid = x;
	if((v = status_value(buf, "NSpgid")) && status_nth(v, 1, &x)) t->vpgid = x;
	if((v = status_value(buf, "CapInh"))) t->cap_inheritable = strtoull(v, NULL, 16);
	if((v = status_value(buf, "CapPrm"))) t->cap_permitted = strtoull(v, NULL, 16);
	if((v = status_value(buf, "CapEff"))) t->cap_effective = strtoull(v, NULL, 16);
}

/* pgrp, session, tty and page faults from stat (fields after the parenthesised comm). */
static void read_stat(const char *dir, struct meta_thread *t)
{
	char path[512], buf[1024];
	snprintf(path, sizeof(path), "%sstat", dir);
	ssize_t n = ps_read_file(path, buf, sizeof(buf) - 1);
	if(n <= 0) {
		return;
	}
	buf[n] = 0;
	const char *p = strrchr(buf, ')');
	if(!p) {
		return;
	}
	char state;
	long long ppid, pgrp, session, tpgid;
	int tty;
	unsigned long long flags, minflt, cminflt, majflt;
	if(sscanf(p + 1, " %c %lld %lld %lld %d %lld %llu %llu %llu %llu", &state, &ppid, &pgrp, &session, &tty, &tpgid,
	          &flags, &minflt, &cminflt, &majflt) != 10) {
		return;
	}
	t->pgid = pgrp;
	t->sid = session;
	t->tty = (uint32_t)tty;
	t->pfminor = minflt;
	t->pfmajor = majflt;
	/* libscap: without a namespaced process group, the global one. */
	if(t->vpgid == -1) {
		t->vpgid = pgrp;
	}
}

/* cmdline: the first string is exe, the rest (NUL-separated) args; as libscap, at most 4095 bytes. */
static int read_cmdline(const char *dir, struct meta_thread *t, struct capture_meta *m)
{
	char path[512], buf[SCAP_MAX_ARGS_SIZE];
	snprintf(path, sizeof(path), "%scmdline", dir);
	ssize_t n = ps_read_file(path, buf, sizeof(buf) - 1);
	if(n <= 0) {
		return 0;
	}
	buf[n] = 0;
	size_t exe_len = strlen(buf);
	size_t args_at = exe_len < (size_t)n ? exe_len + 1 : exe_len;
	size_t keep = exe_len < SCAP_MAX_PATH_SIZE ? exe_len : SCAP_MAX_PATH_SIZE - 1;
	if(meta_dup(m, &t->exe, buf, keep) || meta_dup(m, &t->args, buf + args_at, (size_t)n - args_at)) {
		return -1;
	}
	return 0;
}

static int read_environ(const char *dir, struct meta_thread *t, struct capture_meta *m)
{
	char path[512], buf[SCAP_MAX_ENV_SIZE];
	snprintf(path, sizeof(path), "%senviron", dir);
	ssize_t n = ps_read_file(path, buf, sizeof(buf));
	if(n <= 0) {
		return 0;
	}
	buf[n - 1] = 0; /* a cut-off last entry still ends like an entry */
	return meta_dup(m, &t->env, buf, (size_t)n);
}

static int read_link_field(const char *dir, const char *name, struct meta_bytes *dst, struct capture_meta *m)
{
	char path[512], target[SCAP_MAX_PATH_SIZE];
	snprintf(path, sizeof(path), "%s%s", dir, name);
	ssize_t n = ps_readlink(path, target, sizeof(target));
	if(n <= 0) {
		return 0;
	}
	return meta_dup(m, dst, target, (size_t)n);
}

/*
 * /proc/<pid>/cgroup lines "id:controllers:path" become "controller=path"
 * entries. On cgroup v2 the unified "0::path" line stands for cpu, memory and
 * cpuset (the controllers libsinsp looks at); on v1 controller-less lines are skipped.
 */
static int read_cgroups(const char *dir, int cgroup_v2, struct meta_thread *t, struct capture_meta *m)
{
	char path[512], buf[16384];
	snprintf(path, sizeof(path), "%scgroup", dir);
	ssize_t n = ps_read_file(path, buf, sizeof(buf) - 1);
	if(n <= 0) {
		return 0;
	}
	buf[n] = 0;
	char out[SCAP_MAX_CGROUPS_SIZE];
	size_t used = 0;
	char *save = NULL;
	for(char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *c1 = strchr(line, ':');
		char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if(!c2) {
			continue;
		}
		*c1 = 0;
		*c2 = 0;
		char *controllers = c1 + 1;
		const char *cgroup = c2 + 1;
		char unified[] = "cpu,memory,cpuset";
		if(*controllers == 0) {
			if(!cgroup_v2 || strcmp(line, "0") != 0) {
				continue;
			}
			controllers = unified;
		}
		char *csave = NULL;
		for(char *ctl = strtok_r(controllers, ",", &csave); ctl; ctl = strtok_r(NULL, ",", &csave)) {
			size_t need = strlen(ctl) + 1 + strlen(cgroup) + 1;
			if(used + need > sizeof(out)) {
				return meta_dup(m, &t->cgroups, out, used);
			}
			used += (size_t)snprintf(out + used, sizeof(out) - used, "%s=%s", ctl, cgroup) + 1;
		}
	}
	return meta_dup(m, &t->cgroups, out, used);
}

static void read_loginuid(const char *dir, struct meta_thread *t)
{
	char path[512], buf[32];
	snprintf(path, sizeof(path), "%sloginuid", dir);
	ssize_t n = ps_read_file(path, buf, sizeof(buf) - 1);
	if(n > 0) {
		buf[n] = 0;
		t->loginuid = (uint32_t)strtoll(buf, NULL, 10);
	}
}

/*
 * Whether the thread's user could write its executable. libscap switches the
 * thread's effective ids to ask the kernel; this checks owner and mode bits
 * instead (root, owner, group or other write permission), without
 * supplementary groups or ACLs.
 */
static void check_exe_writable(const char *dir, struct meta_thread *t)
{
	char path[512];
	snprintf(path, sizeof(path), "%sexe", dir);
	struct stat st;
	if(stat(path, &st) != 0) {
		return;
	}
	t->exe_ino = st.st_ino;
	t->exe_ino_ctime = (uint64_t)st.st_ctim.tv_sec * 1000000000ull + (uint64_t)st.st_ctim.tv_nsec;
	t->exe_ino_mtime = (uint64_t)st.st_mtim.tv_sec * 1000000000ull + (uint64_t)st.st_mtim.tv_nsec;
	t->exe_writable = t->uid == 0 || st.st_uid == t->uid || (st.st_mode & S_IWOTH) ||
	                  ((st.st_mode & S_IWGRP) && st.st_gid == t->gid);
}

int ps_read_thread(struct capture_meta *m, const char *dir, int64_t tid, int cgroup_v2, uint32_t *index)
{
	char path[512], exepath[SCAP_MAX_PATH_SIZE];
	snprintf(path, sizeof(path), "%sexe", dir);
	ssize_t exelen = ps_readlink(path, exepath, sizeof(exepath));
	if(exelen <= 0) {
		/* No executable: a kernel thread or zombie unless it has a command line. */
		char cmd[8];
		snprintf(path, sizeof(path), "%scmdline", dir);
		if(ps_read_file(path, cmd, sizeof(cmd)) <= 0) {
			return 0;
		}
		exelen = 0;
	}

	struct meta_thread *t = meta_add_thread(m);
	if(!t) {
		return -1;
	}
	*index = m->nthreads - 1;
	t->tid = tid;
	t->pid = tid;
	t->vpgid = -1;
	int ok = 0, oom = 0;
	read_status(dir, t, m, &ok, &oom);
	if(!ok) {
		m->nthreads--; /* gone meanwhile */
		return oom ? -1 : 0;
	}
	read_stat(dir, t);
	if(oom || meta_dup(m, &t->exepath, exepath, (size_t)exelen) || read_cmdline(dir, t, m) ||
	   read_environ(dir, t, m) || read_link_field(dir, "cwd", &t->cwd, m) ||
	   read_link_field(dir, "root", &t->root, m) || read_cgroups(dir, cgroup_v2, t, m)) {
		return -1;
	}
	read_loginuid(dir, t);

	struct rlimit rl;
	t->fdlimit = syscall(SYS_prlimit64, (pid_t)tid, RLIMIT_NOFILE, NULL, &rl) == 0 ? (int64_t)rl.rlim_cur : -1;

	/* libscap's approximation of the creation time: the change time of the /proc entry. */
	struct stat st;
	if(stat(dir, &st) == 0) {
		t->clone_ts = (uint64_t)st.st_ctim.tv_sec * 1000000000ull + (uint64_t)st.st_ctim.tv_nsec;
	}
	/* A thread other than the main one shares the process's files (libscap assumes as much). */
	t->flags = t->tid == t->pid ? 0 : PPM_CL_CLONE_THREAD | PPM_CL_CLONE_FILES;
	check_exe_writable(dir, t);
	return 1;
}
