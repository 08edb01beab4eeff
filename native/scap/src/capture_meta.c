/* Storage for the capture metadata model: arena strings, growable arrays, tid lookup. */
#include "capture_meta.h"

#include <stdlib.h>
#include <string.h>

struct meta_arena_chunk {
	struct meta_arena_chunk *next;
	size_t used;
	size_t cap;
	char data[];
};

#define ARENA_CHUNK_SIZE (256u * 1024u)

void meta_init(struct capture_meta *m)
{
	memset(m, 0, sizeof(*m));
}

void meta_free(struct capture_meta *m)
{
	struct meta_arena_chunk *c = m->arena.head;
	while(c) {
		struct meta_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	for(uint32_t i = 0; i < m->nthreads; i++) {
		free(m->threads[i].fds);
	}
	free(m->threads);
	free(m->tid_index);
	free(m->ifaces4);
	free(m->ifaces6);
	free(m->users);
	free(m->groups);
	memset(m, 0, sizeof(*m));
}

int meta_dup(struct capture_meta *m, struct meta_bytes *dst, const void *src, size_t len)
{
	dst->ptr = "";
	dst->len = 0;
	if(len == 0) {
		return 0;
	}
	if(len > UINT32_MAX) {
		return -1;
	}
	struct meta_arena_chunk *c = m->arena.head;
	if(!c || c->cap - c->used < len) {
		/* Big strings get a chunk of their own so they don't waste a shared one. */
		size_t cap = len > ARENA_CHUNK_SIZE / 4 ? len : ARENA_CHUNK_SIZE;
		struct meta_arena_chunk *n = malloc(sizeof(*n) + cap);
		if(!n) {
			return -1;
		}
		n->used = 0;
		n->cap = cap;
		if(c && cap == len) {
			/* Keep the partly used shared chunk at the head. */
			n->next = c->next;
			c->next = n;
		} else {
			n->next = c;
			m->arena.head = n;
		}
		c = n;
	}
	char *p = c->data + c->used;
	memcpy(p, src, len);
	c->used += len;
	dst->ptr = p;
	dst->len = (uint32_t)len;
	return 0;
}

/* Grows *arr (of elements of size elem) so that one more fits. */
static int grow(void **arr, uint32_t *cap, uint32_t count, size_t elem)
{
	if(count < *cap) {
		return 0;
	}
	uint32_t ncap = *cap ? *cap * 2 : 16;
	if(ncap <= *cap) {
		return -1;
	}
	void *n = realloc(*arr, (size_t)ncap * elem);
	if(!n) {
		return -1;
	}
	*arr = n;
	*cap = ncap;
	return 0;
}

struct meta_thread *meta_add_thread(struct capture_meta *m)
{
	if(grow((void **)&m->threads, &m->threads_cap, m->nthreads, sizeof(struct meta_thread))) {
		return NULL;
	}
	struct meta_thread *t = &m->threads[m->nthreads++];
	memset(t, 0, sizeof(*t));
	/* Defaults libscap uses for fields an older block version does not carry. */
	t->sid = -1;
	t->vpgid = -1;
	t->pgid = -1;
	t->vtid = -1;
	t->vpid = -1;
	t->loginuid = UINT32_MAX;
	t->comm.ptr = t->exe.ptr = t->exepath.ptr = t->args.ptr = "";
	t->cwd.ptr = t->env.ptr = t->cgroups.ptr = t->root.ptr = "";
	return t;
}

struct meta_fd *meta_add_fd(struct meta_thread *t)
{
	if(grow((void **)&t->fds, &t->fds_cap, t->nfds, sizeof(struct meta_fd))) {
		return NULL;
	}
	struct meta_fd *f = &t->fds[t->nfds++];
	memset(f, 0, sizeof(*f));
	f->name.ptr = "";
	return f;
}

struct meta_iface *meta_add_iface(struct capture_meta *m, int ipv6)
{
	struct meta_iface **arr = ipv6 ? &m->ifaces6 : &m->ifaces4;
	uint32_t *n = ipv6 ? &m->nifaces6 : &m->nifaces4;
	uint32_t *cap = ipv6 ? &m->ifaces6_cap : &m->ifaces4_cap;
	if(grow((void **)arr, cap, *n, sizeof(struct meta_iface))) {
		return NULL;
	}
	struct meta_iface *i = &(*arr)[(*n)++];
	memset(i, 0, sizeof(*i));
	i->type = ipv6 ? 2 : 1;
	i->name.ptr = "";
	return i;
}

struct meta_user *meta_add_user(struct capture_meta *m)
{
	if(grow((void **)&m->users, &m->users_cap, m->nusers, sizeof(struct meta_user))) {
		return NULL;
	}
	struct meta_user *u = &m->users[m->nusers++];
	memset(u, 0, sizeof(*u));
	u->name.ptr = u->homedir.ptr = u->shell.ptr = "";
	return u;
}

struct meta_group *meta_add_group(struct capture_meta *m)
{
	if(grow((void **)&m->groups, &m->groups_cap, m->ngroups, sizeof(struct meta_group))) {
		return NULL;
	}
	struct meta_group *g = &m->groups[m->ngroups++];
	memset(g, 0, sizeof(*g));
	g->name.ptr = "";
	return g;
}

static uint32_t tid_hash(int64_t tid)
{
	uint64_t x = (uint64_t)tid * 0x9E3779B97F4A7C15ull;
	return (uint32_t)(x >> 32);
}

static void index_insert(struct capture_meta *m, uint32_t idx)
{
	uint32_t mask = m->tid_index_cap - 1;
	uint32_t h = tid_hash(m->threads[idx].tid) & mask;
	while(m->tid_index[h] != 0) {
		/* A later duplicate tid replaces the earlier one, as a hash insert in libscap would shadow it. */
		if(m->threads[m->tid_index[h] - 1].tid == m->threads[idx].tid) {
			break;
		}
		h = (h + 1) & mask;
	}
	m->tid_index[h] = idx + 1;
}

struct meta_thread *meta_find_thread(struct capture_meta *m, int64_t tid, int *oom)
{
	*oom = 0;
	if(m->nthreads == 0) {
		return NULL;
	}
	if((uint64_t)m->nthreads * 2 > m->tid_index_cap) {
		uint32_t cap = 64;
		while(cap < m->nthreads * 2u) {
			cap *= 2;
		}
		uint32_t *n = calloc(cap, sizeof(uint32_t));
		if(!n) {
			*oom = 1;
			return NULL;
		}
		free(m->tid_index);
		m->tid_index = n;
		m->tid_index_cap = cap;
		m->tid_indexed = 0;
	}
	while(m->tid_indexed < m->nthreads) {
		index_insert(m, m->tid_indexed++);
	}
	uint32_t mask = m->tid_index_cap - 1;
	uint32_t h = tid_hash(tid) & mask;
	while(m->tid_index[h] != 0) {
		struct meta_thread *t = &m->threads[m->tid_index[h] - 1];
		if(t->tid == tid) {
			return t;
		}
		h = (h + 1) & mask;
	}
	return NULL;
}
