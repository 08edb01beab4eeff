#include "common.h"

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <linux/un.h>
#include <net/af_unix.h>
#include <net/inet_sock.h>
#include <net/ipv6.h>
#include <net/sock.h>

/* One end of a connection, normalised. */
struct endpoint {
	u8 family;      /* AF_INET or AF_INET6 */
	u8 addr[16];    /* network order; IPv4 in the first 4 bytes */
	u16 port;       /* host order */
};

static void push_endpoint(struct evt *e, const struct endpoint *ep)
{
	evt_push(e, ep->addr, ep->family == AF_INET ? 4 : 16);
	evt_push(e, &ep->port, 2);
}

/* Reads a user sockaddr into an endpoint (INET/INET6 only). */
static bool user_endpoint(unsigned long uaddr, long ulen, struct endpoint *ep)
{
	struct sockaddr_storage ss;
	long n = min_t(long, ulen, (long)sizeof(ss));

	if (!uaddr || n < (long)sizeof(sa_family_t))
		return false;
	if (copy_from_user_nofault(&ss, (const void __user *)uaddr, n))
		return false;
	memset(ep, 0, sizeof(*ep));
	if (ss.ss_family == AF_INET && n >= (long)sizeof(struct sockaddr_in)) {
		struct sockaddr_in *in = (struct sockaddr_in *)&ss;

		ep->family = AF_INET;
		memcpy(ep->addr, &in->sin_addr.s_addr, 4);
		ep->port = ntohs(in->sin_port);
		return true;
	}
	if (ss.ss_family == AF_INET6 && n >= (long)sizeof(struct sockaddr_in6)) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

		ep->family = AF_INET6;
		memcpy(ep->addr, &in6->sin6_addr, 16);
		ep->port = ntohs(in6->sin6_port);
		return true;
	}
	return false;
}

void p_sockaddr_user(struct evt *e, unsigned long uaddr, long ulen)
{
	struct sockaddr_storage ss;
	long n = min_t(long, ulen, (long)sizeof(ss));
	u8 fam;

	evt_open(e);
	if (!uaddr || n < (long)sizeof(sa_family_t) ||
	    copy_from_user_nofault(&ss, (const void __user *)uaddr, n)) {
		evt_close(e);
		return;
	}
	fam = (u8)ss.ss_family;
	if (fam == AF_INET || fam == AF_INET6) {
		struct endpoint ep;

		if (user_endpoint(uaddr, ulen, &ep)) {
			evt_push(e, &fam, 1);
			push_endpoint(e, &ep);
		}
	} else if (fam == AF_UNIX) {
		struct sockaddr_un *un = (struct sockaddr_un *)&ss;
		long plen = n - (long)offsetof(struct sockaddr_un, sun_path);
		char path[UNIX_PATH_MAX + 1];

		plen = clamp_t(long, plen, 0, UNIX_PATH_MAX);
		memcpy(path, un->sun_path, plen);
		path[plen] = 0;
		/* abstract names start with a NUL: show them with '@' like sysdig */
		if (plen > 0 && path[0] == 0)
			path[0] = '@';
		evt_push(e, &fam, 1);
		evt_push(e, path, strnlen(path, UNIX_PATH_MAX) + 1);
	} else {
		evt_push(e, &fam, 1);
	}
	evt_close(e);
}

/* The local and remote endpoints of an inet socket. */
static bool sock_endpoints(struct sock *sk, struct endpoint *local, struct endpoint *remote)
{
	struct inet_sock *inet = inet_sk(sk);

	memset(local, 0, sizeof(*local));
	memset(remote, 0, sizeof(*remote));
	if (sk->sk_family == AF_INET) {
		local->family = remote->family = AF_INET;
		memcpy(local->addr, &inet->inet_saddr, 4);
		if (!inet->inet_saddr)
			memcpy(local->addr, &inet->inet_rcv_saddr, 4);
		memcpy(remote->addr, &inet->inet_daddr, 4);
	}
#if IS_ENABLED(CONFIG_IPV6)
	else if (sk->sk_family == AF_INET6) {
		local->family = remote->family = AF_INET6;
		memcpy(local->addr, &sk->sk_v6_rcv_saddr, 16);
		memcpy(remote->addr, &sk->sk_v6_daddr, 16);
	}
#endif
	else
		return false;
	local->port = ntohs(inet->inet_sport);
	remote->port = ntohs(inet->inet_dport);
	return true;
}

/* IPv4 peers of an IPv6 socket (::ffff:a.b.c.d) are reported as IPv4. */
static void unmap_v4(struct endpoint *a, struct endpoint *b)
{
	static const u8 prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	static const u8 zero[16];

	if (a->family != AF_INET6 || b->family != AF_INET6)
		return;
	if ((memcmp(a->addr, prefix, 12) && memcmp(a->addr, zero, 16)) ||
	    (memcmp(b->addr, prefix, 12) && memcmp(b->addr, zero, 16)))
		return;
	if (!memcmp(a->addr, zero, 16) && !memcmp(b->addr, zero, 16))
		return;
	memmove(a->addr, a->addr + 12, 4);
	memmove(b->addr, b->addr + 12, 4);
	a->family = b->family = AF_INET;
}

static void push_unix_tuple(struct evt *e, struct sock *sk, unsigned long uaddr, long ulen)
{
	struct unix_sock *us = unix_sk(sk);
	struct sock *peer = READ_ONCE(us->peer);
	struct unix_address *addr = peer ? READ_ONCE(unix_sk(peer)->addr) : READ_ONCE(us->addr);
	u64 src = (u64)(unsigned long)sk, dst = (u64)(unsigned long)peer;
	u8 fam = AF_UNIX;
	char path[UNIX_PATH_MAX + 1];
	long plen = 0;

	path[0] = 0;
	if (addr && addr->len > (int)offsetof(struct sockaddr_un, sun_path)) {
		plen = min_t(long, addr->len - offsetof(struct sockaddr_un, sun_path), UNIX_PATH_MAX);
		memcpy(path, addr->name->sun_path, plen);
	} else if (uaddr && ulen > (long)offsetof(struct sockaddr_un, sun_path)) {
		plen = min_t(long, ulen - offsetof(struct sockaddr_un, sun_path), UNIX_PATH_MAX);
		if (copy_from_user_nofault(path, (const void __user *)(uaddr + offsetof(struct sockaddr_un, sun_path)),
					   plen))
			plen = 0;
	}
	path[plen] = 0;
	if (plen > 0 && path[0] == 0)
		path[0] = '@';
	evt_push(e, &fam, 1);
	evt_push(e, &src, 8);
	evt_push(e, &dst, 8);
	evt_push(e, path, strnlen(path, UNIX_PATH_MAX) + 1);
}

void p_socktuple(struct evt *e, int fd, unsigned long uaddr, long ulen, bool inbound)
{
	struct socket *sock;
	struct endpoint local, remote, given;
	int err;
	u8 fam;

	evt_open(e);
	sock = fd >= 0 ? sockfd_lookup(fd, &err) : NULL;
	if (!sock) {
		evt_close(e);
		return;
	}
	if (!sock->sk)
		goto out;
	if (sock->sk->sk_family == AF_UNIX) {
		push_unix_tuple(e, sock->sk, uaddr, ulen);
		goto out;
	}
	if (!sock_endpoints(sock->sk, &local, &remote))
		goto out;
	/* An unconnected socket (UDP sendto/recvfrom) names its peer in the call. */
	if (user_endpoint(uaddr, ulen, &given) && given.family == remote.family)
		remote = given;
	unmap_v4(&local, &remote);
	fam = local.family;
	evt_push(e, &fam, 1);
	if (inbound) {
		push_endpoint(e, &remote);
		push_endpoint(e, &local);
	} else {
		push_endpoint(e, &local);
		push_endpoint(e, &remote);
	}
out:
	sockfd_put(sock);
	evt_close(e);
}

void p_sockaddr_local(struct evt *e, int fd)
{
	struct socket *sock;
	struct endpoint local, remote;
	int err;
	u8 fam;

	evt_open(e);
	sock = fd >= 0 ? sockfd_lookup(fd, &err) : NULL;
	if (!sock) {
		evt_close(e);
		return;
	}
	if (sock->sk && sock_endpoints(sock->sk, &local, &remote)) {
		fam = local.family;
		evt_push(e, &fam, 1);
		push_endpoint(e, &local);
	} else if (sock->sk && sock->sk->sk_family == AF_UNIX) {
		struct unix_address *addr = READ_ONCE(unix_sk(sock->sk)->addr);

		fam = AF_UNIX;
		evt_push(e, &fam, 1);
		if (addr && addr->len > (int)offsetof(struct sockaddr_un, sun_path)) {
			char path[UNIX_PATH_MAX + 1];
			long plen = min_t(long, addr->len - offsetof(struct sockaddr_un, sun_path), UNIX_PATH_MAX);

			memcpy(path, addr->name->sun_path, plen);
			path[plen] = 0;
			if (plen > 0 && path[0] == 0)
				path[0] = '@';
			evt_push(e, path, strnlen(path, UNIX_PATH_MAX) + 1);
		} else {
			evt_push(e, "", 1);
		}
	}
	sockfd_put(sock);
	evt_close(e);
}

void socket_queue(int fd, u32 *len, u32 *max)
{
	struct socket *sock;
	int err;

	*len = *max = 0;
	sock = fd >= 0 ? sockfd_lookup(fd, &err) : NULL;
	if (!sock)
		return;
	if (sock->sk) {
		*len = READ_ONCE(sock->sk->sk_ack_backlog);
		*max = READ_ONCE(sock->sk->sk_max_ack_backlog);
	}
	sockfd_put(sock);
}

void socket_ids(int fd, u64 *self, u64 *peer)
{
	struct socket *sock;
	int err;

	*self = *peer = 0;
	sock = fd >= 0 ? sockfd_lookup(fd, &err) : NULL;
	if (!sock)
		return;
	if (sock->sk) {
		*self = (u64)(unsigned long)sock->sk;
		if (sock->sk->sk_family == AF_UNIX)
			*peer = (u64)(unsigned long)READ_ONCE(unix_sk(sock->sk)->peer);
	}
	sockfd_put(sock);
}
