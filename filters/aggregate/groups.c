/* Groups in a hash table, and what each accumulates. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"

#define FRAC_BITS 60
/* Above this a value's integer part could overflow the sum too soon. */
#define MAX_SUMMABLE 0x1p100

#define NRECENT 4

struct groups {
	/* The groups used last, most recent first: records in a row often
	 * take turns among a few groups (a sentence, its numbers, ...). */
	struct group *recent[NRECENT];
	struct group **slot;
	size_t nslots, n;       /* nslots: a power of two */
	struct group **sorted;
};

struct groups *groups_new(void)
{
	struct groups *gs = zj_malloc(sizeof *gs);

	gs->nslots = 1024;
	gs->n = 0;
	gs->slot = calloc(gs->nslots, sizeof *gs->slot);
	if (!gs->slot)
		zj_die("out of memory");
	gs->sorted = NULL;
	memset(gs->recent, 0, sizeof gs->recent);
	return gs;
}

void groups_free(struct groups *gs)
{
	for (size_t i = 0; i < gs->nslots; i++)
		free(gs->slot[i]);
	free(gs->slot);
	free(gs->sorted);
	free(gs);
}

/* Eight bytes at a time, mixed by multiplication (after wyhash's idea). */
static uint64_t mix(uint64_t h, uint64_t w)
{
	__uint128_t m = (__uint128_t)(h ^ w) * 0x9e3779b97f4a7c15ULL;

	return (uint64_t)m ^ (uint64_t)(m >> 64);
}

static uint64_t hash_bytes(const char *p, size_t n)
{
	uint64_t h = 0x243f6a8885a308d3ULL ^ n, w;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = mix(h, w);
	}
	w = 0;
	memcpy(&w, p, n);
	return mix(h, w);
}

static void grow(struct groups *gs)
{
	size_t nslots = gs->nslots * 2;
	struct group **slot = calloc(nslots, sizeof *slot);

	if (!slot)
		zj_die("out of memory");
	for (size_t i = 0; i < gs->nslots; i++) {
		struct group *g = gs->slot[i];
		size_t j;

		if (!g)
			continue;
		for (j = g->hash & (nslots - 1); slot[j]; j = (j + 1) & (nslots - 1))
			;
		slot[j] = g;
	}
	free(gs->slot);
	gs->slot = slot;
	gs->nslots = nslots;
}

static struct group *group_new(const struct keybuf *k, uint64_t hash)
{
	struct group *g = zj_malloc(sizeof *g + k->len);

	memset(&g->acc, 0, sizeof g->acc);
	g->hash = hash;
	g->keylen = k->len;
	memcpy(g->key, k->p, k->len);
	return g;
}

static int same_key(const struct group *g, const struct keybuf *k)
{
	return g->keylen == k->len && !memcmp(g->key, k->p, k->len);
}

static struct group *lookup(struct groups *gs, const struct keybuf *k)
{
	uint64_t h = hash_bytes(k->p, k->len);
	size_t i = h & (gs->nslots - 1);
	struct group *g;

	for (; (g = gs->slot[i]); i = (i + 1) & (gs->nslots - 1))
		if (g->hash == h && same_key(g, k))
			return g;
	g = gs->slot[i] = group_new(k, h);
	if (++gs->n * 2 > gs->nslots)
		grow(gs);
	return g;
}

struct group *groups_get(struct groups *gs, const struct keybuf *k)
{
	struct group *g;
	int i;

	for (i = 0; i < NRECENT && gs->recent[i]; i++)
		if (same_key(gs->recent[i], k))
			break;
	g = i < NRECENT && gs->recent[i] ? gs->recent[i] : lookup(gs, k);
	if (i == NRECENT)
		i--;
	memmove(gs->recent + 1, gs->recent, (size_t)i * sizeof gs->recent[0]);
	gs->recent[0] = g;
	return g;
}

static int group_cmp(const void *pa, const void *pb)
{
	const struct group *a = *(struct group *const *)pa, *b = *(struct group *const *)pb;
	size_t i = 0, j = 0;
	struct val va, vb;
	int c;

	while (i < a->keylen && j < b->keylen) {
		size_t i0 = i, j0 = j;

		key_next(a->key, &i, &va);
		key_next(b->key, &j, &vb);
		/* Values are encoded one way only: the same bytes, the same
		 * value, and no need to compare them in natural order. */
		if (i - i0 == j - j0 && !memcmp(a->key + i0, b->key + j0, i - i0))
			continue;
		if ((c = val_cmp(&va, &vb)))
			return c;
	}
	return (i < a->keylen) - (j < b->keylen);
}

struct group **groups_sorted(struct groups *gs, size_t *n)
{
	size_t k = 0;

	gs->sorted = zj_realloc(gs->sorted, (gs->n ? gs->n : 1) * sizeof *gs->sorted);
	for (size_t i = 0; i < gs->nslots; i++)
		if (gs->slot[i])
			gs->sorted[k++] = gs->slot[i];
	qsort(gs->sorted, k, sizeof *gs->sorted, group_cmp);
	*n = k;
	return gs->sorted;
}

/* ---- accumulators ---- */

static void add128(__int128 *sum, __int128 x)
{
	if (__builtin_add_overflow(*sum, x, sum))
		zj_die("a sum overflows (its values are too large to add up exactly)");
}

void acc_add_value(struct acc *a, double v, const struct zj_rec *rec)
{
	double whole = trunc(v);

	if (!(fabs(v) < MAX_SUMMABLE))
		zj_rec_fail(rec, "value %g is too large to be summed", v);
	add128(&a->whole, (__int128)whole);
	/* Exact: scaling by a power of two; bits below 2^-60 are cut the
	 * same way whatever the order of the values. */
	add128(&a->frac, (__int128)ldexp(v - whole, FRAC_BITS));
	if (!a->n || v < a->min)
		a->min = v;
	if (!a->n || v > a->max)
		a->max = v;
	a->n++;
}

void acc_merge(struct acc *into, const struct acc *from)
{
	for (int t = 0; t < NRTYPES; t++)
		into->count[t] += from->count[t];
	into->docs += from->docs;
	if (from->n) {
		if (!into->n || from->min < into->min)
			into->min = from->min;
		if (!into->n || from->max > into->max)
			into->max = from->max;
	}
	into->n += from->n;
	add128(&into->whole, from->whole);
	add128(&into->frac, from->frac);
}

uint64_t acc_count(const struct acc *a)
{
	uint64_t n = 0;

	for (int t = 0; t < NRTYPES; t++)
		n += a->count[t];
	return n;
}

double acc_sum(const struct acc *a)
{
	__int128 carry = a->frac / ((__int128)1 << FRAC_BITS);
	__int128 rest = a->frac - carry * ((__int128)1 << FRAC_BITS);

	return (double)(a->whole + carry) + ldexp((double)rest, -FRAC_BITS);
}

void int128_text(__int128 x, char *buf)
{
	char tmp[48];
	int n = 0, neg = x < 0;

	do {
		int d = (int)(x % 10);
		tmp[n++] = (char)('0' + (d < 0 ? -d : d));
		x /= 10;
	} while (x);
	if (neg)
		*buf++ = '-';
	while (n)
		*buf++ = tmp[--n];
	*buf = '\0';
}

int int128_parse(const char *s, size_t n, __int128 *x)
{
	size_t i = 0;
	int neg = 0;

	*x = 0;
	if (n && s[0] == '-')
		neg = 1, i = 1;
	if (i == n || n - i > 39)
		return 0;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		if (__builtin_mul_overflow(*x, 10, x) ||
		    __builtin_add_overflow(*x, neg ? -(s[i] - '0') : s[i] - '0', x))
			return 0;
	}
	return 1;
}
