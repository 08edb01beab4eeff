/*
 * The fd list block: the open file descriptors of one thread (named by tid),
 * each entry a type byte followed by that type's fields. Version 2 prefixes
 * every entry with its length, so fields a newer writer appended are skipped.
 */
#include <stdio.h>

#include "meta_parse_util.h"
#include "scap_format.h"

/* Reads the fields of fd type f->type. Returns PARSE_OK, PARSE_NO_MEMORY, or PARSE_UNSUPPORTED for an unknown type. */
static int parse_fd_fields(struct le_cursor *c, struct capture_meta *m, struct meta_fd *f, int has_len)
{
	switch(f->type) {
	case SCAP_FDT_IPV4_SOCK:
		le_copy(c, f->sip, 4);
		le_copy(c, f->dip, 4);
		f->sport = le_u16(c);
		f->dport = le_u16(c);
		f->l4proto = le_u8(c);
		return PARSE_OK;
	case SCAP_FDT_IPV4_SERVSOCK:
		le_copy(c, f->sip, 4);
		f->sport = le_u16(c);
		f->l4proto = le_u8(c);
		return PARSE_OK;
	case SCAP_FDT_IPV6_SOCK:
		le_copy(c, f->sip, 16);
		le_copy(c, f->dip, 16);
		f->sport = le_u16(c);
		f->dport = le_u16(c);
		f->l4proto = le_u8(c);
		return PARSE_OK;
	case SCAP_FDT_IPV6_SERVSOCK:
		le_copy(c, f->sip, 16);
		f->sport = le_u16(c);
		f->l4proto = le_u8(c);
		return PARSE_OK;
	case SCAP_FDT_UNIX_SOCK:
		f->unix_source = le_u64(c);
		f->unix_dest = le_u64(c);
		return take_str16(c, m, &f->name);
	case SCAP_FDT_FILE_V2: {
		f->open_flags = le_u32(c);
		int rc = take_str16(c, m, &f->name);
		/* dev was appended later: present only when the entry is long enough for it. */
		if(has_len && le_remaining(c) >= 4) {
			f->dev = le_u32(c);
		}
		return rc;
	}
	case SCAP_FDT_FIFO:
	case SCAP_FDT_FILE:
	case SCAP_FDT_DIRECTORY:
	case SCAP_FDT_UNSUPPORTED:
	case SCAP_FDT_EVENT:
	case SCAP_FDT_SIGNALFD:
	case SCAP_FDT_EVENTPOLL:
	case SCAP_FDT_INOTIFY:
	case SCAP_FDT_TIMERFD:
	case SCAP_FDT_NETLINK:
	case SCAP_FDT_BPF:
	case SCAP_FDT_USERFAULTFD:
	case SCAP_FDT_IOURING:
	case SCAP_FDT_MEMFD:
	case SCAP_FDT_PIDFD:
		return take_str16(c, m, &f->name);
	case SCAP_FDT_UNKNOWN:
		/* libscap writes no fields for it. */
		return PARSE_OK;
	default:
		return PARSE_UNSUPPORTED;
	}
}

int parse_fdlist(struct capture_meta *m, const struct scap_block *b, char *why, size_t whylen)
{
	int has_len = b->type == SCAP_BT_FDLIST_V2;
	struct le_cursor c;
	le_cursor_init(&c, b->body, b->body_len);

	int64_t tid = (int64_t)le_u64(&c);
	if(c.failed) {
		return PARSE_FAIL(why, whylen, "block too short for a thread id");
	}
	int oom = 0;
	struct meta_thread *t = meta_find_thread(m, tid, &oom);
	if(oom) {
		return PARSE_NO_MEMORY;
	}
	if(!t) {
		return PARSE_FAIL(why, whylen, "fds of thread %lld, which is not in the process list", (long long)tid);
	}

	uint32_t n = 0;
	while(le_remaining(&c) >= 4) {
		struct le_cursor entry;
		if(has_len) {
			/* The length counts itself. */
			uint32_t sub_len = le_u32(&c);
			if(sub_len < 4 || sub_len - 4 > le_remaining(&c)) {
				return PARSE_FAIL(why, whylen, "fd entry %u of thread %lld has length %u, but %zu bytes remain",
				                  n, (long long)tid, sub_len, le_remaining(&c) + 4);
			}
			le_cursor_init(&entry, b->body + c.pos, sub_len - 4);
			c.pos += sub_len - 4;
		} else {
			le_cursor_init(&entry, b->body + c.pos, le_remaining(&c));
		}

		struct meta_fd *f = meta_add_fd(t);
		if(!f) {
			return PARSE_NO_MEMORY;
		}
		f->fd = (int64_t)le_u64(&entry);
		f->ino = le_u64(&entry);
		f->type = le_u8(&entry);
		int rc = entry.failed ? PARSE_CORRUPT : parse_fd_fields(&entry, m, f, has_len);
		if(rc == PARSE_NO_MEMORY) {
			return rc;
		}
		if(rc == PARSE_UNSUPPORTED) {
			if(!has_len) {
				return PARSE_FAIL(why, whylen, "fd %lld of thread %lld has unknown type %u", (long long)f->fd,
				                  (long long)tid, f->type);
			}
			/* Its length lets us step over it; keep it the way newer libscap does. */
			char name[32];
			int len = snprintf(name, sizeof(name), "unknown-type:[%u]", f->type);
			f->type = SCAP_FDT_UNSUPPORTED;
			if(meta_dup(m, &f->name, name, (size_t)len)) {
				return PARSE_NO_MEMORY;
			}
			rc = PARSE_OK;
		}
		if(rc != PARSE_OK || entry.failed) {
			return PARSE_FAIL(why, whylen, "fd entry %u of thread %lld runs past its end", n, (long long)tid);
		}
		if(!has_len) {
			c.pos += entry.pos;
		}
		n++;
	}
	return PARSE_OK;
}
