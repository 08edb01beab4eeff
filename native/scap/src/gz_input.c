/* Buffered, growable decompressing input; see gz_input.h. */
#include "gz_input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * zlib hands back nothing from a gzread call that meets corrupt data, so reads
 * are kept small: on corruption at most this much good data before it is lost.
 */
#define READ_CHUNK (64u * 1024u)
#define INITIAL_CAP (1024u * 1024u)

int gz_input_open(struct gz_input *in, int fd, uint64_t file_size)
{
	memset(in, 0, sizeof(*in));
	in->fd = fd;
	in->file_size = file_size;
	in->gz = gzdopen(fd, "rb");
	if(!in->gz) {
		snprintf(in->detail, sizeof(in->detail), "%s", errno ? strerror(errno) : "out of memory");
		close(fd);
		return -1;
	}
	gzbuffer(in->gz, 128 * 1024);
	return 0;
}

void gz_input_close(struct gz_input *in)
{
	if(in->gz) {
		gzclose(in->gz); /* also closes fd */
	}
	free(in->buf);
	memset(in, 0, sizeof(*in));
}

/* Reads one chunk into the free space at the tail. Returns bytes read; 0 means the data ended. */
static size_t fill_once(struct gz_input *in)
{
	size_t room = in->cap - in->tail;
	if(room > READ_CHUNK) {
		room = READ_CHUNK;
	}
	int got = gzread(in->gz, in->buf + in->tail, (unsigned)room);
	int errnum = Z_OK;
	const char *msg = gzerror(in->gz, &errnum);
	if(got < 0 || (errnum != Z_OK && errnum != Z_BUF_ERROR)) {
		if(errnum == Z_ERRNO) {
			in->state = GZ_INPUT_IO_ERROR;
			snprintf(in->detail, sizeof(in->detail), "%s", strerror(errno));
		} else if(errnum == Z_MEM_ERROR) {
			in->state = GZ_INPUT_NO_MEMORY;
			snprintf(in->detail, sizeof(in->detail), "out of memory");
		} else {
			in->state = GZ_INPUT_GZ_CORRUPT;
			snprintf(in->detail, sizeof(in->detail), "%s", msg ? msg : "inflate failed");
		}
		return got > 0 ? (size_t)got : 0;
	}
	if(got == 0) {
		/* Z_BUF_ERROR at the end means the gzip stream was cut short. */
		in->state = errnum == Z_BUF_ERROR ? GZ_INPUT_GZ_TRUNCATED : GZ_INPUT_EOF;
		if(errnum == Z_BUF_ERROR) {
			snprintf(in->detail, sizeof(in->detail), "%s", msg ? msg : "unexpected end of file");
		}
	}
	return (size_t)got;
}

size_t gz_input_window(struct gz_input *in, size_t n, const uint8_t **out)
{
	size_t avail = in->tail - in->head;
	if(avail < n && in->state == GZ_INPUT_OK) {
		/* Move the unconsumed bytes to the front so the window is contiguous. */
		if(in->head > 0) {
			memmove(in->buf, in->buf + in->head, avail);
			in->buf_offset += in->head;
			in->tail = avail;
			in->head = 0;
		}
		while(avail < n && in->state == GZ_INPUT_OK) {
			if(in->tail == in->cap) {
				/*
				 * Grow only as data actually arrives: a damaged length field can
				 * ask for gigabytes, but we never allocate far beyond what exists.
				 */
				size_t ncap = in->cap ? in->cap * 2 : INITIAL_CAP;
				if(ncap > n && n > in->cap) {
					ncap = n;
				}
				if(ncap < in->cap + READ_CHUNK && n > in->cap + READ_CHUNK) {
					ncap = in->cap + READ_CHUNK;
				}
				uint8_t *nb = realloc(in->buf, ncap);
				if(!nb) {
					in->state = GZ_INPUT_NO_MEMORY;
					snprintf(in->detail, sizeof(in->detail), "out of memory");
					break;
				}
				in->buf = nb;
				in->cap = ncap;
			}
			size_t got = fill_once(in);
			in->tail += got;
			avail += got;
		}
	}
	*out = in->buf + in->head;
	return avail < n ? avail : n;
}

uint64_t gz_input_file_offset(struct gz_input *in)
{
	if(!in->gz) {
		return 0;
	}
	z_off_t off = gzoffset(in->gz);
	if(off < 0) {
		return 0;
	}
	if(in->file_size && (uint64_t)off > in->file_size) {
		return in->file_size;
	}
	return (uint64_t)off;
}

int gz_input_is_compressed(struct gz_input *in)
{
	return in->gz && !gzdirect(in->gz);
}
