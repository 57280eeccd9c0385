/* zj-decode: scraped files (any encoding, text or HTML) to `doc` records
 * with clean simplified text and metadata, one per report. */
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "decode.h"

static const struct zj_prog prog = {
	.name = "zj-decode",
	.usage = "[OPTION]... [FILE]...",
	.about = "Turn scraped report files (UTF-8, GB18030, Big5, UTF-16, HTML) into doc records\n"
	         "with clean simplified text, one per report; - or no FILE reads standard input.",
	.options =
		"  -f, --from=ENC      read every FILE as encoding ENC (no detection)\n"
		"      --html          read every FILE as a web page (detected otherwise)\n"
		"  -r, --rules=FILE    more boilerplate rules (KIND<TAB>PCRE2 pattern)\n"
		"      --repair=FILE   more phrase repairs for traditional text (FROM<TAB>TO)\n"
		"  -d, --dup-threshold=X  similarity from which a document is a near-duplicate\n"
		"                      (0 to 1, default 0.9; 0 turns the check off)\n"
		"  -t, --text          print the clean text of each document, not records;\n"
		"                      documents are separated by a form-feed line\n"
		"      --titles        with --text: print '# TITLE' before each document\n",
	.tool = "decode",
	.datafiles = "boilerplate.tsv compilation.tsv hant.tsv tw-repair.tsv metadata.tsv",
};

enum { OPT_HTML = 0x100, OPT_REPAIR, OPT_TITLES };

/* The document being gathered from the lines of one file. */
struct reader {
	const struct options *o;
	struct source *src;
	const char *stem;
	struct buf raw;             /* normalised lines, in the source's script */
	struct line_gates *gates;   /* the gate sets of its lines */
	size_t nlines;
	struct script_count sc;
	int in_compilation;         /* a marker was seen: the lines before it were the page's header */
	int next_ordinal;           /* the compilation marker expected next */
	unsigned n;                 /* documents written from this file */
};

static unsigned long ndocs_out;

/* Keep the gate set of a line, found as it was read, unless empty. */
static void add_gate(struct line_gates *g, size_t line, const struct gate_set *set)
{
	size_t w;

	for (w = 0; w < GATE_RULES / 64 && !set->w[w]; w++)
		;
	if (w == GATE_RULES / 64)
		return;
	g->v = zj_grow(g->v, g->n, &g->cap, sizeof *g->v);
	g->v[g->n++] = (struct line_gate){ line, *set };
}

/* A similarity from 0 to 1; a usage error unless it is one. */
static double similarity_arg(const char *arg)
{
	char *end;
	double x = strtod(arg, &end);

	if (end == arg || *end || !(x >= 0 && x <= 1))
		zj_usage_error("--dup-threshold: '%s' is not a number from 0 to 1", arg);
	return x;
}

static void option(int opt, char *arg, void *ctx)
{
	struct options *o = ctx;

	switch (opt) {
	case 'f':
		o->from = arg;
		if (!input_encoding_known(arg))
			zj_usage_error("cannot convert from encoding '%s'", arg);
		break;
	case OPT_HTML:
		o->html = 1;
		break;
	case 'r':
		o->rules = arg;
		break;
	case OPT_REPAIR:
		o->repair = arg;
		break;
	case 'd':
		o->dup = similarity_arg(arg);
		break;
	case 't':
		o->text = 1;
		break;
	case OPT_TITLES:
		o->titles = 1;
		break;
	}
}

/* The file name without its folder and its last extension. */
static char *stem_of(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	if (!strcmp(path, "-"))
		return zj_strdup("stdin");
	dot = strrchr(base, '.');
	return zj_strndup(base, dot && dot > base ? (size_t)(dot - base) : strlen(base));
}

static size_t count_replacements(const char *s, size_t n)
{
	size_t k = 0;
	const char *p = s, *end = s + n;

	while ((p = memmem(p, (size_t)(end - p), "\xEF\xBF\xBD", 3))) {
		k++;
		p += 3;
	}
	return k;
}

static void emit_text(const struct options *o, const struct meta *m, const char *text, size_t n)
{
	if (ndocs_out)
		zj_write("\f\n", 2);
	if (o->titles)
		zj_printf("# %s\n", m->title);
	zj_write(text, n);
	if (n)
		zj_write("\n", 1);
}

static void emit_record(struct reader *r, const char *id, const struct meta *m, const char *text, size_t n,
                        unsigned long dropped, const char *dup_of, int hant)
{
	msgpack_packer *pk = zj_pk();
	size_t bad = r->src->bad ? count_replacements(text, n) : 0;

	msgpack_pack_map(pk, 12 + (bad > 0) + (dup_of != NULL));
	zj_pack_cstr(pk, "t"); zj_pack_cstr(pk, "doc");
	zj_pack_cstr(pk, "id"); zj_pack_cstr(pk, id);
	zj_pack_cstr(pk, "src"); zj_pack_cstr(pk, r->src->path);
	zj_pack_cstr(pk, "n"); msgpack_pack_unsigned_int(pk, r->n);
	zj_pack_cstr(pk, "enc"); zj_pack_cstr(pk, r->src->enc);
	zj_pack_cstr(pk, "script"); zj_pack_cstr(pk, hant ? "hant" : "hans");
	zj_pack_cstr(pk, "title"); zj_pack_cstr(pk, m->title);
	zj_pack_cstr(pk, "region"); zj_pack_cstr(pk, m->region);
	zj_pack_cstr(pk, "year");
	if (m->year)
		msgpack_pack_int(pk, m->year);
	else
		msgpack_pack_nil(pk);
	zj_pack_cstr(pk, "period"); zj_pack_cstr(pk, m->period);
	zj_pack_cstr(pk, "text"); zj_pack_str(pk, text, n);
	zj_pack_cstr(pk, "dropped"); msgpack_pack_unsigned_long(pk, dropped);
	if (bad) {
		zj_pack_cstr(pk, "bad_bytes");
		msgpack_pack_unsigned_long(pk, bad);
	}
	if (dup_of) {
		zj_pack_cstr(pk, "dup_of");
		zj_pack_cstr(pk, dup_of);
	}
	zj_emit();
}

/* The title the compilation marker on the first line of a clean text
 * gives, simplified and cleaned as the text is; NULL when none. */
static char *marker_title(const char *text, size_t n)
{
	static char *title;
	const char *nl = memchr(text, '\n', n), *t = NULL;
	size_t tlen = 0;

	free(title);
	title = NULL;
	if (split_marker(text, nl ? (size_t)(nl - text) : n, &t, &tlen))
		title = zj_strndup(tlen ? t : "", tlen);
	return title;
}

/* The page's own header before the first report of a compilation is no
 * document unless it holds real text. */
#define HEADER_MAX_CHARS 200

/* A buffer this big is given back after each document, so that one huge
 * document does not keep its memory for the rest of the run. */
#define KEEP_BUF (1 << 20)

/* Clean the gathered document (in place) and write it. */
static void finish_doc(struct reader *r, int header)
{
	struct buf simp = { 0 }, *text = &r->raw;
	int hant = is_traditional(&r->sc);
	unsigned long dropped = 0;
	size_t n;

	if (hant) {
		to_simplified(r->raw.p, r->raw.len, &simp);
		text = &simp;
	}
	buf_reserve(text, 0);
	/* OpenCC changed the lines the gate read */
	n = clean_text(text->p, text->len, &dropped, hant ? NULL : r->gates);
	if (n && !(header && utf8_chars(text->p, n) < HEADER_MAX_CHARS)) {
		struct meta m;
		char id[4096];
		const char *dup = NULL;

		r->n++;
		meta_find(text->p, n, r->in_compilation ? marker_title(text->p, n) : NULL, r->src->html_title, &m);
		snprintf(id, sizeof id, "%s#%u", r->stem, r->n);
		if (r->o->dup > 0)
			dup = dedup_check(id, text->p, n, r->o->dup);
		if (r->o->text)
			emit_text(r->o, &m, text->p, n);
		else
			emit_record(r, id, &m, text->p, n, dropped, dup, hant);
		ndocs_out++;
		meta_free(&m);
	}
	free(simp.p);
	r->raw.len = 0;
	r->gates->n = 0;
	r->nlines = 0;
	if (r->raw.cap > KEEP_BUF) {
		free(r->raw.p);
		r->raw = (struct buf){ 0 };
	}
	if (r->gates->cap * sizeof *r->gates->v > KEEP_BUF) {
		free(r->gates->v);
		*r->gates = (struct line_gates){ 0 };
	}
	memset(&r->sc, 0, sizeof r->sc);
}

static void on_line(char *line, size_t len, void *ctx)
{
	struct reader *r = ctx;
	struct script_count sc = { 0 };
	struct gate_set gate;
	const char *title;
	size_t tlen;
	int ord;

	len = normalize_line(line, len, &sc, &gate);
	ord = split_marker(line, len, &title, &tlen);
	if (ord && ord == r->next_ordinal) {
		/* the part before the first marker is the page's header */
		if (r->raw.len)
			finish_doc(r, ord == 1);
		r->in_compilation = 1;
		r->next_ordinal = ord + 1;
	}
	r->sc.han += sc.han;
	r->sc.hant += sc.hant;
	buf_add(&r->raw, line, len);
	buf_addc(&r->raw, '\n');
	add_gate(r->gates, r->nlines++, &gate);
}

/* The buffer documents are gathered in, kept from file to file: grown
 * anew for each file, it cost a realloc and often a copy every time it
 * filled (finish_doc gives back one grown big). */
static struct buf gathered;
static struct line_gates gates;

/* 0 when read, -1 when the file was skipped. */
static int decode_file(const struct options *o, const char *path)
{
	struct source src = { .path = path };
	struct reader r = { .o = o, .src = &src, .next_ordinal = 1, .raw = gathered, .gates = &gates };
	int ok;

	r.stem = stem_of(path);
	ok = read_source(&src, o, on_line, &r);
	if (ok == 0)
		finish_doc(&r, 0);
	gathered = r.raw;
	gathered.len = 0;
	free((char *)r.stem);
	free(src.html_title);
	return ok;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "html", no_argument, NULL, OPT_HTML },
		{ "rules", required_argument, NULL, 'r' },
		{ "repair", required_argument, NULL, OPT_REPAIR },
		{ "dup-threshold", required_argument, NULL, 'd' },
		{ "text", no_argument, NULL, 't' },
		{ "titles", no_argument, NULL, OPT_TITLES },
		{ 0 },
	};
	struct options o = { .dup = 0.9 };
	int first = zj_getopt(&prog, argc, argv, "f:r:d:t", opts, option, &o), i, status = 0;
	static char *only_stdin[] = { "-" };
	char **files = argv + first;
	int nfiles = argc - first;

	if (o.titles && !o.text)
		zj_usage_error("--titles goes with --text");
	if (!nfiles) {
		files = only_stdin;
		nfiles = 1;
	}
	html_init();
	clean_init(&o);
	text_init(&o);
	split_init();
	meta_init();
	for (i = 0; i < nfiles; i++)
		if (decode_file(&o, files[i]) < 0)
			status = 1;
	zj_out_close();
	return status;
}
