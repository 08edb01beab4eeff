/* The user-space struct msghdr (and struct mmsghdr, which appends the byte
 * count the kernel stored), x86_64 layout. */
#pragma once

#include "base.h"

struct msghdr_user {
	unsigned long name;
	int namelen;
	unsigned long iov;
	unsigned long iovlen;
	unsigned long control;
	unsigned long controllen;
	unsigned int flags;
};

struct mmsghdr_user {
	struct msghdr_user hdr;
	unsigned int len;
};
