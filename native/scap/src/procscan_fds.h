/* The open fds of one process, for the /proc scan. */
#ifndef SINSPECT_PROCSCAN_FDS_H
#define SINSPECT_PROCSCAN_FDS_H

#include <stdint.h>

#include "capture_meta.h"
#include "procscan_sockets.h"

/*
 * Adds the fds in <dir>fd/ (dir: "/proc/12/") to m->threads[thread_index].
 * proc_dir is the procfs root, for processes whose network namespace is unknown.
 * Returns 0, or -1 when out of memory (an unreadable fd directory is not an error).
 */
int ps_read_fds(struct capture_meta *m, uint32_t thread_index, const char *dir, const char *proc_dir,
                struct ps_sockets *sockets);

#endif
