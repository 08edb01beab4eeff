/*
 * Live events in sysdig 0.29.3's event table, in C: the eBPF probe's exit-only
 * records (current layout) become 0.29.3 records (an enter event before each
 * syscall exit, 0.29.3's event versions and parameter lists), both in the batch
 * record layout of docs/ARCHITECTURE.md.
 *
 * The conversion table is not C's own: sinsp/capture/compat029-table.ts derives it
 * from the generated schema, and sinsp/capture/compat029-native.ts hands it over
 * as flat arrays (compat029_table_init checks them). sinsp/capture/compat029.ts is
 * the same conversion in TypeScript; test/capture/compat029-native.test.ts holds the
 * two to the same bytes.
 */
#ifndef SINSPECT_COMPAT029_H
#define SINSPECT_COMPAT029_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Rule kinds (Rule in sinsp/capture/compat029-params.ts). */
enum compat029_rule_kind {
	C029_COPY = 0,          /* the input parameter's bytes */
	C029_INT = 1,           /* an integer re-encoded to `size` bytes */
	C029_CONST = 2,         /* fixed bytes */
	C029_SC029 = 3,         /* generic event's syscall code, 0.29.3 numbering */
	C029_BPF_RES_OR_FD = 4, /* bpf exit's PT_DYN: table index, then 8 bytes */
};

struct compat029_rule {
	uint8_t kind;
	uint8_t is_signed;
	uint16_t from;      /* input parameter index (SC029: the ID) */
	uint16_t size;      /* INT: output width; SC029: input index of nativeID */
	uint16_t nbytes;    /* CONST bytes, or what is written when `from` is missing */
	uint32_t bytes_off; /* into compat029_table.bytes */
};

struct compat029_record {
	uint16_t type;
	uint16_t nrules;
	uint32_t first_rule; /* into compat029_table.rules */
	/* filled by compat029_table_prepare: the parameter bytes when no rule copies an
	 * input parameter of variable size (most events), else -1 */
	int32_t fixed_data;
	/* also by compat029_table_prepare, for a bound on the output's size: the rules
	 * that copy an input parameter, and the bytes of all the others at most (and of
	 * those when the input lacks the parameter); whether the type is large-payload */
	uint16_t ncopy;
	uint32_t other_bytes;
	uint8_t large;
};

struct compat029_plan {
	uint8_t present;             /* 0: 0.29.3 has no form of the event, it is dropped */
	uint8_t has_enter;
	uint8_t child_without_enter; /* clone family: no enter when res is 0 */
	struct compat029_record enter, out;
};

struct compat029_table {
	uint32_t nplans; /* indexed by input event type */
	struct compat029_plan *plans;
	uint32_t nrules;
	struct compat029_rule *rules;
	uint32_t nbytes;
	uint8_t *bytes;
	uint32_t nsc_by_nr; /* x86_64 syscall number -> 0.29.3 code, -1 unknown */
	int32_t *sc_by_nr;
	uint32_t nsc_by_code; /* current code -> 0.29.3 code, -1 unknown */
	int32_t *sc_by_code;
	uint32_t ncode_names; /* codes below this keep their number when no row has them */
	uint8_t bpf_fd_index, bpf_res_index;
};

/* What the conversion did (Compat029Stats in compat029.ts). */
struct compat029_stats {
	uint64_t events;       /* input records seen */
	uint64_t enters_added; /* enter events synthesized */
	uint64_t dropped;      /* input records 0.29.3 has no form of (or malformed) */
};

struct compat029_state {
	uint64_t last_ts; /* latest timestamp written */
	struct compat029_stats stats;
};

/* What compat029_convert writes. */
enum compat029_output {
	C029_RECORDS, /* batch records (docs/ARCHITECTURE.md), what JS reads */
	C029_BLOCKS,  /* scap event blocks, ready for a capture file (savefile_writer_write_blocks) */
	C029_COUNT,   /* nothing: records are only counted (out and cap are not used) */
};

/* Checks that every index of the table is in range, then computes what the
 * conversion can know in advance (fixed_data). 0, or -1 with a message in err. */
int compat029_table_prepare(struct compat029_table *t, char *err, size_t errlen);

/*
 * Converts input records from `in` (in_len bytes, in_count records) into `out`
 * (cap bytes) in the form `mode` says, in order, until the input ends or the next
 * record's output does not fit. in_used and in_done say how much input was
 * consumed (the rest is for the next call), and out_used, out_count what was
 * written (out_count: records, whatever their form).
 */
void compat029_convert(const struct compat029_table *t, struct compat029_state *s, enum compat029_output mode,
                       const uint8_t *in, size_t in_len, uint32_t in_count, uint8_t *out, size_t cap,
                       size_t *in_used, uint32_t *in_done, size_t *out_used, uint32_t *out_count);

/*
 * Converts one record as the eBPF probe wrote it in its ring (event header, u16
 * parameter lengths, no batch prefix: len bytes), from CPU cpu, into out (room
 * bytes) in the form `mode` says: what compat029_convert makes of the same record
 * in an engine batch, without the batch between. Returns 1 when the output does not
 * fit (nothing is written or counted: the record waits), -1 when the record is
 * malformed (counted as dropped), else 0 with *bytes and *records what was written
 * (0 and 0 for a record 0.29.3 has no form of, dropped as compat029_convert drops it).
 */
int compat029_convert_ring_record(const struct compat029_table *t, struct compat029_state *s,
                                  enum compat029_output mode, const uint8_t *rec, uint32_t len, uint16_t cpu,
                                  uint8_t *out, size_t room, size_t *bytes, uint32_t *records);

#ifdef __cplusplus
}
#endif

#endif
