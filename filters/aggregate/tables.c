/* The tables: what each groups on, and how its groups become rows. */
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"

static const char *const measure_names[] = { "count", "docs", "sum", "min", "max", "mean" };

int measure_parse(const char *name, size_t len, enum measure *m)
{
	for (int i = 0; i < M_NONE; i++)
		if (strlen(measure_names[i]) == len && !memcmp(measure_names[i], name, len)) {
			*m = (enum measure)i;
			return 1;
		}
	return 0;
}

const char *measure_name(enum measure m)
{
	return measure_names[m];
}

/* The first n values of g's key. */
static void group_vals(const struct group *g, struct val *v, int n)
{
	size_t pos = 0;

	for (int i = 0; i < n && pos < g->keylen; i++)
		key_next(g->key, &pos, &v[i]);
}

static int same_vals(const struct val *a, const struct val *b, int n)
{
	for (int i = 0; i < n; i++)
		if (val_cmp(&a[i], &b[i]))
			return 0;
	return 1;
}

static void set_int(struct val *v, uint64_t x)
{
	v->type = V_INT;
	v->i = (int64_t)x;
}

static void set_float(struct val *v, double x)
{
	v->type = V_FLOAT;
	v->f = x;
}

static void set_str(struct val *v, const char *s)
{
	v->type = *s ? V_STR : V_NONE;
	v->s = s;
	v->n = strlen(s);
}

static int is_str(const struct val *v, const char *s)
{
	return v->type == V_STR && v->n == strlen(s) && !memcmp(v->s, s, v->n);
}

/* ---- tables of measures: --by, indicators, money ---- */

static void measure_cell(struct val *v, const struct acc *a, enum measure m, double scale)
{
	v->type = V_NONE;
	switch (m) {
	case M_COUNT: set_int(v, acc_count(a)); break;
	case M_DOCS: set_int(v, a->docs); break;
	default:
		if (!a->n)
			break;
		if (m == M_SUM) set_float(v, acc_sum(a) / scale);
		if (m == M_MIN) set_float(v, a->min / scale);
		if (m == M_MAX) set_float(v, a->max / scale);
		if (m == M_MEAN) set_float(v, acc_sum(a) / (double)a->n / scale);
	}
}

struct layout {
	const char *const *keynames;    /* column names of the keys */
	const char *const *mnames;      /* column names of the measures, or NULL */
	int unitcol;                    /* the money table's unit column, or -1 */
};

static void render_measures(const struct query *q, struct group **g, size_t n,
                            enum outfmt f, const struct layout *l)
{
	struct column cols[MAXKEYS + MAXMEASURES];
	struct val cells[MAXKEYS + MAXMEASURES];
	int nk = q->nkeys;

	for (int i = 0; i < nk; i++)
		cols[i] = (struct column){ l->keynames[i], 0 };
	for (int i = 0; i < q->nmeasures; i++)
		cols[nk + i] = (struct column){ l->mnames ? l->mnames[i] : measure_name(q->measures[i]), 1 };
	out_begin(f, q->table->name, cols, nk + q->nmeasures);
	for (size_t r = 0; r < n; r++) {
		double scale = 1;

		group_vals(g[r], cells, nk);
		if (l->unitcol >= 0 && is_str(&cells[l->unitcol], "元")) {
			scale = q->money_scale;
			set_str(&cells[l->unitcol], q->money_unit);
		}
		for (int i = 0; i < q->nmeasures; i++)
			measure_cell(&cells[nk + i], &g[r]->acc, q->measures[i], scale);
		out_row(cells);
	}
	out_end();
}

static void render_by(const struct query *q, struct group **g, size_t n, enum outfmt f)
{
	struct layout l = { q->keys, NULL, -1 };

	render_measures(q, g, n, f, &l);
}

static void render_indicators(const struct query *q, struct group **g, size_t n, enum outfmt f)
{
	static const char *const names[] = { "mentions", "documents", "sum", "min", "max" };
	struct layout l = { q->keys, names, -1 };

	render_measures(q, g, n, f, &l);
}

static void render_money(const struct query *q, struct group **g, size_t n, enum outfmt f)
{
	static const char *const keys[] = { "doc", "domain", "unit" };
	static const char *const names[] = { "mentions", "sum" };
	struct layout l = { keys, names, 2 };

	render_measures(q, g, n, f, &l);
}

/* ---- per document: docs and domains ---- */

/* One domain of a document: its sentences and numbers. */
struct share {
	struct val domain;
	uint64_t sents, nums;
};

struct shares {
	struct share *p;
	size_t n, cap;
};

#define MAIN_DOMAINS 3

/* The groups of one document, from g[0], a group a domain (the key is the
 * first dockeys values, then the domain): their number, the document's
 * records of each type in count, and the domains in shares. */
static size_t doc_block(struct group **g, size_t n, int dockeys, uint64_t count[NRTYPES],
                        struct shares *s)
{
	struct val first[MAXKEYS], v[MAXKEYS];
	size_t r;

	memset(count, 0, NRTYPES * sizeof count[0]);
	group_vals(g[0], first, dockeys);
	for (r = 0; r < n; r++) {
		const struct acc *a = &g[r]->acc;

		group_vals(g[r], v, dockeys + 1);
		if (!same_vals(first, v, dockeys))
			break;
		for (int t = 0; t < NRTYPES; t++)
			count[t] += a->count[t];
		s->p = zj_grow(s->p, r, &s->cap, sizeof s->p[0]);
		s->p[r] = (struct share){ v[dockeys], a->count[R_SENT], a->count[R_NUM] };
	}
	s->n = r;
	return r;
}

/* Main domains first: most sentences, then most numbers, then by name. */
static int share_cmp(const void *pa, const void *pb)
{
	const struct share *a = pa, *b = pb;

	if (a->sents != b->sents)
		return a->sents > b->sents ? -1 : 1;
	if (a->nums != b->nums)
		return a->nums > b->nums ? -1 : 1;
	return val_cmp(&a->domain, &b->domain);
}

/* The main domains, comma-separated. */
static void main_domains(struct share *s, size_t n, char **buf, size_t *cap)
{
	size_t len = 0, shown = 0;

	qsort(s, n, sizeof *s, share_cmp);
	for (size_t i = 0; i < n && shown < MAIN_DOMAINS; i++) {
		if (s[i].domain.type != V_STR || !s[i].sents)
			continue;
		if (len + s[i].domain.n + 2 > *cap) {
			*cap = (len + s[i].domain.n + 2) * 2;
			*buf = zj_realloc(*buf, *cap);
		}
		if (shown++)
			(*buf)[len++] = ',';
		memcpy(*buf + len, s[i].domain.s, s[i].domain.n);
		len += s[i].domain.n;
	}
	(*buf)[len] = '\0';
}

static void render_docs(const struct query *q, struct group **g, size_t n, enum outfmt f)
{
	static const struct column cols[] = {
		{ "id", 0 }, { "title", 0 }, { "region", 0 }, { "year", 1 }, { "period", 0 },
		{ "sections", 1 }, { "sentences", 1 }, { "numbers", 1 }, { "domains", 0 },
	};
	struct val cells[9];
	struct shares shares = { 0 };
	size_t cap = 64;
	char *domains = zj_malloc(cap);
	uint64_t count[NRTYPES];

	out_begin(f, q->table->name, cols, 9);
	for (size_t r = 0; r < n;) {
		group_vals(g[r], cells, 5);
		r += doc_block(g + r, n - r, 5, count, &shares);
		set_int(&cells[5], count[R_SEC]);
		set_int(&cells[6], count[R_SENT]);
		set_int(&cells[7], count[R_NUM]);
		main_domains(shares.p, shares.n, &domains, &cap);
		set_str(&cells[8], domains);
		out_row(cells);
	}
	out_end();
	free(domains);
	free(shares.p);
}

static double ratio(uint64_t part, uint64_t whole)
{
	return whole ? (double)part / (double)whole : 0;
}

static void render_domains(const struct query *q, struct group **g, size_t n, enum outfmt f)
{
	static const struct column cols[] = {
		{ "doc", 0 }, { "domain", 0 }, { "sentences", 1 }, { "sentence_share", 1 },
		{ "numbers", 1 }, { "number_share", 1 },
	};
	struct val cells[6];
	struct shares shares = { 0 };
	uint64_t count[NRTYPES];

	out_begin(f, q->table->name, cols, 6);
	for (size_t r = 0; r < n;) {
		group_vals(g[r], cells, 1);
		r += doc_block(g + r, n - r, 1, count, &shares);
		for (size_t i = 0; i < shares.n; i++) {
			const struct share *s = &shares.p[i];

			cells[1] = s->domain;
			set_int(&cells[2], s->sents);
			set_float(&cells[3], ratio(s->sents, count[R_SENT]));
			set_int(&cells[4], s->nums);
			set_float(&cells[5], ratio(s->nums, count[R_NUM]));
			out_row(cells);
		}
	}
	out_end();
	free(shares.p);
}

/* ---- the tables by name ---- */

static const struct table tables[] = {
	{ "docs", { "doc.id", "doc.title", "doc.region", "doc.year", "doc.period", "sec.domain" },
	  { NULL }, render_docs },
	{ "domains", { "doc.id", "sec.domain" }, { "t~^(sent|num)$" }, render_domains },
	/* years and dates are points in time, not amounts */
	{ "indicators", { "indicator", "unit" }, { "t=num", "kind!=year", "kind!=date" }, render_indicators },
	{ "money", { "doc.id", "sec.domain", "unit" }, { "t=num", "dim=money" }, render_money },
};

const struct table by_table = { "by", { NULL }, { NULL }, render_by };

const struct table *table_find(const char *name)
{
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
		if (!strcmp(tables[i].name, name))
			return &tables[i];
	return NULL;
}

static const enum measure preset_measures[][MAXMEASURES] = {
	{ M_NONE },
	{ M_NONE },
	{ M_COUNT, M_DOCS, M_SUM, M_MIN, M_MAX, M_NONE },
	{ M_COUNT, M_SUM, M_NONE },
};

int money_unit(struct query *q, const char *unit, size_t n)
{
	static const char *const units[] = { "元", "万元", "亿元" };
	static const double scale[] = { 1, 1e4, 1e8 };

	for (int i = 0; i < 3; i++)
		if (strlen(units[i]) == n && !memcmp(unit, units[i], n)) {
			q->money_unit = units[i];
			q->money_scale = scale[i];
			return 1;
		}
	return 0;
}

static int has_key(const struct query *q, const char *name)
{
	for (int i = 0; i < q->nkeys; i++)
		if (!strcmp(q->keys[i], name))
			return 1;
	return 0;
}

void query_keys(struct query *q, char *const *by, int nby)
{
	const struct table *t = q->table;

	q->nkeys = 0;
	if (t != &by_table) {
		const enum measure *m = preset_measures[t - tables];

		for (; t->keys[q->nkeys]; q->nkeys++)
			q->keys[q->nkeys] = t->keys[q->nkeys];
		for (q->nmeasures = 0; m[q->nmeasures] != M_NONE; q->nmeasures++)
			q->measures[q->nmeasures] = m[q->nmeasures];
		return;
	}
	for (int i = 0; i < nby; i++)
		q->keys[q->nkeys++] = by[i];
	/* Values of different units are never added up or compared. */
	for (int i = 0; i < q->nmeasures; i++)
		if (q->measures[i] >= M_SUM && !has_key(q, "unit")) {
			if (q->nkeys == MAXKEYS)
				zj_usage_error("too many keys");
			q->keys[q->nkeys++] = "unit";
		}
}
