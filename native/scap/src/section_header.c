/* The section header block that opens every capture file. */
#include "meta_parse_util.h"
#include "scap_format.h"

int parse_section_header(struct capture_meta *m, const struct scap_block *b, char *why, size_t whylen)
{
	if(b->body_len < SCAP_SHB_BODY_SIZE) {
		return PARSE_FAIL(why, whylen, "section header too short (%u bytes)", b->body_len);
	}
	struct le_cursor c;
	le_cursor_init(&c, b->body, b->body_len);
	uint32_t magic = le_u32(&c);
	uint16_t major = le_u16(&c);
	uint16_t minor = le_u16(&c);
	(void)le_u64(&c); /* section length: always -1 (unknown) in practice */
	/* Any bytes after this are pcapng-style options; nothing in them matters to us. */

	if(magic == SCAP_SHB_MAGIC_SWAPPED) {
		snprintf(why, whylen, "big-endian captures are not supported");
		return PARSE_UNSUPPORTED;
	}
	if(magic != SCAP_SHB_MAGIC) {
		return PARSE_FAIL(why, whylen, "bad byte-order magic 0x%08x", magic);
	}
	if(major > SCAP_FORMAT_MAJOR) {
		snprintf(why, whylen, "capture format version %u.%u is newer than this reader (%u.x)", major, minor,
		         SCAP_FORMAT_MAJOR);
		return PARSE_UNSUPPORTED;
	}
	m->major_version = major;
	m->minor_version = minor;
	return PARSE_OK;
}
