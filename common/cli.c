/* Options, help, errors and allocation shared by every program. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zj.h"

#ifndef ZJ_VERSION
#define ZJ_VERSION "unknown"
#endif

const struct zj_prog *zj_prog;

enum { OPT_HELP = 0x1000, OPT_VERSION, OPT_JSON, OPT_MSGPACK, OPT_DATAFILES };

static const struct option common_opts[] = {
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "msgpack", no_argument, NULL, OPT_MSGPACK },
	{ "data-files", no_argument, NULL, OPT_DATAFILES },
};
#define NCOMMON (sizeof common_opts / sizeof common_opts[0])

static const char common_help[] =
	"      --json          write JSON Lines (the default on a terminal)\n"
	"      --msgpack       write MessagePack (the default elsewhere)\n"
	"      --data-files    print the paths of the data files it reads, and exit\n"
	"  -h, --help          print this help and exit\n"
	"      --version       print the version and exit\n";

static const char *progname(void)
{
	return zj_prog ? zj_prog->name : "zj";
}

static void vmsg(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", progname());
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void zj_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void zj_die(const char *fmt, ...)
{
	va_list ap;

	zj_flush();
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(1);
}

void zj_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", progname());
	exit(2);
}

void *zj_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		zj_die("out of memory (%zu bytes)", n);
	return p;
}

void *zj_realloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		zj_die("out of memory (%zu bytes)", n);
	return p;
}

void *zj_grow(void *p, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return p;
	do {
		if (*cap > SIZE_MAX / 2 / size)
			zj_die("out of memory (an array of over %zu items)", *cap);
		*cap = *cap ? *cap * 2 : 16;
	} while (n >= *cap);
	return zj_realloc(p, *cap * size);
}

char *zj_strndup(const char *s, size_t n)
{
	char *d = zj_malloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *zj_strdup(const char *s)
{
	return zj_strndup(s, strlen(s));
}

long zj_opt_long(const char *opt, const char *arg, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > max)
		zj_usage_error("%s: '%s' is not a number from %ld to %ld", opt, arg, min, max);
	return v;
}

static void help(const struct zj_prog *p)
{
	zj_printf("Usage: %s %s\n%s\n\nOptions:\n%s%s", p->name, p->usage, p->about,
	          p->options ? p->options : "", common_help);
	zj_out_close();
	exit(0);
}

static void version(const struct zj_prog *p)
{
	zj_printf("%s (zongjie) %s\n", p->name, ZJ_VERSION);
	zj_out_close();
	exit(0);
}

static void data_files(const struct zj_prog *p)
{
	char *list, *name, *save;

	if (p->datafiles) {
		list = zj_strdup(p->datafiles);
		for (name = strtok_r(list, " ", &save); name; name = strtok_r(NULL, " ", &save)) {
			char *path = zj_data_path(name);
			zj_printf("%s\n", path);
			free(path);
		}
		free(list);
	}
	zj_out_close();
	exit(0);
}

#define MAXOPTS 64

/* The program's options followed by the common ones, in `all`. */
static void merge_opts(const struct option *own, struct option *all)
{
	size_t n = 0;

	while (own && own[n].name)
		n++;
	if (n + NCOMMON + 1 > MAXOPTS)
		zj_die("internal error: too many options");
	if (n)
		memcpy(all, own, n * sizeof *all);
	memcpy(all + n, common_opts, sizeof common_opts);
	memset(all + n + NCOMMON, 0, sizeof *all);
}

int zj_getopt(const struct zj_prog *p, int argc, char **argv,
              const char *shortopts, const struct option *longopts,
              zj_optfn *fn, void *ctx)
{
	struct option all[MAXOPTS];
	char shorts[MAXOPTS * 2 + 3];
	enum zj_format fmt = ZJ_AUTO;
	int c;

	zj_prog = p;
	merge_opts(longopts, all);
	if (shortopts && strlen(shortopts) > MAXOPTS * 2)
		zj_die("internal error: too many options");
	/* A closed downstream pipe ends the program quietly, even when the
	 * parent left SIGPIPE ignored. */
	signal(SIGPIPE, SIG_DFL);
	shorts[0] = ':';
	strcpy(shorts + 1, shortopts ? shortopts : "");
	strcat(shorts, "h");
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, all, NULL)) != -1) {
		switch (c) {
		case 'h':
		case OPT_HELP:
			help(p);
			break;
		case OPT_VERSION:
			version(p);
			break;
		case OPT_JSON:
			fmt = ZJ_JSON;
			break;
		case OPT_MSGPACK:
			fmt = ZJ_MSGPACK;
			break;
		case OPT_DATAFILES:
			data_files(p);
			break;
		case ':':
			zj_usage_error("option '%s' needs an argument", argv[optind - 1]);
			break;
		case '?':
			if (optopt)
				zj_usage_error("unknown option '-%c'", optopt);
			zj_usage_error("unknown option '%s'", argv[optind - 1]);
			break;
		default:
			fn(c, optarg, ctx);
		}
	}
	zj_out_format(fmt);
	return optind;
}
