/* Everything a probe program needs in scope: kernel types (CO-RE, from the
 * running kernel's BTF), libbpf's helper macros, the generated event schema
 * (PPME_* numbers, PPM_* flag values) and the probe/engine ABI. */
#pragma once

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

#include "ppm_events_gen.h"
#include "../shared/probe_abi.h"

/* Mask used on every variable offset into the scratch area (see probe_abi.h). */
#define SAFE_OFF(x) ((x) & (SINSPECT_MAX_EVENT_SIZE - 1))

/* Limits on what one parameter may take from user memory. */
#define MAX_PATH_LEN 4096
#define MAX_ARGS_LEN 4096
#define MAX_ENV_LEN 4096
#define MAX_ARRAY_ITEMS 64

#ifndef TASK_COMM_LEN
#define TASK_COMM_LEN 16
#endif

/* Kernel constants that BTF does not carry (they are #defines in the kernel). */
#define PF_KTHREAD 0x00200000
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define EINPROGRESS 115

#define OUTBOUND 0
#define INBOUND 1
