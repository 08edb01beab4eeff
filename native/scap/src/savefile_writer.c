/* Savefile writing; see savefile_writer.h. */
#include "savefile_writer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "block_builder.h"
#include "direct_output.h"
#include "event_encoder.h"
#include "meta_writer.h"

/* Built blocks are handed to zlib once this much has accumulated. */
#define FLUSH_THRESHOLD (1u << 20)

struct savefile_writer {
	char *path;
	gzFile gz;                 /* NULL when writing around the page cache */
	struct direct_output dout; /* savefile_writer_open_direct */
	struct block_builder bb;
	int wrote_meta;
	int wrote_events;
	int failed;
	char error[512];
};

/* Formats "<path>: <message>" into w->error. */
static void set_error(struct savefile_writer *w, const char *fmt, va_list ap)
{
	int n = snprintf(w->error, sizeof(w->error), "%s: ", w->path);
	if(n < 0 || (size_t)n >= sizeof(w->error)) {
		n = 0;
	}
	vsnprintf(w->error + n, sizeof(w->error) - (size_t)n, fmt, ap);
}

/* An output failure: the file is damaged, every later call fails too. */
static int fail(struct savefile_writer *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_error(w, fmt, ap);
	va_end(ap);
	w->failed = 1;
	return -1;
}

/* A caller's mistake (bad record, wrong order): reported, nothing written, the file stays usable. */
static int refuse(struct savefile_writer *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_error(w, fmt, ap);
	va_end(ap);
	return -1;
}

/* Hands bytes to the output: zlib, or the direct output. */
static int output(struct savefile_writer *w, const uint8_t *p, size_t n)
{
	if(!w->gz) {
		if(dout_write(&w->dout, p, n) != 0) {
			return fail(w, "write error (%s)", strerror(errno));
		}
		return 0;
	}
	size_t off = 0;
	while(off < n) {
		size_t chunk = n - off;
		if(chunk > (1u << 30)) {
			chunk = 1u << 30;
		}
		int put = gzwrite(w->gz, p + off, (unsigned)chunk);
		if(put <= 0) {
			int errnum = 0;
			const char *msg = gzerror(w->gz, &errnum);
			return fail(w, "write error (%s)", errnum == Z_ERRNO ? strerror(errno) : msg);
		}
		off += (size_t)put;
	}
	return 0;
}

/* Hands the built bytes to the output. */
static int flush_built(struct savefile_writer *w)
{
	if(w->bb.failed) {
		return fail(w, "out of memory (or a block over 4 GiB) while building blocks");
	}
	if(output(w, w->bb.data, w->bb.len)) {
		return -1;
	}
	bb_clear(&w->bb);
	return 0;
}

/* The writer without its output; NULL when out of memory. */
static struct savefile_writer *writer_new(const char *path, char *err, size_t errlen)
{
	struct savefile_writer *w = calloc(1, sizeof(*w));
	char *copy = strdup(path);
	if(!w || !copy) {
		snprintf(err, errlen, "%s: out of memory", path);
		free(w);
		free(copy);
		return NULL;
	}
	w->path = copy;
	w->dout.fd = -1;
	bb_init(&w->bb);
	return w;
}

/* Starts the file with its section header; frees w and returns NULL on failure. */
static struct savefile_writer *write_header(struct savefile_writer *w, char *err, size_t errlen)
{
	write_section_header(&w->bb);
	if(flush_built(w)) {
		snprintf(err, errlen, "%s", w->error);
		savefile_writer_close(w, NULL, 0);
		return NULL;
	}
	return w;
}

struct savefile_writer *savefile_writer_open_direct(const char *path, char *err, size_t errlen)
{
	struct savefile_writer *w = writer_new(path, err, errlen);
	if(!w) {
		return NULL;
	}
	if(dout_open(&w->dout, path) != 0) {
		snprintf(err, errlen, "%s: cannot create (%s)", path, strerror(errno));
		free(w->path);
		free(w);
		return NULL;
	}
	return write_header(w, err, errlen);
}

struct savefile_writer *savefile_writer_open(const char *path, int compress, char *err, size_t errlen)
{
	struct savefile_writer *w = writer_new(path, err, errlen);
	if(!w) {
		return NULL;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if(fd < 0) {
		snprintf(err, errlen, "%s: cannot create (%s)", path, strerror(errno));
		free(w->path);
		free(w);
		return NULL;
	}
	/* "T" asks zlib for transparent (uncompressed) writing. */
	w->gz = gzdopen(fd, compress ? "wb6" : "wbT");
	if(!w->gz) {
		snprintf(err, errlen, "%s: cannot create (out of memory)", path);
		close(fd);
		free(w->path);
		free(w);
		return NULL;
	}
	/*
	 * zlib's default buffer, as libscap uses: bytes_written (gzoffset) then lags
	 * the data by as little as it does in sysdig, whose -C rollover counts the same way.
	 */
	return write_header(w, err, errlen);
}

int savefile_writer_write_meta(struct savefile_writer *w, const struct capture_meta *m)
{
	if(w->failed) {
		return -1;
	}
	if(w->wrote_events || w->wrote_meta) {
		return refuse(w, "metadata must be written once, before any event");
	}
	w->wrote_meta = 1;
	/* The order libscap uses; sysdig needs the process list before the fd lists. */
	if(m->has_machine) {
		write_machine_info(&w->bb, m);
	}
	if(m->has_iflist) {
		write_iflist(&w->bb, m);
	}
	if(m->has_userlist) {
		write_userlist(&w->bb, m);
	}
	if(m->has_proclist || m->nthreads) {
		write_proclist(&w->bb, m);
		for(uint32_t i = 0; i < m->nthreads; i++) {
			write_fdlist(&w->bb, &m->threads[i]);
			if(w->bb.len >= FLUSH_THRESHOLD && flush_built(w)) {
				return -1;
			}
		}
	}
	return flush_built(w);
}

int savefile_writer_write_batch(struct savefile_writer *w, const uint8_t *buf, size_t len, uint32_t count)
{
	if(w->failed) {
		return -1;
	}
	w->wrote_events = 1;
	size_t off = 0;
	for(uint32_t i = 0; i < count; i++) {
		char why[160];
		size_t used = encode_event_record(&w->bb, buf + off, len - off, why, sizeof(why));
		if(used == 0) {
			/* Keep the events before the bad record. */
			if(flush_built(w)) {
				return -1;
			}
			return refuse(w, "record %u of the batch (at byte %zu) is malformed: %s", i, off, why);
		}
		off += used;
		if(w->bb.len >= FLUSH_THRESHOLD && flush_built(w)) {
			return -1;
		}
	}
	return flush_built(w);
}

int savefile_writer_write_blocks(struct savefile_writer *w, const uint8_t *blocks, size_t len)
{
	if(w->failed) {
		return -1;
	}
	w->wrote_events = 1;
	if(w->bb.len && flush_built(w)) {
		return -1;
	}
	return output(w, blocks, len);
}

uint8_t *savefile_writer_space(struct savefile_writer *w, size_t want, size_t *room)
{
	if(w->failed || w->gz) {
		return NULL;
	}
	if(w->bb.len && flush_built(w)) {
		return NULL;
	}
	uint8_t *at = dout_space(&w->dout, want, room);
	if(!at) {
		fail(w, "write error (%s)", strerror(errno));
	}
	return at;
}

int savefile_writer_check(struct savefile_writer *w)
{
	if(w->failed) {
		return -1;
	}
	if(!w->gz && w->dout.fd >= 0) {
		int e = dout_error(&w->dout);
		if(e != 0) {
			return fail(w, "write error (%s)", strerror(e));
		}
	}
	return 0;
}

void savefile_writer_commit(struct savefile_writer *w, size_t n)
{
	w->wrote_events = 1;
	dout_commit(&w->dout, n);
}

int savefile_writer_close(struct savefile_writer *w, char *err, size_t errlen)
{
	int rc = 0;
	if(!w->failed && w->bb.len) {
		rc = flush_built(w);
	}
	if(w->gz) {
		int zrc = gzclose(w->gz);
		if(zrc != Z_OK && !w->failed) {
			fail(w, "write error while closing (%s)", zrc == Z_ERRNO ? strerror(errno) : "zlib failure");
			rc = -1;
		}
	} else if(w->dout.fd >= 0) {
		if(dout_close(&w->dout) != 0 && !w->failed) {
			fail(w, "write error while closing (%s)", strerror(errno));
			rc = -1;
		}
	}
	if(err && errlen) {
		snprintf(err, errlen, "%s", w->failed ? w->error : "");
	}
	if(w->failed) {
		rc = -1;
	}
	bb_free(&w->bb);
	free(w->path);
	free(w);
	return rc;
}

const char *savefile_writer_error(const struct savefile_writer *w)
{
	return w->error;
}

uint64_t savefile_writer_bytes_written(struct savefile_writer *w)
{
	if(!w->gz) {
		return dout_size(&w->dout) + w->bb.len;
	}
	z_off_t off = gzoffset(w->gz);
	return (off > 0 ? (uint64_t)off : 0) + w->bb.len;
}
