/* A pass over many more syscalls, through syscall(2) so that libc does not
 * pick other ones: every family of the module's fillers produces events the
 * host then reads with sysdig and sinspect. Failures are expected for some
 * (bad arguments on purpose); only the events matter. */
#define _GNU_SOURCE
#include "vmtest.h"

#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#define FACT(fmt, ...) printf("FACT " fmt "\n", __VA_ARGS__)

static void files(const char *dir)
{
	char a[256], b[256], d[256], l[256], buf[512], v1[4] = "vec-", v2[3] = "tor";
	struct iovec iov[2] = {{v1, 4}, {v2, 3}};
	int fd, fd2, dfd;

	snprintf(a, sizeof(a), "%s/misc-a", dir);
	snprintf(b, sizeof(b), "%s/misc-b", dir);
	snprintf(d, sizeof(d), "%s/misc-dir", dir);
	snprintf(l, sizeof(l), "%s/misc-link", dir);
	fd = (int)syscall(SYS_open, a, O_RDWR | O_CREAT, 0600);
	syscall(SYS_pwrite64, fd, "positional", 10, 100);
	syscall(SYS_pread64, fd, buf, 10, 100);
	syscall(SYS_writev, fd, iov, 2);
	syscall(SYS_lseek, fd, 0, SEEK_SET);
	syscall(SYS_readv, fd, iov, 2);
	syscall(SYS_pwritev, fd, iov, 2, 0);
	syscall(SYS_preadv, fd, iov, 2, 0);
	fd2 = (int)syscall(SYS_dup2, fd, 42);
	syscall(SYS_dup3, fd, 43, O_CLOEXEC);
	syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 50);
	syscall(SYS_flock, fd, LOCK_EX | LOCK_NB);
	syscall(SYS_fstat, fd, buf);
	syscall(SYS_stat, a, buf);
	syscall(SYS_access, a, R_OK | W_OK);
	syscall(SYS_fchmod, fd, 0640);
	syscall(SYS_chmod, a, 0604);
	syscall(SYS_ioctl, fd, 0x541B /* FIONREAD */, buf);
	syscall(SYS_close, fd2);
	syscall(SYS_close, 43);
	syscall(SYS_rename, a, b);
	syscall(SYS_link, b, a);
	syscall(SYS_symlink, b, l);
	syscall(SYS_unlink, l);
	syscall(SYS_mkdir, d, 0750);
	dfd = (int)syscall(SYS_open, d, O_RDONLY | O_DIRECTORY);
	syscall(SYS_getdents64, dfd, buf, sizeof(buf));
	syscall(SYS_mkdirat, dfd, "sub", 0700);
	syscall(SYS_symlinkat, "target", dfd, "sym");
	syscall(SYS_linkat, AT_FDCWD, a, dfd, "hard", 0);
	syscall(SYS_renameat, dfd, "hard", dfd, "hard2");
	syscall(SYS_renameat2, dfd, "hard2", dfd, "hard3", 1 /* RENAME_NOREPLACE */);
	syscall(SYS_fchmodat, dfd, "hard3", 0600, 0);
	syscall(SYS_unlinkat, dfd, "hard3", 0);
	syscall(SYS_unlinkat, dfd, "sym", 0);
	syscall(SYS_unlinkat, dfd, "sub", AT_REMOVEDIR);
	syscall(SYS_fchdir, dfd);
	syscall(SYS_getcwd, buf, sizeof(buf));
	syscall(SYS_chdir, "/");
	syscall(SYS_close, dfd);
	syscall(SYS_rmdir, d);
	syscall(SYS_creat, d, 0644);
	syscall(SYS_unlink, d);
	syscall(SYS_chroot, "/");
	syscall(SYS_mount, "none", "/nonexistent", "tmpfs", MS_RDONLY | MS_NOSUID, NULL);
	syscall(SYS_umount2, "/nonexistent", MNT_DETACH);
	FACT("misc.dup2=%d", fd2);
	FACT("misc.a=%s", a);
	FACT("misc.b=%s", b);
	FACT("misc.dir=%s", d);
	syscall(SYS_unlink, a);
	syscall(SYS_unlink, b);
	syscall(SYS_close, fd);
	syscall(SYS_close, 50);
}

static void fds_and_io(void)
{
	int p[2], sv[2], ep, efd;
	char buf[64];
	struct pollfd pfd;
	struct iovec iov = {"msg-vec", 7};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	struct timespec ts = {0, 1000};
	struct epoll_event ev = {.events = EPOLLIN};

	syscall(SYS_pipe2, p, O_CLOEXEC);
	syscall(SYS_write, p[1], "x", 1);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	syscall(SYS_poll, &pfd, 1, 10);
	syscall(SYS_ppoll, &pfd, 1, &ts, NULL, 8);
	ep = (int)syscall(SYS_epoll_create1, 0);
	ev.data.fd = p[0];
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], &ev);
	syscall(SYS_epoll_wait, ep, &ev, 1, 0);
	syscall(SYS_splice, p[0], NULL, p[1], NULL, 1, 0);
	efd = (int)syscall(SYS_eventfd2, 5, O_NONBLOCK);
	syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv);
	syscall(SYS_sendmsg, sv[0], &mh, 0);
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	syscall(SYS_recvmsg, sv[1], &mh, 0);
	{
		int one = 1, got = 0;
		socklen_t len = sizeof(got);
		syscall(SYS_setsockopt, sv[0], SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
		syscall(SYS_getsockopt, sv[0], SOL_SOCKET, SO_KEEPALIVE, &got, &len);
	}
	syscall(SYS_inotify_init1, 0);
	syscall(SYS_timerfd_create, 1 /* CLOCK_MONOTONIC */, 0);
	{
		unsigned long mask = 1ul << (SIGUSR1 - 1);
		syscall(SYS_signalfd4, -1, &mask, 8, 0);
	}
	FACT("misc.eventfd=%d", efd);
	FACT("misc.sv0=%d", sv[0]);
	syscall(SYS_close, p[0]);
	syscall(SYS_close, p[1]);
	syscall(SYS_close, sv[0]);
	syscall(SYS_close, sv[1]);
	syscall(SYS_close, ep);
	syscall(SYS_close, efd);
}

static void unix_socket(const char *dir)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	int s, c, conn;

	snprintf(a.sun_path, sizeof(a.sun_path), "%s/misc.sock", dir);
	s = (int)syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
	syscall(SYS_bind, s, &a, sizeof(a));
	syscall(SYS_listen, s, 2);
	c = (int)syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
	syscall(SYS_connect, c, &a, sizeof(a));
	conn = (int)syscall(SYS_accept4, s, NULL, NULL, SOCK_CLOEXEC);
	syscall(SYS_sendto, c, "unix-data", 9, 0, NULL, 0);
	syscall(SYS_recvfrom, conn, a.sun_path + 80, 9, 0, NULL, NULL);
	FACT("misc.sock=%s/misc.sock", dir);
	syscall(SYS_close, conn);
	syscall(SYS_close, c);
	syscall(SYS_close, s);
	syscall(SYS_unlink, a.sun_path);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void memory_ids_signals(void)
{
	struct rlimit rl;
	struct timespec ts = {0, 1000};
	struct sembuf op = {0, 1, 0};
	unsigned int r, e, s;
	void *m;
	int futex_word = 0, sem;

	m = (void *)syscall(SYS_mmap, NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	syscall(SYS_mprotect, m, 4096, PROT_READ);
	syscall(SYS_munmap, m, 8192);
	syscall(SYS_brk, 0);
	syscall(SYS_getuid);
	syscall(SYS_geteuid);
	syscall(SYS_getgid);
	syscall(SYS_getegid);
	syscall(SYS_getresuid, &r, &e, &s);
	syscall(SYS_getresgid, &r, &e, &s);
	syscall(SYS_setuid, 0);
	syscall(SYS_setgid, 0);
	syscall(SYS_setresuid, -1, -1, -1);
	syscall(SYS_setresgid, -1, -1, -1);
	syscall(SYS_getrlimit, RLIMIT_NOFILE, &rl);
	syscall(SYS_setrlimit, RLIMIT_NOFILE, &rl);
	syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl);
	signal(SIGUSR1, on_usr1);
	syscall(SYS_kill, getpid(), SIGUSR1); /* delivered: a signaldeliver event */
	syscall(SYS_kill, getpid(), 0);
	syscall(SYS_tkill, (pid_t)syscall(SYS_gettid), 0);
	syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), 0);
	syscall(SYS_nanosleep, &ts, NULL);
	syscall(SYS_futex, &futex_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	syscall(SYS_setpgid, 0, 0);
	syscall(SYS_setsid);
	syscall(SYS_unshare, 0);
	syscall(SYS_setns, -1, 0);
	syscall(SYS_seccomp, 99, 0, NULL);
	syscall(SYS_ptrace, 0x4206 /* PTRACE_SEIZE */, 999999, 0, 0); /* no such process */
	syscall(SYS_bpf, 999, NULL, 0);
	syscall(SYS_quotactl, 0x800007 << 8, "/nonexistent", 0, NULL);
	sem = (int)syscall(SYS_semget, 0 /* IPC_PRIVATE */, 1, 0600 | 01000);
	syscall(SYS_semop, sem, &op, 1);
	syscall(SYS_semctl, sem, 0, 0 /* IPC_RMID */, 0);
	syscall(SYS_getpid);
	syscall(SYS_umask, 022);
	syscall(SYS_execveat, AT_FDCWD, "/nonexistent", NULL, NULL, 0);
	FACT("misc.sem=%d", sem);
}

int run_misc_workloads(const char *tmpdir)
{
	files(tmpdir);
	fds_and_io();
	unix_socket(tmpdir);
	memory_ids_signals();
	fflush(stdout);
	return 0;
}
