/* Parameters copied from user or kernel memory: NUL-terminated strings, byte
 * buffers cut at snaplen, and arrays of strings (argv/envp). A read that faults
 * leaves the parameter empty and is counted, it never drops the event. */
#pragma once

#include "event_buffer.h"

enum mem_space { USER_MEM, KERNEL_MEM };

/* Appends a NUL-terminated string without closing the parameter; returns the
 * bytes written (including the NUL), 0 on fault. */
static __always_inline __u16 ev__push_str(struct scratch *s, unsigned long ptr, __u16 max,
                                          enum mem_space space) {
	long n;
	if(!ptr)
		return 0;
	if(space == USER_MEM)
		n = bpf_probe_read_user_str(&s->data[SAFE_OFF(s->pos)], max, (const void *)ptr);
	else
		n = bpf_probe_read_kernel_str(&s->data[SAFE_OFF(s->pos)], max, (const void *)ptr);
	if(n <= 0) {
		STATS_INC(n_read_faults);
		return 0;
	}
	s->pos += n;
	return (__u16)n;
}

/* A PT_CHARBUF / PT_FSPATH parameter. A NULL pointer or a fault gives an empty param. */
static __always_inline void ev__str(struct scratch *s, unsigned long ptr, __u16 max,
                                    enum mem_space space) {
	ev__len(s, ev__push_str(s, ptr, max, space));
}

/* A PT_BYTEBUF parameter holding min(len, snaplen) bytes. */
static __always_inline void ev__bytes(struct scratch *s, unsigned long ptr, long len,
                                      enum mem_space space) {
	__u32 snap = g_config.snaplen;
	if(!ptr || len <= 0) {
		ev__empty(s);
		return;
	}
	__u32 n = len < snap ? (__u32)len : snap;
	n &= (SINSPECT_MAX_EVENT_SIZE - 1);
	long err;
	if(space == USER_MEM)
		err = bpf_probe_read_user(&s->data[SAFE_OFF(s->pos)], n, (const void *)ptr);
	else
		err = bpf_probe_read_kernel(&s->data[SAFE_OFF(s->pos)], n, (const void *)ptr);
	if(err) {
		STATS_INC(n_read_faults);
		ev__empty(s);
		return;
	}
	s->pos += n;
	ev__len(s, n);
}

/* A PT_BYTEBUF holding a user NUL-separated string array (argv, envp) read
 * from an array of user pointers, at most `max_total` bytes. */
static __always_inline void ev__user_str_array(struct scratch *s, unsigned long array,
                                               __u16 max_total) {
	__u32 total = 0;
	if(!array) {
		ev__empty(s);
		return;
	}
	for(int i = 0; i < MAX_ARRAY_ITEMS; i++) {
		unsigned long item = 0;
		if(bpf_probe_read_user(&item, sizeof(item), (const void *)(array + i * sizeof(item))))
			break;
		if(!item || total >= max_total)
			break;
		__u16 n = ev__push_str(s, item, max_total - total, USER_MEM);
		if(!n)
			break;
		total += n;
	}
	ev__len(s, total);
}

/* A PT_BYTEBUF copied from a contiguous user area of NUL-separated strings
 * (mm->arg_start..arg_end), as the kernel keeps argv and envp after exec. */
static __always_inline __u16 ev__push_user_area(struct scratch *s, unsigned long start,
                                                unsigned long len, __u16 max) {
	if(!start || len == 0)
		return 0;
	int truncated = len > max;
	if(truncated)
		len = max;
	len &= (SINSPECT_MAX_EVENT_SIZE - 1);
	if(len == 0)
		return 0;
	if(bpf_probe_read_user(&s->data[SAFE_OFF(s->pos)], len, (const void *)start)) {
		STATS_INC(n_read_faults);
		return 0;
	}
	s->pos += len;
	if(truncated) /* keep the last string terminated */
		s->data[SAFE_OFF(s->pos - 1)] = 0;
	return (__u16)len;
}
