/*
 * Records -> event blocks, the way libscap dumps events: an EV_V2 block when
 * the event has no flags, EVF_V2 when it does, with u16 parameter lengths.
 *
 * sysdig decides the width of the length array from the event type (its
 * "large payload" flag), so events of such types get the _LARGE block with
 * u32 lengths. Any other event with a parameter over 65535 bytes (which no
 * driver produces) also gets a _LARGE block rather than losing data; readers
 * that go by block type, like ours, read it back exactly.
 */
#include "event_encoder.h"

#include <stdio.h>
#include <string.h>

#include "event_schema.h" /* native/scap/generated, from tools/gen-schema.js */
#include "le_cursor.h"
#include "scap_format.h"

size_t encode_event_record(struct block_builder *bb, const uint8_t *rec, size_t avail, char *why, size_t whylen)
{
	if(avail < SCAP_RECORD_HEADER_SIZE) {
		snprintf(why, whylen, "%zu bytes left, too few for a record header", avail);
		return 0;
	}
	uint16_t cpu = le16_at(rec);
	uint32_t flags = le32_at(rec + 4);
	uint32_t len = le32_at(rec + 24);
	uint16_t type = le16_at(rec + 28);
	uint32_t nparams = le32_at(rec + 30);
	if(len < SCAP_EVT_HDR_V2_SIZE || (uint64_t)len + SCAP_RECORD_PREFIX_SIZE > avail) {
		snprintf(why, whylen, "length %u does not fit the %zu bytes left", len, avail);
		return 0;
	}
	uint64_t lens_size = (uint64_t)nparams * 4;
	if(lens_size > len - SCAP_EVT_HDR_V2_SIZE) {
		snprintf(why, whylen, "%u parameters do not fit in length %u", nparams, len);
		return 0;
	}
	const uint8_t *lens = rec + SCAP_RECORD_HEADER_SIZE;
	uint64_t data_len = len - SCAP_EVT_HDR_V2_SIZE - lens_size;
	uint64_t sum = 0;
	int large = type < SCAP_EVENT_TYPE_COUNT && (scap_event_schema[type].flags & SCAP_EF_LARGE_PAYLOAD);
	for(uint32_t i = 0; i < nparams; i++) {
		uint32_t l = le32_at(lens + 4 * (size_t)i);
		sum += l;
		if(l > UINT16_MAX) {
			large = 1;
		}
	}
	if(sum > data_len) {
		snprintf(why, whylen, "parameter lengths exceed the record");
		return 0;
	}

	uint32_t len_size = large ? 4 : 2;
	uint64_t evlen = SCAP_EVT_HDR_V2_SIZE + (uint64_t)nparams * len_size + data_len;
	if(evlen > UINT32_MAX - 64) {
		snprintf(why, whylen, "event too large for a block");
		return 0;
	}
	uint32_t block_type = flags ? (large ? SCAP_BT_EVF_V2_LARGE : SCAP_BT_EVF_V2)
	                            : (large ? SCAP_BT_EV_V2_LARGE : SCAP_BT_EV_V2);
	/* One reservation per event: this runs for every event written (-w). */
	size_t body_len = 2 + (flags ? 4 : 0) + (size_t)evlen;
	uint8_t *w = bb_block(bb, block_type, body_len);
	if(!w) {
		return SCAP_RECORD_PREFIX_SIZE + (size_t)len; /* bb->failed: the writer reports it */
	}
	le16_put(w, cpu);
	w += 2;
	if(flags) {
		le32_put(w, flags);
		w += 4;
	}
	memcpy(w, rec + 8, 16); /* ts, tid */
	le32_put(w + 16, (uint32_t)evlen);
	le16_put(w + 20, type);
	le32_put(w + 22, nparams);
	w += SCAP_EVT_HDR_V2_SIZE;
	if(large) {
		memcpy(w, lens, (size_t)nparams * 4);
	} else {
		for(uint32_t i = 0; i < nparams; i++) {
			le16_put(w + 2 * (size_t)i, (uint16_t)le32_at(lens + 4 * (size_t)i));
		}
	}
	w += (size_t)nparams * len_size;
	memcpy(w, lens + lens_size, (size_t)data_len);
	return SCAP_RECORD_PREFIX_SIZE + (size_t)len;
}
