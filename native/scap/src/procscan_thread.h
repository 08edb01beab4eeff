/* One thread's entry of the /proc scan. */
#ifndef SINSPECT_PROCSCAN_THREAD_H
#define SINSPECT_PROCSCAN_THREAD_H

#include <stdint.h>

#include "capture_meta.h"

/*
 * Reads the thread whose /proc directory is dir ("/proc/12/" or
 * "/proc/12/task/13/", with the trailing slash) and appends it to m.
 * cgroup_v2: expand "0::/path" lines as libscap does on cgroup v2 systems.
 * Returns 1 when added (*index = its position in m->threads), 0 when skipped
 * (a kernel thread or zombie, or gone meanwhile), -1 when out of memory.
 */
int ps_read_thread(struct capture_meta *m, const char *dir, int64_t tid, int cgroup_v2, uint32_t *index);

#endif
