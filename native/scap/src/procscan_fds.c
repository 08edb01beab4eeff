/*
 * fds from /proc/<pid>/fd, classified as libscap's live scan classifies them:
 * by the file type the link resolves to, then by the link text (pipes,
 * sockets, anonymous inodes). Sockets get their endpoints from the network
 * namespace's tables; regular files their open flags (fdinfo) and device
 * (mountinfo).
 */
#define _GNU_SOURCE /* O_TMPFILE, O_DIRECT, O_LARGEFILE */
#include "procscan_fds.h"

#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "procscan_util.h"
#include "scap_format.h"

/* PPM_O_* open flags (the event schema's encoding). */
#define PPM_O_RDONLY (1u << 0)
#define PPM_O_WRONLY (1u << 1)
#define PPM_O_RDWR (PPM_O_RDONLY | PPM_O_WRONLY)
#define PPM_O_CREAT (1u << 2)
#define PPM_O_APPEND (1u << 3)
#define PPM_O_DSYNC (1u << 4)
#define PPM_O_EXCL (1u << 5)
#define PPM_O_NONBLOCK (1u << 6)
#define PPM_O_SYNC (1u << 7)
#define PPM_O_TRUNC (1u << 8)
#define PPM_O_DIRECT (1u << 9)
#define PPM_O_DIRECTORY (1u << 10)
#define PPM_O_LARGEFILE (1u << 11)
#define PPM_O_CLOEXEC (1u << 12)
#define PPM_O_TMPFILE (1u << 13)

static uint32_t open_flags_to_ppm(unsigned long f)
{
	uint32_t r;
	switch(f & O_ACCMODE) {
	case O_WRONLY:
		r = PPM_O_WRONLY;
		break;
	case O_RDWR:
		r = PPM_O_RDWR;
		break;
	default:
		r = PPM_O_RDONLY;
		break;
	}
	if(f & O_CREAT) r |= PPM_O_CREAT;
	/* O_TMPFILE includes the O_DIRECTORY bit; libscap tests it this loosely too. */
	if(f & O_TMPFILE) r |= PPM_O_TMPFILE;
	if(f & O_APPEND) r |= PPM_O_APPEND;
	if(f & O_DSYNC) r |= PPM_O_DSYNC;
	if(f & O_EXCL) r |= PPM_O_EXCL;
	if(f & O_NONBLOCK) r |= PPM_O_NONBLOCK;
	if((f & O_SYNC) == O_SYNC) r |= PPM_O_SYNC;
	if(f & O_TRUNC) r |= PPM_O_TRUNC;
	if(f & O_DIRECT) r |= PPM_O_DIRECT;
	if(f & O_DIRECTORY) r |= PPM_O_DIRECTORY;
	if(f & O_LARGEFILE) r |= PPM_O_LARGEFILE;
	if(f & O_CLOEXEC) r |= PPM_O_CLOEXEC;
	return r;
}

/* Mount id -> device number of one process's mount namespace, read on first need. */
struct mount_devs {
	int loaded;
	uint32_t n;
	uint32_t *ids;
	uint32_t *devs;
};

static uint32_t device_of_mount(struct mount_devs *md, const char *dir, uint32_t mount_id)
{
	if(!md->loaded) {
		md->loaded = 1;
		char path[512];
		snprintf(path, sizeof(path), "%smountinfo", dir);
		size_t len;
		char *buf = ps_read_all(path, &len);
		if(!buf) {
			return 0;
		}
		uint32_t lines = 0;
		for(char *p = buf; *p; p++) {
			lines += *p == '\n';
		}
		md->ids = malloc(sizeof(uint32_t) * (lines + 1));
		md->devs = malloc(sizeof(uint32_t) * (lines + 1));
		if(md->ids && md->devs) {
			char *save = NULL;
			for(char *l = strtok_r(buf, "\n", &save); l && md->n <= lines; l = strtok_r(NULL, "\n", &save)) {
				unsigned id, major, minor;
				if(sscanf(l, "%u %*u %u:%u", &id, &major, &minor) == 3) {
					md->ids[md->n] = id;
					md->devs[md->n] = (uint32_t)makedev(major, minor);
					md->n++;
				}
			}
		}
		free(buf);
	}
	for(uint32_t i = 0; i < md->n; i++) {
		if(md->ids[i] == mount_id) {
			return md->devs[i];
		}
	}
	return 0;
}

/* Open flags and device of a regular file fd, from /proc/<pid>/fdinfo/<fd>. */
static void file_flags(struct meta_fd *f, const char *dir, const char *fdname, struct mount_devs *md)
{
	char path[512], buf[4096];
	snprintf(path, sizeof(path), "%sfdinfo/%s", dir, fdname);
	ssize_t n = ps_read_file(path, buf, sizeof(buf) - 1);
	if(n <= 0) {
		return;
	}
	buf[n] = 0;
	const char *flags = strstr(buf, "flags:\t");
	if(flags) {
		f->open_flags = open_flags_to_ppm(strtoul(flags + 7, NULL, 8));
	}
	const char *mnt = strstr(buf, "mnt_id:\t");
	if(mnt) {
		f->dev = device_of_mount(md, dir, (uint32_t)strtoul(mnt + 8, NULL, 10));
	}
}

/* The fd type of an anonymous inode, from its link text; as libscap, unknown ones stay "unsupported". */
static uint8_t anon_inode_type(const char *link)
{
	if(strcmp(link, "anon_inode:[eventfd]") == 0) return SCAP_FDT_EVENT;
	if(strcmp(link, "anon_inode:[signalfd]") == 0) return SCAP_FDT_SIGNALFD;
	if(strcmp(link, "anon_inode:[eventpoll]") == 0) return SCAP_FDT_EVENTPOLL;
	if(strcmp(link, "anon_inode:inotify") == 0) return SCAP_FDT_INOTIFY;
	if(strcmp(link, "anon_inode:[timerfd]") == 0) return SCAP_FDT_TIMERFD;
	return SCAP_FDT_UNSUPPORTED;
}

/* The inode number of the process's network namespace (0 if unknown). */
static uint64_t netns_of(const char *dir)
{
	char path[512], link[128];
	snprintf(path, sizeof(path), "%sns/net", dir);
	uint64_t ns = 0;
	if(ps_readlink(path, link, sizeof(link)) > 0) {
		sscanf(link, "net:[%" SCNu64 "]", &ns);
	}
	return ns;
}

int ps_read_fds(struct capture_meta *m, uint32_t thread_index, const char *dir, const char *proc_dir,
                struct ps_sockets *sockets)
{
	char fddir[512];
	snprintf(fddir, sizeof(fddir), "%sfd", dir);
	DIR *d = opendir(fddir);
	if(!d) {
		return 0;
	}
	uint64_t netns = netns_of(dir);
	char net_dir[512];
	if(netns) {
		snprintf(net_dir, sizeof(net_dir), "%snet", dir);
	} else {
		snprintf(net_dir, sizeof(net_dir), "%s/net", proc_dir);
	}
	struct mount_devs md = {0};
	int rc = 0;

	struct dirent *e;
	while(rc == 0 && (e = readdir(d)) != NULL) {
		char *end;
		long long fdnum = strtoll(e->d_name, &end, 10);
		if(*e->d_name == 0 || *end != 0) {
			continue;
		}
		char path[1024], link[SCAP_MAX_PATH_SIZE];
		snprintf(path, sizeof(path), "%s/%s", fddir, e->d_name);
		struct stat st;
		if(stat(path, &st) != 0) {
			continue;
		}
		ssize_t llen = ps_readlink(path, link, sizeof(link));
		if(llen <= 0) {
			continue;
		}

		struct meta_fd tmp;
		memset(&tmp, 0, sizeof(tmp));
		tmp.fd = fdnum;
		const char *name = link;
		size_t name_len = (size_t)llen;

		switch(st.st_mode & S_IFMT) {
		case S_IFIFO: {
			tmp.type = SCAP_FDT_FIFO;
			if(sscanf(link, "pipe:[%" SCNu64 "]", &tmp.ino) != 1) {
				/* A named pipe: its inode is the file's. */
				tmp.ino = st.st_ino;
			}
			break;
		}
		case S_IFREG:
		case S_IFBLK:
		case S_IFCHR:
		case S_IFLNK:
			tmp.type = SCAP_FDT_FILE_V2;
			tmp.ino = st.st_ino;
			file_flags(&tmp, dir, e->d_name, &md);
			break;
		case S_IFDIR:
			tmp.type = SCAP_FDT_DIRECTORY;
			tmp.ino = st.st_ino;
			break;
		case S_IFSOCK: {
			uint64_t ino;
			if(sscanf(link, "socket:[%" SCNu64 "]", &ino) != 1) {
				tmp.type = SCAP_FDT_UNSUPPORTED;
				break;
			}
			const struct meta_fd *s = ps_sockets_find(sockets, netns, net_dir, ino);
			if(!s) {
				continue; /* a kind of socket no table lists: libscap leaves it out too */
			}
			tmp = *s;
			tmp.fd = fdnum;
			name = s->name.ptr;
			name_len = s->name.len;
			break;
		}
		default:
			/* Anonymous inodes (eventfd, epoll, ...): libscap keeps no name for them. */
			tmp.type = anon_inode_type(link);
			tmp.ino = st.st_ino;
			name_len = 0;
			break;
		}

		struct meta_fd *f = meta_add_fd(&m->threads[thread_index]);
		if(!f) {
			rc = -1;
			break;
		}
		*f = tmp;
		if(meta_dup(m, &f->name, name, name_len)) {
			rc = -1;
		}
	}
	closedir(d);
	free(md.ids);
	free(md.devs);
	return rc;
}
