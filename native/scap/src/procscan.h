/*
 * Builds capture metadata from the live machine, the way libscap's /proc scan
 * does for a live capture: every user process and thread with its fds (socket
 * endpoints resolved through the /proc/<pid>/net tables), users and groups, network
 * interfaces and machine info.
 */
#ifndef SINSPECT_PROCSCAN_H
#define SINSPECT_PROCSCAN_H

#include <stddef.h>

#include "capture_meta.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Fills m (initialised by the caller). proc_dir is the procfs to read ("/proc",
 * or "$HOST_ROOT/proc" from inside a container). Processes that vanish or cannot
 * be read while scanning are skipped. Returns 0, or -1 with a one-line message
 * in err when proc_dir itself cannot be read or memory runs out.
 */
int procscan_scan(struct capture_meta *m, const char *proc_dir, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
