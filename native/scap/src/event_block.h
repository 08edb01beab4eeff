/* Conversion of one event block (any generation) into a normalised batch record. */
#ifndef SINSPECT_EVENT_BLOCK_H
#define SINSPECT_EVENT_BLOCK_H

#include <stddef.h>

#include "block_reader.h"
#include "event_batch.h"

enum event_block_status {
	EVENT_APPENDED = 0,
	EVENT_SKIPPED = 1,  /* an event type beyond the reader's table: libscap skips those too */
	EVENT_CORRUPT = -1,
	EVENT_NO_MEMORY = -2,
	EVENT_NO_ROOM = 2,  /* a fixed batch is full: the event was not appended */
};

/*
 * Appends the event of block b (which must be an event block) to out. Events
 * of type >= type_limit are skipped (type_limit is at most SCAP_EVENT_TYPE_COUNT).
 */
enum event_block_status event_block_append(const struct scap_block *b, uint32_t type_limit,
                                           struct event_batch *out, char *why, size_t whylen);

#endif
