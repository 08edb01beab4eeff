/*
 * Serialises capture metadata as the blocks sysdig 0.29.3 writes and reads:
 * machine info, interface list v2, user list v2, process list v9 and one fd
 * list v2 per thread, in that order.
 */
#ifndef SINSPECT_META_WRITER_H
#define SINSPECT_META_WRITER_H

#include "block_builder.h"
#include "capture_meta.h"

void write_section_header(struct block_builder *bb);
void write_machine_info(struct block_builder *bb, const struct capture_meta *m);
void write_iflist(struct block_builder *bb, const struct capture_meta *m);
void write_userlist(struct block_builder *bb, const struct capture_meta *m);
void write_proclist(struct block_builder *bb, const struct capture_meta *m);
void write_fdlist(struct block_builder *bb, const struct meta_thread *t);

#endif
