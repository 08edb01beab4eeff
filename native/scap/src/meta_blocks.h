/*
 * Parsers of the metadata blocks that precede the events. Each takes one
 * complete block (framing already checked by block_reader) and adds what it
 * holds to a capture_meta. On failure `why` says what is wrong, in a few words.
 */
#ifndef SINSPECT_META_BLOCKS_H
#define SINSPECT_META_BLOCKS_H

#include <stddef.h>

#include "block_reader.h"
#include "capture_meta.h"

enum parse_status {
	PARSE_OK = 0,
	PARSE_CORRUPT = -1,
	PARSE_NO_MEMORY = -2,
	PARSE_UNSUPPORTED = -3, /* well-formed but not something we can read (e.g. big-endian) */
};

int parse_section_header(struct capture_meta *m, const struct scap_block *b, char *why, size_t whylen);
int parse_machine_info(struct capture_meta *m, const struct scap_block *b, char *why, size_t whylen);
/*
 * legacy_tail: read the fields after `root` of v9 entries the way sysdig 0.29.3
 * does (loginuid and exe_writable right after root, nothing else), even in files
 * from libs >= 0.10 that put pidns_init_start_ts and tty there. sysdig then
 * shows bytes of that timestamp as the login uid; emulating it means doing so too.
 */
int parse_proclist(struct capture_meta *m, const struct scap_block *b, int legacy_tail, char *why, size_t whylen);
int parse_fdlist(struct capture_meta *m, const struct scap_block *b, char *why, size_t whylen);
int parse_iflist(struct capture_meta *m, const struct scap_block *b, char *why, size_t whylen);
int parse_userlist(struct capture_meta *m, const struct scap_block *b, char *why, size_t whylen);

#endif
