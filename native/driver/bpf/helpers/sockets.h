/* Socket parameters: PT_SOCKADDR from a user sockaddr, PT_SOCKTUPLE from the
 * kernel socket behind an fd (local/remote addresses in the order sinsp wants). */
#pragma once

#include "files.h"

#define UNIX_PATH_MAX 108

static __always_inline __u16 bswap16(__u16 v) {
	return (v >> 8) | (v << 8);
}

/* Appends a unix socket path (abstract names start with NUL: skip it). */
static __always_inline __u16 ev__push_unix_path(struct scratch *s, const char *path,
                                                enum mem_space space) {
	char first = 0;
	if(space == USER_MEM)
		bpf_probe_read_user(&first, 1, path);
	else
		bpf_probe_read_kernel(&first, 1, path);
	if(first == 0)
		path++;
	__u16 n = ev__push_str(s, (unsigned long)path, UNIX_PATH_MAX, space);
	if(n == 0) {
		ev__push_u8(s, 0);
		n = 1;
	}
	return n;
}

/* PT_SOCKADDR from a user pointer of `len` bytes. */
static __always_inline void ev__user_sockaddr(struct scratch *s, unsigned long uaddr, long len) {
	if(!uaddr || len < 2) {
		ev__empty(s);
		return;
	}
	__u16 family = 0;
	bpf_probe_read_user(&family, sizeof(family), (void *)uaddr);
	switch(family) {
	case AF_INET: {
		struct sockaddr_in in = {};
		bpf_probe_read_user(&in, sizeof(in), (void *)uaddr);
		ev__push_u8(s, PPM_AF_INET);
		ev__push_u32(s, in.sin_addr.s_addr);
		ev__push_u16(s, bswap16(in.sin_port));
		ev__len(s, 1 + 4 + 2);
		return;
	}
	case AF_INET6: {
		struct sockaddr_in6 in6 = {};
		bpf_probe_read_user(&in6, sizeof(in6), (void *)uaddr);
		ev__push_u8(s, PPM_AF_INET6);
		ev__push_bytes16(s, &in6.sin6_addr);
		ev__push_u16(s, bswap16(in6.sin6_port));
		ev__len(s, 1 + 16 + 2);
		return;
	}
	case AF_UNIX: {
		ev__push_u8(s, PPM_AF_UNIX);
		__u16 n = ev__push_unix_path(s, (const char *)(uaddr + 2), USER_MEM);
		ev__len(s, 1 + n);
		return;
	}
	default:
		ev__empty(s);
	}
}

/* PT_SOCKTUPLE of the socket behind `fd`. OUTBOUND puts the local end first
 * (connect, send), INBOUND the remote end first (accept, recv). `uaddr` is the
 * user's destination, used when the socket is not connected (UDP sendto). */
static __always_inline void ev__socktuple(struct scratch *s, long fd, int dir, unsigned long uaddr) {
	struct socket *sock = file__socket(fd__file(task__current(), fd));
	struct sock *sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
	if(!sk) {
		ev__empty(s);
		return;
	}
	__u16 family = BPF_CORE_READ(sk, __sk_common.skc_family);
	switch(family) {
	case AF_INET: {
		struct inet_sock *inet = (struct inet_sock *)sk;
		__u32 laddr = BPF_CORE_READ(inet, inet_saddr);
		__u16 lport = bswap16(BPF_CORE_READ(inet, inet_sport));
		__u32 raddr = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		__u16 rport = bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
		if(rport == 0 && uaddr) {
			struct sockaddr_in in = {};
			bpf_probe_read_user(&in, sizeof(in), (void *)uaddr);
			if(in.sin_family == AF_INET) {
				raddr = in.sin_addr.s_addr;
				rport = bswap16(in.sin_port);
			}
		}
		ev__push_u8(s, PPM_AF_INET);
		if(dir == OUTBOUND) {
			ev__push_u32(s, laddr);
			ev__push_u16(s, lport);
			ev__push_u32(s, raddr);
			ev__push_u16(s, rport);
		} else {
			ev__push_u32(s, raddr);
			ev__push_u16(s, rport);
			ev__push_u32(s, laddr);
			ev__push_u16(s, lport);
		}
		ev__len(s, 1 + 4 + 2 + 4 + 2);
		return;
	}
	case AF_INET6: {
		struct in6_addr laddr = BPF_CORE_READ(sk, __sk_common.skc_v6_rcv_saddr);
		__u16 lport = bswap16(BPF_CORE_READ((struct inet_sock *)sk, inet_sport));
		struct in6_addr raddr = BPF_CORE_READ(sk, __sk_common.skc_v6_daddr);
		__u16 rport = bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
		if(rport == 0 && uaddr) {
			struct sockaddr_in6 in6 = {};
			bpf_probe_read_user(&in6, sizeof(in6), (void *)uaddr);
			if(in6.sin6_family == AF_INET6) {
				raddr = in6.sin6_addr;
				rport = bswap16(in6.sin6_port);
			}
		}
		ev__push_u8(s, PPM_AF_INET6);
		if(dir == OUTBOUND) {
			ev__push_bytes16(s, &laddr);
			ev__push_u16(s, lport);
			ev__push_bytes16(s, &raddr);
			ev__push_u16(s, rport);
		} else {
			ev__push_bytes16(s, &raddr);
			ev__push_u16(s, rport);
			ev__push_bytes16(s, &laddr);
			ev__push_u16(s, lport);
		}
		ev__len(s, 1 + 16 + 2 + 16 + 2);
		return;
	}
	case AF_UNIX: {
		struct unix_sock *local = (struct unix_sock *)sk;
		struct unix_sock *peer = (struct unix_sock *)BPF_CORE_READ(local, peer);
		ev__push_u8(s, PPM_AF_UNIX);
		/* kernel socket addresses: the peer first when sending, as sinsp expects */
		ev__push_u64(s, (__u64)(dir == OUTBOUND ? peer : local));
		ev__push_u64(s, (__u64)(dir == OUTBOUND ? local : peer));
		__u16 n;
		struct unix_address *ua = BPF_CORE_READ(dir == OUTBOUND && peer ? peer : local, addr);
		if(ua) {
			n = ev__push_unix_path(s, (const char *)&ua->name[0].sun_path, KERNEL_MEM);
		} else if(dir == OUTBOUND && uaddr) {
			n = ev__push_unix_path(s, (const char *)(uaddr + 2), USER_MEM);
		} else {
			ev__push_u8(s, 0);
			n = 1;
		}
		ev__len(s, 1 + 8 + 8 + n);
		return;
	}
	default:
		ev__empty(s);
	}
}
