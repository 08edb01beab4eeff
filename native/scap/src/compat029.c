/* The 0.29.3 rewriter of live eBPF batches (see compat029.h and, for what each
 * step means, sinsp/capture/compat029.ts: the same conversion in TypeScript). */
#include "compat029.h"

#include <stdio.h>
#include <string.h>

#include "event_schema.h" /* native/scap/generated: the large-payload flag */
#include "scap_format.h"

/* record prefix (cpu, reserved, flags: 8) + event header (ts, tid, len, type, nparams: 26) */
#define HEADER 34
/* a ring record's event header (ts, tid, len, type, nparams), then u16 lengths */
#define RING_HEADER 26
/* more parameters than any event of the schema has: such a record is malformed */
#define MAX_PARAMS 128

static inline uint32_t rd32(const uint8_t *p) {
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

static inline uint16_t rd16(const uint8_t *p) {
	uint16_t v;
	memcpy(&v, p, 2);
	return v;
}

static inline uint64_t rd64(const uint8_t *p) {
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline void wr32(uint8_t *p, uint32_t v) {
	memcpy(p, &v, 4);
}

static inline void wr16(uint8_t *p, uint16_t v) {
	memcpy(p, &v, 2);
}

static inline void wr64(uint8_t *p, uint64_t v) {
	memcpy(p, &v, 8);
}

/* Where each parameter of the input record starts, and its length. */
struct params {
	uint32_t n;
	uint32_t max_len; /* of the longest */
	const uint8_t *start[MAX_PARAMS];
	uint32_t len[MAX_PARAMS];
};

static inline int has(const struct params *p, uint32_t i) {
	return i < p->n && p->len[i] > 0;
}

/* One input record, whichever layout it came in (batch record or ring record). */
struct input {
	uint16_t cpu;
	uint16_t reserved; /* the batch prefix's, kept as it is */
	uint32_t flags;
	uint64_t ts;
	uint64_t tid;
	uint16_t type;
	struct params p;
};

/* The same record as an scap event block (what savefile_writer's encoder makes of a
 * record): EV_V2, or EVF_V2 when the record has flags; the _LARGE forms (u32
 * lengths) for large-payload types and parameters over 65535 bytes. */
struct block_shape {
	int large;    /* u32 parameter lengths */
	size_t total; /* the whole block: header, body, padding, trailer */
};

static inline uint32_t block_type(int large, uint32_t flags) {
	return flags ? (large ? SCAP_BT_EVF_V2_LARGE : SCAP_BT_EVF_V2) : (large ? SCAP_BT_EV_V2_LARGE : SCAP_BT_EV_V2);
}

static int check_record(const struct compat029_table *t, const struct compat029_record *r, char *err,
                        size_t errlen, uint32_t type) {
	if((uint64_t)r->first_rule + r->nrules > t->nrules) {
		snprintf(err, errlen, "compat029: rules of event %u out of range", type);
		return -1;
	}
	for(uint32_t i = 0; i < r->nrules; i++) {
		const struct compat029_rule *ru = &t->rules[r->first_rule + i];
		if((uint64_t)ru->bytes_off + ru->nbytes > t->nbytes || ru->kind > C029_BPF_RES_OR_FD) {
			snprintf(err, errlen, "compat029: bad rule %u of event %u", i, type);
			return -1;
		}
		/* what a missing parameter writes must be the size the rule promises */
		if((ru->kind == C029_SC029 && ru->nbytes != 2) || (ru->kind == C029_BPF_RES_OR_FD && ru->nbytes != 9) ||
		   (ru->kind == C029_INT && (ru->size > 8 || ru->nbytes != ru->size))) {
			snprintf(err, errlen, "compat029: bad rule %u of event %u", i, type);
			return -1;
		}
	}
	return 0;
}

/* The parameter bytes of a record whose every rule writes a known size, else -1. */
static int32_t fixed_data(const struct compat029_table *t, const struct compat029_record *r) {
	int32_t n = 0;
	for(uint32_t i = 0; i < r->nrules; i++) {
		const struct compat029_rule *ru = &t->rules[r->first_rule + i];
		switch(ru->kind) {
		case C029_COPY:
			return -1; /* the input parameter's size */
		case C029_INT:
			n += ru->size;
			break;
		case C029_SC029:
			n += 2;
			break;
		case C029_BPF_RES_OR_FD:
			n += 9;
			break;
		default:
			n += ru->nbytes;
			break;
		}
	}
	return n;
}

static inline int large_payload(uint16_t type) {
	return type < SCAP_EVENT_TYPE_COUNT && (scap_event_schema[type].flags & SCAP_EF_LARGE_PAYLOAD);
}

/* What can be known of a record's output in advance (see compat029_record). */
static void prepare_record(const struct compat029_table *t, struct compat029_record *r) {
	r->fixed_data = fixed_data(t, r);
	r->large = (uint8_t)large_payload(r->type);
	r->ncopy = 0;
	r->other_bytes = 0;
	for(uint32_t i = 0; i < r->nrules; i++) {
		const struct compat029_rule *ru = &t->rules[r->first_rule + i];
		if(ru->kind == C029_COPY)
			r->ncopy++;
		/* every kind writes nbytes when its input is missing; INT and SC029 always
		 * write nbytes (check_record), BPF_RES_OR_FD 9 */
		r->other_bytes += ru->nbytes;
	}
}

int compat029_table_prepare(struct compat029_table *t, char *err, size_t errlen) {
	for(uint32_t type = 0; type < t->nplans; type++) {
		struct compat029_plan *p = &t->plans[type];
		if(!p->present)
			continue;
		if(check_record(t, &p->out, err, errlen, type) || (p->has_enter && check_record(t, &p->enter, err, errlen, type)))
			return -1;
		prepare_record(t, &p->out);
		if(p->has_enter)
			prepare_record(t, &p->enter);
		else
			p->enter.fixed_data = -1;
	}
	return 0;
}

/* Fills p from n parameter lengths of `width` bytes each at lens, the data
 * following them up to end; -1 when a length runs past end. */
static inline int locate_params(struct params *p, const uint8_t *lens, unsigned width, uint32_t n,
                                const uint8_t *end) {
	const uint8_t *data = lens + (size_t)n * width;
	uint32_t max_len = 0;
	for(uint32_t i = 0; i < n; i++) {
		uint32_t l = width == 2 ? rd16(lens + 2 * i) : rd32(lens + 4 * i);
		if(l > (size_t)(end - data))
			return -1;
		p->start[i] = data;
		p->len[i] = l;
		if(l > max_len)
			max_len = l;
		data += l;
	}
	p->n = n;
	p->max_len = max_len;
	return 0;
}

/* Locates the parameters of a batch record (rec: len bytes in all, prefix and u32
 * lengths); -1 if malformed. */
static int locate_batch(const uint8_t *rec, size_t len, struct input *in) {
	uint32_t n = rd32(rec + 30);
	if(n > MAX_PARAMS || HEADER + (size_t)n * 4 > len || locate_params(&in->p, rec + HEADER, 4, n, rec + len))
		return -1;
	in->cpu = rd16(rec);
	in->reserved = rd16(rec + 2);
	in->flags = rd32(rec + 4);
	in->ts = rd64(rec + 8);
	in->tid = rd64(rec + 16);
	in->type = rd16(rec + 28);
	return 0;
}

/* The same for a ring record (event header and u16 lengths, no prefix: the
 * kernel's own layout), which has no flags. */
static int locate_ring(const uint8_t *rec, size_t len, uint16_t cpu, struct input *in) {
	if(len < RING_HEADER)
		return -1;
	uint32_t evt_len = rd32(rec + 16);
	uint32_t n = rd32(rec + 22);
	if(evt_len > len || n > MAX_PARAMS || RING_HEADER + (size_t)n * 2 > evt_len ||
	   locate_params(&in->p, rec + RING_HEADER, 2, n, rec + evt_len))
		return -1;
	in->cpu = cpu;
	in->reserved = 0;
	in->flags = 0;
	in->ts = rd64(rec);
	in->tid = rd64(rec + 8);
	in->type = rd16(rec + 20);
	return 0;
}

static size_t param_size(const struct compat029_rule *r, const struct params *p) {
	switch(r->kind) {
	case C029_COPY:
		return has(p, r->from) ? p->len[r->from] : r->nbytes;
	case C029_INT:
		return r->size;
	case C029_SC029:
		return 2;
	case C029_BPF_RES_OR_FD:
		return 9;
	default:
		return r->nbytes;
	}
}

static size_t record_size(const struct compat029_table *t, const struct compat029_record *r, const struct params *p) {
	size_t n = HEADER + 4 * (size_t)r->nrules;
	if(r->fixed_data >= 0)
		return n + (size_t)r->fixed_data;
	for(uint32_t i = 0; i < r->nrules; i++)
		n += param_size(&t->rules[r->first_rule + i], p);
	return n;
}

/* little-endian integer of the input's width re-encoded to `size` bytes */
static inline uint8_t *write_int(const uint8_t *src, uint32_t len, int is_signed, uint32_t size, uint8_t *out) {
	/* the common case, same width: one move */
	if(len == size) {
		if(size == 8) {
			memcpy(out, src, 8);
			return out + 8;
		}
		if(size == 4) {
			memcpy(out, src, 4);
			return out + 4;
		}
	}
	uint32_t keep = len < size ? len : size;
	memcpy(out, src, keep);
	uint8_t fill = is_signed && len > 0 && (src[len - 1] & 0x80) ? 0xff : 0;
	if(size > keep)
		memset(out + keep, fill, size - keep);
	return out + size;
}

/* a generic event's syscall code in 0.29.3's numbering: by native number, else by code */
static uint16_t sc029(const struct compat029_table *t, const struct compat029_rule *r, const struct params *p) {
	uint32_t native_from = r->size;
	if(has(p, native_from) && p->len[native_from] == 2) {
		uint16_t nr = rd16(p->start[native_from]);
		if(nr < t->nsc_by_nr && t->sc_by_nr[nr] >= 0)
			return (uint16_t)t->sc_by_nr[nr];
	}
	if(!has(p, r->from) || p->len[r->from] != 2)
		return 0;
	uint16_t code = rd16(p->start[r->from]);
	if(code < t->nsc_by_code && t->sc_by_code[code] >= 0)
		return (uint16_t)t->sc_by_code[code];
	return code < t->ncode_names ? code : 0;
}

/* memcpy of a length known only at run time, without a library call for the short
 * lengths most parameters have (integers, a syscall code) */
static inline uint8_t *copy_bytes(uint8_t *out, const uint8_t *src, size_t n) {
	switch(n) {
	case 0:
		return out;
	case 1:
		out[0] = src[0];
		return out + 1;
	case 2:
		memcpy(out, src, 2);
		return out + 2;
	case 4:
		memcpy(out, src, 4);
		return out + 4;
	case 8:
		memcpy(out, src, 8);
		return out + 8;
	default:
		memcpy(out, src, n);
		return out + n;
	}
}

static inline uint8_t *write_param(const struct compat029_table *t, const struct compat029_rule *r,
                                   const struct params *p, uint8_t *out) {
	switch(r->kind) {
	case C029_COPY:
		if(!has(p, r->from))
			break;
		return copy_bytes(out, p->start[r->from], p->len[r->from]);
	case C029_INT:
		if(!has(p, r->from))
			break;
		return write_int(p->start[r->from], p->len[r->from], r->is_signed, r->size, out);
	case C029_SC029:
		wr16(out, sc029(t, r, p));
		return out + 2;
	case C029_BPF_RES_OR_FD: {
		if(!has(p, r->from))
			break;
		/* the sign of the value picks the entry of the dynamic table */
		const uint8_t *v = p->start[r->from];
		uint32_t len = p->len[r->from];
		out[0] = (v[len - 1] & 0x80) ? t->bpf_res_index : t->bpf_fd_index;
		return write_int(v, len, r->is_signed, 8, out + 1);
	}
	default:
		break;
	}
	return copy_bytes(out, t->bytes + r->bytes_off, r->nbytes);
}

static uint8_t *write_record(const struct compat029_table *t, const struct compat029_record *r,
                             const struct input *in, uint64_t ts, uint8_t *out) {
	wr16(out, in->cpu);
	wr16(out + 2, in->reserved);
	wr32(out + 4, in->flags);
	wr64(out + 8, ts);
	wr64(out + 16, in->tid);
	wr16(out + 28, r->type);
	wr32(out + 30, r->nrules);
	uint8_t *data = out + HEADER + 4 * (size_t)r->nrules;
	for(uint32_t i = 0; i < r->nrules; i++) {
		uint8_t *start = data;
		data = write_param(t, &t->rules[r->first_rule + i], &in->p, data);
		wr32(out + HEADER + 4 * i, (uint32_t)(data - start));
	}
	wr32(out + 24, (uint32_t)(data - out - 8));
	return data;
}

static inline struct block_shape block_shape(const struct compat029_table *t, const struct compat029_record *r,
                                             const struct params *p, uint32_t flags) {
	size_t data = 0;
	int large = r->large;
	if(r->fixed_data >= 0) {
		/* no parameter of variable size: none over 65535 bytes either (9 at most) */
		data = (size_t)r->fixed_data;
	} else {
		for(uint32_t i = 0; i < r->nrules; i++) {
			size_t n = param_size(&t->rules[r->first_rule + i], p);
			data += n;
			if(n > UINT16_MAX)
				large = 1;
		}
	}
	struct block_shape b;
	b.large = large;
	size_t unpadded = SCAP_BLOCK_HEADER_SIZE + 2 + (flags ? 4 : 0) + SCAP_EVT_HDR_V2_SIZE + (size_t)r->nrules * (large ? 4 : 2) + data;
	b.total = unpadded + scap_pad4(unpadded) + SCAP_BLOCK_TRAILER_SIZE;
	return b;
}

/*
 * A bound on a record's block, for the common case: when no input parameter is over
 * 65535 bytes, no output parameter is either, and the lengths are u16 unless the type
 * is large-payload. With room for the bound, the block is written without working
 * out its size first (block_shape).
 */
static inline size_t block_bound(const struct compat029_record *r, const struct input *in) {
	return SCAP_BLOCK_HEADER_SIZE + 2 + 4 + SCAP_EVT_HDR_V2_SIZE + (size_t)r->nrules * 4 + r->other_bytes +
	       (size_t)r->ncopy * in->p.max_len + 3 + SCAP_BLOCK_TRAILER_SIZE;
}

/* Writes the record as an event block in one pass: parameters as they come, sizes
 * filled in after. large: u32 parameter lengths (the _LARGE block types). */
static inline uint8_t *write_block(const struct compat029_table *t, const struct compat029_record *r,
                                   const struct input *in, uint64_t ts, int large, uint8_t *out) {
	uint8_t *ev = out + 10;
	if(in->flags) {
		wr32(ev, in->flags);
		ev += 4;
	}
	uint8_t *lens = ev + SCAP_EVT_HDR_V2_SIZE;
	const struct compat029_rule *rule = &t->rules[r->first_rule];
	uint8_t *data;
	/* one loop per length width: the test stays out of the loop of every event */
	if(!large) {
		data = lens + (size_t)r->nrules * 2;
		for(uint32_t i = 0; i < r->nrules; i++) {
			uint8_t *start = data;
			data = write_param(t, &rule[i], &in->p, data);
			wr16(lens + 2 * i, (uint16_t)(data - start));
		}
	} else {
		data = lens + (size_t)r->nrules * 4;
		for(uint32_t i = 0; i < r->nrules; i++) {
			uint8_t *start = data;
			data = write_param(t, &rule[i], &in->p, data);
			wr32(lens + 4 * i, (uint32_t)(data - start));
		}
	}
	size_t unpadded = (size_t)(data - out);
	uint32_t total = (uint32_t)(unpadded + scap_pad4(unpadded) + SCAP_BLOCK_TRAILER_SIZE);
	wr32(out, block_type(large, in->flags));
	wr32(out + 4, total);
	wr16(out + 8, in->cpu);
	wr64(ev, ts);
	wr64(ev + 8, in->tid);
	wr32(ev + 16, (uint32_t)(data - ev));
	wr16(ev + 20, r->type);
	wr32(ev + 22, r->nrules);
	/* the padding (under 4 bytes): 4 zero bytes, then the trailer over their excess */
	wr32(data, 0);
	uint8_t *end = out + total - SCAP_BLOCK_TRAILER_SIZE;
	wr32(end, total);
	return end + SCAP_BLOCK_TRAILER_SIZE;
}

/* clone family: res (parameter 0, 8 bytes) is 0 in the new thread's event */
static int res_is_zero(const struct params *p) {
	return p->n >= 1 && p->len[0] == 8 && rd64(p->start[0]) == 0;
}

enum step { STEP_DONE, STEP_NO_ROOM, STEP_DROPPED };

/* Converts one located input record into out (room bytes); on STEP_DONE, *bytes
 * and *records say what was written. Counts it in the stats unless it waits. */
static inline enum step convert_one(const struct compat029_table *t, struct compat029_state *s,
                                    enum compat029_output mode, const struct input *in, uint8_t *out, size_t room,
                                    size_t *bytes, uint32_t *records) {
	const struct compat029_plan *plan = in->type < t->nplans ? &t->plans[in->type] : NULL;
	if(!plan || !plan->present) {
		s->stats.events++;
		s->stats.dropped++;
		return STEP_DROPPED;
	}
	int enter = plan->has_enter && !(plan->child_without_enter && res_is_zero(&in->p));
	uint64_t exit_ts = in->ts;
	/* exit - 1 ns, unless the stream already reached a later time */
	uint64_t enter_ts = exit_ts - 1;
	if(enter_ts < s->last_ts && !(exit_ts < s->last_ts))
		enter_ts = s->last_ts;
	size_t used = 0;
	if(mode == C029_BLOCKS) {
		int enter_large = plan->enter.large, out_large = plan->out.large;
		if(in->p.max_len > UINT16_MAX ||
		   (enter ? block_bound(&plan->enter, in) : 0) + block_bound(&plan->out, in) > room) {
			/* the exact sizes: whether a parameter needs u32 lengths, whether they fit */
			struct block_shape eb = {0, 0};
			if(enter)
				eb = block_shape(t, &plan->enter, &in->p, in->flags);
			struct block_shape xb = block_shape(t, &plan->out, &in->p, in->flags);
			if(eb.total + xb.total > room)
				return STEP_NO_ROOM; /* the record waits for the next call */
			enter_large = eb.large;
			out_large = xb.large;
		}
		if(enter)
			used = (size_t)(write_block(t, &plan->enter, in, enter_ts, enter_large, out) - out);
		used = (size_t)(write_block(t, &plan->out, in, exit_ts, out_large, out + used) - out);
	} else if(mode == C029_RECORDS) {
		size_t size = (enter ? record_size(t, &plan->enter, &in->p) : 0) + record_size(t, &plan->out, &in->p);
		if(size > room)
			return STEP_NO_ROOM;
		if(enter)
			used = (size_t)(write_record(t, &plan->enter, in, enter_ts, out) - out);
		used = (size_t)(write_record(t, &plan->out, in, exit_ts, out + used) - out);
	}
	s->stats.events++;
	if(enter)
		s->stats.enters_added++;
	if(s->last_ts < exit_ts)
		s->last_ts = exit_ts;
	*bytes = used;
	*records = enter ? 2 : 1;
	return STEP_DONE;
}

void compat029_convert(const struct compat029_table *t, struct compat029_state *s, enum compat029_output mode,
                       const uint8_t *in, size_t in_len, uint32_t in_count, uint8_t *out, size_t cap,
                       size_t *in_used, uint32_t *in_done, size_t *out_used, uint32_t *out_count) {
	struct input rec_in;
	size_t off = 0, used = 0;
	uint32_t done = 0, count = 0;
	for(; done < in_count && off + HEADER <= in_len; done++) {
		const uint8_t *rec = in + off;
		size_t len = 8 + (size_t)rd32(rec + 24);
		if(len < HEADER || len > in_len - off) {
			/* a batch from the engine is whole: nothing after this can be trusted */
			s->stats.events++;
			s->stats.dropped++;
			off = in_len;
			done = in_count;
			break;
		}
		if(locate_batch(rec, len, &rec_in) != 0) {
			s->stats.events++;
			s->stats.dropped++;
			off += len;
			continue;
		}
		size_t bytes = 0;
		uint32_t records = 0;
		enum step st = convert_one(t, s, mode, &rec_in, out + used, cap - used, &bytes, &records);
		if(st == STEP_NO_ROOM)
			break;
		used += bytes;
		count += records;
		off += len;
	}
	*in_used = off;
	*in_done = done;
	*out_used = used;
	*out_count = count;
}

int compat029_convert_ring_record(const struct compat029_table *t, struct compat029_state *s,
                                  enum compat029_output mode, const uint8_t *rec, uint32_t len, uint16_t cpu,
                                  uint8_t *out, size_t room, size_t *bytes, uint32_t *records) {
	struct input in;
	*bytes = 0;
	*records = 0;
	if(locate_ring(rec, len, cpu, &in) != 0) {
		s->stats.events++;
		s->stats.dropped++;
		return -1;
	}
	return convert_one(t, s, mode, &in, out, room, bytes, records) == STEP_NO_ROOM ? 1 : 0;
}
