/*
 * Builds scap blocks in memory: begin a block, append little-endian fields,
 * end it (padding, length, trailer filled in). Many blocks can be built back
 * to back before the bytes are handed to the output.
 */
#ifndef SINSPECT_BLOCK_BUILDER_H
#define SINSPECT_BLOCK_BUILDER_H

#include <stddef.h>
#include <stdint.h>

struct block_builder {
	uint8_t *data;
	size_t len;
	size_t cap;
	size_t block_start; /* offset of the open block's header */
	int failed;         /* out of memory, or a block grew past 4 GiB */
};

void bb_init(struct block_builder *b);
void bb_free(struct block_builder *b);
/* Forgets the built bytes (after they were written out). */
void bb_clear(struct block_builder *b);

void bb_begin(struct block_builder *b, uint32_t type);
void bb_end(struct block_builder *b);
/* A whole block whose body length is known up front, in one reservation:
 * header, padding and trailer are filled in; returns where the body_len bytes
 * of body go (NULL on failure). */
uint8_t *bb_block(struct block_builder *b, uint32_t type, size_t body_len);
/* Bytes appended since the open block's header. */
size_t bb_block_body_len(const struct block_builder *b);

void bb_u8(struct block_builder *b, uint8_t v);
void bb_u16(struct block_builder *b, uint16_t v);
void bb_u32(struct block_builder *b, uint32_t v);
void bb_u64(struct block_builder *b, uint64_t v);
void bb_bytes(struct block_builder *b, const void *p, size_t n);
/* A u16 length then the bytes, cut to at most max bytes. */
void bb_str16(struct block_builder *b, const char *p, size_t n, size_t max);
/* Reserves n bytes and returns where they start (NULL on failure). */
uint8_t *bb_reserve(struct block_builder *b, size_t n);
/* Overwrites a u32 at an absolute offset (for entry lengths known only at the end). */
void bb_patch_u32(struct block_builder *b, size_t at, uint32_t v);

#endif
