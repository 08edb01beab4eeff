/*
 * The process list block: one entry per thread. Nine generations of the
 * layout exist; fields were added in the middle until v9, which prefixes each
 * entry with its length so that later fields could be appended at the end.
 */
#include "meta_parse_util.h"
#include "scap_format.h"

/* The layout generation of a process list block type, 0 if it is not one. */
static int proclist_version(uint32_t type)
{
	switch(type) {
	case SCAP_BT_PROCLIST_V1:
	case SCAP_BT_PROCLIST_V1_INT:
		return 1;
	case SCAP_BT_PROCLIST_V2:
	case SCAP_BT_PROCLIST_V2_INT:
		return 2;
	case SCAP_BT_PROCLIST_V3:
	case SCAP_BT_PROCLIST_V3_INT:
		return 3;
	case SCAP_BT_PROCLIST_V4:
		return 4;
	case SCAP_BT_PROCLIST_V5:
		return 5;
	case SCAP_BT_PROCLIST_V6:
		return 6;
	case SCAP_BT_PROCLIST_V7:
		return 7;
	case SCAP_BT_PROCLIST_V8:
		return 8;
	case SCAP_BT_PROCLIST_V9:
		return 9;
	default:
		return 0;
	}
}

/* Bytes of the optional fields that writers before libs 0.10 appended after root. */
#define PRE_0_10_TAIL_SIZE 29u /* loginuid 4 + exe_writable 1 + three capability sets 3 * 8 */

/* The v9 tail as sysdig 0.29.3 reads it: the two fields it knows, whatever follows root. */
static void parse_v9_legacy_tail(struct le_cursor *c, struct meta_thread *t)
{
	if(le_remaining(c) >= 4) t->loginuid = le_u32(c);
	if(le_remaining(c) >= 1) t->exe_writable = le_u8(c);
}

/* Reads the fields that follow `root` in a length-prefixed (v9) entry, as far as the entry goes. */
static void parse_v9_tail(struct le_cursor *c, struct meta_thread *t)
{
#define HAS(n) (le_remaining(c) >= (n))
	/*
	 * libs 0.10 inserted pidns_init_start_ts and tty before loginuid. Files from
	 * older writers have at most the 29 bytes of the old tail; anything longer
	 * must be the new layout.
	 */
	if(le_remaining(c) > PRE_0_10_TAIL_SIZE) {
		if(HAS(8)) t->pidns_init_start_ts = le_u64(c);
		if(HAS(4)) t->tty = le_u32(c);
	}
	if(HAS(4)) t->loginuid = le_u32(c);
	if(HAS(1)) t->exe_writable = le_u8(c);
	if(HAS(8)) t->cap_inheritable = le_u64(c);
	if(HAS(8)) t->cap_permitted = le_u64(c);
	if(HAS(8)) t->cap_effective = le_u64(c);
	if(HAS(1)) t->exe_upper_layer = le_u8(c);
	if(HAS(8)) t->exe_ino = le_u64(c);
	if(HAS(8)) t->exe_ino_ctime = le_u64(c);
	if(HAS(8)) t->exe_ino_mtime = le_u64(c);
	if(HAS(1)) t->exe_from_memfd = le_u8(c) != 0;
	if(HAS(1)) t->exe_lower_layer = le_u8(c);
	if(HAS(8)) t->pgid = (int64_t)le_u64(c);
#undef HAS
	/* Whatever remains was added by a newer writer: the caller skips it. */
}

/* Parses one entry from c (bounded to the entry for v9). */
static int parse_entry(struct le_cursor *c, int version, int legacy_tail, struct capture_meta *m)
{
	struct meta_thread *t = meta_add_thread(m);
	if(!t) {
		return PARSE_NO_MEMORY;
	}
	int rc = PARSE_OK;
	t->tid = (int64_t)le_u64(c);
	t->pid = (int64_t)le_u64(c);
	t->ptid = (int64_t)le_u64(c);
	if(version >= 6) {
		t->sid = (int64_t)le_u64(c);
	}
	if(version >= 8) {
		t->vpgid = (int64_t)le_u64(c);
	}
	rc |= take_str16(c, m, &t->comm);
	rc |= take_str16(c, m, &t->exe);
	if(version >= 7) {
		rc |= take_str16(c, m, &t->exepath);
	}
	rc |= take_str16(c, m, &t->args);
	rc |= take_str16(c, m, &t->cwd);
	t->fdlimit = (int64_t)le_u64(c);
	t->flags = le_u32(c);
	t->uid = le_u32(c);
	t->gid = le_u32(c);
	if(version >= 2) {
		t->vmsize_kb = le_u32(c);
		t->vmrss_kb = le_u32(c);
		t->vmswap_kb = le_u32(c);
		t->pfmajor = le_u64(c);
		t->pfminor = le_u64(c);
	}
	if(version >= 3) {
		rc |= take_str16(c, m, &t->env);
	}
	if(version >= 4) {
		t->vtid = (int64_t)le_u64(c);
		t->vpid = (int64_t)le_u64(c);
		rc |= take_str16(c, m, &t->cgroups);
	}
	if(version >= 5) {
		rc |= take_str16(c, m, &t->root);
	}
	if(rc != PARSE_OK) {
		return PARSE_NO_MEMORY;
	}
	if(version >= 9 && !c->failed) {
		if(legacy_tail) {
			parse_v9_legacy_tail(c, t);
		} else {
			parse_v9_tail(c, t);
		}
	}
	return c->failed ? PARSE_CORRUPT : PARSE_OK;
}

int parse_proclist(struct capture_meta *m, const struct scap_block *b, int legacy_tail, char *why, size_t whylen)
{
	int version = proclist_version(b->type);
	struct le_cursor c;
	le_cursor_init(&c, b->body, b->body_len);
	m->has_proclist = 1;
	uint32_t n = 0;

	/* Entries run until less than 4 bytes (the padding) remain, as libscap reads them. */
	while(le_remaining(&c) >= 4) {
		size_t entry_off = c.pos;
		struct le_cursor entry;
		if(version >= 9) {
			uint32_t sub_len = le_u32(&c);
			/* The length counts itself. */
			if(sub_len < 4 || sub_len - 4 > le_remaining(&c)) {
				return PARSE_FAIL(why, whylen, "thread entry %u has length %u, but %zu bytes remain", n,
				                  sub_len, le_remaining(&c) + 4);
			}
			le_cursor_init(&entry, b->body + c.pos, sub_len - 4);
			c.pos += sub_len - 4;
		} else {
			le_cursor_init(&entry, b->body + c.pos, le_remaining(&c));
		}
		int rc = parse_entry(&entry, version, legacy_tail, m);
		if(rc == PARSE_NO_MEMORY) {
			return rc;
		}
		if(rc != PARSE_OK) {
			return PARSE_FAIL(why, whylen, "thread entry %u at block offset %zu runs past its end", n,
			                  entry_off + SCAP_BLOCK_HEADER_SIZE);
		}
		if(version < 9) {
			c.pos += entry.pos;
		}
		n++;
	}
	return PARSE_OK;
}
