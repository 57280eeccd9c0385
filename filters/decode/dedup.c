/* Near-duplicates: a MinHash sketch of each document's 3-character
 * shingles (Han characters, letters and digits only, so that layout and
 * punctuation do not count), made with one hash and K bins (one-permutation
 * hashing). Two documents' Jaccard similarity is the share of agreeing
 * bins. Earlier documents are found by locality-sensitive hashing: the
 * bins in BANDS bands, a document is compared with those that share a
 * whole band, so a run costs time in proportion to its documents. */
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "decode.h"

#define K 128
#define BANDS 32                /* of K / BANDS bins: at 0.9 a pair shares one with p > 0.999 */
#define ROWS (K / BANDS)
#define SHINGLE 3
#define MIN_SHINGLES 20         /* shorter texts are not judged */
#define EMPTY UINT64_MAX

struct sketch {
	char *id;
	uint64_t bin[K];
};

struct entry {
	uint64_t key;
	size_t doc, next;
};

static struct sketch *docs;
static size_t ndocs;
static struct entry *entries;
static size_t nentries, cap, *heads, nheads;    /* chains of entries; (size_t)-1 ends one */

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

/* The sketch of a text; the number of shingles it saw. */
static size_t sketch_of(const char *text, size_t n, struct sketch *s)
{
	uint64_t last = 0;
	size_t i = 0, have = 0;

	for (i = 0; i < K; i++)
		s->bin[i] = EMPTY;
	i = 0;
	while (i < n) {
		uint32_t cp;
		uint64_t h;

		i += (size_t)utf8_next(text + i, n - i, &cp);
		if (!counts(cp))
			continue;
		last = (last << 21 | cp) & ((1ULL << 63) - 1);
		if (++have < SHINGLE)
			continue;
		h = last * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 31;
		if ((h & (EMPTY >> 7)) < s->bin[h >> 57])
			s->bin[h >> 57] = h & (EMPTY >> 7);
	}
	return have;
}

static double similarity(const struct sketch *a, const struct sketch *b)
{
	size_t i, same = 0, some = 0;

	for (i = 0; i < K; i++) {
		if (a->bin[i] == EMPTY && b->bin[i] == EMPTY)
			continue;
		some++;
		same += a->bin[i] == b->bin[i];
	}
	return some ? (double)same / (double)some : 0;
}

static uint64_t band_key(const struct sketch *s, size_t band)
{
	uint64_t k = mix(band + 1);
	size_t i;

	for (i = band * ROWS; i < (band + 1) * ROWS; i++)
		k = mix(k ^ s->bin[i]);
	return k;
}

static void rehash(void)
{
	size_t i;

	free(heads);
	nheads = nheads ? nheads * 4 : 1024;
	heads = zj_malloc(nheads * sizeof *heads);
	memset(heads, 0xff, nheads * sizeof *heads);
	for (i = 0; i < nentries; i++) {
		size_t h = entries[i].key & (nheads - 1);

		entries[i].next = heads[h];
		heads[h] = i;
	}
}

static void remember(size_t doc, uint64_t key)
{
	size_t h;

	if (nentries == cap) {
		cap = cap ? cap * 2 : 1024;
		entries = zj_realloc(entries, cap * sizeof *entries);
	}
	if (nentries + 1 > nheads * 2)
		rehash();
	h = key & (nheads - 1);
	entries[nentries] = (struct entry){ key, doc, heads[h] };
	heads[h] = nentries++;
}

const char *dedup_check(const char *id, const char *text, size_t n, double threshold)
{
	struct sketch s;
	size_t band, e, best = (size_t)-1;

	if (sketch_of(text, n, &s) < MIN_SHINGLES)
		return NULL;
	for (band = 0; band < BANDS && nheads; band++) {
		uint64_t key = band_key(&s, band);

		for (e = heads[key & (nheads - 1)]; e != (size_t)-1; e = entries[e].next)
			if (entries[e].key == key && entries[e].doc < best &&
			    similarity(&s, &docs[entries[e].doc]) >= threshold)
				best = entries[e].doc;
	}
	s.id = zj_strdup(id);
	docs = zj_realloc(docs, (ndocs + 1) * sizeof *docs);
	docs[ndocs] = s;
	for (band = 0; band < BANDS; band++)
		remember(ndocs, band_key(&s, band));
	ndocs++;
	return best == (size_t)-1 ? NULL : docs[best].id;
}
