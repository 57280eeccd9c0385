/* zj-tag-numbers: every number of every sentence, with its value, unit and
 * the phrase it measures. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "tagnum.h"

static const struct zj_prog prog = {
	.name = "zj-tag-numbers",
	.usage = "[OPTION]... [FILE]...",
	.about = "Find the numbers of each sent record and write a num record for each after it.",
	.options =
	"  -t, --text          read plain text, one or more sentences a line, and\n"
	"                      print a TSV table of the numbers instead of records\n"
	"      --units FILE    units and measure words (WORD UNIT DIM) instead of units.tsv\n"
	"      --not-numbers FILE  phrases whose numerals are no quantity, instead of\n"
	"                      not-numbers.tsv\n"
	"      --qualifiers FILE  words around a number (WORD ROLE APPROX) instead of\n"
	"                      qualifiers.tsv\n"
	"      --links FILE    words trimmed from indicators (WORD ROLE) instead of\n"
	"                      links.tsv\n",
	.tool = "tag-numbers",
	.datafiles = "units.tsv not-numbers.tsv qualifiers.tsv links.tsv",
};

enum { OPT_UNITS = 256, OPT_NOTNUMBERS, OPT_QUALIFIERS, OPT_LINKS };

struct options {
	int text;
	const char *files[4];   /* user files for units, not-numbers, qualifiers, links */
};

static void option(int opt, char *arg, void *ctx)
{
	struct options *o = ctx;

	if (opt == 't')
		o->text = 1;
	else if (opt >= OPT_UNITS && opt <= OPT_LINKS)
		o->files[opt - OPT_UNITS] = arg;
}

static void load_table(struct lexicon *lx, const char *user, const char *name)
{
	char *path = zj_data_file(user, name);

	lex_load(lx, path);
	free(path);
}

static void load_tables(struct tables *t, const struct options *o)
{
	memset(t, 0, sizeof *t);
	load_table(&t->units, o->files[0], "units.tsv");
	load_table(&t->notnumbers, o->files[1], "not-numbers.tsv");
	load_table(&t->qualifiers, o->files[2], "qualifiers.tsv");
	load_table(&t->links, o->files[3], "links.tsv");
	mark_interesting(t);
}

/* ---- records ---- */

struct sentence {
	const char *doc, *sec;
	size_t doclen, seclen;
	int64_t i, start;
	const char *text;
};

/* ---- packing num records ---- */

/* A double, or nil when there is none (masked, or the value of a range). */
static void pack_number(msgpack_packer *pk, const char *key, int present, double v)
{
	zj_pack_cstr(pk, key);
	if (!present || isnan(v))
		msgpack_pack_nil(pk);
	else
		msgpack_pack_double(pk, v);
}

static void emit_num(const struct mention *m, void *ctx)
{
	const struct sentence *st = ctx;
	msgpack_packer *pk = zj_pk();

	msgpack_pack_map(pk, 16);
	zj_pack_kv_str(pk, "t", "num", 3);
	zj_pack_kv_str(pk, "doc", st->doc, st->doclen);
	zj_pack_kv_str(pk, "sec", st->sec, st->seclen);
	zj_pack_kv_int(pk, "sent", st->i);
	zj_pack_kv_str(pk, "surface", st->text + m->start, m->end - m->start);
	zj_pack_kv_int(pk, "start", st->start + (int64_t)m->start);
	zj_pack_kv_int(pk, "end", st->start + (int64_t)m->end);
	pack_number(pk, "value", !m->masked, m->value);
	pack_number(pk, "low", !m->masked, m->low);
	pack_number(pk, "high", !m->masked, m->high);
	zj_pack_kv_str(pk, "unit", m->unit, m->unitlen);
	zj_pack_kv_str(pk, "dim", m->dim, strlen(m->dim));
	zj_pack_kv_str(pk, "kind", m->kind, strlen(m->kind));
	zj_pack_kv_str(pk, "approx", &m->approx, 1);
	zj_pack_cstr(pk, "masked");
	if (m->masked)
		msgpack_pack_true(pk);
	else
		msgpack_pack_false(pk);
	zj_pack_kv_str(pk, "indicator", st->text + m->ind_start, m->ind_len);
	zj_emit();
}

static void tag_sentence(const struct tables *t, const struct zj_rec *rec)
{
	struct sentence st;
	size_t len;

	st.text = zj_rec_need_str(rec, "text", &len);
	st.doc = zj_rec_opt_str(rec, "doc", &st.doclen);
	st.sec = zj_rec_opt_str(rec, "sec", &st.seclen);
	if (!st.doc)
		st.doc = "", st.doclen = 0;
	if (!st.sec)
		st.sec = "", st.seclen = 0;
	st.i = zj_rec_opt_int(rec, "i", 0);
	st.start = zj_rec_opt_int(rec, "start", 0);
	/* a mention's offsets are start + its place in text: keep them in range */
	if (st.start < 0 || (uint64_t)st.start > (uint64_t)INT64_MAX - len)
		zj_rec_fail(rec, "\"start\" is out of range");
	zj_pass(rec);
	scan_sentence(t, st.text, len, emit_num, &st);
}

static void tag_records(const struct tables *t, char **files, int nfiles)
{
	static const char *const sentences[] = { "sent", NULL };
	struct zj_reader *r = zj_reader_new(files, nfiles);
	struct zj_rec rec;

	zj_reader_want(r, sentences);
	while (zj_reader_next(r, &rec)) {
		if (zj_rec_is(&rec, "sent"))
			tag_sentence(t, &rec);
		else if (!zj_rec_is(&rec, "num"))   /* an earlier run's: replaced */
			zj_pass(&rec);
	}
	zj_reader_free(r);
}

/* ---- plain text ---- */

struct line {
	unsigned long no;
	const char *text;
};

static void print_value(const struct mention *m)
{
	if (m->masked)
		zj_puts("?");
	else if (m->range)
		zj_printf("%.15g..%.15g", m->low, m->high);
	else
		zj_printf("%.15g", m->value);
}

static void print_row(const struct mention *m, void *ctx)
{
	const struct line *l = ctx;

	zj_printf("%lu\t", l->no);
	zj_write(l->text + m->start, m->end - m->start);
	zj_puts("\t");
	print_value(m);
	zj_puts("\t");
	zj_write(m->unit, m->unitlen);
	zj_printf("\t%s\t%c\t%d\t", m->kind, m->approx, m->masked);
	zj_write(l->text + m->ind_start, m->ind_len);
	zj_puts("\n");
}

static void tag_text(const struct tables *t, char **files, int nfiles)
{
	struct zj_lines *in = zj_lines_new(files, nfiles);
	struct line l;
	size_t len;

	zj_puts("line\tsurface\tvalue\tunit\tkind\tapprox\tmasked\tindicator\n");
	while ((l.text = zj_lines_next(in, &len))) {
		l.no = zj_lines_no(in);
		scan_sentence(t, l.text, len, print_row, &l);
	}
	zj_lines_free(in);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "text", no_argument, NULL, 't' },
		{ "units", required_argument, NULL, OPT_UNITS },
		{ "not-numbers", required_argument, NULL, OPT_NOTNUMBERS },
		{ "qualifiers", required_argument, NULL, OPT_QUALIFIERS },
		{ "links", required_argument, NULL, OPT_LINKS },
		{ 0 }
	};
	struct options o = { 0 };
	static struct tables t;
	int first = zj_getopt(&prog, argc, argv, "t", opts, option, &o);

	load_tables(&t, &o);
	if (o.text)
		tag_text(&t, argv + first, argc - first);
	else
		tag_records(&t, argv + first, argc - first);
	zj_out_close();
	return 0;
}
