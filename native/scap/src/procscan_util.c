/* File helpers for the /proc scanner; see procscan_util.h. */
#include "procscan_util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

ssize_t ps_read_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if(fd < 0) {
		return -1;
	}
	size_t got = 0;
	while(got < cap) {
		ssize_t n = read(fd, buf + got, cap - got);
		if(n < 0) {
			if(errno == EINTR) {
				continue;
			}
			close(fd);
			return got ? (ssize_t)got : -1;
		}
		if(n == 0) {
			break;
		}
		got += (size_t)n;
	}
	close(fd);
	return (ssize_t)got;
}

ssize_t ps_readlink(const char *path, char *buf, size_t cap)
{
	if(cap == 0) {
		return -1;
	}
	ssize_t n = readlink(path, buf, cap - 1);
	if(n < 0) {
		return -1;
	}
	buf[n] = 0;
	return n;
}

char *ps_read_all(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if(fd < 0) {
		return NULL;
	}
	size_t cap = 64 * 1024, got = 0;
	char *buf = malloc(cap + 1);
	while(buf) {
		if(got == cap) {
			char *nb = realloc(buf, cap * 2 + 1);
			if(!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		ssize_t n = read(fd, buf + got, cap - got);
		if(n < 0 && errno == EINTR) {
			continue;
		}
		if(n <= 0) {
			break;
		}
		got += (size_t)n;
	}
	close(fd);
	if(buf) {
		buf[got] = 0;
		*len = got;
	}
	return buf;
}
