/* The machine info block: cpus, memory, hostname, boot time. */
#include <string.h>

#include "meta_parse_util.h"
#include "scap_format.h"

int parse_machine_info(struct capture_meta *m, const struct scap_block *b, char *why, size_t whylen)
{
	(void)why;
	(void)whylen;
	/*
	 * libscap reads a fixed-size struct; be lenient and zero-fill whatever a
	 * shorter block lacks, ignoring anything a longer one adds.
	 */
	uint8_t raw[SCAP_MACHINE_INFO_SIZE];
	memset(raw, 0, sizeof(raw));
	memcpy(raw, b->body, b->body_len < sizeof(raw) ? b->body_len : sizeof(raw));

	struct le_cursor c;
	le_cursor_init(&c, raw, sizeof(raw));
	struct meta_machine *mi = &m->machine;
	mi->num_cpus = le_u32(&c);
	mi->memory_size_bytes = le_u64(&c);
	mi->max_pid = le_u64(&c);
	le_copy(&c, mi->hostname, SCAP_HOSTNAME_SIZE);
	mi->hostname[SCAP_HOSTNAME_SIZE] = 0;
	mi->boot_ts_epoch = le_u64(&c);
	mi->flags = le_u64(&c);
	mi->reserved3 = le_u64(&c);
	mi->reserved4 = le_u64(&c);
	m->has_machine = 1;
	return PARSE_OK;
}
