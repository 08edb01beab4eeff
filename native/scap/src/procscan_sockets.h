/*
 * Socket endpoints by inode, per network namespace, from the /proc/<pid>/net
 * tables (tcp, udp, raw, their IPv6 twins, unix, netlink). A namespace's
 * tables are read once, the first time one of its sockets is looked up.
 */
#ifndef SINSPECT_PROCSCAN_SOCKETS_H
#define SINSPECT_PROCSCAN_SOCKETS_H

#include <stdint.h>

#include "capture_meta.h"

struct ps_sockets;

struct ps_sockets *ps_sockets_new(void);
void ps_sockets_free(struct ps_sockets *s);

/*
 * The socket with inode ino in network namespace netns, reading the tables
 * from net_dir (e.g. "/proc/123/net") if this namespace was not seen before.
 * Returns NULL when the inode is in none of the tables. The fd number of the
 * returned template is meaningless; its name lives as long as s.
 */
const struct meta_fd *ps_sockets_find(struct ps_sockets *s, uint64_t netns, const char *net_dir, uint64_t ino);

#endif
