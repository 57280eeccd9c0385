/* Values of group keys and cells: conversion, order, text, encoding. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"

static void set_str(struct val *v, const char *s, size_t n)
{
	v->type = n ? V_STR : V_NONE;
	v->s = s;
	v->n = n;
}

static void set_double(struct val *v, double d)
{
	if (isnan(d)) {
		v->type = V_NONE;
	} else if (d == floor(d) && fabs(d) < 9.2e18) {
		v->type = V_INT;
		v->i = (int64_t)d;
	} else {
		v->type = V_FLOAT;
		v->f = d;
	}
}

void val_from_obj(struct val *v, const msgpack_object *o)
{
	v->type = V_NONE;
	if (!o)
		return;
	switch (o->type) {
	case MSGPACK_OBJECT_BOOLEAN:
		set_str(v, o->via.boolean ? "true" : "false", o->via.boolean ? 4 : 5);
		break;
	case MSGPACK_OBJECT_POSITIVE_INTEGER:
		if (o->via.u64 > INT64_MAX) {
			set_double(v, (double)o->via.u64);
			break;
		}
		/* fall through */
	case MSGPACK_OBJECT_NEGATIVE_INTEGER:
		v->type = V_INT;
		v->i = o->via.i64;
		break;
	case MSGPACK_OBJECT_FLOAT32:
	case MSGPACK_OBJECT_FLOAT64:
		set_double(v, o->via.f64);
		break;
	case MSGPACK_OBJECT_STR:
	case MSGPACK_OBJECT_BIN:
		set_str(v, o->via.str.ptr, o->via.str.size);
		break;
	default:        /* nil; arrays and maps are not keys */
		break;
	}
}

int obj_number(const msgpack_object *o, double *d)
{
	if (!o)
		return 0;
	switch (o->type) {
	case MSGPACK_OBJECT_POSITIVE_INTEGER:
		*d = (double)o->via.u64;
		return 1;
	case MSGPACK_OBJECT_NEGATIVE_INTEGER:
		*d = (double)o->via.i64;
		return 1;
	case MSGPACK_OBJECT_FLOAT32:
	case MSGPACK_OBJECT_FLOAT64:
		*d = o->via.f64;
		return 1;
	default:
		return 0;
	}
}

/* The shortest %g form that reads back as the same double. */
static void shortest_double(double d, char *buf, size_t size)
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			return;
	}
}

const char *val_text(const struct val *v, char *buf, size_t *len)
{
	switch (v->type) {
	case V_INT:
		*len = (size_t)snprintf(buf, 32, "%lld", (long long)v->i);
		return buf;
	case V_FLOAT:
		shortest_double(v->f, buf, 32);
		*len = strlen(buf);
		return buf;
	case V_STR:
		*len = v->n;
		return v->s;
	default:
		*len = 0;
		return "";
	}
}

void fmt_float(double d, char *buf, size_t size)
{
	char *end;

	snprintf(buf, size, "%.6f", d);
	end = buf + strlen(buf);
	while (end[-1] == '0')
		end--;
	if (end[-1] == '.')
		end--;
	*end = '\0';
	if (!strcmp(buf, "-0"))
		strcpy(buf, "0");
}

static int isdigit_byte(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Compare the digit runs at a and b by their number. */
static int digits_cmp(const unsigned char **a, const unsigned char *ae,
                      const unsigned char **b, const unsigned char *be)
{
	const unsigned char *p = *a, *q = *b, *ps, *qs;

	while (p < ae && *p == '0')
		p++;
	while (q < be && *q == '0')
		q++;
	for (ps = p; p < ae && isdigit_byte(*p); p++)
		;
	for (qs = q; q < be && isdigit_byte(*q); q++)
		;
	*a = p;
	*b = q;
	if (p - ps != q - qs)
		return p - ps < q - qs ? -1 : 1;
	return memcmp(ps, qs, (size_t)(p - ps));
}

static int natural_cmp(const char *as, size_t an, const char *bs, size_t bn)
{
	const unsigned char *a = (const void *)as, *ae = a + an;
	const unsigned char *b = (const void *)bs, *be = b + bn;
	int c;

	while (a < ae && b < be) {
		if (isdigit_byte(*a) && isdigit_byte(*b)) {
			if ((c = digits_cmp(&a, ae, &b, be)))
				return c;
			continue;
		}
		if (*a != *b)
			return *a < *b ? -1 : 1;
		a++, b++;
	}
	if (a < ae || b < be)
		return a < ae ? 1 : -1;
	/* "01" and "1": still a total order */
	c = memcmp(as, bs, an < bn ? an : bn);
	return c ? c : (an > bn) - (an < bn);
}

static double as_double(const struct val *v)
{
	return v->type == V_INT ? (double)v->i : v->f;
}

int val_cmp(const struct val *a, const struct val *b)
{
	int an = a->type <= V_FLOAT, bn = b->type <= V_FLOAT;

	if (an && bn) {
		if (a->type == V_INT && b->type == V_INT)
			return (a->i > b->i) - (a->i < b->i);
		return (as_double(a) > as_double(b)) - (as_double(a) < as_double(b));
	}
	if (an != bn)
		return an ? -1 : 1;
	if (a->type != b->type)
		return a->type == V_STR ? -1 : 1;
	if (a->type == V_NONE)
		return 0;
	return natural_cmp(a->s, a->n, b->s, b->n);
}

void val_pack(msgpack_packer *pk, const struct val *v)
{
	switch (v->type) {
	case V_INT:
		msgpack_pack_int64(pk, v->i);
		break;
	case V_FLOAT:
		msgpack_pack_double(pk, v->f);
		break;
	case V_STR:
		zj_pack_str(pk, v->s, v->n);
		break;
	default:
		msgpack_pack_nil(pk);
	}
}

/* ---- keys: a type byte, then 8 bytes of number or a length and bytes ---- */

static void key_put(struct keybuf *k, const void *p, size_t n)
{
	if (k->len + n > k->cap) {
		k->cap = (k->len + n) * 2 + 64;
		k->p = zj_realloc(k->p, k->cap);
	}
	memcpy(k->p + k->len, p, n);
	k->len += n;
}

void key_reset(struct keybuf *k)
{
	k->len = 0;
}

void key_add(struct keybuf *k, const struct val *v)
{
	unsigned char type = (unsigned char)v->type;
	uint32_t n;

	key_put(k, &type, 1);
	switch (v->type) {
	case V_INT:
		key_put(k, &v->i, sizeof v->i);
		break;
	case V_FLOAT:
		key_put(k, &v->f, sizeof v->f);
		break;
	case V_STR:
		if (v->n > UINT32_MAX)
			zj_die("a key value of %zu bytes is too long", v->n);
		n = (uint32_t)v->n;
		key_put(k, &n, sizeof n);
		key_put(k, v->s, v->n);
		break;
	default:
		break;
	}
}

void key_next(const char *key, size_t *pos, struct val *v)
{
	uint32_t n;

	v->type = (enum val_type)(unsigned char)key[(*pos)++];
	switch (v->type) {
	case V_INT:
		memcpy(&v->i, key + *pos, sizeof v->i);
		*pos += sizeof v->i;
		break;
	case V_FLOAT:
		memcpy(&v->f, key + *pos, sizeof v->f);
		*pos += sizeof v->f;
		break;
	case V_STR:
		memcpy(&n, key + *pos, sizeof n);
		v->s = key + *pos + sizeof n;
		v->n = n;
		*pos += sizeof n + n;
		break;
	default:
		break;
	}
}
