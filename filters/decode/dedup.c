/* Near-duplicates: a bottom-k MinHash sketch of each document's 3-character
 * shingles (Han letters and digits only, so layout and punctuation do not
 * count); the Jaccard similarity of two documents is estimated from the k
 * smallest hashes of the union of their sketches. */
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "decode.h"

#define K 128
#define SHINGLE 3

struct sketch {
	char *id;
	uint64_t h[K];          /* ascending */
	size_t n;
};

static struct sketch *seen;
static size_t nseen;

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static int counts(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 'a' && cp <= 'z');
}

/* Keep h among the K smallest distinct hashes. */
static void keep(struct sketch *s, uint64_t h)
{
	size_t lo = 0, hi = s->n;

	if (s->n == K && h >= s->h[K - 1])
		return;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->h[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->n && s->h[lo] == h)
		return;
	if (s->n < K)
		s->n++;
	memmove(s->h + lo + 1, s->h + lo, (s->n - 1 - lo) * sizeof *s->h);
	s->h[lo] = h;
}

static void sketch_of(const char *text, size_t n, struct sketch *s)
{
	uint32_t last[SHINGLE] = { 0 };
	size_t i = 0, have = 0;

	s->n = 0;
	while (i < n) {
		uint32_t cp;

		i += (size_t)zj_utf8_decode((const unsigned char *)text + i, n - i, &cp);
		if (!counts(cp))
			continue;
		memmove(last, last + 1, (SHINGLE - 1) * sizeof *last);
		last[SHINGLE - 1] = cp;
		if (++have >= SHINGLE)
			keep(s, mix(((uint64_t)last[0] << 42) ^ ((uint64_t)last[1] << 21) ^ last[2]));
	}
}

static double similarity(const struct sketch *a, const struct sketch *b)
{
	size_t i = 0, j = 0, taken = 0, both = 0;

	while (taken < K && (i < a->n || j < b->n)) {
		if (j == b->n || (i < a->n && a->h[i] < b->h[j])) {
			i++;
		} else if (i == a->n || b->h[j] < a->h[i]) {
			j++;
		} else {
			both++;
			i++;
			j++;
		}
		taken++;
	}
	return taken ? (double)both / (double)taken : 0;
}

const char *dedup_check(const char *id, const char *text, size_t n, double threshold)
{
	struct sketch s;
	size_t i;
	const char *dup = NULL;

	sketch_of(text, n, &s);
	for (i = 0; i < nseen && !dup; i++)
		if (s.n && similarity(&s, &seen[i]) >= threshold)
			dup = seen[i].id;
	s.id = zj_strdup(id);
	seen = zj_realloc(seen, (nseen + 1) * sizeof *seen);
	seen[nseen++] = s;
	return dup;
}
