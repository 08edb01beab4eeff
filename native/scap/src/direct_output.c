/* See direct_output.h. */
#define _GNU_SOURCE
#include "direct_output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Chunks written at once; a multiple of every logical block size (<= 4 KiB). */
#define STAGE_BYTES (4u << 20)
#define ALIGN 4096u

int dout_open(struct direct_output *o, const char *path) {
	memset(o, 0, sizeof(*o));
	o->fd = -1;
	if(posix_memalign((void **)&o->stage, ALIGN, STAGE_BYTES) != 0) {
		o->stage = NULL;
		errno = ENOMEM;
		return -1;
	}
	o->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_DIRECT, 0644);
	o->direct = o->fd >= 0;
	if(o->fd < 0 && errno == EINVAL) /* no O_DIRECT on this filesystem */
		o->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if(o->fd < 0) {
		int e = errno;
		free(o->stage);
		o->stage = NULL;
		errno = e;
		return -1;
	}
	return 0;
}

/* Turns O_DIRECT off: the rest of the file goes through the page cache. */
static int go_buffered(struct direct_output *o) {
	int fl = fcntl(o->fd, F_GETFL);
	if(fl < 0 || fcntl(o->fd, F_SETFL, fl & ~O_DIRECT) < 0)
		return -1;
	o->direct = 0;
	return 0;
}

static int write_all(struct direct_output *o, const uint8_t *p, size_t n) {
	while(n > 0) {
		ssize_t w = write(o->fd, p, n);
		if(w < 0) {
			if(errno == EINTR)
				continue;
			/* the filesystem wants another alignment: write it the ordinary way */
			if(errno == EINVAL && o->direct && go_buffered(o) == 0)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
		o->written += (uint64_t)w;
	}
	return 0;
}

/* Writes the whole aligned chunks staged; the rest (under ALIGN bytes) moves to the front. */
static int flush_aligned(struct direct_output *o) {
	size_t whole = o->staged & ~(size_t)(ALIGN - 1);
	if(whole == 0)
		return 0;
	if(write_all(o, o->stage, whole) != 0)
		return -1;
	memmove(o->stage, o->stage + whole, o->staged - whole);
	o->staged -= whole;
	return 0;
}

uint8_t *dout_space(struct direct_output *o, size_t want, size_t *room) {
	if(want > STAGE_BYTES - ALIGN)
		want = STAGE_BYTES - ALIGN;
	if(STAGE_BYTES - o->staged < want && flush_aligned(o) != 0)
		return NULL;
	*room = STAGE_BYTES - o->staged;
	return o->stage + o->staged;
}

void dout_commit(struct direct_output *o, size_t n) {
	o->staged += n;
}

int dout_write(struct direct_output *o, const uint8_t *p, size_t n) {
	while(n > 0) {
		size_t room = 0;
		uint8_t *at = dout_space(o, n, &room);
		if(!at)
			return -1;
		size_t take = n < room ? n : room;
		memcpy(at, p, take);
		dout_commit(o, take);
		p += take;
		n -= take;
	}
	return 0;
}

uint64_t dout_size(const struct direct_output *o) {
	return o->written + o->staged;
}

int dout_close(struct direct_output *o) {
	int rc = 0;
	if(o->fd >= 0 && o->staged > 0) {
		size_t aligned = o->direct ? o->staged & ~(size_t)(ALIGN - 1) : 0;
		if(aligned > 0 && write_all(o, o->stage, aligned) != 0)
			rc = -1;
		/* the tail is not a whole block: O_DIRECT cannot write it */
		if(rc == 0 && o->direct && go_buffered(o) != 0)
			rc = -1;
		if(rc == 0 && write_all(o, o->stage + aligned, o->staged - aligned) != 0)
			rc = -1;
	}
	int e = errno;
	if(o->fd >= 0 && close(o->fd) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	free(o->stage);
	o->stage = NULL;
	o->fd = -1;
	errno = e;
	return rc;
}
