#include "common.h"

#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include <linux/uio.h>

u32 fd_dev(int fd)
{
	struct file *f = fd >= 0 ? fget(fd) : NULL;
	u32 dev = 0;

	if (f) {
		struct inode *ino = file_inode(f);

		if (ino && ino->i_sb)
			dev = new_encode_dev(ino->i_sb->s_dev);
		fput(f);
	}
	return dev;
}

u64 fd_ino(int fd)
{
	struct file *f = fd >= 0 ? fget(fd) : NULL;
	u64 ino = 0;

	if (f) {
		if (file_inode(f))
			ino = file_inode(f)->i_ino;
		fput(f);
	}
	return ino;
}

int read_fd_pair(unsigned long uptr, int *a, int *b)
{
	int fds[2];

	*a = *b = -1;
	if (!uptr || copy_from_user_nofault(fds, (const void __user *)uptr, sizeof(fds)))
		return -EFAULT;
	*a = fds[0];
	*b = fds[1];
	return 0;
}

/* Entries kept in a PT_FDLIST (sysdig keeps the list short too). */
#define MAX_POLLFDS 16

void p_fdlist(struct evt *e, unsigned long ufds, unsigned long nfds, bool revents)
{
	struct pollfd pfd;
	u16 n = 0;
	unsigned long i;
	u32 count_at;

	evt_open(e);
	count_at = e->pos;
	evt_push(e, &n, 2);
	for (i = 0; ufds && i < nfds && n < MAX_POLLFDS; i++) {
		s64 fd;
		u16 ev;

		if (copy_from_user_nofault(&pfd, (const void __user *)(ufds + i * sizeof(pfd)), sizeof(pfd))) {
			evt_count_fault(e);
			break;
		}
		fd = pfd.fd;
		ev = poll_events_to_ppm(revents ? pfd.revents : pfd.events);
		evt_push(e, &fd, 8);
		evt_push(e, &ev, 2);
		n++;
	}
	memcpy(e->buf + count_at, &n, 2);
	evt_close(e);
}

void p_timespec(struct evt *e, unsigned long uts)
{
	struct __kernel_timespec ts;

	if (!uts || copy_from_user_nofault(&ts, (const void __user *)uts, sizeof(ts))) {
		evt_u64(e, 0);
		return;
	}
	evt_u64(e, (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec);
}

u64 iovec_total(struct evt *e, unsigned long uiov, unsigned long cnt)
{
	struct iovec v;
	u64 total = 0;
	unsigned long i;

	for (i = 0; uiov && i < cnt && i < MAX_IOVECS; i++) {
		if (copy_from_user_nofault(&v, (const void __user *)(uiov + i * sizeof(v)), sizeof(v))) {
			evt_count_fault(e);
			break;
		}
		total += v.iov_len;
	}
	return total;
}

void p_iovec_data(struct evt *e, unsigned long uiov, unsigned long cnt, long len)
{
	struct iovec v;
	u32 left = len > 0 ? (u32)min_t(long, len, e->snaplen) : 0;
	unsigned long i;

	evt_open(e);
	for (i = 0; uiov && i < cnt && i < MAX_IOVECS && left; i++) {
		u32 n;

		if (copy_from_user_nofault(&v, (const void __user *)(uiov + i * sizeof(v)), sizeof(v))) {
			evt_count_fault(e);
			break;
		}
		n = (u32)min_t(u64, v.iov_len, left);
		if (n && evt_push_user(e, (unsigned long)v.iov_base, n) != n)
			break;
		left -= n;
	}
	evt_close(e);
}
