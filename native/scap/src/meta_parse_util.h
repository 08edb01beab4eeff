/* Small helpers shared by the metadata block parsers. */
#ifndef SINSPECT_META_PARSE_UTIL_H
#define SINSPECT_META_PARSE_UTIL_H

#include <stdio.h>

#include "capture_meta.h"
#include "le_cursor.h"
#include "meta_blocks.h"

/*
 * Reads a u16-length-prefixed string into the arena. A string that does not
 * fit marks the cursor failed (the caller reports it); returns PARSE_NO_MEMORY
 * only when the copy cannot be allocated.
 */
static inline int take_str16(struct le_cursor *c, struct capture_meta *m, struct meta_bytes *dst)
{
	uint16_t n = le_u16(c);
	const uint8_t *p = le_take(c, n);
	if(!p) {
		return PARSE_OK;
	}
	return meta_dup(m, dst, p, n) ? PARSE_NO_MEMORY : PARSE_OK;
}

#define PARSE_FAIL(why, whylen, ...) (snprintf((why), (whylen), __VA_ARGS__), PARSE_CORRUPT)

#endif
