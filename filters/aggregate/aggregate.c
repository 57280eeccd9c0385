/* zj-aggregate: tables that compare documents, regions, years and policy
 * areas, from a record stream or from the partial states of its shards. */
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"

static const struct zj_prog prog = {
	.name = "zj-aggregate",
	.usage = "[-t NAME | -b KEY,... [-m MEASURE,...]] [-w EXPR]... [-f FORMAT] [-u UNIT] [--partial | --merge] [--keep-dups] [FILE]...",
	.about = "Group the records of a zongjie stream (in the context of their document and section) and write a table.",
	.options =
	"  -t, --table=NAME    a ready-made table: docs (the default), domains, indicators, money\n"
	"  -b, --by=KEY,...    group num records (others when --where names t) on these fields\n"
	"                      of the record, its doc (doc.KEY) or its sec (sec.KEY)\n"
	"  -m, --measure=M,... with --by: count (the default), docs, sum, min, max, mean of value\n"
	"  -w, --where=EXPR    only records where FIELD=VALUE, FIELD!=VALUE or FIELD~REGEX (repeatable)\n"
	"  -f, --format=FMT    tsv (the default), csv, json, md or msgpack (row records)\n"
	"  -u, --money-unit=U  the money table in 元 (the default), 万元 or 亿元\n"
	"      --partial       write the mergeable state (records) instead of the table\n"
	"      --merge         read partial states and combine them\n"
	"      --keep-dups     keep documents that carry dup_of\n",
};

enum { OPT_PARTIAL = 0x100, OPT_MERGE, OPT_KEEP_DUPS };

#define MAXWHERE 32

struct opts {
	const char *table;
	char *by[MAXKEYS];
	int nby;
	const char *measures;
	const char *where[MAXWHERE];
	int nwhere;
	enum outfmt fmt;
	int fmt_given, partial, merge, keep_dups;
	const char *money_unit;
};

/* Split a comma-separated list into at most max parts (modified in place). */
static int split(char *s, char **part, int max, const char *what)
{
	int n = 0;
	char *save, *p;

	for (p = strtok_r(s, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		if (n == max)
			zj_usage_error("at most %d %s", max, what);
		part[n++] = p;
	}
	if (!n)
		zj_usage_error("no %s given", what);
	return n;
}

static void option(int opt, char *arg, void *ctx)
{
	struct opts *o = ctx;

	switch (opt) {
	case 't': o->table = arg; break;
	case 'b': o->nby = split(arg, o->by, MAXKEYS - 1, "keys"); break;
	case 'm': o->measures = arg; break;
	case 'w':
		if (o->nwhere == MAXWHERE)
			zj_usage_error("at most %d --where", MAXWHERE);
		o->where[o->nwhere++] = arg;
		break;
	case 'f':
		if (!outfmt_parse(arg, &o->fmt))
			zj_usage_error("unknown format '%s' (tsv, csv, json, md, msgpack)", arg);
		o->fmt_given = 1;
		break;
	case 'u': o->money_unit = arg; break;
	case OPT_PARTIAL: o->partial = 1; break;
	case OPT_MERGE: o->merge = 1; break;
	case OPT_KEEP_DUPS: o->keep_dups = 1; break;
	}
}

static void set_measures(struct query *q, const char *list)
{
	const char *p = list;

	q->nmeasures = 0;
	for (;;) {
		size_t n = strcspn(p, ",");

		if (q->nmeasures == MAXMEASURES)
			zj_usage_error("at most %d measures", MAXMEASURES);
		if (!measure_parse(p, n, &q->measures[q->nmeasures++]))
			zj_usage_error("unknown measure '%.*s' (count, docs, sum, min, max, mean)", (int)n, p);
		if (!p[n])
			break;
		p += n + 1;
	}
}

/* The query the command line asks for. */
static void make_query(struct query *q, struct opts *o)
{
	const char *unit;

	if (o->table && o->nby)
		zj_usage_error("--table and --by exclude each other");
	if (o->measures && !o->nby)
		zj_usage_error("--measure needs --by");
	if (o->nby) {
		q->table = &by_table;
	} else if (!(q->table = table_find(o->table ? o->table : "docs"))) {
		zj_usage_error("unknown table '%s' (docs, domains, indicators, money)", o->table);
	}
	set_measures(q, o->measures ? o->measures : "count");
	query_keys(q, o->by, o->nby);
	unit = o->money_unit ? o->money_unit : "元";
	if (!money_unit(q, unit, strlen(unit)))
		zj_usage_error("unknown money unit '%s' (元, 万元, 亿元)", unit);
}

/* ---- counting records ---- */

struct counter {
	struct groups *groups;
	struct field *fields[MAXKEYS];
	int nfields;
	/* the table's own, the command line's, and t=num for --by */
	struct cond *conds[MAXTABLEWHERE + MAXWHERE + 1];
	int nconds;
	struct context *ctx;
	struct keybuf key;
	uint64_t docseq;        /* 1-based number of the current doc record */
	/* When every key field is of the context, the group changes only
	 * with it: the group of the context numbered ctxgen. */
	int context_keyed;
	unsigned long ctxgen;
	struct group *ctxgroup;
};

static struct cond *parse_cond(const char *expr)
{
	const char *err;
	struct cond *w = cond_parse(expr, &err);

	if (!w)
		zj_usage_error("--where '%s': %s", expr, err);
	return w;
}

static void counter_init(struct counter *c)
{
	memset(c, 0, sizeof *c);
	c->groups = groups_new();
	c->ctx = context_new();
}

/* The fields and conditions of the query, to count a record stream. */
static void counter_query(struct counter *c, const struct query *q, const struct opts *o)
{
	int typed = 0;

	c->context_keyed = 1;
	for (int i = 0; i < q->nkeys; i++) {
		if (!(c->fields[c->nfields++] = field_parse(q->keys[i])))
			zj_usage_error("'%s' is not a field name", q->keys[i]);
		c->context_keyed &= field_of_context(c->fields[i]);
	}
	for (int i = 0; q->table->where[i]; i++)
		c->conds[c->nconds++] = parse_cond(q->table->where[i]);
	for (int i = 0; i < o->nwhere; i++) {
		c->conds[c->nconds] = parse_cond(o->where[i]);
		typed |= field_is_type(cond_field(c->conds[c->nconds++]));
	}
	/* --by counts numbers unless told which records to count */
	if (q->table == &by_table && !typed)
		c->conds[c->nconds++] = parse_cond("t=num");
}

static int of_record(const struct field *f)
{
	return !field_of_context(f) && !field_is_type(f);
}

/* Whether the query reads the fields of sent and num records: a key or a
 * condition names one, or a measure takes their values. */
static int reads_records(const struct counter *c, const struct query *q)
{
	for (int i = 0; i < c->nfields; i++)
		if (of_record(c->fields[i]))
			return 1;
	for (int i = 0; i < c->nconds; i++)
		if (of_record(cond_field(c->conds[i])))
			return 1;
	for (int i = 0; i < q->nmeasures; i++)
		if (q->measures[i] != M_COUNT && q->measures[i] != M_DOCS)
			return 1;
	return 0;
}

/* The record types to unpack, into want (room for 4): doc and sec, which
 * are the context, and the types whose fields the query reads: all, or
 * the one a condition t=TYPE lets through. The others are read for their
 * type alone, which spares msgpack-c much of the stream. */
static void wanted_types(const struct counter *c, const struct query *q, const char **want)
{
	int n = 0;

	want[n++] = "doc";
	want[n++] = "sec";
	if (reads_records(c, q)) {
		const char *only = NULL;

		for (int i = 0; i < c->nconds && !only; i++)
			only = cond_type(c->conds[i]);
		if (!only) {
			want[0] = NULL;         /* every type */
			return;
		}
		want[n++] = only;
	}
	want[n] = NULL;
}

static void counter_free(struct counter *c)
{
	for (int i = 0; i < c->nfields; i++)
		field_free(c->fields[i]);
	for (int i = 0; i < c->nconds; i++)
		cond_free(c->conds[i]);
	groups_free(c->groups);
	context_free(c->ctx);
	free(c->key.p);
}

/* The value to sum, unless masked or a range: those are counted only. */
static int summable(const struct zj_rec *rec, double *v)
{
	const msgpack_object *value = zj_rec_get(rec, "value");
	const msgpack_object *masked = zj_rec_get(rec, "masked");
	double low, high;

	if (!obj_number(value, v))
		return 0;
	if (masked && masked->type == MSGPACK_OBJECT_BOOLEAN && masked->via.boolean)
		return 0;
	if (obj_number(zj_rec_get(rec, "low"), &low) && obj_number(zj_rec_get(rec, "high"), &high) &&
	    low != high)
		return 0;
	return *v == *v;        /* not NaN */
}

static struct group *group_of(struct counter *c, const struct zj_rec *rec)
{
	struct val v;

	if (c->context_keyed && c->ctxgroup && c->ctxgen == context_gen(c->ctx))
		return c->ctxgroup;
	key_reset(&c->key);
	for (int i = 0; i < c->nfields; i++) {
		field_value(c->fields[i], rec, c->ctx, &v);
		key_add(&c->key, &v);
	}
	c->ctxgen = context_gen(c->ctx);
	return c->ctxgroup = groups_get(c->groups, &c->key);
}

static void count(struct counter *c, const struct zj_rec *rec, enum rtype type)
{
	struct group *g;
	double x;

	for (int i = 0; i < c->nconds; i++)
		if (!cond_true(c->conds[i], rec, c->ctx))
			return;
	g = group_of(c, rec);
	g->acc.count[type]++;
	if (c->docseq && g->acc.lastdoc != c->docseq) {
		g->acc.docs++;
		g->acc.lastdoc = c->docseq;
	}
	if (type == R_NUM && summable(rec, &x))
		acc_add_value(&g->acc, x, rec);
}

static int is_dup(const struct zj_rec *rec)
{
	const msgpack_object *o = zj_rec_get(rec, "dup_of");

	if (!o || o->type == MSGPACK_OBJECT_NIL)
		return 0;
	if (o->type == MSGPACK_OBJECT_BOOLEAN)
		return o->via.boolean;
	return !(o->type == MSGPACK_OBJECT_STR && !o->via.str.size);
}

static int record_type(const struct zj_rec *rec, enum rtype *type)
{
	static const char *const names[NRTYPES] = { "doc", "sec", "sent", "num" };

	for (int t = 0; t < NRTYPES; t++)
		if (zj_rec_is(rec, names[t])) {
			*type = (enum rtype)t;
			return 1;
		}
	return 0;
}

static void count_stream(struct counter *c, struct zj_reader *r, int keep_dups)
{
	struct zj_rec rec;
	enum rtype type;
	int skip = 0;

	while (zj_reader_next(r, &rec)) {
		if (!record_type(&rec, &type))
			continue;
		if (type == R_DOC) {
			context_set_doc(c->ctx, &rec);
			c->docseq++;
			skip = !keep_dups && is_dup(&rec);
		} else if (type == R_SEC && !skip) {
			context_set_sec(c->ctx, &rec);
		}
		if (!skip)
			count(c, &rec, type);
	}
}

/* ---- main ---- */

/* The state of the groups, under the header of the states merged if any. */
static void write_state(const struct query *q, const struct opts *o, struct merger *m,
                        struct group **g, size_t n)
{
	if (!m || !merger_write_header(m))
		state_write_header(q, o->where, o->nwhere, o->keep_dups);
	state_write_groups(g, n, q->nkeys);
}

static void check_usage(const struct opts *o)
{
	if (o->partial && o->fmt_given && o->fmt != OUT_MSGPACK)
		zj_usage_error("--partial writes state records: no --format but msgpack");
	if (o->merge && (o->nwhere || o->keep_dups))
		zj_usage_error("--where and --keep-dups apply when the partial states are made, not to --merge");
}

int main(int argc, char **argv)
{
	const char *want[4];
	static const struct option longopts[] = {
		{ "table", required_argument, NULL, 't' },
		{ "by", required_argument, NULL, 'b' },
		{ "measure", required_argument, NULL, 'm' },
		{ "where", required_argument, NULL, 'w' },
		{ "format", required_argument, NULL, 'f' },
		{ "money-unit", required_argument, NULL, 'u' },
		{ "partial", no_argument, NULL, OPT_PARTIAL },
		{ "merge", no_argument, NULL, OPT_MERGE },
		{ "keep-dups", no_argument, NULL, OPT_KEEP_DUPS },
		{ 0 },
	};
	struct opts o = { .fmt = OUT_TSV };
	struct query q = { 0 };
	struct merger *m = NULL;
	struct counter c;
	struct zj_reader *r;
	struct group **g;
	size_t n;
	int first = zj_getopt(&prog, argc, argv, "t:b:m:w:f:u:", longopts, option, &o);

	check_usage(&o);
	make_query(&q, &o);
	counter_init(&c);
	if (!o.merge)
		counter_query(&c, &q, &o);
	r = zj_reader_new(argv + first, argc - first);
	if (!o.merge) {
		wanted_types(&c, &q, want);
		if (want[0])
			zj_reader_want(r, (const char *const *)want);
	}
	if (o.merge) {
		m = merger_new(&q, (o.table || o.nby ? ASKED_TABLE : 0) | (o.money_unit ? ASKED_UNIT : 0));
		merge_stream(m, r, c.groups);
	} else {
		count_stream(&c, r, o.keep_dups);
	}
	zj_reader_free(r);
	g = groups_sorted(c.groups, &n);
	if (o.partial)
		write_state(&q, &o, m, g, n);
	else
		q.table->render(&q, g, n, o.fmt);
	merger_free(m);
	counter_free(&c);
	zj_out_close();
	return 0;
}
