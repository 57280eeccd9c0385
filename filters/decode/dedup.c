/* Near-duplicates: a MinHash sketch of each document's 3-character
 * shingles (Han characters, letters and digits only, so that layout and
 * punctuation do not count), made with one hash and K bins (one-permutation
 * hashing). Two documents' Jaccard similarity is the share of agreeing
 * bins. Earlier documents are found by locality-sensitive hashing: the bins
 * in bands, a document is compared only with those that share a whole
 * band, so a run costs time in proportion to its documents. Wider bands
 * find fewer pairs that are merely alike; the width follows the threshold. */
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "decode.h"

#define K 128
#define SHINGLE 3
#define MIN_SHINGLES 20         /* shorter texts are not judged */
/* Documents compared with each new one at most, the earliest first. A
 * family of texts alike but below the threshold (one form filled in for
 * each school) shares bands with one another: each would be compared with
 * all the others. */
#define MAX_COMPARED 256
#define EMPTY UINT64_MAX
/* A bin keeps 32 bits of its minimum: two different minima look the same
 * once in 2^32, and a run keeps about 800 bytes a document. */
#define NONE UINT32_MAX

struct sketch {
	char *id;
	uint32_t checked;       /* the last document compared with it, + 1 */
	uint32_t bin[K];
};

struct entry {
	uint64_t key;
	uint32_t doc, next;
};

/* Bins a band for a threshold: a pair at the threshold shares a band with
 * p > 0.99 (8 bins, 16 bands: 0.9 gives 0.9999, 0.85 0.996, and a pair at
 * 0.5 only 0.06). */
static size_t rows_for(double threshold)
{
	return threshold >= 0.85 ? 8 : threshold >= 0.7 ? 4 : threshold >= 0.5 ? 2 : 1;
}

static struct sketch *docs;
static size_t ndocs, docs_cap;
static struct entry *entries;
/* chains of entries, each from its oldest entry (heads) to its newest
 * (tails); NONE ends one */
static uint32_t *heads, *tails;
static size_t nentries, cap, nheads;

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

/* Characters that count, as the sketch numbers them: a Han character by
 * its three bytes (U+3400 is E3 90 80, U+9FFF E9 BF BF), an ASCII letter
 * or digit after them. Reading a character's bytes costs less than
 * decoding it. */
#define HAN_FIRST 0xE39080u
#define HAN_LAST 0xE9BFBFu
#define ASCII_BASE (HAN_LAST - HAN_FIRST + 1)

static int letter_or_digit(unsigned c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* The four bytes at t, the first the highest: one load, byte-swapped on
 * little-endian machines (compilers see the pattern). */
static uint32_t big_endian32(const unsigned char *t)
{
	return (uint32_t)t[0] << 24 | (uint32_t)t[1] << 16 | (uint32_t)t[2] << 8 | t[3];
}

/* The sketch of a text (text[n] readable: dedup_check's texts end with a
 * NUL); the number of characters that counted. */
static size_t sketch_of(const char *text, size_t n, struct sketch *s)
{
	const unsigned char *t = (const unsigned char *)text;
	uint64_t last = 0, bin[K];
	size_t i = 0, have = 0;

	for (i = 0; i < K; i++)
		bin[i] = EMPTY;
	i = 0;
	while (i < n) {
		uint32_t c;
		uint64_t h, *b;

		if ((t[i] & 0xF0) == 0xE0 && i + 2 < n) {
			c = (big_endian32(t + i) >> 8) - HAN_FIRST;
			i += 3;
			if (c > HAN_LAST - HAN_FIRST)
				continue;
		} else if (t[i] < 0x80) {
			c = t[i++];
			if (!letter_or_digit(c))
				continue;
			c += ASCII_BASE;
		} else {
			/* two- and four-byte characters do not count */
			i++;
			continue;
		}
		last = (last << 21 | c) & ((1ULL << 63) - 1);
		if (++have < SHINGLE)
			continue;
		h = last * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 31;
		/* stored always, with no branch: in a document a new minimum
		 * is not rare enough to predict */
		b = &bin[h >> 57];
		*b = (h & (EMPTY >> 7)) < *b ? h & (EMPTY >> 7) : *b;
	}
	for (i = 0; i < K; i++)
		s->bin[i] = bin[i] == EMPTY ? NONE : (uint32_t)(bin[i] % NONE);
	return have;
}

/* Is the share of agreeing bins (among those not empty in both) at least
 * threshold? Stops as soon as too many disagree. */
static int similar(const struct sketch *a, const struct sketch *b, double threshold)
{
	size_t i, both_empty = 0, differ = 0, allowed = (size_t)((1 - threshold) * K);

	for (i = 0; i < K; i++) {
		if (a->bin[i] == b->bin[i]) {
			both_empty += a->bin[i] == NONE;
		} else if (++differ > allowed) {
			return 0;
		}
	}
	return K - both_empty > 0 && (double)(K - both_empty - differ) >= threshold * (double)(K - both_empty);
}

/* The key of a band, or NO_KEY when all its bins are empty. A short text
 * leaves most bins empty, and a band of empty bins is the same in every
 * short text: each would be a candidate of every other. */
#define NO_KEY 0
static uint64_t band_key(const struct sketch *s, size_t band, size_t rows)
{
	uint64_t k = mix(band + 1);
	size_t i;
	int empty = 1;

	for (i = band * rows; i < (band + 1) * rows; i++) {
		k = mix(k ^ s->bin[i]);
		empty &= s->bin[i] == NONE;
	}
	return empty ? NO_KEY : k + (k == NO_KEY);
}

static void append(size_t i)
{
	size_t h = entries[i].key & (nheads - 1);

	entries[i].next = NONE;
	if (heads[h] == NONE)
		heads[h] = (uint32_t)i;
	else
		entries[tails[h]].next = (uint32_t)i;
	tails[h] = (uint32_t)i;
}

static void rehash(void)
{
	size_t i;

	free(heads);
	free(tails);
	nheads = nheads ? nheads * 4 : 1024;
	heads = zj_malloc(nheads * sizeof *heads);
	tails = zj_malloc(nheads * sizeof *tails);
	memset(heads, 0xff, nheads * sizeof *heads);
	for (i = 0; i < nentries; i++)
		append(i);
}

static void remember(size_t doc, uint64_t key)
{
	if (nentries == cap) {
		cap = cap ? cap * 2 : 1024;
		if (cap >= NONE)
			zj_die("too many documents for the near-duplicate check (try --dup-threshold 0)");
		entries = zj_realloc(entries, cap * sizeof *entries);
	}
	if (nentries + 1 > nheads * 2)
		rehash();
	entries[nentries].key = key;
	entries[nentries].doc = (uint32_t)doc;
	append(nentries++);
}

/* The chain of each band key: the chains lie scattered through memory, so
 * all their first entries are fetched ahead, not waited for band by band. */
static void chains_of(const uint64_t *key, size_t nbands, uint32_t *chain)
{
	size_t band;

	for (band = 0; band < nbands; band++)
		__builtin_prefetch(&heads[key[band] & (nheads - 1)]);
	for (band = 0; band < nbands; band++)
		if ((chain[band] = key[band] == NO_KEY ? NONE : heads[key[band] & (nheads - 1)]) != NONE)
			__builtin_prefetch(&entries[chain[band]]);
}

const char *dedup_check(const char *id, const char *text, size_t n, double threshold)
{
	struct sketch s;
	size_t band, e, best = (size_t)-1, rows = rows_for(threshold), nbands = K / rows, compared = 0;
	uint64_t key[K];
	uint32_t chain[K];

	if (sketch_of(text, n, &s) < MIN_SHINGLES)
		return NULL;
	for (band = 0; band < nbands; band++)
		key[band] = band_key(&s, band, rows);
	if (nheads)
		chains_of(key, nbands, chain);
	/* the earliest similar document: a chain runs from its oldest entry,
	 * so it is read only up to the first similar document or the best
	 * found in another band (a text republished a thousand times costs
	 * one comparison, not a thousand) */
	for (band = 0; band < nbands && nheads && compared < MAX_COMPARED; band++)
		for (e = chain[band]; e != NONE && entries[e].doc < best && compared < MAX_COMPARED;
		     e = entries[e].next) {
			size_t d = entries[e].doc;

			if (entries[e].key != key[band] || docs[d].checked == ndocs + 1)
				continue;
			docs[d].checked = (uint32_t)(ndocs + 1);
			compared++;
			if (similar(&s, &docs[d], threshold)) {
				best = d;
				break;
			}
		}
	s.id = zj_strdup(id);
	s.checked = 0;
	if (ndocs == docs_cap) {
		docs_cap = docs_cap ? docs_cap * 2 : 1024;
		docs = zj_realloc(docs, docs_cap * sizeof *docs);
	}
	docs[ndocs] = s;
	for (band = 0; band < nbands; band++)
		if (key[band] != NO_KEY)
			remember(ndocs, key[band]);
	ndocs++;
	return best == (size_t)-1 ? NULL : docs[best].id;
}
