/* Machine info, users and groups, network interfaces; see procscan_system.h. */
#include "procscan_system.h"

#include <arpa/inet.h>
#include <grp.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procscan_util.h"
#include "scap_format.h"

int ps_read_machine(struct capture_meta *m, const char *proc_dir)
{
	struct meta_machine *mi = &m->machine;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	long pages = sysconf(_SC_PHYS_PAGES);
	long page = sysconf(_SC_PAGESIZE);
	mi->num_cpus = cpus > 0 ? (uint32_t)cpus : 0;
	mi->memory_size_bytes = pages > 0 && page > 0 ? (uint64_t)pages * (uint64_t)page : 0;
	if(gethostname(mi->hostname, sizeof(mi->hostname) - 1) != 0) {
		mi->hostname[0] = 0;
	}
	mi->hostname[sizeof(mi->hostname) - 1] = 0;

	char path[512], buf[4096];
	snprintf(path, sizeof(path), "%s/sys/kernel/pid_max", proc_dir);
	ssize_t n = ps_read_file(path, buf, sizeof(buf) - 1);
	if(n > 0) {
		buf[n] = 0;
		mi->max_pid = strtoull(buf, NULL, 10);
	}
	/* Boot time (the "btime" line of /proc/stat), in ns, as newer libscap records it. */
	snprintf(path, sizeof(path), "%s/stat", proc_dir);
	size_t len;
	char *stat = ps_read_all(path, &len);
	if(stat) {
		const char *bt = strstr(stat, "\nbtime ");
		if(bt) {
			mi->boot_ts_epoch = strtoull(bt + 7, NULL, 10) * 1000000000ull;
		}
		free(stat);
	}
	m->has_machine = 1;
	return 0;
}

static int dup_str(struct capture_meta *m, struct meta_bytes *dst, const char *s)
{
	return s ? meta_dup(m, dst, s, strlen(s)) : 0;
}

int ps_read_users(struct capture_meta *m)
{
	m->has_userlist = 1;
	int rc = 0;
	setpwent();
	for(struct passwd *p = getpwent(); p && rc == 0; p = getpwent()) {
		struct meta_user *u = meta_add_user(m);
		if(!u) {
			rc = -1;
			break;
		}
		u->uid = p->pw_uid;
		u->gid = p->pw_gid;
		rc = dup_str(m, &u->name, p->pw_name) | dup_str(m, &u->homedir, p->pw_dir) | dup_str(m, &u->shell, p->pw_shell);
	}
	endpwent();
	setgrent();
	for(struct group *g = getgrent(); g && rc == 0; g = getgrent()) {
		struct meta_group *gr = meta_add_group(m);
		if(!gr) {
			rc = -1;
			break;
		}
		gr->gid = g->gr_gid;
		rc = dup_str(m, &gr->name, g->gr_name);
	}
	endgrent();
	return rc ? -1 : 0;
}

int ps_read_interfaces(struct capture_meta *m)
{
	m->has_iflist = 1;
	struct ifaddrs *list = NULL;
	if(getifaddrs(&list) != 0) {
		return 0; /* no interfaces to report */
	}
	int rc = 0;
	for(struct ifaddrs *a = list; a && rc == 0; a = a->ifa_next) {
		if(!a->ifa_addr) {
			continue;
		}
		int family = a->ifa_addr->sa_family;
		if(family != AF_INET && family != AF_INET6) {
			continue;
		}
		struct meta_iface *i = meta_add_iface(m, family == AF_INET6);
		if(!i) {
			rc = -1;
			break;
		}
		/* Addresses in network order; libscap records no link speed in a live scan. */
		if(family == AF_INET) {
			memcpy(i->addr, &((struct sockaddr_in *)a->ifa_addr)->sin_addr, 4);
			if(a->ifa_netmask) memcpy(i->netmask, &((struct sockaddr_in *)a->ifa_netmask)->sin_addr, 4);
			if(a->ifa_broadaddr) memcpy(i->bcast, &((struct sockaddr_in *)a->ifa_broadaddr)->sin_addr, 4);
		} else {
			memcpy(i->addr, &((struct sockaddr_in6 *)a->ifa_addr)->sin6_addr, 16);
			if(a->ifa_netmask) memcpy(i->netmask, &((struct sockaddr_in6 *)a->ifa_netmask)->sin6_addr, 16);
			if(a->ifa_broadaddr) memcpy(i->bcast, &((struct sockaddr_in6 *)a->ifa_broadaddr)->sin6_addr, 16);
		}
		size_t namelen = strnlen(a->ifa_name, SCAP_MAX_PATH_SIZE - 1);
		rc = meta_dup(m, &i->name, a->ifa_name, namelen);
	}
	freeifaddrs(list);
	return rc ? -1 : 0;
}
