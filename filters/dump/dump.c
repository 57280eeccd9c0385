/* zj-dump: write a record stream as JSON Lines. */
#include <stdlib.h>

#include "zj.h"

static const struct zj_prog prog = {
	.name = "zj-dump",
	.usage = "[--pretty] [FILE]...",
	.about = "Write records (MessagePack or JSON Lines) as JSON Lines, one object a line.",
	.options = "  -p, --pretty        indent each record over several lines\n",
};

static void option(int opt, char *arg, void *ctx)
{
	(void)arg;
	if (opt == 'p')
		*(int *)ctx = 2;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = { { "pretty", no_argument, NULL, 'p' }, { 0 } };
	int indent = -1, first = zj_getopt(&prog, argc, argv, "p", opts, option, &indent);
	struct zj_reader *r = zj_reader_new(argv + first, argc - first);
	struct zj_rec rec;

	while (zj_reader_next(r, &rec)) {
		zj_write_json(&rec.obj, indent);
		zj_write("\n", 1);
	}
	zj_reader_free(r);
	zj_out_close();
	return 0;
}
