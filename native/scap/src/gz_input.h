/*
 * Buffered input over a plain or gzip-compressed file (zlib reads both).
 *
 * Callers ask for a contiguous window of n bytes at the current position
 * (gz_input_window), parse it in place, then consume it. Offsets are positions
 * in the decompressed stream, which is what a block's "byte N" refers to.
 */
#ifndef SINSPECT_GZ_INPUT_H
#define SINSPECT_GZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

enum gz_input_state {
	GZ_INPUT_OK = 0,
	GZ_INPUT_EOF,           /* clean end of data */
	GZ_INPUT_GZ_TRUNCATED,  /* the compressed stream stops before its end marker */
	GZ_INPUT_GZ_CORRUPT,    /* the compressed data cannot be inflated */
	GZ_INPUT_IO_ERROR,      /* read(2) failed */
	GZ_INPUT_NO_MEMORY,
};

struct gz_input {
	int fd;
	gzFile gz;
	uint8_t *buf;
	size_t cap;
	size_t head;         /* first unconsumed byte */
	size_t tail;         /* end of buffered data */
	uint64_t buf_offset; /* stream offset of buf[0] */
	uint64_t file_size;  /* on-disk size, 0 when unknown (pipes) */
	enum gz_input_state state;
	char detail[160];    /* zlib's or the OS's words for a failure */
};

/* Takes ownership of fd. Returns 0, or -1 with errno-like failure text in in->detail. */
int gz_input_open(struct gz_input *in, int fd, uint64_t file_size);
void gz_input_close(struct gz_input *in);

/*
 * Makes up to n bytes at the current position contiguous and returns how many
 * are available (less than n only at the end of the data or on an error; see
 * in->state). *out points at them; it stays valid until the next call.
 */
size_t gz_input_window(struct gz_input *in, size_t n, const uint8_t **out);

static inline void gz_input_consume(struct gz_input *in, size_t n)
{
	in->head += n;
}

static inline uint64_t gz_input_offset(const struct gz_input *in)
{
	return in->buf_offset + in->head;
}

/* Compressed bytes read from the file so far (for progress reporting). */
uint64_t gz_input_file_offset(struct gz_input *in);

/* True when the file turned out to be gzip-compressed (valid after the first read). */
int gz_input_is_compressed(struct gz_input *in);

#endif
