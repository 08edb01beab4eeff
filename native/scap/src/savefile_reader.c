/* Savefile reading: metadata at open, then events in batches. See savefile_reader.h. */
#include "savefile_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "block_reader.h"
#include "event_block.h"
#include "gz_input.h"
#include "le_cursor.h"
#include "meta_blocks.h"
#include "scap_format.h"

struct savefile_reader {
	char *path;
	struct gz_input in;
	struct capture_meta meta;
	struct savefile_reader_options opts;
	int done;      /* clean end reached */
	int failed;    /* error[] holds the message; every later call fails with it */
	/*
	 * An event block taken from the input that did not fit a fixed batch: the
	 * next call starts with it. Its body stays valid in the input buffer until
	 * the input is read again, which only that call does, after using it.
	 */
	struct scap_block pending;
	int has_pending;
	char error[512];
};

static void fail(struct savefile_reader *r, const char *fmt, ...)
{
	int n = snprintf(r->error, sizeof(r->error), "%s: ", r->path);
	if(n < 0 || (size_t)n >= sizeof(r->error)) {
		n = 0;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->error + n, sizeof(r->error) - (size_t)n, fmt, ap);
	va_end(ap);
	/* Keep the message on one line whatever the file or zlib put in it. */
	for(char *p = r->error; *p; p++) {
		if(*p == '\n' || *p == '\r') {
			*p = ' ';
		}
	}
	r->failed = 1;
}

/* Turns a non-OK block status into the reader's error message. */
static void fail_block(struct savefile_reader *r, enum block_status st, const struct scap_block *b)
{
	unsigned long long at = (unsigned long long)b->offset;
	const char *kind = block_kind_name(b->type);
	switch(st) {
	case BLOCK_TRUNCATED:
		if(b->have < 4) {
			fail(r, "truncated block header at byte %llu", at);
		} else {
			fail(r, "truncated %s block at byte %llu", kind, at);
		}
		break;
	case BLOCK_BAD_LENGTH:
		fail(r, "corrupt %s block at byte %llu (length %u is shorter than a block's framing)", kind, at,
		     b->total_len);
		break;
	case BLOCK_BAD_TRAILER:
		fail(r, "corrupt %s block at byte %llu (trailer length %u does not match header length %u)", kind, at,
		     b->trailer, b->total_len);
		break;
	case BLOCK_INPUT_FAIL:
		switch(r->in.state) {
		case GZ_INPUT_GZ_TRUNCATED:
			fail(r, "truncated gzip stream at byte %llu", at);
			break;
		case GZ_INPUT_GZ_CORRUPT:
			fail(r, "corrupt gzip data near byte %llu (%s)", (unsigned long long)gz_input_offset(&r->in),
			     r->in.detail);
			break;
		case GZ_INPUT_NO_MEMORY:
			fail(r, "out of memory reading the block at byte %llu", at);
			break;
		default:
			fail(r, "read error at byte %llu (%s)", at, r->in.detail);
			break;
		}
		break;
	default:
		fail(r, "unexpected block status %d at byte %llu", (int)st, at);
		break;
	}
}

static int parse_meta_block(struct savefile_reader *r, const struct scap_block *b)
{
	char why[256] = "";
	int rc;
	switch(block_kind_of(b->type)) {
	case BLOCK_KIND_SECTION_HEADER:
		rc = parse_section_header(&r->meta, b, why, sizeof(why));
		break;
	case BLOCK_KIND_MACHINE_INFO:
		rc = parse_machine_info(&r->meta, b, why, sizeof(why));
		break;
	case BLOCK_KIND_PROCLIST:
		rc = parse_proclist(&r->meta, b, r->opts.legacy_proclist_tail, why, sizeof(why));
		break;
	case BLOCK_KIND_FDLIST:
		rc = parse_fdlist(&r->meta, b, why, sizeof(why));
		break;
	case BLOCK_KIND_IFLIST:
		rc = parse_iflist(&r->meta, b, why, sizeof(why));
		break;
	case BLOCK_KIND_USERLIST:
		rc = parse_userlist(&r->meta, b, why, sizeof(why));
		break;
	default:
		/* Unknown block: its framing was checked, its content is none of our business. */
		rc = PARSE_OK;
		break;
	}
	switch(rc) {
	case PARSE_OK:
		return 0;
	case PARSE_NO_MEMORY:
		fail(r, "out of memory reading the %s block at byte %llu", block_kind_name(b->type),
		     (unsigned long long)b->offset);
		return -1;
	case PARSE_UNSUPPORTED:
		fail(r, "%s", why);
		return -1;
	default:
		fail(r, "corrupt %s block at byte %llu (%s)", block_kind_name(b->type), (unsigned long long)b->offset,
		     why);
		return -1;
	}
}

/* Checks that the file starts with a section header, then parses it. */
static int read_section_header(struct savefile_reader *r)
{
	const uint8_t *p;
	size_t got = gz_input_window(&r->in, SCAP_BLOCK_HEADER_SIZE + 4, &p);
	/* A failure further on (the window reads ahead) is reported when reading gets there. */
	if(got < SCAP_BLOCK_HEADER_SIZE + 4 && (r->in.state == GZ_INPUT_GZ_CORRUPT || r->in.state == GZ_INPUT_IO_ERROR ||
	                                        r->in.state == GZ_INPUT_NO_MEMORY)) {
		struct scap_block b = {0};
		fail_block(r, BLOCK_INPUT_FAIL, &b);
		return -1;
	}
	if(got == 0) {
		fail(r, "empty file, not a scap capture");
		return -1;
	}
	if(got < 4 || le32_at(p) != SCAP_BT_SECTION_HEADER) {
		fail(r, "not a scap capture file%s", gz_input_is_compressed(&r->in) ? " (gzip data of something else)" : "");
		return -1;
	}
	/* A scap file also needs the byte-order magic where pcapng would have it. */
	if(got >= SCAP_BLOCK_HEADER_SIZE + 4) {
		uint32_t magic = le32_at(p + SCAP_BLOCK_HEADER_SIZE);
		if(magic != SCAP_SHB_MAGIC && magic != SCAP_SHB_MAGIC_SWAPPED) {
			fail(r, "not a scap capture file (section header magic 0x%08x)", magic);
			return -1;
		}
	}
	struct scap_block b;
	enum block_status st = block_read(&r->in, &b);
	if(st != BLOCK_OK) {
		fail_block(r, st, &b);
		return -1;
	}
	return parse_meta_block(r, &b);
}

/* Reads metadata blocks until the first event block (left unread) or the end. */
static int read_metadata(struct savefile_reader *r)
{
	if(read_section_header(r)) {
		return -1;
	}
	for(;;) {
		const uint8_t *p;
		size_t got = gz_input_window(&r->in, SCAP_BLOCK_HEADER_SIZE, &p);
		/*
		 * The events start here. So do, as far as anyone can tell, the last
		 * 1-3 bytes of a file cut inside a block header: the event reader
		 * reports those, after the (zero) events before them.
		 */
		if((got >= 4 && block_is_event(le32_at(p))) || (got > 0 && got < 4)) {
			return 0;
		}
		struct scap_block b;
		enum block_status st = block_read(&r->in, &b);
		if(st == BLOCK_END) {
			/* libscap refuses a file without a single event block, and so does sysdig. */
			fail(r, "no events in file");
			return -1;
		}
		if(st != BLOCK_OK) {
			fail_block(r, st, &b);
			return -1;
		}
		if(parse_meta_block(r, &b)) {
			return -1;
		}
	}
}

struct savefile_reader *savefile_reader_open(const char *path, const struct savefile_reader_options *opts,
                                             char *err, size_t errlen)
{
	struct savefile_reader *r = calloc(1, sizeof(*r));
	char *copy = strdup(path);
	if(!r || !copy) {
		snprintf(err, errlen, "%s: out of memory", path);
		free(r);
		free(copy);
		return NULL;
	}
	r->path = copy;
	r->opts = *opts;
	meta_init(&r->meta);

	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if(fd < 0) {
		snprintf(err, errlen, "%s: cannot open (%s)", path, strerror(errno));
		savefile_reader_close(r);
		return NULL;
	}
	struct stat st;
	int have_stat = fstat(fd, &st) == 0;
	if(have_stat && S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: is a directory, not a capture file", path);
		close(fd);
		savefile_reader_close(r);
		return NULL;
	}
	uint64_t size = (have_stat && S_ISREG(st.st_mode)) ? (uint64_t)st.st_size : 0;
	if(gz_input_open(&r->in, fd, size)) {
		snprintf(err, errlen, "%s: cannot open (%s)", path, r->in.detail);
		savefile_reader_close(r);
		return NULL;
	}
	if(read_metadata(r)) {
		snprintf(err, errlen, "%s", r->error);
		savefile_reader_close(r);
		return NULL;
	}
	return r;
}

int64_t savefile_reader_next_batch(struct savefile_reader *r, uint32_t max_events, size_t max_bytes,
                                   struct event_batch *batch)
{
	if(r->failed) {
		return -1;
	}
	uint32_t start = batch->count;
	while(!r->done && batch->count - start < max_events && batch->len < max_bytes) {
		struct scap_block b;
		if(r->has_pending) {
			b = r->pending;
			r->has_pending = 0;
		} else if(!block_take_buffered(&r->in, &b)) {
			enum block_status st = block_read(&r->in, &b);
			if(st == BLOCK_END) {
				r->done = 1;
				break;
			}
			if(st != BLOCK_OK) {
				fail_block(r, st, &b);
				break;
			}
		}
		if(!block_is_event(b.type)) {
			/*
			 * Metadata after the events began (concatenated captures, newer
			 * writers): framing checked, content skipped.
			 */
			continue;
		}
		char why[256];
		enum event_block_status es = event_block_append(&b, r->opts.event_type_limit, batch, why, sizeof(why));
		if(es == EVENT_CORRUPT) {
			fail(r, "corrupt event block at byte %llu (%s)", (unsigned long long)b.offset, why);
			break;
		}
		if(es == EVENT_NO_MEMORY) {
			fail(r, "out of memory reading the event block at byte %llu", (unsigned long long)b.offset);
			break;
		}
		if(es == EVENT_NO_ROOM) {
			r->pending = b;
			r->has_pending = 1;
			break;
		}
	}
	uint32_t n = batch->count - start;
	if(n > 0) {
		return n;
	}
	if(r->has_pending) {
		return SAVEFILE_BATCH_TOO_SMALL;
	}
	return r->failed ? -1 : 0;
}

const char *savefile_reader_error(const struct savefile_reader *r)
{
	return r->error;
}

const struct capture_meta *savefile_reader_meta(const struct savefile_reader *r)
{
	return &r->meta;
}

uint64_t savefile_reader_bytes_read(struct savefile_reader *r)
{
	if(r->done) {
		return r->in.file_size ? r->in.file_size : gz_input_file_offset(&r->in);
	}
	return gz_input_file_offset(&r->in);
}

uint64_t savefile_reader_file_size(const struct savefile_reader *r)
{
	return r->in.file_size;
}

void savefile_reader_close(struct savefile_reader *r)
{
	if(!r) {
		return;
	}
	gz_input_close(&r->in);
	meta_free(&r->meta);
	free(r->path);
	free(r);
}
