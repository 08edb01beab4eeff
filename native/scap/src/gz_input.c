/* Buffered, growable input over plain or gzip files; see gz_input.h. */
#include "gz_input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The window buffer starts at this size and grows only for a block that does
 * not fit. Each refill reads (or inflates) as much as fits, so a plain file
 * costs one read(2) per this many bytes.
 */
#define INITIAL_CAP (1024u * 1024u)
/* Compressed input read per read(2) call. */
#define ZIN_CAP (256u * 1024u)

static const uint8_t GZIP_MAGIC[2] = {0x1f, 0x8b};

int gz_input_open(struct gz_input *in, int fd, uint64_t file_size)
{
	memset(in, 0, sizeof(*in));
	in->open = 1;
	in->fd = fd;
	in->file_size = file_size;
	return 0;
}

void gz_input_close(struct gz_input *in)
{
	if(!in->open) {
		return;
	}
	if(in->zs_ready) {
		inflateEnd(&in->zs);
	}
	close(in->fd);
	free(in->buf);
	free(in->zin);
	memset(in, 0, sizeof(*in));
}

static void set_io_error(struct gz_input *in, int errnum)
{
	in->state = GZ_INPUT_IO_ERROR;
	snprintf(in->detail, sizeof(in->detail), "%s", strerror(errnum));
}

/* One read(2) into dst, retried on EINTR. Returns bytes read; 0 at the end or on error (see state). */
static size_t read_some(struct gz_input *in, uint8_t *dst, size_t room)
{
	if(in->file_eof || room == 0) {
		return 0;
	}
	for(;;) {
		ssize_t got = read(in->fd, dst, room);
		if(got > 0) {
			in->file_read += (uint64_t)got;
			return (size_t)got;
		}
		if(got == 0) {
			in->file_eof = 1;
			return 0;
		}
		if(errno != EINTR) {
			set_io_error(in, errno);
			return 0;
		}
	}
}

/* Tops up the compressed input. Returns 0, or -1 when nothing more can come (see state, file_eof). */
static int refill_zin(struct gz_input *in)
{
	if(in->zs.avail_in > 0 && in->zs.next_in != in->zin) {
		memmove(in->zin, in->zs.next_in, in->zs.avail_in);
	}
	in->zs.next_in = in->zin;
	size_t got = read_some(in, in->zin + in->zs.avail_in, in->zin_cap - in->zs.avail_in);
	in->zs.avail_in += (uInt)got;
	return got > 0 ? 0 : -1;
}

/*
 * Called at the end of a gzip member: another member follows (inflate is reset
 * for it) or the data ended, where zlib's gzread ignores whatever is left.
 */
static void next_member(struct gz_input *in)
{
	while(in->zs.avail_in < 2 && in->state == GZ_INPUT_OK && !in->file_eof) {
		refill_zin(in);
	}
	if(in->state != GZ_INPUT_OK) {
		return;
	}
	if(in->zs.avail_in >= 2 && memcmp(in->zs.next_in, GZIP_MAGIC, 2) == 0) {
		inflateReset(&in->zs);
		return;
	}
	in->zs.avail_in = 0;
	in->state = GZ_INPUT_EOF;
}

/* Inflates into dst. Returns bytes produced; 0 only when the state says why. */
static size_t inflate_some(struct gz_input *in, uint8_t *dst, size_t room)
{
	in->zs.next_out = dst;
	in->zs.avail_out = (uInt)(room > UINT32_MAX ? UINT32_MAX : room);
	uInt want = in->zs.avail_out;
	while(in->state == GZ_INPUT_OK) {
		if(in->zs.avail_in == 0 && !in->file_eof) {
			refill_zin(in);
			if(in->state != GZ_INPUT_OK) {
				break;
			}
		}
		int ret = inflate(&in->zs, Z_NO_FLUSH);
		size_t produced = want - in->zs.avail_out;
		switch(ret) {
		case Z_STREAM_END:
			next_member(in);
			break;
		case Z_OK:
		case Z_BUF_ERROR:
			/* No progress possible: the data ended inside the stream. */
			if(in->zs.avail_in == 0 && in->file_eof && in->zs.avail_out > 0) {
				in->state = GZ_INPUT_GZ_TRUNCATED;
				snprintf(in->detail, sizeof(in->detail), "unexpected end of file");
			}
			break;
		case Z_MEM_ERROR:
			in->state = GZ_INPUT_NO_MEMORY;
			snprintf(in->detail, sizeof(in->detail), "out of memory");
			break;
		case Z_DATA_ERROR:
			in->state = GZ_INPUT_GZ_CORRUPT;
			snprintf(in->detail, sizeof(in->detail), "%s", in->zs.msg ? in->zs.msg : "compressed data error");
			break;
		default: /* Z_NEED_DICT, Z_STREAM_ERROR: not a gzip member zlib can read */
			in->state = GZ_INPUT_GZ_CORRUPT;
			snprintf(in->detail, sizeof(in->detail), "%s", in->zs.msg ? in->zs.msg : "inflate stream corrupt");
			break;
		}
		if(produced > 0) {
			return produced;
		}
	}
	return 0;
}

/*
 * First read: the bytes decide the format. They land in the window buffer; for
 * gzip they move to the compressed input instead.
 */
static size_t detect_and_fill(struct gz_input *in, uint8_t *dst, size_t room)
{
	size_t got = 0;
	while(got < 2 && in->state == GZ_INPUT_OK && !in->file_eof) {
		got += read_some(in, dst + got, room - got);
	}
	if(in->state != GZ_INPUT_OK) {
		return 0;
	}
	if(got < 2 || memcmp(dst, GZIP_MAGIC, 2) != 0) {
		in->format = GZ_INPUT_PLAIN;
		if(got == 0) {
			in->state = GZ_INPUT_EOF;
		}
		return got;
	}
	in->format = GZ_INPUT_GZIP;
	in->zin_cap = got > ZIN_CAP ? got : ZIN_CAP;
	in->zin = malloc(in->zin_cap);
	if(!in->zin || inflateInit2(&in->zs, 16 + MAX_WBITS) != Z_OK) {
		in->state = GZ_INPUT_NO_MEMORY;
		snprintf(in->detail, sizeof(in->detail), "out of memory");
		return 0;
	}
	in->zs_ready = 1;
	memcpy(in->zin, dst, got);
	in->zs.next_in = in->zin;
	in->zs.avail_in = (uInt)got;
	return inflate_some(in, dst, room);
}

/* Adds data at the tail of the buffer (which has room). Returns bytes added; 0 means see state. */
static size_t fill_once(struct gz_input *in)
{
	uint8_t *dst = in->buf + in->tail;
	size_t room = in->cap - in->tail;
	switch(in->format) {
	case GZ_INPUT_PLAIN: {
		size_t got = read_some(in, dst, room);
		if(got == 0 && in->state == GZ_INPUT_OK) {
			in->state = GZ_INPUT_EOF;
		}
		return got;
	}
	case GZ_INPUT_GZIP:
		return inflate_some(in, dst, room);
	default:
		return detect_and_fill(in, dst, room);
	}
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
				if(in->cap > 0 && ncap > n && n > in->cap) {
					ncap = n; /* just enough for this window */
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

uint64_t gz_input_file_offset(const struct gz_input *in)
{
	if(in->format == GZ_INPUT_GZIP) {
		return in->file_read - in->zs.avail_in;
	}
	return gz_input_offset(in);
}

int gz_input_is_compressed(const struct gz_input *in)
{
	return in->format == GZ_INPUT_GZIP;
}
