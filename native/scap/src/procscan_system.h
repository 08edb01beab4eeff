/* Machine-wide parts of the /proc scan: machine info, users and groups, interfaces. */
#ifndef SINSPECT_PROCSCAN_SYSTEM_H
#define SINSPECT_PROCSCAN_SYSTEM_H

#include "capture_meta.h"

/* Each returns 0, or -1 when out of memory. */
int ps_read_machine(struct capture_meta *m, const char *proc_dir);
int ps_read_users(struct capture_meta *m);
int ps_read_interfaces(struct capture_meta *m);

#endif
