/* Socket tables of the /proc scanner; see procscan_sockets.h. */
#include "procscan_sockets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "le_cursor.h"
#include "procscan_util.h"
#include "scap_format.h"

struct ps_socket {
	uint64_t ino;
	struct meta_fd fd;
	char *name;
};

/* Open-addressing table of one namespace's sockets, keyed by inode. */
struct ps_socket_table {
	uint64_t netns;
	struct ps_socket *slots;
	uint32_t cap;
	uint32_t count;
	struct ps_socket_table *next;
};

struct ps_sockets {
	struct ps_socket_table *tables;
};

struct ps_sockets *ps_sockets_new(void)
{
	return calloc(1, sizeof(struct ps_sockets));
}

static void table_free(struct ps_socket_table *t)
{
	for(uint32_t i = 0; i < t->cap; i++) {
		free(t->slots[i].name);
	}
	free(t->slots);
	free(t);
}

void ps_sockets_free(struct ps_sockets *s)
{
	if(!s) {
		return;
	}
	struct ps_socket_table *t = s->tables;
	while(t) {
		struct ps_socket_table *next = t->next;
		table_free(t);
		t = next;
	}
	free(s);
}

static uint32_t ino_hash(uint64_t ino)
{
	return (uint32_t)((ino * 0x9E3779B97F4A7C15ull) >> 32);
}

static struct ps_socket *slot_for(struct ps_socket_table *t, uint64_t ino)
{
	uint32_t mask = t->cap - 1;
	uint32_t h = ino_hash(ino) & mask;
	while(t->slots[h].ino != 0 && t->slots[h].ino != ino) {
		h = (h + 1) & mask;
	}
	return &t->slots[h];
}

static int table_grow(struct ps_socket_table *t)
{
	uint32_t ncap = t->cap ? t->cap * 2 : 256;
	struct ps_socket *old = t->slots;
	uint32_t ocap = t->cap;
	t->slots = calloc(ncap, sizeof(struct ps_socket));
	if(!t->slots) {
		t->slots = old;
		return -1;
	}
	t->cap = ncap;
	for(uint32_t i = 0; i < ocap; i++) {
		if(old[i].ino) {
			*slot_for(t, old[i].ino) = old[i];
		}
	}
	free(old);
	return 0;
}

/* Adds (or replaces, like libscap's hash insert) the socket with inode ino. */
static struct ps_socket *table_put(struct ps_socket_table *t, uint64_t ino)
{
	if(ino == 0) {
		return NULL;
	}
	if((t->count + 1) * 2 > t->cap && table_grow(t)) {
		return NULL;
	}
	struct ps_socket *s = slot_for(t, ino);
	if(s->ino == 0) {
		t->count++;
	}
	free(s->name);
	memset(s, 0, sizeof(*s));
	s->ino = ino;
	s->fd.ino = ino;
	s->fd.name.ptr = "";
	return s;
}

/* Splits a line in place on blanks; returns the number of fields (at most max). */
static int split_fields(char *line, char **fields, int max)
{
	int n = 0;
	char *p = line;
	while(n < max) {
		while(*p == ' ' || *p == '\t') {
			p++;
		}
		if(*p == 0 || *p == '\n') {
			break;
		}
		fields[n++] = p;
		while(*p && *p != ' ' && *p != '\t' && *p != '\n') {
			p++;
		}
		if(*p == 0) {
			break;
		}
		if(*p == '\n') {
			*p = 0;
			break;
		}
		*p++ = 0;
	}
	return n;
}

/* Parses "HEXADDR:HEXPORT" with an address of addr_words 32-bit words, each in host order. */
static int parse_endpoint(const char *s, uint8_t *addr, int addr_words, uint16_t *port)
{
	for(int i = 0; i < addr_words; i++) {
		char word[9];
		memcpy(word, s + 8 * i, 8);
		word[8] = 0;
		char *end;
		unsigned long v = strtoul(word, &end, 16);
		if(end != word + 8) {
			return -1;
		}
		/* /proc prints the in-memory (network order) words as host integers. */
		le32_put(addr + 4 * i, (uint32_t)v);
	}
	if(s[8 * addr_words] != ':') {
		return -1;
	}
	*port = (uint16_t)strtoul(s + 8 * addr_words + 1, NULL, 16);
	return 0;
}

/* Each line: the next line of a /proc/net file, with its header line already skipped. */
typedef void (*line_parser)(struct ps_socket_table *t, char *line, uint8_t l4proto);

static void parse_inet_line(struct ps_socket_table *t, char *line, uint8_t l4proto, int words)
{
	char *f[12];
	if(split_fields(line, f, 12) < 10) {
		return;
	}
	uint8_t sip[16] = {0}, dip[16] = {0};
	uint16_t sport, dport;
	if(parse_endpoint(f[1], sip, words, &sport) || parse_endpoint(f[2], dip, words, &dport)) {
		return;
	}
	struct ps_socket *s = table_put(t, strtoull(f[9], NULL, 10));
	if(!s) {
		return;
	}
	static const uint8_t zero[16] = {0};
	/* As libscap: no remote address means a server (listening or unconnected) socket. */
	int server = memcmp(dip, zero, 4 * (size_t)words) == 0;
	if(words == 1) {
		s->fd.type = server ? SCAP_FDT_IPV4_SERVSOCK : SCAP_FDT_IPV4_SOCK;
	} else {
		s->fd.type = server ? SCAP_FDT_IPV6_SERVSOCK : SCAP_FDT_IPV6_SOCK;
	}
	memcpy(s->fd.sip, sip, sizeof(sip));
	s->fd.sport = sport;
	if(!server) {
		memcpy(s->fd.dip, dip, sizeof(dip));
		s->fd.dport = dport;
	}
	s->fd.l4proto = l4proto;
}

static void parse_ipv4_line(struct ps_socket_table *t, char *line, uint8_t l4proto)
{
	parse_inet_line(t, line, l4proto, 1);
}

static void parse_ipv6_line(struct ps_socket_table *t, char *line, uint8_t l4proto)
{
	parse_inet_line(t, line, l4proto, 4);
}

/* "Num: RefCount Protocol Flags Type St Inode Path" */
static void parse_unix_line(struct ps_socket_table *t, char *line, uint8_t l4proto)
{
	(void)l4proto;
	char *line_end = line + strlen(line);
	char *f[8];
	int n = split_fields(line, f, 7);
	if(n < 7) {
		return;
	}
	struct ps_socket *s = table_put(t, strtoull(f[6], NULL, 10));
	if(!s) {
		return;
	}
	s->fd.type = SCAP_FDT_UNIX_SOCK;
	s->fd.unix_source = strtoull(f[0], NULL, 16);
	/* The path is the rest of the line (it may contain blanks). */
	char *path = f[6] + strlen(f[6]);
	if(path >= line_end) {
		return;
	}
	path++;
	while(*path == ' ' || *path == '\t') {
		path++;
	}
	size_t len = strcspn(path, "\n");
	if(len > 0) {
		s->name = strndup(path, len);
		if(s->name) {
			s->fd.name.ptr = s->name;
			s->fd.name.len = (uint32_t)len;
		}
	}
}

/* "sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode": sysdig 0.29.3 records these as unix sockets. */
static void parse_netlink_line(struct ps_socket_table *t, char *line, uint8_t l4proto)
{
	(void)l4proto;
	char *f[10];
	if(split_fields(line, f, 10) < 10) {
		return;
	}
	struct ps_socket *s = table_put(t, strtoull(f[9], NULL, 10));
	if(s) {
		s->fd.type = SCAP_FDT_UNIX_SOCK;
	}
}

static void read_table(struct ps_socket_table *t, const char *net_dir, const char *file, line_parser parse,
                       uint8_t l4proto)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", net_dir, file);
	size_t len;
	char *buf = ps_read_all(path, &len);
	if(!buf) {
		return; /* no IPv6, no such table: nothing to add */
	}
	char *line = strchr(buf, '\n'); /* skip the header */
	while(line && *++line) {
		char *next = strchr(line, '\n');
		if(next) {
			*next = 0;
		}
		parse(t, line, l4proto);
		line = next;
	}
	free(buf);
}

static struct ps_socket_table *load_namespace(struct ps_sockets *s, uint64_t netns, const char *net_dir)
{
	struct ps_socket_table *t = calloc(1, sizeof(*t));
	if(!t || table_grow(t)) {
		free(t);
		return NULL;
	}
	t->netns = netns;
	read_table(t, net_dir, "tcp", parse_ipv4_line, SCAP_L4_TCP);
	read_table(t, net_dir, "udp", parse_ipv4_line, SCAP_L4_UDP);
	read_table(t, net_dir, "raw", parse_ipv4_line, SCAP_L4_RAW);
	read_table(t, net_dir, "unix", parse_unix_line, 0);
	read_table(t, net_dir, "netlink", parse_netlink_line, 0);
	read_table(t, net_dir, "tcp6", parse_ipv6_line, SCAP_L4_TCP);
	read_table(t, net_dir, "udp6", parse_ipv6_line, SCAP_L4_UDP);
	read_table(t, net_dir, "raw6", parse_ipv6_line, SCAP_L4_RAW);
	t->next = s->tables;
	s->tables = t;
	return t;
}

const struct meta_fd *ps_sockets_find(struct ps_sockets *s, uint64_t netns, const char *net_dir, uint64_t ino)
{
	struct ps_socket_table *t = s->tables;
	while(t && t->netns != netns) {
		t = t->next;
	}
	if(!t) {
		t = load_namespace(s, netns, net_dir);
		if(!t) {
			return NULL;
		}
	}
	if(ino == 0) {
		return NULL;
	}
	struct ps_socket *slot = slot_for(t, ino);
	return slot->ino == ino ? &slot->fd : NULL;
}
