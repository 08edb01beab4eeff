/* Block framing: see block_reader.h and scap_format.h. */
#include "block_reader.h"

#include "le_cursor.h"
#include "scap_format.h"

enum block_status block_read(struct gz_input *in, struct scap_block *b)
{
	const uint8_t *p;
	b->offset = gz_input_offset(in);
	b->type = 0;
	b->total_len = 0;
	b->body = NULL;
	b->body_len = 0;
	b->have = 0;

	size_t got = gz_input_window(in, SCAP_BLOCK_HEADER_SIZE, &p);
	if(got < SCAP_BLOCK_HEADER_SIZE) {
		b->have = (uint32_t)got;
		if(in->state != GZ_INPUT_EOF && in->state != GZ_INPUT_GZ_TRUNCATED) {
			return BLOCK_INPUT_FAIL;
		}
		if(got == 0) {
			return in->state == GZ_INPUT_GZ_TRUNCATED ? BLOCK_INPUT_FAIL : BLOCK_END;
		}
		if(got >= 4) {
			b->type = le32_at(p);
		}
		return BLOCK_TRUNCATED;
	}
	b->type = le32_at(p);
	b->total_len = le32_at(p + 4);
	if(b->total_len < SCAP_BLOCK_OVERHEAD) {
		return BLOCK_BAD_LENGTH;
	}

	got = gz_input_window(in, b->total_len, &p);
	if(got < b->total_len) {
		b->have = (uint32_t)got;
		if(in->state != GZ_INPUT_EOF && in->state != GZ_INPUT_GZ_TRUNCATED) {
			return BLOCK_INPUT_FAIL;
		}
		return BLOCK_TRUNCATED;
	}
	b->trailer = le32_at(p + b->total_len - SCAP_BLOCK_TRAILER_SIZE);
	if(b->trailer != b->total_len) {
		return BLOCK_BAD_TRAILER;
	}
	b->body = p + SCAP_BLOCK_HEADER_SIZE;
	b->body_len = b->total_len - SCAP_BLOCK_OVERHEAD;
	gz_input_consume(in, b->total_len);
	return BLOCK_OK;
}

enum block_kind block_kind_of(uint32_t type)
{
	switch(type) {
	case SCAP_BT_SECTION_HEADER:
		return BLOCK_KIND_SECTION_HEADER;
	case SCAP_BT_MACHINE_INFO:
	case SCAP_BT_MACHINE_INFO_INT:
		return BLOCK_KIND_MACHINE_INFO;
	case SCAP_BT_PROCLIST_V1:
	case SCAP_BT_PROCLIST_V1_INT:
	case SCAP_BT_PROCLIST_V2:
	case SCAP_BT_PROCLIST_V2_INT:
	case SCAP_BT_PROCLIST_V3:
	case SCAP_BT_PROCLIST_V3_INT:
	case SCAP_BT_PROCLIST_V4:
	case SCAP_BT_PROCLIST_V5:
	case SCAP_BT_PROCLIST_V6:
	case SCAP_BT_PROCLIST_V7:
	case SCAP_BT_PROCLIST_V8:
	case SCAP_BT_PROCLIST_V9:
		return BLOCK_KIND_PROCLIST;
	case SCAP_BT_FDLIST:
	case SCAP_BT_FDLIST_INT:
	case SCAP_BT_FDLIST_V2:
		return BLOCK_KIND_FDLIST;
	case SCAP_BT_IFLIST:
	case SCAP_BT_IFLIST_INT:
	case SCAP_BT_IFLIST_V2:
		return BLOCK_KIND_IFLIST;
	case SCAP_BT_USERLIST:
	case SCAP_BT_USERLIST_INT:
	case SCAP_BT_USERLIST_V2:
		return BLOCK_KIND_USERLIST;
	case SCAP_BT_EV:
	case SCAP_BT_EV_INT:
	case SCAP_BT_EV_V2:
	case SCAP_BT_EV_V2_LARGE:
	case SCAP_BT_EVF:
	case SCAP_BT_EVF_V2:
	case SCAP_BT_EVF_V2_LARGE:
		return BLOCK_KIND_EVENT;
	default:
		return BLOCK_KIND_UNKNOWN;
	}
}

const char *block_kind_name(uint32_t type)
{
	static const char *const names[] = {
	        [BLOCK_KIND_UNKNOWN] = "unknown",
	        [BLOCK_KIND_SECTION_HEADER] = "section header",
	        [BLOCK_KIND_MACHINE_INFO] = "machine info",
	        [BLOCK_KIND_PROCLIST] = "process list",
	        [BLOCK_KIND_FDLIST] = "fd list",
	        [BLOCK_KIND_IFLIST] = "interface list",
	        [BLOCK_KIND_USERLIST] = "user list",
	        [BLOCK_KIND_EVENT] = "event",
	};
	return names[block_kind_of(type)];
}
