/* Finding and reading the data files (word lists, patterns) of a program. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zj.h"

#ifndef ZJ_SRCDIR
#define ZJ_SRCDIR "."
#endif

static char *join(const char *a, const char *b, const char *c, const char *d)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + strlen(d) + 3;
	char *p = zj_malloc(n);

	snprintf(p, n, "%s/%s%s/%s", a, b, c, d);
	return p;
}

/* The folder above the running executable's (PREFIX for PREFIX/bin/zj-x),
 * or NULL. */
static char *exe_prefix(void)
{
	char buf[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	int up;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	for (up = 0; up < 2; up++) {
		if (!(slash = strrchr(buf, '/')))
			return NULL;
		*slash = '\0';
	}
	return zj_strdup(buf);
}

char *zj_data_path(const char *name)
{
	const char *tool = zj_prog && zj_prog->tool ? zj_prog->tool : "";
	const char *env = getenv("ZJ_DATADIR");
	char *dir, *path;

	if (env && *env) {
		path = join(env, "", tool, name);
		if (!access(path, R_OK))
			return path;
		free(path);
	}
	if ((dir = exe_prefix())) {
		path = join(dir, "share/zongjie/", tool, name);
		free(dir);
		if (!access(path, R_OK))
			return path;
		free(path);
	}
	return join(ZJ_SRCDIR, "filters/", tool, name);
}

char *zj_data_file(const char *user, const char *name)
{
	return user ? zj_strdup(user) : zj_data_path(name);
}

void zj_tsv_load(const char *path, zj_rowfn *fn, void *ctx)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *field[ZJ_TSV_MAXF];
	size_t cap = 0;
	unsigned long no = 0;
	ssize_t n;

	if (!f)
		zj_die("%s: %s", path, strerror(errno));
	while ((n = getline(&line, &cap, f)) >= 0) {
		int nf = 0;
		char *p = line;

		no++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if (zj_utf8_invalid(line, (size_t)n))
			zj_die("%s:%lu: invalid UTF-8", path, no);
		for (;;) {
			char *tab = strchr(p, '\t');
			if (nf == ZJ_TSV_MAXF)
				zj_die("%s:%lu: more than %d fields", path, no, ZJ_TSV_MAXF);
			field[nf++] = p;
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		fn(field, nf, path, no, ctx);
	}
	if (ferror(f))
		zj_die("%s: %s", path, strerror(errno));
	free(line);
	fclose(f);
}
