#include "filter.h"

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "sinspect_kmod_abi.h"

/* A comm as two words: NUL-padded after its end, so that an exact match of
 * the names is an equality of the words. */
struct comm_key {
	u64 w[2];
};

/* Both sets sorted, searched by bisection (at most 10 steps for pids, 8 for
 * comms): no allocation and no hashing on the probe path. */
struct task_filter {
	u32 flags; /* SINSPECT_KMOD_FILTER_* */
	u32 npids;
	u32 ncomms;
	u32 pids[SINSPECT_KMOD_FILTER_MAX_PIDS];
	struct comm_key comms[SINSPECT_KMOD_FILTER_MAX_COMMS];
};

struct task_filter __rcu *g_task_filter;

#define PID_MODES (SINSPECT_KMOD_FILTER_PID_INCLUDE | SINSPECT_KMOD_FILTER_PID_EXCLUDE)
#define COMM_MODES (SINSPECT_KMOD_FILTER_COMM_INCLUDE | SINSPECT_KMOD_FILTER_COMM_EXCLUDE)

static int comm_cmp(const struct comm_key *a, const struct comm_key *b)
{
	if (a->w[0] != b->w[0])
		return a->w[0] < b->w[0] ? -1 : 1;
	if (a->w[1] != b->w[1])
		return a->w[1] < b->w[1] ? -1 : 1;
	return 0;
}

static int comm_sort_cmp(const void *a, const void *b)
{
	return comm_cmp(a, b);
}

static int pid_sort_cmp(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

/* The first SINSPECT_KMOD_COMM_LEN - 1 bytes of name up to its NUL, the rest
 * zero: the key of a task's comm and of a comm userspace asks for are made
 * the same way (the eBPF probe's comm_filter keys are too). */
static void comm_key_from(struct comm_key *k, const char *name, size_t max)
{
	char *out = (char *)k->w;
	bool ended = false;
	size_t i;

	BUILD_BUG_ON(sizeof(*k) != SINSPECT_KMOD_COMM_LEN);
	for (i = 0; i < SINSPECT_KMOD_COMM_LEN - 1; i++) {
		/* a task may be renamed meanwhile: one read per byte */
		char c = ended || i >= max ? 0 : READ_ONCE(name[i]);

		if (c == 0)
			ended = true;
		out[i] = c;
	}
	out[SINSPECT_KMOD_COMM_LEN - 1] = 0;
}

static bool pid_in(const struct task_filter *f, u32 tgid)
{
	u32 lo = 0, hi = f->npids;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (f->pids[mid] == tgid)
			return true;
		if (f->pids[mid] < tgid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static bool comm_in(const struct task_filter *f, const struct comm_key *k)
{
	u32 lo = 0, hi = f->ncomms;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		int c = comm_cmp(&f->comms[mid], k);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* The order of the probe's filter__drop_task: the pid test, then the comm test. */
static bool rejects(const struct task_filter *f, struct task_struct *t)
{
	if (f->flags & PID_MODES) {
		bool in = pid_in(f, (u32)t->tgid);

		if ((f->flags & SINSPECT_KMOD_FILTER_PID_INCLUDE) ? !in : in)
			return true;
	}
	if (f->flags & COMM_MODES) {
		struct comm_key k;
		bool in;

		BUILD_BUG_ON(TASK_COMM_LEN < SINSPECT_KMOD_COMM_LEN);
		comm_key_from(&k, t->comm, TASK_COMM_LEN);
		in = comm_in(f, &k);
		if ((f->flags & SINSPECT_KMOD_FILTER_COMM_INCLUDE) ? !in : in)
			return true;
	}
	return false;
}

bool filter_rejects_slow(struct task_struct *t)
{
	const struct task_filter *f;
	bool out = false;

	rcu_read_lock();
	f = rcu_dereference(g_task_filter);
	if (f)
		out = rejects(f, t);
	rcu_read_unlock();
	return out;
}

static int read_pids(struct task_filter *f, const struct sinspect_kmod_filter *req)
{
	if (req->npids > SINSPECT_KMOD_FILTER_MAX_PIDS)
		return -E2BIG;
	if (copy_from_user(f->pids, u64_to_user_ptr(req->pids), req->npids * sizeof(u32)))
		return -EFAULT;
	f->npids = req->npids;
	sort(f->pids, f->npids, sizeof(u32), pid_sort_cmp, NULL);
	return 0;
}

static int read_comms(struct task_filter *f, const struct sinspect_kmod_filter *req)
{
	const char __user *src = u64_to_user_ptr(req->comms);
	char name[SINSPECT_KMOD_COMM_LEN];
	u32 i;

	if (req->ncomms > SINSPECT_KMOD_FILTER_MAX_COMMS)
		return -E2BIG;
	for (i = 0; i < req->ncomms; i++) {
		if (copy_from_user(name, src + (size_t)i * SINSPECT_KMOD_COMM_LEN, sizeof(name)))
			return -EFAULT;
		comm_key_from(&f->comms[i], name, sizeof(name));
	}
	f->ncomms = req->ncomms;
	sort(f->comms, f->ncomms, sizeof(struct comm_key), comm_sort_cmp, NULL);
	return 0;
}

/* Publishes f (NULL: no filter) and frees the filter it replaces once no
 * probe can hold it any more. */
static void publish(struct task_filter *f)
{
	struct task_filter *old = rcu_dereference_protected(g_task_filter, 1);

	rcu_assign_pointer(g_task_filter, f);
	if (old) {
		synchronize_rcu();
		kvfree(old);
	}
}

long filter_set(const void __user *arg)
{
	struct sinspect_kmod_filter req;
	struct task_filter *f;
	int err = 0;

	if (copy_from_user(&req, arg, sizeof(req)))
		return -EFAULT;
	if ((req.flags & ~SINSPECT_KMOD_FILTER_ALL) || req.reserved || (req.flags & PID_MODES) == PID_MODES ||
	    (req.flags & COMM_MODES) == COMM_MODES)
		return -EINVAL;
	if (!req.flags) {
		publish(NULL);
		return 0;
	}
	f = kvzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	f->flags = req.flags;
	if (req.flags & PID_MODES)
		err = read_pids(f, &req);
	if (!err && (req.flags & COMM_MODES))
		err = read_comms(f, &req);
	if (err) {
		kvfree(f);
		return err;
	}
	publish(f);
	return 0;
}

void filter_clear(void)
{
	publish(NULL);
}
