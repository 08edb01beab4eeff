/*
 * The user list block: users (uid, gid, name, home, shell) and groups (gid,
 * name) in one sequence, each entry tagged by a type byte. Version 2 prefixes
 * each entry with its length (counting itself).
 */
#include "meta_parse_util.h"
#include "scap_format.h"

static int parse_account(struct le_cursor *c, struct capture_meta *m)
{
	uint8_t type = le_u8(c);
	int rc = PARSE_OK;
	/* libscap reads every type other than "user" as a group. */
	if(type == SCAP_USERBLOCK_USER) {
		struct meta_user *u = meta_add_user(m);
		if(!u) {
			return PARSE_NO_MEMORY;
		}
		u->uid = le_u32(c);
		u->gid = le_u32(c);
		rc |= take_str16(c, m, &u->name);
		rc |= take_str16(c, m, &u->homedir);
		rc |= take_str16(c, m, &u->shell);
	} else {
		struct meta_group *g = meta_add_group(m);
		if(!g) {
			return PARSE_NO_MEMORY;
		}
		g->gid = le_u32(c);
		rc |= take_str16(c, m, &g->name);
	}
	if(rc != PARSE_OK) {
		return PARSE_NO_MEMORY;
	}
	return c->failed ? PARSE_CORRUPT : PARSE_OK;
}

int parse_userlist(struct capture_meta *m, const struct scap_block *b, char *why, size_t whylen)
{
	int has_len = b->type == SCAP_BT_USERLIST_V2;
	struct le_cursor c;
	le_cursor_init(&c, b->body, b->body_len);
	/* A later user list replaces an earlier one, as in libscap. */
	m->nusers = 0;
	m->ngroups = 0;
	m->has_userlist = 1;

	uint32_t n = 0;
	while(le_remaining(&c) >= 4) {
		struct le_cursor entry;
		if(has_len) {
			uint32_t sub_len = le_u32(&c);
			if(sub_len < 4 || sub_len - 4 > le_remaining(&c)) {
				return PARSE_FAIL(why, whylen, "user entry %u has length %u, but %zu bytes remain", n, sub_len,
				                  le_remaining(&c) + 4);
			}
			le_cursor_init(&entry, b->body + c.pos, sub_len - 4);
		} else {
			le_cursor_init(&entry, b->body + c.pos, le_remaining(&c));
		}
		int rc = parse_account(&entry, m);
		if(rc == PARSE_NO_MEMORY) {
			return rc;
		}
		if(rc != PARSE_OK) {
			return PARSE_FAIL(why, whylen, "user entry %u runs past its end", n);
		}
		c.pos += has_len ? entry.end : entry.pos;
		n++;
	}
	return PARSE_OK;
}
