/*
 * Event blocks: a u16 cpu id, for EVF blocks a u32 of flags, then the event
 * (ppm header, parameter lengths, parameter data).
 *
 * Generations: v1 headers lack nparams (it is recovered from the schema and
 * the lengths, as libscap does); v2 headers carry it. The _LARGE blocks use
 * u32 parameter lengths, the others u16. Every length read from the file is
 * checked against the block before it is trusted.
 */
#include "event_block.h"

#include <stdio.h>
#include <string.h>

#include "event_schema.h" /* native/scap/generated, from tools/gen-schema.js */
#include "le_cursor.h"
#include "scap_format.h"

struct event_layout {
	int has_flags;
	int v2;
	uint32_t len_size; /* bytes per parameter length on disk */
};

static struct event_layout layout_of(uint32_t type)
{
	struct event_layout l = {0, 0, 2};
	switch(type) {
	case SCAP_BT_EVF:
		l.has_flags = 1;
		break;
	case SCAP_BT_EV_V2:
		l.v2 = 1;
		break;
	case SCAP_BT_EV_V2_LARGE:
		l.v2 = 1;
		l.len_size = 4;
		break;
	case SCAP_BT_EVF_V2:
		l.has_flags = 1;
		l.v2 = 1;
		break;
	case SCAP_BT_EVF_V2_LARGE:
		l.has_flags = 1;
		l.v2 = 1;
		l.len_size = 4;
		break;
	default: /* EV, EV_INT */
		break;
	}
	return l;
}

/*
 * Unaligned little-endian loads and stores that compile to single moves (and let
 * the widening loop vectorise) on little-endian hosts.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static inline uint16_t ld16(const uint8_t *p)
{
	uint16_t v;
	memcpy(&v, p, 2);
	return v;
}
static inline uint32_t ld32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}
static inline void st32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}
#else
#define ld16 le16_at
#define ld32 le32_at
#define st32 le32_put
#endif

/*
 * A v1 event does not say how many parameters it has. Like libscap, start
 * from the schema's count and drop trailing parameters until the lengths add
 * up exactly to the event's size (old drivers wrote fewer parameters than
 * today's table lists); libscap gives up as soon as they fall short. Counts
 * whose length array alone would not fit are passed over. Returns the count,
 * or -1 if no count fits. The lengths are added once: each step down removes
 * one parameter's length and its 2-byte slot from the total.
 */
static int64_t v1_nparams(const uint8_t *ev, uint32_t evlen, uint32_t schema_n)
{
	const uint8_t *lens = ev + SCAP_EVT_HDR_V1_SIZE;
	uint64_t avail = evlen - SCAP_EVT_HDR_V1_SIZE;
	uint64_t n = schema_n;
	if(n * 2 > avail) {
		n = avail / 2;
	}
	uint64_t total = n * 2;
	for(uint64_t i = 0; i < n; i++) {
		total += ld16(lens + 2 * i);
	}
	for(;;) {
		if(total == avail) {
			return (int64_t)n;
		}
		if(total < avail || n == 0) {
			return -1;
		}
		n--;
		total -= 2 + (uint64_t)ld16(lens + 2 * n);
	}
}

/* Copies u16 lengths into u32 slots; returns their sum. */
static uint64_t widen_lengths(uint8_t *dst, const uint8_t *lens, uint32_t n)
{
	uint64_t sum = 0;
	for(uint32_t i = 0; i < n; i++) {
		uint32_t v = ld16(lens + 2 * (size_t)i);
		st32(dst + 4 * (size_t)i, v);
		sum += v;
	}
	return sum;
}

static uint64_t sum_lengths32(const uint8_t *lens, uint32_t n)
{
	uint64_t sum = 0;
	for(uint32_t i = 0; i < n; i++) {
		sum += ld32(lens + 4 * (size_t)i);
	}
	return sum;
}

enum event_block_status event_block_append(const struct scap_block *b, uint32_t type_limit,
                                           struct event_batch *out, char *why, size_t whylen)
{
	struct event_layout l = layout_of(b->type);
	uint32_t prefix = 2 + (l.has_flags ? 4 : 0);
	uint32_t hdr = l.v2 ? SCAP_EVT_HDR_V2_SIZE : SCAP_EVT_HDR_V1_SIZE;
	if(b->body_len < prefix + hdr) {
		snprintf(why, whylen, "block too short for an event (%u bytes)", b->total_len);
		return EVENT_CORRUPT;
	}
	const uint8_t *p = b->body;
	const uint8_t *ev = p + prefix;
	uint32_t avail = b->body_len - prefix; /* includes the block's padding */

	uint32_t evlen = ld32(ev + 16);
	uint16_t type = ld16(ev + 20);

	if(type >= type_limit || type >= SCAP_EVENT_TYPE_COUNT) {
		return EVENT_SKIPPED;
	}
	if(!l.v2 && (type == SCAP_PPME_NOTIFICATION_E || type == SCAP_PPME_INFRASTRUCTURE_EVENT_E)) {
		/* Old drivers wrote a length 3 bytes too large for these two events. */
		evlen = evlen >= 3 ? evlen - 3 : 0;
	}
	if(evlen < hdr) {
		snprintf(why, whylen, "event length %u is smaller than its header", evlen);
		return EVENT_CORRUPT;
	}
	if(evlen > avail) {
		snprintf(why, whylen, "event length %u exceeds the %u bytes of its block", evlen, avail);
		return EVENT_CORRUPT;
	}

	uint32_t nparams;
	if(l.v2) {
		nparams = ld32(ev + 22);
		if((uint64_t)nparams * l.len_size > evlen - hdr) {
			snprintf(why, whylen, "%u parameters do not fit in event length %u", nparams, evlen);
			return EVENT_CORRUPT;
		}
	} else {
		int64_t n = v1_nparams(ev, evlen, scap_event_schema[type].nparams);
		if(n < 0) {
			snprintf(why, whylen, "parameter lengths of %s event do not add up to its length %u",
			         scap_event_schema[type].name, evlen);
			return EVENT_CORRUPT;
		}
		nparams = (uint32_t)n;
	}

	const uint8_t *lens = ev + hdr;
	uint64_t data_len = (uint64_t)evlen - hdr - (uint64_t)nparams * l.len_size;
	uint64_t rec_len = SCAP_EVT_HDR_V2_SIZE + (uint64_t)nparams * 4 + data_len;
	if(rec_len > UINT32_MAX) {
		snprintf(why, whylen, "event too large once widened (%llu bytes)", (unsigned long long)rec_len);
		return EVENT_CORRUPT;
	}
	int room = event_batch_reserve(out, SCAP_RECORD_PREFIX_SIZE + rec_len);
	if(room != 0) {
		return room > 0 ? EVENT_NO_ROOM : EVENT_NO_MEMORY;
	}

	/*
	 * The record goes straight into the batch; a damaged length array is only
	 * detected while it is copied, and then the record is simply not counted.
	 */
	uint8_t *r = out->data + out->len;
	uint8_t *w = r + SCAP_RECORD_HEADER_SIZE;
	uint64_t sum;
	if(l.len_size == 4) {
		sum = sum_lengths32(lens, nparams);
		memcpy(w, lens, (size_t)nparams * 4);
	} else {
		sum = widen_lengths(w, lens, nparams);
	}
	if(sum > data_len) {
		snprintf(why, whylen, "parameter lengths (%llu bytes) exceed event length %u", (unsigned long long)sum,
		         evlen);
		return EVENT_CORRUPT;
	}
	w += (size_t)nparams * 4;
	memcpy(w, lens + (size_t)nparams * l.len_size, (size_t)data_len);

	/* cpu, reserved, flags; then ts and tid exactly as in the file */
	uint16_t cpu = ld16(p);
	uint32_t flags = l.has_flags ? ld32(p + 2) : 0;
	le16_put(r, cpu);
	le16_put(r + 2, 0);
	st32(r + 4, flags);
	memcpy(r + 8, ev, 16);
	st32(r + 24, (uint32_t)rec_len);
	le16_put(r + 28, type);
	st32(r + 30, nparams);

	out->len += SCAP_RECORD_PREFIX_SIZE + rec_len;
	out->count++;
	return EVENT_APPENDED;
}
