/* The workloads of the live capture tests (issue 5): a file written and read
 * back, a failed open, TCP on loopback, a UDP datagram, a pipe, and an
 * execve with arguments and environment. The host finds their events by the
 * facts printed here. */
#define _GNU_SOURCE
#include "vmtest.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define FACT(fmt, ...) printf("FACT " fmt "\n", __VA_ARGS__)
#define CHECK(cond, what)                                               \
	do {                                                            \
		if (!(cond)) {                                          \
			printf("WORKLOAD-FAIL %s: %s\n", what, strerror(errno)); \
			return -1;                                      \
		}                                                       \
	} while (0)

static int file_workload(const char *dir)
{
	char path[256], missing[256], buf[100];
	const char *payload = "hello from sinspect vm test";
	int fdw, fdr, r;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/data.txt", dir);
	snprintf(missing, sizeof(missing), "%s/no/such/file", dir);
	fdw = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	CHECK(fdw >= 0, "open for writing");
	n = write(fdw, payload, strlen(payload));
	CHECK(n == (ssize_t)strlen(payload), "write");
	close(fdw);
	fdr = open(path, O_RDONLY);
	CHECK(fdr >= 0, "open for reading");
	n = read(fdr, buf, sizeof(buf));
	CHECK(n == (ssize_t)strlen(payload), "read");
	close(fdr);
	r = open(missing, O_RDONLY);
	CHECK(r < 0 && errno == ENOENT, "failed open");
	FACT("file.path=%s", path);
	FACT("file.missing=%s", missing);
	FACT("file.fdw=%d", fdw);
	FACT("file.fdr=%d", fdr);
	FACT("file.payload=%s", payload);
	return 0;
}

static int tcp_workload(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t alen = sizeof(a);
	char buf[100];
	int srv, cli, conn;

	srv = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(srv >= 0, "tcp socket");
	CHECK(bind(srv, (struct sockaddr *)&a, sizeof(a)) == 0, "bind");
	CHECK(listen(srv, 4) == 0, "listen");
	CHECK(getsockname(srv, (struct sockaddr *)&a, &alen) == 0, "getsockname");
	cli = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(cli >= 0, "tcp client socket");
	CHECK(connect(cli, (struct sockaddr *)&a, sizeof(a)) == 0, "connect");
	conn = accept(srv, NULL, NULL);
	CHECK(conn >= 0, "accept");
	CHECK(sendto(cli, "ping-sinspect", 13, 0, NULL, 0) == 13, "send");
	CHECK(recvfrom(conn, buf, sizeof(buf), 0, NULL, NULL) == 13, "recv");
	CHECK(write(conn, "pong", 4) == 4, "write pong");
	CHECK(read(cli, buf, sizeof(buf)) == 4, "read pong");
	CHECK(shutdown(cli, SHUT_WR) == 0, "shutdown");
	FACT("tcp.port=%d", ntohs(a.sin_port));
	FACT("tcp.srv=%d", srv);
	FACT("tcp.cli=%d", cli);
	FACT("tcp.conn=%d", conn);
	close(conn);
	close(cli);
	close(srv);
	return 0;
}

static int udp_workload(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t alen = sizeof(a);
	char buf[100];
	int rx, tx;

	rx = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(rx >= 0, "udp socket");
	CHECK(bind(rx, (struct sockaddr *)&a, sizeof(a)) == 0, "udp bind");
	CHECK(getsockname(rx, (struct sockaddr *)&a, &alen) == 0, "udp getsockname");
	tx = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(tx >= 0, "udp tx socket");
	CHECK(sendto(tx, "udp-sinspect", 12, 0, (struct sockaddr *)&a, sizeof(a)) == 12, "udp sendto");
	CHECK(recvfrom(rx, buf, sizeof(buf), 0, NULL, NULL) == 12, "udp recvfrom");
	FACT("udp.port=%d", ntohs(a.sin_port));
	FACT("udp.tx=%d", tx);
	FACT("udp.rx=%d", rx);
	close(tx);
	close(rx);
	return 0;
}

static int pipe_workload(void)
{
	int p[2];
	char buf[16];

	CHECK(pipe(p) == 0, "pipe");
	CHECK(write(p[1], "through-pipe", 12) == 12, "pipe write");
	CHECK(read(p[0], buf, sizeof(buf)) == 12, "pipe read");
	FACT("pipe.rd=%d", p[0]);
	FACT("pipe.wr=%d", p[1]);
	close(p[0]);
	close(p[1]);
	return 0;
}

static int exec_workload(void)
{
	char *const argv[] = {"/bin/sh", "-c", "exit 7", "sinspect-arg0", "second arg", NULL};
	char *const envp[] = {"SINSPECT_MARKER=vm-test", "PATH=/bin", NULL};
	int status = 0;
	pid_t pid = fork();

	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		if (chdir("/tmp") != 0)
			_exit(100);
		execve(argv[0], argv, envp);
		_exit(101);
	}
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "child exit status");
	FACT("exec.pid=%d", (int)pid);
	return 0;
}

int run_workloads(const char *tmpdir)
{
	FACT("self.pid=%d", (int)getpid());
	if (file_workload(tmpdir) || tcp_workload() || udp_workload() || pipe_workload() || exec_workload())
		return -1;
	run_misc_workloads(tmpdir);
	fflush(stdout);
	return 0;
}
