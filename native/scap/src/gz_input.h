/*
 * Buffered input over a plain or gzip-compressed file.
 *
 * Callers ask for a contiguous window of n bytes at the current position
 * (gz_input_window), parse it in place, then consume it. Offsets are positions
 * in the decompressed stream, which is what a block's "byte N" refers to.
 *
 * The first bytes decide the format, as zlib's gzread decides it: a file that
 * starts with the gzip magic is inflated (member after member; bytes after the
 * last member that do not start another one are ignored), anything else is
 * read as it is. Plain files are read with large read(2) calls straight into
 * the window buffer; gzip data is inflated straight into it, so that the data
 * inflated before a corrupt spot is kept.
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

enum gz_input_format {
	GZ_INPUT_UNKNOWN = 0, /* nothing read yet */
	GZ_INPUT_PLAIN,
	GZ_INPUT_GZIP,
};

struct gz_input {
	int open;             /* gz_input_open succeeded and close has not run */
	int fd;
	enum gz_input_format format;
	uint8_t *buf;         /* the window buffer: decompressed data */
	size_t cap;
	size_t head;          /* first unconsumed byte */
	size_t tail;          /* end of buffered data */
	uint64_t buf_offset;  /* stream offset of buf[0] */
	uint64_t file_size;   /* on-disk size, 0 when unknown (pipes) */
	uint64_t file_read;   /* bytes read from the file so far */
	int file_eof;         /* read(2) returned 0 */
	/* gzip only */
	z_stream zs;
	int zs_ready;         /* zs is initialised (inflateEnd needed) */
	uint8_t *zin;         /* compressed input, zs.next_in points into it */
	size_t zin_cap;
	enum gz_input_state state;
	char detail[160];     /* zlib's or the OS's words for a failure */
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

/* The bytes already buffered at the current position (never reads). */
static inline size_t gz_input_buffered(const struct gz_input *in, const uint8_t **out)
{
	*out = in->buf + in->head;
	return in->tail - in->head;
}

static inline void gz_input_consume(struct gz_input *in, size_t n)
{
	in->head += n;
}

static inline uint64_t gz_input_offset(const struct gz_input *in)
{
	return in->buf_offset + in->head;
}

/* Bytes of the file consumed so far (compressed bytes for gzip; for progress reporting). */
uint64_t gz_input_file_offset(const struct gz_input *in);

/* True when the file turned out to be gzip-compressed (valid after the first read). */
int gz_input_is_compressed(const struct gz_input *in);

#endif
