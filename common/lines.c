/* Plain text input, line by line, for the programs' --text modes. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zj.h"

#define CHUNK (64 * 1024)

struct zj_lines {
	char **files;
	int nfiles, next;
	int fd;                 /* -1: no source open */
	int eof;
	const char *src;
	unsigned long no;
	int warned;
	char *buf, *fixed;
	size_t cap, pos, len;   /* unread bytes are buf[pos..len) */
};

struct zj_lines *zj_lines_new(char **files, int nfiles)
{
	static char *only_stdin[] = { "-" };
	struct zj_lines *l = zj_malloc(sizeof *l);

	memset(l, 0, sizeof *l);
	l->files = nfiles ? files : only_stdin;
	l->nfiles = nfiles ? nfiles : 1;
	l->fd = -1;
	return l;
}

static int open_next(struct zj_lines *l)
{
	const char *name;

	if (l->next >= l->nfiles)
		return 0;
	name = l->files[l->next++];
	if (!strcmp(name, "-")) {
		l->fd = STDIN_FILENO;
		l->src = "stdin";
	} else if ((l->fd = open(name, O_RDONLY)) < 0) {
		zj_die("%s: %s", name, strerror(errno));
	} else {
		l->src = name;
	}
	l->no = 0;
	l->warned = 0;
	l->eof = 0;
	l->pos = l->len = 0;
	return 1;
}

/* Read more after the unread bytes; output is flushed first, so that a
 * line's results are out before the program waits for the next line. */
static void fill(struct zj_lines *l)
{
	ssize_t n;

	if (l->pos)             /* buf is still NULL before the first read */
		memmove(l->buf, l->buf + l->pos, l->len - l->pos);
	l->len -= l->pos;
	l->pos = 0;
	if (l->cap - l->len < CHUNK) {
		l->cap = l->cap ? 2 * l->cap : 2 * CHUNK;
		l->buf = zj_realloc(l->buf, l->cap);
	}
	zj_flush();
	do
		n = read(l->fd, l->buf + l->len, l->cap - l->len - 1);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		zj_die("%s: %s", l->src, strerror(errno));
	l->eof = n == 0;
	l->len += (size_t)n;
}

/* The next line of the open source in buf[pos..pos+*len), or NULL. */
static char *next_line(struct zj_lines *l, size_t *len)
{
	size_t scanned = 0;
	char *line, *nl;

	for (;;) {
		/* buf is NULL before the first read: no NULL + 0 (UBSan) */
		nl = l->len > l->pos ? memchr(l->buf + l->pos + scanned, '\n', l->len - l->pos - scanned) : NULL;
		if (nl || (l->eof && l->len > l->pos))
			break;
		if (l->eof)
			return NULL;
		scanned = l->len - l->pos;
		fill(l);
	}
	line = l->buf + l->pos;
	*len = nl ? (size_t)(nl - line) : l->len - l->pos;
	l->pos += *len + (nl != NULL);
	line[*len] = '\0';      /* over the newline, or in the byte fill() kept free */
	return line;
}

const char *zj_lines_next(struct zj_lines *l, size_t *len)
{
	char *line;

	for (;;) {
		if (l->fd < 0 && !open_next(l))
			return NULL;
		if ((line = next_line(l, len)))
			break;
		if (l->fd > STDIN_FILENO)
			close(l->fd);
		l->fd = -1;
	}
	l->no++;
	if (*len > 0 && line[*len - 1] == '\r')
		line[--*len] = '\0';
	if (!zj_utf8_invalid(line, *len))
		return line;
	if (!l->warned++)
		zj_warn("%s: line %lu: invalid UTF-8 replaced by U+FFFD", l->src, l->no);
	free(l->fixed);
	l->fixed = zj_utf8_repair(line, *len, len);
	return l->fixed;
}

const char *zj_lines_src(const struct zj_lines *l)
{
	return l->src;
}

unsigned long zj_lines_no(const struct zj_lines *l)
{
	return l->no;
}

void zj_lines_free(struct zj_lines *l)
{
	if (!l)
		return;
	if (l->fd > STDIN_FILENO)
		close(l->fd);
	free(l->buf);
	free(l->fixed);
	free(l);
}
