/* The cgroups parameter: "subsys=/path" strings, NUL-separated, for the
 * controllers sinsp looks at (cpuset, cpu, cpuacct, io, memory). */
#pragma once

#include "task.h"

#define MAX_CGROUP_DEPTH 16 /* power of two: indexes are masked with it */

/* kernfs_node.parent became __parent in 6.15. */
struct kernfs_node___pre615 {
	struct kernfs_node *parent;
} __attribute__((preserve_access_index));

static __always_inline struct kernfs_node *kn__parent(struct kernfs_node *kn) {
	if(bpf_core_field_exists(((struct kernfs_node___pre615 *)0)->parent))
		return BPF_CORE_READ((struct kernfs_node___pre615 *)kn, parent);
	return BPF_CORE_READ(kn, __parent);
}

/* Appends "name=/a/b\0" for one controller; returns bytes written. */
static __always_inline __u16 ev__push_cgroup(struct scratch *s, struct task_struct *t, int id) {
	const char *name = BPF_CORE_READ(t, cgroups, subsys[id], ss, name);
	if(!name)
		return 0;
	__u16 total = ev__push_str(s, (unsigned long)name, 32, KERNEL_MEM);
	if(!total)
		return 0;
	s->data[SAFE_OFF(s->pos - 1)] = '='; /* replace the NUL after the name */

	struct kernfs_node *kn = BPF_CORE_READ(t, cgroups, subsys[id], cgroup, kn);
	unsigned long parts[MAX_CGROUP_DEPTH] = {};
	int n = 0;
	for(int i = 0; i < MAX_CGROUP_DEPTH; i++) {
		if(!kn)
			break;
		struct kernfs_node *up = kn__parent(kn);
		if(!up)
			break; /* the root node: its name is empty */
		parts[n & (MAX_CGROUP_DEPTH - 1)] = (unsigned long)BPF_CORE_READ(kn, name);
		n++;
		kn = up;
	}
	if(n == 0) {
		ev__push_u8(s, '/');
		ev__push_u8(s, 0);
		return total + 2;
	}
	for(int i = MAX_CGROUP_DEPTH - 1; i >= 0; i--) {
		if(i >= n)
			continue;
		ev__push_u8(s, '/');
		__u16 w = ev__push_str(s, parts[i], 256, KERNEL_MEM);
		if(!w)
			break;
		s->pos--;
		total += w;
	}
	ev__push_u8(s, 0);
	return total + 1;
}

static __always_inline void ev__cgroups(struct scratch *s, struct task_struct *t) {
	__u16 total = 0;
	if(bpf_core_enum_value_exists(enum cgroup_subsys_id, cpuset_cgrp_id))
		total += ev__push_cgroup(s, t, bpf_core_enum_value(enum cgroup_subsys_id, cpuset_cgrp_id));
	if(bpf_core_enum_value_exists(enum cgroup_subsys_id, cpu_cgrp_id))
		total += ev__push_cgroup(s, t, bpf_core_enum_value(enum cgroup_subsys_id, cpu_cgrp_id));
	if(bpf_core_enum_value_exists(enum cgroup_subsys_id, cpuacct_cgrp_id))
		total += ev__push_cgroup(s, t, bpf_core_enum_value(enum cgroup_subsys_id, cpuacct_cgrp_id));
	if(bpf_core_enum_value_exists(enum cgroup_subsys_id, io_cgrp_id))
		total += ev__push_cgroup(s, t, bpf_core_enum_value(enum cgroup_subsys_id, io_cgrp_id));
	if(bpf_core_enum_value_exists(enum cgroup_subsys_id, memory_cgrp_id))
		total += ev__push_cgroup(s, t, bpf_core_enum_value(enum cgroup_subsys_id, memory_cgrp_id));
	ev__len(s, total);
}
