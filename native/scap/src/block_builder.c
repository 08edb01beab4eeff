/* In-memory construction of scap blocks; see block_builder.h. */
#include "block_builder.h"

#include <stdlib.h>
#include <string.h>

#include "le_cursor.h"
#include "scap_format.h"

void bb_init(struct block_builder *b)
{
	memset(b, 0, sizeof(*b));
}

void bb_free(struct block_builder *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

void bb_clear(struct block_builder *b)
{
	b->len = 0;
	b->block_start = 0;
}

uint8_t *bb_reserve(struct block_builder *b, size_t n)
{
	if(b->failed) {
		return NULL;
	}
	if(b->cap - b->len < n) {
		size_t ncap = b->cap ? b->cap : 64 * 1024;
		while(ncap - b->len < n) {
			if(ncap > SIZE_MAX / 2) {
				b->failed = 1;
				return NULL;
			}
			ncap *= 2;
		}
		uint8_t *nd = realloc(b->data, ncap);
		if(!nd) {
			b->failed = 1;
			return NULL;
		}
		b->data = nd;
		b->cap = ncap;
	}
	uint8_t *p = b->data + b->len;
	b->len += n;
	return p;
}

void bb_u8(struct block_builder *b, uint8_t v)
{
	uint8_t *p = bb_reserve(b, 1);
	if(p) {
		*p = v;
	}
}

void bb_u16(struct block_builder *b, uint16_t v)
{
	uint8_t *p = bb_reserve(b, 2);
	if(p) {
		le16_put(p, v);
	}
}

void bb_u32(struct block_builder *b, uint32_t v)
{
	uint8_t *p = bb_reserve(b, 4);
	if(p) {
		le32_put(p, v);
	}
}

void bb_u64(struct block_builder *b, uint64_t v)
{
	uint8_t *p = bb_reserve(b, 8);
	if(p) {
		le64_put(p, v);
	}
}

void bb_bytes(struct block_builder *b, const void *src, size_t n)
{
	if(n == 0) {
		return;
	}
	uint8_t *p = bb_reserve(b, n);
	if(p) {
		memcpy(p, src, n);
	}
}

void bb_str16(struct block_builder *b, const char *p, size_t n, size_t max)
{
	if(n > max) {
		n = max;
	}
	if(n > UINT16_MAX) {
		n = UINT16_MAX;
	}
	bb_u16(b, (uint16_t)n);
	bb_bytes(b, p, n);
}

void bb_patch_u32(struct block_builder *b, size_t at, uint32_t v)
{
	if(!b->failed && at + 4 <= b->len) {
		le32_put(b->data + at, v);
	}
}

void bb_begin(struct block_builder *b, uint32_t type)
{
	b->block_start = b->len;
	bb_u32(b, type);
	bb_u32(b, 0); /* total length, filled in by bb_end */
}

size_t bb_block_body_len(const struct block_builder *b)
{
	return b->len - b->block_start - SCAP_BLOCK_HEADER_SIZE;
}

void bb_end(struct block_builder *b)
{
	if(b->failed) {
		return;
	}
	uint32_t pad = scap_pad4(b->len - b->block_start);
	static const uint8_t zeros[4] = {0, 0, 0, 0};
	bb_bytes(b, zeros, pad);
	uint64_t total = (uint64_t)(b->len - b->block_start) + SCAP_BLOCK_TRAILER_SIZE;
	if(total > UINT32_MAX) {
		b->failed = 1;
		return;
	}
	bb_u32(b, (uint32_t)total);
	bb_patch_u32(b, b->block_start + 4, (uint32_t)total);
}

uint8_t *bb_block(struct block_builder *b, uint32_t type, size_t body_len)
{
	uint64_t unpadded = (uint64_t)SCAP_BLOCK_HEADER_SIZE + body_len;
	uint32_t pad = scap_pad4(unpadded);
	uint64_t total = unpadded + pad + SCAP_BLOCK_TRAILER_SIZE;
	if(total > UINT32_MAX) {
		b->failed = 1;
		return NULL;
	}
	size_t start = b->len;
	uint8_t *p = bb_reserve(b, (size_t)total);
	if(!p) {
		return NULL;
	}
	b->block_start = start;
	le32_put(p, type);
	le32_put(p + 4, (uint32_t)total);
	memset(p + unpadded, 0, pad);
	le32_put(p + unpadded + pad, (uint32_t)total);
	return p + SCAP_BLOCK_HEADER_SIZE;
}
