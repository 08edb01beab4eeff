/*
 * Reading a scap savefile: open parses the section header and every metadata
 * block up to the first event; then events come out in batches of normalised
 * records. A damaged file yields every complete event before the damage, then
 * a one-line error naming the file and the byte offset.
 */
#ifndef SINSPECT_SAVEFILE_READER_H
#define SINSPECT_SAVEFILE_READER_H

#include <stddef.h>
#include <stdint.h>

#include "capture_meta.h"
#include "event_batch.h"

#ifdef __cplusplus
extern "C" {
#endif

struct savefile_reader;

struct savefile_reader_options {
	/*
	 * Events of type >= event_type_limit are skipped, the way a libscap with a
	 * table of that size skips them: SCAP_EVENT_TYPE_COUNT_SYSDIG029 to see what
	 * sysdig 0.29.3 sees, SCAP_EVENT_TYPE_COUNT for all the current table knows.
	 */
	uint32_t event_type_limit;
	/* Read process list entries as sysdig 0.29.3 does (see parse_proclist). */
	int legacy_proclist_tail;
};

/*
 * Returns NULL with a one-line message in err when the file cannot be opened,
 * its metadata is damaged, or (as in libscap) no event block follows it.
 */
struct savefile_reader *savefile_reader_open(const char *path, const struct savefile_reader_options *opts,
                                             char *err, size_t errlen);

/*
 * Appends up to max_events events (stopping once the batch holds max_bytes
 * bytes) to batch. Returns the number appended; 0 at the end of the file; -1
 * on damage or failure, with the message in savefile_reader_error. When damage
 * follows some events, those are returned first and the next call returns -1.
 * A fixed batch (event_batch.fixed) ends early when the next event does not fit;
 * that event is kept for the next call. SAVEFILE_BATCH_TOO_SMALL: not even one
 * event fits the (empty) fixed batch; call again with a batch that can grow.
 */
#define SAVEFILE_BATCH_TOO_SMALL (-2)
int64_t savefile_reader_next_batch(struct savefile_reader *r, uint32_t max_events, size_t max_bytes,
                                   struct event_batch *batch);

const char *savefile_reader_error(const struct savefile_reader *r);
const struct capture_meta *savefile_reader_meta(const struct savefile_reader *r);

/* Compressed bytes consumed so far and the file's size: for progress bars. */
uint64_t savefile_reader_bytes_read(struct savefile_reader *r);
uint64_t savefile_reader_file_size(const struct savefile_reader *r);

void savefile_reader_close(struct savefile_reader *r);

#ifdef __cplusplus
}
#endif

#endif
