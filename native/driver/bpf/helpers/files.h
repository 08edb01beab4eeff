/* File descriptors: fd -> struct file, and what sinsp wants to know about the
 * file (device, inode, whether it is a socket, its path). */
#pragma once

#include "task.h"
#include "flags.h"

#define S_IFMT 00170000
#define S_IFSOCK 0140000

static __always_inline struct file *fd__file(struct task_struct *t, long fd) {
	if(fd < 0)
		return NULL;
	struct file **fds = BPF_CORE_READ(t, files, fdt, fd);
	unsigned int max = BPF_CORE_READ(t, files, fdt, max_fds);
	if(!fds || (unsigned long)fd >= max)
		return NULL;
	struct file *f = NULL;
	bpf_core_read(&f, sizeof(f), &fds[fd]);
	return f;
}

static __always_inline __u32 file__dev(struct file *f) {
	if(!f)
		return 0;
	return encode_kdev(BPF_CORE_READ(f, f_inode, i_sb, s_dev));
}

static __always_inline __u64 file__ino(struct file *f) {
	if(!f)
		return 0;
	return BPF_CORE_READ(f, f_inode, i_ino);
}

static __always_inline struct socket *file__socket(struct file *f) {
	if(!f)
		return NULL;
	umode_t mode = BPF_CORE_READ(f, f_inode, i_mode);
	if((mode & S_IFMT) != S_IFSOCK)
		return NULL;
	return (struct socket *)BPF_CORE_READ(f, private_data);
}

#define MAX_PATH_COMPONENTS 32 /* power of two: indexes are masked with it */

/* The walk and the copy run under bpf_loop(): the verifier checks each
 * callback once instead of every unrolled iteration. */
struct path_walk {
	struct mount *mnt;
	struct dentry *d;
	unsigned long names[MAX_PATH_COMPONENTS];
	__u32 n;
};

/* One step up: record the dentry's name, or cross to the parent mount. */
static long path_walk_step(__u32 i, void *arg) {
	struct path_walk *w = arg;
	struct dentry *d = w->d;
	struct mount *mnt = w->mnt; /* a plain local: CO-RE must not relocate struct path_walk */
	if(!d || w->n >= MAX_PATH_COMPONENTS)
		return 1;
	struct dentry *mnt_root = BPF_CORE_READ(mnt, mnt.mnt_root);
	struct dentry *parent = BPF_CORE_READ(d, d_parent);
	if(d == mnt_root || d == parent) {
		struct mount *up = BPF_CORE_READ(mnt, mnt_parent);
		if(d != mnt_root || !up || up == mnt)
			return 1; /* the root of the root mount */
		w->d = BPF_CORE_READ(mnt, mnt_mountpoint);
		w->mnt = up;
		return 0;
	}
	w->names[w->n & (MAX_PATH_COMPONENTS - 1)] = (unsigned long)BPF_CORE_READ(d, d_name.name);
	w->n++;
	w->d = parent;
	return 0;
}

struct path_copy {
	struct scratch *s;
	struct path_walk *w;
	__u32 total;
};

/* Appends "/<component>" for components n-1 .. 0. */
static long path_copy_step(__u32 i, void *arg) {
	struct path_copy *c = arg;
	struct path_walk *w = c->w;
	if(i >= w->n)
		return 1;
	__u32 k = (w->n - 1 - i) & (MAX_PATH_COMPONENTS - 1);
	struct scratch *s = c->s;
	ev__push_u8(s, '/');
	__u16 n = ev__push_str(s, w->names[k], 256, KERNEL_MEM);
	if(!n) {
		s->pos--;
		return 1;
	}
	s->pos--; /* drop the NUL: the next component or the final NUL follows */
	c->total += n;
	return 0;
}

/* Appends the path of (mnt, dentry), walking dentries up to the root and
 * crossing mount points; paths deeper than MAX_PATH_COMPONENTS lose their
 * top. Closes the parameter. */
static __always_inline void ev__path(struct scratch *s, struct vfsmount *vmnt, struct dentry *d) {
	struct path_walk w = {};
	w.mnt = (struct mount *)((char *)vmnt - bpf_core_field_offset(struct mount, mnt));
	w.d = d;
	bpf_loop(MAX_PATH_COMPONENTS + 8, path_walk_step, &w, 0);
	if(w.n == 0) {
		ev__push_u8(s, '/');
		ev__push_u8(s, 0);
		ev__len(s, 2);
		return;
	}
	struct path_copy c = {.s = s, .w = &w, .total = 0};
	bpf_loop(MAX_PATH_COMPONENTS, path_copy_step, &c, 0);
	ev__push_u8(s, 0);
	ev__len(s, c.total + 1);
}

static __always_inline void ev__task_cwd(struct scratch *s, struct task_struct *t) {
	struct fs_struct *fs = BPF_CORE_READ(t, fs);
	if(!fs) {
		ev__empty(s);
		return;
	}
	ev__path(s, BPF_CORE_READ(fs, pwd.mnt), BPF_CORE_READ(fs, pwd.dentry));
}

#define FMODE_CREATED 0x100000

/* Open flags as sinsp wants them: PPM_O_* plus PPM_O_F_CREATED when this
 * open created the file. */
static __always_inline __u32 open_result_flags(__u32 flags, struct file *f) {
	__u32 r = open_flags_to_ppm(flags);
	if(f && (BPF_CORE_READ(f, f_mode) & FMODE_CREATED))
		r |= PPM_O_F_CREATED;
	return r;
}
