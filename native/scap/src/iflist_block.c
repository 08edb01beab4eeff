/*
 * The interface list block: IPv4 and IPv6 addresses of the machine's network
 * interfaces. Version 1 entries are self-describing by type; version 2 adds a
 * length before each entry (not counting itself).
 */
#include "meta_parse_util.h"
#include "scap_format.h"

/* Parses one entry body. Returns PARSE_OK, PARSE_NO_MEMORY, PARSE_UNSUPPORTED (unknown type) or PARSE_CORRUPT. */
static int parse_iface(struct le_cursor *c, struct capture_meta *m)
{
	uint16_t type = le_u16(c);
	uint16_t namelen = le_u16(c);
	if(c->failed) {
		return PARSE_CORRUPT;
	}
	int ipv6;
	int has_linkspeed;
	switch(type) {
	case SCAP_II_IPV4:
		ipv6 = 0;
		has_linkspeed = 1;
		break;
	case SCAP_II_IPV4_NOLINKSPEED:
		ipv6 = 0;
		has_linkspeed = 0;
		break;
	case SCAP_II_IPV6:
		ipv6 = 1;
		has_linkspeed = 1;
		break;
	case SCAP_II_IPV6_NOLINKSPEED:
		ipv6 = 1;
		has_linkspeed = 0;
		break;
	default:
		return PARSE_UNSUPPORTED;
	}
	struct meta_iface *i = meta_add_iface(m, ipv6);
	if(!i) {
		return PARSE_NO_MEMORY;
	}
	size_t alen = ipv6 ? 16 : 4;
	le_copy(c, i->addr, alen);
	le_copy(c, i->netmask, alen);
	le_copy(c, i->bcast, alen);
	if(has_linkspeed) {
		i->linkspeed = le_u64(c);
	}
	const uint8_t *name = le_take(c, namelen);
	if(!name) {
		return PARSE_CORRUPT;
	}
	return meta_dup(m, &i->name, name, namelen) ? PARSE_NO_MEMORY : PARSE_OK;
}

int parse_iflist(struct capture_meta *m, const struct scap_block *b, char *why, size_t whylen)
{
	int has_len = b->type == SCAP_BT_IFLIST_V2;
	struct le_cursor c;
	le_cursor_init(&c, b->body, b->body_len);
	/* A later interface list replaces an earlier one, as in libscap. */
	m->nifaces4 = 0;
	m->nifaces6 = 0;
	m->has_iflist = 1;

	uint32_t n = 0;
	while(le_remaining(&c) >= 4) {
		struct le_cursor entry;
		if(has_len) {
			uint32_t len = le_u32(&c);
			if(len > le_remaining(&c)) {
				return PARSE_FAIL(why, whylen, "interface entry %u has length %u, but %zu bytes remain", n, len,
				                  le_remaining(&c));
			}
			le_cursor_init(&entry, b->body + c.pos, len);
		} else {
			le_cursor_init(&entry, b->body + c.pos, le_remaining(&c));
		}
		int rc = parse_iface(&entry, m);
		if(rc == PARSE_NO_MEMORY) {
			return rc;
		}
		if(rc == PARSE_UNSUPPORTED) {
			return PARSE_FAIL(why, whylen, "interface entry %u has unknown type %u", n, le16_at(entry.base));
		}
		if(rc != PARSE_OK) {
			return PARSE_FAIL(why, whylen, "interface entry %u runs past its end", n);
		}
		/* v2: step over the whole entry, including fields a newer writer may have appended. */
		c.pos += has_len ? entry.end : entry.pos;
		n++;
	}
	return PARSE_OK;
}
