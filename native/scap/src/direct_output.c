/* See direct_output.h. */
#define _GNU_SOURCE
#include "direct_output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* One chunk; a multiple of every logical block size (<= 4 KiB). */
#define CHUNK_BYTES (4u << 20)
#define ALIGN 4096u
#define HUGE_ALIGN (2u << 20)

static void free_chunks(struct direct_output *o) {
	for(unsigned i = 0; i < DOUT_CHUNKS; i++) {
		free(o->chunk[i]);
		o->chunk[i] = NULL;
	}
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
	}
	return 0;
}

/* The writing thread: queued chunks, oldest first, until closing and none is left. */
static void *writer_main(void *arg) {
	struct direct_output *o = arg;
	pthread_mutex_lock(&o->mu);
	for(;;) {
		while(o->pending == 0 && !o->closing)
			pthread_cond_wait(&o->queued_cv, &o->mu);
		if(o->pending == 0)
			break;
		unsigned i = o->next_io;
		int failed = o->error != 0;
		pthread_mutex_unlock(&o->mu);
		/* after a failure the file is damaged anyway: the rest is dropped */
		int rc = failed ? 0 : write_all(o, o->chunk[i], o->chunk_len[i]);
		int e = errno;
		pthread_mutex_lock(&o->mu);
		if(rc != 0 && o->error == 0)
			o->error = e ? e : EIO;
		o->next_io = (i + 1) % DOUT_CHUNKS;
		o->pending--;
		pthread_cond_broadcast(&o->written_cv);
	}
	pthread_mutex_unlock(&o->mu);
	return NULL;
}

int dout_open(struct direct_output *o, const char *path) {
	memset(o, 0, sizeof(*o));
	o->fd = -1;
	for(unsigned i = 0; i < DOUT_CHUNKS; i++) {
		if(posix_memalign((void **)&o->chunk[i], HUGE_ALIGN, CHUNK_BYTES) != 0) {
			o->chunk[i] = NULL;
			free_chunks(o);
			errno = ENOMEM;
			return -1;
		}
		/* each O_DIRECT write pins its pages: two huge pages cost less than 1024 */
		madvise(o->chunk[i], CHUNK_BYTES, MADV_HUGEPAGE);
		/* fault the pages in now rather than while events pour in */
		for(size_t off = 0; off < CHUNK_BYTES; off += ALIGN)
			o->chunk[i][off] = 0;
	}
	o->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_DIRECT, 0644);
	o->direct = o->fd >= 0;
	if(o->fd < 0 && errno == EINVAL) /* no O_DIRECT on this filesystem */
		o->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int e = errno;
	if(o->fd >= 0) {
		pthread_mutex_init(&o->mu, NULL);
		pthread_cond_init(&o->queued_cv, NULL);
		pthread_cond_init(&o->written_cv, NULL);
		e = pthread_create(&o->thread, NULL, writer_main, o);
		o->thread_started = e == 0;
		if(!o->thread_started) {
			close(o->fd);
			o->fd = -1;
		}
	}
	if(o->fd < 0) {
		free_chunks(o);
		errno = e;
		return -1;
	}
	return 0;
}

/*
 * Queues the whole aligned blocks of the chunk being filled and moves on to the next
 * chunk (waiting while every chunk is queued), carrying the rest over (under ALIGN
 * bytes). -1 with errno once a write failed.
 */
static int queue_chunk(struct direct_output *o) {
	size_t whole = o->staged & ~(size_t)(ALIGN - 1);
	pthread_mutex_lock(&o->mu);
	int e = o->error;
	if(e == 0 && whole > 0) {
		o->chunk_len[o->fill] = whole;
		o->pending++;
		pthread_cond_signal(&o->queued_cv);
		unsigned next = (o->fill + 1) % DOUT_CHUNKS;
		while(o->pending == DOUT_CHUNKS && o->error == 0)
			pthread_cond_wait(&o->written_cv, &o->mu);
		e = o->error;
		if(e == 0) {
			/* the queued chunk is only read, and only its aligned part */
			memcpy(o->chunk[next], o->chunk[o->fill] + whole, o->staged - whole);
			o->fill = next;
			o->staged -= whole;
		}
	}
	pthread_mutex_unlock(&o->mu);
	if(e != 0) {
		errno = e;
		return -1;
	}
	return 0;
}

uint8_t *dout_space(struct direct_output *o, size_t want, size_t *room) {
	if(want > CHUNK_BYTES - ALIGN)
		want = CHUNK_BYTES - ALIGN;
	if(CHUNK_BYTES - o->staged < want && queue_chunk(o) != 0)
		return NULL;
	*room = CHUNK_BYTES - o->staged;
	return o->chunk[o->fill] + o->staged;
}

void dout_commit(struct direct_output *o, size_t n) {
	o->staged += n;
	o->appended += n;
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

int dout_error(struct direct_output *o) {
	pthread_mutex_lock(&o->mu);
	int e = o->error;
	pthread_mutex_unlock(&o->mu);
	return e;
}

uint64_t dout_size(const struct direct_output *o) {
	return o->appended;
}

int dout_close(struct direct_output *o) {
	int rc = 0, e = 0;
	if(o->fd < 0)
		return 0;
	/* the aligned part through the thread, then the thread ends */
	if(queue_chunk(o) != 0) {
		rc = -1;
		e = errno;
	}
	pthread_mutex_lock(&o->mu);
	o->closing = 1;
	pthread_cond_signal(&o->queued_cv);
	pthread_mutex_unlock(&o->mu);
	if(o->thread_started)
		pthread_join(o->thread, NULL);
	if(rc == 0 && o->error != 0) {
		rc = -1;
		e = o->error;
	}
	/* the tail is not a whole block: O_DIRECT cannot write it */
	if(rc == 0 && o->staged > 0) {
		if((o->direct && go_buffered(o) != 0) || write_all(o, o->chunk[o->fill], o->staged) != 0) {
			rc = -1;
			e = errno;
		}
	}
	if(close(o->fd) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	o->fd = -1;
	pthread_mutex_destroy(&o->mu);
	pthread_cond_destroy(&o->queued_cv);
	pthread_cond_destroy(&o->written_cv);
	free_chunks(o);
	errno = e;
	return rc;
}
