/*
 * Reads one whole block (header, body, trailer) from a gz_input and checks its
 * framing. The body stays in the input's buffer until the next read.
 */
#ifndef SINSPECT_BLOCK_READER_H
#define SINSPECT_BLOCK_READER_H

#include <stdint.h>

#include "gz_input.h"

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
