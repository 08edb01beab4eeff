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
 * A v1 event does not say how many parameters it has. Like libscap, start
 * from the schema's count and drop trailing parameters until the lengths add
 * up exactly to the event's size (old drivers wrote fewer parameters than
 * today's table lists). Returns the count, or -1 if no count fits.
 */
static int64_t v1_nparams(const uint8_t *ev, uint32_t evlen, uint32_t schema_n)
{
	const uint8_t *lens = ev + SCAP_EVT_HDR_V1_SIZE;
	uint64_t avail = evlen - SCAP_EVT_HDR_V1_SIZE;
	for(int64_t n = schema_n; n >= 0; n--) {
		if((uint64_t)n * 2 > avail) {
			continue;
		}
		uint64_t total = (uint64_t)n * 2;
		for(int64_t i = 0; i < n; i++) {
			total += le16_at(lens + 2 * i);
		}
		if(total < avail) {
			return -1; /* libscap gives up as soon as the parameters fall short */
		}
		if(total == avail) {
			return n;
		}
	}
	return -1;
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
	uint16_t cpu = le16_at(p);
	uint32_t flags = l.has_flags ? le32_at(p + 2) : 0;
	const uint8_t *ev = p + prefix;
	uint32_t avail = b->body_len - prefix; /* includes the block's padding */

	uint64_t ts = le64_at(ev);
	uint64_t tid = le64_at(ev + 8);
	uint32_t evlen = le32_at(ev + 16);
	uint16_t type = le16_at(ev + 20);

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
		nparams = le32_at(ev + 22);
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
	uint64_t sum = 0;
	for(uint32_t i = 0; i < nparams; i++) {
		sum += l.len_size == 4 ? le32_at(lens + 4 * (size_t)i) : le16_at(lens + 2 * (size_t)i);
	}
	if(sum > data_len) {
		snprintf(why, whylen, "parameter lengths (%llu bytes) exceed event length %u", (unsigned long long)sum,
		         evlen);
		return EVENT_CORRUPT;
	}

	uint64_t rec_len = SCAP_EVT_HDR_V2_SIZE + (uint64_t)nparams * 4 + data_len;
	if(rec_len > UINT32_MAX) {
		snprintf(why, whylen, "event too large once widened (%llu bytes)", (unsigned long long)rec_len);
		return EVENT_CORRUPT;
	}
	if(event_batch_reserve(out, SCAP_RECORD_PREFIX_SIZE + rec_len)) {
		return EVENT_NO_MEMORY;
	}

	uint8_t *r = out->data + out->len;
	le16_put(r, cpu);
	le16_put(r + 2, 0);
	le32_put(r + 4, flags);
	le64_put(r + 8, ts);
	le64_put(r + 16, tid);
	le32_put(r + 24, (uint32_t)rec_len);
	le16_put(r + 28, type);
	le32_put(r + 30, nparams);
	uint8_t *w = r + SCAP_RECORD_HEADER_SIZE;
	if(l.len_size == 4) {
		memcpy(w, lens, (size_t)nparams * 4);
	} else {
		for(uint32_t i = 0; i < nparams; i++) {
			le32_put(w + 4 * (size_t)i, le16_at(lens + 2 * (size_t)i));
		}
	}
	w += (size_t)nparams * 4;
	memcpy(w, lens + (size_t)nparams * l.len_size, (size_t)data_len);

	out->len += SCAP_RECORD_PREFIX_SIZE + rec_len;
	out->count++;
	return EVENT_APPENDED;
}
