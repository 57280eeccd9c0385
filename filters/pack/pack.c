/* zj-pack: write a record stream as MessagePack. */
#include "zj.h"

static const struct zj_prog prog = {
	.name = "zj-pack",
	.usage = "[FILE]...",
	.about = "Write records (JSON Lines or MessagePack) as MessagePack maps, even to a terminal.",
};

int main(int argc, char **argv)
{
	int first = zj_getopt(&prog, argc, argv, "", NULL, NULL, NULL);
	struct zj_reader *r = zj_reader_new(argv + first, argc - first);
	struct zj_rec rec;

	zj_out_format(ZJ_MSGPACK);
	while (zj_reader_next(r, &rec))
		zj_pass(&rec);
	zj_reader_free(r);
	zj_out_close();
	return 0;
}
