/*
 * Reads one whole block (header, body, trailer) from a gz_input and checks its
 * framing. The body stays in the input's buffer until the next read.
 */
#ifndef SINSPECT_BLOCK_READER_H
#define SINSPECT_BLOCK_READER_H

#include <stdint.h>

#include "gz_input.h"
#include "le_cursor.h"
#include "scap_format.h"

enum block_status {
	BLOCK_OK = 0,
	BLOCK_END,        /* no more data, exactly at a block boundary */
	BLOCK_TRUNCATED,  /* the data ends inside this block */
	BLOCK_BAD_LENGTH, /* total length smaller than a block's framing */
	BLOCK_BAD_TRAILER,/* trailer does not repeat the header's length */
	BLOCK_INPUT_FAIL, /* gzip, I/O or memory failure; see the gz_input state */
};

struct scap_block {
	uint32_t type;
	uint32_t total_len;
	uint32_t trailer;      /* valid for BLOCK_BAD_TRAILER */
	uint64_t offset;       /* stream offset of the block's first byte */
	const uint8_t *body;
	uint32_t body_len;     /* total_len minus header and trailer: body plus padding */
	uint32_t have;         /* for BLOCK_TRUNCATED: bytes of the block that exist */
};

enum block_status block_read(struct gz_input *in, struct scap_block *b);

/*
 * The fast path of block_read for the event loop: takes the next block when it
 * is already entirely in the input buffer and well framed, without reading.
 * Returns 0 (consuming nothing) otherwise; block_read then reads, or says
 * exactly what is wrong.
 */
static inline int block_take_buffered(struct gz_input *in, struct scap_block *b)
{
	const uint8_t *p;
	size_t avail = gz_input_buffered(in, &p);
	if(avail < SCAP_BLOCK_HEADER_SIZE) {
		return 0;
	}
	uint32_t total = le32_at(p + 4);
	if(total < SCAP_BLOCK_OVERHEAD || total > avail || le32_at(p + total - SCAP_BLOCK_TRAILER_SIZE) != total) {
		return 0;
	}
	b->type = le32_at(p);
	b->total_len = total;
	b->trailer = total;
	b->offset = gz_input_offset(in);
	b->body = p + SCAP_BLOCK_HEADER_SIZE;
	b->body_len = total - SCAP_BLOCK_OVERHEAD;
	b->have = 0;
	gz_input_consume(in, total);
	return 1;
}

enum block_kind {
	BLOCK_KIND_UNKNOWN = 0,
	BLOCK_KIND_SECTION_HEADER,
	BLOCK_KIND_MACHINE_INFO,
	BLOCK_KIND_PROCLIST,
	BLOCK_KIND_FDLIST,
	BLOCK_KIND_IFLIST,
	BLOCK_KIND_USERLIST,
	BLOCK_KIND_EVENT,
};

/* Which kind of block a block type number is (every generation of each kind). */
enum block_kind block_kind_of(uint32_t type);

/* "event", "process list", ...: the block's kind in words, for messages. */
const char *block_kind_name(uint32_t type);

static inline int block_is_event(uint32_t type)
{
	return block_kind_of(type) == BLOCK_KIND_EVENT;
}

#endif
