/*
 * Metadata blocks for writing; see meta_writer.h.
 *
 * Every length-prefixed entry is written so that sysdig 0.29.3 accepts it:
 * strings are cut to the limits its reader enforces, fd types it does not
 * know are written as "unsupported", and the process list entry stops after
 * the fields 0.29.3 knows plus the capability sets (a 29-byte tail, which
 * newer readers recognise as the pre-0.10 layout).
 */
#include "meta_writer.h"

#include <string.h>

#include "scap_format.h"

void write_section_header(struct block_builder *bb)
{
	bb_begin(bb, SCAP_BT_SECTION_HEADER);
	bb_u32(bb, SCAP_SHB_MAGIC);
	bb_u16(bb, SCAP_FORMAT_MAJOR);
	bb_u16(bb, SCAP_FORMAT_MINOR);
	bb_u64(bb, UINT64_MAX); /* section length: unknown */
	bb_end(bb);
}

void write_machine_info(struct block_builder *bb, const struct capture_meta *m)
{
	const struct meta_machine *mi = &m->machine;
	bb_begin(bb, SCAP_BT_MACHINE_INFO);
	bb_u32(bb, mi->num_cpus);
	bb_u64(bb, mi->memory_size_bytes);
	bb_u64(bb, mi->max_pid);
	char host[SCAP_HOSTNAME_SIZE];
	memset(host, 0, sizeof(host));
	/* Keep a terminating NUL: readers treat the field as a C string. */
	size_t n = strnlen(mi->hostname, sizeof(mi->hostname));
	memcpy(host, mi->hostname, n < sizeof(host) - 1 ? n : sizeof(host) - 1);
	bb_bytes(bb, host, sizeof(host));
	bb_u64(bb, mi->boot_ts_epoch);
	bb_u64(bb, mi->flags);
	bb_u64(bb, mi->reserved3);
	bb_u64(bb, mi->reserved4);
	bb_end(bb);
}

static void write_iface(struct block_builder *bb, const struct meta_iface *i, int ipv6)
{
	size_t len_at = bb->len;
	bb_u32(bb, 0); /* entry length, not counting itself */
	size_t alen = ipv6 ? 16 : 4;
	size_t namelen = i->name.len < SCAP_MAX_PATH_SIZE ? i->name.len : SCAP_MAX_PATH_SIZE - 1;
	bb_u16(bb, ipv6 ? SCAP_II_IPV6 : SCAP_II_IPV4);
	bb_u16(bb, (uint16_t)namelen);
	bb_bytes(bb, i->addr, alen);
	bb_bytes(bb, i->netmask, alen);
	bb_bytes(bb, i->bcast, alen);
	bb_u64(bb, i->linkspeed);
	bb_bytes(bb, i->name.ptr, namelen);
	bb_patch_u32(bb, len_at, (uint32_t)(bb->len - len_at - 4));
}

void write_iflist(struct block_builder *bb, const struct capture_meta *m)
{
	bb_begin(bb, SCAP_BT_IFLIST_V2);
	for(uint32_t i = 0; i < m->nifaces4; i++) {
		write_iface(bb, &m->ifaces4[i], 0);
	}
	for(uint32_t i = 0; i < m->nifaces6; i++) {
		write_iface(bb, &m->ifaces6[i], 1);
	}
	bb_end(bb);
}

void write_userlist(struct block_builder *bb, const struct capture_meta *m)
{
	const size_t max = SCAP_MAX_CREDENTIALS_STR_LEN - 1;
	bb_begin(bb, SCAP_BT_USERLIST_V2);
	for(uint32_t i = 0; i < m->nusers; i++) {
		const struct meta_user *u = &m->users[i];
		size_t len_at = bb->len;
		bb_u32(bb, 0); /* entry length, counting itself */
		bb_u8(bb, SCAP_USERBLOCK_USER);
		bb_u32(bb, u->uid);
		bb_u32(bb, u->gid);
		bb_str16(bb, u->name.ptr, u->name.len, max);
		bb_str16(bb, u->homedir.ptr, u->homedir.len, max);
		bb_str16(bb, u->shell.ptr, u->shell.len, max);
		bb_patch_u32(bb, len_at, (uint32_t)(bb->len - len_at));
	}
	for(uint32_t i = 0; i < m->ngroups; i++) {
		const struct meta_group *g = &m->groups[i];
		size_t len_at = bb->len;
		bb_u32(bb, 0);
		bb_u8(bb, SCAP_USERBLOCK_GROUP);
		bb_u32(bb, g->gid);
		bb_str16(bb, g->name.ptr, g->name.len, max);
		bb_patch_u32(bb, len_at, (uint32_t)(bb->len - len_at));
	}
	bb_end(bb);
}

/*
 * NUL-separated entries cut to at most max bytes at an entry boundary, so a
 * reader never sees half an argument.
 */
static void write_entries16(struct block_builder *bb, const struct meta_bytes *v, size_t max)
{
	size_t n = v->len;
	if(n > max) {
		n = 0;
		for(size_t i = 0; i < max; i++) {
			if(v->ptr[i] == '\0') {
				n = i + 1;
			}
		}
	}
	bb_str16(bb, v->ptr, n, max);
}

static void write_thread(struct block_builder *bb, const struct meta_thread *t)
{
	size_t len_at = bb->len;
	bb_u32(bb, 0); /* entry length, counting itself */
	bb_u64(bb, (uint64_t)t->tid);
	bb_u64(bb, (uint64_t)t->pid);
	bb_u64(bb, (uint64_t)t->ptid);
	bb_u64(bb, (uint64_t)t->sid);
	bb_u64(bb, (uint64_t)t->vpgid);
	bb_str16(bb, t->comm.ptr, t->comm.len, SCAP_MAX_PATH_SIZE);
	bb_str16(bb, t->exe.ptr, t->exe.len, SCAP_MAX_PATH_SIZE);
	bb_str16(bb, t->exepath.ptr, t->exepath.len, SCAP_MAX_PATH_SIZE);
	write_entries16(bb, &t->args, SCAP_MAX_ARGS_SIZE);
	bb_str16(bb, t->cwd.ptr, t->cwd.len, SCAP_MAX_PATH_SIZE);
	bb_u64(bb, (uint64_t)t->fdlimit);
	bb_u32(bb, t->flags);
	bb_u32(bb, t->uid);
	bb_u32(bb, t->gid);
	bb_u32(bb, t->vmsize_kb);
	bb_u32(bb, t->vmrss_kb);
	bb_u32(bb, t->vmswap_kb);
	bb_u64(bb, t->pfmajor);
	bb_u64(bb, t->pfminor);
	write_entries16(bb, &t->env, SCAP_MAX_ENV_SIZE);
	bb_u64(bb, (uint64_t)t->vtid);
	bb_u64(bb, (uint64_t)t->vpid);
	write_entries16(bb, &t->cgroups, SCAP_MAX_CGROUPS_SIZE);
	bb_str16(bb, t->root.ptr, t->root.len, SCAP_MAX_PATH_SIZE);
	bb_u32(bb, t->loginuid);
	bb_u8(bb, t->exe_writable);
	bb_u64(bb, t->cap_inheritable);
	bb_u64(bb, t->cap_permitted);
	bb_u64(bb, t->cap_effective);
	bb_patch_u32(bb, len_at, (uint32_t)(bb->len - len_at));
}

void write_proclist(struct block_builder *bb, const struct capture_meta *m)
{
	bb_begin(bb, SCAP_BT_PROCLIST_V9);
	for(uint32_t i = 0; i < m->nthreads; i++) {
		write_thread(bb, &m->threads[i]);
	}
	bb_end(bb);
}

static void write_fd(struct block_builder *bb, const struct meta_fd *f)
{
	const size_t max_name = SCAP_MAX_PATH_SIZE - 1;
	uint8_t type = f->type;
	if(type > SCAP_FDT_MAX_LEGACY) {
		type = SCAP_FDT_UNSUPPORTED;
	}
	size_t len_at = bb->len;
	bb_u32(bb, 0); /* entry length, counting itself */
	bb_u64(bb, (uint64_t)f->fd);
	bb_u64(bb, f->ino);
	bb_u8(bb, type);
	switch(type) {
	case SCAP_FDT_IPV4_SOCK:
		bb_bytes(bb, f->sip, 4);
		bb_bytes(bb, f->dip, 4);
		bb_u16(bb, f->sport);
		bb_u16(bb, f->dport);
		bb_u8(bb, f->l4proto);
		break;
	case SCAP_FDT_IPV4_SERVSOCK:
		bb_bytes(bb, f->sip, 4);
		bb_u16(bb, f->sport);
		bb_u8(bb, f->l4proto);
		break;
	case SCAP_FDT_IPV6_SOCK:
		bb_bytes(bb, f->sip, 16);
		bb_bytes(bb, f->dip, 16);
		bb_u16(bb, f->sport);
		bb_u16(bb, f->dport);
		bb_u8(bb, f->l4proto);
		break;
	case SCAP_FDT_IPV6_SERVSOCK:
		bb_bytes(bb, f->sip, 16);
		bb_u16(bb, f->sport);
		bb_u8(bb, f->l4proto);
		break;
	case SCAP_FDT_UNIX_SOCK:
		bb_u64(bb, f->unix_source);
		bb_u64(bb, f->unix_dest);
		bb_str16(bb, f->name.ptr, f->name.len, max_name);
		break;
	case SCAP_FDT_FILE_V2:
		bb_u32(bb, f->open_flags);
		bb_str16(bb, f->name.ptr, f->name.len, max_name);
		bb_u32(bb, f->dev);
		break;
	default:
		bb_str16(bb, f->name.ptr, f->name.len, max_name);
		break;
	}
	bb_patch_u32(bb, len_at, (uint32_t)(bb->len - len_at));
}

void write_fdlist(struct block_builder *bb, const struct meta_thread *t)
{
	bb_begin(bb, SCAP_BT_FDLIST_V2);
	bb_u64(bb, (uint64_t)t->tid);
	for(uint32_t i = 0; i < t->nfds; i++) {
		/* libscap never writes fds of unknown type. */
		if(t->fds[i].type != SCAP_FDT_UNKNOWN) {
			write_fd(bb, &t->fds[i]);
		}
	}
	bb_end(bb);
}
