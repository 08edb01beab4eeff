/*
 * Bounded little-endian reads over a block that is already in memory.
 *
 * Every parser works on a cursor instead of raw pointers so that a length
 * field read from a damaged file can never move a read past the block: a read
 * that does not fit sets `failed`, returns zero, and leaves the position alone.
 * Parsers check `failed` once at a convenient point instead of after every read.
 */
#ifndef SINSPECT_LE_CURSOR_H
#define SINSPECT_LE_CURSOR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct le_cursor {
	const uint8_t *base;
	size_t pos;
	size_t end;
	int failed;
};

static inline void le_cursor_init(struct le_cursor *c, const uint8_t *base, size_t len)
{
	c->base = base;
	c->pos = 0;
	c->end = len;
	c->failed = 0;
}

static inline size_t le_remaining(const struct le_cursor *c)
{
	return c->end - c->pos;
}

static inline uint16_t le16_at(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t le32_at(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline uint64_t le64_at(const uint8_t *p)
{
	return (uint64_t)le32_at(p) | ((uint64_t)le32_at(p + 4) << 32);
}

static inline void le16_put(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void le32_put(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void le64_put(uint8_t *p, uint64_t v)
{
	le32_put(p, (uint32_t)v);
	le32_put(p + 4, (uint32_t)(v >> 32));
}

/* Returns a pointer to the next n bytes and advances, or NULL (and marks failure). */
static inline const uint8_t *le_take(struct le_cursor *c, size_t n)
{
	if(c->failed || n > c->end - c->pos) {
		c->failed = 1;
		return NULL;
	}
	const uint8_t *p = c->base + c->pos;
	c->pos += n;
	return p;
}

static inline uint8_t le_u8(struct le_cursor *c)
{
	const uint8_t *p = le_take(c, 1);
	return p ? p[0] : 0;
}

static inline uint16_t le_u16(struct le_cursor *c)
{
	const uint8_t *p = le_take(c, 2);
	return p ? le16_at(p) : 0;
}

static inline uint32_t le_u32(struct le_cursor *c)
{
	const uint8_t *p = le_take(c, 4);
	return p ? le32_at(p) : 0;
}

static inline uint64_t le_u64(struct le_cursor *c)
{
	const uint8_t *p = le_take(c, 8);
	return p ? le64_at(p) : 0;
}

static inline void le_copy(struct le_cursor *c, void *dst, size_t n)
{
	const uint8_t *p = le_take(c, n);
	if(p) {
		memcpy(dst, p, n);
	} else {
		memset(dst, 0, n);
	}
}

#endif
