/* Small file helpers for the /proc scanner. */
#ifndef SINSPECT_PROCSCAN_UTIL_H
#define SINSPECT_PROCSCAN_UTIL_H

#include <stddef.h>
#include <sys/types.h>

/* Reads up to cap bytes of a file into buf. Returns the byte count, or -1. */
ssize_t ps_read_file(const char *path, char *buf, size_t cap);

/* readlink() that NUL-terminates. Returns the length, or -1. */
ssize_t ps_readlink(const char *path, char *buf, size_t cap);

/* Reads a whole file (any size) into a malloc'd, NUL-terminated buffer. Returns NULL on failure. */
char *ps_read_all(const char *path, size_t *len);

#endif

