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
		if (o->nwhere == MAXWHERE - 2)
			zj_usage_error("at most %d --where", MAXWHERE - 2);
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

static void set_money_unit(struct query *q, const char *unit)
{
	static const char *const units[] = { "元", "万元", "亿元" };
	static const double scale[] = { 1, 1e4, 1e8 };

	for (int i = 0; i < 3; i++)
		if (!strcmp(unit, units[i])) {
			q->money_unit = units[i];
			q->money_scale = scale[i];
			return;
		}
	zj_usage_error("unknown money unit '%s' (元, 万元, 亿元)", unit);
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
	set_money_unit(q, o->money_unit ? o->money_unit : "元");
}

/* ---- counting records ---- */

struct counter {
	struct groups *groups;
	struct field *fields[MAXKEYS];
	int nfields;
	struct cond *conds[MAXWHERE];
	int nconds;
	struct context *ctx;
	struct keybuf key;
	uint64_t docseq;        /* 1-based number of the current doc record */
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

	for (int i = 0; i < q->nkeys; i++)
		if (!(c->fields[c->nfields++] = field_parse(q->keys[i])))
			zj_usage_error("'%s' is not a field name", q->keys[i]);
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

static int is_number(const msgpack_object *o)
{
	return o && (o->type == MSGPACK_OBJECT_FLOAT64 || o->type == MSGPACK_OBJECT_FLOAT32 ||
	             o->type == MSGPACK_OBJECT_POSITIVE_INTEGER ||
	             o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER);
}

static double number(const msgpack_object *o)
{
	if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER)
		return (double)o->via.u64;
	if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER)
		return (double)o->via.i64;
	return o->via.f64;
}

/* The value to sum, unless masked or a range: those are counted only. */
static int summable(const struct zj_rec *rec, double *v)
{
	const msgpack_object *value = zj_rec_get(rec, "value");
	const msgpack_object *masked = zj_rec_get(rec, "masked");
	const msgpack_object *low, *high;

	if (!is_number(value))
		return 0;
	if (masked && masked->type == MSGPACK_OBJECT_BOOLEAN && masked->via.boolean)
		return 0;
	low = zj_rec_get(rec, "low");
	high = zj_rec_get(rec, "high");
	if (is_number(low) && is_number(high) && number(low) != number(high))
		return 0;
	*v = number(value);
	return *v == *v;        /* not NaN */
}

static void count(struct counter *c, const struct zj_rec *rec)
{
	struct group *g;
	struct val v;
	double x;

	for (int i = 0; i < c->nconds; i++)
		if (!cond_true(c->conds[i], rec, c->ctx))
			return;
	key_reset(&c->key);
	for (int i = 0; i < c->nfields; i++) {
		field_value(c->fields[i], rec, c->ctx, &v);
		key_add(&c->key, &v);
	}
	g = groups_get(c->groups, &c->key);
	g->acc.count++;
	if (c->docseq && g->acc.lastdoc != c->docseq) {
		g->acc.docs++;
		g->acc.lastdoc = c->docseq;
	}
	if (zj_rec_is(rec, "num") && summable(rec, &x))
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

static void count_stream(struct counter *c, struct zj_reader *r, int keep_dups)
{
	struct zj_rec rec;
	int skip = 0;

	while (zj_reader_next(r, &rec)) {
		if (zj_rec_is(&rec, "doc")) {
			context_set_doc(c->ctx, &rec);
			c->docseq++;
			skip = !keep_dups && is_dup(&rec);
		} else if (skip) {
			continue;
		} else if (zj_rec_is(&rec, "sec")) {
			context_set_sec(c->ctx, &rec);
		} else if (!zj_rec_is(&rec, "sent") && !zj_rec_is(&rec, "num")) {
			continue;
		}
		if (!skip)
			count(c, &rec);
	}
}

/* ---- partial state: a header, then one record a group ---- */

static void pack_strs(msgpack_packer *pk, const char *const *s, int n)
{
	msgpack_pack_array(pk, (size_t)n);
	for (int i = 0; i < n; i++)
		zj_pack_cstr(pk, s[i]);
}

static void write_header(const struct query *q, const struct opts *o)
{
	msgpack_packer *pk = zj_pk();
	const char *m[MAXMEASURES];

	for (int i = 0; i < q->nmeasures; i++)
		m[i] = measure_name(q->measures[i]);
	msgpack_pack_map(pk, 6);
	zj_pack_cstr(pk, "t");
	zj_pack_cstr(pk, "state");
	zj_pack_cstr(pk, "table");
	zj_pack_cstr(pk, q->table->name);
	zj_pack_cstr(pk, "key");
	pack_strs(pk, q->keys, q->nkeys);
	zj_pack_cstr(pk, "measure");
	pack_strs(pk, m, q->nmeasures);
	zj_pack_cstr(pk, "where");
	pack_strs(pk, o->where, o->nwhere);
	zj_pack_cstr(pk, "keep_dups");
	if (o->keep_dups)
		msgpack_pack_true(pk);
	else
		msgpack_pack_false(pk);
	zj_emit();
}

static void pack_int128(msgpack_packer *pk, __int128 x)
{
	char buf[48];

	int128_text(x, buf);
	zj_pack_cstr(pk, buf);
}

static void pack_double_or_nil(msgpack_packer *pk, int have, double d)
{
	if (have)
		msgpack_pack_double(pk, d);
	else
		msgpack_pack_nil(pk);
}

static void write_group(const struct group *g, int nkeys)
{
	msgpack_packer *pk = zj_pk();
	const struct acc *a = &g->acc;
	size_t pos = 0;
	struct val v;

	msgpack_pack_map(pk, 8);
	zj_pack_cstr(pk, "t");
	zj_pack_cstr(pk, "group");
	zj_pack_cstr(pk, "key");
	msgpack_pack_array(pk, (size_t)nkeys);
	for (int i = 0; i < nkeys; i++) {
		key_next(g->key, &pos, &v);
		val_pack(pk, &v);
	}
	zj_pack_cstr(pk, "count");
	msgpack_pack_uint64(pk, a->count);
	zj_pack_cstr(pk, "docs");
	msgpack_pack_uint64(pk, a->docs);
	zj_pack_cstr(pk, "n");
	msgpack_pack_uint64(pk, a->n);
	zj_pack_cstr(pk, "sum");
	msgpack_pack_array(pk, 2);
	pack_int128(pk, a->whole);
	pack_int128(pk, a->frac);
	zj_pack_cstr(pk, "min");
	pack_double_or_nil(pk, a->n > 0, a->min);
	zj_pack_cstr(pk, "max");
	pack_double_or_nil(pk, a->n > 0, a->max);
	zj_emit();
}

/* ---- merging partial states ---- */

struct merger {
	struct query *q;
	int asked;              /* the command line named the table */
	msgpack_sbuffer header; /* the first state header, as read */
	msgpack_unpacked hdr;
	char *names[MAXKEYS + MAXMEASURES];
	int nnames;
};

static const msgpack_object *need(const struct zj_rec *rec, const char *key, msgpack_object_type type)
{
	const msgpack_object *o = zj_rec_get(rec, key);

	if (!o || o->type != type)
		zj_rec_fail(rec, "state record without a proper '%s'", key);
	return o;
}

static char *str_of(const struct zj_rec *rec, const msgpack_object *o)
{
	if (o->type != MSGPACK_OBJECT_STR)
		zj_rec_fail(rec, "state header: a name is not a string");
	return zj_strndup(o->via.str.ptr, o->via.str.size);
}

/* The query of the first header; it must be the one asked for, if any. */
static void adopt_header(struct merger *m, const struct zj_rec *rec)
{
	const msgpack_object *table = need(rec, "table", MSGPACK_OBJECT_STR);
	const msgpack_object_array *keys = &need(rec, "key", MSGPACK_OBJECT_ARRAY)->via.array;
	const msgpack_object_array *ms = &need(rec, "measure", MSGPACK_OBJECT_ARRAY)->via.array;
	struct query q = *m->q;
	char *name = str_of(rec, table);

	m->names[m->nnames++] = name;
	q.table = strcmp(name, "by") ? table_find(name) : &by_table;
	if (!q.table || keys->size > MAXKEYS || ms->size > MAXMEASURES || (q.table == &by_table && !ms->size))
		zj_rec_fail(rec, "state header of an unknown table");
	q.nkeys = (int)keys->size;
	for (uint32_t i = 0; i < keys->size; i++)
		q.keys[i] = m->names[m->nnames++] = str_of(rec, &keys->ptr[i]);
	q.nmeasures = (int)ms->size;
	for (uint32_t i = 0; i < ms->size; i++)
		if (ms->ptr[i].type != MSGPACK_OBJECT_STR ||
		    !measure_parse(ms->ptr[i].via.str.ptr, ms->ptr[i].via.str.size, &q.measures[i]))
			zj_rec_fail(rec, "state header with an unknown measure");
	if (m->asked && (q.table != m->q->table || q.nkeys != m->q->nkeys ||
	                 memcmp(q.measures, m->q->measures, sizeof q.measures[0] * (size_t)q.nmeasures) ||
	                 q.nmeasures != m->q->nmeasures))
		zj_rec_fail(rec, "the state is of another table than the one asked for");
	for (int i = 0; m->asked && i < q.nkeys; i++)
		if (strcmp(q.keys[i], m->q->keys[i]))
			zj_rec_fail(rec, "the state is of another table than the one asked for");
	*m->q = q;
}

static void merge_header(struct merger *m, const struct zj_rec *rec)
{
	size_t off = 0;

	if (m->header.size) {
		if (!msgpack_object_equal(m->hdr.data, rec->obj))
			zj_rec_fail(rec, "the states to merge were made by different queries");
		return;
	}
	adopt_header(m, rec);
	msgpack_sbuffer_write(&m->header, rec->raw, rec->rawlen);
	msgpack_unpack_next(&m->hdr, m->header.data, m->header.size, &off);
}

static uint64_t need_count(const struct zj_rec *rec, const char *key)
{
	return (uint64_t)need(rec, key, MSGPACK_OBJECT_POSITIVE_INTEGER)->via.u64;
}

static double need_number(const struct zj_rec *rec, const char *key)
{
	const msgpack_object *o = zj_rec_get(rec, key);

	if (!is_number(o))
		zj_rec_fail(rec, "state record without a proper '%s'", key);
	return number(o);
}

static void read_acc(const struct zj_rec *rec, struct acc *a)
{
	const msgpack_object_array *sum = &need(rec, "sum", MSGPACK_OBJECT_ARRAY)->via.array;

	memset(a, 0, sizeof *a);
	a->count = need_count(rec, "count");
	a->docs = need_count(rec, "docs");
	a->n = need_count(rec, "n");
	if (sum->size != 2 || sum->ptr[0].type != MSGPACK_OBJECT_STR || sum->ptr[1].type != MSGPACK_OBJECT_STR ||
	    !int128_parse(sum->ptr[0].via.str.ptr, sum->ptr[0].via.str.size, &a->whole) ||
	    !int128_parse(sum->ptr[1].via.str.ptr, sum->ptr[1].via.str.size, &a->frac))
		zj_rec_fail(rec, "state record without a proper 'sum'");
	if (a->n) {
		a->min = need_number(rec, "min");
		a->max = need_number(rec, "max");
	}
}

static void merge_group(struct merger *m, struct counter *c, const struct zj_rec *rec)
{
	const msgpack_object_array *key;
	struct acc a;
	struct val v;

	if (!m->header.size)
		zj_rec_fail(rec, "a group before its state header");
	key = &need(rec, "key", MSGPACK_OBJECT_ARRAY)->via.array;
	if ((int)key->size != m->q->nkeys)
		zj_rec_fail(rec, "a group with %u keys in a state of %d", key->size, m->q->nkeys);
	key_reset(&c->key);
	for (uint32_t i = 0; i < key->size; i++) {
		val_from_obj(&v, &key->ptr[i]);
		key_add(&c->key, &v);
	}
	read_acc(rec, &a);
	acc_merge(&groups_get(c->groups, &c->key)->acc, &a);
}

static void merge_stream(struct merger *m, struct counter *c, struct zj_reader *r)
{
	struct zj_rec rec;

	while (zj_reader_next(r, &rec)) {
		if (zj_rec_is(&rec, "state"))
			merge_header(m, &rec);
		else if (zj_rec_is(&rec, "group"))
			merge_group(m, c, &rec);
		else
			zj_rec_fail(&rec, "not a partial state (made by zj-aggregate --partial)");
	}
}

static void merger_free(struct merger *m)
{
	for (int i = 0; i < m->nnames; i++)
		free(m->names[i]);
	msgpack_sbuffer_destroy(&m->header);
	msgpack_unpacked_destroy(&m->hdr);
}

/* ---- main ---- */

static void write_state(const struct query *q, const struct opts *o, struct merger *m,
                        struct group **g, size_t n)
{
	if (m && m->header.size) {
		msgpack_pack_object(zj_pk(), m->hdr.data);
		zj_emit();
	} else {
		write_header(q, o);
	}
	for (size_t i = 0; i < n; i++)
		write_group(g[i], q->nkeys);
}

static void check_usage(const struct opts *o)
{
	if (o->partial && o->fmt_given)
		zj_usage_error("--partial writes state records; --format does not apply");
	if (o->merge && (o->nwhere || o->keep_dups))
		zj_usage_error("--where and --keep-dups apply when the partial states are made, not to --merge");
}

int main(int argc, char **argv)
{
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
	struct merger m = { 0 };
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
	if (o.merge) {
		m = (struct merger){ .q = &q, .asked = o.table || o.nby };
		msgpack_sbuffer_init(&m.header);
		msgpack_unpacked_init(&m.hdr);
		merge_stream(&m, &c, r);
	} else {
		count_stream(&c, r, o.keep_dups);
	}
	zj_reader_free(r);
	g = groups_sorted(c.groups, &n);
	if (o.partial)
		write_state(&q, &o, o.merge ? &m : NULL, g, n);
	else
		q.table->render(&q, g, n, o.fmt);
	if (o.merge)
		merger_free(&m);
	counter_free(&c);
	zj_out_close();
	return 0;
}
