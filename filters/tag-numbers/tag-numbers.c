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
	char *path = user ? zj_strdup(user) : zj_data_path(name);

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

/* ---- packing num records ----
 * A num record is packed by hand into one buffer, reserved once per record,
 * and handed to the writer in one piece: msgpack-c's packer makes a
 * callback per item, which cost as much as scanning the sentence. */

struct rawpack {
	char *buf;
	size_t len, cap;
};

static void raw_reserve(struct rawpack *r, size_t n)
{
	if (r->len + n > r->cap) {
		r->cap = (r->len + n) * 2;
		r->buf = zj_realloc(r->buf, r->cap);
	}
}

/* A type byte followed by the low `bytes` bytes of v, big-endian. */
static inline void raw_be(struct rawpack *r, unsigned type, uint64_t v, int bytes)
{
	unsigned char *b = (unsigned char *)r->buf + r->len;
	int i;

	b[0] = (unsigned char)type;
	for (i = 0; i < bytes; i++)
		b[bytes - i] = (unsigned char)(v >> (8 * i));
	r->len += (size_t)bytes + 1;
}

static inline void raw_str(struct rawpack *r, const char *s, size_t n)
{
	if (n < 32)
		raw_be(r, 0xa0 | n, 0, 0);
	else if (n < 0x100)
		raw_be(r, 0xd9, n, 1);
	else if (n < 0x10000)
		raw_be(r, 0xda, n, 2);
	else
		raw_be(r, 0xdb, n, 4);
	memcpy(r->buf + r->len, s, n);
	r->len += n;
}

static inline void raw_int(struct rawpack *r, int64_t v)
{
	if (v < 0)
		raw_be(r, 0xd3, (uint64_t)v, 8);
	else if (v < 0x80)
		raw_be(r, (unsigned)v, 0, 0);
	else if (v < 0x100)
		raw_be(r, 0xcc, (uint64_t)v, 1);
	else if (v < 0x10000)
		raw_be(r, 0xcd, (uint64_t)v, 2);
	else if (v < 0x100000000)
		raw_be(r, 0xce, (uint64_t)v, 4);
	else
		raw_be(r, 0xcf, (uint64_t)v, 8);
}

/* A double, or nil when there is none (masked, or the value of a range). */
static inline void raw_number(struct rawpack *r, int present, double v)
{
	uint64_t bits;

	if (!present || isnan(v)) {
		raw_be(r, 0xc0, 0, 0);
		return;
	}
	memcpy(&bits, &v, sizeof bits);
	raw_be(r, 0xcb, bits, 8);
}

/* A string literal, its length known at compile time. */
#define RAW_LIT(r, s) raw_str(r, s, sizeof s - 1)
/* Room for the 16 keys, the numbers and the string headers of a num record. */
#define NUM_FIXED 256

static void emit_num(const struct mention *m, void *ctx)
{
	const struct sentence *st = ctx;
	static struct rawpack r;
	size_t dimlen = strlen(m->dim), kindlen = strlen(m->kind);

	r.len = 0;
	raw_reserve(&r, NUM_FIXED + st->doclen + st->seclen + (m->end - m->start) +
	            m->unitlen + dimlen + kindlen + m->ind_len);
	raw_be(&r, 0xde, 16, 2);                /* a map of 16 pairs */
	RAW_LIT(&r, "t");
	RAW_LIT(&r, "num");
	RAW_LIT(&r, "doc");
	raw_str(&r, st->doc, st->doclen);
	RAW_LIT(&r, "sec");
	raw_str(&r, st->sec, st->seclen);
	RAW_LIT(&r, "sent");
	raw_int(&r, st->i);
	RAW_LIT(&r, "surface");
	raw_str(&r, st->text + m->start, m->end - m->start);
	RAW_LIT(&r, "start");
	raw_int(&r, st->start + (int64_t)m->start);
	RAW_LIT(&r, "end");
	raw_int(&r, st->start + (int64_t)m->end);
	RAW_LIT(&r, "value");
	raw_number(&r, !m->masked, m->value);
	RAW_LIT(&r, "low");
	raw_number(&r, !m->masked, m->low);
	RAW_LIT(&r, "high");
	raw_number(&r, !m->masked, m->high);
	RAW_LIT(&r, "unit");
	raw_str(&r, m->unit, m->unitlen);
	RAW_LIT(&r, "dim");
	raw_str(&r, m->dim, dimlen);
	RAW_LIT(&r, "kind");
	raw_str(&r, m->kind, kindlen);
	RAW_LIT(&r, "approx");
	raw_str(&r, &m->approx, 1);
	RAW_LIT(&r, "masked");
	raw_be(&r, m->masked ? 0xc3 : 0xc2, 0, 0);
	RAW_LIT(&r, "indicator");
	raw_str(&r, st->text + m->ind_start, m->ind_len);
	/* the packer's body writer appends bytes as they are: the whole record */
	msgpack_pack_str_body(zj_pk(), r.buf, r.len);
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
	zj_pass(rec);
	scan_sentence(t, st.text, len, emit_num, &st);
}

static void tag_records(const struct tables *t, char **files, int nfiles)
{
	struct zj_reader *r = zj_reader_new(files, nfiles);
	struct zj_rec rec;

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
