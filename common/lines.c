/* Plain text input, line by line, for the programs' --text modes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zj.h"

struct zj_lines {
	char **files;
	int nfiles, next;
	FILE *f;
	const char *src;
	unsigned long no;
	int warned;
	char *line, *fixed;
	size_t cap;
};

struct zj_lines *zj_lines_new(char **files, int nfiles)
{
	static char *only_stdin[] = { "-" };
	struct zj_lines *l = zj_malloc(sizeof *l);

	memset(l, 0, sizeof *l);
	l->files = nfiles ? files : only_stdin;
	l->nfiles = nfiles ? nfiles : 1;
	return l;
}

static int open_next(struct zj_lines *l)
{
	const char *name;

	if (l->next >= l->nfiles)
		return 0;
	name = l->files[l->next++];
	if (!strcmp(name, "-")) {
		l->f = stdin;
		l->src = "stdin";
	} else if (!(l->f = fopen(name, "r"))) {
		zj_die("%s: %s", name, strerror(errno));
	} else {
		l->src = name;
	}
	l->no = 0;
	l->warned = 0;
	return 1;
}

const char *zj_lines_next(struct zj_lines *l, size_t *len)
{
	ssize_t n;

	for (;;) {
		if (!l->f && !open_next(l))
			return NULL;
		zj_flush();
		n = getline(&l->line, &l->cap, l->f);
		if (n >= 0)
			break;
		if (ferror(l->f))
			zj_die("%s: %s", l->src, strerror(errno));
		if (l->f != stdin)
			fclose(l->f);
		l->f = NULL;
	}
	l->no++;
	if (n > 0 && l->line[n - 1] == '\n')
		l->line[--n] = '\0';
	if (n > 0 && l->line[n - 1] == '\r')
		l->line[--n] = '\0';
	*len = (size_t)n;
	if (!zj_utf8_invalid(l->line, *len))
		return l->line;
	if (!l->warned++)
		zj_warn("%s: line %lu: invalid UTF-8 replaced by U+FFFD", l->src, l->no);
	free(l->fixed);
	l->fixed = zj_utf8_repair(l->line, *len, len);
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
	if (l->f && l->f != stdin)
		fclose(l->f);
	free(l->line);
	free(l->fixed);
	free(l);
}
