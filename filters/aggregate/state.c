/* Partial states: a `state` record (the query), then a `group` record a
 * group; and merging them. */
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"

static void pack_strs(msgpack_packer *pk, const char *const *s, int n)
{
	msgpack_pack_array(pk, (size_t)n);
	for (int i = 0; i < n; i++)
		zj_pack_cstr(pk, s[i]);
}

void state_write_header(const struct query *q, const char *const *where, int nwhere, int keep_dups)
{
	msgpack_packer *pk = zj_pk();
	const char *m[MAXMEASURES];

	for (int i = 0; i < q->nmeasures; i++)
		m[i] = measure_name(q->measures[i]);
	msgpack_pack_map(pk, 7);
	zj_pack_cstr(pk, "t");
	zj_pack_cstr(pk, "state");
	zj_pack_cstr(pk, "table");
	zj_pack_cstr(pk, q->table->name);
	zj_pack_cstr(pk, "key");
	pack_strs(pk, q->keys, q->nkeys);
	zj_pack_cstr(pk, "measure");
	pack_strs(pk, m, q->nmeasures);
	zj_pack_cstr(pk, "where");
	pack_strs(pk, where, nwhere);
	zj_pack_cstr(pk, "keep_dups");
	if (keep_dups)
		msgpack_pack_true(pk);
	else
		msgpack_pack_false(pk);
	zj_pack_cstr(pk, "money_unit");
	zj_pack_cstr(pk, q->money_unit);
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
	msgpack_pack_array(pk, NRTYPES);
	for (int t = 0; t < NRTYPES; t++)
		msgpack_pack_uint64(pk, a->count[t]);
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

void state_write_groups(struct group **g, size_t n, int nkeys)
{
	for (size_t i = 0; i < n; i++)
		write_group(g[i], nkeys);
}

/* ---- merging ---- */

struct merger {
	struct query *q;
	unsigned asked;         /* ASKED_TABLE, ASKED_UNIT: given on the command line */
	msgpack_sbuffer header; /* the first state header, as read */
	msgpack_unpacked hdr;
	char *names[MAXKEYS + 1];
	int nnames;
	struct keybuf key;
};

struct merger *merger_new(struct query *q, unsigned asked)
{
	struct merger *m = zj_malloc(sizeof *m);

	memset(m, 0, sizeof *m);
	m->q = q;
	m->asked = asked;
	msgpack_sbuffer_init(&m->header);
	msgpack_unpacked_init(&m->hdr);
	return m;
}

void merger_free(struct merger *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->nnames; i++)
		free(m->names[i]);
	msgpack_sbuffer_destroy(&m->header);
	msgpack_unpacked_destroy(&m->hdr);
	free(m->key.p);
	free(m);
}

int merger_write_header(struct merger *m)
{
	if (!m->header.size)
		return 0;
	msgpack_pack_object(zj_pk(), m->hdr.data);
	zj_emit();
	return 1;
}

static const msgpack_object *need(const struct zj_rec *rec, const char *key, msgpack_object_type type)
{
	const msgpack_object *o = zj_rec_get(rec, key);

	if (!o || o->type != type)
		zj_rec_fail(rec, "state record without a proper '%s'", key);
	return o;
}

static char *name_of(struct merger *m, const struct zj_rec *rec, const msgpack_object *o)
{
	if (o->type != MSGPACK_OBJECT_STR)
		zj_rec_fail(rec, "state header: a name is not a string");
	return m->names[m->nnames++] = zj_strndup(o->via.str.ptr, o->via.str.size);
}

static int same_query(const struct query *a, const struct query *b)
{
	if (a->table != b->table || a->nkeys != b->nkeys || a->nmeasures != b->nmeasures)
		return 0;
	for (int i = 0; i < a->nkeys; i++)
		if (strcmp(a->keys[i], b->keys[i]))
			return 0;
	return !memcmp(a->measures, b->measures, sizeof a->measures[0] * (size_t)a->nmeasures);
}

/* The query of the first header; it must be the one asked for, if any. */
static void adopt_header(struct merger *m, const struct zj_rec *rec)
{
	const char *name = name_of(m, rec, need(rec, "table", MSGPACK_OBJECT_STR));
	const msgpack_object_array *keys = &need(rec, "key", MSGPACK_OBJECT_ARRAY)->via.array;
	const msgpack_object_array *ms = &need(rec, "measure", MSGPACK_OBJECT_ARRAY)->via.array;
	const msgpack_object *unit = need(rec, "money_unit", MSGPACK_OBJECT_STR);
	struct query q = *m->q;

	q.table = strcmp(name, "by") ? table_find(name) : &by_table;
	if (!q.table || keys->size > MAXKEYS || ms->size > MAXMEASURES || (q.table == &by_table && !ms->size))
		zj_rec_fail(rec, "state header of an unknown table");
	q.nkeys = (int)keys->size;
	for (uint32_t i = 0; i < keys->size; i++)
		q.keys[i] = name_of(m, rec, &keys->ptr[i]);
	q.nmeasures = (int)ms->size;
	for (uint32_t i = 0; i < ms->size; i++)
		if (ms->ptr[i].type != MSGPACK_OBJECT_STR ||
		    !measure_parse(ms->ptr[i].via.str.ptr, ms->ptr[i].via.str.size, &q.measures[i]))
			zj_rec_fail(rec, "state header with an unknown measure");
	if ((m->asked & ASKED_TABLE) && !same_query(&q, m->q))
		zj_rec_fail(rec, "the state is of another table than the one asked for");
	if (!(m->asked & ASKED_UNIT) && !money_unit(&q, unit->via.str.ptr, unit->via.str.size))
		zj_rec_fail(rec, "state header with an unknown money unit");
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
	if (msgpack_unpack_next(&m->hdr, m->header.data, m->header.size, &off) != MSGPACK_UNPACK_SUCCESS)
		zj_die("internal error: cannot re-read a record");
}

static uint64_t need_count(const struct zj_rec *rec, const char *key)
{
	return (uint64_t)need(rec, key, MSGPACK_OBJECT_POSITIVE_INTEGER)->via.u64;
}

static void need_counts(const struct zj_rec *rec, uint64_t *count)
{
	const msgpack_object_array *a = &need(rec, "count", MSGPACK_OBJECT_ARRAY)->via.array;

	if (a->size != NRTYPES)
		zj_rec_fail(rec, "state record without a proper 'count'");
	for (int t = 0; t < NRTYPES; t++) {
		if (a->ptr[t].type != MSGPACK_OBJECT_POSITIVE_INTEGER)
			zj_rec_fail(rec, "state record without a proper 'count'");
		count[t] = a->ptr[t].via.u64;
	}
}

static double need_number(const struct zj_rec *rec, const char *key)
{
	double d;

	if (!obj_number(zj_rec_get(rec, key), &d))
		zj_rec_fail(rec, "state record without a proper '%s'", key);
	return d;
}

static int sum_part(const msgpack_object *o, __int128 *x)
{
	return o->type == MSGPACK_OBJECT_STR && int128_parse(o->via.str.ptr, o->via.str.size, x);
}

static void read_acc(const struct zj_rec *rec, struct acc *a)
{
	const msgpack_object_array *sum = &need(rec, "sum", MSGPACK_OBJECT_ARRAY)->via.array;

	memset(a, 0, sizeof *a);
	need_counts(rec, a->count);
	a->docs = need_count(rec, "docs");
	a->n = need_count(rec, "n");
	if (sum->size != 2 || !sum_part(&sum->ptr[0], &a->whole) || !sum_part(&sum->ptr[1], &a->frac))
		zj_rec_fail(rec, "state record without a proper 'sum'");
	if (a->n) {
		a->min = need_number(rec, "min");
		a->max = need_number(rec, "max");
	}
}

static void merge_group(struct merger *m, struct groups *gs, const struct zj_rec *rec)
{
	const msgpack_object_array *key;
	struct acc a;
	struct val v;

	if (!m->header.size)
		zj_rec_fail(rec, "a group before its state header");
	key = &need(rec, "key", MSGPACK_OBJECT_ARRAY)->via.array;
	if ((int)key->size != m->q->nkeys)
		zj_rec_fail(rec, "a group with %u keys in a state of %d", key->size, m->q->nkeys);
	key_reset(&m->key);
	for (uint32_t i = 0; i < key->size; i++) {
		val_from_obj(&v, &key->ptr[i]);
		key_add(&m->key, &v);
	}
	read_acc(rec, &a);
	acc_merge(&groups_get(gs, &m->key)->acc, &a);
}

void merge_stream(struct merger *m, struct zj_reader *r, struct groups *gs)
{
	struct zj_rec rec;

	while (zj_reader_next(r, &rec)) {
		if (zj_rec_is(&rec, "state"))
			merge_header(m, &rec);
		else if (zj_rec_is(&rec, "group"))
			merge_group(m, gs, &rec);
		else
			zj_rec_fail(&rec, "not a partial state (made by zj-aggregate --partial)");
	}
}
