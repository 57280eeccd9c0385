/* zj-segment: the heading tree and the sentences of each document. */
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "segment.h"

static const struct zj_prog prog = {
	.name = "zj-segment",
	.usage = "[OPTION]... [FILE]...",
	.about = "Find the headings and sentences of each doc record: write the doc, then its sec and sent records.",
	.options =
	"  -d, --drop-text     write doc records without their text\n"
	"  -t, --text          read plain UTF-8 text, each FILE one document\n"
	"  -o, --outline       print the heading tree, two spaces per level\n"
	"  -s, --sentences     print one sentence a line\n"
	"      --markers=FILE  heading marker families (default markers.tsv)\n"
	"      --enclosed=FILE one-character markers (default enclosed.tsv)\n"
	"      --numerals=FILE Chinese numerals of ordinals (default numerals.tsv)\n",
	.tool = "segment",
	.datafiles = "markers.tsv enclosed.tsv numerals.tsv",
};

enum { OPT_MARKERS = 256, OPT_ENCLOSED, OPT_NUMERALS };
enum output { RECORDS, OUTLINE, SENTENCES };

struct options {
	int drop_text, text;
	enum output output;
	char *markers, *enclosed, *numerals;
};

/* One document being segmented. */
struct doc {
	const char *id, *text;
	size_t idlen, n;
	long nsent;
	char *secid;            /* "DOCID/1.2", or "" before the first heading */
	size_t secidlen, secidcap;
};

static struct options opt;
static struct marker *markers;
static struct heading *heads;
static size_t markercap, headcap;

static void option(int o, char *arg, void *ctx)
{
	struct options *op = ctx;

	switch (o) {
	case 'd': op->drop_text = 1; break;
	case 't': op->text = 1; break;
	case 'o': op->output = OUTLINE; break;
	case 's': op->output = SENTENCES; break;
	case OPT_MARKERS: op->markers = arg; break;
	case OPT_ENCLOSED: op->enclosed = arg; break;
	case OPT_NUMERALS: op->numerals = arg; break;
	}
}

#define pack_key(pk, key) zj_pack_str(pk, key, sizeof key - 1)
#define pack_int(pk, key, v) (pack_key(pk, key), msgpack_pack_long_long(pk, v))
#define pack_span(pk, key, s, n) (pack_key(pk, key), zj_pack_str(pk, s, n))

/* s + "/1.2.3", the heading's path; returns the new end. */
static char *put_path(char *s, const struct heading *h)
{
	for (int l = 0; l < h->level; l++) {
		char digits[12], *p = digits + sizeof digits;
		unsigned v = (unsigned)h->path[l];

		*s++ = l ? '.' : '/';
		do
			*--p = (char)('0' + v % 10);
		while (v /= 10);
		memcpy(s, p, (size_t)(digits + sizeof digits - p));
		s += digits + sizeof digits - p;
	}
	return s;
}

static void set_secid(struct doc *d, const struct heading *h)
{
	size_t need = d->idlen + MAXLEVEL * 12;

	if (need > d->secidcap)
		d->secid = zj_realloc(d->secid, d->secidcap = need);
	memcpy(d->secid, d->id, d->idlen);
	d->secidlen = (size_t)(put_path(d->secid + d->idlen, h) - d->secid);
	rec_sent_keys(d->id, d->idlen, d->secid, d->secidlen);
}

static void write_sent(struct doc *d, size_t start, size_t end, int head)
{
	if (opt.output == SENTENCES) {
		zj_write(d->text + start, end - start);
		zj_write("\n", 1);
	} else if (opt.output == RECORDS) {
		rec_sent(d->text, d->nsent, start, end, head);
	}
	d->nsent++;
}

static void write_sec(struct doc *d, const struct heading *h)
{
	const char *t = d->text;

	set_secid(d, h);
	if (opt.output == OUTLINE) {
		for (int l = 1; l < h->level; l++)
			zj_write("  ", 2);
		zj_write(t + h->m.start, h->title_end - h->m.start);
		zj_write("\n", 1);
	} else if (opt.output == RECORDS) {
		rec_sec(d->id, d->idlen, d->secid, d->secidlen, t, h);
	}
}

/* The sentences of the body text t[pos…lim). */
static void write_body(struct doc *d, size_t pos, size_t lim)
{
	while ((pos = skip_blank(d->text, lim, pos)) < lim) {
		size_t end = sentence_end(d->text, pos, lim, 0);
		size_t trimmed = trim_end(d->text, pos, end);

		if (trimmed > pos)
			write_sent(d, pos, trimmed, 0);
		pos = end;
	}
}

static void segment(struct doc *d)
{
	static int docs;
	size_t nm = find_markers(d->text, d->n, &markers, &markercap);
	size_t nh = select_headings(d->text, d->n, markers, nm, &heads, &headcap);
	size_t pos = 0;

	d->nsent = 0;
	d->secidlen = 0;
	rec_sent_keys(d->id, d->idlen, d->secid, d->secidlen);
	if (opt.output != RECORDS && docs++)
		zj_write("\f\n", 2);
	for (size_t j = 0; j < nh; j++) {
		write_body(d, pos, heads[j].m.start);
		write_sec(d, &heads[j]);
		if (heads[j].title_end > heads[j].m.title)
			write_sent(d, heads[j].m.title, heads[j].title_end, 1);
		pos = heads[j].body;
	}
	write_body(d, pos, d->n);
}

static void doc_record(struct doc *d, const struct zj_rec *rec)
{
	static const char *const text_key[] = { "text", NULL };

	d->text = zj_rec_opt_str(rec, "text", &d->n);
	if (d->text)
		d->id = zj_rec_need_str(rec, "id", &d->idlen);
	if (opt.output == RECORDS) {
		if (opt.drop_text && d->text) {
			zj_pack_copy(zj_pk(), rec, text_key, 0);
			zj_emit();
		} else {
			zj_pass(rec);
		}
	}
	if (d->text)
		segment(d);
}

static void records(char **files, int nfiles)
{
	static const char *const docs[] = { "doc", NULL };
	struct zj_reader *r = zj_reader_new(files, nfiles);
	struct doc d = { 0 };
	struct zj_rec rec;

	zj_reader_want(r, docs);
	while (zj_reader_next(r, &rec)) {
		if (zj_rec_is(&rec, "doc"))
			doc_record(&d, &rec);
		else if (opt.output == RECORDS)
			zj_pass(&rec);
	}
	free(d.secid);
	zj_reader_free(r);
}

/* "dir/name.txt" -> "name#1" */
static char *plain_id(const char *src)
{
	const char *base = strrchr(src, '/'), *dot;
	char *id;

	base = base ? base + 1 : src;
	if (!strcmp(src, "-"))
		base = "stdin";
	dot = strrchr(base, '.');
	id = zj_strndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
	id = zj_realloc(id, strlen(id) + 3);
	strcat(id, "#1");
	return id;
}

static void write_plain_doc(const struct doc *d, const char *src)
{
	msgpack_packer *pk = zj_pk();

	msgpack_pack_map(pk, opt.drop_text ? 5 : 6);
	pack_span(pk, "t", "doc", 3);
	pack_span(pk, "id", d->id, d->idlen);
	pack_span(pk, "src", src, strlen(src));
	pack_int(pk, "n", 1);
	pack_span(pk, "enc", "UTF-8", 5);
	if (!opt.drop_text)
		pack_span(pk, "text", d->text, d->n);
	zj_emit();
}

/* Plain text: the lines of src joined by \n, as one document. */
static void plain_file(char *src)
{
	struct zj_lines *l = zj_lines_new(&src, 1);
	struct doc d = { 0 };
	char *text = NULL, *id = plain_id(src);
	size_t n = 0, cap = 0, len;
	const char *line;

	while ((line = zj_lines_next(l, &len))) {
		if (!n && len >= 3 && !memcmp(line, "\xef\xbb\xbf", 3)) {     /* a byte order mark */
			line += 3;
			len -= 3;
		}
		if (n + len + 1 > cap)
			text = zj_realloc(text, cap = (n + len + 1) * 2);
		memcpy(text + n, line, len);
		n += len;
		text[n++] = '\n';
	}
	d.id = id;
	d.idlen = strlen(id);
	d.text = text ? text : "";
	d.n = n ? n - 1 : 0;
	if (opt.output == RECORDS)
		write_plain_doc(&d, src);
	segment(&d);
	zj_lines_free(l);
	free(d.secid);
	free(text);
	free(id);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "drop-text", no_argument, NULL, 'd' },
		{ "text", no_argument, NULL, 't' },
		{ "outline", no_argument, NULL, 'o' },
		{ "sentences", no_argument, NULL, 's' },
		{ "markers", required_argument, NULL, OPT_MARKERS },
		{ "enclosed", required_argument, NULL, OPT_ENCLOSED },
		{ "numerals", required_argument, NULL, OPT_NUMERALS },
		{ 0 },
	};
	static char stdin_name[] = "-";
	static char *stdin_only[] = { stdin_name };
	int first = zj_getopt(&prog, argc, argv, "dtos", opts, option, &opt);
	char *m = zj_data_file(opt.markers, "markers.tsv"), *e = zj_data_file(opt.enclosed, "enclosed.tsv"),
	     *n = zj_data_file(opt.numerals, "numerals.tsv");
	char **files = argv + first;
	int nfiles = argc - first;

	markers_load(m, e, n);
	free(m);
	free(e);
	free(n);
	if (!opt.text) {
		records(files, nfiles);
	} else {
		if (!nfiles) {
			files = stdin_only;
			nfiles = 1;
		}
		for (int f = 0; f < nfiles; f++)
			plain_file(files[f]);
	}
	free(markers);
	free(heads);
	zj_out_close();
	return 0;
}
