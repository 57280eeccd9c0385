/* zj-classify-section: label every section with its kind and domain. */
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "kind.h"
#include "label.h"
#include "lexicon.h"

static const struct zj_prog prog = {
	.name = "zj-classify-section",
	.usage = "[OPTION]... [FILE]...",
	.about = "Label each section (sec record) with its kind, its policy domain and the domains' scores.",
	.options =
		"  -l, --lexicon=FILE  read the domain lexicon from FILE instead of domains.tsv\n"
		"  -k, --kinds=FILE    read the kind words from FILE instead of kinds.tsv\n"
		"  -s, --sentences     also label each sent record with a domain\n"
		"  -e, --explain       write to stderr, per section, the terms that decided it\n"
		"  -t, --text          read plain text as one section (first line its heading);\n"
		"                      print its domain, kind and the three best scores\n",
	.tool = "classify-section",
	.datafiles = "domains.tsv kinds.tsv",
};

#define TOPN 3

struct options {
	const char *lexicon, *kinds;
	int sentences, explain, text;
};

/* A section waiting for its label. */
struct section {
	int parent;             /* index in sec[], or -1 */
	int level, kind, domain;
	int nchild;             /* direct sub-sections */
	char *id;               /* for --explain */
};

enum held_type { HELD_SEC, HELD_SENT, HELD_OTHER };

/* A record waiting behind a section that is not labelled yet. */
struct held {
	size_t off, len;        /* its bytes in buf */
	enum held_type type;
	int sec;                /* the section it is in, or -1 */
	int domain;             /* a sent's own domain (--sentences), or -1 */
	int has_keys;           /* it has keys that it adds (to replace) */
};

/* A term found, for --explain. */
struct hit {
	int sec, term, inhead;
};

static struct options opt;
static struct lexicon *lx;
static struct kinds *kinds;
static int nd;                  /* domains in the lexicon */

/* Records are held from a section's heading until a heading at the same
 * or an outer level (or a doc, or the end) shows that it and all its
 * sub-sections are complete. */
static char *buf;
static size_t buflen, bufcap;
static struct held *held;
static size_t nheld, heldcap;
static struct section *sec;
static int nsec, seccap;
static double *head, *body;     /* nd weights per section */
static int *votes;              /* nd per section */
static int *open;               /* the open sections, outermost first */
static int nopen;
static double *scratch, *final;
static struct hit *hits;
static size_t nhits, hitcap;

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	while (*cap < need)
		*cap = *cap ? 2 * *cap : 64;
	return zj_realloc(p, *cap * size);
}

static void option(int o, char *arg, void *ctx)
{
	struct options *op = ctx;

	switch (o) {
	case 'l': op->lexicon = arg; break;
	case 'k': op->kinds = arg; break;
	case 's': op->sentences = 1; break;
	case 'e': op->explain = 1; break;
	case 't': op->text = 1; break;
	}
}

static void note_hit(int term, void *ctx)
{
	int *where = ctx;

	hits = grow(hits, &hitcap, nhits + 1, sizeof *hits);
	hits[nhits++] = (struct hit){ where[0], term, where[1] };
}

/* Add the terms of text to v, remembering them for --explain. */
static void scan(const char *text, size_t n, double *v, int s, int inhead)
{
	int where[2] = { s, inhead };

	lexicon_scan(lx, text, n, v, opt.explain ? note_hit : NULL, where);
}

static int add_section(int level)
{
	int s;
	size_t cap = seccap;

	sec = grow(sec, &cap, nsec + 1, sizeof *sec);
	if ((int)cap != seccap) {
		head = zj_realloc(head, cap * nd * sizeof *head);
		body = zj_realloc(body, cap * nd * sizeof *body);
		votes = zj_realloc(votes, cap * nd * sizeof *votes);
		final = zj_realloc(final, cap * nd * sizeof *final);
		open = zj_realloc(open, cap * sizeof *open);
		seccap = cap;
	}
	s = nsec++;
	memset(head + s * nd, 0, nd * sizeof *head);
	memset(body + s * nd, 0, nd * sizeof *body);
	memset(votes + s * nd, 0, nd * sizeof *votes);
	while (nopen && sec[open[nopen - 1]].level >= level)
		nopen--;
	sec[s] = (struct section){ .parent = nopen ? open[nopen - 1] : -1, .level = level };
	if (sec[s].parent >= 0)
		sec[sec[s].parent].nchild++;
	open[nopen++] = s;
	return s;
}

static const char *domain_name(int d)
{
	return d < 0 ? "general" : lexicon_domain(lx, d);
}

static int same_hit(const struct hit *a, const struct hit *b)
{
	return a->sec == b->sec && a->term == b->term && a->inhead == b->inhead;
}

/* How often the hit at i occurs in its section, or 0 when it was seen
 * before (the first occurrence counts them all). */
static int hit_count(size_t i)
{
	int n = 1;

	for (size_t j = 0; j < nhits; j++)
		if (j != i && same_hit(&hits[i], &hits[j])) {
			if (j < i)
				return 0;
			n++;
		}
	return n;
}

/* One line per section: the terms of the heading (^), of the body, with
 * their domains and counts, and the votes of the sub-sections. */
static void explain(int s, const struct evidence *ev)
{
	fprintf(stderr, "%s: %s: %s %s:", prog.name, sec[s].id,
	        kinds_name(kinds, sec[s].kind), domain_name(sec[s].domain));
	for (size_t i = 0; i < nhits; i++) {
		int n = hits[i].sec == s ? hit_count(i) : 0;
		if (!n)
			continue;
		fprintf(stderr, " %s%s/%s", hits[i].inhead ? "^" : "", lexicon_term(lx, hits[i].term),
		        domain_name(lexicon_term_domain(lx, hits[i].term)));
		if (n > 1)
			fprintf(stderr, "*%d", n);
	}
	if (ev->nchild)
		fprintf(stderr, " | sub-sections:");
	for (int d = 0; ev->nchild && d < nd; d++)
		if (ev->votes[d])
			fprintf(stderr, " %s*%d", domain_name(d), ev->votes[d]);
	fputc('\n', stderr);
}

static struct evidence evidence(int s)
{
	return (struct evidence){ head + s * nd, body + s * nd, votes + s * nd, sec[s].nchild };
}

/* Domains bottom-up: a sub-section comes after its parent and votes for
 * it once it has its own domain. */
static void label_all(void)
{
	for (int s = nsec - 1; s >= 0; s--) {
		struct evidence ev = evidence(s);
		sec[s].domain = label_domain(lx, &ev, final + s * nd);
		if (sec[s].parent >= 0 && sec[s].domain >= 0)
			votes[sec[s].parent * nd + sec[s].domain]++;
	}
	for (int s = 0; opt.explain && s < nsec; s++) {
		struct evidence ev = evidence(s);
		explain(s, &ev);
	}
}

/* The best domains of a section and their shares of its evidence,
 * rounded to three decimals; returns how many. */
static int best_scores(int s, int *top, double *share)
{
	const double *v = final + s * nd;
	int n = label_top(v, nd, top, TOPN);
	double total = 0;

	for (int d = 0; d < nd; d++)
		total += v[d] > 0 ? v[d] : 0;
	for (int i = 0; i < n; i++)
		share[i] = (long)(1000 * v[top[i]] / total + 0.5) / 1000.0;
	return n;
}

static void pack_scores(msgpack_packer *pk, int s)
{
	int top[TOPN], n;
	double share[TOPN];

	n = best_scores(s, top, share);
	msgpack_pack_map(pk, n);
	for (int i = 0; i < n; i++) {
		zj_pack_cstr(pk, lexicon_domain(lx, top[i]));
		msgpack_pack_double(pk, share[i]);
	}
}

/* The keys it adds to a sec, and to a sent with --sentences. */
static const char *const section_keys[] = { "kind", "domain", "scores", NULL };
static const char *const sentence_keys[] = { "domain", NULL };

static size_t count_keys(const char *const *keys)
{
	size_t n = 0;

	while (keys[n])
		n++;
	return n;
}

static int has_key(const struct zj_rec *rec, const char *const *keys)
{
	for (; *keys; keys++)
		if (zj_rec_get(rec, *keys))
			return 1;
	return 0;
}

static void pack_section_keys(msgpack_packer *pk, int s)
{
	zj_pack_cstr(pk, "kind");
	zj_pack_cstr(pk, kinds_name(kinds, sec[s].kind));
	zj_pack_cstr(pk, "domain");
	zj_pack_cstr(pk, domain_name(sec[s].domain));
	zj_pack_cstr(pk, "scores");
	pack_scores(pk, s);
}

static void emit_sentence(const struct zj_rec *rec, int domain)
{
	msgpack_packer *pk = zj_pk();

	zj_pack_copy(pk, rec, sentence_keys, 1);
	zj_pack_cstr(pk, "domain");
	zj_pack_cstr(pk, domain_name(domain));
	zj_emit();
}

/* A held record again as a zj_rec, unpacked into u. */
static void unpack(msgpack_unpacked *u, const struct held *h, struct zj_rec *rec)
{
	size_t off = 0;

	if (msgpack_unpack_next(u, buf + h->off, h->len, &off) != MSGPACK_UNPACK_SUCCESS)
		zj_die("held record lost");     /* cannot happen: it was read before */
	memset(rec, 0, sizeof *rec);
	rec->raw = buf + h->off;
	rec->rawlen = h->len;
	rec->obj = u->data;
}

/* Start writing a held record with its keys of `keys` left out and as
 * many pairs more, for the caller to pack. A record that has none of them
 * (the usual case) is not unpacked: its bytes follow a new map header. */
static msgpack_packer *copy_held(const struct held *h, const char *const *keys, msgpack_unpacked *u)
{
	const unsigned char *p = (const unsigned char *)buf + h->off;
	msgpack_packer *pk = zj_pk();
	struct zj_rec rec;
	uint32_t n;
	size_t head;

	if (h->has_keys) {
		unpack(u, h, &rec);
		zj_pack_copy(pk, &rec, keys, count_keys(keys));
		return pk;
	}
	if (p[0] <= 0x8f)
		n = p[0] & 0x0f, head = 1;
	else if (p[0] == 0xde)
		n = (uint32_t)p[1] << 8 | p[2], head = 3;
	else
		n = (uint32_t)p[1] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 8 | p[4], head = 5;
	msgpack_pack_map(pk, n + count_keys(keys));
	pk->callback(pk->data, (const char *)p + head, h->len - head);
	return pk;
}

static void pass_held(const struct held *h, msgpack_unpacked *u)
{
	struct zj_rec rec = { .raw = buf + h->off, .rawlen = h->len };

	if (zj_out_is_json())           /* zj_pass writes JSON from the map */
		unpack(u, h, &rec);
	zj_pass(&rec);
}

static void flush(void)
{
	msgpack_unpacked u;

	if (!nheld)
		return;
	label_all();
	msgpack_unpacked_init(&u);
	for (size_t i = 0; i < nheld; i++) {
		const struct held *h = &held[i];
		msgpack_packer *pk;
		if (h->type == HELD_SEC) {
			pk = copy_held(h, section_keys, &u);
			pack_section_keys(pk, h->sec);
		} else if (h->type == HELD_SENT && opt.sentences) {
			pk = copy_held(h, sentence_keys, &u);
			zj_pack_cstr(pk, "domain");
			zj_pack_cstr(pk, domain_name(h->domain >= 0 ? h->domain : sec[h->sec].domain));
		} else {
			pass_held(h, &u);
			continue;
		}
		zj_emit();
	}
	msgpack_unpacked_destroy(&u);
	for (int s = 0; s < nsec; s++)
		free(sec[s].id);
	nheld = buflen = nhits = 0;
	nsec = nopen = 0;
}

static struct held *hold(const struct zj_rec *rec, enum held_type type)
{
	struct held *h;

	buf = grow(buf, &bufcap, buflen + rec->rawlen, 1);
	held = grow(held, &heldcap, nheld + 1, sizeof *held);
	h = &held[nheld++];
	*h = (struct held){ buflen, rec->rawlen, type, nsec ? open[nopen - 1] : -1, -1,
	                    has_key(rec, type == HELD_SEC ? section_keys : sentence_keys) };
	memcpy(buf + buflen, rec->raw, rec->rawlen);
	buflen += rec->rawlen;
	return h;
}

/* A key of the wrong type is a fatal error; the records held so far are
 * written first, so that nothing before the bad record is lost. */
static void check_key(const struct zj_rec *rec, const char *key, msgpack_object_type want)
{
	const msgpack_object *o = zj_rec_get(rec, key);

	if (!o || o->type == MSGPACK_OBJECT_NIL || o->type == want)
		return;
	if (want == MSGPACK_OBJECT_POSITIVE_INTEGER && o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER)
		return;
	flush();
	zj_rec_fail(rec, "\"%s\" is not %s", key, want == MSGPACK_OBJECT_STR ? "a string" : "an integer");
}

static int heading_kind(const char *title, size_t n, int parent)
{
	int k = kinds_of(kinds, title, n, parent < 0);

	if (k >= 0)
		return k;
	return parent >= 0 ? sec[parent].kind : kinds_default(kinds);
}

static void on_section(const struct zj_rec *rec)
{
	int level, s;
	size_t n = 0;
	const char *title;
	struct held *h;

	check_key(rec, "level", MSGPACK_OBJECT_POSITIVE_INTEGER);
	check_key(rec, "title", MSGPACK_OBJECT_STR);
	check_key(rec, "id", MSGPACK_OBJECT_STR);
	level = zj_rec_opt_int(rec, "level", 1);
	title = zj_rec_opt_str(rec, "title", &n);

	if (nsec && level <= sec[0].level)
		flush();
	s = add_section(level);
	h = hold(rec, HELD_SEC);
	h->sec = s;
	sec[s].kind = heading_kind(title ? title : "", n, sec[s].parent);
	if (opt.explain) {
		size_t idlen = 0;
		const char *id = zj_rec_opt_str(rec, "id", &idlen);
		sec[s].id = zj_strndup(id ? id : "", idlen);
	}
	if (title)
		scan(title, n, head + s * nd, s, 1);
}

/* zj-segment marks the sentence that repeats a heading's text with
 * "head": true; the heading has counted already. */
static int repeats_heading(const struct zj_rec *rec)
{
	const msgpack_object *o = zj_rec_get(rec, "head");

	return o && o->type == MSGPACK_OBJECT_BOOLEAN && o->via.boolean;
}

/* The domain a sentence's own terms point to, or -1; unless it repeats
 * its heading, they count for its section s too. */
static int sentence_domain(const char *text, size_t n, int s, int count)
{
	int top;

	memset(scratch, 0, nd * sizeof *scratch);
	scan(text, n, scratch, count ? s : -1, 0);
	if (s >= 0 && count)
		for (int d = 0; d < nd; d++)
			body[s * nd + d] += scratch[d];
	return label_top(scratch, nd, &top, 1) ? top : -1;
}

static void on_sentence(const struct zj_rec *rec)
{
	size_t n = 0;
	const char *text;
	int s = nsec ? open[nopen - 1] : -1, count = !repeats_heading(rec);

	check_key(rec, "text", MSGPACK_OBJECT_STR);
	text = zj_rec_opt_str(rec, "text", &n);
	if (!text)
		text = "";
	if (!opt.sentences) {
		if (count)
			scan(text, n, body + s * nd, s, 0);
		hold(rec, HELD_SENT);
	} else if (s < 0) {
		emit_sentence(rec, sentence_domain(text, n, s, count));
	} else {
		int d = sentence_domain(text, n, s, count);
		hold(rec, HELD_SENT)->domain = d;
	}
}

static void classify_records(char **files, int nfiles)
{
	static const char *const read[] = { "sec", "sent", NULL };
	struct zj_reader *r = zj_reader_new(files, nfiles);
	struct zj_rec rec;

	zj_reader_want(r, read);
	while (zj_reader_next(r, &rec)) {
		if (zj_rec_is(&rec, "sec"))
			on_section(&rec);
		else if (zj_rec_is(&rec, "sent") && (nsec || opt.sentences))
			on_sentence(&rec);
		else if (zj_rec_is(&rec, "doc") || !nsec)
			flush(), zj_pass(&rec);
		else
			hold(&rec, HELD_OTHER);
	}
	flush();
	zj_reader_free(r);
}

/* --text: the first non-empty line is the heading, the rest its body. */
static void classify_text(char **files, int nfiles)
{
	struct zj_lines *l = zj_lines_new(files, nfiles);
	const char *line;
	size_t n;
	int s = add_section(1), top[TOPN], ntop;
	double share[TOPN];

	sec[s].kind = -1;
	if (opt.explain)
		sec[s].id = zj_strdup(nfiles ? files[0] : "-");
	while ((line = zj_lines_next(l, &n))) {
		if (!n)
			continue;
		if (sec[s].kind < 0) {
			sec[s].kind = kinds_of(kinds, line, n, 1);
			if (sec[s].kind < 0)
				sec[s].kind = kinds_default(kinds);
			scan(line, n, head + s * nd, s, 1);
		} else {
			scan(line, n, body + s * nd, s, 0);
		}
	}
	zj_lines_free(l);
	if (sec[s].kind < 0)
		sec[s].kind = kinds_default(kinds);
	label_all();
	zj_printf("domain\t%s\nkind\t%s\n", domain_name(sec[s].domain), kinds_name(kinds, sec[s].kind));
	ntop = best_scores(s, top, share);
	for (int i = 0; i < ntop; i++)
		zj_printf("%s\t%.3f\n", lexicon_domain(lx, top[i]), share[i]);
	free(sec[s].id);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lexicon", required_argument, NULL, 'l' },
		{ "kinds", required_argument, NULL, 'k' },
		{ "sentences", no_argument, NULL, 's' },
		{ "explain", no_argument, NULL, 'e' },
		{ "text", no_argument, NULL, 't' },
		{ 0 },
	};
	int first = zj_getopt(&prog, argc, argv, "l:k:set", opts, option, &opt);
	char *lexpath = zj_data_file(opt.lexicon, "domains.tsv");
	char *kindpath = zj_data_file(opt.kinds, "kinds.tsv");

	lx = lexicon_load(lexpath);
	kinds = kinds_load(kindpath);
	nd = lexicon_ndomains(lx);
	scratch = zj_malloc(nd * sizeof *scratch);
	if (opt.text)
		classify_text(argv + first, argc - first);
	else
		classify_records(argv + first, argc - first);
	zj_out_close();
	free(lexpath);
	free(kindpath);
	lexicon_free(lx);
	kinds_free(kinds);
	free(scratch);
	free(buf), free(held), free(sec), free(open), free(hits);
	free(head), free(body), free(votes), free(final);
	return 0;
}
