/* Conversion of one normalised batch record back into an event block. */
#ifndef SINSPECT_EVENT_ENCODER_H
#define SINSPECT_EVENT_ENCODER_H

#include <stddef.h>
#include <stdint.h>

#include "block_builder.h"

/*
 * Encodes the record at rec (at most avail bytes) as one event block.
 * Returns the record's size, or 0 with a reason in why if it is malformed.
 */
size_t encode_event_record(struct block_builder *bb, const uint8_t *rec, size_t avail, char *why, size_t whylen);

#endif
