/*
 * The capture metadata model: what a savefile (or a /proc scan) says about the
 * machine before the first event. Readers fill it, the writer serialises it,
 * the binding converts it to and from plain JS objects.
 *
 * Strings are byte ranges (not NUL-terminated, may in theory contain NULs) that
 * live in the metadata's arena and are all freed together with it.
 * args, env and cgroups keep libscap's on-disk shape: NUL-separated entries.
 */
#ifndef SINSPECT_CAPTURE_META_H
#define SINSPECT_CAPTURE_META_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct meta_bytes {
	const char *ptr;
	uint32_t len;
};

struct meta_arena_chunk;

/* Bump allocator for all strings of one metadata object. */
struct meta_arena {
	struct meta_arena_chunk *head;
};

struct meta_machine {
	uint32_t num_cpus;
	uint64_t memory_size_bytes;
	uint64_t max_pid;
	char hostname[129]; /* 128 on disk, kept NUL-terminated here */
	uint64_t boot_ts_epoch; /* "reserved1" in sysdig 0.29.3 */
	uint64_t flags;         /* "reserved2" in sysdig 0.29.3 */
	uint64_t reserved3;
	uint64_t reserved4;
};

struct meta_fd {
	int64_t fd;
	uint64_t ino;
	uint8_t type; /* enum scap_fd_kind */
	/* Sockets. IPv4 addresses use the first 4 bytes, in network byte order. */
	uint8_t sip[16];
	uint8_t dip[16];
	uint16_t sport;
	uint16_t dport;
	uint8_t l4proto;
	/* Unix sockets: kernel addresses of both ends. */
	uint64_t unix_source;
	uint64_t unix_dest;
	/* Regular files (FILE_V2). */
	uint32_t open_flags;
	uint32_t dev;
	/* Path, unix socket path, or the descriptive name of other kinds. */
	struct meta_bytes name;
};

struct meta_thread {
	int64_t tid, pid, ptid, sid, vpgid, pgid, vtid, vpid;
	struct meta_bytes comm, exe, exepath, args, cwd, env, cgroups, root;
	int64_t fdlimit;
	uint32_t flags;
	uint32_t uid, gid;
	uint32_t loginuid;
	uint32_t vmsize_kb, vmrss_kb, vmswap_kb;
	uint64_t pfmajor, pfminor;
	uint32_t tty;
	uint64_t clone_ts;
	uint64_t pidns_init_start_ts;
	uint8_t exe_writable, exe_upper_layer, exe_lower_layer, exe_from_memfd;
	uint64_t cap_inheritable, cap_permitted, cap_effective;
	uint64_t exe_ino, exe_ino_ctime, exe_ino_mtime;

	struct meta_fd *fds;
	uint32_t nfds;
	uint32_t fds_cap;
};

struct meta_iface {
	uint16_t type; /* SCAP_II_IPV4 or SCAP_II_IPV6 (the NOLINKSPEED variants are normalised) */
	uint8_t addr[16];
	uint8_t netmask[16];
	uint8_t bcast[16];
	uint64_t linkspeed;
	struct meta_bytes name;
};

struct meta_user {
	uint32_t uid, gid;
	struct meta_bytes name, homedir, shell;
};

struct meta_group {
	uint32_t gid;
	struct meta_bytes name;
};

struct capture_meta {
	struct meta_arena arena;

	uint16_t major_version, minor_version;

	int has_machine;
	struct meta_machine machine;

	int has_proclist;
	struct meta_thread *threads;
	uint32_t nthreads, threads_cap;
	/* tid -> index+1 open-addressing table, built on demand by meta_find_thread. */
	uint32_t *tid_index;
	uint32_t tid_index_cap;
	uint32_t tid_indexed; /* how many threads the table covers */

	int has_iflist;
	struct meta_iface *ifaces4, *ifaces6;
	uint32_t nifaces4, nifaces6, ifaces4_cap, ifaces6_cap;

	int has_userlist;
	struct meta_user *users;
	struct meta_group *groups;
	uint32_t nusers, ngroups, users_cap, groups_cap;
};

void meta_init(struct capture_meta *m);
void meta_free(struct capture_meta *m);

/* Copies len bytes into the arena. Returns 0 on success, -1 when out of memory. */
int meta_dup(struct capture_meta *m, struct meta_bytes *dst, const void *src, size_t len);

/* Append a zeroed element (with libscap's defaults for threads); NULL when out of memory. */
struct meta_thread *meta_add_thread(struct capture_meta *m);
struct meta_fd *meta_add_fd(struct meta_thread *t);
struct meta_iface *meta_add_iface(struct capture_meta *m, int ipv6);
struct meta_user *meta_add_user(struct capture_meta *m);
struct meta_group *meta_add_group(struct capture_meta *m);

/* The last thread with this tid, or NULL. Returns NULL with *oom set on allocation failure. */
struct meta_thread *meta_find_thread(struct capture_meta *m, int64_t tid, int *oom);

#ifdef __cplusplus
}
#endif

#endif
